"""The translation desk, its side-by-side editor, who may use it, and what readers are told."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from news import freshness
from news.freshness import CURRENT, OUTDATED
from news.models import Agreement, Article
from news.translation_desk import counts, desk_lines, source_diff
from tests.factories import make_article, make_category, make_partner

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def translator_groups(editorial_groups):
    """The groups of news/migrations/0008_freshness.py (gone after a flushing test)."""
    from importlib import import_module

    from django.apps import apps

    import_module("news.migrations.0008_freshness").create_groups(apps, None)


def reload(obj):
    return type(obj).objects.get(pk=obj.pk)


def edit(obj, **texts):
    obj = reload(obj)
    for name, value in texts.items():
        setattr(obj, name, value)
    obj.save()
    return reload(obj)


def user_in(*groups, username="someone"):
    user = User.objects.create_user(username, password="x", is_staff=True)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def desk_url(code):
    with translation.override("en"):
        return reverse("translations:desk", args=[code])


def edit_url(code, kind, pk):
    with translation.override("en"):
        return reverse("translations:edit", args=[code, kind, pk])


@pytest.fixture
def known_set():
    """Two categories, four articles, a partner, an agreement in known states."""
    news, events = make_category(), make_category()
    complete = make_article(category=news)
    outdated = edit(make_article(category=news), body_en="<p>Corrected</p>")
    english_only = make_article(category=events, languages=("en",))
    french_outdated = edit(make_article(category=events), title_en="New title")
    french_outdated = edit(french_outdated, title_ar="عنوان جديد")
    partner = edit(make_partner(), name_en="Renamed partner")
    agreement = Agreement.objects.create(
        title_en="Agreement", title_fr="Accord", signed_on=datetime.date(2024, 1, 1)
    )
    return locals()


def test_desk_counts_against_a_known_set(known_set):
    """Per language and kind, the desk counts exactly the missing and outdated items."""
    figures = counts(desk_lines())
    assert figures["fr"]["kinds"]["article"] == {"missing": 1, "outdated": 2}
    assert figures["ar"]["kinds"]["article"] == {"missing": 1, "outdated": 1}
    assert figures["fr"]["kinds"]["partner"] == {"missing": 0, "outdated": 1}
    assert figures["ar"]["kinds"]["agreement"] == {"missing": 1, "outdated": 0}
    assert figures["fr"]["kinds"]["agreement"] == {"missing": 0, "outdated": 0}
    assert figures["en"]["total"] == 0
    assert figures["fr"]["total"] == 4


def test_desk_filters_and_order(known_set):
    """Filters by category and state narrow the lines; the oldest comes first."""
    events = known_set["events"]
    lines = desk_lines({"category": events, "state": OUTDATED})["fr"]
    assert [line["obj"].pk for line in lines] == [known_set["french_outdated"].pk]
    assert desk_lines({"kind": "partner"})["fr"][0]["obj"].pk == known_set["partner"].pk
    every = desk_lines()["fr"]
    assert [line["since"] for line in every] == sorted(line["since"] for line in every)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert desk_lines({"since": tomorrow})["fr"] == []


def test_desk_page_lists_and_links(known_set, editorial_groups):
    """The desk page says counts per language and links each line to its side-by-side editor."""
    client = client_for(user_in("Translators", "Translators (French)"))
    response = client.get(desk_url("fr"))
    page = response.content.decode()
    assert "(4)" in page  # French
    assert edit_url("fr", "article", known_set["outdated"].pk) in page
    assert "translation-state--outdated" in page
    bad = client.get(desk_url("fr"), {"since": "2025-02-01", "until": "2024-01-01"})
    assert bad.status_code == 400
    assert "The first day must come before the last." in bad.content.decode()


def test_diff_is_escaped_and_marked():
    """The diff marks removed and added words and escapes what the texts hold."""
    html = source_diff("The <b>old</b> text", "The <b>new</b> text & more")
    assert "<del>&lt;b&gt;old&lt;/b&gt;</del>" in html
    assert "<ins>&lt;b&gt;new&lt;/b&gt;</ins>" in html
    assert "&amp; more" in html
    assert source_diff("<p>One two</p>", "<p>One three</p>", rich=True) == (
        "One <del>two</del><ins>three</ins>"
    )


def test_editor_shows_the_source_changes_side_by_side(editorial_groups):
    """An outdated French summary: the editor shows the English diff, in its own direction."""
    article = make_article(summary_en="Teachers met in Rabat", summary_fr="Des enseignants")
    article = edit(article, summary_en="Teachers met in Tunis")
    client = client_for(user_in("Translators", "Translators (Arabic)"))
    page = client.get(edit_url("ar", "article", article.pk)).content.decode()
    assert "Teachers met in <del>Rabat</del><ins>Tunis</ins>" in page
    assert 'lang="en" dir="ltr"' in page
    assert 'lang="ar" dir="rtl"' in page
    assert 'name="confirm_summary"' in page


def test_translator_updates_and_confirms(editorial_groups):
    """Saving a French text makes it current; "still correct" confirms another unchanged."""
    article = edit(make_article(), title_en="New title", summary_en="New summary")
    client = client_for(user_in("Translators", "Translators (French)"))
    form = {f: getattr(article, f"{f}_fr") or "" for f in freshness.tracked_fields(Article)}
    form.update(
        loaded_version=article.updated_at.isoformat(),
        title="Nouveau titre",
        confirm_summary="on",
    )
    response = client.post(edit_url("fr", "article", article.pk), form)
    assert response.status_code == 302
    article = reload(article)
    assert article.title_fr == "Nouveau titre"
    assert freshness.state(article, "title", "fr") == CURRENT
    assert freshness.state(article, "summary", "fr") == CURRENT
    assert freshness.state(article, "title", "ar") == OUTDATED


def test_crafted_posts_are_refused(editorial_groups):
    """A French translator cannot publish, change dates, another language, nor the change form."""
    article = make_article(status=Article.Status.DRAFT, published_at=None)
    translator = user_in("Translators", "Translators (French)")
    client = client_for(translator)
    crafted = {
        "loaded_version": article.updated_at.isoformat(),
        "title": "Titre",
        "slug": "titre",
        "title_en": "Hacked",
        "status": "published",
        "published_at": "2020-01-01 00:00",
    }
    client.post(edit_url("fr", "article", article.pk), crafted)
    saved = reload(article)
    assert (saved.title_fr, saved.title_en) == ("Titre", article.title_en)
    assert (saved.status, saved.published_at) == (Article.Status.DRAFT, None)
    # Not their language.
    refused = client.post(edit_url("ar", "article", article.pk), crafted)
    assert refused.status_code == 403
    # Nor the admin's own change form.
    with translation.override("en"):
        change = reverse("admin:news_article_change", args=[article.pk])
    client.post(change, {"title_fr": "Autre", "status": "published"})
    assert reload(article).title_fr == "Titre"
    assert not translator.has_perm("news.change_article")
    assert not translator.has_perm("news.publish_article")


def test_source_language_cannot_be_edited_on_the_desk(editorial_groups):
    """The desk does not write the source language's texts."""
    article = make_article()
    client = client_for(user_in("Editors", username="editor"))
    response = client.post(edit_url("en", "article", article.pk), {"title": "Changed"})
    assert response.status_code == 403
    assert reload(article).title_en == article.title_en


