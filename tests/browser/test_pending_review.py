"""A change to a published article waits for a publisher, in the Arabic admin, in Chromium."""

import pytest
from playwright.sync_api import expect

from news.models import Article, PendingChange
from tests.browser.test_editorial import axe_violations, log_in, member
from tests.factories import make_article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pending_change_reviewed_in_arabic(browser, live_server, settings, editorial_groups):
    """An editor changes a published article in the Arabic admin; the public page (cached)
    keeps the old text; a publisher compares and publishes; the new text appears."""
    settings.PAGE_CACHE_SECONDS = 300
    article = make_article(title_ar="العنوان المنشور", slug_ar="العنوان-المنشور")
    member("Editors", "editor")
    member("Publishers", "publisher")
    base = live_server.url
    public = f"{base}/ar/news/"
    problems = {}

    visitor = browser.new_context()
    reader = visitor.new_page()
    reader.goto(public)
    expect(reader.locator("main")).to_contain_text("العنوان المنشور")

    editor = browser.new_context()
    page = editor.new_page()
    log_in(page, base, "editor")
    page.goto(f"{base}/ar/admin/news/article/{article.pk}/change/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.fill("#id_title_ar", "العنوان المصحح")
    page.locator('input[name="_save"]').click()
    expect(page.locator(".pending-banner")).to_be_visible()
    problems["change form with a pending change"] = axe_violations(page)
    assert PendingChange.objects.get().data["title_ar"] == "العنوان المصحح"
    editor.close()

    reader.goto(public)
    expect(reader.locator("main")).to_contain_text("العنوان المنشور")
    expect(reader.locator("main")).not_to_contain_text("العنوان المصحح")

    publisher = browser.new_context()
    page = publisher.new_page()
    log_in(page, base, "publisher")
    page.goto(f"{base}/ar/admin/news/article/?pending=yes")
    expect(page.locator("#result_list")).to_contain_text("العنوان المنشور")
    page.goto(f"{base}/ar/admin/news/article/{article.pk}/pending/")
    expect(page.locator("table.pending-diff del")).to_have_text("المنشور")
    expect(page.locator("table.pending-diff ins")).to_have_text("المصحح")
    problems["comparison"] = axe_violations(page)
    page.locator('button[value="publish"]').click()
    expect(page.locator(".messagelist")).to_be_visible()
    publisher.close()

    article.refresh_from_db()
    assert article.title_ar == "العنوان المصحح"
    reader.goto(public)
    expect(reader.locator("main")).to_contain_text("العنوان المصحح")
    visitor.close()
    assert Article.objects.published().get().title_ar == "العنوان المصحح"
    assert problems == {name: [] for name in problems}
