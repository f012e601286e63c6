"""A translator in Debian's Chromium: the desk in Arabic, a French text updated side by side."""

import pytest
from django.contrib.auth.models import Group, User
from django.utils import translation
from playwright.sync_api import expect

from news import freshness
from news.models import Article
from tests.browser.test_editorial import PASSWORD, axe_violations, log_in
from tests.factories import make_article

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def translators_groups():
    from importlib import import_module

    from django.apps import apps

    import_module("news.migrations.0008_freshness").create_groups(apps, None)


def test_translator_updates_an_outdated_french_text(
    browser, live_server, editorial_groups, settings
):
    """The English summary changes; a translator working in Arabic opens the desk, updates the
    French summary beside the highlighted change, and the French page loses its notice."""
    settings.PAGE_CACHE_SECONDS = 0
    translators_groups()
    article = make_article(
        summary_en="Teachers met in Rabat.", summary_fr="Des enseignants à Rabat."
    )
    article = Article.objects.get(pk=article.pk)
    article.summary_en = "Teachers met in Tunis."
    article.save()
    user = User.objects.create_user("translator", password=PASSWORD, is_staff=True)
    user.groups.add(*Group.objects.filter(name__in=["Translators", "Translators (French)"]))
    with translation.override("fr"):
        french_page = article.get_absolute_url()
    base = live_server.url

    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{base}{french_page}")
    expect(page.locator(".notice--outdated")).to_contain_text("Le texte original a été mis à jour")
    expect(page.locator('.notice--outdated a[lang="en"]')).to_have_text("English")
    problems = {"article with notice": axe_violations(page)}

    log_in(page, base, "translator")
    page.goto(f"{base}/ar/admin/news/translations/fr/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator(".desk-lines")).to_contain_text(article.title_ar)
    problems["desk (ar)"] = axe_violations(page)

    page.locator(".desk-lines a", has_text=article.title_ar).click()
    summary = page.locator("#pair-summary").locator("xpath=..")
    expect(summary.locator(".pair__diff del")).to_have_text("Rabat.")
    expect(summary.locator(".pair__diff ins")).to_have_text("Tunis.")
    expect(summary.locator(".pair__text")).to_have_attribute("dir", "ltr")
    field = page.locator("#id_summary")
    expect(field).to_have_attribute("lang", "fr")
    problems["side by side (ar)"] = axe_violations(page)
    field.fill("Des enseignants se sont réunis à Tunis.")
    page.locator('input[type="submit"].default').click()
    expect(page.locator(".messagelist")).to_be_visible()

    article.refresh_from_db()
    assert article.summary_fr == "Des enseignants se sont réunis à Tunis."
    assert freshness.state(article, "summary", "fr") == freshness.CURRENT
    page.goto(f"{base}{french_page}")
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator(".notice--outdated")).to_have_count(0)
    context.close()
    assert problems == {name: [] for name in problems}
