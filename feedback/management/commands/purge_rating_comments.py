"""
Blank the comments of ratings older than the retention period.

Comments are free text and may hold what a visitor should not have written;
scores are kept for the report. Meant to run daily (cron, systemd timer).
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from feedback.models import Rating


class Command(BaseCommand):
    help = (
        "Blank the comments of ratings given more than --days days ago (default: "
        "FEEDBACK_COMMENT_RETENTION_DAYS). Scores and everything else are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Keep the comments of the last DAYS days (default: the setting "
            f"FEEDBACK_COMMENT_RETENTION_DAYS, now {settings.FEEDBACK_COMMENT_RETENTION_DAYS}).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Count the comments that would be blanked; change nothing.",
        )

    def handle(self, *args, days=None, dry_run=False, **options):
        if days is None:
            days = settings.FEEDBACK_COMMENT_RETENTION_DAYS
        if days < 0:
            raise CommandError("--days must be 0 or more.")
        cutoff = timezone.now() - datetime.timedelta(days=days)
        old = Rating.objects.filter(created_at__lt=cutoff).with_comments()
        given_before = timezone.localtime(cutoff).strftime("%Y-%m-%d %H:%M")
        if dry_run:
            count = old.count()
            self.stdout.write(
                f"Dry run: {count} comment(s) of ratings given before {given_before} "
                f"(older than {days} days) would be purged; nothing was changed."
            )
            return
        # One UPDATE: no rating is loaded, and `updated_at` keeps the visitor's time.
        count = old.update(comment="")
        self.stdout.write(
            self.style.SUCCESS(
                f"Purged {count} comment(s) of ratings given before {given_before} "
                f"(older than {days} days)."
            )
        )
