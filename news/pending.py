"""
Changes to published articles and agreements that wait for a publisher.

An editor without `news.publish_article` who saves a published article (or a
public agreement) does not write the row: the form's values are kept in a
`PendingChange` (news/models.py) as JSON, and the live row, its search
documents and every public page keep the published text. A publisher compares
the two, then publishes the change (applied to the row through the normal
save, so it is a new version in the history and renews the page cache) or
rejects it with a reason. Why outside the row: docs/decisions.md.
"""

import difflib
import json

import reversion
from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Exists, OuterRef
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from modeltranslation.translator import translator

from .models import LANGUAGE_CODES, Agreement, Article, PendingChange

# What a pending change never carries: publication is the publishers' to set
# directly, and derived or automatic values follow from the rest on save.
PUBLICATION_FIELDS = {"status", "published_at", "unpublish_at"}


def can_publish(user):
    return user.has_perm("news.publish_article")


def content_fields(model):
    """The fields a pending change holds: editable, per language for translated ones."""
    translated = set(translator.get_options_for_model(model).all_fields)
    return [
        field
        for field in model._meta.concrete_fields
        if field.editable
        and not field.primary_key
        and not getattr(field, "generated", False)
        and field.name not in PUBLICATION_FIELDS
        and field.name not in translated
    ]


def is_live(item):
    """True when visitors may see the item (or will, once scheduled): its edits need review."""
    if isinstance(item, Article):
        status = Article.objects.filter(pk=item.pk).values_list("status", flat=True).first()
        return status == Article.Status.PUBLISHED
    if isinstance(item, Agreement):
        article = Agreement.objects.filter(pk=item.pk).values_list("article__status", flat=True)
        # An agreement no article announces is public as it is.
        return bool(article) and article[0] in (None, Article.Status.PUBLISHED)
    return False


def open_change(item):
    return PendingChange.objects.open().for_item(item).first()


def serialize(item):
    """The item's content values (and an agreement's partners) as JSON-ready data."""
    values = {}
    for field in content_fields(type(item)):
        value = field.value_from_object(item)
        if isinstance(field, models.FileField):
            value = value.name or ""
        values[field.attname] = value
    if isinstance(item, Agreement):
        partners = getattr(item, "_pending_partners", None)
        if partners is None:
            partners = item.partners.values_list("pk", flat=True) if item.pk else []
        values["partners"] = sorted(getattr(p, "pk", p) for p in partners)
    return json.loads(json.dumps(values, cls=DjangoJSONEncoder))


def load(item, data):
    """Give the in-memory `item` the values of a pending change (nothing is written)."""
    for field in content_fields(type(item)):
        if field.attname not in data:
            continue
        value = data[field.attname]
        if isinstance(field, models.FileField):
            setattr(item, field.attname, value)
        else:
            setattr(item, field.attname, field.to_python(value))
    if isinstance(item, Agreement) and "partners" in data:
        item._pending_partners = list(data["partners"])
    return item


def commit_files(item):
    """Store a newly uploaded file now, as a save would, so the change can name it."""
    for field in content_fields(type(item)):
        if isinstance(field, models.FileField):
            file = getattr(item, field.attname)
            if file and not file._committed:
                file.save(file.name, file.file, save=False)


def save_pending(item, user):
    """Keep the in-memory `item`'s values as its (one) open pending change; returns it."""
    commit_files(item)
    content_type = ContentType.objects.get_for_model(type(item))
    with transaction.atomic():
        change = (
            PendingChange.objects.select_for_update()
            .filter(content_type=content_type, object_id=item.pk, state__in=PendingChange.OPEN)
            .first()
        ) or PendingChange(content_type=content_type, object_id=item.pk)
        change.data = serialize(item)
        change.author = user
        change.save()
    # The history keeps every pending version too, beside the published ones.
    if reversion.is_active():
        reversion.add_to_revision(item)
    return change


def publish(change, user):
    """Apply the change to the live row as a new version; ValidationError if it no longer fits."""
    model = change.content_type.model_class()
    with transaction.atomic():
        item = model.objects.select_for_update().get(pk=change.object_id)
        load(item, change.data)
        item.full_clean()
        with reversion.create_revision():
            item.save()
            if isinstance(item, Agreement):
                item.partners.set(item._pending_partners)
            reversion.set_user(user)
            reversion.set_comment(
                gettext("Published the pending change by %(user)s.") % {"user": change.author}
            )
        decide(change, user, PendingChange.State.PUBLISHED)
    return item


def decide(change, user, state, reason=""):
    change.state = state
    change.decided_by = user
    change.decided_at = timezone.now()
    change.reason = reason
    change.save()


