import csv
import datetime
import io
import json
from html.parser import HTMLParser

import pytest
from django.utils import translation

from news.models import Article
from tests.factories import make_agreement, make_article, make_partner

pytestmark = pytest.mark.django_db

HOST = "http://testserver"
COLUMNS = [
    "id",
    "title",
    "title_language",
    "partners",
    "partner_slugs",
    "signed_on",
    "signed_in",
    "signed_in_language",
    "duration_years",
    "ends_on",
    "status",
    "areas",
    "areas_language",
    "projects",
    "projects_language",
    "article_url",
    "record_url",
    "follows",
    "follows_relation",
    "followed_by",
    "followed_by_relation",
]


@pytest.fixture
def registry():
    """Agreements with partners in two countries over two years, one active, one expired."""
    icesco = make_partner(slug="icesco", country="MA", name_en="ICESCO")
    center = make_partner(slug="rcqe", country="SA", name_en="Regional Center", name_fr="")
    article = make_article(title_en="Signing news", slug_en="signing-news")
    active = make_agreement(
        partners=[icesco, center],
        article=article,
        title_en="Quality agreement",
        signed_on=datetime.date(2023, 11, 8),
        duration_years=5,
    )
    expired = make_agreement(
        partners=[icesco],
        title_fr="",
        areas_fr="",
        title_en="Old heritage agreement",
        signed_on=datetime.date(2015, 3, 1),
        ends_on=datetime.date(2018, 3, 1),
        duration_years=None,
    )
    draft = make_article(status=Article.Status.DRAFT)
    hidden = make_agreement(partners=[icesco], title_en="Not yet announced", article=draft)
    return {"active": active, "expired": expired, "hidden": hidden, "article": article}


def url_in(obj, code):
    with translation.override(code):
        return f"{HOST}{obj.get_absolute_url()}"


def read_csv(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith("\ufeff".encode())
    text = response.content.decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    assert reader.fieldnames == COLUMNS
    return list(reader)


def read_json(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def test_csv_lists_every_visible_agreement_in_the_requested_language(client, registry):
    """The CSV holds the registry's agreements in French, with absolute links, hidden ones out."""
    response = client.get("/fr/agreements.csv")
    assert 'filename="agreements-fr.csv"' in response["Content-Disposition"]
    rows = read_csv(response)
    active, expired = registry["active"], registry["expired"]
    assert [row["id"] for row in rows] == [str(active.pk), str(expired.pk)]
    row = rows[0]
    assert row["title"] == active.title_fr and row["title_language"] == ""
    icesco = active.partners.get(slug="icesco")
    assert set(row["partners"].splitlines()) == {icesco.name_fr, "Regional Center"}
    assert set(row["partner_slugs"].splitlines()) == {"icesco", "rcqe"}
    assert row["signed_on"] == "2023-11-08"
    assert row["signed_in"] == "Rabat"
    assert row["duration_years"] == "5"
    assert row["ends_on"] == "2028-11-07"
    assert row["status"] == "active"
    assert row["areas"].splitlines() == ["Éducation", "Culture"]
    assert row["projects"].splitlines() == ["Un projet commun"]
    assert row["article_url"] == url_in(registry["article"], "fr")
    assert row["record_url"] == url_in(active, "fr")


def test_csv_names_the_language_of_fallback_text(client, registry):
    """A text shown in a fallback language says which language it is in."""
    expired = read_csv(client.get("/fr/agreements.csv"))[1]
    assert expired["title"] == "Old heritage agreement"
    assert expired["title_language"] == "en"
    assert expired["areas"].splitlines() == ["Education", "Culture"]
    assert expired["areas_language"] == "en"
    assert expired["signed_in_language"] == ""
    assert expired["status"] == "expired"
    assert expired["ends_on"] == "2018-03-01"
    assert expired["duration_years"] == "" and expired["article_url"] == ""


def test_csv_cells_never_run_as_formulas(client, registry):
    """Text a spreadsheet would run as a formula is written with a leading apostrophe."""
    agreement = registry["active"]
    agreement.title_en = '=HYPERLINK("http://evil.example","Click")'
    agreement.signed_in_en = "+212 Rabat"
    agreement.areas_en = "-1+1\n@SUM(A1)"
    agreement.save()
    row = read_csv(client.get("/en/agreements.csv"))[0]
    assert row["title"] == "'" + agreement.title_en
    assert row["signed_in"] == "'+212 Rabat"
    assert row["areas"] == "'-1+1\n@SUM(A1)"


def test_json_holds_the_same_records(client, registry):
    """The JSON file gives the language, the filters, the count and structured records."""
    data = read_json(client.get("/ar/agreements.json"))
    assert data["language"] == "ar" and data["filters"] == {} and data["count"] == 2
    active = registry["active"]
    record = data["agreements"][0]
    assert record["id"] == active.pk
    assert record["title"] == active.title_ar and record["title_language"] is None
    assert {p["slug"]: p["name"] for p in record["partners"]} == {
        p.slug: p.name_ar for p in active.partners.all()
    }
    assert record["signed_in"] == "الرباط"
    assert record["areas"] == ["التعليم", "الثقافة"]
    assert record["projects"] == ["مشروع مشترك"]
    assert record["duration_years"] == 5 and record["ends_on"] == "2028-11-07"
    assert record["article_url"] == url_in(registry["article"], "ar")
    assert record["record_url"] == url_in(active, "ar")
    assert set(record) == {*COLUMNS} - {"partner_slugs"}


def test_json_partner_name_in_fallback_language(client, registry):
    """A partner without a French name comes in English, and says so."""
    record = read_json(client.get("/fr/agreements.json"))["agreements"][0]
    partners = {p["slug"]: p for p in record["partners"]}
    assert partners["rcqe"] == {"name": "Regional Center", "name_language": "en", "slug": "rcqe"}
    assert partners["icesco"]["name_language"] is None


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("partner=rcqe", ["Quality agreement"]),
        ("country=MA", ["Quality agreement", "Old heritage agreement"]),
        ("country=SA", ["Quality agreement"]),
        ("year=2015", ["Old heritage agreement"]),
        ("status=active", ["Quality agreement"]),
        ("status=expired&partner=icesco", ["Old heritage agreement"]),
        ("status=expired&year=2023", []),
    ],
)
def test_filters_apply_to_both_formats(client, registry, query, titles):
    """Partner, country, year and status filter the files as they filter the registry page."""
    data = read_json(client.get(f"/en/agreements.json?{query}"))
    assert [record["title"] for record in data["agreements"]] == titles
    assert data["count"] == len(titles)
    assert data["filters"] == dict(pair.split("=") for pair in query.split("&"))
    rows = read_csv(client.get(f"/en/agreements.csv?{query}"))
    assert [row["title"] for row in rows] == titles


