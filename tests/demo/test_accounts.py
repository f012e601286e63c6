"""The demo accounts command: passwords shown once, never changed by a rerun."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

CREATED = re.compile(r"Demo account created: (\w+) / (\S+) \(shown only this once\)")


@pytest.fixture(autouse=True)
def _groups(editorial_groups):
    """The accounts join groups made by a data migration."""


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def run():
    out = io.StringIO()
    call_command("create_demo_accounts", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_first_run_creates_both_accounts_and_prints_their_passwords():
    """A first run creates admin, editor and publisher in their groups, with working passwords."""
    passwords = dict(CREATED.findall(run()))

    User = get_user_model()
    assert set(passwords) == {"admin", "editor", "publisher"}
    assert User.objects.count() == 3
    admin, editor = User.objects.get(username="admin"), User.objects.get(username="editor")
    assert admin.is_superuser and admin.is_staff
    assert editor.is_staff and not editor.is_superuser
    assert list(editor.groups.values_list("name", flat=True)) == ["Editors"]
    assert not editor.has_perm("news.publish_article")
    publisher = User.objects.get(username="publisher")
    assert publisher.has_perm("news.publish_article") and not publisher.is_superuser
    assert admin.check_password(passwords["admin"])
    assert editor.check_password(passwords["editor"])
    assert passwords["admin"] != passwords["editor"]


@pytest.mark.django_db
def test_second_run_says_they_exist_and_keeps_passwords():
    """A second run prints that the accounts already exist and changes no password."""
    run()
    User = get_user_model()
    hashes = dict(User.objects.values_list("username", "password"))

    output = run()

    assert "already exist" in output
    assert not CREATED.search(output)
    assert dict(User.objects.values_list("username", "password")) == hashes
    assert User.objects.count() == 3