def differences(item, change):
    """
    Rows comparing the live item with the change, per language, only where they differ:
    {"language": name or None, "label", "old", "new", "diff"} (diff is escaped HTML).
    """
    pending = load(type(item).objects.get(pk=item.pk), change.data)
    names = {
        code: translation.get_language_info(code)["name_translated"] for code in LANGUAGE_CODES
    }
    rows = []
    for field in content_fields(type(item)):
        old, new = shown(item, field), shown(pending, field)
        if old == new:
            continue
        base, _sep, code = field.name.rpartition("_")
        is_translation = code in LANGUAGE_CODES and base
        label = type(item)._meta.get_field(base).verbose_name if is_translation else None
        label = label or field.verbose_name
        rows.append(
            {
                "code": code if is_translation else "",
                "language": names[code] if is_translation else None,
                "label": label,
                "old": old,
                "new": new,
                "diff": word_diff(old, new),
            }
        )
    if isinstance(item, Agreement):
        old = ", ".join(str(p) for p in item.partners.all())
        partners = type(item).partners.field.related_model.objects.filter(
            pk__in=change.data.get("partners", [])
        )
        new = ", ".join(str(p) for p in partners)
        if old != new:
            label = Agreement._meta.get_field("partners").verbose_name
            rows.append(
                {"code": "", "language": None, "label": label, "old": old, "new": new,
                 "diff": word_diff(old, new)}
            )  # fmt: skip
    order = {code: index for index, code in enumerate(LANGUAGE_CODES)}
    return sorted(rows, key=lambda row: order.get(row["code"], len(order)))


def shown(item, field):
    value = getattr(item, field.name)
    if isinstance(field, models.FileField):
        return value.name or ""
    if isinstance(field, models.ForeignKey):
        return str(value) if value is not None else ""
    if isinstance(field, models.BooleanField):
        return gettext("yes") if value else gettext("no")
    return "" if value is None else str(value)


def word_diff(old, new):
    """The new text with removed words in <del> and added ones in <ins>, all escaped."""
    before, after = old.split(), new.split()
    parts = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, before, after).get_opcodes():
        if op in ("replace", "delete"):
            parts.append(format_html("<del>{}</del>", " ".join(before[a1:a2])))
        if op in ("replace", "insert"):
            parts.append(format_html("<ins>{}</ins>", " ".join(after[b1:b2])))
        if op == "equal":
            parts.append(format_html("{}", " ".join(before[a1:a2])))
    return format_html_join(" ", "{}", ((part,) for part in parts))


class PendingChangeFilter(admin.SimpleListFilter):
    title = _("pending change")
    parameter_name = "pending"

    def lookups(self, request, model_admin):
        return [("yes", _("Has a pending change")), ("no", _("No pending change"))]

    def queryset(self, request, queryset):
        waiting = PendingChange.objects.open().filter(
            content_type=ContentType.objects.get_for_model(queryset.model),
            object_id=OuterRef("pk"),
        )
        if self.value() == "yes":
            return queryset.filter(Exists(waiting))
        if self.value() == "no":
            return queryset.exclude(Exists(waiting))
        return queryset


