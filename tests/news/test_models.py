import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from news.models import Agreement, Article, Category
from tests.factories import jpeg, make_agreement, make_article, make_category, make_partner

pytestmark = pytest.mark.django_db


def test_published_queryset_shows_only_due_published_articles():
    """Drafts, articles in review and scheduled ones are not public; due published ones are."""
    public = make_article()
    make_article(status=Article.Status.DRAFT)
    make_article(status=Article.Status.IN_REVIEW)
    scheduled = make_article(published_at=timezone.now() + datetime.timedelta(days=2))

    assert list(Article.objects.published()) == [public]
    assert scheduled not in Article.objects.published()


def test_published_slug_is_unique_per_language():
    """Two published articles cannot share a slug in the same language."""
    category = make_category()
    make_article(category=category, slug_en="same-slug")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_article(category=category, slug_en="same-slug")


def test_draft_may_reuse_a_published_slug():
    """Uniqueness holds among published articles only, so a draft may reuse a slug."""
    make_article(slug_en="shared")
    draft = make_article(slug_en="shared", status=Article.Status.DRAFT)
    assert Article.objects.filter(slug_en="shared").count() == 2
    assert draft.status == "draft"


def test_missing_translations_do_not_collide():
    """Many published articles may lack a French slug at once."""
    make_article(languages=("ar", "en"))
    make_article(languages=("ar", "en"))
    assert Article.objects.published().filter(slug_fr__isnull=True).count() == 2


def test_published_article_needs_a_date():
    """The database refuses a published article without a publication time."""
    with pytest.raises(IntegrityError), transaction.atomic():
        make_article(published_at=None)


def test_article_needs_a_title_in_some_language():
    """An article with no title in any language is refused by the database."""
    with pytest.raises(IntegrityError), transaction.atomic():
        make_article(languages=(), status=Article.Status.DRAFT, published_at=None)


def test_body_is_sanitized_on_save_and_keeps_direction():
    """Script, event handlers and javascript: links are stripped; dir and lang survive."""
    article = make_article(
        body_ar='<p dir="rtl" lang="ar" onclick="x()">نص</p><script>alert(1)</script>'
        '<a href="javascript:alert(2)">رابط</a><img src="x.png" onerror="alert(3)" alt="">'
    )
    article.refresh_from_db()
    assert '<p dir="rtl" lang="ar">نص</p>' in article.body_ar
    for forbidden in ("script", "onclick", "javascript:", "onerror", "alert(1)"):
        assert forbidden not in article.body_ar


def test_clean_requires_alt_text_for_an_image_and_slugs_for_titles():
    """Model validation names the missing alt text and the slug a title needs."""
    article = make_article(languages=("en",))
    article.image.save("picture.jpg", jpeg(), save=False)
    article.image_alt_en = ""
    article.title_fr = "Un titre"
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert set(error.value.message_dict) >= {"image_alt", "slug_fr"}


def test_agreement_expiry_is_derived_from_duration():
    """Five years from 8 November 2023 ends on 7 November 2028; an end date wins."""
    agreement = make_agreement(signed_on=datetime.date(2023, 11, 8), duration_years=5)
    assert agreement.expires_on == datetime.date(2028, 11, 7)

    agreement.ends_on = datetime.date(2026, 1, 31)
    agreement.save()
    agreement.refresh_from_db()
    assert agreement.expires_on == datetime.date(2026, 1, 31)


def test_agreement_status_follows_the_dates():
    """Status is computed from the expiry date, and the querysets agree with it."""
    old = make_agreement(signed_on=datetime.date(2019, 3, 1), duration_years=3)
    current = make_agreement(signed_on=timezone.localdate(), duration_years=2)
    open_ended = make_agreement(signed_on=datetime.date(2020, 1, 1), duration_years=None)

    assert old.status == Agreement.Status.EXPIRED
    assert current.status == Agreement.Status.ACTIVE
    assert open_ended.status == Agreement.Status.ACTIVE and open_ended.expires_on is None
    assert set(Agreement.objects.expired()) == {old}
    assert set(Agreement.objects.active()) == {current, open_ended}


@pytest.mark.parametrize(
    "fields",
    [
        {"duration_years": 0},
        {"ends_on": datetime.date(2020, 1, 1), "signed_on": datetime.date(2021, 1, 1)},
    ],
    ids=["zero-duration", "ends-before-signing"],
)
def test_agreement_constraints(fields):
    """Durations are positive and an agreement ends after it is signed, in the database."""
    with pytest.raises(IntegrityError), transaction.atomic():
        make_agreement(**fields)


def test_agreement_visible_only_with_public_article():
    """An agreement announced by a draft stays hidden until the article is published."""
    draft = make_article(status=Article.Status.DRAFT)
    hidden = make_agreement(article=draft)
    unannounced = make_agreement()
    announced = make_agreement(article=make_article())
    assert set(Agreement.objects.visible()) == {unannounced, announced}
    assert hidden not in Agreement.objects.visible()


def test_partner_short_name_prefers_acronym():
    """Lists show a partner's acronym, or its name when it has none."""
    assert make_partner(acronym_en="UNRC").short_name == "UNRC"
    named = make_partner(acronym_ar="", acronym_en="", acronym_fr="")
    assert named.short_name == named.name_en


def test_validation_reports_a_taken_slug_before_the_database_does():
    """Publishing a second article with a taken slug is a form error, not a crash."""
    make_article(slug_en="taken")
    draft = make_article(slug_en="taken", status=Article.Status.DRAFT, published_at=None)
    draft.status = Article.Status.PUBLISHED
    draft.published_at = timezone.now()
    with pytest.raises(ValidationError) as error:
        draft.full_clean()
    assert error.value.message_dict["__all__"] == [
        "Another published article already uses this slug in the same language."
    ]


def test_with_slug_finds_by_any_language_and_puts_this_languages_own_first():
    """A slug of any language finds the row; the row whose slug it is in this language first."""
    first = make_category(slug_en="alpha", slug_fr="beta", slug_ar="")
    second = make_category(slug_en="beta", slug_fr="gamma", slug_ar="")
    with translation.override("en"):
        assert list(Category.objects.with_slug("beta")) == [second, first]
        assert list(Category.objects.with_slug("gamma")) == [second]
        assert list(Category.objects.with_slug("nothing")) == []
    with translation.override("fr"):
        assert list(Category.objects.with_slug("beta")) == [first, second]
    # Arabic has no slug of its own here, so its pages show the English one.
    with translation.override("ar"):
        assert Category.objects.with_slug("beta").first() == second


def test_with_slug_on_articles_keeps_the_other_filters():
    """Article lookups by slug combine with published() and a date, as the article page does."""
    public = make_article(slug_en="shared-news")
    make_article(slug_fr="shared-news", status=Article.Status.DRAFT)
    found = Article.objects.published().with_slug("shared-news")
    assert list(found) == [public]
    assert list(found.filter(published_at__date=datetime.date(2000, 1, 1))) == []
