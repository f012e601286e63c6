"""Changes to published articles and agreements wait for a publisher (news/pending.py)."""

import pytest
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.urls import reverse
from django.utils import translation
from reversion.models import Version

from news.models import Agreement, Article, PendingChange
from tests.factories import make_agreement, make_article, make_partner
from tests.news.test_admin import change_url, form_data, member

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("editorial_groups")]


def pending_url(article, suffix=""):
    return f"/en/admin/news/article/{article.pk}/pending/{suffix}"


def edit(client, article, **values):
    data = form_data(client, change_url(article))
    data.update(values)
    return client.post(change_url(article), data)


@pytest.fixture
def article():
    return make_article(
        title_ar="عنوان منشور", title_en="Published title", title_fr="Titre publié",
        slug_en="published-title",
    )  # fmt: skip


def test_editors_change_waits_and_visitors_see_the_published_text(editor_client, article):
    """An editor's save keeps the live row and every public page as they were, in every
    language; the change is kept, with a version in the history and a message."""
    before = {code: Client().get(f"/{code}/news/").text for code in ("ar", "en", "fr")}
    response = edit(
        editor_client, article, title_en="Corrected title", title_ar="عنوان مصحح",
        body_fr="<p>Nouveau texte</p>",
    )  # fmt: skip
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.title_ar, article.title_en) == ("عنوان منشور", "Published title")
    change = PendingChange.objects.get()
    assert change.state == "draft" and change.author.username == "editor"
    assert change.data["title_en"] == "Corrected title"
    assert change.data["body_fr"] == "<p>Nouveau texte</p>"
    for code, page in before.items():
        assert Client().get(f"/{code}/news/").text == page
    for url in ["/en/feeds/news/", "/en/search/?q=corrected", "/en/news/"]:
        assert "Corrected title" not in Client().get(url).text
    assert "Published title" in Client().get("/en/feeds/news/").text
    history = Version.objects.get_for_object(article).first()
    assert history.field_dict["title_en"] == "Corrected title"
    assert "pending change" in history.revision.comment
    followed = editor_client.get(response.url)
    assert "saved as a pending change" in followed.text


def test_the_form_edits_the_pending_version_and_keeps_one(editor_client, article):
    """A second save (another editor too) continues the one pending change."""
    edit(editor_client, article, title_en="First correction")
    other = Client()
    other.force_login(member("Editors", "editor2"))
    page = other.get(change_url(article)).text
    assert 'value="First correction"' in page and "This form shows a pending change" in page
    assert edit(other, article, summary_en="Better summary").status_code == 302
    change = PendingChange.objects.get()
    assert change.data["title_en"] == "First correction"
    assert change.data["summary_en"] == "Better summary"
    assert change.author.username == "editor2"


def test_conflict_guard_covers_the_pending_version(editor_client, article):
    """A form opened before someone saved the pending change is refused, the text kept."""
    stale = form_data(editor_client, change_url(article))
    edit(editor_client, article, title_en="First correction")
    stale["title_en"] = "Stale correction"
    response = editor_client.post(change_url(article), stale)
    assert response.status_code == 200
    assert "Someone else saved this article at" in response.text
    assert PendingChange.objects.get().data["title_en"] == "First correction"


def test_publisher_compares_and_publishes(editor_client, publisher_client, article, settings):
    """The comparison shows each changed field per language, escaped; publishing writes the
    row as a new version and the cached public page shows the new text at once."""
    settings.PAGE_CACHE_SECONDS = 300
    visitor = Client()
    assert "Published title" in visitor.get("/en/news/").text  # now cached
    edit(editor_client, article, title_en="<b>Corrected</b> title", title_fr="Titre corrigé")
    compare = publisher_client.get(pending_url(article)).text
    assert "&lt;b&gt;Corrected&lt;/b&gt;" in compare and "<b>Corrected</b>" not in compare
    assert "<del>Published</del>" in compare and "corrigé" in compare
    assert compare.index("English") < compare.index("French")
    response = publisher_client.post(pending_url(article, "decide/"), {"action": "publish"})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title_en == "<b>Corrected</b> title" and article.title_fr == "Titre corrigé"
    assert article.title_ar == "عنوان منشور"
    change = PendingChange.objects.get()
    assert change.state == "published" and change.decided_by.username == "publisher"
    assert "&lt;b&gt;Corrected&lt;/b&gt; title" in visitor.get("/en/news/").text
    assert "Published the pending change by editor" in (
        Version.objects.get_for_object(article).first().revision.comment
    )
    assert "was published by publisher" in editor_client.get(change_url(article)).text


def test_rejection_needs_a_reason_and_the_editor_sees_it(editor_client, publisher_client, article):
    """A rejection without a reason is refused; with one, the row is unchanged and the
    editor's change page says why."""
    edit(editor_client, article, title_en="Dubious claim")
    decide = pending_url(article, "decide/")
    publisher_client.post(decide, {"action": "reject", "reason": " "})
    assert PendingChange.objects.get().state == "draft"
    publisher_client.post(decide, {"action": "reject", "reason": "Not confirmed by the partner"})
    change = PendingChange.objects.get()
    assert change.state == "rejected" and change.reason == "Not confirmed by the partner"
    article.refresh_from_db()
    assert article.title_en == "Published title"
    page = editor_client.get(change_url(article)).text
    assert "was rejected by publisher" in page and "Not confirmed by the partner" in page
    assert 'value="Published title"' in page


