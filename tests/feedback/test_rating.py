import datetime
import os
import re
import uuid
from ipaddress import ip_network
from urllib.parse import unquote

import pytest
from django.core.cache import caches
from django.db import IntegrityError, connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from feedback import forms
from feedback.forms import RatingForm
from feedback.models import COMMENT_MAX_LENGTH, Rating, browser_fingerprint
from feedback.views import COOKIE_NAME
from tests.factories import make_article

pytestmark = pytest.mark.django_db

URL = "/en/feedback/"


@pytest.fixture(autouse=True)
def fresh_cache(settings):
    """Each test counts its rate limit from zero, in a cache of its own."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": uuid.uuid4().hex,
        }
    }


def rate(client, path="/en/", url=URL, json=False, **data):
    data = {"score": "4", "path": path, **data}
    headers = {"HTTP_ACCEPT": "application/json"} if json else {}
    return client.post(url, data, **headers)


def test_score_must_be_one_to_five_in_the_database():
    """The database itself refuses a score of 0 or 6."""
    for score in (0, 6):
        with pytest.raises(IntegrityError), transaction.atomic():
            Rating.objects.create(score=score, path="/en/", language="en", browser=str(score))


def test_comment_length_is_limited_in_the_database():
    """The database refuses a comment over 1,000 characters."""
    with pytest.raises(IntegrityError), transaction.atomic():
        Rating.objects.create(score=3, comment="x" * 1001, path="/", language="en", browser="b")
    Rating.objects.create(score=3, comment="x" * 1000, path="/", language="en", browser="c")
    assert Rating.objects.get(browser="c").comment == "x" * 1000


def test_plain_form_post_redirects_back_with_thanks(client):
    """Without JavaScript: POST, a redirect to the same page, a thank-you in Arabic."""
    response = rate(client, url="/ar/feedback/", path="/ar/news/?category=x", comment="شكرا")
    assert response.status_code == 302
    assert response.url == "/ar/news/?category=x&feedback=thanks#feedback"
    rating = Rating.objects.get()
    assert (rating.score, rating.comment, rating.path, rating.language) == (
        4,
        "شكرا",
        "/ar/news/",
        "ar",
    )
    page = client.get("/ar/news/?feedback=thanks")
    status = re.search(r'role="status" data-feedback-status>([^<]*)<', page.text).group(1)
    assert status == "شكرًا لك! لقد سُجِّلت إجابتك."


def test_fetch_gets_json(client):
    """With JavaScript, the same endpoint answers JSON with the message in the page's language."""
    response = rate(client, url="/fr/feedback/", path="/fr/", json=True)
    assert response.status_code == 200
    assert response.json() == {"ok": True, "message": "Merci ! Votre réponse a été enregistrée."}
    assert Rating.objects.get().language == "fr"


