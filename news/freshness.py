"""
How fresh each translation is: per translated field and language, which
language it was made from and which version of the source text it matches.

Everything lives on the row itself, in two fields each translated model has:
`source_language` (the language the item was first written in, editable) and
`translation_freshness` (a JSON document, never edited by hand). Keeping it on
the row means pages read it with the object (no query of its own), any save
keeps it up to date, and django-reversion versions it with the texts: reverting
a version brings back the freshness that went with it (a revert saves raw, so
`record()` does not run and the stored document is restored as it was).

The document::

    {
      "source": "en",                       # the source it was computed for
      "fields": {
        "title": {
          "en": {"h": "<hash>", "at": "<iso>"},                 # the source's text
          "fr": {"h": "<hash>", "at": "<iso>", "from": "en",
                 "src": "<hash of the English text it matches>",
                 "stale": "<iso: when the source moved past it>"},
        },
      },
      "base": {"title": {"<hash>": "<source text a translation was made from>"}},
      "outdated": {"fr": "<iso: oldest stale field>"},       # for filters and the desk
    }

A field's reference is the item's source language when that language has text
for the field (otherwise every text of the field is current: there is nothing
to be stale against). "base" keeps an old source text only while some
translation still refers to it, so that the translator sees what changed.
"""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

LANGUAGES = [code for code, _name in settings.LANGUAGES]
MISSING, OUTDATED, CURRENT = "missing", "outdated", "current"
STATE_LABELS = {MISSING: _("missing"), OUTDATED: _("outdated"), CURRENT: _("current")}
# Fields a reader's notice is about: what the page shows as text. Slugs are
# tracked (the desk lists them) but an outdated slug does not mislead anyone.
NOT_READ = {"slug"}


def source_language_field():
    return models.CharField(
        _("source language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_(
            "The language this item was first written in; the other languages are "
            "translations of it, marked outdated when it changes."
        ),
    )


def freshness_field():
    return models.JSONField(_("translation freshness"), default=dict, blank=True, editable=False)


