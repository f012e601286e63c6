"""Editors and publishers in Debian's Chromium: write in three languages, review, publish."""

import io
from urllib.parse import unquote

import pytest
from django.contrib.auth.models import Group, User
from PIL import Image
from playwright.sync_api import expect

from news.models import Article
from tests.browser.conftest import run_axe
from tests.browser.test_visitor import WCAG
from tests.factories import make_category

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PASSWORD = "a-long-passphrase-42"
TEXTS = {
    "ar": ("ورشة إقليمية لتدريب المعلمين", "ملخص الورشة الإقليمية.", "نص الخبر بالعربية."),
    "en": ("Regional workshop trains teachers", "Summary of the workshop.", "The English body."),
    "fr": ("Un atelier régional forme des enseignants", "Résumé de l’atelier.", "Le texte."),
}


def member(group, username):
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def photo_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 900), (30, 110, 130)).save(buffer, "JPEG")
    return buffer.getvalue()


def log_in(page, base, username):
    page.goto(f"{base}/en/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator('input[type="submit"]').click()
    expect(page.locator("#user-tools")).to_contain_text(username)


def axe_violations(page):
    result = run_axe(page, WCAG)
    return [
        (v["id"], [node["target"] for node in v["nodes"]][:3])
        for v in result.response["violations"]
    ]


def test_editor_writes_publisher_publishes(browser, live_server):
    """An editor writes a three-language article with an image and sends it for review;
    a publisher previews and publishes it; it is on the public site in all three languages."""
    category = make_category(name_en="Events", slug_en="events")
    member("Editors", "editor")
    member("Publishers", "publisher")
    base = live_server.url
    problems = {}

    editor = browser.new_context()
    page = editor.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{base}/ar/admin/login/")
    problems["login (ar)"] = axe_violations(page)
    log_in(page, base, "editor")
    problems["admin index"] = axe_violations(page)
    page.goto(f"{base}/en/admin/news/article/add/")
    switch = page.get_by_role("group", name="Languages shown")
    for code in ["ar", "en", "fr"]:
        switch.locator(f'input[value="{code}"]').check()
        other = "en" if code != "en" else "fr"
        expect(page.locator(f"#id_title_{other}")).to_be_hidden()
        title, summary, body = TEXTS[code]
        page.fill(f"#id_title_{code}", title)
        page.fill(f"#id_summary_{code}", summary)
        editor_area = page.locator(f".prose-editor:has(#id_body_{code}) [contenteditable='true']")
        editor_area.click()
        page.keyboard.type(body)
        page.fill(f"#id_image_alt_{code}", f"alt {code}")
        expected_direction = "rtl" if code == "ar" else "ltr"
        assert page.locator(f"#id_title_{code}").get_attribute("dir") == expected_direction
        assert editor_area.evaluate("e => getComputedStyle(e).direction") == expected_direction
    assert page.locator("#id_slug_en").input_value() == "regional-workshop-trains-teachers"
    assert page.locator("#id_slug_ar").input_value() == "ورشة-إقليمية-لتدريب-المعلمين"
    switch.locator('input[value="all"]').check()
    expect(page.locator("#id_title_fr")).to_be_visible()
    page.select_option("#id_category", str(category.pk))
    page.set_input_files(
        "#id_image",
        files=[{"name": "workshop.jpg", "mimeType": "image/jpeg", "buffer": photo_bytes()}],
    )
    page.select_option("#id_status", "review")
    problems["article form"] = axe_violations(page)
    page.locator('input[name="_save"]').click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    problems["article list"] = axe_violations(page)
    article = Article.objects.get(slug_en="regional-workshop-trains-teachers")
    assert article.status == "review" and article.image_renditions
    assert [url for url in requested if not url.startswith(base)] == []
    editor.close()

    publisher = browser.new_context()
    page = publisher.new_page()
    log_in(page, base, "publisher")
    page.goto(f"{base}/en/admin/news/article/{article.pk}/change/")
    preview_href = page.get_by_role("link", name="Preview in French").get_attribute("href")
    page.goto(f"{base}{preview_href}")
    expect(page.locator("h1")).to_have_text(TEXTS["fr"][0])
    expect(page.locator(".notice--preview")).to_be_visible()
    page.goto(f"{base}/en/admin/news/article/{article.pk}/change/")
    page.select_option("#id_status", "published")
    page.locator('input[name="_save"]').click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    publisher.close()

    visitor = browser.new_context()
    page = visitor.new_page()
    assert Article.objects.published().filter(pk=article.pk).exists()
    for code in ["ar", "en", "fr"]:
        page.goto(f"{base}/{code}/news/")
        page.get_by_role("link", name=TEXTS[code][0]).first.click()
        expect(page.locator("h1")).to_have_text(TEXTS[code][0])
        expect(page.locator(".prose")).to_contain_text(TEXTS[code][2])
        assert f"/{code}/news/" in unquote(page.url)
        picture = page.locator("article picture source[type='image/webp']")
        assert "w," in picture.get_attribute("srcset")
    visitor.close()
    assert problems == {
        "login (ar)": [],
        "admin index": [],
        "article form": [],
        "article list": [],
    }
