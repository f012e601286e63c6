"""
Create the demonstration accounts, if missing: a superuser `admin` and a staff
user `editor` (staff, no permissions yet), each with a random password that is
printed once. Existing accounts are left exactly as they are.
"""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

ACCOUNTS = [
    # (username, is_superuser)
    ("admin", True),
    ("editor", False),
]


class Command(BaseCommand):
    help = (
        "Create the demo accounts `admin` (superuser) and `editor` (staff) with random "
        "passwords, shown once. Accounts that already exist are not changed."
    )

    def handle(self, *args, **options):
        User = get_user_model()
        for username, is_superuser in ACCOUNTS:
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
                    User.objects.create_user(
                        username=username, email="", password=password, is_staff=True
                    )
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo account created: {username} / {password} (shown only this once)"
                )
            )
