"""The CSV export of ratings: content, safety in spreadsheets, streaming in bounded memory."""

import codecs
import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from feedback.models import Rating
from tests.feedback.factories import at, fingerprint, make_rating, make_staff

pytestmark = pytest.mark.django_db

EXPORT_URL = "admin:feedback_rating_export"
ARABIC_COMMENT = "المحتوى ممتاز، لكن ملف PDF لا يفتح على iPhone."


@pytest.fixture(autouse=True)
def _english():
    """Requests activate their URL's language and leave it active: start each test in English."""
    with translation.override("en"):
        yield


@pytest.fixture
def viewer(client):
    client.force_login(make_staff(permissions=["feedback.view_rating"]))
    return client


def read_csv(response):
    """The BOM and the rows of a streamed CSV response."""
    content = b"".join(response.streaming_content)
    return content[:3], list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def test_export_is_a_streamed_csv_with_bom_header_and_rows(viewer):
    """The CSV starts with a BOM and a header, then one row per rating, oldest first."""
    make_rating(4, "ar", "/ar/news/", datetime.date(2025, 3, 4), comment=ARABIC_COMMENT)
    make_rating(
        1, "en", "/en/", datetime.date(2025, 3, 3), comment="Line one\nline two, with a comma"
    )

    response = viewer.get(reverse(EXPORT_URL))
    bom, rows = read_csv(response)

    assert response.streaming is True
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert bom == codecs.BOM_UTF8
    assert rows[0] == ["created", "score", "answer", "language", "page", "comment"]
    assert rows[1] == [
        at(datetime.date(2025, 3, 3)).isoformat(),
        "1",
        "Extremely dissatisfied",
        "en",
        "/en/",
        "Line one\nline two, with a comma",
    ]
    assert rows[2][1:] == ["4", "Satisfied", "ar", "/ar/news/", ARABIC_COMMENT]
    assert datetime.datetime.fromisoformat(rows[2][0]) == at(datetime.date(2025, 3, 4))
    assert len(rows) == 3


def test_export_follows_the_date_range_and_names_it(viewer):
    """Only the ratings of the chosen days are exported; the file name gives the range."""
    for day in (datetime.date(2025, 1, 31), datetime.date(2025, 2, 1), datetime.date(2025, 2, 28)):
        make_rating(5, day=day, comment=f"Given on {day}")
    make_rating(5, day=datetime.date(2025, 3, 1), comment="Too late")

    response = viewer.get(reverse(EXPORT_URL), {"start": "2025-02-01", "end": "2025-02-28"})
    _bom, rows = read_csv(response)

    assert [row[5] for row in rows[1:]] == ["Given on 2025-02-01", "Given on 2025-02-28"]
    assert response["Content-Disposition"] == (
        'attachment; filename="ratings_2025-02-01_to_2025-02-28.csv"'
    )


def test_export_without_range_is_named_until_today(viewer):
    """Without dates, everything is exported and the file name ends with today's date."""
    make_rating(5)

    response = viewer.get(reverse(EXPORT_URL))

    assert (
        f"ratings_until_{timezone.localdate().isoformat()}.csv" in response["Content-Disposition"]
    )
    assert len(read_csv(response)[1]) == 2


def test_bad_dates_send_back_to_the_report(viewer):
    """An export with unreadable or reversed dates goes back to the report, which shows why."""
    make_rating(5)

    response = viewer.get(reverse(EXPORT_URL), {"start": "2025-02-10", "end": "2025-02-01"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:feedback_rating_report") + "?")
    followed = viewer.get(response["Location"])
    assert "The end date is before the start date." in followed.content.decode()


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "+1+1", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_cells_that_would_run_as_formulas_get_an_apostrophe(viewer, text):
    """A comment or path a spreadsheet would run as a formula is exported as text."""
    make_rating(3, comment=text)
    make_rating(3, path="=cmd|' /C calc'!A0", comment="plain")

    rows = read_csv(viewer.get(reverse(EXPORT_URL)))[1][1:]

    assert rows[0][5] == "'" + text
    assert rows[1][4] == "'=cmd|' /C calc'!A0"
    assert rows[1][5] == "plain"


def test_export_needs_the_view_permission(client):
    """A staff member without the view permission gets 403 and no data."""
    make_rating(5, comment="secret opinion")
    client.force_login(make_staff(username="nobody"))

    response = client.get(reverse(EXPORT_URL))

    assert response.status_code == 403
    assert b"secret opinion" not in response.content


def test_export_streams_in_pieces(viewer):
    """Rows leave in many small pieces as they are read: the export never builds the file.

    The 100,000-row time and memory figures come from bench/csv_export.py.
    """
    total = 5_000
    start = timezone.now() - datetime.timedelta(days=3)
    Rating.objects.bulk_create(
        Rating(
            score=1 + n % 5,
            language=("ar", "en", "fr")[n % 3],
            path="/en/news/",
            comment="رأي قصير" if n % 4 == 0 else "",
            created_at=start + datetime.timedelta(seconds=n),
            browser=fingerprint(n),
        )
        for n in range(total)
    )

    response = viewer.get(reverse(EXPORT_URL))

    assert response.streaming is True
    chunks = list(response.streaming_content)
    assert len(chunks) >= total // 500
    assert max(len(chunk) for chunk in chunks) < 64 * 1024
    lines = b"".join(chunks).decode("utf-8-sig").splitlines()
    assert len(lines) == total + 1
    assert lines[1].endswith(",رأي قصير")
