"""The weekly digest, sent through a real SMTP server (aiosmtpd) started by the test."""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from feedback.digest import last_complete_week
from feedback.models import DigestWeek
from tests.feedback.factories import make_rating
from tests.mail import smtp_server

pytestmark = pytest.mark.django_db

SMTP_PORT = 19125
MONDAY = last_complete_week()
WEEK_BEFORE = MONDAY - datetime.timedelta(weeks=1)
A_MONTH_BEFORE = MONDAY - datetime.timedelta(weeks=3)


@pytest.fixture
def inbox(settings):
    with smtp_server(settings, SMTP_PORT) as received:
        settings.FEEDBACK_DIGEST_RECIPIENTS = [
            ("proprietaire@example.org", "fr"),
            ("owner@example.org", "en"),
        ]
        settings.FEEDBACK_DIGEST_SITE_URL = "https://portal.example.org"
        yield received


@pytest.fixture
def week_of_ratings():
    """Last week 7 of 10 satisfied; the week before 9 of 10; /fr/ fell from 5 of 5 to 1 of 4."""
    for n in range(10):
        make_rating(4 if n < 9 else 2, "en", "/en/", WEEK_BEFORE)
    for _n in range(6):
        make_rating(5, "en", "/en/", MONDAY + datetime.timedelta(days=1))
    make_rating(5, "fr", "/fr/", MONDAY + datetime.timedelta(days=2))
    make_rating(1, "fr", "/fr/", MONDAY + datetime.timedelta(days=2), comment="Illisible")
    make_rating(2, "fr", "/fr/", MONDAY + datetime.timedelta(days=3), comment="Lent", state="read")
    make_rating(
        1, "fr", "/fr/", MONDAY + datetime.timedelta(days=4), comment="Insultes", state="abusive"
    )
    make_rating(2, "fr", "/fr/", MONDAY + datetime.timedelta(days=5))
    for _n in range(5):
        make_rating(5, "fr", "/fr/", A_MONTH_BEFORE)


def bodies(message):
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    return text, html


def test_digest_arrives_in_french_with_the_right_figures(inbox, week_of_ratings):
    """The French recipient gets a French digest: CSAT with its interval, the fall, the states."""
    call_command("send_feedback_digest")

    assert len(inbox.messages) == 2
    recipients, message = next(m for m in inbox.messages if m[0] == ["proprietaire@example.org"])
    assert message["Content-Language"] == "fr"
    assert message["Subject"].startswith("Satisfaction des visiteurs, semaine du ")
    text, html = bodies(message)
    # 10 ratings that count (the abusive one does not): 7 satisfied, 70 %, Wilson 39.7–89.2 %.
    assert "CSAT : 70 % (intervalle à 95 % : 40–89 %), 10 notes." in text
    assert "La semaine précédente : 90 % de 10 notes." in text
    # 9 of 10 against 7 of 10 is within chance (p = 0.26).
    assert "Dans les limites du hasard" in text
    # /fr/ (the home page, titled in French) fell from 5 of 5 to 1 of 4.
    assert "Accueil (/fr/) : 100 % → 25 % sur 4 notes — au-delà du hasard" in text
    assert "Nouveau : 1" in text and "Lu : 1" in text and "Abusif : 1" in text
    report = (
        "https://portal.example.org/fr/admin/feedback/rating/report/"
        f"?start={MONDAY.isoformat()}&end={(MONDAY + datetime.timedelta(days=6)).isoformat()}"
    )
    assert f"Le rapport : {report}" in text
    assert 'lang="fr"' in html and report.replace("&", "&amp;") in html
    assert "Insultes" not in text and "Illisible" not in text

    english = next(m for r, m in inbox.messages if r == ["owner@example.org"])
    assert "CSAT: 70% (95% interval 40–89%), 10 ratings." in bodies(english)[0]


def test_a_week_is_sent_once(inbox, week_of_ratings, capsys):
    """Run twice, the command sends the week's digest once and says so the second time."""
    call_command("send_feedback_digest")
    call_command("send_feedback_digest")
    assert len(inbox.messages) == 2
    assert DigestWeek.objects.get().week == MONDAY
    assert "already sent" in capsys.readouterr().out


def test_a_failed_send_can_be_tried_again(settings, week_of_ratings):
    """No SMTP server listening: the command fails and the week stays unsent."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", SMTP_PORT + 1
    settings.FEEDBACK_DIGEST_RECIPIENTS = [("owner@example.org", "en")]
    with pytest.raises(OSError):
        call_command("send_feedback_digest")
    assert not DigestWeek.objects.exists()


def test_no_recipients_is_a_clear_error(settings):
    """Without recipients the command stops with a message, sending nothing."""
    settings.FEEDBACK_DIGEST_RECIPIENTS = []
    with pytest.raises(CommandError, match="FEEDBACK_DIGEST_RECIPIENTS"):
        call_command("send_feedback_digest")
    assert timezone.now() and not DigestWeek.objects.exists()