def test_cookie_is_set_only_on_rating(client):
    """Readers who never rate get no cookie; a rater gets one first-party, HttpOnly cookie."""
    make_article()
    for page in ("/en/", "/en/news/", "/ar/agreements/"):
        response = client.get(page)
        assert response.cookies == {}
        assert "csrfmiddlewaretoken" not in response.text
    response = rate(client)
    cookie = response.cookies[COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and cookie["path"] == "/"
    assert 86_000 <= int(cookie["max-age"]) <= 86_400
    assert Rating.objects.get().browser == browser_fingerprint(cookie.value)
    assert cookie.value not in Rating.objects.get().browser


def test_same_browser_replaces_its_rating_within_a_day(client):
    """A second rating from the same browser within 24 hours replaces the first."""
    rate(client, score="2", comment="slow")
    rate(client, score="5", path="/en/news/")
    rating = Rating.objects.get()
    assert (rating.score, rating.comment, rating.path) == (5, "", "/en/news/")


def test_after_a_day_the_browser_rates_anew(client):
    """Once the window has passed, the same browser's rating is a new row."""
    rate(client, score="2")
    Rating.objects.update(created_at=timezone.now() - datetime.timedelta(hours=25))
    first_token = client.cookies[COOKIE_NAME].value
    response = rate(client, score="5")
    assert sorted(Rating.objects.values_list("score", flat=True)) == [2, 5]
    assert response.cookies[COOKIE_NAME].value != first_token
    assert Rating.objects.values("browser").distinct().count() == 2


def test_other_browsers_add_rows():
    """Two browsers (no shared cookie) give two rows."""
    rate(Client(), score="1")
    rate(Client(), score="5")
    assert Rating.objects.count() == 2


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"score": ""}, "score"),
        ({"score": "0"}, "score"),
        ({"score": "6"}, "score"),
        ({"score": "four"}, "score"),
        ({"score": ["4", "5"]}, "score"),
        ({"comment": "x" * 1001}, "comment"),
        ({"comment": "hello\x07there"}, "comment"),
        ({"comment": "abc\u202edcba"}, "comment"),
        ({"comment": "isolate \u2067x\u2069"}, "comment"),
        ({"path": "https://evil.example/en/"}, "path"),
        ({"path": "//evil.example/en/"}, "path"),
        ({"path": "/en/no/such/page/"}, "path"),
        ({"path": "/en/" + "a" * 3000}, "path"),
        ({"path": "javascript:alert(1)"}, "path"),
        ({"path": ""}, "path"),
    ],
    ids=[
        "missing", "zero", "six", "words", "repeated", "too-long", "control", "override",
        "isolate", "foreign", "protocol-relative", "no-page", "absurd-path", "javascript",
        "no-path",
    ],
)  # fmt: skip
def test_bad_input_is_refused_with_a_clear_error(client, data, field):
    """Each bad input: a 400 naming the problem, nothing stored, no cookie."""
    response = rate(client, json=True, **data)
    assert response.status_code == 400
    body = response.json()
    assert body["ok"] is False and list(body["errors"]) == [field]
    assert body["errors"][field][0]
    assert Rating.objects.count() == 0
    assert COOKIE_NAME not in response.cookies


def test_bad_input_without_javascript_shows_the_form_again(client):
    """The plain form comes back with the error in French and what the visitor typed."""
    response = rate(
        client,
        url="/fr/feedback/",
        path="/fr/news/",
        score="9",
        comment='<b>Trop</b> lent & "lourd"',
    )
    assert response.status_code == 400
    html = response.text
    assert '<html lang="fr"' in html
    assert "Choisissez l’une des cinq réponses." in html
    assert "&lt;b&gt;Trop&lt;/b&gt; lent &amp; &quot;lourd&quot;</textarea>" in html
    assert 'href="/fr/news/"' in html
    assert Rating.objects.count() == 0


def test_comment_is_stored_as_text_and_shown_escaped(client):
    """HTML in a comment is kept as typed and never rendered as markup."""
    rate(client, comment="<script>alert(1)</script> <b>bold</b>")
    assert Rating.objects.get().comment == "<script>alert(1)</script> <b>bold</b>"


def test_contact_details_are_scrubbed_before_saving(client):
    """E-mail addresses and phone numbers never reach the database."""
    rate(
        client,
        comment="Write to ali.b+news@mail.example.org or call +212 5 37 56 60 52, "
        "٠٦١٢٣٤٥٦٧٨ or (555) 123-4567. Founded in 1982, 45 pages.",
    )
    comment = Rating.objects.get().comment
    assert "@" not in comment and "mail.example" not in comment
    assert "537" not in comment and "٠٦١٢" not in comment and "4567" not in comment
    assert comment.count("[phone removed]") == 3 and "[email removed]" in comment
    assert "1982" in comment and "45 pages" in comment


def test_no_address_or_user_agent_is_stored(client):
    """The client's address and browser string appear in no column of the stored rating."""
    rate(client, HTTP_USER_AGENT="Mozilla/5.0 TestAgent", REMOTE_ADDR="203.0.113.77")
    values = " ".join(str(v) for v in Rating.objects.values().get().values())
    assert "203.0.113.77" not in values and "TestAgent" not in values
    columns = {field.name for field in Rating._meta.get_fields()}
    assert not columns & {"ip", "ip_address", "address", "user_agent"}