def tracked_fields(model):
    """The translated fields of `model`, as registered with modeltranslation."""
    from modeltranslation.translator import NotRegistered, translator

    try:
        return list(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return []


def fingerprint(text):
    """A short hash of `text`, blind to runs of white space (editors reflow HTML)."""
    normal = " ".join((text or "").split())
    return hashlib.sha256(normal.encode()).hexdigest()[:16] if normal else None


def _now():
    return timezone.now().isoformat()


def _text(obj, field, code):
    return getattr(obj, f"{field}_{code}", None) or ""


def first_language(obj, fields=None):
    """The language an item is taken to be written in when nobody said."""
    fields = fields or tracked_fields(type(obj))
    # The item's name is what it is first written with; never rely on the
    # order in which the translated fields happen to be listed.
    primary = [name for name in ("title", "name") if name in fields][:1] or list(fields)
    written = [code for code in LANGUAGES if any(_text(obj, f, code) for f in primary)]
    if settings.LANGUAGE_CODE in written:
        return settings.LANGUAGE_CODE
    return written[0] if written else settings.LANGUAGE_CODE


class TracksFreshness:
    """Model mixin: every save brings the translation freshness up to date."""

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        fields = tracked_fields(type(self))
        deferred = self.get_deferred_fields()
        texts = {f"{field}_{code}" for field in fields for code in LANGUAGES}
        relevant = (
            update_fields is None
            or texts & set(update_fields)
            or ("source_language" in update_fields)
        )
        if relevant and not texts & deferred:
            record(self)
            if update_fields is not None:
                kwargs["update_fields"] = {
                    *update_fields,
                    "source_language",
                    "translation_freshness",
                }
        super().save(*args, **kwargs)
        remember_loaded(self)

    @classmethod
    def from_db(cls, db, field_names, values):
        obj = super().from_db(db, field_names, values)
        remember_loaded(obj)
        return obj


def record(obj, now=None, fields=None):
    """Update `obj.translation_freshness` for the texts it now holds (not saved).

    `fields`: the translated fields, for models modeltranslation does not know
    (a migration's historical ones).
    """
    now = now or _now()
    fields = fields or tracked_fields(type(obj))
    if not obj.source_language:
        obj.source_language = first_language(obj, fields)
    doc = dict(obj.translation_freshness or {})
    recorded = doc.setdefault("fields", {})
    base = doc.setdefault("base", {})
    old_source = doc.get("source") or obj.source_language
    source = obj.source_language
    for field in fields:
        entries = recorded.setdefault(field, {})
        was_current = {code: _is_current(doc, field, code, old_source) for code in entries}
        hashes = {code: fingerprint(_text(obj, field, code)) for code in LANGUAGES}
        edited = {code for code in LANGUAGES if hashes[code] != entries.get(code, {}).get("h")}
        old_reference = entries.get(old_source, {})
        for code in LANGUAGES:
            if hashes[code] is None:
                entries.pop(code, None)
            elif code in edited:
                entries[code] = {"h": hashes[code], "at": now}
        if hashes[source] is None:
            # Nothing to translate from: every text of this field stands on its own.
            for entry in entries.values():
                _forget_source(entry)
            base.pop(field, None)
            continue
        reference = entries[source]
        _forget_source(reference)
        if source != old_source:
            # Another language became the source: what was in step stays in step,
            # the rest is outdated against a text we no longer know.
            base.pop(field, None)
            for code, entry in entries.items():
                if code == source:
                    continue
                if code in edited or (was_current.get(code) and was_current.get(source)):
                    _in_step(entry, source, reference)
                else:
                    entry.update({"from": source, "src": None, "stale": now})
            continue
        source_edited = source in edited
        for code, entry in entries.items():
            if code == source:
                continue
            if code in edited:
                _in_step(entry, source, reference)
            elif source_edited and entry.get("src") == old_reference.get("h"):
                entry.setdefault("stale", now)
                if old_reference:
                    base.setdefault(field, {})[old_reference["h"]] = _old_text(
                        obj, field, source, old_reference, base
                    )
        _prune(base, field, entries, reference)
    doc["source"] = source
    _summarize(doc)
    obj.translation_freshness = doc
    return doc


def _old_text(obj, field, source, old_reference, base):
    # The text before this save: the loaded copy of it if the object holds one.
    loaded = getattr(obj, "_loaded_texts", {}).get(f"{field}_{source}")
    if loaded is not None and fingerprint(loaded) == old_reference["h"]:
        return loaded
    return base.get(field, {}).get(old_reference["h"])


def _forget_source(entry):
    for key in ("from", "src", "stale"):
        entry.pop(key, None)


def _in_step(entry, source, reference):
    entry.update({"from": source, "src": reference["h"]})
    entry.pop("stale", None)


def _prune(base, field, entries, reference):
    wanted = {e.get("src") for c, e in entries.items() if e is not reference}
    kept = {h: t for h, t in base.get(field, {}).items() if h in wanted and t is not None}
    if kept:
        base[field] = kept
    else:
        base.pop(field, None)


def _is_current(doc, field, code, source):
    entries = doc.get("fields", {}).get(field, {})
    reference = entries.get(source)
    entry = entries.get(code)
    if entry is None:
        return False
    if reference is None or code == source:
        return True
    return entry.get("src") == reference.get("h")


def _summarize(doc):
    outdated = {}
    for field, entries in doc["fields"].items():
        for code, entry in entries.items():
            if not _is_current(doc, field, code, doc["source"]):
                since = entry.get("stale") or entry.get("at")
                outdated[code] = min(filter(None, [outdated.get(code), since]))
    doc["outdated"] = outdated


def remember_loaded(obj):
    """Keep the source texts as loaded, so that an edit can keep the old one for the diff."""
    source = obj.__dict__.get("source_language")
    if not source:
        return
    obj._loaded_texts = {
        f"{field}_{source}": obj.__dict__.get(f"{field}_{source}")
        for field in tracked_fields(type(obj))
        if f"{field}_{source}" in obj.__dict__
    }


# Reading ----------------------------------------------------------------------


def source_of(obj):
    return (obj.translation_freshness or {}).get("source") or obj.source_language


def state(obj, field, code):
    """MISSING, OUTDATED or CURRENT for `field` in `code` (None: no language has it)."""
    if not _text(obj, field, code):
        if any(_text(obj, field, other) for other in LANGUAGES):
            return MISSING
        return None
    doc = obj.translation_freshness or {}
    if field not in doc.get("fields", {}):
        return CURRENT  # never recorded (not saved since): nothing known against it
    return CURRENT if _is_current(doc, field, code, source_of(obj)) else OUTDATED


def states(obj, code, fields=None):
    """{field: state} in `code` for the tracked fields (or `fields`), skipping n/a ones."""
    found = {}
    for field in fields or tracked_fields(type(obj)):
        value = state(obj, field, code)
        if value is not None:
            found[field] = value
    return found


def source_changed_at(obj, field):
    """When the source text of `field` was last changed (None when unknown)."""
    entry = (obj.translation_freshness or {}).get("fields", {}).get(field, {}).get(source_of(obj))
    return parse_datetime(entry["at"]) if entry and entry.get("at") else None


def base_text(obj, field, code):
    """The source text the translation of `field` in `code` was made from (None if unknown)."""
    doc = obj.translation_freshness or {}
    entry = doc.get("fields", {}).get(field, {}).get(code) or {}
    reference = doc.get("fields", {}).get(field, {}).get(source_of(obj)) or {}
    if entry.get("src") is None:
        return None
    if entry["src"] == reference.get("h"):
        return _text(obj, field, source_of(obj))
    return doc.get("base", {}).get(field, {}).get(entry["src"])


def outdated_languages(obj):
    return set((obj.translation_freshness or {}).get("outdated", {}))


def reader_notice(obj, code, fields):
    """
    What a reader of `obj` in `code` is told when its text there is outdated:
    {"source": code of the original, "changed_at": datetime}, or None.
    """
    source = source_of(obj)
    if code == source or code not in outdated_languages(obj):
        return None
    outdated = [
        field for field in fields if field not in NOT_READ and state(obj, field, code) == OUTDATED
    ]
    if not outdated:
        return None
    changed = [source_changed_at(obj, field) for field in outdated]
    return {"source": source, "changed_at": max(filter(None, changed), default=None)}


# Writing ----------------------------------------------------------------------


def confirm(obj, field, code, now=None):
    """A translator says the text of `field` in `code` is still correct (not saved)."""
    doc = obj.translation_freshness or {}
    entries = doc.get("fields", {}).get(field, {})
    reference = entries.get(source_of(obj))
    entry = entries.get(code)
    if entry is None or reference is None or code == source_of(obj):
        return False
    _in_step(entry, source_of(obj), reference)
    entry["confirmed"] = now or _now()
    _prune(doc.setdefault("base", {}), field, entries, reference)
    _summarize(doc)
    obj.translation_freshness = doc
    return True


def baseline(obj, now=None, fields=None):
    """Freshness for an item whose history is unknown: every text current (not saved)."""
    obj.translation_freshness = {}
    record(obj, now=now, fields=fields)
    return obj.translation_freshness
