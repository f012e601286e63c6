"""The ratings in the admin: read-only list, satisfaction report, who may see them."""

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import formats, timezone, translation

from feedback.models import Rating
from tests.feedback.factories import make_rating, make_staff

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
MONDAY = TODAY - datetime.timedelta(days=TODAY.weekday())
TWO_WEEKS_AGO = MONDAY - datetime.timedelta(weeks=2)
LAST_WEEK = MONDAY - datetime.timedelta(weeks=1)
TEN_WEEKS_AGO = MONDAY - datetime.timedelta(weeks=10)
LONG_AGO = TODAY - datetime.timedelta(days=200)

SCRIPT_COMMENT = "Broken <script>alert('x')</script> page"
ARABIC_COMMENT = "الصفحة بطيئة جداً في التحميل"


@pytest.fixture(autouse=True)
def _english():
    """Requests activate their URL's language and leave it active: start each test in English."""
    with translation.override("en"):
        yield


class ReportParser(HTMLParser):
    """The report's figures (dt → dd) and each section's table rows as lists of cell texts."""

    def __init__(self):
        super().__init__()
        self.figures, self.tables, self.links = {}, {}, {}
        self.section, self.row, self.cell, self.term, self.text = None, None, None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section":
            self.section = attrs.get("aria-labelledby")
            self.tables[self.section] = []
            self.links[self.section] = []
        elif tag == "tr":
            self.row = []
        elif tag in ("th", "td", "dt", "dd"):
            self.text = []
        elif tag == "a" and self.section:
            self.links[self.section].append(attrs.get("href"))

    def handle_endtag(self, tag):
        if tag == "section":
            self.section = None
        elif tag in ("th", "td") and self.row is not None:
            self.row.append(" ".join("".join(self.text).split()))
            self.text = None
        elif tag == "tr":
            if self.section and self.row:
                self.tables[self.section].append(self.row)
            self.row = None
        elif tag == "dt":
            self.term = " ".join("".join(self.text).split())
        elif tag == "dd":
            self.figures[self.term] = " ".join("".join(self.text).split())
            self.text = None

    def handle_data(self, data):
        if self.text is not None:
            self.text.append(data)


def parse(response):
    parser = ReportParser()
    parser.feed(response.content.decode())
    return parser


def body(rows):
    """Table rows without the header row."""
    return rows[1:]


@pytest.fixture
def ratings():
    """Twelve ratings: five English, five Arabic, one French, one English from long ago."""
    for score in [5, 5, 4, 3]:
        make_rating(score, "en", "/en/", TWO_WEEKS_AGO)
    make_rating(1, "en", "/en/", TWO_WEEKS_AGO, comment=SCRIPT_COMMENT)
    for score in [2, 2, 4, 5]:
        make_rating(score, "ar", "/ar/agreements/", LAST_WEEK)
    make_rating(2, "ar", "/ar/agreements/", LAST_WEEK, comment=ARABIC_COMMENT)
    make_rating(4, "fr", "/fr/", TEN_WEEKS_AGO, comment="Très clair")
    make_rating(1, "en", "/en/", LONG_AGO, comment="An old complaint")


@pytest.fixture
def viewer(client):
    """A client logged in as staff allowed to view ratings, and nothing else."""
    client.force_login(make_staff(permissions=["feedback.view_rating"]))
    return client


@pytest.fixture
def superuser_client(client):
    client.force_login(get_user_model().objects.create_superuser("boss", password=None))
    return client


def report_url(**query):
    url = reverse("admin:feedback_rating_report")
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return url


# Figures, at the queryset level ---------------------------------------------------


def test_summary_counts_averages_and_csat(ratings):
    """Count, average and CSAT (share of 4 and 5) over every rating."""
    summary = Rating.objects.summary()

    assert summary["count"] == 12
    assert summary["average"] == pytest.approx(38 / 12)
    assert summary["satisfied"] == 6
    assert summary["csat"] == pytest.approx(50)