def test_article_list_says_outdated(editorial_groups):
    """The article list's column says "outdated" and its filter finds outdated articles."""
    fine = make_article()
    behind = edit(make_article(), body_en="<p>Corrected</p>")
    client = client_for(user_in("Editors", username="editor"))
    with translation.override("en"):
        url = reverse("admin:news_article_changelist")
    page = client.get(url).content.decode()
    assert "FR outdated" in page
    filtered = client.get(url, {"missing": "outdated-fr"}).content.decode()
    assert behind.title_en in filtered and fine.title_en not in filtered


@pytest.mark.parametrize(
    ("code", "words", "link"),
    [
        ("fr", "Le texte original a été mis à jour le", 'lang="en" dir="ltr">English</a>'),
        ("ar", "حُدِّث النص الأصلي في", 'lang="en" dir="ltr">English</a>'),
        ("en", "The original text was updated on", 'lang="fr" dir="ltr">Français</a>'),
    ],
)
def test_reader_notice_in_each_language(code, words, link, settings):
    """A reader of an outdated translation is told so in their language, linked to the original."""
    settings.PAGE_CACHE_SECONDS = 0
    article = make_article()
    if code == "en":
        article = edit(article, source_language="fr")
        article = edit(article, body_fr="<p>Texte corrigé</p>")
    else:
        article = edit(article, body_en="<p>Corrected body</p>")
    with translation.override(code):
        url = article.get_absolute_url()
    page = Client().get(url).content.decode()
    assert "notice--outdated" in page
    assert words in page
    assert link in page
    # The current languages carry no notice.
    source = "fr" if code == "en" else "en"
    with translation.override(source):
        assert "notice--outdated" not in Client().get(article.get_absolute_url()).content.decode()


def test_notice_goes_when_translated(settings):
    """Once the French body follows the English again the French page has no notice."""
    settings.PAGE_CACHE_SECONDS = 0
    article = edit(make_article(), body_en="<p>Corrected body</p>")
    with translation.override("fr"):
        url = article.get_absolute_url()
    assert "notice--outdated" in Client().get(url).content.decode()
    edit(article, body_fr="<p>Texte corrigé</p>")
    assert "notice--outdated" not in Client().get(url).content.decode()


def test_outdated_is_present_for_alternates(settings):
    """An outdated French version is still a French alternate of the page (hreflang)."""
    settings.PAGE_CACHE_SECONDS = 0
    article = edit(make_article(), body_en="<p>Corrected body</p>")
    with translation.override("en"):
        page = Client().get(article.get_absolute_url()).content.decode()
    assert 'hreflang="fr"' in page


def test_notice_costs_no_query(django_assert_num_queries, settings):
    """The notice adds no query to the article page: the freshness comes with the article."""
    settings.PAGE_CACHE_SECONDS = 0
    article = make_article()
    with translation.override("fr"):
        url = article.get_absolute_url()
    client = Client()
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as fresh:
        client.get(url)
    edit(article, body_en="<p>Corrected body</p>")
    with CaptureQueriesContext(connection) as stale:
        page = client.get(url).content.decode()
    assert "notice--outdated" in page
    assert len(stale.captured_queries) == len(fresh.captured_queries)
