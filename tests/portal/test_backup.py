import hashlib
import io
import json
import tarfile
from pathlib import Path

import pytest
import reversion
from django.contrib.auth.models import Group, Permission, User
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from reversion.models import Version

from feedback.models import Rating
from news.models import Article
from tests.factories import jpeg, make_article

# Committed rows, as in real use: PostgreSQL refuses to empty tables whose
# deferred constraint checks are still pending in an open transaction.
pytestmark = pytest.mark.django_db(transaction=True)


def media_digests(root):
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in Path(root).rglob("*")
        if path.is_file()
    }


def snapshot():
    """What must survive: articles in three languages, ratings, versions, users, groups."""
    return {
        "articles": sorted(
            Article.objects.values_list(
                "pk", "title_ar", "title_en", "title_fr", "slug_ar", "body_fr", "image"
            )
        ),
        "ratings": sorted(Rating.objects.values_list("score", "comment", "path", "language")),
        "versions": sorted(
            Version.objects.values_list(
                "object_id", "content_type__model", "serialized_data", "revision__comment"
            )
        ),
        "revision_users": sorted(
            Version.objects.values_list("revision__user__username", flat=True)
        ),
        "users": sorted(User.objects.values_list("username", "password", "is_superuser")),
        "memberships": sorted(
            User.groups.through.objects.values_list("user__username", "group__name")
        ),
        "groups": sorted(
            (group.name, sorted(group.permissions.values_list("codename", flat=True)))
            for group in Group.objects.all()
        ),
    }


@pytest.fixture
def content(editorial_groups, settings):
    editor = User.objects.create_user("nadia", password="a long pass phrase 42")
    editor.groups.add(Group.objects.get(name="Editors"))
    editor.user_permissions.add(Permission.objects.get(codename="view_rating"))
    with reversion.create_revision():
        article = make_article()
        article.image.save("signing.jpg", jpeg(size=(800, 450)), save=True)
        reversion.set_user(editor)
        reversion.set_comment("First version")
    with reversion.create_revision():
        article.title_fr = "Accord signé à Rabat"
        article.save()
        reversion.set_user(editor)
        reversion.set_comment("Titre corrigé")
    make_article(languages=("ar",))
    default_storage.save("renditions/2025/signing-480.webp", ContentFile(bytes(range(256)) * 8))
    Rating.objects.create(score=5, comment="Très bien", path="/fr/", language="fr", browser="b1")
    Rating.objects.create(score=2, comment="بطيء", path="/ar/", language="ar", browser="b2")
    return article


def test_backup_wipe_restore_gives_back_everything(content, settings, tmp_path):
    """Back up, wipe database and media, restore: the same rows, versions, users and images."""
    before = snapshot()
    images = media_digests(settings.MEDIA_ROOT)
    assert len(images) == 2
    # The article twice, and its category with it in the first revision.
    assert len(before["versions"]) == 3 and set(before["revision_users"]) == {"nadia"}
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), verbosity=0)

    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["rows"]["news.article"] == 2
    assert manifest["rows"]["reversion.version"] == 3
    assert {entry["name"] for entry in manifest["media"]} == set(images)

    call_command("flush", interactive=False, verbosity=0)
    for name in images:
        default_storage.delete(name)
    assert Article.objects.count() == 0 and media_digests(settings.MEDIA_ROOT) == {}

    call_command("restore", str(archive), verbosity=0)
    assert snapshot() == before
    assert media_digests(settings.MEDIA_ROOT) == images
    nadia = User.objects.get(username="nadia")
    assert nadia.check_password("a long pass phrase 42")
    assert nadia.has_perm("feedback.view_rating") and nadia.has_perm("news.change_article")
    # A restored version still restores.
    first = Version.objects.get_for_object(content).order_by("pk").first()
    first.revision.revert()
    assert Article.objects.get(pk=content.pk).title_fr != "Accord signé à Rabat"


def test_restore_refuses_a_database_with_content_unless_wiped(content, tmp_path):
    """restore stops on a database with content, naming it; --wipe replaces that content."""
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), verbosity=0)
    Rating.objects.create(score=1, path="/en/", language="en", browser="late")
    with pytest.raises(CommandError, match="The database is not empty"):
        call_command("restore", str(archive), verbosity=0)
    assert Rating.objects.filter(browser="late").exists()
    call_command("restore", str(archive), wipe=True, verbosity=0)
    assert not Rating.objects.filter(browser="late").exists()
    assert Rating.objects.count() == 2 and Article.objects.count() == 2


def test_restore_goes_into_a_freshly_migrated_database(editorial_groups, tmp_path):
    """A database with only what migrations made (groups, permissions) counts as empty."""
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), verbosity=0)
    call_command("restore", str(archive), verbosity=0)
    assert set(Group.objects.values_list("name", flat=True)) >= {"Editors", "Publishers"}


def test_restore_refuses_a_damaged_archive(content, tmp_path):
    """A file that is no archive, or a media file that does not match, is refused, unchanged."""
    bogus = tmp_path / "bogus.tar.gz"
    bogus.write_bytes(b"not an archive")
    with pytest.raises(CommandError, match="is not a backup archive"):
        call_command("restore", str(bogus), wipe=True, verbosity=0)
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), verbosity=0)
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name.startswith("media/") and member.name.endswith(".jpg"):
                data = data[:-10] + b"0123456789"
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    with pytest.raises(CommandError, match="is damaged"):
        call_command("restore", str(damaged), wipe=True, verbosity=0)
    assert Article.objects.count() == 2
