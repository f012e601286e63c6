import csv
import datetime

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import StreamingHttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from sitekit import pagecache
from sitekit.languages import language_code
from sitekit.spreadsheets import BYTE_ORDER_MARK, spreadsheet_safe

from .admin_links import page_url
from .charts import trend_chart
from .models import DigestWeek, Improvement, Rating
from .pages import describe, with_pages
from .statistics import Share, compare

REPORT_WEEKS = 12
LOWEST_PAGES_MINIMUM = 5
LATEST_COMMENTS = 20
PAGE_FILTER_SIZE = 30
EXPORT_CHUNK_SIZE = 2000
EXPORT_ROWS_PER_WRITE = 500


class ReportRangeForm(forms.Form):
    """The days a report or an export covers; both ends optional and included."""

    start = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    end = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean(self):
        cleaned_data = super().clean()
        start, end = cleaned_data.get("start"), cleaned_data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end date is before the start date."))
        return cleaned_data

    def dates(self):
        """(start, end) of a valid form; (None, None), i.e. every rating, otherwise."""
        if not self.is_valid():
            return None, None
        return self.cleaned_data["start"], self.cleaned_data["end"]

    def pages(self):
        """Page paths the report is limited to (`?path=...`, repeatable), e.g. one article's."""
        return [path for path in self.data.getlist("path") if path][:10]

    def ratings(self, start=None, end=None):
        """The reportable ratings of the chosen days (or of `start`..`end` on the chosen pages)."""
        if start is None and end is None:
            start, end = self.dates()
        ratings = Rating.objects.reportable().between(start, end)
        if self.pages():
            ratings = ratings.filter(path__in=self.pages())
        return ratings

    def query_string(self):
        start, end = self.dates()
        query = [
            (name, value.isoformat()) for name, value in (("start", start), ("end", end)) if value
        ]
        query += [("path", path) for path in self.pages()]
        return f"?{urlencode(query)}" if query else ""