def test_path_is_normalized_and_query_dropped(client):
    """The stored page is a clean path: dot segments resolved, query and fragment dropped."""
    rate(client, path="/en/agreements/../news/./?page=2&year=2023#top")
    assert Rating.objects.get().path == "/en/news/"


def test_get_is_a_clear_405(client):
    """Opening the endpoint in a browser explains where to rate, in the visitor's language."""
    response = client.get("/ar/feedback/")
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert "في أسفل كل صفحة" in response.text
    assert Rating.objects.count() == 0


def test_huge_body_is_refused_without_being_read(client):
    """A body far beyond any rating gets a 413 in the visitor's language and stores nothing."""
    response = rate(client, url="/fr/feedback/", comment="x" * 200_000)
    assert response.status_code == 413
    assert "beaucoup trop long" in response.text
    json_response = rate(client, json=True, comment="x" * 200_000)
    assert json_response.status_code == 413 and json_response.json()["ok"] is False
    assert Rating.objects.count() == 0


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_REFERER": "https://evil.example/page"},
        {"HTTP_ORIGIN": "http://testserver.evil.example"},
        {"HTTP_REFERER": "ftp://testserver/"},
    ],
)
def test_cross_site_submissions_are_refused(client, headers):
    """A rating sent from another site's page is a 403 and stores nothing."""
    response = client.post(URL, {"score": "5", "path": "/en/"}, **headers)
    assert response.status_code == 403
    assert "this site&#x27;s own pages" in response.text
    assert Rating.objects.count() == 0


def test_same_site_origin_and_referer_are_accepted(client):
    """The site's own origin, or its own pages as referer, are welcome."""
    rate(client, HTTP_ORIGIN="http://testserver")
    rate(client, HTTP_REFERER="http://testserver/en/news/", score="2")
    assert Rating.objects.get().score == 2


def test_honeypot_is_answered_like_success_and_not_stored(client):
    """A filled honeypot gets the usual thank-you, but no row and no cookie."""
    response = rate(client, website="http://spam.example")
    assert response.status_code == 302 and response.url.endswith("feedback=thanks#feedback")
    assert Rating.objects.count() == 0
    assert COOKIE_NAME not in response.cookies


@override_settings(FEEDBACK_RATE_LIMIT=3)
def test_rate_limit_per_address(client):
    """The fourth rating in the hour from one address gets a 429 in its language."""
    for n in range(3):
        assert rate(Client(), score=str(n + 1)).status_code == 302
    blocked = rate(Client(), url="/fr/feedback/", path="/fr/")
    assert blocked.status_code == 429
    assert "Veuillez réessayer dans une heure" in blocked.text
    assert rate(Client(), json=True).json()["ok"] is False
    assert Rating.objects.count() == 3
    # Another address is not affected.
    assert rate(Client(REMOTE_ADDR="198.51.100.9")).status_code == 302
    assert Rating.objects.count() == 4


@override_settings(FEEDBACK_RATE_LIMIT=2, PORTAL_TRUSTED_PROXIES=[ip_network("127.0.0.0/8")])
def test_rate_limit_uses_the_address_our_proxy_saw(client):
    """Behind our proxy, the client is the last X-Forwarded-For entry, not what it claims."""
    for claimed in ("1.1.1.1", "2.2.2.2", "3.3.3.3"):
        response = rate(
            Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"{claimed}, 203.0.113.5")
        )
    assert response.status_code == 429
    assert (
        rate(Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.6")).status_code == 302
    )


@override_settings(FEEDBACK_RATE_LIMIT=2, PORTAL_TRUSTED_PROXIES=[ip_network("127.0.0.0/8")])
def test_rate_limit_ignores_the_header_from_a_client_reaching_the_app_directly(client):
    """A client that is not our proxy cannot escape the limit by sending X-Forwarded-For."""
    # Different answers: the same one within seconds would be one double click.
    for score, claimed in enumerate(("1.1.1.1", "2.2.2.2", "3.3.3.3"), start=1):
        response = rate(
            Client(REMOTE_ADDR="198.51.100.9", HTTP_X_FORWARDED_FOR=claimed), score=str(score)
        )
    assert response.status_code == 429
    assert Rating.objects.count() == 2


def redis_available():
    import redis

    try:
        return redis.Redis(host="127.0.0.1", port=6379, socket_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        return False


@pytest.fixture
def redis_cache(settings):
    if not redis_available():
        if os.environ.get("PORTAL_REQUIRE_SERVICES"):
            pytest.fail("Redis is not running on 127.0.0.1:6379.")
        pytest.skip("Redis is not running on 127.0.0.1:6379.")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        }
    }


