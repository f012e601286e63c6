"""Reminder e-mails about agreements that end, through a real SMTP server (aiosmtpd)."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from news.models import AgreementReminder
from tests.factories import make_agreement, make_partner
from tests.mail import smtp_server

pytestmark = pytest.mark.django_db

SMTP_PORT = 19025
TODAY = datetime.date(2026, 5, 1)
RECIPIENTS = [
    ("ar", "alice@example.org"),
    ("en", "carol@example.org"),
    ("fr", "bob@example.org"),
]


@pytest.fixture
def smtp(settings):
    with smtp_server(settings, SMTP_PORT) as inbox:
        settings.NEWS_AGREEMENT_REMINDER_RECIPIENTS = RECIPIENTS
        settings.NEWS_AGREEMENT_REMINDER_DAYS = [30, 7, 0]
        settings.PORTAL_SITE_URL = "https://portal.example.org"
        yield inbox


@pytest.fixture
def agreement():
    partner = make_partner(name_ar="المركز الإقليمي", name_en="Regional Center", name_fr="Centre")
    return make_agreement(
        partners=[partner],
        title_ar="اتفاقية الجودة",
        title_en="Quality agreement",
        title_fr="Accord sur la qualité",
        signed_on=datetime.date(2023, 5, 31),
        ends_on=TODAY + datetime.timedelta(days=30),
    )


def run(day=TODAY):
    out = io.StringIO()
    call_command("send_agreement_reminders", date=day.isoformat(), stdout=out)
    return out.getvalue()


def parts(message):
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    return text, html


def test_thirty_days_before_one_email_each_in_their_language(smtp, agreement):
    """Ending in 30 days: one e-mail per recipient, in their language, HTML and text."""
    assert "1 sent" in run()
    assert len(smtp.messages) == 3
    [arabic] = smtp.to("alice@example.org")
    # Python's parser keeps the space of the folded, encoded header line.
    assert arabic["Subject"].strip() == "اتفاقية تنتهي خلال 30 يومًا: اتفاقية الجودة"
    assert arabic["Content-Language"] == "ar"
    text, html = parts(arabic)
    assert "المركز الإقليمي" in text and "31 مايو، 2026" in text
    assert "https://portal.example.org/ar/admin/news/agreement/" in text
    assert '<html lang="ar" dir="rtl">' in html and "اتفاقية الجودة" in html
    [english] = smtp.to("carol@example.org")
    assert english["Subject"] == "Agreement ending in 30 days: Quality agreement"
    text, html = parts(english)
    assert "Partners: Regional Center" in text and "May 31, 2026" in text
    assert f"https://portal.example.org/en/admin/news/agreement/{agreement.pk}/change/" in html
    [french] = smtp.to("bob@example.org")
    assert (
        french["Subject"].strip()
        == "Accord arrivant à échéance dans 30 jours : Accord sur la qualité"
    )
    text, html = parts(french)
    assert "Centre" in text and "31 mai 2026" in text
    assert "Cet accord prend fin dans 30 jours." in html
    assert english["From"] == "portal@example.org"
    reminder = AgreementReminder.objects.get()
    assert (reminder.agreement, reminder.days_before, reminder.ends_on) == (
        agreement,
        30,
        agreement.expires_on,
    )


def test_a_second_run_sends_nothing(smtp, agreement):
    """Run twice the same day (or the next), the command sends the reminder once."""
    run()
    assert "0 sent" in run()
    assert "0 sent" in run(TODAY + datetime.timedelta(days=1))
    assert len(smtp.messages) == 3
    assert AgreementReminder.objects.count() == 1


def test_seven_days_before_and_on_the_day(smtp, agreement):
    """The 7-day and the same-day reminders come each on their day, once."""
    run()
    run(TODAY + datetime.timedelta(days=23))
    run(TODAY + datetime.timedelta(days=23))
    run(TODAY + datetime.timedelta(days=30))
    subjects = [message["Subject"] for message in smtp.to("carol@example.org")]
    assert subjects == [
        "Agreement ending in 30 days: Quality agreement",
        "Agreement ending in 7 days: Quality agreement",
        "Agreement ending today: Quality agreement",
    ]
    assert "This agreement ends today." in parts(smtp.to("carol@example.org")[-1])[0]
    run(TODAY + datetime.timedelta(days=31))
    assert len(smtp.to("carol@example.org")) == 3


def test_a_missed_run_sends_only_the_nearest_reminder(smtp, agreement):
    """First run 5 days before the end: the 7-day reminder only, not the 30-day one too."""
    run(TODAY + datetime.timedelta(days=25))
    assert [m["Subject"] for m in smtp.to("carol@example.org")] == [
        "Agreement ending in 7 days: Quality agreement"
    ]


def test_a_new_end_date_gets_new_reminders(smtp, agreement):
    """Moving the end date makes the reminders due again, for the new date."""
    run()
    agreement.ends_on = TODAY + datetime.timedelta(days=20)
    agreement.save()
    run()
    assert [m["Subject"] for m in smtp.to("carol@example.org")] == [
        "Agreement ending in 30 days: Quality agreement",
        "Agreement ending in 30 days: Quality agreement",
    ]
    assert set(AgreementReminder.objects.values_list("ends_on", flat=True)) == {
        TODAY + datetime.timedelta(days=30),
        TODAY + datetime.timedelta(days=20),
    }


def test_a_renewed_agreement_needs_no_reminder(smtp, agreement):
    """An agreement a later one already renews is left alone."""
    make_agreement(previous=agreement, relation="renews", signed_on=TODAY)
    assert "0 sent" in run()
    assert smtp.messages == []


def test_no_recipients_no_email(smtp, agreement, settings):
    """Without recipients the command says so, sends nothing and records nothing."""
    settings.NEWS_AGREEMENT_REMINDER_RECIPIENTS = []
    assert "nothing sent" in run()
    assert smtp.messages == [] and not AgreementReminder.objects.exists()


def test_a_failed_delivery_is_tried_again(smtp, agreement, settings):
    """When the SMTP server is unreachable, nothing is recorded and the next run sends."""
    settings.EMAIL_PORT = SMTP_PORT + 1
    with pytest.raises(OSError):
        run()
    assert not AgreementReminder.objects.exists()
    settings.EMAIL_PORT = SMTP_PORT
    assert "1 sent" in run()
    assert len(smtp.messages) == 3


def test_a_wrong_date_is_a_clear_error():
    """--date must be a date; anything else is a clear command error."""
    with pytest.raises(CommandError, match="is not a date"):
        call_command("send_agreement_reminders", date="tomorrow")
