import datetime
from urllib.parse import unquote, urlencode

import reversion
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import FileField, Q
from django.forms.models import construct_instance
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_prose_editor.widgets import AdminProseEditorWidget
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline
from reversion.models import Version
from reversion_compare.admin import CompareVersionAdmin

from feedback.models import Rating
from sitekit.languages import in_each_language

from . import freshness
from .forms import ExpiringForm
from .images import UploadedImageField
from .models import (
    LANGUAGE_CODES,
    Agreement,
    AgreementReminder,
    Article,
    Category,
    Partner,
    PendingChange,
    Signatory,
)
from .pending import PendingAdminMixin, PendingChangeFilter, is_live
from .reminders import expiring_soon

# What the body editor can produce; portal/html.py cleans whatever arrives anyway.
BODY_EDITOR = {
    "extensions": {
        "Bold": True,
        "Italic": True,
        "Heading": {"levels": [2, 3]},
        "BulletList": True,
        "OrderedList": True,
        "ListItem": True,
        "Blockquote": True,
        "HardBreak": True,
        "Link": {"enableTarget": False},
        "History": True,
        "HTML": True,
    }
}
# Fields that mix scripts (names of people and bodies): the browser picks the
# direction from the text itself.
AUTO_DIRECTION = {"name", "acronym", "role", "image_credit", "signed_in"}
REQUIRED_FOR_COMPLETE = ("title", "slug", "summary", "body")


def can_publish(user):
    return user.has_perm("news.publish_article")


class DirectionMixin:
    """Inputs of Arabic fields are right-to-left, others left-to-right, names auto."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is None or not isinstance(field.widget, forms.TextInput | forms.Textarea):
            return field
        base, _sep, code = db_field.name.rpartition("_")
        if code in LANGUAGE_CODES:
            direction = "rtl" if code == "ar" else "ltr"
            field.widget.attrs["dir"] = "auto" if base in AUTO_DIRECTION else direction
            field.widget.attrs["lang"] = code
        elif db_field.name in AUTO_DIRECTION:
            field.widget.attrs["dir"] = "auto"
        return field


class MissingTranslationFilter(admin.SimpleListFilter):
    title = _("translation")
    parameter_name = "missing"

    def lookups(self, request, model_admin):
        return [
            *(
                (code, gettext("Missing in %(language)s") % {"language": name})
                for code, name in model_admin.language_names()
            ),
            *(
                (f"outdated-{code}", gettext("Outdated in %(language)s") % {"language": name})
                for code, name in model_admin.language_names()
            ),
        ]

    def queryset(self, request, queryset):
        if self.value() in LANGUAGE_CODES:
            return queryset.filter(missing_in(self.value()))
        outdated = (self.value() or "").removeprefix("outdated-")
        if outdated in LANGUAGE_CODES:
            # The stored summary of news/freshness.py: a key per outdated language.
            return queryset.filter(translation_freshness__outdated__has_key=outdated)
        return queryset


def missing_in(code):
    """Articles that lack any of the texts a complete translation has."""
    condition = Q()
    for field in REQUIRED_FOR_COMPLETE:
        condition |= Q(**{f"{field}_{code}__isnull": True}) | Q(**{f"{field}_{code}": ""})
    return condition


class TranslationStatusMixin:
    """The change form shows each text's state in each language, linked to the desk."""

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "translation_status"]

    @admin.display(description=_("translation status"))
    def translation_status(self, obj):
        from .translation_desk import status_table

        return status_table(obj) if obj is not None and obj.pk else "—"


