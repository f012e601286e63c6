"""The agreements' lifecycle: renewal chains, "current only", the ending-soon page, the calendar."""

import csv
import datetime
import io
import json

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from icalendar import Calendar

from news.models import Agreement
from tests.factories import make_agreement, make_article, make_category, make_partner

pytestmark = pytest.mark.django_db


def renewal(previous, relation=Agreement.Relation.RENEWS, **fields):
    return make_agreement(previous=previous, relation=relation, **fields)


@pytest.fixture
def chain():
    """A 2015 agreement, renewed in 2020, whose renewal was replaced last month."""
    today = timezone.localdate()
    first = make_agreement(title_en="First", signed_on=datetime.date(2015, 1, 10))
    second = renewal(first, title_en="Second", signed_on=datetime.date(2020, 1, 10))
    third = renewal(
        second,
        Agreement.Relation.REPLACES,
        title_en="Third",
        signed_on=today - datetime.timedelta(days=30),
    )
    return first, second, third


# Rules --------------------------------------------------------------------------


def test_an_agreement_cannot_renew_itself(chain):
    """Naming an agreement as its own earlier one is refused by clean() and by the database."""
    first, _second, _third = chain
    first.previous, first.relation = first, Agreement.Relation.RENEWS
    with pytest.raises(ValidationError) as error:
        first.full_clean()
    assert "previous" in error.value.message_dict or "__all__" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        Agreement.objects.filter(pk=first.pk).update(previous=first.pk, relation="renews")


def test_a_cycle_through_other_agreements_is_refused(chain):
    """The first agreement cannot renew the third, which already descends from it."""
    first, _second, third = chain
    first.previous, first.relation = third, Agreement.Relation.RENEWS
    with pytest.raises(ValidationError) as error:
        first.full_clean()
    assert "even through others" in str(error.value.message_dict["previous"])


def test_relation_and_earlier_agreement_go_together(chain):
    """A relation without an earlier agreement (or the reverse) is refused, in both layers."""
    first, second, _third = chain
    lone = make_agreement()
    lone.relation = Agreement.Relation.RENEWS
    with pytest.raises(ValidationError) as error:
        lone.full_clean()
    assert "previous" in error.value.message_dict
    lone.relation, lone.previous = "", first
    with pytest.raises(ValidationError) as error:
        lone.full_clean()
    assert "relation" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        Agreement.objects.filter(pk=second.pk).update(relation="")


# Public pages and open data ---------------------------------------------------------


def test_both_records_show_the_chain(client, chain):
    """The renewal names the agreement it renews, and the renewed one names its renewal."""
    first, second, third = chain
    page = client.get(f"/en/agreements/{second.pk}/").content.decode()
    assert f'Renews: <a href="/en/agreements/{first.pk}/"' in page
    assert f'Replaced by: <a href="/en/agreements/{third.pk}/"' in page
    page = client.get(f"/fr/agreements/{first.pk}/").content.decode()
    assert f'Renouvelé par : <a href="/fr/agreements/{second.pk}/"' in page


def test_the_chain_leaves_out_agreements_the_public_cannot_see(client, chain):
    """A successor announced by a draft article is not linked from the page."""
    _first, second, third = chain
    draft = make_article(make_category(), status="draft")
    third.article = draft
    third.save()
    page = client.get(f"/en/agreements/{second.pk}/").content.decode()
    assert "Replaced by" not in page
    assert f"/en/agreements/{third.pk}/" not in page


def test_current_only_filter(client, chain):
    """ "Current only" keeps agreements in force that no later visible agreement renews."""
    first, second, third = chain
    expired = make_agreement(title_en="Long over", signed_on=datetime.date(2001, 1, 1))
    standalone = make_agreement(title_en="Standalone", signed_on=timezone.localdate())
    assert set(Agreement.objects.current()) == {third, standalone}
    page = client.get("/en/agreements/", {"current": "on"}).content.decode()
    assert "Standalone" in page and ">Third<" in page
    assert ">Second<" not in page and ">First<" not in page and "Long over" not in page
    assert expired.title_en not in page
    data = json.loads(client.get("/en/agreements.json?current=on").content)
    assert {item["id"] for item in data["agreements"]} == {third.pk, standalone.pk}


