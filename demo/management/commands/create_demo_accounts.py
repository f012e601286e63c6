"""
Create the demonstration accounts, if missing: a superuser `admin`, an
`editor` in the Editors group and a `publisher` in the Publishers group (both
groups come from a data migration), each with a random password that is
printed once. Existing accounts are left exactly as they are.
"""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction

ACCOUNTS = [
    # (username, is_superuser, group)
    ("admin", True, None),
    ("editor", False, "Editors"),
    ("publisher", False, "Publishers"),
]


class Command(BaseCommand):
    help = (
        "Create the demo accounts `admin` (superuser), `editor` (Editors) and `publisher` "
        "(Publishers) with random passwords, shown once. Existing accounts are not changed."
    )

    def handle(self, *args, **options):
        User = get_user_model()
        for username, is_superuser, group in ACCOUNTS:
            with transaction.atomic():
                if User.objects.filter(**{User.USERNAME_FIELD: username}).exists():
                    self.stdout.write(
                        f"Demo account already exists: {username} (password unchanged)."
                    )
                    continue
                password = secrets.token_urlsafe(12)
                if is_superuser:
                    User.objects.create_superuser(username=username, email="", password=password)
                else:
                    user = User.objects.create_user(
                        username=username, email="", password=password, is_staff=True
                    )
                    user.groups.add(Group.objects.get(name=group))
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo account created: {username} / {password} (shown only this once)"
                )
            )
