"""The site's search, on whichever database runs the suite (SQLite and PostgreSQL in CI)."""

import datetime
import html
import re

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.utils import timezone

from news.models import Agreement, Article, Partner
from news.search import MAX_QUERY_LENGTH
from news.search_documents import config
from tests.factories import make_agreement, make_article, make_category, make_partner

pytestmark = pytest.mark.django_db


def postgresql_only(reason):
    return pytest.mark.skipif(
        connection.vendor != "postgresql", reason=f"{reason} CI runs this on PostgreSQL."
    )


RESULT_TITLE = re.compile(
    r'<h3 class="search-result__title"><a href="(?P<href>[^"]*)"(?P<attrs>[^>]*)>'
    r"(?P<title>.*?)</a>",
    re.S,
)


def search(client, code, query, **params):
    return client.get(f"/{code}/search/", {"q": query, **params})


def titles(response):
    """The results' titles in page order, as text."""
    found = RESULT_TITLE.findall(response.content.decode())
    return [html.unescape(re.sub(r"</?mark>", "", title)) for _href, _attrs, title in found]


def status(response):
    match = re.search(r'<p class="result-count" role="status">(.*?)</p>', response.content.decode())
    return html.unescape(match.group(1)) if match else None


def results_html(response):
    page = response.content.decode()
    start = page.find('<section aria-labelledby="results-title">')
    return page[start : page.find("</section>", start)] if start != -1 else ""


@pytest.fixture
def category():
    return make_category()


def article(category, **fields):
    return make_article(category=category, **fields)


# Search quality in each language --------------------------------------------------


def test_english_plural_finds_singular(client, category):
    """English "agreements" finds an article about an "agreement"."""
    article(category, title_en="A new agreement on heritage")
    article(category, title_en="A concert in the old town")
    response = search(client, "en", "agreements")
    assert titles(response) == ["A new agreement on heritage"]
    assert status(response) == "1 result for “agreements”"


def test_french_plural_finds_singular(client, category):
    """French "accords" finds an article about an "accord"."""
    article(category, title_fr="Un accord pour le patrimoine")
    article(category, title_fr="Un concert dans la vieille ville")
    assert titles(search(client, "fr", "accords")) == ["Un accord pour le patrimoine"]


@pytest.mark.parametrize("query", ["écoles", "ecoles", "ÉCOLES"])
def test_french_ignores_accents_both_ways(client, category, query):
    """In French, "écoles" finds "ecoles" and "ecoles" finds "écoles", whatever the case."""
    article(category, title_fr="Des écoles rurales", slug_fr="ecoles-rurales")
    article(category, title_fr="Les ecoles du soir", slug_fr="ecoles-soir")
    article(category, title_fr="Un musée rénové", slug_fr="musee")
    assert sorted(titles(search(client, "fr", query))) == [
        "Des écoles rurales",
        "Les ecoles du soir",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("الاتفاقيات", "توقيع اتفاقية للتعاون الثقافي"),  # definite plural finds the singular
        ("اتفاقية", "نص الاتفاقيات الجديدة"),  # and the singular the definite plural
        ("المدرسة", "افتتاح مدرسة جديدة"),  # the definite form finds the indefinite
    ],
)
def test_arabic_finds_other_inflections(client, category, query, expected):
    """Arabic finds a word written with the article, in the plural or without them."""
    article(category, title_ar="توقيع اتفاقية للتعاون الثقافي")
    article(category, title_ar="نص الاتفاقيات الجديدة")
    article(category, title_ar="افتتاح مدرسة جديدة")
    article(category, title_ar="معرض للفنون")
    response = search(client, "ar", query)
    assert expected in titles(response)
    assert "معرض للفنون" not in titles(response)
    assert '<html lang="ar" dir="rtl">' in response.content.decode()