def test_open_data_links_the_chain(client, chain):
    """JSON and CSV records name the earlier and the later agreement of each one."""
    first, second, third = chain
    data = json.loads(client.get("/en/agreements.json").content)
    records = {item["id"]: item for item in data["agreements"]}
    assert records[first.pk]["follows"] is None
    assert records[first.pk]["followed_by"] == second.pk
    assert records[first.pk]["followed_by_relation"] == "renews"
    assert records[second.pk]["follows"] == first.pk
    assert records[second.pk]["follows_relation"] == "renews"
    assert records[second.pk]["followed_by_relation"] == "replaces"
    assert records[third.pk]["follows_relation"] == "replaces"
    assert records[third.pk]["followed_by"] is None
    text = client.get("/en/agreements.csv").content.decode("utf-8-sig")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(text, newline=""))}
    assert rows[str(second.pk)]["follows"] == str(first.pk)
    assert rows[str(second.pk)]["follows_relation"] == "renews"
    assert rows[str(second.pk)]["followed_by"] == str(third.pk)
    assert rows[str(second.pk)]["followed_by_relation"] == "replaces"
    assert rows[str(first.pk)]["follows"] == ""


# The ending-soon page ---------------------------------------------------------------


@pytest.fixture
def partnerships_office(db):
    from importlib import import_module

    from django.apps import apps

    import_module("news.migrations.0010_partnerships_office").create_groups(apps, None)
    user = User.objects.create_user("office", is_staff=True)
    user.groups.add(Group.objects.get(name="Partnerships office"))
    return user


@pytest.fixture
def ending():
    today = timezone.localdate()
    unesco = make_partner(name_en="Regional Center", acronym_en="RC")
    soon = make_agreement(
        title_en="Ends in a month",
        partners=[unesco],
        signatories=[("Dr. Amal", "Director", unesco)],
        signed_on=today - datetime.timedelta(days=400),
        ends_on=today + datetime.timedelta(days=30),
    )
    news = make_article(make_category(), title_en="Center visit")
    make_agreement(partners=[unesco], article=news, signed_on=datetime.date(2010, 1, 1))
    make_agreement(
        title_en="Ends next year",
        signed_on=today - datetime.timedelta(days=10),
        ends_on=today + datetime.timedelta(days=200),
    )
    return soon


def test_expiring_page_lists_agreements_within_the_window(client, partnerships_office, ending):
    """The office sees what ends within 90 days, with partners, signatories and the latest news."""
    client.force_login(partnerships_office)
    page = client.get("/en/admin/news/agreement/expiring/").content.decode()
    assert "Ends in a month" in page and "Ends next year" not in page
    assert "Regional Center" in page and "Dr. Amal, Director (RC)" in page
    assert "Center visit" in page
    assert "in 30 days" in page
    page = client.get("/en/admin/news/agreement/expiring/", {"days": "365"}).content.decode()
    assert "Ends next year" in page
    assert '<option value="365" selected>' in page


def test_expiring_page_in_arabic_and_a_wrong_window(client, partnerships_office, ending):
    """A window that is not offered falls back to the default; the page speaks Arabic."""
    client.force_login(partnerships_office)
    page = client.get("/ar/admin/news/agreement/expiring/", {"days": "junk"}).content.decode()
    assert "اتفاقيات تنتهي قريبًا" in page
    assert ending.title_ar in page and "خلال 30 يومًا" in page
    assert "Ends next year" not in page and "اتفاقية" in page


def test_expiring_page_needs_the_permission(client, ending):
    """A staff member without the partnerships permission gets a 403, not the list."""
    editor = User.objects.create_user("editor", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="view_agreement"))
    client.force_login(editor)
    response = client.get("/en/admin/news/agreement/expiring/")
    assert response.status_code == 403
    assert b"Ends in a month" not in response.content
    changelist = client.get("/en/admin/news/agreement/").content.decode()
    assert "expiring/" not in changelist