def test_distribution_counts_every_answer_in_scale_order(ratings):
    """Each of the five answers has its count and share, unanswered ones included."""
    rows = Rating.objects.distribution()

    assert [(score, count) for score, _label, count, _percent in rows] == [
        (1, 2),
        (2, 3),
        (3, 1),
        (4, 3),
        (5, 3),
    ]
    assert [percent for *_rest, percent in rows] == pytest.approx(
        [100 * n / 12 for n in (2, 3, 1, 3, 3)]
    )
    assert Rating.objects.between(start=TODAY).distribution()[0][2:] == (0, 0)


def test_by_language_gives_figures_in_the_order_of_languages(ratings):
    """One row per language: count, average and CSAT of the pages in that language."""
    rows = {row["language"]: row for row in Rating.objects.by_language()}

    assert [row["language"] for row in Rating.objects.by_language()] == ["ar", "en", "fr"]
    assert (rows["ar"]["count"], rows["ar"]["average"], rows["ar"]["csat"]) == (5, 3.0, 40.0)
    assert rows["en"]["count"] == 6
    assert rows["en"]["average"] == pytest.approx(19 / 6)
    assert rows["en"]["csat"] == pytest.approx(50)
    assert (rows["fr"]["count"], rows["fr"]["csat"]) == (1, 100.0)


def test_lowest_pages_need_five_ratings(ratings):
    """Pages with fewer than five ratings are left out; the lowest average comes first."""
    rows = list(Rating.objects.lowest_pages(minimum=5))

    assert [(row["path"], row["count"]) for row in rows] == [("/ar/agreements/", 5), ("/en/", 6)]
    assert rows[0]["average"] == pytest.approx(3.0)


def test_weekly_buckets_cover_twelve_weeks_oldest_first(ratings):
    """Twelve Monday-started weeks up to this one; the long-ago rating falls outside."""
    weeks = Rating.objects.weekly(weeks=12)

    assert [week["week"] for week in weeks] == [
        MONDAY - datetime.timedelta(weeks=11 - n) for n in range(12)
    ]
    counts = {week["week"]: (week["count"], week["csat"]) for week in weeks if week["count"]}
    assert counts == {TEN_WEEKS_AGO: (1, 100.0), TWO_WEEKS_AGO: (5, 60.0), LAST_WEEK: (5, 40.0)}


# Figures, in the rendered report ----------------------------------------------------


def test_report_shows_the_headline_figures(viewer, ratings):
    """The report shows the number of ratings, the average to one decimal and CSAT in percent."""
    response = viewer.get(report_url())
    page = parse(response)

    assert response.status_code == 200
    assert page.figures["Ratings"] == "12"
    assert page.figures["Average score"] == "3.2 out of 5"
    # CSAT with its 95 % Wilson interval: 6 of 12 is 25.4 % to 74.6 %.
    assert page.figures["CSAT (satisfied or extremely satisfied)"] == "50% 25–75%"
    assert "Every rating given so far." in response.content.decode()


