"""
E-mail last week's satisfaction digest to FEEDBACK_DIGEST_RECIPIENTS.

Meant for a weekly scheduler (README, "Satisfaction ratings"); a week
already sent is not sent again, so running it twice is harmless.
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from feedback.digest import AlreadySent, last_complete_week, send_digest


class Command(BaseCommand):
    help = "Send the weekly feedback digest of the last complete week (once per week)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--week",
            type=datetime.date.fromisoformat,
            help="Any day (YYYY-MM-DD) of the week to send instead of the last complete one.",
        )

    def handle(self, *args, week=None, **options):
        if not settings.FEEDBACK_DIGEST_RECIPIENTS:
            raise CommandError("FEEDBACK_DIGEST_RECIPIENTS is empty: nobody to send the digest to.")
        monday = week - datetime.timedelta(days=week.weekday()) if week else last_complete_week()
        try:
            count = send_digest(monday)
        except AlreadySent:
            self.stdout.write(f"The digest of the week of {monday} was already sent.")
            return
        self.stdout.write(f"Sent the digest of the week of {monday} to {count} recipients.")