def test_admin_change_page_shows_the_chain(admin_client, chain):
    """The admin's change page says what the agreement renews and what replaced it."""
    first, second, third = chain
    page = admin_client.get(f"/en/admin/news/agreement/{second.pk}/change/").content.decode()
    assert f'Renews: <a href="/en/admin/news/agreement/{first.pk}/change/">First</a>' in page
    assert f'Replaced by: <a href="/en/admin/news/agreement/{third.pk}/change/">Third</a>' in page


# The calendar ------------------------------------------------------------------------


@pytest.fixture
def calendar_records():
    partner = make_partner(name_en="Center; of, Excellence", name_fr="Centre d'excellence")
    dated = make_agreement(
        partners=[partner],
        title_en="Quality, and excellence",
        title_fr="Qualité et excellence",
        signed_on=datetime.date(2024, 3, 5),
        duration_years=2,
    )
    open_ended = make_agreement(
        title_en="Open-ended", signed_on=datetime.date(2022, 6, 1), duration_years=None
    )
    hidden = make_agreement(
        title_en="Announced by a draft",
        article=make_article(make_category(), status="draft"),
    )
    return dated, open_ended, hidden


def read_calendar(response):
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    calendar.validate()
    return calendar


def test_calendar_holds_signings_and_end_dates(client, calendar_records):
    """One all-day event per signing and per end date of visible agreements, escaped text."""
    dated, open_ended, hidden = calendar_records
    calendar = read_calendar(client.get("/en/agreements.ics"))
    events = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    assert set(events) == {
        f"agreement-{dated.pk}-signed-en@testserver",
        f"agreement-{dated.pk}-ends-en@testserver",
        f"agreement-{open_ended.pk}-signed-en@testserver",
    }
    signed = events[f"agreement-{dated.pk}-signed-en@testserver"]
    assert signed.start == datetime.date(2024, 3, 5)
    assert signed.end == datetime.date(2024, 3, 6)
    assert signed["SUMMARY"] == "Signed: Quality, and excellence"
    assert "Center; of, Excellence" in signed["DESCRIPTION"]
    assert str(signed["URL"]) == f"http://testserver/en/agreements/{dated.pk}/"
    assert signed["DTSTAMP"].dt == dated.updated_at.replace(microsecond=0)
    ends = events[f"agreement-{dated.pk}-ends-en@testserver"]
    assert ends.start == datetime.date(2026, 3, 4)
    assert ends["SUMMARY"] == "Ends: Quality, and excellence"
    # Commas and semicolons are escaped in the file itself.
    assert b"SUMMARY:Signed: Quality\\, and excellence" in client.get("/en/agreements.ics").content
    assert str(hidden.pk) not in "".join(events)


def test_calendar_is_in_the_language_of_its_address(client, calendar_records):
    """The French calendar speaks French, with French UIDs and addresses."""
    dated, _open_ended, _hidden = calendar_records
    calendar = read_calendar(client.get("/fr/agreements.ics"))
    assert "accords" in str(calendar["X-WR-CALNAME"])
    event = next(
        e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith(f"agreement-{dated.pk}-s")
    )
    assert event["SUMMARY"] == "Signature : Qualité et excellence"
    assert "Signé le 5 mars 2024" in event["DESCRIPTION"]
    assert str(event["URL"]).endswith(f"/fr/agreements/{dated.pk}/")
    arabic = read_calendar(client.get("/ar/agreements.ics"))
    assert any("توقيع" in str(e["SUMMARY"]) for e in arabic.walk("VEVENT"))


def test_calendar_is_stable_and_follows_changes(client, calendar_records, settings):
    """The same records give the same file; a change to an agreement shows at once."""
    dated, _open_ended, _hidden = calendar_records
    first = client.get("/en/agreements.ics").content
    settings.PAGE_CACHE_SECONDS = 0
    assert client.get("/en/agreements.ics").content == first
    settings.PAGE_CACHE_SECONDS = 300
    dated.title_en = "Renamed agreement"
    dated.save()
    assert b"Renamed agreement" in client.get("/en/agreements.ics").content


def test_registry_links_the_calendar(client, calendar_records):
    """The registry page offers the calendar next to the open data files."""
    page = client.get("/fr/agreements/").content.decode()
    assert '<a href="/fr/agreements.ics" type="text/calendar">Calendrier (iCalendar)</a>' in page
