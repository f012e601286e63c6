"""A visitor in Debian's Chromium: reading, switching language, and axe-core on every page type."""

import re
from urllib.parse import unquote

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.factories import make_article, make_model_case

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture
def content():
    case = make_model_case(image_size=(640, 360))
    category = case["category"]
    for n in range(4):
        make_article(category=category, title_en=f"Other news {n}")
    make_article(category=category, languages=("en",), title_en="English only")
    return case


def test_home_to_article_to_arabic_same_article(page, live_server, content):
    """Home → featured article → Arabic: the same article, right-to-left, in Arabic."""
    page.goto(f"{live_server.url}/en/")
    page.get_by_role("link", name="Cooperation agreement on quality in education").first.click()
    expect(page.locator("h1")).to_have_text("Cooperation agreement on quality in education")
    assert page.locator("html").get_attribute("dir") == "ltr"

    switcher = page.get_by_role("navigation", name="Language")
    switcher.locator('a[hreflang="ar"]').click()
    expect(page.locator("h1")).to_have_text("اتفاقية تعاون للجودة في التعليم")
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert unquote(page.url).endswith("/ar/news/2023/11/09/اتفاقية-تعاون-للجودة/")
    # Right-to-left for real: the heading starts at the right edge of its box.
    assert page.evaluate("getComputedStyle(document.querySelector('h1')).direction") == "rtl"
    brand = page.locator(".brand").bounding_box()
    switcher = page.locator(".language-switcher").bounding_box()
    assert brand["x"] > switcher["x"], "the brand should sit on the right in Arabic"
    # The facts box of the agreement is on the Arabic page too.
    expect(page.locator(".facts-box")).to_contain_text("باريس")


def test_pages_work_with_the_keyboard(page, live_server, content):
    """The skip link is the first stop and moves focus to the main content."""
    page.goto(f"{live_server.url}/fr/news/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused and focused == page.locator(".skip-link").text_content().strip()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "content"


@pytest.mark.parametrize("code", ["ar", "en", "fr"])
def test_axe_finds_no_violations(page, live_server, content, code):
    """axe-core (WCAG 2.1 A and AA) reports nothing on home, list, article and registry."""
    article_path = re.sub(r"^/en/", f"/{code}/", content["article"].get_absolute_url())
    paths = [
        f"/{code}/",
        f"/{code}/news/",
        f"/{code}/news/?category=agreements",
        article_path,
        f"/{code}/agreements/",
        f"/{code}/agreements/{content['agreement'].pk}/",
        f"/{code}/partners/",
        f"/{code}/partners/rcqe/",
    ]
    axe = Axe()
    problems = {}
    for path in paths:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status in (200, 301, 302), path
        result = axe.run(page, options=WCAG)
        violations = result.response["violations"]
        if violations:
            problems[path] = [
                (v["id"], [node["target"] for node in v["nodes"]][:3]) for v in violations
            ]
    assert problems == {}
