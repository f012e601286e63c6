import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Avg, Count, Q
from django.db.models.functions import Length, TruncMonth, TruncWeek
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sitekit import pagecache
from sitekit.languages import localized

from .statistics import Share

COMMENT_MAX_LENGTH = 1000
PATH_MAX_LENGTH = 500
# A second rating from the same browser within this time replaces the first.
REPLACE_WINDOW = datetime.timedelta(hours=24)


def browser_fingerprint(token):
    """A keyed hash of the random token in the rater's cookie; the token is never stored."""
    return salted_hmac("feedback.Rating.browser", token, algorithm="sha256").hexdigest()


def figures():
    """Aggregates shared by every part of the report."""
    return {
        "count": Count("pk"),
        "average": Avg("score"),
        "satisfied": Count("pk", filter=Q(score__gte=4)),
    }


def with_csat(row):
    """
    `row` of figures() plus CSAT, the share of 4 and 5 in percent (None when
    empty), with the 95 % Wilson interval around it (`low`, `high`).
    """
    row = {"count": 0, "average": None, "satisfied": 0, **(row or {})}
    share = Share(row["satisfied"], row["count"])
    row["csat"] = share.percent
    row["low"], row["high"] = share.interval
    row["share"] = share
    return row


class RatingQuerySet(models.QuerySet):
    def between(self, start=None, end=None):
        """Ratings given on the days from `start` to `end`, both included (either may be None)."""
        ratings = self
        if start:
            ratings = ratings.filter(created_at__date__gte=start)
        if end:
            ratings = ratings.filter(created_at__date__lte=end)
        return ratings

    def summary(self):
        """Count, average score and CSAT, in one query."""
        return with_csat(self.aggregate(**figures()))

    def distribution(self):
        """[(score, label, count, percent)] for the five answers, in scale order."""
        counts = dict(self.values_list("score").annotate(n=Count("pk")).order_by())
        total = sum(counts.values())
        return [
            (score, label, counts.get(score, 0), 100 * counts.get(score, 0) / total if total else 0)
            for score, label in Rating.Score.choices
        ]

    def weekly(self, weeks=12, today=None):
        """Figures for each of the last `weeks` weeks (starting Mondays), oldest first."""
        today = today or timezone.localdate()
        first_monday = today - datetime.timedelta(days=today.weekday(), weeks=weeks - 1)
        rows = (
            self.filter(created_at__date__gte=first_monday)
            .annotate(week=TruncWeek("created_at", output_field=models.DateField()))
            .values("week")
            .annotate(**figures())
            .order_by("week")
        )
        by_week = {row["week"]: row for row in rows}
        mondays = [first_monday + datetime.timedelta(weeks=n) for n in range(weeks)]
        return [{**with_csat(by_week.get(monday)), "week": monday} for monday in mondays]

    def by_language(self):
        """Figures per language of the page, in the order of LANGUAGES."""
        rows = {
            row["language"]: row for row in self.values("language").annotate(**figures()).order_by()
        }
        return [
            {**with_csat(rows.get(code)), "language": code, "name": name}
            for code, name in settings.LANGUAGES
        ]

    def by_page(self, minimum=1):
        """Figures (with CSAT and its interval) of every page with at least `minimum` ratings."""
        rows = self.values("path").annotate(**figures()).filter(count__gte=minimum).order_by()
        return [with_csat(row) for row in rows]

    def lowest_pages(self, minimum=5, limit=10):
        """
        Pages with at least `minimum` ratings, lowest first by the lower bound
        of the 95 % Wilson interval on their CSAT (docs/decisions.md), then by
        its upper bound (the page more surely low first), then most rated.
        """
        rows = self.by_page(minimum)
        rows.sort(key=lambda row: (row["low"], row["high"], -row["count"], row["path"]))
        return rows[:limit]

    def with_comments(self):
        return self.exclude(comment="")

    def reportable(self):
        """Every rating but those with an abusive comment: what reports and exports count."""
        return self.exclude(state=Rating.State.ABUSIVE)

    def new_comments(self):
        """Comments nobody has triaged yet."""
        return self.with_comments().filter(state=Rating.State.NEW)

    def comments_by_state(self):
        """{state: number of comments}, for every state, in the order of Rating.State."""
        counts = dict(self.with_comments().values_list("state").annotate(n=Count("pk")).order_by())
        return [(state, label, counts.get(state, 0)) for state, label in Rating.State.choices]

    def monthly(self, months=12, today=None):
        """
        [(first day of the month, ratings received, comments read)] for the
        last `months` months, oldest first. Abusive ones count in neither.
        """
        today = today or timezone.localdate()
        first = today.replace(day=1)
        for _n in range(months - 1):
            first = (first - datetime.timedelta(days=1)).replace(day=1)
        rows = (
            self.reportable()
            .filter(created_at__date__gte=first)
            .annotate(month=TruncMonth("created_at", output_field=models.DateField()))
            .values("month")
            .annotate(
                ratings=Count("pk"),
                read=Count("pk", filter=~Q(comment="") & ~Q(state=Rating.State.NEW)),
            )
            .order_by("month")
        )
        by_month = {row["month"]: row for row in rows}
        result, month = [], first
        while month <= today:
            row = by_month.get(month, {})
            result.append((month, row.get("ratings", 0), row.get("read", 0)))
            month = (month + datetime.timedelta(days=32)).replace(day=1)
        return result

    def record(self, token, new_token=None, **values):
        """
        Store one browser's opinion: a new rating, or, when the browser with
        `token` already rated within REPLACE_WINDOW, that rating replaced.

        Returns the rating and the token to keep in the browser's cookie: a new
        one when there was none or its window has passed. `new_token`, when
        given, makes that new token: a callable returning it and whether
        another request claimed it first (feedback.throttle's
        first_rating_token, shared by the clicks of a double click). It is
        only called when a new token is needed. A claimed token's rating was
        most likely stored by the other click already: it is looked up and
        replaced (two queries) rather than inserted and refused (three).
        """
        now = timezone.now()
        if token:
            earlier = self._stored(token)
            if earlier is not None and earlier.created_at >= now - REPLACE_WINDOW:
                return self._replace(earlier, values), token
        token, taken = new_token() if new_token else (secrets.token_urlsafe(32), False)
        if taken:
            # Claimed seconds ago (FIRST_RATING_WINDOW_SECONDS): well within the window.
            earlier = self._stored(token)
            if earlier is not None:
                return self._replace(earlier, values), token
        return self.record_first(token, **values), token

    def _stored(self, token):
        """
        The rating stored under `token`, or None: with only what a replacement
        reads, and without the default ordering (a unique key needs none), which
        halves what the ORM spends building the query.
        """
        try:
            return self.only("comment", "created_at").get(browser=browser_fingerprint(token))
        except self.model.DoesNotExist:
            return None

    def _replace(self, rating, values):
        fields = [*values, "updated_at"]
        if values.get("comment", rating.comment) != rating.comment:
            # A rewritten comment is a new one to read.
            rating.state = Rating.State.NEW
            fields.append("state")
        for name, value in values.items():
            setattr(rating, name, value)
        rating.save(update_fields=fields)
        return rating

    def record_first(self, token, **values):
        """
        Store a browser's first rating under `token`, chosen by the caller; if
        a rating with that token already exists (the other click of a double
        click got there first), replace it instead. Returns the rating.

        The browser fingerprint is unique: of two simultaneous inserts,
        PostgreSQL makes the second wait for the first and then refuses it.
        The insert is one statement: in autocommit it is its own transaction
        (no BEGIN and COMMIT round trips); inside a caller's transaction a
        savepoint keeps that transaction usable after a refusal.
        """
        fingerprint = browser_fingerprint(token)
        try:
            if transaction.get_autocommit():
                return self.create(browser=fingerprint, created_at=timezone.now(), **values)
            with transaction.atomic():
                return self.create(browser=fingerprint, created_at=timezone.now(), **values)
        except IntegrityError:
            earlier = self._stored(token)
            if earlier is None:  # Deleted since: there is nothing to replace.
                raise
            return self._replace(earlier, values)


