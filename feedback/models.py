import datetime
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Avg, Count, Q
from django.db.models.functions import Length, TruncWeek
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

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
    """`row` of figures() plus CSAT: the share of 4 and 5, in percent (None when empty)."""
    row = {"count": 0, "average": None, "satisfied": 0, **(row or {})}
    row["csat"] = 100 * row["satisfied"] / row["count"] if row["count"] else None
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

    def lowest_pages(self, minimum=5, limit=10):
        """Pages with at least `minimum` ratings, lowest average first."""
        return (
            self.values("path")
            .annotate(count=Count("pk"), average=Avg("score"))
            .filter(count__gte=minimum)
            .order_by("average", "-count", "path")[:limit]
        )

    def with_comments(self):
        return self.exclude(comment="")

    def record(self, token, **values):
        """
        Store one browser's opinion: a new rating, or, when the browser with
        `token` already rated within REPLACE_WINDOW, that rating replaced.

        Returns the rating and the token to keep in the browser's cookie: a new
        one when there was none or its window has passed.
        """
        now = timezone.now()
        if token:
            earlier = self.filter(browser=browser_fingerprint(token)).first()
            if earlier is not None and earlier.created_at >= now - REPLACE_WINDOW:
                return self._replace(earlier, values), token
        token = secrets.token_urlsafe(32)
        rating = self.create(browser=browser_fingerprint(token), created_at=now, **values)
        return rating, token

    def _replace(self, rating, values):
        for name, value in values.items():
            setattr(rating, name, value)
        rating.save(update_fields=[*values, "updated_at"])
        return rating


class Rating(models.Model):
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

    objects = RatingQuerySet.as_manager()

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        ordering = ["-created_at"]
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
