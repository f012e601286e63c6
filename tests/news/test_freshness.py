"""Per-field translation freshness: what each save, revert and confirmation does."""

import pytest
import reversion
from django.contrib.auth.models import User
from reversion.models import Version

from news import freshness
from news.freshness import CURRENT, MISSING, OUTDATED
from news.models import Agreement, Article, Category, Partner
from tests.factories import make_article, make_category, make_partner

pytestmark = pytest.mark.django_db


def reload(obj):
    return type(obj).objects.get(pk=obj.pk)


def edit(obj, **texts):
    obj = reload(obj)
    for name, value in texts.items():
        setattr(obj, name, value)
    obj.save()
    return reload(obj)


def test_new_item_is_current_everywhere_and_written_in_english():
    """An article saved in three languages at once: English source, every field current."""
    article = reload(make_article())
    assert article.source_language == "en"
    for code in ("ar", "fr"):
        assert freshness.states(article, code, ["title", "slug", "summary", "body"]) == {
            "title": CURRENT,
            "slug": CURRENT,
            "summary": CURRENT,
            "body": CURRENT,
        }
    assert freshness.outdated_languages(article) == set()


def test_first_written_language_is_the_source():
    """An article first written in French alone has French as its source language."""
    article = reload(make_article(languages=("fr",)))
    assert article.source_language == "fr"
    assert freshness.state(article, "title", "en") == MISSING
    assert freshness.state(article, "title", "fr") == CURRENT


@pytest.mark.parametrize(
    ("field", "old", "new"),
    [
        ("title", None, "A corrected title"),  # plain text
        ("body", None, "<p>A corrected <strong>body</strong>.</p>"),  # rich text
        ("slug", None, "a-corrected-slug"),  # slug
        ("image_alt", None, "A corrected description"),  # image description
        ("image_caption", "A caption", "A corrected caption"),  # caption
    ],
)
def test_editing_the_source_outdates_the_others(field, old, new):
    """Changing the English text of a field marks that field outdated in Arabic and French only."""
    article = make_article(**{f"{field}_{c}": old for c in ["ar", "en", "fr"] if old})
    article = edit(article, **{f"{field}_en": new})
    for code in ("ar", "fr"):
        assert freshness.state(article, field, code) == OUTDATED
        other = "summary" if field != "summary" else "title"
        assert freshness.state(article, other, code) == CURRENT
    assert freshness.state(article, field, "en") == CURRENT
    assert freshness.outdated_languages(article) == {"ar", "fr"}
    # The text the translations were made from is kept for the translators' diff.
    assert freshness.base_text(article, field, "fr") not in (None, new)


def test_editing_a_translation_makes_it_current_again():
    """Updating the French body after the English changed makes it current, not the Arabic."""
    article = edit(make_article(), body_en="<p>New English body</p>")
    article = edit(article, body_fr="<p>Nouveau texte</p>")
    assert freshness.state(article, "body", "fr") == CURRENT
    assert freshness.state(article, "body", "ar") == OUTDATED
    assert freshness.outdated_languages(article) == {"ar"}
    entry = article.translation_freshness["fields"]["body"]["fr"]
    assert entry["from"] == "en"
    assert entry["src"] == article.translation_freshness["fields"]["body"]["en"]["h"]


def test_white_space_is_not_a_change():
    """Re-saving the same body with reflowed white space outdates nothing."""
    article = make_article(body_en="<p>One two</p>")
    article = edit(article, body_en="<p>One  two</p>\n")
    assert freshness.outdated_languages(article) == set()


def test_emptying_a_translation_makes_it_missing():
    """A cleared French summary is missing, not outdated nor current."""
    article = edit(make_article(), summary_fr="")
    assert freshness.state(article, "summary", "fr") == MISSING


def test_still_correct_confirmation():
    """A translator's "still correct" makes an outdated field current without changing the text."""
    article = make_article(title_fr="Récit")
    article = edit(article, title_en="Story, with a comma")
    assert freshness.confirm(article, "title", "fr")
    article.save()
    article = reload(article)
    assert article.title_fr == "Récit"
    assert freshness.state(article, "title", "fr") == CURRENT
    assert freshness.state(article, "title", "ar") == OUTDATED
    assert "confirmed" in article.translation_freshness["fields"]["title"]["fr"]


def test_two_source_edits_keep_the_first_base():
    """After two English edits the French is compared with the text it was made from."""
    article = make_article(summary_en="First", summary_fr="Premier")
    article = edit(article, summary_en="Second")
    article = edit(article, summary_en="Third")
    assert freshness.base_text(article, "summary", "fr") == "First"
    article = edit(article, summary_fr="Troisième")
    assert freshness.base_text(article, "summary", "fr") == "Third"
    assert "summary" not in article.translation_freshness["base"] or list(
        article.translation_freshness["base"]["summary"]
    ) == [freshness.fingerprint("First")]  # the Arabic still refers to it


def test_revert_restores_the_freshness_of_the_version():
    """Reverting to the version before the English edit makes the French current again."""
    article = make_article()
    with reversion.create_revision():
        article = reload(article)
        article.save()
    article = edit(article, title_en="Changed")
    assert freshness.state(article, "title", "fr") == OUTDATED
    Version.objects.get_for_object(article).last().revert()
    article = reload(article)
    assert article.title_en != "Changed"
    assert freshness.state(article, "title", "fr") == CURRENT
    assert freshness.outdated_languages(article) == set()


def test_changing_the_source_language():
    """Making French the source: what was in step stays current, the English now follows it."""
    article = edit(make_article(), title_en="New English")
    article = edit(article, source_language="fr")
    assert freshness.state(article, "title", "fr") == CURRENT
    # Summary was in step in every language: still is.
    assert freshness.state(article, "summary", "en") == CURRENT
    # Arabic title was outdated against English; against French it is unknown: outdated.
    assert freshness.state(article, "title", "ar") == OUTDATED
    article = edit(article, title_fr="Nouveau")
    assert freshness.state(article, "title", "en") == OUTDATED


@pytest.mark.parametrize("kind", ["category", "partner", "agreement"])
def test_other_kinds_track_freshness(kind):
    """Categories, partners and agreements mark translations outdated like articles."""
    if kind == "category":
        obj, field = make_category(), "name"
    elif kind == "partner":
        obj, field = make_partner(description_en="About", description_fr="À propos"), "description"
    else:
        import datetime

        obj = Agreement.objects.create(
            title_en="Agreement", title_fr="Accord", signed_on=datetime.date(2024, 1, 1)
        )
        field = "title"
    obj = edit(obj, **{f"{field}_en": "Changed in English"})
    assert freshness.state(obj, field, "fr") == OUTDATED
    assert isinstance(reload(obj), Category | Partner | Agreement)


def test_update_fields_without_texts_leaves_freshness_alone():
    """A save of other columns only (as renditions make) does not touch the freshness."""
    article = make_article()
    before = reload(article).translation_freshness
    article.featured = True
    article.save(update_fields=["featured"])
    assert reload(article).translation_freshness == before


def test_user_is_not_needed_for_any_of_it():
    """Freshness is recorded for saves made outside the admin (a shell, a command)."""
    User.objects.create(username="nobody")
    article = Article(
        category=make_category(), title_en="Shell", slug_en="shell", title_fr="Coquille"
    )
    article.save()
    article = edit(article, title_en="Shell, changed", slug_en="shell")
    assert freshness.state(article, "title", "fr") == OUTDATED