def test_editors_crafted_posts_cannot_publish_or_reject(editor_client, article):
    """An editor may send for review, but posting publish or reject is refused (403)."""
    edit(editor_client, article, title_en="Sneaky")
    decide = pending_url(article, "decide/")
    assert editor_client.post(decide, {"action": "submit"}).status_code == 302
    assert PendingChange.objects.get().state == "review"
    for action in ("publish", "reject"):
        response = editor_client.post(decide, {"action": action, "reason": "x"})
        assert response.status_code == 403
    article.refresh_from_db()
    assert article.title_en == "Published title"
    assert PendingChange.objects.get().state == "review"
    assert editor_client.get(decide).status_code == 405


def test_editor_cannot_bypass_review(editor_client, article):
    """Neither a save without the pending button nor restoring an old version goes live."""
    response = edit(editor_client, article, title_en="Bypass", _save="Save", _continue="1")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title_en == "Published title"
    old = Version.objects.get_for_object(article).last()
    url = f"/en/admin/news/article/{article.pk}/history/{old.pk}/"
    assert editor_client.post(url, form_data(editor_client, change_url(article))).status_code == 403


def test_publisher_saves_directly_or_as_pending(publisher_client, article):
    """A publisher's plain save is live; the "Save as a pending change" button keeps it aside."""
    assert "_save_pending" in publisher_client.get(change_url(article)).text
    edit(publisher_client, article, title_en="Pending by choice", _save_pending="1")
    article.refresh_from_db()
    assert article.title_en == "Published title"
    assert PendingChange.objects.get().state == "draft"
    edit(publisher_client, article, summary_en="Live now")
    article.refresh_from_db()
    # The form showed the pending values, so saving it publishes them too.
    assert (article.title_en, article.summary_en) == ("Pending by choice", "Live now")
    assert PendingChange.objects.get().state == "published"


def test_drafts_are_edited_directly(editor_client):
    """Only published items wait: an editor's draft is saved as it is."""
    draft = make_article(status="draft", published_at=None, title_en="Draft")
    edit(editor_client, draft, title_en="Better draft")
    draft.refresh_from_db()
    assert draft.title_en == "Better draft" and not PendingChange.objects.exists()


def test_pending_version_previews_in_each_language(editor_client, article):
    """The preview with ?pending=1 shows the pending text, staff only, never cached."""
    edit(editor_client, article, title_ar="عنوان قيد المراجعة")
    with translation.override("ar"):
        url = reverse("news:preview", kwargs={"pk": article.pk})
    pending = editor_client.get(f"{url}?pending=1")
    assert "عنوان قيد المراجعة" in pending.text and pending["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in pending["Cache-Control"]
    assert "عنوان منشور" in editor_client.get(url).text
    assert Client().get(f"{url}?pending=1").status_code == 302
    compare = editor_client.get(pending_url(article)).text
    assert f"{url}?pending=1" in compare


def test_list_filters_items_with_a_pending_change(editor_client, article):
    """The article list filters "Has a pending change"."""
    make_article(title_en="Untouched")
    edit(editor_client, article, title_en="Changed")
    listing = editor_client.get("/en/admin/news/article/?pending=yes").text
    assert "Published title" in listing and "Untouched" not in listing


def test_agreement_changes_wait_too(editor_client, publisher_client):
    """An editor's change to a public agreement (title, partners) waits; publishing applies it."""
    first, second = make_partner(name_en="First partner"), make_partner(name_en="Second partner")
    agreement = make_agreement(partners=[first], title_en="Live accord")
    url = f"/en/admin/news/agreement/{agreement.pk}/change/"
    data = form_data(editor_client, url)
    data.pop("partners", None)
    data.update({"title_en": "Amended accord", "partners": [str(first.pk), str(second.pk)]})
    assert editor_client.post(url, data).status_code == 302
    agreement.refresh_from_db()
    assert agreement.title_en == "Live accord" and list(agreement.partners.all()) == [first]
    assert "Amended accord" not in Client().get("/en/agreements/").text
    assert (
        "Second partner"
        in publisher_client.get(f"/en/admin/news/agreement/{agreement.pk}/pending/").text
    )
    publisher_client.post(
        f"/en/admin/news/agreement/{agreement.pk}/pending/decide/", {"action": "publish"}
    )
    agreement = Agreement.objects.get()
    assert agreement.title_en == "Amended accord"
    assert set(agreement.partners.all()) == {first, second}
    assert "Amended accord" in Client().get("/en/agreements/").text
    assert LogEntry.objects.filter(change_message__contains="Published the pending").exists()


def test_one_open_change_per_item_in_the_database(article):
    """The database refuses a second open pending change for the same item."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import IntegrityError, transaction

    kind = ContentType.objects.get_for_model(Article)
    PendingChange.objects.create(content_type=kind, object_id=article.pk)
    with pytest.raises(IntegrityError), transaction.atomic():
        PendingChange.objects.create(content_type=kind, object_id=article.pk, state="review")
    PendingChange.objects.create(content_type=kind, object_id=article.pk, state="rejected")
    assert PendingChange.objects.count() == 2