@override_settings(FEEDBACK_RATE_LIMIT=2)
def test_rate_limit_with_redis(client, redis_cache):
    """With Redis as the cache, the counter lives in Redis and holds the limit."""
    assert type(caches["default"]).__name__ == "RedisCache"
    assert rate(Client(), score="1").status_code == 302
    assert rate(Client(), score="2").status_code == 302
    assert rate(Client(), score="3").status_code == 429
    assert Rating.objects.count() == 2


@pytest.mark.parametrize("code", ["ar", "en", "fr"])
def test_widget_is_on_every_page_with_five_labelled_answers(client, code):
    """Every public page asks the question with five labelled radios, in its language."""
    make_article()
    labels = {
        "en": ("Overall, how satisfied are you about the website?", "Extremely dissatisfied"),
        "fr": ("Dans l’ensemble, êtes-vous satisfait du site ?", "Très insatisfait"),
        "ar": ("بشكل عام، ما مدى رضاك عن الموقع؟", "غير راضٍ إطلاقًا"),
    }[code]
    for page in (f"/{code}/", f"/{code}/news/", f"/{code}/agreements/", f"/{code}/partners/"):
        html = client.get(page).text
        form = re.search(r'<form class="feedback__form".*?</form>', html, re.S).group(0)
        assert f'action="/{code}/feedback/"' in form
        assert f'<legend id="feedback-score-legend">{labels[0]}</legend>' in form
        radios = re.findall(r'<input type="radio" name="score" value="(\d)"[^>]*id="([^"]+)"', form)
        assert [value for value, _ in radios] == ["1", "2", "3", "4", "5"]
        for _value, radio_id in radios:
            assert re.search(rf'<label for="{radio_id}">[^<]+</label>', form)
        assert labels[1] in form
        assert f'name="path" value="{page}"' in form


def test_rating_from_an_arabic_slug_page(client):
    """A page whose address is percent-encoded Arabic is rated, and stored readable."""
    article = make_article()
    with translation.override("ar"):
        url = article.get_absolute_url()
    assert "%D8" in url
    page = client.get(url)
    assert f'name="path" value="{url}"' in page.text
    response = rate(client, url="/ar/feedback/", path=url)
    assert response.status_code == 302 and response.url.startswith(url)
    assert Rating.objects.get().path == unquote(url)
    assert "%" not in Rating.objects.get().path


def test_a_rating_resolves_its_page_once(client, monkeypatch):
    """One POST resolves the page path once: the view and the redirect reuse the cleaned path;
    the next ratings of that page are not resolved again, a page never seen is."""
    calls = []
    real_resolve = forms.resolve
    monkeypatch.setattr(
        forms, "resolve", lambda path, urlconf: calls.append(path) or real_resolve(path, urlconf)
    )
    forms._is_page.cache_clear()
    response = rate(client, path="/en/news/../news/?category=x")
    assert response.url == "/en/news/?category=x&feedback=thanks#feedback"
    assert Rating.objects.get().path == "/en/news/"
    assert calls == ["/en/news/"]
    rate(Client(), path="/en/news/?page=2", score="2")
    assert rate(Client(), path="/en/no/such/page/", json=True).status_code == 400
    assert rate(Client(), path="/en/no/such/page/", json=True).status_code == 400
    assert calls == ["/en/news/", "/en/no/such/page/"]
    assert Rating.objects.count() == 2


