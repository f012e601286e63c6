"""The public "You said, we did" page, its feed, its place in the sitemap and the footer."""

import datetime

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from feedback.models import Improvement, Rating
from tests.feedback.factories import make_rating

pytestmark = pytest.mark.django_db

ARABIC_TITLE = "بحث أوضح"
ARABIC_TEXT = "قلتم إن البحث لا يجد الاتفاقيات؛ صار يبحث الآن في عناوينها."
VISITOR_COMMENT = "La recherche ne trouve rien du tout"


@pytest.fixture
def improvement():
    comment = make_rating(1, "fr", "/fr/", comment=VISITOR_COMMENT, state="acted-on")
    note = Improvement.objects.create(
        title_ar=ARABIC_TITLE,
        text_ar=ARABIC_TEXT,
        title_en="A clearer search",
        text_en="You told us search missed agreements; it now searches their titles.",
        made_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    note.ratings.add(comment)
    return note


def test_arabic_page_shows_the_change_written_in_answer(client, improvement):
    """In Arabic: the note's Arabic text, how many comments it answers, never the comment."""
    page = client.get("/ar/you-said-we-did/").text
    assert "قلتم، ففعلنا" in page
    assert ARABIC_TITLE in page and ARABIC_TEXT in page
    assert "ردًّا على تعليق واحد" in page
    assert VISITOR_COMMENT not in page
    assert f'id="change-{improvement.pk}"' in page


def test_a_missing_french_text_falls_back_and_says_so(client, improvement):
    """French has no note text: the English one is shown, marked as English."""
    page = client.get("/fr/you-said-we-did/").text
    assert "A clearer search" in page
    assert 'lang="en"' in page and "en anglais" in page.lower()


def test_monthly_counts_of_ratings_and_comments_read(client, settings, improvement):
    """This month: two ratings received, one comment read; abusive ones count in neither."""
    settings.PAGE_CACHE_SECONDS = 0
    make_rating(5, "en", "/en/")
    make_rating(1, "en", "/en/", comment="rude", state="abusive")
    rows = {month: (ratings, read) for month, ratings, read in Rating.objects.monthly()}
    assert rows[timezone.localdate().replace(day=1)] == (2, 1)
    with translation.override("en"):
        page = client.get("/en/you-said-we-did/").text
    assert "<td>2</td><td>1</td>" in page


def test_saving_a_note_empties_the_page_cache(client, improvement):
    """The page is cached whole, yet a new note shows at once."""
    client.get("/en/you-said-we-did/")
    Improvement.objects.create(title_en="Bigger buttons", text_en="The buttons are bigger.")
    assert "Bigger buttons" in client.get("/en/you-said-we-did/").text


def test_private_and_future_notes_stay_hidden(client, improvement):
    """An unpublished note, or one dated tomorrow, is on neither the page nor the feed."""
    Improvement.objects.create(title_en="Secret", text_en="x", is_public=False)
    Improvement.objects.create(
        title_en="Tomorrow", text_en="x", made_on=timezone.localdate() + datetime.timedelta(days=1)
    )
    page = client.get("/en/you-said-we-did/").text
    feed = client.get("/en/you-said-we-did/feed/").content.decode()
    assert "Secret" not in page + feed and "Tomorrow" not in page + feed


def test_the_feed_lists_the_notes_in_the_pages_language(client, improvement):
    """An Atom feed in Arabic with the note's Arabic title and its link."""
    feed = feedparser.parse(client.get("/ar/you-said-we-did/feed/").content)
    assert feed.feed.title == "قلتم، ففعلنا"
    assert [entry.title for entry in feed.entries] == [ARABIC_TITLE]
    assert feed.entries[0].link.endswith(f"/ar/you-said-we-did/#change-{improvement.pk}")


def test_footer_widget_and_sitemap_link_to_the_page(client, improvement):
    """Every page's footer links to it, the thank-you too; the sitemap lists it in 3 languages."""
    home = client.get("/fr/?feedback=thanks").text
    assert home.count('href="/fr/you-said-we-did/"') == 2
    sitemap = client.get("/sitemap-sections.xml").content.decode()
    for code in ("ar", "en", "fr"):
        assert f"/{code}/you-said-we-did/</loc>" in sitemap
    assert reverse("feedback:you_said_we_did") in sitemap
