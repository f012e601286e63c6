"""Security headers on public pages, admin pages and error pages."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, override_settings

from tests.factories import make_model_case

pytestmark = pytest.mark.django_db

REQUIRED = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
DENIED_FEATURES = ["camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"]


def policy(response):
    """The Content-Security-Policy header as {directive: value}."""
    header = response.headers["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())


def assert_strict(response):
    directives = policy(response)
    for name, value in REQUIRED.items():
        assert directives[name] == value, (name, directives)
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    assert "nonce-" not in response.headers["Content-Security-Policy"]
    features = dict(
        item.strip().split("=", 1) for item in response.headers["Permissions-Policy"].split(",")
    )
    assert {features[name] for name in DENIED_FEATURES} == {"()"}
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.fixture
def staff_client(client):
    client.force_login(get_user_model().objects.create_superuser("boss", password=None))
    return client


def test_public_page_has_the_strict_policy_and_no_nonce(client):
    """A public page gets the whole policy, with no nonce (so it can be cached whole)."""
    make_model_case()
    response = client.get("/en/")
    assert "Cooperation agreement on quality in education" in response.text
    assert_strict(response)
    assert "nonce=" not in response.text


def test_identical_public_responses_stay_identical(client):
    """Two requests for a public page get the same body and the same policy."""
    make_model_case()
    first, second = client.get("/fr/news/"), client.get("/fr/news/")
    assert first.content == second.content
    assert first.headers["Content-Security-Policy"] == second.headers["Content-Security-Policy"]


def test_error_pages_have_the_policy(client):
    """A 400 (meaningless filter) and a 404 carry the same headers as any page."""
    bad = client.get("/en/news/?year=abc")
    assert bad.status_code == 400
    assert_strict(bad)
    with override_settings(DEBUG=False):
        missing = client.get("/en/no-such-page/")
    assert missing.status_code == 404
    assert_strict(missing)


def test_admin_pages_have_the_policy_with_style_attributes_only(staff_client):
    """Admin pages keep the policy; they alone may use style attributes, never inline scripts."""
    login = Client().get("/en/admin/login/")
    assert 'name="username"' in login.text
    directives = policy(login)
    assert directives["style-src-attr"] == "'unsafe-inline'"
    assert directives["style-src-elem"].startswith("'self' 'sha256-")
    assert directives["style-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    report = staff_client.get("/en/admin/feedback/rating/report/")
    assert policy(report)["style-src-attr"] == "'unsafe-inline'"
    assert "unsafe-inline" not in policy(report)["script-src"]


def test_prose_editor_import_map_carries_the_nonce_of_the_header(staff_client):
    """The article form's inline import map runs because its nonce is the one in the header."""
    response = staff_client.get("/en/admin/news/article/add/")
    script_src = policy(response)["script-src"]
    nonce = re.fullmatch(r"'self' 'nonce-([^']+)'", script_src).group(1)
    assert re.search(rf'<script type="importmap" nonce="{re.escape(nonce)}">', response.text)
    scripts = re.findall(r"<script\b[^>]*>", response.text)
    # Every script is a file, or inline with the nonce.
    for tag in scripts:
        assert "src=" in tag or f'nonce="{nonce}"' in tag or "application/ld+json" in tag, tag
    assert (
        staff_client.get("/en/admin/news/article/add/").headers["Content-Security-Policy"]
        != response.headers["Content-Security-Policy"]
    )


def test_no_executable_inline_script_on_public_pages(client):
    """Public pages' inline scripts are JSON-LD data only; every other script is a file."""
    case = make_model_case()
    for url in ["/ar/", case["article"].get_absolute_url(), "/fr/agreements/"]:
        response = client.get(url)
        for tag in re.findall(r"<script\b[^>]*>", response.text):
            assert "src=" in tag or 'type="application/ld+json"' in tag, (url, tag)
        assert not re.search(r"\son[a-z]+=", response.text), url
        assert " style=" not in response.text, url
