"""Builders for ratings and for the people who read them in the admin."""

import datetime
import itertools
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from feedback.models import Rating

_sequence = itertools.count(1)
LOCAL = ZoneInfo(settings.TIME_ZONE)


def fingerprint(n=None):
    """A browser fingerprint easy to look for in a page: it must never appear."""
    n = next(_sequence) if n is None else n
    return f"fp{n:062x}"


def at(day, hour=12):
    """Noon (or `hour`) of `day` at the organization's seat, as an aware datetime."""
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=LOCAL)


def make_rating(score=5, language="en", path=None, day=None, **fields):
    """A saved rating; `day` (a date) sets its time to noon of that day, local time."""
    data = {
        "score": score,
        "language": language,
        "path": path or f"/{language}/",
        "browser": fingerprint(),
    }
    if day is not None:
        data["created_at"] = at(day)
    data.update(fields)
    return Rating.objects.create(**data)


def make_staff(username="editor", permissions=(), **fields):
    """A staff user holding `permissions` ("app_label.codename")."""
    user = get_user_model().objects.create_user(
        username=username, password=None, is_staff=True, **fields
    )
    for name in permissions:
        app_label, codename = name.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return user


def feedback_owners():
    """The group of feedback/migrations/0003: made again if a transactional test flushed it."""
    from importlib import import_module

    from django.apps import apps
    from django.contrib.auth.models import Group

    import_module("feedback.migrations.0003_feedback_owners_group").create_group(apps, None)
    return Group.objects.get(name="Feedback owners")
