"""Searching in Debian's Chromium: from the header's box, with the keyboard, and axe-core."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.factories import make_agreement, make_article, make_category, make_partner

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture
def content():
    category = make_category()
    centre = make_partner(
        slug="rcqe", name_ar="المركز الإقليمي لجودة التعليم", name_en="Regional Centre"
    )
    make_agreement(partners=[centre], title_ar="اتفاقية تعاون في التعليم")
    make_article(category=category, title_ar="مدارس التعليم الأساسي", title_en="Basic schools")
    make_article(category=category, languages=("en",), title_en="Education in the oases")


def test_search_from_the_header_with_the_keyboard_in_arabic(page, live_server, content):
    """An Arabic reader types in the header's box, presses Enter and reaches the results."""
    page.goto(f"{live_server.url}/ar/")
    page.locator('form.site-search[role="search"] input[type="search"]').focus()
    page.keyboard.type("التعليم")
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator('[role="status"].result-count')).to_contain_text("3")
    expect(page.locator(".search-result mark").first).to_have_text("التعليم")
    # On a phone-sized screen nothing sticks out sideways.
    page.set_viewport_size({"width": 390, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


@pytest.mark.parametrize(("code", "query"), [("ar", "التعليم"), ("en", "education"), ("fr", "")])
def test_axe_finds_no_violations_on_search(page, live_server, content, code, query):
    """axe-core (WCAG 2.1 A and AA) reports nothing on the search page, with and without results."""
    page.goto(f"{live_server.url}/{code}/search/?q={query}")
    violations = Axe().run(page, options=WCAG).response["violations"]
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations] == []
