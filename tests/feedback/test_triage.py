"""Triage of visitors' comments: states, assignees, notes, who may do it, what reports count."""

from urllib.parse import unquote

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from feedback.models import Rating
from feedback.pages import describe
from tests.factories import make_article, make_partner
from tests.feedback.factories import feedback_owners, make_rating, make_staff

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:feedback_rating_changelist"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def comments():
    return [
        make_rating(1, comment="The search finds nothing"),
        make_rating(2, comment="Too slow"),
        make_rating(5, comment="You are all idiots"),
        make_rating(4),
    ]


@pytest.fixture
def owner(client):
    """Staff in the "Feedback owners" group the data migration made."""
    user = make_staff("owner")
    user.groups.add(feedback_owners())
    client.force_login(user)
    return user


def act(client, action, ratings):
    return client.post(
        reverse(CHANGELIST),
        {"action": action, "_selected_action": [rating.pk for rating in ratings]},
        follow=True,
    )


def test_the_feedback_owners_group_may_triage():
    """The data migration made the group, holding the triage permission."""
    group = Group.objects.get(name="Feedback owners")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"view_rating", "triage_rating", "add_improvement"} <= codenames
    assert "delete_rating" not in codenames


def test_bulk_actions_set_the_state_and_the_assignee(client, owner, comments):
    """An owner marks comments read, acted on and abusive, and takes two of them."""
    response = act(client, "mark_read", comments[:2])
    assert "2 marked “Read”." in response.text
    act(client, "mark_acted_on", comments[1:2])
    act(client, "mark_abusive", comments[2:3])
    act(client, "assign_to_me", comments[:2])

    states = dict(Rating.objects.values_list("comment", "state"))
    assert states == {
        "The search finds nothing": "read",
        "Too slow": "acted-on",
        "You are all idiots": "abusive",
        "": "new",
    }
    assert set(Rating.objects.filter(assignee=owner).values_list("pk", flat=True)) == {
        comments[0].pk,
        comments[1].pk,
    }
    assert Rating.objects.exclude(triaged_at=None).count() == 3


def test_the_change_form_edits_only_the_triage_fields(client, owner, comments):
    """State, assignee and note are saved; the visitor's words cannot be changed."""
    rating = comments[0]
    url = reverse("admin:feedback_rating_change", args=[rating.pk])
    form = client.get(url).text
    assert 'name="state"' in form and 'name="note"' in form
    assert 'name="comment"' not in form and 'name="score"' not in form
    client.post(
        url,
        {"state": "not-actionable", "assignee": owner.pk, "note": "Duplicate", "comment": "x"},
    )
    rating.refresh_from_db()
    assert (rating.state, rating.assignee, rating.note, rating.comment) == (
        "not-actionable",
        owner,
        "Duplicate",
        "The search finds nothing",
    )


def test_viewers_without_the_permission_cannot_triage(client, comments):
    """Staff who may only view ratings get no actions and no editable form."""
    client.force_login(make_staff(permissions=["feedback.view_rating"]))
    changelist = client.get(reverse(CHANGELIST)).text
    assert "mark_read" not in changelist
    act(client, "mark_abusive", comments)
    assert not Rating.objects.filter(state="abusive").exists()
    rating = comments[0]
    client.post(reverse("admin:feedback_rating_change", args=[rating.pk]), {"state": "abusive"})
    rating.refresh_from_db()
    assert rating.state == "new"


def test_filters_find_new_comments(client, owner, comments):
    """Filtering on state and on having a comment lists the untriaged comments only."""
    act(client, "mark_read", comments[:1])
    page = client.get(reverse(CHANGELIST) + "?state__exact=new&commented=yes").text
    assert "Too slow" in page and "You are all idiots" in page
    assert "The search finds nothing" not in page


def test_abusive_comments_leave_the_report_and_the_export(client, owner, comments):
    """Once marked abusive, a rating counts nowhere: not in figures, comments or CSV."""
    act(client, "mark_abusive", comments[2:3])
    report = client.get(reverse("admin:feedback_rating_report")).text
    export = b"".join(client.get(reverse("admin:feedback_rating_export")).streaming_content)
    assert "You are all idiots" not in report
    assert "You are all idiots" not in export.decode()
    assert Rating.objects.reportable().summary()["count"] == 3
    assert export.decode().count("\n") == 1 + 3


def test_admin_index_counts_new_comments(client, owner, comments):
    """The admin's home page says how many comments wait, linking to them."""
    assert "3 new visitor comments to triage" in client.get(reverse("admin:index")).text
    act(client, "mark_read", comments)
    assert "No new visitor comments." in client.get(reverse("admin:index")).text


def test_article_change_page_counts_its_new_comments(client):
    """An editor of the article sees how many of its pages' comments are new."""
    article = make_article()
    with translation.override("fr"):
        path = unquote(article.get_absolute_url())
    make_rating(2, "fr", path, comment="Lien cassé")
    make_rating(2, "fr", path, comment="Trop long", state="read")
    make_rating(2, "fr", path, comment="Abusive words", state="abusive")
    client.force_login(make_staff(permissions=["news.change_article", "news.view_article"]))
    page = client.get(reverse("admin:news_article_change", args=[article.pk])).text
    assert "1 new comment on these pages." in page
    assert "Lien cassé" in page and "Abusive words" not in page


def test_describer_names_pages_in_the_reports_language_in_few_queries():
    """Titles in the language asked for, admin links, and a bounded number of queries."""
    articles = [make_article() for _n in range(5)]
    partner = make_partner()
    paths = []
    for article in articles:
        with translation.override("ar"):
            paths.append(unquote(article.get_absolute_url()))
    paths += [f"/fr/partners/{partner.slug}/", "/en/agreements/", "/en/no/such/page/"]
    with CaptureQueriesContext(connection) as queries:
        pages = describe(paths, "fr")
    assert len(queries) <= 3
    assert pages[paths[0]]["title"] == articles[0].title_fr
    with translation.override("fr"):
        edit = reverse("admin:news_article_change", args=[articles[0].pk])
    assert pages[paths[0]]["admin_url"] == edit
    assert pages[f"/fr/partners/{partner.slug}/"]["title"] == partner.name_fr
    assert pages["/en/agreements/"]["title"] == "Accords"
    assert pages["/en/no/such/page/"]["title"] == ""