class GuardedForm(forms.ModelForm):
    """
    A change form that refuses to save over someone else's later save.

    It carries the object's `updated_at` as it was when the form was opened; a
    later one in the database means another save came in between. The refused
    form keeps its content, which the admin also records in the history as a
    version (without touching the object) so that the two can be compared and
    merged: see GuardedAdminMixin. Validation itself writes nothing.
    """

    edit_conflict = False

    loaded_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["loaded_version"] = self.saved_version().isoformat()

    def saved_version(self):
        """The time of the last save of the row, or of its pending change (news/pending.py)."""
        model = type(self.instance)
        saved = model.objects.filter(pk=self.instance.pk).values_list("updated_at", flat=True)
        pending = PendingChange.objects.open().for_item(self.instance).values_list("updated_at")
        return max(filter(None, [saved.first(), *(row[0] for row in pending)]), default=None)

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk:
            model = type(self.instance)
            saved = self.saved_version()
            if saved and cleaned_data.get("loaded_version") != saved.isoformat():
                self.edit_conflict = True
                raise ValidationError(
                    _(
                        "Someone else saved this %(object)s at %(time)s, after you opened it. "
                        "Your changes were not saved over theirs: they are still in this form, "
                        "and kept in its history as “%(comment)s”. Compare the two versions in "
                        "the history, merge, then reload the page and save."
                    ),
                    code="edit_conflict",
                    params={
                        "object": model._meta.verbose_name,
                        "time": timezone.localtime(saved).strftime("%H:%M:%S"),
                        "comment": self.unsaved_comment(),
                    },
                )
        return cleaned_data

    def unsaved_comment(self):
        return gettext("Unsaved changes by %(user)s (edit conflict)") % {
            "user": getattr(self, "user", None) or "?"
        }

    def keep_unsaved_version(self):
        """
        Record what this form holds in the history, without touching the object.

        Once per text: when the latest version is already this user's refused
        save of the same values (the same form sent again), nothing is added.
        Returns whether a version was written.
        """
        unsaved = type(self.instance).objects.get(pk=self.instance.pk)
        files = [field.name for field in unsaved._meta.fields if isinstance(field, FileField)]
        construct_instance(self, unsaved, exclude=files)
        typed = [
            field
            for field in unsaved._meta.concrete_fields
            if field.name in self.cleaned_data and field.name not in files
        ]
        latest = Version.objects.get_for_object(unsaved).select_related("revision").first()
        if (
            latest is not None
            and latest.revision.comment == self.unsaved_comment()
            and all(
                latest.field_dict.get(field.attname) == getattr(unsaved, field.attname)
                for field in typed
            )
        ):
            return False
        with reversion.create_revision(manage_manually=True):
            reversion.add_to_revision(unsaved)
            reversion.set_comment(self.unsaved_comment())
            if getattr(self, "user", None) is not None:
                reversion.set_user(self.user)
        return True


class GuardedAdminMixin:
    """
    Hands the user to a GuardedForm; when it refuses a stale save, keeps the
    refused text in the history as the page answering it is made (once, not
    during validation, which may run more than once).
    """

    form = GuardedForm

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.user = request.user
        return form

    def render_change_form(self, request, context, *args, **kwargs):
        form = context["adminform"].form
        if form.edit_conflict:
            form.keep_unsaved_version()
        return super().render_change_form(request, context, *args, **kwargs)


class ArticleAdminForm(GuardedForm):
    class Meta:
        model = Article
        # The admin's fieldsets decide the real list (with one field per language).
        fields = [
            "title", "slug", "summary", "body", "category", "featured",
            "image", "image_alt", "image_decorative", "image_caption", "image_credit",
            "status", "published_at", "unpublish_at", "source_language",
        ]  # fmt: skip

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("status") == Article.Status.PUBLISHED and not cleaned_data.get(
            "published_at"
        ):
            # Publishing without a time means now (only publishers see this field).
            cleaned_data["published_at"] = timezone.now()
        return cleaned_data


