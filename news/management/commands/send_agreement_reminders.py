"""Send the day's reminders about agreements that end soon (news/reminders.py). Run daily."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from news.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "E-mail NEWS_AGREEMENT_REMINDER_RECIPIENTS about agreements that end in "
        "NEWS_AGREEMENT_REMINDER_DAYS days or today. Each reminder is sent once: safe to rerun."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            help="Send as if today were this day (YYYY-MM-DD), e.g. to catch up a missed run.",
        )

    def handle(self, *args, date=None, **options):
        today = None
        if date:
            try:
                today = datetime.date.fromisoformat(date)
            except ValueError as error:
                raise CommandError(f"--date: {date!r} is not a date (YYYY-MM-DD).") from error
        if not settings.NEWS_AGREEMENT_REMINDER_RECIPIENTS:
            self.stdout.write("No NEWS_AGREEMENT_REMINDER_RECIPIENTS: nothing sent.")
            return
        sent = send_reminders(today)
        recipients = len(settings.NEWS_AGREEMENT_REMINDER_RECIPIENTS)
        self.stdout.write(
            self.style.SUCCESS(
                f"Agreement reminders: {len(sent)} sent, to {recipients} recipient(s) each."
            )
        )