@postgresql_only(
    "Stemming by PostgreSQL's dictionaries; the Python search on SQLite only strips plurals "
    "and Arabic affixes."
)
@pytest.mark.parametrize(
    ("code", "query", "title"),
    [
        ("en", "educational", "Ministers of education meet"),
        ("fr", "éducatives", "Les ministres de l'éducation se réunissent"),
        ("ar", "التعليمية", "اجتماع وزراء التعليم"),
    ],
)
def test_postgresql_stems_derived_words(client, category, code, query, title):
    """On PostgreSQL the language's stemmer also joins derived words (educational, education)."""
    article(category, **{f"title_{code}": title})
    assert titles(search(client, code, query)) == [title]


def test_title_matches_rank_first(client, category):
    """An older article with the word in its title comes before newer ones with it in the body."""
    now = timezone.now()
    article(
        category,
        title_en="Weekly digest",
        body_en="<p>Manuscripts, manuscripts and more manuscripts.</p>",
        published_at=now - datetime.timedelta(hours=1),
    )
    article(
        category,
        title_en="Digest of the month",
        summary_en="Three manuscripts were restored.",
        published_at=now - datetime.timedelta(hours=2),
    )
    article(
        category,
        title_en="Manuscripts of Timbuktu restored",
        published_at=now - datetime.timedelta(days=400),
    )
    found = titles(search(client, "en", "manuscripts"))
    assert found[0] == "Manuscripts of Timbuktu restored"
    assert set(found[1:]) == {"Weekly digest", "Digest of the month"}


def test_excerpt_marks_the_words_and_drops_the_markup(client, category):
    """The excerpt comes from the body as text, with the words found in <mark>."""
    article(
        category,
        title_en="Opening day",
        summary_en="",
        body_en="<p>The <strong>observatory</strong> opens to schools &amp; families.</p>",
    )
    found = results_html(search(client, "en", "observatory"))
    assert "<mark>observatory</mark> opens to schools &amp; families" in found
    assert "<strong>" not in found and "&amp;amp;" not in found


def test_editors_markup_in_titles_is_shown_as_text(client, category):
    """A title holding markup (or our own marker characters) is escaped around the <mark>."""
    article(category, title_en='Tagged <img src=x onerror="alert(1)"> \ue000nebula\ue001 news')
    found = results_html(search(client, "en", "nebula"))
    assert '<img src=x onerror="alert(1)">' not in found
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; <mark>nebula</mark> news" in found


# Only public content ----------------------------------------------------------------


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.IN_REVIEW},
        {"published_at": timezone.now() + datetime.timedelta(days=3)},
    ],
    ids=["draft", "in-review", "scheduled"],
)
def test_unpublished_articles_are_never_found(client, category, fields):
    """Drafts, articles in review and scheduled articles are found in no language."""
    article(
        category,
        title_en="Secret zanzibarite plans",
        title_fr="Plans secrets zanzibarite",
        title_ar="خطط زنجباريت",
        **fields,
    )
    for code, word in (("en", "zanzibarite"), ("fr", "zanzibarite"), ("ar", "زنجباريت")):
        response = search(client, code, word)
        assert titles(response) == []
        assert '<li class="search-result">' not in response.content.decode()


def test_agreements_of_unpublished_articles_are_never_found(client, category):
    """An agreement announced by a draft is hidden; once the article is published, found."""
    draft = article(category, status=Article.Status.DRAFT, title_en="Draft news")
    make_agreement(article=draft, title_en="Quetzalcoatl cooperation agreement")
    assert titles(search(client, "en", "quetzalcoatl")) == []
    draft.status = Article.Status.PUBLISHED
    draft.save()  # as the admin does: the page cache hears of it (news/invalidation.py)
    assert titles(search(client, "en", "quetzalcoatl")) == ["Quetzalcoatl cooperation agreement"]


def test_partner_and_its_agreements_found_by_arabic_name(client, category):
    """Typing a partner's Arabic name finds the partner and the agreements it signed."""
    centre = make_partner(
        slug="rcqe",
        name_ar="المركز الإقليمي للجودة والتميز",
        name_en="Regional Centre for Quality and Excellence",
        **{f"acronym_{code}": "" for code in ("ar", "en", "fr")},
    )
    make_agreement(partners=[centre], title_ar="اتفاقية تعاون في مجال التدريب")
    make_agreement(title_ar="اتفاقية أخرى")
    response = search(client, "ar", "المركز الإقليمي")
    assert titles(response) == ["المركز الإقليمي للجودة والتميز", "اتفاقية تعاون في مجال التدريب"]
    page = results_html(response)
    assert 'href="/ar/partners/rcqe/"' in page
    assert "<mark>المركز</mark> <mark>الإقليمي</mark>" in page


