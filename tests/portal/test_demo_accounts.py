"""The demo accounts command: passwords shown once, never changed by a rerun."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

CREATED = re.compile(r"Demo account created: (\w+) / (\S+) \(shown only this once\)")


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def run():
    out = io.StringIO()
    call_command("create_demo_accounts", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_first_run_creates_both_accounts_and_prints_their_passwords():
    """A first run creates admin (superuser) and editor (staff) and prints working passwords."""
    passwords = dict(CREATED.findall(run()))

    User = get_user_model()
    assert set(passwords) == {"admin", "editor"}
    assert User.objects.count() == 2
    admin, editor = User.objects.get(username="admin"), User.objects.get(username="editor")
    assert admin.is_superuser and admin.is_staff
    assert editor.is_staff and not editor.is_superuser
    assert not editor.user_permissions.exists()
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
    assert User.objects.count() == 2
