"""
The agreements registry as an iCalendar feed (RFC 5545), one per language:
`/<lang>/agreements.ics`, to which a calendar application subscribes.

Each visible agreement gives an all-day event on the day it was signed and,
when it has one, on its last day. UIDs name the agreement, the event's kind
and the language, so an application that reads the feed again updates its
events instead of adding copies; DTSTAMP is the agreement's last change, so
the same records give the same file (and the same ETag). Texts are in the
page's language with the site's fallbacks; icalendar escapes them.
"""

import datetime

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext
from icalendar import Calendar, Event

from organization import identity
from sitekit.languages import language_code, localized


def agreements_calendar(agreements, absolute, host):
    """The iCalendar text of `agreements`; `absolute` makes absolute URLs, `host` names UIDs."""
    code = language_code()
    site = identity.current()
    calendar = Calendar.new(
        name=gettext("%(site)s: agreements") % {"site": site.display_short_name},
        description=gettext("Signings and end dates of the cooperation agreements of %(site)s.")
        % {"site": site.name},
        prodid=f"-//{site.display_short_name}//Agreements//{code.upper()}",
        uid=f"agreements-{code}@{host}",
        url=absolute(reverse("news:agreement_list")),
    )
    for agreement in agreements:
        for event in events(agreement, absolute, host, code):
            calendar.add_component(event)
    return calendar.to_ical()


def events(agreement, absolute, host, code):
    title = localized(agreement, "title").text
    place = localized(agreement, "signed_in").text
    url = absolute(agreement.get_absolute_url())
    partners = get_text_list(
        [localized(partner, "name").text for partner in agreement.partners.all()],
        gettext("and"),
    )
    stamp = timezone.localtime(agreement.updated_at, datetime.UTC)
    signed = formats.date_format(agreement.signed_on, "DATE_FORMAT")
    if place:
        details = gettext("Between %(partners)s. Signed on %(date)s in %(place)s.") % {
            "partners": partners,
            "date": signed,
            "place": place,
        }
    else:
        details = gettext("Between %(partners)s. Signed on %(date)s.") % {
            "partners": partners,
            "date": signed,
        }
    yield all_day(
        uid=f"agreement-{agreement.pk}-signed-{code}@{host}",
        day=agreement.signed_on,
        stamp=stamp,
        summary=gettext("Signed: %(title)s") % {"title": title},
        description=details,
        url=url,
    )
    if agreement.expires_on:
        yield all_day(
            uid=f"agreement-{agreement.pk}-ends-{code}@{host}",
            day=agreement.expires_on,
            stamp=stamp,
            summary=gettext("Ends: %(title)s") % {"title": title},
            description=details,
            url=url,
        )


def all_day(uid, day, stamp, summary, description, url):
    # An all-day event ends (exclusively) the next day; it takes no time in
    # the subscriber's schedule.
    return Event.new(
        uid=uid,
        start=day,
        end=day + datetime.timedelta(days=1),
        stamp=stamp,
        summary=summary,
        description=description,
        url=url,
        transparency="TRANSPARENT",
    )
