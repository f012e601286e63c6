"""The partnerships office's pages and the identity form in Chromium, checked by axe-core."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import expect

from organization.models import SiteIdentity
from tests.browser.test_editorial import PASSWORD, axe_violations, log_in
from tests.factories import make_agreement, make_partner

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def office():
    from importlib import import_module

    from django.apps import apps

    import_module("news.migrations.0010_partnerships_office").create_groups(apps, None)
    from django.contrib.auth.models import Group

    user = User.objects.create_user("office", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Partnerships office"))
    return user


@pytest.mark.parametrize("code", ["ar", "en"])
def test_expiring_page_passes_axe(browser, live_server, office, code):
    """The ending-soon page, in Arabic and English, has no WCAG 2.1 AA violation."""
    today = timezone.localdate()
    partner = make_partner(name_en="Regional Center")
    make_agreement(
        partners=[partner],
        title_en="Ends soon",
        signatories=[("Dr. Amal", "Director", partner)],
        signed_on=today - datetime.timedelta(days=300),
        ends_on=today + datetime.timedelta(days=20),
    )
    page = browser.new_page()
    log_in(page, live_server.url, "office")
    page.goto(f"{live_server.url}/{code}/admin/news/agreement/expiring/")
    expect(page.locator("#result_list")).to_contain_text("Dr. Amal")
    page.select_option("#id_days", "30")
    page.locator('input[type="submit"]').click()
    expect(page.locator("#result_list")).to_contain_text("Dr. Amal")
    assert axe_violations(page) == []


def test_identity_admin_page_passes_axe(browser, live_server):
    """The identity form (three languages, contact, social accounts) has no violation."""
    User.objects.create_superuser("admin", password=PASSWORD)
    SiteIdentity.objects.create(name_en="Organization", short_name_en="ORG")
    page = browser.new_page()
    log_in(page, live_server.url, "admin")
    page.goto(f"{live_server.url}/ar/admin/organization/siteidentity/")
    expect(page.locator("#id_name_ar")).to_be_visible()
    page.fill("#id_name_fr", "Organisation")
    page.locator('input[name="_continue"]').click()
    expect(page.locator(".messagelist")).to_be_visible()
    assert SiteIdentity.objects.get().name_fr == "Organisation"
    assert axe_violations(page) == []
