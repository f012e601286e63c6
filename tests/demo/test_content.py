"""The demo content command: complete, faithful to the model case, and idempotent."""

import datetime
import hashlib
import io
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db.models import Q
from django.utils import timezone

from demo.content import DEMO_IMAGE_CREDIT, MODEL_CASE_SLUG
from demo.management.commands import load_demo_content
from news import images
from news.models import Agreement, Article, Category, Partner, Signatory
from organization import identity
from organization.models import SiteIdentity

MODELS = (SiteIdentity, Category, Partner, Article, Agreement, Signatory)


def drawn_once(draw):
    """`draw`, remembering its pictures: drawing is deterministic, and slow enough that
    each test session draws every picture only once."""
    pictures = {}

    def cached(*args, **kwargs):
        key = repr((args, sorted(kwargs.items())))
        if key not in pictures:
            pictures[key] = draw(*args, **kwargs)
        return pictures[key]

    return cached


_draw_picture = drawn_once(load_demo_content.draw_picture)
_draw_logo = drawn_once(load_demo_content.draw_logo)
MAKE_RENDITIONS = images.make_renditions
_made_renditions = {}


def _make_renditions(field_file):
    """`make_renditions`, made once per picture a session: later runs write the same files."""
    storage = field_file.storage
    with storage.open(field_file.name, "rb") as stored:
        key = (field_file.name, hashlib.md5(stored.read()).digest())
    if key not in _made_renditions:
        renditions = MAKE_RENDITIONS(field_file)
        _made_renditions[key] = [(r, storage.open(r["name"], "rb").read()) for r in renditions]
        return renditions
    for rendition, data in _made_renditions[key]:
        storage.delete(rendition["name"])
        assert storage.save(rendition["name"], ContentFile(data)) == rendition["name"]
    return [rendition for rendition, _data in _made_renditions[key]]