def test_report_tables_hold_the_figures(viewer, ratings):
    """Answers, languages, weeks and lowest pages are tables with the expected numbers."""
    page = parse(viewer.get(report_url()))

    assert body(page.tables["report-distribution"]) == [
        ["1 Extremely dissatisfied", "", "2", "17%"],
        ["2 Dissatisfied", "", "3", "25%"],
        ["3 Neither satisfied nor dissatisfied", "", "1", "8%"],
        ["4 Satisfied", "", "3", "25%"],
        ["5 Extremely satisfied", "", "3", "25%"],
    ]
    assert body(page.tables["report-languages"]) == [
        ["Arabic", "5", "3.0", "40%", "12–77%"],
        ["English", "6", "3.2", "50%", "19–81%"],
        ["French", "1", "4.0", "100%", "21–100%"],
    ]
    # Ranked by the low end of the interval: 2 of 5 (11.8 %) before 3 of 6 (18.8 %).
    assert body(page.tables["report-pages"]) == [
        ["Agreements /ar/agreements/", "5", "40%", "12–77%", "3.0"],
        ["Home /en/", "6", "50%", "19–81%", "3.2"],
    ]
    assert "/ar/agreements/" in page.links["report-pages"]

    weeks = body(page.tables["report-weeks"])
    assert len(weeks) == 12
    with translation.override("en"):
        short = {
            day: formats.date_format(day, "SHORT_DATE_FORMAT") for day in (TWO_WEEKS_AGO, LAST_WEEK)
        }
    assert [short[TWO_WEEKS_AGO], "5", "60%", "23–88%"] in weeks
    assert [short[LAST_WEEK], "5", "40%", "12–77%"] in weeks
    assert weeks[-1][1:] == ["0", "—", "—"]


def test_report_bars_carry_unlocalized_percentages(client, ratings):
    """In French the numbers use a decimal comma, while the bars' CSS values keep a point."""
    client.force_login(make_staff(permissions=["feedback.view_rating"]))
    with translation.override("fr"):
        url = report_url()
    html = client.get(url).content.decode()

    assert url.startswith("/fr/admin/")
    assert "3,2" in html
    assert 'style="--value: 16.67"' in html
    assert "--value: 16,67" not in html


def test_latest_comments_are_listed_newest_first_and_escaped(viewer, ratings):
    """Comments appear newest first with their answer and page, and markup is shown as text."""
    html = viewer.get(report_url()).content.decode()
    comments = html[html.index('id="report-comments"') :]

    assert comments.index(ARABIC_COMMENT) < comments.index("Très clair")
    assert comments.index("Très clair") < comments.index("An old complaint")
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in comments
    assert "<script>alert" not in html
    assert 'lang="ar" dir="auto">' + ARABIC_COMMENT in comments


def test_report_shows_at_most_twenty_comments(viewer):
    """Only the twenty latest comments are shown."""
    for n in range(25):
        make_rating(4, day=TODAY - datetime.timedelta(days=n), comment=f"Comment number {n:02d}.")

    html = viewer.get(report_url()).content.decode()

    assert "Comment number 00." in html and "Comment number 19." in html
    assert "Comment number 20." not in html


def test_date_range_changes_every_figure(viewer, ratings):
    """With a date range, every part of the report counts only the ratings of those days."""
    start = (LAST_WEEK - datetime.timedelta(days=2)).isoformat()
    response = viewer.get(report_url(start=start, end=TODAY.isoformat()))
    page = parse(response)
    html = response.content.decode()

    assert page.figures["Ratings"] == "5"
    assert page.figures["Average score"] == "3.0 out of 5"
    assert page.figures["CSAT (satisfied or extremely satisfied)"] == "40% 12–77%"
    assert [row[2] for row in body(page.tables["report-distribution"])] == ["0", "3", "0", "1", "1"]
    assert [row[1] for row in body(page.tables["report-languages"])] == ["5", "0", "0"]
    assert body(page.tables["report-pages"]) == [
        ["Agreements /ar/agreements/", "5", "40%", "12–77%", "3.0"]
    ]
    # The weekly trend starts with the range: the week of its first day, to this week.
    assert [row[1:] for row in body(page.tables["report-weeks"])] == [
        ["0", "—", "—"],
        ["5", "40%", "12–77%"],
        ["0", "—", "—"],
    ]
    assert ARABIC_COMMENT in html
    assert "Très clair" not in html and "An old complaint" not in html
    assert f'export/?start={start}&amp;end={TODAY.isoformat()}"' in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"start": "2024-02-30"}, "Enter a valid date."),
        ({"end": "yesterday"}, "Enter a valid date."),
        ({"start": "99999-01-01"}, "Enter a valid date."),
        ({"start": "2024-05-02", "end": "2024-05-01"}, "The end date is before the start date."),
    ],
)
def test_bad_dates_give_a_form_error(viewer, ratings, query, message):
    """Dates that cannot be read, or an end before the start, are shown as a form error."""
    response = viewer.get(report_url(**query))
    page = parse(response)
    html = response.content.decode()

    assert response.status_code == 200
    assert message in html
    assert 'class="errorlist' in html
    # The figures then cover every rating, and the page says so.
    assert page.figures["Ratings"] == "12"
    assert "the figures below cover every rating" in html
    assert "Download CSV" not in html