def test_invalid_filters_are_a_400_with_a_message(client, registry):
    """Filters that mean nothing get a 400 saying which, as JSON for JSON, as text for CSV."""
    response = client.get("/en/agreements.json?year=1850&partner=nobody&status=active")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert data["error"].startswith("Some filters were not understood")
    assert set(data["filters"]) == {"year", "partner"}
    assert "agreements" not in data
    response = client.get("/en/agreements.csv?country=ZZ")
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0].startswith("Some filters were not understood")
    assert lines[1].startswith("country: ")


def test_only_csv_and_json_exist(client, registry):
    """Other extensions are not open data formats."""
    assert client.get("/en/agreements.xml").status_code == 404


def test_open_data_is_readable_from_other_sites(client, registry):
    """Both files allow any site's scripts to read them: they are public and use no cookies."""
    for fmt in ("csv", "json"):
        assert client.get(f"/en/agreements.{fmt}")["Access-Control-Allow-Origin"] == "*"


def test_queries_do_not_grow_with_the_number_of_agreements(
    client, registry, django_assert_max_num_queries
):
    """The export reads the agreements, their partners and articles in a fixed number of queries."""
    for _ in range(10):
        make_agreement(article=make_article())
    with django_assert_max_num_queries(8):
        assert read_json(client.get("/en/agreements.json"))["count"] == 12


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("type") in ("text/csv", "application/json"):
            self.hrefs[attrs["type"]] = attrs["href"]


@pytest.mark.parametrize("code", ["ar", "en", "fr"])
def test_registry_page_links_the_files_with_its_filters(client, registry, code):
    """The registry page offers CSV and JSON of what it shows, filters kept, page number not."""
    response = client.get(f"/{code}/agreements/?status=active&country=MA&page=1")
    parser = Links()
    parser.feed(response.content.decode())
    assert parser.hrefs == {
        "text/csv": f"/{code}/agreements.csv?status=active&country=MA",
        "application/json": f"/{code}/agreements.json?status=active&country=MA",
    }
    assert read_json(client.get(parser.hrefs["application/json"]))["count"] == 1
