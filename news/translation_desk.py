"""
The translation desk (admin): per language, what is missing and what is
outdated, and a side-by-side editor that shows what changed in the source.

Who may write here: editors (anyone who may change the kind of item, in every
language) and translators, in the languages of their "Translators (<language>)"
groups (news/migrations/0008_freshness.py). The editor only ever reads the
target language's texts and the "still correct" boxes from a POST: a status,
a date or another language's text sent along is never looked at.
"""

import difflib
import re

import reversion
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.html import escape, format_html, format_html_join, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_prose_editor.widgets import AdminProseEditorWidget
from reversion.models import Version

from . import freshness
from .freshness import CURRENT, MISSING, OUTDATED, STATE_LABELS
from .models import Agreement, Article, Category, Partner

KINDS = {"article": Article, "agreement": Agreement, "partner": Partner, "category": Category}
RICH_TEXT = {"body"}


def language_name(code):
    return translation.get_language_info(code)["name_translated"]


def language_group(code):
    """The group whose members translate into `code` (named in English, like the others)."""
    return f"Translators ({translation.get_language_info(code)['name']})"


def translator_languages(user):
    names = set(user.groups.values_list("name", flat=True))
    return [code for code, _name in settings.LANGUAGES if language_group(code) in names]


def may_translate(user, model, code):
    """Editors may write every language; translators the languages of their groups."""
    if not user.is_active or not user.is_staff:
        return False
    if user.has_perm(f"news.change_{model._meta.model_name}"):
        return True
    return code in translator_languages(user)


def may_use_desk(user):
    return (
        user.is_active
        and user.is_staff
        and any(user.has_perm(f"news.view_{name}") for name in KINDS)
    )


def direction(code):
    return "rtl" if translation.get_language_info(code)["bidi"] else "ltr"


# The desk -----------------------------------------------------------------------


class DeskFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("kind"),
        required=False,
        choices=[("", _("All kinds"))]
        + [(name, model._meta.verbose_name_plural) for name, model in KINDS.items()],
    )
    state = forms.ChoiceField(
        label=_("state"),
        required=False,
        choices=[
            ("", _("Missing or outdated")),
            (MISSING, _("Missing")),
            (OUTDATED, _("Outdated")),
        ],
    )
    category = forms.ModelChoiceField(
        label=_("category"),
        required=False,
        queryset=Category.objects.all(),
        empty_label=_("Every category"),
        help_text=_("Articles of this category only."),
    )
    since = forms.DateField(
        label=_("since"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        cleaned_data = super().clean()
        since, until = cleaned_data.get("since"), cleaned_data.get("until")
        if since and until and since > until:
            raise ValidationError(_("The first day must come before the last."))
        return cleaned_data


def doc_state(doc, field, code):
    """A field's state read from the stored document alone (it holds an entry per text)."""
    entries = doc.get("fields", {}).get(field)
    if not entries:
        return None
    if code not in entries:
        return MISSING
    source = doc.get("source")
    reference = entries.get(source)
    if reference is None or code == source or entries[code].get("src") == reference.get("h"):
        return CURRENT
    return OUTDATED


def needs(obj, code):
    """(missing fields, outdated fields, since) of `obj` in `code`, from its document."""
    doc = obj.translation_freshness or {}
    missing, outdated, dates = [], [], []
    for field, entries in doc.get("fields", {}).items():
        value = doc_state(doc, field, code)
        if value == MISSING:
            missing.append(field)
            dates += [entry.get("at") for entry in entries.values()]
        elif value == OUTDATED:
            outdated.append(field)
            dates.append(entries[code].get("stale") or entries[code].get("at"))
    since = min(filter(None, dates), default=None)
    return missing, outdated, parse_datetime(since) if since else None


def desk_items(model):
    """Every item of `model`, with only what the desk reads (no text but the names)."""
    title = freshness.tracked_fields(model)[0]
    codes = [code for code, _name in settings.LANGUAGES]
    fields = ["pk", "source_language", "translation_freshness", *(f"{title}_{c}" for c in codes)]
    if model is Article:
        fields.append("category_id")
    return model.objects.only(*fields).order_by("pk")


def desk_lines(filters=None):
    """Every (item, language) that needs work: {code: [line, ...]} oldest first."""
    filters = filters or {}
    lines = {code: [] for code, _name in settings.LANGUAGES}
    for name, model in KINDS.items():
        if filters.get("kind") and filters["kind"] != name:
            continue
        if filters.get("category") and model is not Article:
            continue
        items = desk_items(model)
        if filters.get("category"):
            items = items.filter(category=filters["category"])
        for obj in items:
            for code in lines:
                missing, outdated, since = needs(obj, code)
                if filters.get("state") == MISSING:
                    outdated = []
                elif filters.get("state") == OUTDATED:
                    missing = []
                if not (missing or outdated):
                    continue
                day = timezone.localdate(since) if since else None
                if filters.get("since") and (day is None or day < filters["since"]):
                    continue
                if filters.get("until") and (day is None or day > filters["until"]):
                    continue
                lines[code].append(
                    {
                        "kind": name,
                        "kind_label": model._meta.verbose_name,
                        "obj": obj,
                        "missing": [label(model, field) for field in missing],
                        "outdated": [label(model, field) for field in outdated],
                        "since": since,
                        "url": reverse("translations:edit", args=[code, name, obj.pk]),
                    }
                )
    for found in lines.values():
        found.sort(key=lambda line: (line["since"] is None, line["since"] or 0, line["kind"]))
    return lines


def label(model, field):
    return model._meta.get_field(field).verbose_name


def counts(lines):
    """{code: {"total", "kinds": {kind: {"missing", "outdated"}}}} of desk lines."""
    found = {}
    for code, code_lines in lines.items():
        kinds = {name: {MISSING: 0, OUTDATED: 0} for name in KINDS}
        for line in code_lines:
            if line["missing"]:
                kinds[line["kind"]][MISSING] += 1
            if line["outdated"]:
                kinds[line["kind"]][OUTDATED] += 1
        found[code] = {"total": len(code_lines), "kinds": kinds}
    return found


def desk_view(request, code):
    if code not in dict(settings.LANGUAGES):
        raise Http404("No such language.")
    if not may_use_desk(request.user):
        raise PermissionDenied
    form = DeskFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    lines = desk_lines(filters)
    figures = counts(lines)
    context = {
        **admin.site.each_context(request),
        "title": gettext("Translation desk: %(language)s") % {"language": language_name(code)},
        "code": code,
        "form": form,
        "lines": lines[code],
        "languages": [
            {
                "code": other,
                "name": language_name(other),
                "total": figures[other]["total"],
                "url": reverse("translations:desk", args=[other]) + _query(request),
                "current": other == code,
            }
            for other, _name in settings.LANGUAGES
        ],
        "kinds": [
            {
                "label": KINDS[name]._meta.verbose_name_plural,
                MISSING: values[MISSING],
                OUTDATED: values[OUTDATED],
            }
            for name, values in figures[code]["kinds"].items()
        ],
        "mine": translator_languages(request.user),
    }
    status = 400 if form.is_bound and form.errors else 200
    return TemplateResponse(
        request, "admin/news/translation_desk/desk.html", context, status=status
    )


def index_view(request):
    """The desk in the translator's first language, or in the language of the admin."""
    if not may_use_desk(request.user):
        raise PermissionDenied
    mine = translator_languages(request.user)
    code = mine[0] if mine else translation.get_language() or settings.LANGUAGE_CODE
    return redirect("translations:desk", code.split("-")[0])


def _query(request):
    return f"?{request.GET.urlencode()}" if request.GET else ""


# The side-by-side editor -----------------------------------------------------------


def words(text):
    return re.findall(r"\s+|[^\s]+", text or "")


def source_diff(old, new, rich=False):
    """HTML of what changed from `old` to `new`, word by word: escaped, <del> and <ins>."""
    if rich:
        old, new = strip_tags(old or ""), strip_tags(new or "")
    before, after = words(old), words(new)
    parts = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for operation, a1, a2, b1, b2 in matcher.get_opcodes():
        if operation == "equal":
            parts.append(escape("".join(before[a1:a2])))
            continue
        if a2 > a1:
            parts.append(f"<del>{escape(''.join(before[a1:a2]))}</del>")
        if b2 > b1:
            parts.append(f"<ins>{escape(''.join(after[b1:b2]))}</ins>")
    return mark_safe("".join(parts))  # every piece of text above is escaped


def base_from_history(obj, field, code):
    """The source text the translation was made from, found among the item's versions."""
    entry = (obj.translation_freshness or {}).get("fields", {}).get(field, {}).get(code) or {}
    wanted = entry.get("src")
    if not wanted:
        return None
    name = f"{field}_{freshness.source_of(obj)}"
    for version in Version.objects.get_for_object(obj).only("serialized_data", "format")[:50]:
        try:
            text = version.field_dict.get(name)
        except Exception:  # a version from before a schema change that no longer loads
            continue
        if freshness.fingerprint(text) == wanted:
            return text
    return None


class TranslationForm(forms.Form):
    """The target language's texts of one item, and a "still correct" box per outdated one."""

    loaded_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, obj, code, **kwargs):
        super().__init__(*args, **kwargs)
        self.obj, self.code = obj, code
        self.tracked = freshness.tracked_fields(type(obj))
        for field in self.tracked:
            model_field = obj._meta.get_field(f"{field}_{code}")
            attrs = {"lang": code, "dir": direction(code)}
            if field in RICH_TEXT:
                widget = AdminProseEditorWidget(
                    config=_body_editor(), preset="configurable", attrs=attrs
                )
            elif isinstance(model_field, models.TextField):
                widget = forms.Textarea(attrs={**attrs, "rows": 4})
            else:
                widget = forms.TextInput(attrs={**attrs, "class": "vTextField"})
            self.fields[field] = forms.CharField(
                label=model_field.verbose_name,
                required=False,
                max_length=model_field.max_length,
                widget=widget,
                initial=getattr(obj, f"{field}_{code}"),
            )
            if freshness.state(obj, field, code) == OUTDATED:
                self.fields[f"confirm_{field}"] = forms.BooleanField(
                    label=_("Still correct: mark as current"), required=False
                )
        self.initial["loaded_version"] = _version_of(obj)

    def clean(self):
        cleaned_data = super().clean()
        if self.is_bound and cleaned_data.get("loaded_version") != _version_of(
            type(self.obj).objects.get(pk=self.obj.pk)
        ):
            raise ValidationError(
                _("Someone else saved this item after you opened it. Reload the page, then save."),
                code="edit_conflict",
            )
        for field in self.tracked:
            setattr(self.obj, f"{field}_{self.code}", cleaned_data.get(field) or "")
        names = {f"{field}_{self.code}" for field in self.tracked}
        others = [f.name for f in self.obj._meta.fields if f.name not in names]
        try:
            self.obj.full_clean(exclude=others)
        except ValidationError as error:
            for name, problems in error.message_dict.items():
                base = name[: -len(self.code) - 1] if name in names else None
                self.add_error(base if base in self.fields else None, problems)
        return cleaned_data

    def save(self, user):
        """Store the texts (current from now on) and the confirmations, as a version."""
        obj = self.obj
        confirmed = [
            field
            for field in self.tracked
            if self.cleaned_data.get(f"confirm_{field}") and field not in self.changed_data
        ]
        for field in confirmed:
            freshness.confirm(obj, field, self.code)
        with reversion.create_revision():
            obj.save()
            reversion.set_user(user)
            reversion.set_comment(
                gettext("Translation into %(language)s updated on the translation desk.")
                % {"language": language_name(self.code)}
            )
        return confirmed


def _version_of(obj):
    stamp = getattr(obj, "updated_at", None)
    return stamp.isoformat() if stamp else freshness.fingerprint(repr(obj.translation_freshness))


def _body_editor():
    from .admin import BODY_EDITOR

    return BODY_EDITOR


def edit_view(request, code, kind, pk):
    model = KINDS.get(kind)
    if model is None or code not in dict(settings.LANGUAGES):
        raise Http404("No such kind of item or language.")
    if not may_translate(request.user, model, code):
        raise PermissionDenied
    obj = get_object_or_404(model, pk=pk)
    source = freshness.source_of(obj)
    is_source = code == source
    if request.method == "POST":
        if is_source:
            raise PermissionDenied  # the source is edited in its change form
        form = TranslationForm(request.POST, obj=obj, code=code)
        if form.is_valid():
            confirmed = form.save(request.user)
            admin.site._registry[model].log_change(
                request,
                obj,
                gettext("Translation into %(language)s updated.")
                % {"language": language_name(code)},
            )
            messages.success(
                request,
                gettext("Saved. %(count)d text(s) confirmed as still correct.")
                % {"count": len(confirmed)}
                if confirmed
                else gettext("Saved."),
            )
            return redirect(reverse("translations:edit", args=[code, kind, pk]))
    else:
        form = TranslationForm(obj=obj, code=code)
    rows = []
    for field in freshness.tracked_fields(model):
        value = freshness.state(obj, field, code)
        old = None
        if value == OUTDATED:
            old = freshness.base_text(obj, field, code)
            if old is None:
                old = base_from_history(obj, field, code)
        source_text = getattr(obj, f"{field}_{source}") or ""
        rows.append(
            {
                "name": field,
                "label": label(model, field),
                "state": value,
                "state_label": STATE_LABELS.get(value, ""),
                "source_text": source_text,
                "rich": field in RICH_TEXT,
                "diff": source_diff(old, source_text, field in RICH_TEXT)
                if old is not None
                else None,
                "diff_unknown": value == OUTDATED and old is None,
                "changed_at": freshness.source_changed_at(obj, field),
                "field": None if is_source else form[field],
                "confirm": form[f"confirm_{field}"] if f"confirm_{field}" in form.fields else None,
            }
        )
    context = {
        **admin.site.each_context(request),
        "title": gettext("Translate into %(language)s: %(item)s")
        % {"language": language_name(code), "item": obj},
        "obj": obj,
        "opts": model._meta,
        "code": code,
        "dir": direction(code),
        "source": source,
        "source_dir": direction(source),
        "source_name": language_name(source),
        "target_name": language_name(code),
        "is_source": is_source,
        "form": form,
        "rows": rows,
        "media": form.media,
        "desk_url": reverse("translations:desk", args=[code]),
        "change_url": reverse(f"admin:news_{kind}_change", args=[obj.pk]),
    }
    return TemplateResponse(request, "admin/news/translation_desk/edit.html", context)


def status_table(obj):
    """HTML of every tracked field's state in each language (the change form shows it)."""
    codes = [code for code, _name in settings.LANGUAGES]
    model_name = type(obj)._meta.model_name
    head = format_html_join(
        "",
        '<th scope="col"><a href="{}">{}</a></th>',
        (
            (reverse("translations:edit", args=[code, model_name, obj.pk]), language_name(code))
            for code in codes
        ),
    )

    def cells(field):
        return format_html_join(
            "",
            '<td><span class="translation-state translation-state--{}">{}</span></td>',
            (
                (value or "none", STATE_LABELS.get(value, "—"))
                for value in (freshness.state(obj, field, code) for code in codes)
            ),
        )

    rows = format_html_join(
        "",
        '<tr><th scope="row">{}</th>{}</tr>',
        ((label(type(obj), field), cells(field)) for field in freshness.tracked_fields(type(obj))),
    )
    return format_html(
        '<table class="translation-status"><thead><tr><td></td>{}</tr></thead>'
        "<tbody>{}</tbody></table>",
        head,
        rows,
    )


app_name = "translations"
urlpatterns = [
    path("", admin.site.admin_view(index_view), name="index"),
    path("<str:code>/", admin.site.admin_view(desk_view), name="desk"),
    path(
        "<str:code>/<str:kind>/<int:pk>/",
        admin.site.admin_view(edit_view),
        name="edit",
    ),
]
