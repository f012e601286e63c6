import csv

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import StreamingHttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sitekit.spreadsheets import BYTE_ORDER_MARK, spreadsheet_safe

from .models import Rating

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

    def ratings(self):
        start, end = self.dates()
        ratings = Rating.objects.between(start, end)
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


def page_url(path):
    """`path` as a link to the public page, or "" if it is not a plain path of this site."""
    if path.startswith("/") and url_has_allowed_host_and_scheme(path, allowed_hosts=None):
        return path
    return ""


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


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ["created_at", "score", "language", "page", "comment_excerpt"]
    list_filter = [
        "score",
        "language",
        ("created_at", admin.DateFieldListFilter),
        PageListFilter,
    ]
    search_fields = ["comment"]
    date_hierarchy = "created_at"
    # The browser fingerprint is for de-duplication only: never shown to anyone.
    fields = ["created_at", "score", "language", "page", "comment", "updated_at"]
    readonly_fields = fields
    exclude = ["browser"]

    # Ratings are what visitors said: nobody adds or edits them here. Only a
    # superuser may delete one (abuse, personal data left in a comment).
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

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
        weeks = ratings.weekly(*report_weeks(start, end))
        busiest = max(week["count"] for week in weeks)
        for week in weeks:
            week["bar"] = 100 * week["count"] / busiest if busiest else 0
        language_names = dict(settings.LANGUAGES)
        comments = (
            ratings.with_comments()
            .order_by("-created_at", "-pk")
            .values("created_at", "score", "language", "path", "comment")[:LATEST_COMMENTS]
        )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Satisfaction report"),
            "opts": self.opts,
            "form": form,
            "start": start,
            "end": end,
            "summary": ratings.summary(),
            "distribution": [
                {"score": score, "label": label, "count": count, "percent": percent}
                for score, label, count, percent in ratings.distribution()
            ],
            "weeks": weeks,
            "languages": ratings.by_language(),
            "lowest_pages": [
                {**row, "url": page_url(row["path"])}
                for row in ratings.lowest_pages(minimum=LOWEST_PAGES_MINIMUM)
            ],
            "lowest_pages_minimum": LOWEST_PAGES_MINIMUM,
            "comments": [
                {
                    **row,
                    "label": Rating.Score(row["score"]).label,
                    "language_name": language_names.get(row["language"], row["language"]),
                    "url": page_url(row["path"]),
                }
                for row in comments
            ],
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