@pytest.fixture
def demo(settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(load_demo_content, "draw_picture", _draw_picture)
    monkeypatch.setattr(load_demo_content, "draw_logo", _draw_logo)
    monkeypatch.setattr(images, "make_renditions", _make_renditions)
    out = io.StringIO()
    call_command("load_demo_content", stdout=out)
    return out.getvalue()


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.mark.django_db
def test_second_run_creates_nothing_and_changes_no_count(demo):
    """Running the command twice leaves the same number of rows of every kind."""
    first = counts()
    out = io.StringIO()
    call_command("load_demo_content", stdout=out)

    assert counts() == first
    assert first["Category"] >= 3
    assert first["Partner"] >= 5
    assert first["Agreement"] >= 4
    assert first["Article"] >= 13
    assert "0 created" in out.getvalue()


@pytest.mark.django_db
def test_first_run_reports_what_it_created(demo):
    """The one-line summary counts every row created on a first run."""
    assert f"{sum(counts().values())} created, 0 already present" in demo
    assert len(demo.strip().splitlines()) == 1


@pytest.mark.django_db
def test_second_run_keeps_images(demo):
    """A rerun does not redraw the images that records already have."""
    before = {a.pk: a.image.name for a in Article.objects.all()}
    call_command("load_demo_content", stdout=io.StringIO())

    assert {a.pk: a.image.name for a in Article.objects.all()} == before


@pytest.mark.django_db
def test_required_categories_exist_in_every_language(demo):
    """Agreements, Events and Statements exist, named and slugged in ar, en and fr."""
    for slug in ("agreements", "events", "statements"):
        category = Category.objects.get(slug_en=slug)
        for code in ("ar", "en", "fr"):
            assert getattr(category, f"name_{code}")
            assert getattr(category, f"slug_{code}")
    assert Category.objects.get(slug_en="agreements").slug_ar == "اتفاقيات"


@pytest.mark.django_db
def test_partners_are_complete_and_use_example_addresses(demo):
    """Every partner has names in three languages, a country, a logo and an example.org site."""
    for partner in Partner.objects.all():
        for code in ("ar", "en", "fr"):
            assert getattr(partner, f"name_{code}")
            assert getattr(partner, f"description_{code}")
        assert partner.country
        assert partner.website.startswith("https://example.org/")
        assert partner.logo and Path(partner.logo.path).is_file()
    assert Partner.objects.get(slug="icesco").country == "MA"
    assert Partner.objects.get(slug="rcqe").country == "SA"


@pytest.mark.django_db
def test_model_case_article_and_agreement(demo):
    """The model case is an article in three languages with its five-year agreement."""
    article = Article.objects.get(slug_en=MODEL_CASE_SLUG)
    for code in ("ar", "en", "fr"):
        for field in ("title", "slug", "summary", "body", "image_alt"):
            assert getattr(article, f"{field}_{code}"), f"{field}_{code}"
        assert "<ul>" in getattr(article, f"body_{code}")
    assert article.status == Article.Status.PUBLISHED
    assert article.featured
    assert article.category.slug_en == "agreements"
    assert timezone.localtime(article.published_at).date() == datetime.date(2023, 11, 9)
    assert article in Article.objects.published()

    agreement = article.agreement
    assert agreement.signed_on == datetime.date(2023, 11, 8)
    assert agreement.duration_years == 5
    assert agreement.expires_on == datetime.date(2028, 11, 7)
    assert {p.slug for p in agreement.partners.all()} == {"icesco", "rcqe"}
    assert [s.party.slug for s in agreement.signatories.all()] == ["icesco", "rcqe"]
    for code in ("ar", "en", "fr"):
        assert getattr(agreement, f"signed_in_{code}")
        assert len(getattr(agreement, f"areas_{code}").splitlines()) == 3
        assert len(getattr(agreement, f"projects_{code}").splitlines()) == 3


@pytest.mark.django_db
def test_exactly_one_published_article_lacks_french(demo):
    """One published article, and only one, has no French text at all."""
    no_french = Article.objects.filter(status=Article.Status.PUBLISHED).filter(
        Q(title_fr="") | Q(title_fr__isnull=True)
    )
    assert no_french.count() == 1
    article = no_french.get()
    assert not any(
        getattr(article, f"{field}_fr")
        for field in ("title", "slug", "summary", "body", "image_alt")
    )
    assert article.title_ar and article.title_en


@pytest.mark.django_db
def test_exactly_one_article_is_scheduled_and_not_yet_public(demo):
    """One published article is dated in the future, so published() leaves it out."""
    scheduled = Article.objects.filter(
        status=Article.Status.PUBLISHED, published_at__gt=timezone.now()
    )
    assert scheduled.count() == 1
    assert scheduled.get() not in Article.objects.published()


@pytest.mark.django_db
def test_scheduled_date_does_not_move_on_rerun(demo):
    """A rerun keeps the scheduled article's date while it is still in the future."""
    scheduled = Article.objects.get(published_at__gt=timezone.now())
    call_command("load_demo_content", stdout=io.StringIO())

    assert Article.objects.get(pk=scheduled.pk).published_at == scheduled.published_at


@pytest.mark.django_db
def test_one_draft_and_the_rest_dated_in_the_past(demo):
    """Besides one draft and the scheduled article, every article is public."""
    assert Article.objects.filter(status=Article.Status.DRAFT).count() == 1
    assert Article.objects.published().count() == Article.objects.count() - 2
    assert Article.objects.published().values("category").distinct().count() >= 3


@pytest.mark.django_db
def test_agreements_have_partners_signatories_and_one_has_expired(demo):
    """Every agreement names ICESCO and another party; at least one has expired."""
    assert Agreement.objects.expired().exists()
    assert Agreement.objects.exclude(article=None).count() >= 3
    for agreement in Agreement.objects.all():
        slugs = {p.slug for p in agreement.partners.all()}
        assert "icesco" in slugs and len(slugs) >= 2
        assert agreement.signatories.count() >= 2
        assert agreement.expires_on is not None


@pytest.mark.django_db
def test_images_are_on_disk_under_media_root(demo, tmp_path):
    """Every article has a 1200x675 image file saved under MEDIA_ROOT."""
    for article in Article.objects.all():
        path = Path(article.image.path)
        assert path.is_file() and tmp_path in path.parents
        assert (article.image_width, article.image_height) == (1200, 675)
        assert any(getattr(article, f"image_alt_{code}") for code in ("ar", "en", "fr"))


@pytest.mark.django_db
def test_rerun_keeps_what_editors_changed(demo):
    """`make run` runs the command each time: an editor's edits and deletions survive it."""
    article = Article.objects.get(slug_en=MODEL_CASE_SLUG)
    article.title_fr = "Titre revu par la rédaction"
    article.save()
    agreement = article.agreement
    agreement.signatories.last().delete()
    signatories = agreement.signatories.count()
    call_command("load_demo_content", stdout=io.StringIO())

    assert Article.objects.get(pk=article.pk).title_fr == "Titre revu par la rédaction"
    assert Agreement.objects.get(pk=agreement.pk).signatories.count() == signatories


@pytest.mark.django_db
def test_missing_picture_file_is_drawn_again(demo):
    """A record whose image file left the disk gets a new one on the next run."""
    article = Article.objects.exclude(image="").first()
    article.image.storage.delete(article.image.name)
    call_command("load_demo_content", stdout=io.StringIO())

    article.refresh_from_db()
    assert article.image.storage.exists(article.image.name)


@pytest.mark.django_db
def test_every_article_has_renditions_on_disk(demo):
    """Each article's picture has WebP and JPEG copies 480, 960 and 1200 px wide, on disk."""
    for article in Article.objects.all():
        storage = article.image.storage
        assert [(r["width"], r["format"]) for r in article.image_renditions] == [
            (width, fmt) for width in (480, 960, 1200) for fmt in ("jpeg", "webp")
        ]
        assert all(storage.exists(r["name"]) for r in article.image_renditions)


@pytest.mark.django_db
def test_rerun_keeps_renditions_and_remakes_missing_ones(demo):
    """A rerun leaves renditions on disk untouched, and makes again those whose files are gone."""
    articles = list(Article.objects.all())
    paths = [Path(a.image.storage.path(r["name"])) for a in articles for r in a.image_renditions]
    times = {path: path.stat().st_mtime_ns for path in paths}
    damaged = articles[0]
    lost = Path(damaged.image.storage.path(damaged.image_renditions[0]["name"]))
    lost.unlink()
    call_command("load_demo_content", stdout=io.StringIO())

    assert lost.is_file()
    for path in paths:
        if path.parent != lost.parent or not path.name.startswith(lost.name.rsplit("-", 1)[0]):
            assert path.stat().st_mtime_ns == times[path], path
    assert Article.objects.get(pk=damaged.pk).image_renditions == damaged.image_renditions


@pytest.mark.django_db
def test_model_case_has_caption_and_credit(demo):
    """The model case's picture has a caption in three languages and a credit."""
    article = Article.objects.get(slug_en=MODEL_CASE_SLUG)
    for code in ("ar", "en", "fr"):
        assert getattr(article, f"image_caption_{code}")
    assert article.image_credit == DEMO_IMAGE_CREDIT


@pytest.mark.django_db
def test_demo_names_the_organization_and_keeps_an_administrators_edit(demo):
    """The demo sets the site's identity to ICESCO; a rerun leaves an administrator's edit."""
    site = identity.current()
    assert site.name_en == "Islamic World Educational, Scientific and Cultural Organization"
    assert site.short_name_ar == "إيسيسكو"
    assert site.social_account_list[0].startswith("https://social.example.org/")
    row = SiteIdentity.objects.get()
    row.name_en = "Edited by an administrator"
    row.save()
    call_command("load_demo_content", stdout=io.StringIO())
    assert SiteIdentity.objects.get().name_en == "Edited by an administrator"
    assert identity.current().name_en == "Edited by an administrator"
