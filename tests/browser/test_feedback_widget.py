"""The satisfaction widget in Debian's Chromium: keyboard only, in Arabic, with and without JS."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from feedback.models import Rating
from tests.browser.test_visitor import WCAG
from tests.factories import make_article

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def page_to_rate():
    make_article()


def test_rating_with_the_keyboard_only_in_arabic(page, live_server, page_to_rate):
    """Tab to the scale, arrow to an answer, type a comment, send: the thanks appear in place."""
    page.goto(f"{live_server.url}/ar/news/")
    page.locator("#feedback-score-legend").scroll_into_view_if_needed()
    # Tab until the first answer of the scale has the focus.
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "score":
            break
    assert page.evaluate("document.activeElement.value") == "1"
    page.keyboard.press("ArrowRight")  # right-to-left: arrows move along the reading order
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    chosen = page.evaluate("document.activeElement.value")
    assert page.evaluate("document.activeElement.checked")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "comment"
    page.keyboard.type("الموقع واضح وسريع")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")

    status = page.locator("[data-feedback-status]")
    expect(status).to_have_text("شكرًا لك! لقد سُجِّلت إجابتك.")
    assert page.url.endswith("/ar/news/"), "the page must not reload"
    rating = Rating.objects.get()
    assert (str(rating.score), rating.comment, rating.language, rating.path) == (
        chosen,
        "الموقع واضح وسريع",
        "ar",
        "/ar/news/",
    )


def test_errors_appear_in_place_and_are_announced(page, live_server, page_to_rate):
    """Sending without an answer shows the error by the scale and stores nothing."""
    page.goto(f"{live_server.url}/fr/")
    page.get_by_role("button", name="Envoyer ma réponse").click()
    error = page.locator('[data-error-for="score"]')
    expect(error).to_have_text("Choisissez l’une des cinq réponses.")
    assert page.locator(".feedback__question").get_attribute("aria-invalid") == "true"
    assert Rating.objects.count() == 0


def test_rating_without_javascript(browser, live_server, page_to_rate):
    """With JavaScript off, the form posts, redirects back and thanks the visitor."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/agreements/")
    page.get_by_label("Extremely satisfied").check()
    page.get_by_role("button", name="Send my answer").click()
    expect(page.locator("[data-feedback-status]")).to_have_text(
        "Thank you! Your answer has been recorded."
    )
    assert "/en/agreements/?feedback=thanks" in page.url
    assert Rating.objects.get().score == 5
    context.close()


@pytest.mark.parametrize("code", ["en", "fr", "ar"])
def test_axe_on_the_widget_with_errors_and_thanks(page, live_server, page_to_rate, code):
    """axe-core finds nothing on a page whose widget shows errors, then the thank-you."""
    page.goto(f"{live_server.url}/{code}/")
    page.locator('form[data-feedback] button[type="submit"]').click()
    expect(page.locator('[data-error-for="score"]')).not_to_be_hidden()
    result = Axe().run(page, context="#feedback", options=WCAG)
    assert result.response["violations"] == []
    page.locator('input[name="score"][value="4"]').check()
    page.locator('form[data-feedback] button[type="submit"]').click()
    expect(page.locator("[data-feedback-status]")).not_to_be_empty()
    result = Axe().run(page, options=WCAG)
    assert result.response["violations"] == []