@admin.register(Category)
class CategoryAdmin(TranslationStatusMixin, DirectionMixin, CompareVersionAdmin, TranslationAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Partner)
class PartnerAdmin(
    TranslationStatusMixin, GuardedAdminMixin, DirectionMixin, CompareVersionAdmin, TranslationAdmin
):
    list_display = ["name", "acronym", "country", "slug"]
    list_filter = ["country"]
    search_fields = ["name", "acronym", "slug"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "logo":
            kwargs["form_class"] = UploadedImageField
        if db_field.name == "website":
            # An address typed without a scheme is taken as https.
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(Article)
class ArticleAdmin(
    TranslationStatusMixin,
    PendingAdminMixin,
    GuardedAdminMixin,
    DirectionMixin,
    CompareVersionAdmin,
    TranslationAdmin,
):
    form = ArticleAdminForm
    list_display = ["title", "category", "publication", "languages", "featured"]
    list_filter = ["status", MissingTranslationFilter, PendingChangeFilter, "category", "featured"]
    search_fields = ["title", "summary"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ("title",)}
    list_select_related = ["category"]
    actions = ["send_for_review", "publish_now", "unpublish"]
    change_form_template = "admin/news/article/change_form.html"
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body", "category", "featured"]}),
        (
            _("Image"),
            {
                "fields": [
                    "image",
                    "image_alt",
                    "image_decorative",
                    "image_caption",
                    "image_credit",
                ]
            },
        ),
        (
            _("Publication"),
            {"fields": ["status", "published_at", "unpublish_at", "loaded_version"]},
        ),
        (_("Translations"), {"fields": ["source_language", "translation_status"]}),
    ]

    @staticmethod
    def language_names():
        return [
            (code, translation.get_language_info(code)["name_translated"])
            for code in LANGUAGE_CODES
        ]

    # List ---------------------------------------------------------------------

    @admin.display(description=_("publication"), ordering="published_at")
    def publication(self, obj):
        if obj.status != Article.Status.PUBLISHED:
            return obj.get_status_display()

        def when(moment):
            return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")

        now = timezone.now()
        if obj.unpublish_at and obj.unpublish_at <= now:
            return gettext("Withdrawn since %(time)s") % {"time": when(obj.unpublish_at)}
        if obj.published_at > now:
            said = gettext("Scheduled for %(time)s") % {"time": when(obj.published_at)}
        else:
            said = gettext("Published %(time)s") % {"time": when(obj.published_at)}
        if obj.unpublish_at:
            said = gettext("%(publication)s until %(time)s") % {
                "publication": said,
                "time": when(obj.unpublish_at),
            }
        return said

    @admin.display(description=_("languages"))
    def languages(self, obj):
        """Which translations are complete, missing or outdated, said in words (not only colour)."""
        outdated = freshness.outdated_languages(obj)

        def state(code):
            if not all(getattr(obj, f"{field}_{code}") for field in REQUIRED_FOR_COMPLETE):
                return "missing", gettext("missing")
            if code in outdated and code != freshness.source_of(obj):
                return "outdated", gettext("outdated")
            return "complete", gettext("complete")

        return format_html_join(
            " ",
            '<span class="translation-state translation-state--{}" title="{}">{} {}</span>',
            (
                (kind, name, code.upper(), words)
                for code, name in self.language_names()
                for kind, words in [state(code)]
            ),
        )

    # Form ---------------------------------------------------------------------

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "image":
            kwargs["form_class"] = UploadedImageField
        if db_field.name.startswith("body_"):
            kwargs["widget"] = AdminProseEditorWidget(config=BODY_EDITOR, preset="configurable")
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status" and not can_publish(request.user):
            # Editors may only move an article between draft and review.
            kwargs["choices"] = [
                choice for choice in Article.Status.choices if choice[0] != Article.Status.PUBLISHED
            ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        shown = list(super().get_readonly_fields(request, obj))  # the translation status
        if can_publish(request.user):
            return shown
        # The publication time is the publishers' to set; a published article's
        # status too (unpublishing is theirs).
        if obj is not None and obj.status == Article.Status.PUBLISHED:
            return [*shown, "status", "published_at", "unpublish_at"]
        return [*shown, "published_at", "unpublish_at"]

    def save_model(self, request, obj, form, change):
        was = (
            Article.objects.filter(pk=obj.pk)
            .values("status", "published_at", "unpublish_at")
            .first()
            or {}
        )
        was_published = was.get("status") == Article.Status.PUBLISHED
        is_published = obj.status == Article.Status.PUBLISHED
        publishing_change = (
            was_published != is_published
            or (is_published and was.get("published_at") != obj.published_at)
            or was.get("unpublish_at") != obj.unpublish_at
        )
        if publishing_change and not can_publish(request.user):
            # The form already prevents this; a crafted request must not get through.
            raise PermissionDenied
        super().save_model(request, obj, form, change)
        if was_published != is_published:
            self.log_change(
                request,
                obj,
                gettext("Published, visible from %(time)s.")
                % {"time": timezone.localtime(obj.published_at).strftime("%Y-%m-%d %H:%M")}
                if is_published
                else gettext("Unpublished."),
            )

    # Actions ------------------------------------------------------------------

    def change_status(self, request, articles, status, log_message):
        """Give each article `status` as a version and a log entry; returns how many."""
        changed = 0
        for article in articles:
            article.status = status
            if status == Article.Status.PUBLISHED:
                article.published_at = article.published_at or timezone.now()
            try:
                article.full_clean()
            except ValidationError as error:
                self.message_user(
                    request, f"{article}: {'; '.join(error.messages)}", level=messages.ERROR
                )
                continue
            with reversion.create_revision():
                article.save()
                reversion.set_user(request.user)
            self.log_change(request, article, log_message)
            changed += 1
        return changed

    @admin.action(description=_("Send the selected articles for review"))
    def send_for_review(self, request, queryset):
        drafts = queryset.filter(status=Article.Status.DRAFT)
        count = self.change_status(
            request, drafts, Article.Status.IN_REVIEW, gettext("Sent for review.")
        )
        self.message_user(request, gettext("%(count)d sent for review.") % {"count": count})

    @admin.action(description=_("Publish the selected articles now"), permissions=["publish"])
    def publish_now(self, request, queryset):
        unpublished = queryset.exclude(status=Article.Status.PUBLISHED)
        count = self.change_status(
            request, unpublished, Article.Status.PUBLISHED, gettext("Published.")
        )
        self.message_user(request, gettext("%(count)d published.") % {"count": count})

    @admin.action(description=_("Unpublish the selected articles"), permissions=["publish"])
    def unpublish(self, request, queryset):
        published = queryset.filter(status=Article.Status.PUBLISHED)
        count = self.change_status(
            request, published, Article.Status.DRAFT, gettext("Unpublished.")
        )
        self.message_user(request, gettext("%(count)d unpublished.") % {"count": count})

    def has_publish_permission(self, request):
        return can_publish(request.user)

    # Change page extras: previews and what visitors said ----------------------

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id)
        if article is not None:
            extra_context = {
                **(extra_context or {}),
                "previews": self.preview_links(article),
                "visitor_feedback": self.visitor_feedback(article),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def preview_links(self, article):
        urls = in_each_language(lambda: reverse("news:preview", kwargs={"pk": article.pk}))
        return [
            {"code": code, "name": name, "url": urls[code]} for code, name in self.language_names()
        ]

    def visitor_feedback(self, article):
        """Ratings given on this article's pages: figures per language, latest comments."""
        paths = list(in_each_language(lambda: unquote(article.get_absolute_url())).values())
        ratings = Rating.objects.reportable().filter(path__in=paths)
        report = reverse("admin:feedback_rating_report")
        query = urlencode([("path", path) for path in paths])
        return {
            "new_comments": ratings.new_comments().count(),
            "summary": ratings.summary(),
            "languages": ratings.by_language(),
            "comments": ratings.with_comments().order_by("-created_at")[:5],
            "report_url": f"{report}?{query}",
        }


class SignatoryInline(DirectionMixin, TranslationStackedInline):
    model = Signatory
    extra = 0
    autocomplete_fields = ["party"]

    # A public agreement's signatories are the publishers' to change: a pending
    # change holds the agreement's own fields and partners (news/pending.py).
    def has_add_permission(self, request, obj=None):
        return self.editable_by(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self.editable_by(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.editable_by(request, obj) and super().has_delete_permission(request, obj)

    @staticmethod
    def editable_by(request, obj):
        return obj is None or can_publish(request.user) or not is_live(obj)


@admin.register(Agreement)
class AgreementAdmin(
    TranslationStatusMixin,
    PendingAdminMixin,
    GuardedAdminMixin,
    DirectionMixin,
    CompareVersionAdmin,
    TranslationAdmin,
):
    list_display = ["title", "signed_on", "expires_on", "article", "relation"]
    list_filter = ["signed_on", "relation", PendingChangeFilter]
    search_fields = ["title", "partners__name"]
    autocomplete_fields = ["partners", "article", "previous"]
    readonly_fields = ["expires_on", "chain"]
    inlines = [SignatoryInline]

    @admin.display(description=_("chain of renewals"))
    def chain(self, obj):
        """Renews / renewed by: the earlier and later agreements, linked to their pages."""
        links = []
        earlier = obj.previous if obj.previous_id else None
        later = getattr(obj, "successor", None) if obj.pk else None
        if earlier is not None:
            label = _("Renews") if obj.relation == Agreement.Relation.RENEWS else _("Replaces")
            links.append((label, earlier))
        if later is not None:
            label = (
                _("Renewed by") if later.relation == Agreement.Relation.RENEWS else _("Replaced by")
            )
            links.append((label, later))
        if not links:
            return gettext("Neither renews nor is renewed by another agreement.")
        return format_html_join(
            mark_safe("<br>"),
            '{}: <a href="{}">{}</a>',
            (
                (label, reverse("admin:news_agreement_change", args=[other.pk]), other)
                for label, other in links
            ),
        )

    def get_urls(self):
        return [
            path(
                "expiring/",
                self.admin_site.admin_view(self.expiring_view),
                name="news_agreement_expiring",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_track": request.user.has_perm("news.track_agreement"),
        }
        return super().changelist_view(request, extra_context)

    def expiring_view(self, request):
        """The partnerships office's list: agreements that end within the chosen days."""
        if not request.user.has_perm("news.track_agreement"):
            raise PermissionDenied
        form = ExpiringForm(request.GET or None)
        days = form.window()
        today = timezone.localdate()
        agreements = expiring_soon(today, days)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Agreements ending soon"),
            "opts": self.opts,
            "form": form,
            "days": days,
            "today": today,
            "last_day": today + datetime.timedelta(days=days),
            "agreements": agreements,
        }
        return TemplateResponse(request, "admin/news/agreement/expiring.html", context)


@admin.register(AgreementReminder)
class AgreementReminderAdmin(admin.ModelAdmin):
    """What the reminder command sent: read only, a record kept for the office."""

    list_display = ["agreement", "days_before", "ends_on", "sent_at"]
    list_filter = ["days_before", "sent_at"]
    search_fields = ["agreement__title"]
    readonly_fields = ["agreement", "days_before", "ends_on", "recipients", "sent_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