# The query language ---------------------------------------------------------------


@pytest.fixture
def trio(category):
    article(category, title_en="Heritage of the desert")
    article(category, title_en="Heritage of the sea")
    article(category, title_en="Museums of the sea")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("heritage sea", ["Heritage of the sea"]),
        ("heritage -sea", ["Heritage of the desert"]),
        ("desert or museums", ["Heritage of the desert", "Museums of the sea"]),
        ('"heritage of the sea"', ["Heritage of the sea"]),
        ('"sea heritage"', []),
        ("HERITAGE Desert", ["Heritage of the desert"]),
    ],
)
def test_websearch_syntax(client, trio, query, expected):
    """Every word must match; quotes keep words together; `or` accepts either; minus excludes."""
    assert sorted(titles(search(client, "en", query))) == expected


def test_only_exclusions_look_for_nothing(client, trio):
    """A query that only excludes finds nothing and says why, instead of listing everything."""
    response = search(client, "en", "-sea")
    assert titles(response) == []
    assert "There is nothing to look for in these words" in response.content.decode()
    assert status(response) == "No results for “-sea”."


# Any input is safe ------------------------------------------------------------------

HOSTILE = [
    "!!!???...",
    "'&|!:*()",
    "&|!:*()<->",
    "'; DROP TABLE news_article; --",
    "1' OR '1'='1",
    "heritage' OR 1=1 --",
    "%_\\",
    '"unclosed quote',
    "- -- or or -",
    "<script>alert(1)</script>",
    "heritage التراث patrimoine 遗产 🏛️",
    "\u202eheritage\u202c",
    "a" * 5000,
]


