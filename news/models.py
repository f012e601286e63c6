import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Q, Value, When
from django.db.models.functions import Coalesce, NullIf
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from sitekit.html import sanitize_html
from sitekit.languages import fallback_chain, language_code

from .freshness import TracksFreshness, freshness_field, source_language_field
from .images import refresh_renditions, renditions_stored
from .search_documents import search_vector

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
# The generated search columns (news/search_documents.py): a few kilobytes a row
# that only the search reads, so listings leave them out.
SEARCH_DOCUMENTS = [f"search_{code}" for code in LANGUAGE_CODES]
# An article's longest texts, which no listing shows (a card has the title and
# summary, a link the title): left out of listings, in every language.
UNLISTED_ARTICLE_TEXTS = ["body"]


def any_language(field):
    """Q object true when `field` has text in at least one language."""
    condition = Q()
    for code in LANGUAGE_CODES:
        # The explicit IS NOT NULL matters: a CHECK whose result is NULL passes.
        condition |= Q(**{f"{field}_{code}__isnull": False, f"{field}_{code}__gt": ""})
    return condition


def add_years(day, years):
    """The same calendar day `years` later (28 February for 29 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


class TranslatedSlugQuerySet(models.QuerySet):
    """Rows found by their slug in any language, so that a link survives a language switch."""

    def with_slug(self, slug):
        """
        The rows whose slug in some language is `slug`, the row this language shows it for first.

        "Shows it for": the slug it has in the active language, or the fallback
        one the page shows when it has none (as `obj.slug` reads).
        """
        any_slug = Q()
        for code in LANGUAGE_CODES:
            any_slug |= Q(**{f"slug_{code}": slug})
        shown = Coalesce(
            *(NullIf(f"slug_{code}", Value("")) for code in fallback_chain(language_code())),
            output_field=models.CharField(),
        )
        own_first = Case(When(Q(shown_slug=slug), then=Value(0)), default=Value(1))
        ordering = self.query.order_by or self.model._meta.ordering
        return self.filter(any_slug).alias(shown_slug=shown).order_by(own_first, *ordering)


class Category(TracksFreshness, models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        allow_unicode=True,
        help_text=_("Used in web addresses. Letters, numbers and hyphens only."),
    )
    # Which language each translation was made from and whether it is in step
    # with the source (news/freshness.py).
    source_language = source_language_field()
    translation_freshness = freshness_field()

    objects = TranslatedSlugQuerySet.as_manager()

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["name"]
        constraints = [
            *(
                models.UniqueConstraint(
                    fields=[f"slug_{code}"],
                    condition=~Q(**{f"slug_{code}": ""}),
                    name=f"news_category_unique_slug_{code}",
                    violation_error_message=_("Another category already uses this slug."),
                )
                for code in LANGUAGE_CODES
            ),
            models.CheckConstraint(
                condition=any_language("name"),
                name="news_category_named_in_a_language",
                violation_error_message=_("Give a name in at least one language."),
            ),
        ]

    def __str__(self):
        return self.name or ""


class Partner(TracksFreshness, models.Model):
    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_("Used in web addresses in every language. Latin letters, numbers, hyphens."),
    )
    country = CountryField(_("country"), blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ImageField(
        _("logo"),
        upload_to="partners/",
        blank=True,
        width_field="logo_width",
        height_field="logo_height",
    )
    logo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    logo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    description = models.TextField(_("description"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # What the site's search reads, computed by PostgreSQL (news/search_documents.py).
    search_ar = search_vector("partner", "ar")
    search_en = search_vector("partner", "en")
    search_fr = search_vector("partner", "fr")
    # Which language each translation was made from and whether it is in step
    # with the source (news/freshness.py).
    source_language = source_language_field()
    translation_freshness = freshness_field()

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=any_language("name"),
                name="news_partner_named_in_a_language",
                violation_error_message=_("Give a name in at least one language."),
            ),
        ]

    def __str__(self):
        return self.name or self.slug

    def get_absolute_url(self):
        return reverse("news:partner", kwargs={"slug": self.slug})

    @property
    def short_name(self):
        return self.acronym or self.name


def public_now(now, prefix=""):
    """Q object of the articles public at `now`: published, due, and not yet withdrawn."""
    return Q(**{f"{prefix}status": "published", f"{prefix}published_at__lte": now}) & (
        Q(**{f"{prefix}unpublish_at__isnull": True}) | Q(**{f"{prefix}unpublish_at__gt": now})
    )


class ArticleQuerySet(TranslatedSlugQuerySet):
    def published(self):
        """What the public may see: published, due (a future date schedules), not withdrawn."""
        return self.filter(public_now(timezone.now()))

    def next_publication(self):
        """When the next scheduled article becomes public (None when none is scheduled)."""
        upcoming = self.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())
        return upcoming.order_by("published_at").values_list("published_at", flat=True).first()

    def next_withdrawal(self):
        """When the next public (or scheduled) article's publication ends (None when none does)."""
        ending = self.filter(status=Article.Status.PUBLISHED, unpublish_at__gt=timezone.now())
        return ending.order_by("unpublish_at").values_list("unpublish_at", flat=True).first()

    def next_change(self):
        """The earliest upcoming publication or withdrawal: what public pages last until."""
        return min(filter(None, [self.next_publication(), self.next_withdrawal()]), default=None)

    def years(self):
        """Years from the first to the latest publication, newest first (two index lookups)."""
        span = self.aggregate(first=models.Min("published_at"), last=models.Max("published_at"))
        if span["first"] is None:
            return []
        first, last = (timezone.localtime(span[name]).year for name in ("first", "last"))
        return list(range(last, first - 1, -1))

    def for_listing(self):
        return (
            self.select_related("category")
            .defer(*SEARCH_DOCUMENTS, *UNLISTED_ARTICLE_TEXTS)
            .order_by("-published_at", "-pk")
        )


