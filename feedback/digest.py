"""
The weekly digest: last week's satisfaction by e-mail, for each recipient in
their language (FEEDBACK_DIGEST_RECIPIENTS), as HTML and plain text.

Sent by `manage.py send_feedback_digest`, which a scheduler runs on Mondays;
each week is sent once (DigestWeek).
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext

from .models import DigestWeek, Rating
from .pages import with_pages
from .statistics import Share, compare

TREND_WEEKS = 8
# A page "fell" against the four weeks before, when it has this many ratings in each.
FELL_BASELINE_WEEKS = 4
FELL_MINIMUM = 3
FELL_LIMIT = 5


def last_complete_week(today=None):
    """The Monday of the last week that has ended."""
    today = today or timezone.localdate()
    return today - datetime.timedelta(days=today.weekday(), weeks=1)


def pages_that_fell(monday):
    """Pages whose CSAT of the week is below the four weeks before, biggest fall first."""
    sunday = monday + datetime.timedelta(days=6)
    ratings = Rating.objects.reportable()
    now = {row["path"]: row for row in ratings.between(monday, sunday).by_page(FELL_MINIMUM)}
    baseline_start = monday - datetime.timedelta(weeks=FELL_BASELINE_WEEKS)
    before = {
        row["path"]: row
        for row in ratings.between(baseline_start, monday - datetime.timedelta(days=1)).by_page(
            FELL_MINIMUM
        )
    }
    fallen = []
    for path in now.keys() & before.keys():
        test = compare(before[path]["share"], now[path]["share"])
        if test.change is not None and test.change < 0:
            fallen.append({"path": path, "now": now[path], "before": before[path], "test": test})
    fallen.sort(key=lambda row: (row["test"].change, row["path"]))
    return fallen[:FELL_LIMIT]


@dataclass
class Digest:
    monday: datetime.date

    @property
    def sunday(self):
        return self.monday + datetime.timedelta(days=6)

    def context(self, language):
        """Everything the templates show, in `language` (titles of pages, the report's link)."""
        reportable = Rating.objects.reportable()
        week = reportable.between(self.monday, self.sunday).summary()
        previous_monday = self.monday - datetime.timedelta(weeks=1)
        previous = reportable.between(
            previous_monday, previous_monday + datetime.timedelta(days=6)
        ).summary()
        with translation.override(language):
            report = reverse("admin:feedback_rating_report")
            triage = reverse("admin:feedback_rating_changelist")
            query = urlencode({"start": self.monday.isoformat(), "end": self.sunday.isoformat()})
            site = settings.FEEDBACK_DIGEST_SITE_URL.rstrip("/")
            comments = Rating.objects.between(self.monday, self.sunday).comments_by_state()
            return {
                "monday": self.monday,
                "sunday": self.sunday,
                "week": week,
                "previous": previous,
                "comparison": compare(
                    Share(previous["satisfied"], previous["count"]),
                    Share(week["satisfied"], week["count"]),
                ),
                "trend": reportable.weekly(TREND_WEEKS, today=self.sunday),
                "fallen": with_pages(pages_that_fell(self.monday), language),
                "comments": [
                    {"state": state, "label": str(label), "count": count}
                    for state, label, count in comments
                ],
                "report_url": f"{site}{report}?{query}",
                "triage_url": f"{site}{triage}?state__exact=new&commented=yes",
                "language": language,
            }

    def message(self, address, language, connection=None):
        context = self.context(language)
        with translation.override(language):
            subject = gettext("Visitor satisfaction, week of %(date)s") % {
                "date": date_format(self.monday, "DATE_FORMAT")
            }
            text = render_to_string("feedback/email/digest.txt", context)
            html = render_to_string("feedback/email/digest.html", context)
        message = EmailMultiAlternatives(
            subject,
            text,
            to=[address],
            connection=connection,
            headers={"Content-Language": language},
        )
        message.attach_alternative(html, "text/html")
        return message


class AlreadySent(Exception):
    pass


def send_digest(monday, recipients=None):
    """
    Send the digest of the week of `monday` to every recipient, once: a week
    already recorded in DigestWeek raises AlreadySent and sends nothing.
    Returns the number of messages sent.
    """
    recipients = settings.FEEDBACK_DIGEST_RECIPIENTS if recipients is None else recipients
    try:
        # Claimed first: a second run at the same time finds the row and stops.
        with transaction.atomic():
            sent = DigestWeek.objects.create(week=monday, recipients=len(recipients))
    except IntegrityError as error:
        raise AlreadySent(monday) from error
    digest = Digest(monday)
    try:
        with get_connection() as connection:
            messages = [
                digest.message(address, language, connection) for address, language in recipients
            ]
            count = connection.send_messages(messages) or 0
    except Exception:
        # Nothing (or not everything) went: the week may be tried again.
        sent.delete()
        raise
    sent.sent_at = timezone.now()
    sent.save(update_fields=["sent_at"])
    return count