@pytest.mark.parametrize("code", ["ar", "en", "fr"])
@pytest.mark.parametrize("query", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_input_is_answered_with_a_page(client, trio, code, query):
    """Punctuation, operators, SQL, markup, mixed scripts and 5,000 characters: a normal page."""
    response = search(client, code, query)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'role="status"' in page and 'id="search-query"' in page
    assert "<script>alert" not in page
    assert Article.objects.count() == 3  # nothing was dropped


def test_hostile_input_is_echoed_escaped(client, trio):
    """The query is shown back in the box and the status, escaped."""
    page = search(client, "en", '<script>alert("x")</script>').content.decode()
    assert 'value="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"' in page
    assert "“&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;”" in page


def test_nul_byte_is_a_400(client, trio):
    """A NUL byte in the query is refused before the search (portal/middleware.py)."""
    assert client.get("/en/search/?q=heritage%00").status_code == 400


def test_long_query_is_cut_with_a_notice(client, trio):
    """A query longer than the limit is cut to it, searched, and the visitor told."""
    query = "heritage " + "x" * 5000
    response = search(client, "en", query)
    page = response.content.decode()
    assert response.status_code == 200
    assert f"only its first {MAX_QUERY_LENGTH} characters were searched for" in page
    value = re.search(r'id="search-query" name="q" value="([^"]*)"', page).group(1)
    assert len(value) == MAX_QUERY_LENGTH and value.startswith("heritage x")
    assert titles(response) == []


def test_empty_query_shows_the_form_only(client, trio):
    """No query: the form, no results, no count, no error."""
    for params in ({}, {"q": ""}, {"q": "   "}):
        response = client.get("/en/search/", params)
        page = response.content.decode()
        assert response.status_code == 200
        assert '<input type="search" id="search-query" name="q" value=""' in page
        assert status(response) is None and titles(response) == []


# Page, paging, languages -------------------------------------------------------------


def test_results_are_paged(client, category):
    """25 matches: 20 on the first page, 5 on the second, the query kept in the links."""
    for n in range(25):
        article(category, title_en=f"Calligraphy workshop {n}", slug_en=f"calligraphy-{n}")
    first = search(client, "en", "calligraphy")
    assert status(first) == "25 results for “calligraphy”"
    assert len(titles(first)) == 20
    assert 'href="?q=calligraphy&amp;page=2" rel="next"' in first.content.decode()
    second = search(client, "en", "calligraphy", page=2)
    assert len(titles(second)) == 5
    assert '<ol class="search-results" start="21">' in second.content.decode()
    assert len(set(titles(first)) | set(titles(second))) == 25


def test_fallback_text_carries_its_language(client, category):
    """A French visitor finds an English-only article, shown with lang="en" and a label."""
    article(category, languages=("en",), title_en="Astrolabes of Andalusia", slug_en="astrolabes")
    response = search(client, "fr", "astrolabes")
    found = RESULT_TITLE.search(response.content.decode())
    assert found and ' lang="en" dir="ltr"' in found.group("attrs")
    assert "<mark>Astrolabes</mark> of Andalusia" in found.group("title")
    assert 'class="badge badge--lang"' in results_html(response)


def test_agreements_and_partners_appear_with_their_kind(client):
    """Agreements and partners are found too, each labelled with its kind."""
    partner = make_partner(name_en="Baobab Foundation", slug="baobab")
    make_agreement(partners=[partner], title_en="Baobab reading agreement")
    page = results_html(search(client, "en", "baobab"))
    assert '<span class="search-result__kind">Agreement</span>' in page
    assert '<span class="search-result__kind">Partner</span>' in page
    assert f'href="/en/agreements/{Agreement.objects.get().pk}/"' in page
    assert 'href="/en/partners/baobab/"' in page


@pytest.mark.parametrize("code", ["ar", "en", "fr"])
def test_every_page_has_the_search_box(client, trio, code):
    """The header holds a labelled search form leading to this language's search page."""
    page = client.get(f"/{code}/news/").content.decode()
    form = re.search(r'<form class="site-search" role="search"[^>]*>(.*?)</form>', page, re.S)
    assert form and f'action="/{code}/search/"' in form.group(0)
    assert '<label class="visually-hidden" for="site-search-query">' in form.group(1)
    assert 'type="search" id="site-search-query" name="q"' in form.group(1)


def test_query_count_does_not_grow_with_results(client, category, django_assert_max_num_queries):
    """A page of 20 mixed results takes a fixed, small number of queries."""
    for n in range(30):
        partner = make_partner(name_en=f"Cedar partner {n}", slug=f"cedar-{n}")
        make_agreement(partners=[partner], title_en=f"Cedar agreement {n}")
        article(category, title_en=f"Cedar news {n}")
    with django_assert_max_num_queries(15):
        assert len(titles(search(client, "en", "cedar"))) == 20


# PostgreSQL: the indexes are used ------------------------------------------------------


@postgresql_only("Text search indexes exist on PostgreSQL only.")
@pytest.mark.parametrize("code", ["ar", "en", "fr"])
@pytest.mark.parametrize("model", [Article, Agreement, Partner], ids=lambda m: m._meta.model_name)
def test_every_search_uses_its_index(code, model):
    """Each language's stored document is searched through its GIN index."""
    query = SearchQuery("heritage", config=config(code), search_type="websearch")
    queryset = model.objects.filter(**{f"search_{code}": query})
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = queryset.explain()
    assert f"news_{model._meta.model_name}_search_{code}" in plan


@postgresql_only("Search documents are computed on PostgreSQL only (NULL on SQLite).")
def test_documents_follow_every_kind_of_write(category):
    """PostgreSQL recomputes a document on update() and bulk_create() too, not only save()."""
    english = SearchQuery("quokka", config="english")
    made = article(category, title_en="A heritage week")
    Article.objects.filter(pk=made.pk).update(title_en="A quokka week")
    Article.objects.bulk_create([Article(category=category, title_en="Quokka news")])
    assert Article.objects.filter(search_en=english).count() == 2


def test_search_pages_are_not_indexed(client):
    """A results page tells search engines not to index it and names no canonical address."""
    html = client.get("/fr/search/", {"q": "accord"}).text
    assert html.count('<meta name="robots" content="noindex, nofollow">') == 1
    assert 'rel="canonical"' not in html