class Rating(models.Model):
    class State(models.TextChoices):
        NEW = "new", _("New")
        READ = "read", _("Read")
        ACTED_ON = "acted-on", _("Acted on")
        NOT_ACTIONABLE = "not-actionable", _("Not actionable")
        # Abusive comments leave every report, export and digest.
        ABUSIVE = "abusive", _("Abusive")

    class Score(models.IntegerChoices):
        EXTREMELY_DISSATISFIED = 1, _("Extremely dissatisfied")
        DISSATISFIED = 2, _("Dissatisfied")
        NEUTRAL = 3, _("Neither satisfied nor dissatisfied")
        SATISFIED = 4, _("Satisfied")
        EXTREMELY_SATISFIED = 5, _("Extremely satisfied")

    score = models.PositiveSmallIntegerField(_("score"), choices=Score.choices)
    comment = models.TextField(_("comment"), blank=True, max_length=COMMENT_MAX_LENGTH)
    path = models.CharField(
        _("page"),
        max_length=PATH_MAX_LENGTH,
        help_text=_("The address of the page the rating was given on, without query string."),
    )
    language = models.CharField(_("language"), max_length=7, choices=settings.LANGUAGES)
    created_at = models.DateTimeField(_("given"), default=timezone.now)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    # A keyed hash of the random identifier in the rater's cookie: it lets a
    # browser replace its own rating, and identifies nobody. Unique, because
    # each identifier lives for one de-duplication window only.
    browser = models.CharField(_("browser fingerprint"), max_length=64, unique=True)
    # Triage, by staff with the "triage" permission (feedback/admin.py).
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.NEW, db_index=True
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(
        _("internal note"),
        blank=True,
        help_text=_("Seen by staff only, never by visitors."),
    )
    triaged_at = models.DateTimeField(_("triaged"), null=True, blank=True, editable=False)

    objects = RatingQuerySet.as_manager()

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        ordering = ["-created_at"]
        permissions = [("triage_rating", _("Can triage visitors' comments"))]
        indexes = [
            models.Index(fields=["created_at"], name="feedback_rating_created_idx"),
            models.Index(fields=["path", "created_at"], name="feedback_rating_path_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(score__gte=1) & Q(score__lte=5),
                name="feedback_rating_score_1_to_5",
                violation_error_message=_("The score is a whole number from 1 to 5."),
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("comment"), COMMENT_MAX_LENGTH),
                name="feedback_rating_comment_length",
                violation_error_message=_("The comment is at most 1,000 characters long."),
            ),
        ]

    def __str__(self):
        return f"{self.get_score_display()} ({self.path})"

    @property
    def is_satisfied(self):
        return self.score >= 4


