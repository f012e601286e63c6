"""The Content-Security-Policy holds in Chromium: nothing on the public pages or in the
admin (login, the article form with the prose editor, the satisfaction report) is refused."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import make_model_case
from tests.feedback.factories import make_rating

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PASSWORD = "a-long-passphrase-42"


@pytest.fixture
def content():
    # An earlier test's flush left content types cached under ids that are gone;
    # the admin's log entries would point at them.
    ContentType.objects.clear_cache()
    case = make_model_case(image_size=(640, 360))
    today = timezone.localdate()
    for n in range(12):
        make_rating(score=n % 5 + 1, language="ar", path="/ar/", day=today - datetime.timedelta(n))
    return case


def test_public_pages_run_with_no_violation(page, live_server, content, policy_violations):
    """Every public page type loads its styles, image and script with nothing refused."""
    base, case = live_server.url, content
    urls = [
        "/ar/",
        "/en/news/?year=2023",
        case["article"].get_absolute_url(),
        "/fr/agreements/",
        case["agreement"].get_absolute_url(),
        "/ar/partners/",
        case["host"].get_absolute_url(),
        "/en/search/?q=cooperation",
        "/fr/no-such-page/",
    ]
    for url in urls:
        response = page.goto(base + url)
        assert "'self'" in response.headers["content-security-policy"]
        # The stylesheet applied: the page is laid out by our CSS, not the browser's defaults.
        assert page.evaluate("getComputedStyle(document.body).margin") == "0px", url
    # The rating widget's script ran: an answer sent in place is thanked in place.
    page.goto(f"{base}/en/")
    page.locator('input[name="score"][value="5"]').check()
    page.get_by_role("button", name="Send my answer").click()
    expect(page.locator("[data-feedback-status]")).to_contain_text("Thank you")
    assert page.url == f"{base}/en/", "answered in place, with no reload"
    assert policy_violations == []


def test_admin_runs_with_no_violation(page, live_server, content, policy_violations):
    """Login, the article form (prose editor, language switch), history, report: no refusal."""
    get_user_model().objects.create_superuser("boss", password=PASSWORD)
    base, article = live_server.url, content["article"]
    page.goto(f"{base}/ar/admin/login/")
    page.fill("#id_username", "boss")
    page.fill("#id_password", PASSWORD)
    page.locator('input[type="submit"]').click()
    expect(page.locator("#user-tools")).to_contain_text("boss")

    page.goto(f"{base}/en/admin/news/article/{article.pk}/change/")
    # The prose editor's modules ran (their import map carries the nonce) and it takes text.
    editor = page.locator(".prose-editor:has(#id_body_en) [contenteditable='true']")
    expect(editor).to_be_visible()
    editor.click()
    page.keyboard.type(" More text.")
    expect(editor).to_contain_text("More text.")
    # Our admin script ran: the language switch is there and hides the other languages.
    page.get_by_role("group", name="Languages shown").locator('input[value="fr"]').check()
    expect(page.locator("#id_title_en")).to_be_hidden()
    page.locator('input[name="_continue"]').click()
    expect(page.locator(".messagelist")).to_be_visible()

    page.goto(f"{base}/en/admin/news/article/{article.pk}/history/")
    expect(page.locator("#change-history, .module")).not_to_have_count(0)
    page.goto(f"{base}/en/admin/news/article/add/")
    # The language switch still shows French only (it remembers the choice).
    expect(page.locator(".prose-editor:has(#id_body_fr) [contenteditable='true']")).to_be_visible()

    page.goto(f"{base}/en/admin/feedback/rating/report/")
    expect(page.locator("h1")).to_contain_text("Satisfaction")
    # The bars take their width from a style attribute, which the admin's policy allows.
    width = page.evaluate(
        "getComputedStyle(document.querySelector('.report-bar')).getPropertyValue('--value')"
    )
    assert width.strip() != ""
    assert policy_violations == []


def test_a_violation_fails_the_test(page, live_server, policy_violations):
    """The shared fixture sees an inline script and a style attribute a public page refuses."""
    page.goto(f"{live_server.url}/en/")
    page.evaluate(
        """() => {
        const script = document.createElement("script");
        script.textContent = "window.injected = true";
        document.body.append(script);
        document.body.setAttribute("style", "color: red");
    }"""
    )
    page.wait_for_timeout(200)
    assert page.evaluate("window.injected === undefined")
    text = "\n".join(policy_violations)
    assert "script-src-elem blocked inline" in text, text
    assert "style-src-attr blocked inline" in text, text
    policy_violations.clear()