def report_weeks(start, end):
    """(weeks, last day) of the weekly trend: up to REPORT_WEEKS weeks, within the range."""
    last = min(end, timezone.localdate()) if end else timezone.localdate()
    if not start:
        return REPORT_WEEKS, last
    mondays = (last - start).days + start.weekday() - last.weekday()
    return max(1, min(REPORT_WEEKS, mondays // 7 + 1)), last


def previous_period(start, end):
    """The days just before `start`..`end`, as many of them; None without a start."""
    if not start:
        return None
    end = end or timezone.localdate()
    length = (end - start).days + 1
    return start - datetime.timedelta(days=length), start - datetime.timedelta(days=1)


class Echo:
    """A file-like object whose write() hands back the line csv.writer gives it."""

    def write(self, value):
        return value


class PageListFilter(admin.SimpleListFilter):
    title = _("page")
    parameter_name = "page"

    def lookups(self, request, model_admin):
        pages = (
            Rating.objects.values_list("path")
            .annotate(count=Count("pk"))
            .order_by("-count", "path")[:PAGE_FILTER_SIZE]
        )
        return [
            (path, format_html('<bdi dir="ltr">{}</bdi> ({})', path, count))
            for path, count in pages
        ]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(path=self.value())
        return queryset


class HasCommentFilter(admin.SimpleListFilter):
    title = _("comment")
    parameter_name = "commented"

    def lookups(self, request, model_admin):
        return [("yes", _("With a comment")), ("no", _("Without a comment"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.with_comments()
        if self.value() == "no":
            return queryset.filter(comment="")
        return queryset


def can_triage(user):
    return user.is_active and user.has_perm("feedback.triage_rating")


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "score",
        "language",
        "page",
        "comment_excerpt",
        "state",
        "assignee",
    ]
    list_filter = [
        "state",
        HasCommentFilter,
        ("assignee", admin.RelatedOnlyFieldListFilter),
        "score",
        "language",
        ("created_at", admin.DateFieldListFilter),
        PageListFilter,
    ]
    list_select_related = ["assignee"]
    search_fields = ["comment", "note"]
    date_hierarchy = "created_at"
    # The browser fingerprint is for de-duplication only: never shown to anyone.
    fields = [
        "created_at",
        "score",
        "language",
        "page",
        "comment",
        "updated_at",
        "state",
        "assignee",
        "note",
        "triaged_at",
    ]
    visitor_fields = ["created_at", "score", "language", "page", "comment", "updated_at"]
    exclude = ["browser"]
    actions = [
        "mark_read",
        "mark_acted_on",
        "mark_not_actionable",
        "mark_abusive",
        "assign_to_me",
    ]

    # Ratings are what visitors said: nobody adds them or changes what they
    # said. Staff who may triage set a comment's state, assignee and note.
    # Only a superuser may delete one (personal data left in a comment).
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return can_triage(request.user)

    def has_triage_permission(self, request):
        return can_triage(request.user)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def get_readonly_fields(self, request, obj=None):
        if can_triage(request.user):
            return [*self.visitor_fields, "triaged_at"]
        return self.fields

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assignee":
            # Only people who can triage are worth assigning a comment to.
            kwargs["queryset"] = (
                get_user_model()
                .objects.filter(is_active=True, is_staff=True)
                .filter(
                    Q(is_superuser=True)
                    | Q(user_permissions__codename="triage_rating")
                    | Q(groups__permissions__codename="triage_rating")
                )
                .distinct()
                .order_by("username")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        # Only the triage fields: what the visitor said, and when, stays as it was.
        if "state" in form.changed_data:
            obj.triaged_at = timezone.now()
        obj.save(update_fields=["state", "assignee", "note", "triaged_at"])
        # The public "You said, we did" page counts comments read.
        pagecache.content_changed()

    def set_state(self, request, queryset, state):
        count = queryset.exclude(state=state).update(state=state, triaged_at=timezone.now())
        pagecache.content_changed()
        self.message_user(
            request,
            gettext("%(count)d marked “%(state)s”.")
            % {"count": count, "state": Rating.State(state).label},
        )

    @admin.action(description=_("Mark the selected comments as read"), permissions=["triage"])
    def mark_read(self, request, queryset):
        self.set_state(request, queryset, Rating.State.READ)

    @admin.action(description=_("Mark the selected comments as acted on"), permissions=["triage"])
    def mark_acted_on(self, request, queryset):
        self.set_state(request, queryset, Rating.State.ACTED_ON)

    @admin.action(
        description=_("Mark the selected comments as not actionable"), permissions=["triage"]
    )
    def mark_not_actionable(self, request, queryset):
        self.set_state(request, queryset, Rating.State.NOT_ACTIONABLE)

    @admin.action(description=_("Mark the selected comments as abusive"), permissions=["triage"])
    def mark_abusive(self, request, queryset):
        self.set_state(request, queryset, Rating.State.ABUSIVE)

    @admin.action(description=_("Assign the selected comments to me"), permissions=["triage"])
    def assign_to_me(self, request, queryset):
        count = queryset.update(assignee=request.user)
        self.message_user(request, gettext("%(count)d assigned to you.") % {"count": count})

    # Paths read left to right, and a comment in its own direction, in the Arabic admin too.
    @admin.display(description=_("page"), ordering="path")
    def page(self, obj):
        return format_html('<bdi dir="ltr">{}</bdi>', obj.path)

    @admin.display(description=_("comment"))
    def comment_excerpt(self, obj):
        return format_html("<bdi>{}</bdi>", Truncator(obj.comment).chars(80)) if obj.comment else ""

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "report/",
                self.admin_site.admin_view(self.report_view),
                name="{}_{}_report".format(*info),
            ),
            path(
                "export/",
                self.admin_site.admin_view(self.export_view),
                name="{}_{}_export".format(*info),
            ),
            *super().get_urls(),
        ]

    def report_view(self, request):
        """The satisfaction report: every figure for the chosen days."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = ReportRangeForm(request.GET)
        start, end = form.dates()
        ratings = form.ratings()
        language = language_code()
        weeks = ratings.weekly(*report_weeks(start, end))
        busiest = max(week["count"] for week in weeks)
        for week in weeks:
            week["bar"] = 100 * week["count"] / busiest if busiest else 0
        language_names = dict(settings.LANGUAGES)
        comments = list(
            ratings.with_comments()
            .order_by("-created_at", "-pk")
            .values("pk", "created_at", "score", "language", "path", "comment", "state")[
                :LATEST_COMMENTS
            ]
        )
        summary = ratings.summary()
        before = previous_period(start, end)
        comparison = None
        if before is not None:
            earlier = form.ratings(*before).summary()
            comparison = {
                "start": before[0],
                "end": before[1],
                "summary": earlier,
                "test": compare(
                    Share(earlier["satisfied"], earlier["count"]),
                    Share(summary["satisfied"], summary["count"]),
                ),
            }
        pages = describe([row["path"] for row in comments], language)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Satisfaction report"),
            "opts": self.opts,
            "form": form,
            "start": start,
            "end": end,
            "summary": summary,
            "comparison": comparison,
            "distribution": [
                {"score": score, "label": label, "count": count, "percent": percent}
                for score, label, count, percent in ratings.distribution()
            ],
            "weeks": weeks,
            "chart": trend_chart(weeks),
            "languages": ratings.by_language(),
            "lowest_pages": with_pages(
                ratings.lowest_pages(minimum=LOWEST_PAGES_MINIMUM), language
            ),
            "lowest_pages_minimum": LOWEST_PAGES_MINIMUM,
            "comments": [
                {
                    **row,
                    "label": Rating.Score(row["score"]).label,
                    "state_label": Rating.State(row["state"]).label,
                    "language_name": language_names.get(row["language"], row["language"]),
                    "page": pages[row["path"]],
                    "url": page_url(row["path"]),
                }
                for row in comments
            ],
            "new_comments": ratings.new_comments().count(),
            "export_url": reverse("admin:feedback_rating_export") + form.query_string(),
        }
        return TemplateResponse(request, "admin/feedback/rating/report.html", context)

    def export_view(self, request):
        """The ratings of the chosen days as CSV, streamed: any number of rows, little memory."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = ReportRangeForm(request.GET)
        if not form.is_valid():
            # The report shows what is wrong with the dates.
            return redirect(reverse("admin:feedback_rating_report") + "?" + request.GET.urlencode())
        start, end = form.dates()
        rows = (
            form.ratings()
            .order_by("created_at", "pk")
            .values_list("created_at", "score", "language", "path", "comment")
        )
        # Translated now, while the request's language is active.
        header = [
            gettext("created"),
            gettext("score"),
            gettext("answer"),
            gettext("language"),
            gettext("page"),
            gettext("comment"),
        ]
        labels = {score: str(label) for score, label in Rating.Score.choices}
        zone = timezone.get_current_timezone()
        writer = csv.writer(Echo())

        def lines():
            batch = [BYTE_ORDER_MARK + writer.writerow(header)]
            for created_at, score, language, page, comment in rows.iterator(
                chunk_size=EXPORT_CHUNK_SIZE
            ):
                batch.append(
                    writer.writerow(
                        [
                            created_at.astimezone(zone).isoformat(),
                            score,
                            labels.get(score, score),
                            spreadsheet_safe(language),
                            spreadsheet_safe(page),
                            spreadsheet_safe(comment),
                        ]
                    )
                )
                # A few hundred rows per write: far fewer calls, still little memory.
                if len(batch) == EXPORT_ROWS_PER_WRITE:
                    yield "".join(batch)
                    batch = []
            yield "".join(batch)

        until = (end or timezone.localdate()).isoformat()
        filename = (
            f"ratings_{start.isoformat()}_to_{until}.csv" if start else f"ratings_until_{until}.csv"
        )
        return StreamingHttpResponse(
            lines(),
            content_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )


@admin.register(Improvement)
class ImprovementAdmin(TranslationAdmin):
    list_display = ["title", "made_on", "is_public", "answers"]
    list_filter = ["is_public", ("made_on", admin.DateFieldListFilter)]
    search_fields = ["title", "text"]
    date_hierarchy = "made_on"
    filter_horizontal = ["ratings"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(answer_count=Count("ratings"))

    @admin.display(description=_("comments it answers"), ordering="answer_count")
    def answers(self, obj):
        return obj.answer_count

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "ratings":
            # Only comments, and never abusive ones, are worth answering publicly.
            kwargs["queryset"] = Rating.objects.reportable().with_comments()
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(DigestWeek)
class DigestWeekAdmin(admin.ModelAdmin):
    list_display = ["week", "sent_at", "recipients"]

    # A record of what the command sent: read only.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