class ImprovementQuerySet(models.QuerySet):
    def public(self):
        """What the "You said, we did" page, its feed and the sitemap show."""
        return self.filter(is_public=True, made_on__lte=timezone.localdate())


class Improvement(models.Model):
    """
    A short public note of what changed because of feedback ("You said, we
    did"), in the site's languages (feedback/translation.py). It may point at
    the comments that led to it; the page only counts them, never quotes them.
    """

    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(
        _("what changed"),
        max_length=2000,
        help_text=_(
            "Plain text, shown publicly. Say what visitors told us in your own words: "
            "never paste a visitor's comment."
        ),
    )
    made_on = models.DateField(_("made on"), default=timezone.localdate)
    is_public = models.BooleanField(_("public"), default=True)
    ratings = models.ManyToManyField(
        Rating,
        verbose_name=_("comments it answers"),
        blank=True,
        related_name="improvements",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ImprovementQuerySet.as_manager()

    class Meta:
        verbose_name = _("change made after feedback")
        verbose_name_plural = _("changes made after feedback")
        ordering = ["-made_on", "-pk"]

    def __str__(self):
        return str(localized(self, "title")) or gettext("(untitled)")

    # The public page is cached whole: a note shows there at once.
    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        pagecache.content_changed()

    def get_absolute_url(self):
        return reverse("feedback:you_said_we_did") + f"#change-{self.pk}"

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        pagecache.content_changed()
        return result

    def clean(self):
        codes = [code for code, _name in settings.LANGUAGES]
        if not any(getattr(self, f"title_{code}", "") for code in codes):
            raise ValidationError(
                {f"title_{codes[0]}": _("Give a title in at least one language.")}
            )
        for code in codes:
            if getattr(self, f"title_{code}", "") and not getattr(self, f"text_{code}", ""):
                raise ValidationError(
                    {f"text_{code}": _("Say what changed in each language you gave a title in.")}
                )


class DigestWeek(models.Model):
    """A week whose digest was sent: the command sends each week once."""

    week = models.DateField(_("week of"), unique=True, help_text=_("Its Monday."))
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    recipients = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("digest sent")
        verbose_name_plural = _("digests sent")
        ordering = ["-week"]

    def __str__(self):
        return str(self.week)
