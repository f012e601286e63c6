"""
The agreements' end, followed: the admin's "ending soon" list and the reminder
e-mails `manage.py send_agreement_reminders` sends once a day.

Reminders go NEWS_AGREEMENT_REMINDER_DAYS days before an agreement's last day
(30 and 7 by default) and on the day, to NEWS_AGREEMENT_REMINDER_RECIPIENTS,
each recipient in their language. Each is sent once: an AgreementReminder row
records it, keyed by agreement, days before and end date, so a second run the
same day sends nothing and a changed end date gets reminders of its own. A
run that was missed sends only the nearest reminder, not every one it skipped.
Agreements already renewed or replaced by a later one need no reminder.
"""

import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from organization import identity

from .models import Agreement, AgreementReminder, Article, Signatory


def expiring_soon(today, days):
    """Agreements whose last day is from `today` to `days` later, with what the office reads."""
    agreements = list(
        Agreement.objects.ending_between(today, today + datetime.timedelta(days=days))
        .select_related("article", "successor")
        .prefetch_related(
            "partners",
            Prefetch("signatories", Signatory.objects.select_related("party")),
            "reminders",
        )
    )
    for agreement in agreements:
        agreement.latest_article = latest_article(agreement)
        agreement.days_left = (agreement.expires_on - today).days
    return agreements


def latest_article(agreement):
    """The latest public article about the agreement or one of its partners."""
    partners = [partner.pk for partner in agreement.partners.all()]
    return (
        Article.objects.published()
        .filter(Q(agreement=agreement) | Q(agreement__partners__in=partners))
        .order_by("-published_at", "-pk")
        .only("pk", "title", "published_at", "slug", "created_at")
        .first()
    )


def stage(days_left, schedule):
    """The reminder due `days_left` days before the end: the nearest one at or above it."""
    candidates = [days for days in schedule if days >= days_left]
    return min(candidates) if candidates and days_left >= 0 else None


def due(today, schedule=None):
    """[(agreement, days before)] of the reminders to send today."""
    schedule = schedule or settings.NEWS_AGREEMENT_REMINDER_DAYS
    horizon = today + datetime.timedelta(days=max(schedule))
    agreements = (
        Agreement.objects.ending_between(today, horizon)
        .filter(successor__isnull=True)
        .prefetch_related("partners", "reminders")
    )
    found = []
    for agreement in agreements:
        days = stage((agreement.expires_on - today).days, schedule)
        sent = {(reminder.days_before, reminder.ends_on) for reminder in agreement.reminders.all()}
        if days is not None and (days, agreement.expires_on) not in sent:
            found.append((agreement, days))
    return found


def send_reminders(today=None, recipients=None, connection=None):
    """Send today's reminders; returns the AgreementReminder rows made."""
    today = today or timezone.localdate()
    recipients = settings.NEWS_AGREEMENT_REMINDER_RECIPIENTS if recipients is None else recipients
    if not recipients:
        return []
    connection = connection or get_connection()
    sent = []
    for agreement, days in due(today):
        messages = [message(agreement, days, code, address) for code, address in recipients]
        try:
            # The row first, the e-mails inside its transaction: a failed
            # delivery leaves no row, so the next run tries again; a run in
            # parallel meets the unique constraint and sends nothing.
            with transaction.atomic():
                reminder = AgreementReminder.objects.create(
                    agreement=agreement,
                    days_before=days,
                    ends_on=agreement.expires_on,
                    recipients="\n".join(address for _code, address in recipients),
                )
                connection.send_messages(messages)
        except IntegrityError:
            continue
        sent.append(reminder)
    return sent


def message(agreement, days, code, address):
    """The reminder about `agreement` for `address`, in language `code`: text and HTML."""
    with translation.override(code):
        context = {
            "agreement": agreement,
            "title": agreement.title,
            "partners": [partner.name for partner in agreement.partners.all()],
            "days": days,
            "ends_on": agreement.expires_on,
            "admin_url": settings.PORTAL_SITE_URL
            + reverse("admin:news_agreement_change", args=[agreement.pk]),
            "expiring_url": settings.PORTAL_SITE_URL + reverse("admin:news_agreement_expiring"),
            "organization": identity.current(),
            "language": code,
        }
        if days:
            subject = ngettext(
                "Agreement ending in %(days)d day: %(title)s",
                "Agreement ending in %(days)d days: %(title)s",
                days,
            ) % {"days": days, "title": agreement.title}
        else:
            subject = gettext("Agreement ending today: %(title)s") % {"title": agreement.title}
        email = EmailMultiAlternatives(
            subject=" ".join(subject.split()),
            body=render_to_string("news/email/agreement_reminder.txt", context),
            to=[address],
            headers={"Content-Language": code},
        )
        email.attach_alternative(
            render_to_string("news/email/agreement_reminder.html", context), "text/html"
        )
    return email