class Article(TracksFreshness, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "review", _("In review")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        allow_unicode=True,
        help_text=_("Used in the article's web address in this language."),
    )
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("One or two sentences shown in lists.")
    )
    body = models.TextField(_("body"), blank=True, help_text=_("HTML; cleaned when saved."))
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="articles",
    )
    image = models.ImageField(
        _("image"),
        upload_to="articles/%Y/%m/",
        blank=True,
        width_field="image_width",
        height_field="image_height",
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_alt = models.CharField(
        _("image description"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    image_decorative = models.BooleanField(
        _("decorative image"),
        default=False,
        help_text=_(
            "Tick only if the image adds nothing to the text; it then needs no description."
        ),
    )
    image_caption = models.CharField(
        _("caption"), max_length=300, blank=True, help_text=_("Shown under the image.")
    )
    image_credit = models.CharField(
        _("credit"),
        max_length=200,
        blank=True,
        help_text=_("Who made the image, e.g. a photographer."),
    )
    # Smaller copies made from the upload (news/images.py): [{"name", "width",
    # "height", "format"}]. Derived, never edited by hand.
    image_renditions = models.JSONField(
        _("image renditions"), default=list, blank=True, editable=False
    )
    featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Shown first on the home page.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_("A time in the future schedules the article: it appears on its own then."),
    )
    unpublish_at = models.DateTimeField(
        _("end of publication"),
        null=True,
        blank=True,
        help_text=_(
            "Optional. At this time the article leaves the site on its own (calls for "
            "applications, events, embargoed statements)."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # What the site's search reads, computed by PostgreSQL (news/search_documents.py).
    search_ar = search_vector("article", "ar")
    search_en = search_vector("article", "en")
    search_fr = search_vector("article", "fr")
    # Which language each translation was made from and whether it is in step
    # with the source (news/freshness.py).
    source_language = source_language_field()
    translation_freshness = freshness_field()

    objects = ArticleQuerySet.as_manager()

    # The image's name as stored in the database (set when loaded and saved).
    _stored_image = ""

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-published_at", "-pk"]
        permissions = [
            ("publish_article", _("Can publish, unpublish and schedule articles")),
        ]
        indexes = [
            # Listings, counts and the paging subquery read public articles in
            # this order from the index alone.
            models.Index(
                fields=["status", "-published_at", "-id"], name="news_article_listing_idx"
            ),
            # The home page's featured article, without scanning the others.
            models.Index(
                fields=["-published_at", "-id"],
                condition=Q(featured=True, status="published"),
                name="news_article_featured_idx",
            ),
        ]
        constraints = [
            *(
                models.UniqueConstraint(
                    fields=[f"slug_{code}"],
                    condition=Q(status="published") & ~Q(**{f"slug_{code}": ""}),
                    name=f"news_article_unique_published_slug_{code}",
                    violation_error_message=_(
                        "Another published article already uses this slug in the same language."
                    ),
                )
                for code in LANGUAGE_CODES
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="news_article_published_has_date",
                violation_error_message=_("A published article needs a publication time."),
            ),
            models.CheckConstraint(
                condition=Q(unpublish_at__isnull=True)
                | Q(published_at__isnull=False, unpublish_at__gt=models.F("published_at")),
                name="news_article_withdrawn_after_publication",
                violation_error_message=_(
                    "The end of publication must come after the publication time."
                ),
            ),
            models.CheckConstraint(
                condition=any_language("title"),
                name="news_article_titled_in_a_language",
                violation_error_message=_("Give a title in at least one language."),
            ),
        ]

    def __str__(self):
        return self.title or ""

    def save(self, *args, **kwargs):
        # The body is rendered unescaped, so it is cleaned whatever wrote it.
        for code in LANGUAGE_CODES:
            field = f"body_{code}"
            if getattr(self, field):
                setattr(self, field, sanitize_html(getattr(self, field)))
        super().save(*args, **kwargs)
        # The smaller copies pages show are made wherever the image is saved
        # (admin, command, shell), from the file just stored.
        if self.renditions_are_due(kwargs.get("update_fields")):
            refresh_renditions(self)
        self._stored_image = self.image.name or ""

    def get_absolute_url(self):
        """The article's address in the active language (or its fallback slug)."""
        day = timezone.localtime(self.published_at or self.created_at or timezone.now())
        return reverse(
            "news:article",
            kwargs={
                "year": day.year,
                "month": f"{day.month:02d}",
                "day": f"{day.day:02d}",
                "slug": self.slug,
            },
        )

    def clean(self):
        errors = {}
        if self.status == self.Status.PUBLISHED and not self.published_at:
            errors["published_at"] = _("A published article needs a publication time.")
        if self.unpublish_at and (not self.published_at or self.unpublish_at <= self.published_at):
            errors["unpublish_at"] = _(
                "The end of publication must come after the publication time."
            )
        for code in LANGUAGE_CODES:
            if getattr(self, f"title_{code}", None) and not getattr(self, f"slug_{code}", None):
                errors[f"slug_{code}"] = _("Give a slug for every language that has a title.")
        if (
            self.image
            and not self.image_decorative
            and not any(getattr(self, f"image_alt_{c}", None) for c in LANGUAGE_CODES)
        ):
            errors["image_alt"] = _(
                "Describe the image for people who cannot see it, or mark it as decorative."
            )
        if errors:
            raise ValidationError(errors)

    @classmethod
    def from_db(cls, db, field_names, values):
        article = super().from_db(db, field_names, values)
        article._stored_image = article.__dict__.get("image") or ""
        return article

    def refresh_from_db(self, using=None, fields=None, from_queryset=None):
        super().refresh_from_db(using, fields, from_queryset)
        if fields is None or "image" in fields:
            self._stored_image = self.image.name or ""

    def renditions_are_due(self, update_fields=None):
        """
        True when a save must (re)make the renditions: the image is new, changed
        or cleared, or some rendition file is missing from the storage (as after
        restoring an old version, whose files were deleted since).
        """
        if update_fields is not None and "image" not in update_fields:
            return False
        if "image" in self.get_deferred_fields():
            return False
        if (self.image.name or "") != self._stored_image:
            return True
        return bool(self.image) and not renditions_stored(self)

    @property
    def modified_at(self):
        """Last change as readers see it: a scheduled article is new when it appears."""
        return max(filter(None, [self.updated_at, self.published_at]))


class AgreementQuerySet(models.QuerySet):
    def visible(self):
        """Agreements the public may see: unannounced, or announced by a public article."""
        # A join on the announcing article (its primary key), not a subquery
        # over every public article: the same rule as ArticleQuerySet.published().
        return self.filter(Q(article__isnull=True) | public_now(timezone.now(), "article__"))

    def years(self):
        """Years from the first signing to the latest, newest first.

        One query of two index walks (the first and the last signing date, as
        scalar subqueries), where MIN and MAX over the join with the articles
        would read every row.
        """
        dates = self.order_by().values("signed_on")
        ends = (
            Agreement.objects.order_by()
            .values_list(
                models.Subquery(dates.order_by("signed_on")[:1]),
                models.Subquery(dates.order_by("-signed_on")[:1]),
            )
            .first()
        )
        if not ends or ends[0] is None:
            return []
        return list(range(ends[1].year, ends[0].year - 1, -1))

    def active(self, on=None):
        on = on or timezone.localdate()
        return self.filter(signed_on__lte=on).filter(
            Q(expires_on__isnull=True) | Q(expires_on__gte=on)
        )

    def expired(self, on=None):
        on = on or timezone.localdate()
        return self.filter(expires_on__lt=on)

    def current(self, on=None):
        """In force on `on` (today) and not yet renewed or replaced by a visible agreement.

        An agreement whose successor is signed but not yet announced stays current.
        """
        on = on or timezone.localdate()
        superseded = Agreement.objects.visible().filter(previous__isnull=False, signed_on__lte=on)
        return self.active(on).exclude(pk__in=superseded.values("previous"))

    def with_chain(self):
        """Annotated with the visible agreements before and after each one in its chain.

        `chain_previous` and `chain_next` (ids, or None), `chain_next_relation`;
        in the same query, for open data.
        """
        visible = Agreement.objects.visible().order_by()
        later = visible.filter(previous=models.OuterRef("pk"))
        return self.annotate(
            chain_previous=models.Subquery(
                visible.filter(pk=models.OuterRef("previous")).values("pk")[:1]
            ),
            chain_next=models.Subquery(later.values("pk")[:1]),
            chain_next_relation=models.Subquery(later.values("relation")[:1]),
        )

    def ending_between(self, first, last):
        """Agreements whose last day falls from `first` to `last`, soonest first."""
        return self.filter(expires_on__gte=first, expires_on__lte=last).order_by("expires_on", "pk")

    def for_listing(self):
        return (
            self.select_related("article")
            .defer(
                *SEARCH_DOCUMENTS,
                # Of the announcing article, only its title and address are shown.
                *(
                    f"article__{name}"
                    for name in [*SEARCH_DOCUMENTS, *UNLISTED_ARTICLE_TEXTS, "summary"]
                ),
            )
            .prefetch_related("partners")
            .order_by("-signed_on", "-pk")
        )


class Agreement(TracksFreshness, models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        EXPIRED = "expired", _("Expired")

    class Relation(models.TextChoices):
        RENEWS = "renews", _("Renews")
        REPLACES = "replaces", _("Replaces")

    title = models.CharField(_("title"), max_length=250)
    partners = models.ManyToManyField(
        Partner,
        verbose_name=_("partners"),
        related_name="agreements",
        help_text=_("Every party to the agreement."),
    )
    signed_on = models.DateField(_("signed on"))
    signed_in = models.CharField(_("signed in"), max_length=150, blank=True)
    duration_years = models.PositiveSmallIntegerField(_("duration in years"), null=True, blank=True)
    ends_on = models.DateField(
        _("end date"),
        null=True,
        blank=True,
        help_text=_("Leave empty to count the duration from the signing date."),
    )
    # Derived from the two fields above on every save, never typed by hand; it
    # exists so that "active" and "expired" can be filtered in the database.
    expires_on = models.DateField(_("expires on"), null=True, blank=True, editable=False)
    areas = models.TextField(
        _("areas of cooperation"), blank=True, help_text=_("One area per line.")
    )
    projects = models.TextField(
        _("joint projects"), blank=True, help_text=_("One project per line.")
    )
    article = models.OneToOneField(
        Article,
        verbose_name=_("announcing article"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreement",
    )
    # The chain of renewals: each agreement follows at most one earlier one,
    # and is followed by at most one (its `successor`).
    previous = models.OneToOneField(
        "self",
        verbose_name=_("earlier agreement"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="successor",
        help_text=_("The agreement this one renews or replaces, if any."),
    )
    relation = models.CharField(
        _("relation to the earlier agreement"),
        max_length=10,
        choices=Relation.choices,
        blank=True,
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # What the site's search reads, computed by PostgreSQL (news/search_documents.py).
    search_ar = search_vector("agreement", "ar")
    search_en = search_vector("agreement", "en")
    search_fr = search_vector("agreement", "fr")
    # Which language each translation was made from and whether it is in step
    # with the source (news/freshness.py).
    source_language = source_language_field()
    translation_freshness = freshness_field()

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-signed_on", "-pk"]
        permissions = [
            ("track_agreement", _("Can follow agreements that end soon")),
        ]
        indexes = [
            models.Index(fields=["-signed_on"], name="news_agreement_signed_idx"),
            models.Index(fields=["expires_on"], name="news_agreement_expires_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(previous__isnull=True) | ~Q(previous=models.F("pk")),
                name="news_agreement_not_its_own_previous",
                violation_error_message=_("An agreement cannot renew or replace itself."),
            ),
            models.CheckConstraint(
                condition=Q(previous__isnull=True, relation="")
                | Q(previous__isnull=False, relation__in=["renews", "replaces"]),
                name="news_agreement_relation_with_previous",
                violation_error_message=_(
                    "Say whether it renews or replaces the earlier agreement, and name that one."
                ),
            ),
            models.CheckConstraint(
                condition=Q(duration_years__isnull=True) | Q(duration_years__gte=1),
                name="news_agreement_duration_positive",
                violation_error_message=_("A duration is at least one year."),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gt=models.F("signed_on")),
                name="news_agreement_ends_after_signing",
                violation_error_message=_("The end date must come after the signing date."),
            ),
            models.CheckConstraint(
                condition=any_language("title"),
                name="news_agreement_titled_in_a_language",
                violation_error_message=_("Give a title in at least one language."),
            ),
        ]

    def __str__(self):
        return self.title or ""

    def save(self, *args, **kwargs):
        self.expires_on = self.compute_expiry()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("news:agreement", kwargs={"pk": self.pk})

    def clean(self):
        if self.ends_on and self.signed_on and self.ends_on <= self.signed_on:
            raise ValidationError({"ends_on": _("The end date must come after the signing date.")})
        if self.duration_years == 0:
            raise ValidationError({"duration_years": _("A duration is at least one year.")})
        self.clean_chain()

    def clean_chain(self):
        if self.previous_id is None:
            if self.relation:
                raise ValidationError(
                    {"previous": _("Name the agreement this one renews or replaces.")}
                )
            return
        if not self.relation:
            raise ValidationError(
                {"relation": _("Say whether it renews or replaces the earlier agreement.")}
            )
        # Walk back from the earlier agreement: meeting this one means a cycle.
        seen = set()
        pk = self.previous_id
        while pk is not None and pk not in seen:
            if pk == self.pk:
                raise ValidationError(
                    {
                        "previous": _(
                            "An agreement cannot renew or replace itself, even through others."
                        )
                    }
                )
            seen.add(pk)
            pk = Agreement.objects.filter(pk=pk).values_list("previous_id", flat=True).first()

    def compute_expiry(self):
        if self.ends_on:
            return self.ends_on
        if self.duration_years and self.signed_on:
            return add_years(self.signed_on, self.duration_years) - datetime.timedelta(days=1)
        return None

    @property
    def status(self):
        if self.expires_on and self.expires_on < timezone.localdate():
            return self.Status.EXPIRED
        return self.Status.ACTIVE

    def get_status_display(self):
        return self.Status(self.status).label

    def chain_links(self):
        """[(label, agreement)] of the visible earlier and later agreements in the chain."""
        linked = (
            Agreement.objects.visible().filter(Q(pk=self.previous_id) | Q(previous=self.pk))
            if self.pk
            else Agreement.objects.none()
        )
        links = []
        for other in linked.defer(*SEARCH_DOCUMENTS).order_by("signed_on", "pk"):
            if other.pk == self.previous_id:
                label = _("Renews") if self.relation == self.Relation.RENEWS else _("Replaces")
            else:
                label = (
                    _("Renewed by") if other.relation == self.Relation.RENEWS else _("Replaced by")
                )
            links.append((label, other))
        return links

    @property
    def area_list(self):
        return [line.strip() for line in (self.areas or "").splitlines() if line.strip()]

    @property
    def project_list(self):
        return [line.strip() for line in (self.projects or "").splitlines() if line.strip()]


class Signatory(models.Model):
    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("agreement"),
        on_delete=models.CASCADE,
        related_name="signatories",
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=250, blank=True)
    party = models.ForeignKey(
        Partner,
        verbose_name=_("signed for"),
        on_delete=models.PROTECT,
        related_name="signatories",
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.name or ""


class PendingChangeQuerySet(models.QuerySet):
    def open(self):
        """Changes still waiting: a draft or in review (at most one per item)."""
        return self.filter(state__in=PendingChange.OPEN)

    def for_item(self, item):
        return self.filter(
            content_type=ContentType.objects.get_for_model(type(item)), object_id=item.pk
        )


class PendingChange(models.Model):
    """
    A change to a published article or agreement that waits for a publisher.

    Kept outside the item's row on purpose (docs/decisions.md): the live row,
    its generated search documents and everything public keep the published
    text until a publisher applies this one (news/pending.py).
    """

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "review", _("In review")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Rejected")

    OPEN = (State.DRAFT, State.IN_REVIEW)

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    # The item's field values as the form saved them (and its signatories and
    # partners for an agreement), in JSON: see news/pending.py.
    data = models.JSONField(_("pending values"), default=dict)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last edited by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    objects = PendingChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("pending change")
        verbose_name_plural = _("pending changes")
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=Q(state__in=["draft", "review"]),
                name="news_pendingchange_one_open_per_item",
                violation_error_message=_("This item already has a pending change."),
            ),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="news_pending_item_idx")]

    def __str__(self):
        return gettext("Pending change to “%(item)s”") % {"item": self.item}


class AgreementReminder(models.Model):
    """A reminder e-mail sent about an agreement's end (news/reminders.py).

    Keyed by the end date it announced: an agreement whose end date changes
    gets its reminders again, for the new date.
    """

    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("agreement"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    days_before = models.PositiveSmallIntegerField(_("days before the end"))
    ends_on = models.DateField(_("end date"))
    recipients = models.TextField(_("recipients"), blank=True)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("agreement reminder")
        verbose_name_plural = _("agreement reminders")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "days_before", "ends_on"],
                name="news_agreementreminder_once",
            ),
        ]

    def __str__(self):
        return f"{self.agreement} ({self.days_before}, {self.ends_on})"