def test_a_page_is_checked_against_the_urls_in_use():
    """The remembered answer belongs to one URL configuration: under another, it is asked anew."""
    forms._is_page.cache_clear()
    assert forms.page_path("/en/news/") == "/en/news/"
    with (
        override_settings(ROOT_URLCONF="tests.feedback.urls_without_news"),
        pytest.raises(ValueError),
    ):
        forms.page_path("/en/news/")
    assert forms.page_path("/en/news/") == "/en/news/"


def test_comment_limit_is_one_constant(client, monkeypatch, settings):
    """The model field, the check constraint, the form and the page's textarea share one limit."""
    settings.PAGE_CACHE_SECONDS = 0  # the page is rendered twice, not served again
    constraint = next(
        c for c in Rating._meta.constraints if c.name == "feedback_rating_comment_length"
    )
    assert Rating._meta.get_field("comment").max_length == COMMENT_MAX_LENGTH
    assert constraint.condition.rhs == COMMENT_MAX_LENGTH
    assert RatingForm.base_fields["comment"].max_length == COMMENT_MAX_LENGTH
    page = client.get("/en/").text
    assert page.count(f'maxlength="{COMMENT_MAX_LENGTH}"') == 1
    # The textarea reads the form's limit rather than a number of its own.
    monkeypatch.setattr(RatingForm.base_fields["comment"], "max_length", 12)
    assert 'maxlength="12"' in client.get("/en/").text


@pytest.mark.django_db(transaction=True)
def test_a_rating_costs_one_insert_and_a_double_click_two_queries(client):
    """Outside a transaction: a new rating is one INSERT (no BEGIN/COMMIT); its double click a
    SELECT and an UPDATE of that row, no refused insert; both clicks get the same cookie."""
    with CaptureQueriesContext(connection) as first:
        response = rate(Client(HTTP_USER_AGENT="Browser/1.0"), json=True, comment="twice")
    assert [q["sql"].split()[0] for q in first.captured_queries] == ["INSERT"]
    with CaptureQueriesContext(connection) as second:
        again = rate(Client(HTTP_USER_AGENT="Browser/1.0"), json=True, comment="twice")
    assert [q["sql"].split()[0] for q in second.captured_queries] == ["SELECT", "UPDATE"]
    assert response.cookies[COOKIE_NAME].value == again.cookies[COOKIE_NAME].value
    assert Rating.objects.get().browser == browser_fingerprint(again.cookies[COOKIE_NAME].value)


@pytest.mark.django_db(transaction=True)
def test_a_replacement_within_the_day_costs_two_queries(client):
    """A browser with its cookie: its rating is read and updated, nothing inserted."""
    rate(client, score="2", comment="slow")
    with CaptureQueriesContext(connection) as captured:
        rate(client, score="5", comment="better", path="/en/news/")
    assert [q["sql"].split()[0] for q in captured.captured_queries] == ["SELECT", "UPDATE"]
    rating = Rating.objects.get()
    assert (rating.score, rating.comment, rating.path, rating.state) == (
        5,
        "better",
        "/en/news/",
        Rating.State.NEW,
    )


def test_a_refused_insert_inside_a_transaction_leaves_it_usable():
    """Inside a caller's transaction, a token already stored becomes a replacement, and the
    transaction goes on (a savepoint took the refusal)."""
    first = Rating.objects.record_first("token", score=1, comment="", path="/en/", language="en")
    second = Rating.objects.record_first("token", score=5, comment="", path="/en/", language="en")
    assert second.pk == first.pk
    assert list(Rating.objects.values_list("score", flat=True)) == [5]


def test_a_rewritten_comment_is_new_to_read_an_unchanged_one_keeps_its_triage(client):
    """Replacing a triaged rating: the same comment stays read, a rewritten one is new again."""
    rate(client, score="2", comment="slow")
    Rating.objects.update(state=Rating.State.READ, note="seen")
    rate(client, score="3", comment="slow")
    assert Rating.objects.values_list("score", "state", "note").get() == (3, "read", "seen")
    rate(client, score="3", comment="slow pages")
    assert Rating.objects.values_list("comment", "state", "note").get() == (
        "slow pages",
        "new",
        "seen",
    )
