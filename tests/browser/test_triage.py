"""A feedback owner triages a week of comments with the keyboard alone; axe on every new page."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import expect

from feedback.models import Improvement, Rating
from tests.browser.test_editorial import PASSWORD, axe_violations, log_in
from tests.feedback.factories import feedback_owners, make_rating

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COMMENTS = ["Le moteur de recherche est lent", "Page introuvable", "Merci, très clair"]


def test_owner_triages_a_week_of_comments_with_the_keyboard(browser, live_server):
    """Select comments and apply an action with Tab, Space and Enter; the states are saved."""
    owner = User.objects.create_user("owner", password=PASSWORD, is_staff=True)
    owner.groups.add(feedback_owners())
    week = timezone.localdate() - datetime.timedelta(days=3)
    for n, comment in enumerate(COMMENTS):
        make_rating(2 + n, "fr", "/fr/", week, comment=comment)
    Improvement.objects.create(title_ar="بحث أسرع", text_ar="صار البحث أسرع.")
    base = live_server.url
    problems = {}

    page = browser.new_context().new_page()
    log_in(page, base, "owner")
    expect(page.locator(".feedback-new-comments")).to_contain_text("3 new visitor comments")
    page.goto(f"{base}/en/admin/feedback/rating/?state__exact=new&commented=yes")
    problems["triage list"] = axe_violations(page)

    # Tick the first two rows from the keyboard: focus the first checkbox, Space, Tab on.
    checkboxes = page.locator("input.action-select")
    checkboxes.nth(0).focus()
    page.keyboard.press("Space")
    while not checkboxes.nth(1).evaluate("element => element === document.activeElement"):
        page.keyboard.press("Tab")
    page.keyboard.press("Space")
    action = page.locator('select[name="action"]')
    action.focus()
    action.select_option("mark_read")
    page.locator('button[name="index"]').focus()
    page.keyboard.press("Enter")
    expect(page.locator(".messagelist")).to_contain_text("2 marked")

    page.goto(f"{base}/en/admin/feedback/rating/report/")
    problems["report"] = axe_violations(page)
    expect(page.locator("svg.report-trend")).to_be_visible()

    visitor = browser.new_context().new_page()
    visitor.goto(f"{base}/ar/you-said-we-did/")
    expect(visitor.locator("h1")).to_have_text("قلتم، ففعلنا")
    expect(visitor.locator(".you-said__change")).to_contain_text("صار البحث أسرع.")
    problems["you said, we did (ar)"] = axe_violations(visitor)

    states = sorted(Rating.objects.values_list("state", flat=True))
    assert states == ["new", "read", "read"]
    assert problems == {name: [] for name in problems}