def test_a_period_without_ratings_says_so(viewer, ratings):
    """A period with no rating shows zero and a sentence, not empty tables."""
    page = parse(viewer.get(report_url(start="2001-01-01", end="2001-01-31")))

    assert page.figures["Ratings"] == "0"
    assert page.figures["Average score"] == "—"
    assert "report-distribution" not in page.tables


def test_report_is_linked_from_the_changelist(viewer, ratings):
    """The ratings list links to the report and keeps Django's own tools."""
    html = viewer.get(reverse("admin:feedback_rating_changelist")).content.decode()

    assert f'href="{report_url()}"' in html
    assert 'class="object-tools"' in html


# Who may see and do what ----------------------------------------------------------------


def test_staff_without_the_view_permission_get_403(client, ratings):
    """A staff member without `feedback.view_rating` gets 403 from the report and the export."""
    client.force_login(make_staff(username="nobody"))

    for url in (report_url(), reverse("admin:feedback_rating_export")):
        response = client.get(url)
        assert response.status_code == 403
        assert b"Satisfaction report" not in response.content
        assert b"An old complaint" not in response.content


def test_anonymous_visitors_are_sent_to_the_login_page(client, ratings):
    """Without a session, the report and the export redirect to the admin login."""
    for url in (report_url(), reverse("admin:feedback_rating_export")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login") + "?next=")
        assert b"An old complaint" not in response.content


def test_changelist_has_no_add_button_and_lists_ratings(viewer, ratings):
    """Ratings are listed with their answer, language, page and comment; nobody can add one."""
    response = viewer.get(reverse("admin:feedback_rating_changelist"))
    html = response.content.decode()

    assert response.context["cl"].result_count == 12
    assert reverse("admin:feedback_rating_add") not in html
    assert "Extremely satisfied" in html
    assert "/ar/agreements/" in html
    assert "&lt;script&gt;" in html and "<script>alert" not in html
    assert viewer.get(reverse("admin:feedback_rating_add")).status_code == 403


def test_viewer_sees_the_change_page_read_only_and_cannot_change(viewer, ratings):
    """The change page is read-only, and a POST to it changes nothing."""
    rating = Rating.objects.get(comment=ARABIC_COMMENT)
    url = reverse("admin:feedback_rating_change", args=[rating.pk])

    html = viewer.get(url).content.decode()
    assert ARABIC_COMMENT in html
    assert 'name="_save"' not in html
    assert 'name="score"' not in html

    response = viewer.post(url, {"score": 5, "comment": "edited", "path": "/en/", "language": "en"})
    assert response.status_code == 403
    rating.refresh_from_db()
    assert (rating.score, rating.comment) == (2, ARABIC_COMMENT)


def test_viewer_cannot_delete(viewer, ratings):
    """A staff member with the view permission cannot delete, one by one or in bulk."""
    rating = Rating.objects.get(comment=ARABIC_COMMENT)

    response = viewer.post(
        reverse("admin:feedback_rating_delete", args=[rating.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    viewer.post(
        reverse("admin:feedback_rating_changelist"),
        {"action": "delete_selected", "_selected_action": [rating.pk], "post": "yes"},
    )
    assert Rating.objects.filter(pk=rating.pk).exists()
    assert Rating.objects.count() == 12


def test_superuser_can_delete_but_not_add_or_change(superuser_client, ratings):
    """A superuser may delete a rating; adding and editing stay impossible."""
    rating = Rating.objects.get(comment=ARABIC_COMMENT)

    response = superuser_client.post(
        reverse("admin:feedback_rating_delete", args=[rating.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not Rating.objects.filter(pk=rating.pk).exists()
    assert Rating.objects.count() == 11
    assert superuser_client.get(reverse("admin:feedback_rating_add")).status_code == 403
    other = Rating.objects.first()
    superuser_client.post(
        reverse("admin:feedback_rating_change", args=[other.pk]), {"score": 1, "comment": "x"}
    )
    assert Rating.objects.get(pk=other.pk).comment == other.comment


def test_fingerprint_never_appears(superuser_client, ratings):
    """The browser fingerprint shows on no admin page, in no report and in no export."""
    rating = Rating.objects.get(comment=ARABIC_COMMENT)
    urls = [
        reverse("admin:feedback_rating_changelist"),
        reverse("admin:feedback_rating_change", args=[rating.pk]),
        report_url(),
        reverse("admin:feedback_rating_export"),
    ]
    fingerprints = list(Rating.objects.values_list("browser", flat=True))

    for url in urls:
        response = superuser_client.get(url)
        content = b"".join(response.streaming_content) if response.streaming else response.content
        text = content.decode("utf-8-sig")
        assert ARABIC_COMMENT in text
        assert not any(fingerprint in text for fingerprint in fingerprints), url
        assert "fingerprint" not in text.lower(), url


def test_search_finds_ratings_by_comment(viewer, ratings):
    """The changelist search looks in comments."""
    response = viewer.get(reverse("admin:feedback_rating_changelist"), {"q": "old complaint"})

    assert response.context["cl"].result_count == 1
    assert "An old complaint" in response.content.decode()
    assert "Très clair" not in response.content.decode()


def test_changelist_filters_by_page(viewer, ratings):
    """The page filter offers the rated paths and narrows the list to one of them."""
    url = reverse("admin:feedback_rating_changelist")
    html = viewer.get(url).content.decode()
    assert re.search(r'<bdi dir="ltr">/ar/agreements/</bdi> \(5\)', html)

    response = viewer.get(url, {"page": "/ar/agreements/"})

    assert response.context["cl"].result_count == 5
    assert set(response.context["cl"].result_list.values_list("language", flat=True)) == {"ar"}


def test_only_site_paths_become_links(viewer):
    """A stored path that is not a plain path of this site is shown as text, never linked."""
    for _ in range(5):
        make_rating(1, path="javascript:alert(1)", comment="odd")
        make_rating(2, path="//elsewhere.example/", comment="odder")
    page = parse(viewer.get(report_url()))

    assert {row[0] for row in body(page.tables["report-pages"])} == {
        "javascript:alert(1)",
        "//elsewhere.example/",
    }
    assert page.links["report-pages"] == []
    assert not any(
        "elsewhere" in href or "javascript" in href for href in page.links["report-comments"]
    )


def test_weekly_trend_spans_the_range_up_to_twelve_weeks(viewer):
    """A short range shows its own weeks; a long one its last twelve weeks."""
    make_rating(5, day=datetime.date(2025, 10, 8))

    short = parse(viewer.get(report_url(start="2025-10-01", end="2025-10-31")))
    long = parse(viewer.get(report_url(start="2025-01-01", end="2025-10-31")))

    with translation.override("en"):
        monday = formats.date_format(datetime.date(2025, 10, 6), "SHORT_DATE_FORMAT")
    assert [row[1] for row in body(short.tables["report-weeks"])] == ["0", "1", "0", "0", "0"]
    assert body(short.tables["report-weeks"])[1][0] == monday
    assert len(body(long.tables["report-weeks"])) == 12
    assert [monday, "1", "100%", "21–100%"] in body(long.tables["report-weeks"])