class PendingAdminMixin:
    """
    For the admin of a model with published items: an editor's save of a live
    item becomes its pending change; publishers save directly or, with the
    "Save as a pending change" button, as editors do. The change form edits the
    open pending change when there is one, so a second editor continues it
    (and the edit-conflict guard compares with its last save).
    """

    pending_template = "admin/news/pending/compare.html"

    def goes_to_review(self, request, obj):
        return is_live(obj) and (not can_publish(request.user) or "_save_pending" in request.POST)

    # The change form edits the pending version --------------------------------

    def change_view(self, request, object_id, form_url="", extra_context=None):
        request._edit_pending = True
        obj = super().get_object(request, object_id)
        if obj is not None:
            change = open_change(obj)
            extra_context = {
                **(extra_context or {}),
                "pending_change": change,
                "pending_possible": is_live(obj),
                "pending_url": reverse(
                    f"admin:{self.opts.app_label}_{self.opts.model_name}_pending",
                    args=[obj.pk],
                ),
                "latest_decision": None
                if change
                else PendingChange.objects.for_item(obj)
                .exclude(state__in=PendingChange.OPEN)
                .first(),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None and getattr(request, "_edit_pending", False):
            change = open_change(obj)
            if change is not None:
                load(obj, change.data)
                obj._pending_change = change
        return obj

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        partners = getattr(obj, "_pending_partners", None)
        if partners is None:
            return form

        def __init__(self, *args, **kwargs):
            form.__init__(self, *args, **kwargs)
            if not self.is_bound:
                self.initial["partners"] = partners

        return type(form.__name__, (form,), {"__init__": __init__})

    # Saving -------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        if change and self.goes_to_review(request, obj):
            # Kept in save_related, once the many-to-many values are known.
            request._pending_item = obj
            return
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        item = getattr(request, "_pending_item", None)
        if item is None:
            super().save_related(request, form, formsets, change)
            waiting = open_change(form.instance) if change else None
            if waiting is not None:
                # A publisher saved the form showing the pending values: they are live.
                decide(waiting, request.user, PendingChange.State.PUBLISHED)
            return
        if "partners" in form.cleaned_data:
            item._pending_partners = list(form.cleaned_data["partners"])
        request._pending_change = save_pending(item, request.user)

    def construct_change_message(self, request, form, formsets, add=False):
        if getattr(request, "_pending_item", None) is not None:
            return []  # nothing was saved; log_change says what was
        return super().construct_change_message(request, form, formsets, add)

    def log_change(self, request, obj, message):
        if getattr(request, "_pending_item", None) is not None:
            message = gettext("Saved a pending change (the published version is unchanged).")
        return super().log_change(request, obj, message)

    def response_change(self, request, obj):
        change = getattr(request, "_pending_change", None)
        if change is None:
            return super().response_change(request, obj)
        self.message_user(
            request,
            gettext(
                "Your changes are saved as a pending change. Visitors still see the "
                "published version until a publisher publishes it."
            ),
            messages.SUCCESS,
        )
        return HttpResponseRedirect(request.path)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        # Restoring an old version writes the live row: a publisher's decision.
        if request.method == "POST" and not can_publish(request.user):
            obj = self.get_object(request, object_id)
            if obj is not None and is_live(obj):
                raise PermissionDenied
        return super().revision_view(request, object_id, version_id, extra_context)

    # The review page ----------------------------------------------------------

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_pending"
        return [
            path(
                "<int:object_id>/pending/",
                self.admin_site.admin_view(self.pending_view),
                name=name,
            ),
            path(
                "<int:object_id>/pending/decide/",
                self.admin_site.admin_view(require_POST(self.pending_decide_view)),
                name=f"{name}_decide",
            ),
            *super().get_urls(),
        ]

    def pending_view(self, request, object_id):
        """The pending change beside the published version, field by field, per language."""
        item = get_object_or_404(self.model, pk=object_id)
        if not self.has_view_or_change_permission(request, item):
            raise PermissionDenied
        change = open_change(item)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": item,
            "title": gettext("Pending change to “%(item)s”") % {"item": item},
            "change": change,
            "rows": differences(item, change) if change else [],
            "can_publish": can_publish(request.user),
            "can_change": self.has_change_permission(request, item),
            "previews": self.pending_previews(item) if change else [],
            "decide_url": reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_pending_decide",
                args=[item.pk],
            ),
            "change_url": reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[item.pk]
            ),
        }
        return TemplateResponse(request, self.pending_template, context)

    def pending_previews(self, item):
        if not isinstance(item, Article):
            return []
        return [
            {"code": link["code"], "name": link["name"], "url": f"{link['url']}?pending=1"}
            for link in self.preview_links(item)
        ]

    def pending_decide_view(self, request, object_id):
        """Send for review (anyone who may change it), publish or reject (publishers)."""
        item = get_object_or_404(self.model, pk=object_id)
        if not self.has_change_permission(request, item):
            raise PermissionDenied
        change = open_change(item)
        names = f"admin:{self.opts.app_label}_{self.opts.model_name}"
        back = reverse(f"{names}_pending", args=[item.pk])
        action = request.POST.get("action")
        if change is None:
            self.message_user(request, gettext("There is no pending change."), messages.WARNING)
            return HttpResponseRedirect(back)
        if action == "submit":
            change.state = PendingChange.State.IN_REVIEW
            change.save(update_fields=["state", "updated_at"])
            self.log_change(request, item, gettext("Sent the pending change for review."))
            self.message_user(request, gettext("The pending change was sent for review."))
            return HttpResponseRedirect(back)
        if action not in ("publish", "reject"):
            self.message_user(request, gettext("Choose what to do."), messages.ERROR)
            return HttpResponseRedirect(back)
        if not can_publish(request.user):
            raise PermissionDenied
        if action == "reject":
            reason = request.POST.get("reason", "").strip()
            if not reason:
                self.message_user(
                    request, gettext("Say why the change is rejected."), messages.ERROR
                )
                return HttpResponseRedirect(back)
            decide(change, request.user, PendingChange.State.REJECTED, reason)
            self.log_change(
                request,
                item,
                gettext("Rejected the pending change: %(reason)s") % {"reason": reason},
            )
            self.message_user(request, gettext("The pending change was rejected."))
            return HttpResponseRedirect(back)
        try:
            item = publish(change, request.user)
        except ValidationError as error:
            self.message_user(
                request,
                gettext("The change cannot be published: %(errors)s")
                % {"errors": "; ".join(error.messages)},
                messages.ERROR,
            )
            return HttpResponseRedirect(back)
        self.log_change(request, item, gettext("Published the pending change."))
        self.message_user(request, gettext("The pending change is published."))
        return HttpResponseRedirect(
            reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[item.pk])
        )
