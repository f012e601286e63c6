import datetime
import re

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from reversion.models import Version

from feedback.models import Rating
from news.models import Article, PendingChange
from tests.factories import make_agreement, make_article, make_category, make_partner

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("editorial_groups")]

ADD = "/en/admin/news/article/add/"


def change_url(article):
    return f"/en/admin/news/article/{article.pk}/change/"


def member(group, username):
    user = User.objects.create_user(username, password="a-long-passphrase-42", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor_client():
    client = Client()
    client.force_login(member("Editors", "editor"))
    return client


@pytest.fixture
def publisher_client():
    client = Client()
    client.force_login(member("Publishers", "publisher"))
    return client


def form_data(client, url):
    """The form's current values, as a browser would post them back."""
    html = client.get(url).text
    data = {}
    for name, value in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', html):
        data[name] = value
    for name, body in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S):
        data[name] = body.strip().replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
    for name, options in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        selected = re.search(r'<option value="([^"]*)"[^>]*selected', options)
        data[name] = selected.group(1) if selected else ""
    for name in re.findall(r'<input type="checkbox" name="([^"]+)"[^>]*checked', html):
        data[name] = "on"
    for name in re.findall(r'<input type="checkbox" name="([^"]+)"(?![^>]*checked)', html):
        data.pop(name, None)
    data.pop("image", None)
    # A browser sends only the button clicked: "Save".
    data.pop("_save_pending", None)
    return data


def new_article_data(category, **extra):
    data = {
        "title_en": "Teachers meet in Rabat",
        "slug_en": "teachers-meet-in-rabat",
        "summary_en": "A short summary.",
        "body_en": "<p>The body.</p>",
        "title_ar": "لقاء المعلمين في الرباط",
        "slug_ar": "لقاء-المعلمين-في-الرباط",
        "summary_ar": "ملخص قصير.",
        "body_ar": '<p dir="rtl">النص.</p>',
        "category": str(category.pk),
        "status": "draft",
        "loaded_version": "",
    }
    data.update(extra)
    return data


def test_groups_exist_with_the_right_permissions():
    """The data migration creates Editors and Publishers; only Publishers may publish."""
    editors = Group.objects.get(name="Editors")
    publishers = Group.objects.get(name="Publishers")
    assert not editors.permissions.filter(codename="publish_article").exists()
    assert publishers.permissions.filter(codename="publish_article").exists()
    assert editors.permissions.filter(codename="change_article").exists()
    assert not editors.permissions.filter(codename="delete_article").exists()


def test_editor_writes_a_draft_and_sends_it_for_review(editor_client):
    """An editor creates an article in two languages and sends it for review."""
    category = make_category()
    response = editor_client.post(ADD, new_article_data(category, status="review"))
    assert response.status_code == 302, response.text[:2000]
    article = Article.objects.get(slug_en="teachers-meet-in-rabat")
    assert article.status == "review" and article.published_at is None
    assert article.title_ar == "لقاء المعلمين في الرباط"
    assert article.body_ar == '<p dir="rtl">النص.</p>'


def test_editor_cannot_publish_even_with_a_crafted_post(editor_client):
    """An editor's form offers no "published", and a crafted POST with it is refused."""
    category = make_category()
    page = editor_client.get(ADD).text
    assert 'value="published"' not in page
    assert 'name="published_at_0"' not in page
    response = editor_client.post(
        ADD,
        new_article_data(
            category,
            status="published",
            published_at_0="2026-01-01",
            published_at_1="10:00:00",
        ),
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert not Article.objects.exists()


def test_editor_cannot_unpublish_or_redate_a_published_article(editor_client):
    """On a published article, status and date are read-only for editors, whatever is posted
    (and the text they change waits for review: tests/news/test_pending.py)."""
    article = make_article()
    published_at = article.published_at
    data = form_data(editor_client, change_url(article))
    data.update(
        {
            "status": "draft",
            "published_at_0": "2030-01-01",
            "published_at_1": "00:00:00",
            "title_en": "Fixed a typo",
        }
    )
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 302, response.text[:3000]
    article.refresh_from_db()
    assert PendingChange.objects.get().data["title_en"] == "Fixed a typo"
    assert article.status == "published" and article.published_at == published_at


def test_editor_has_no_publish_action(editor_client, publisher_client):
    """Bulk publish and unpublish are offered to publishers only, and refused to editors."""
    draft = make_article(status="draft", published_at=None)
    assert "publish_now" not in editor_client.get("/en/admin/news/article/").text
    assert "publish_now" in publisher_client.get("/en/admin/news/article/").text
    editor_client.post(
        "/en/admin/news/article/", {"action": "publish_now", "_selected_action": [draft.pk]}
    )
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_publisher_schedules_and_the_list_says_so(publisher_client):
    """A publisher sets a future time: the list shows "Scheduled for" and the site waits."""
    article = make_article(status="review", published_at=None, title_en="Soon")
    data = form_data(publisher_client, change_url(article))
    later = timezone.localtime() + datetime.timedelta(days=2)
    data.update(
        {
            "status": "published",
            "published_at_0": later.strftime("%Y-%m-%d"),
            "published_at_1": "09:30:00",
        }
    )
    response = publisher_client.post(change_url(article), data)
    assert response.status_code == 302, response.text[:3000]
    article.refresh_from_db()
    assert article.status == "published"
    assert not Article.objects.published().filter(pk=article.pk).exists()
    listing = publisher_client.get("/en/admin/news/article/").text
    assert f"Scheduled for {later:%Y-%m-%d} 09:30" in listing
    assert "Soon" not in Client().get("/en/news/").text


def test_publishing_is_recorded_in_the_admin_log(publisher_client):
    """Who published or unpublished what, and when, is in the admin log."""
    article = make_article(status="review", published_at=None)
    publisher_client.post(
        "/en/admin/news/article/", {"action": "publish_now", "_selected_action": [article.pk]}
    )
    publisher_client.post(
        "/en/admin/news/article/", {"action": "unpublish", "_selected_action": [article.pk]}
    )
    entries = LogEntry.objects.filter(object_id=str(article.pk)).order_by("action_time")
    messages = [(entry.user.username, entry.get_change_message()) for entry in entries]
    assert messages == [("publisher", "Published."), ("publisher", "Unpublished.")]


def test_article_list_shows_translation_state_and_filters_missing(publisher_client):
    """Each row says which languages are complete; the filter lists those missing French."""
    make_article(title_en="Everywhere")
    make_article(languages=("ar", "en"), title_en="No French")
    listing = publisher_client.get("/en/admin/news/article/").text
    assert "FR missing" in listing and "AR complete" in listing
    missing = publisher_client.get("/en/admin/news/article/?missing=fr").text
    assert "No French" in missing and "Everywhere" not in missing
    assert "Missing in French" in missing


def test_form_directions_and_local_assets(editor_client):
    """Arabic inputs are right-to-left, and every script and style comes from our server."""
    html = editor_client.get(ADD).text
    assert re.search(r'<input[^>]*name="title_ar"[^>]*dir="rtl"', html) or re.search(
        r'<input[^>]*dir="rtl"[^>]*name="title_ar"', html
    )
    assert re.search(r'name="title_en"[^>]*dir="ltr"|dir="ltr"[^>]*name="title_en"', html)
    assert "/static/admin/portal/admin.js" in html
    assert "/static/django_prose_editor/" in html
    assert "googleapis" not in html and "cdn" not in html.lower()
    for src in re.findall(r'(?:src|href)="(https?:)?//([^/"]+)', html):
        pytest.fail(f"asset from another host: {src}")


def test_preview_requires_staff_and_shows_the_draft(editor_client):
    """Staff preview a draft in each language; anonymous visitors are sent to log in."""
    draft = make_article(status="draft", published_at=None, title_fr="Brouillon")
    with translation.override("fr"):
        url = reverse("news:preview", kwargs={"pk": draft.pk})
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous.url
    page = editor_client.get(url)
    assert "<h1>Brouillon</h1>" in page.text
    assert "notice--preview" in page.text
    assert page["X-Robots-Tag"] == "noindex, nofollow"
    assert 'class="feedback"' not in page.text
    change = editor_client.get(change_url(draft)).text
    assert url in change


def test_every_save_is_a_version_that_can_be_restored(publisher_client):
    """Saving twice in the admin keeps two versions; reverting restores the first text."""
    article = make_article(title_en="First title")
    for title in ("Second title", "Third title"):
        data = form_data(publisher_client, change_url(article))
        data["title_en"] = title
        assert publisher_client.post(change_url(article), data).status_code == 302
    versions = Version.objects.get_for_object(article)
    assert versions.count() == 2
    versions.last().revision.revert()
    article.refresh_from_db()
    assert article.title_en == "Second title"
    history = publisher_client.get(f"/en/admin/news/article/{article.pk}/history/").text
    assert "compare" in history.lower()


def test_a_deleted_article_can_be_recovered(publisher_client):
    """After deletion, the article is in the recover list and comes back with its texts."""
    article = make_article(title_en="Precious")
    data = form_data(publisher_client, change_url(article))
    publisher_client.post(change_url(article), data)
    pk = article.pk
    publisher_client.post(f"/en/admin/news/article/{pk}/delete/", {"post": "yes"})
    assert not Article.objects.filter(pk=pk).exists()
    recover_list = publisher_client.get("/en/admin/news/article/recover/").text
    assert "Precious" in recover_list
    version = Version.objects.get_deleted(Article).get(object_id=str(pk))
    recover_url = f"/en/admin/news/article/recover/{version.pk}/"
    form = form_data(publisher_client, recover_url)
    assert publisher_client.post(recover_url, form).status_code == 302
    assert Article.objects.get(pk=pk).title_ar == article.title_ar


def test_edit_conflict_refuses_the_stale_save_and_keeps_both(publisher_client, editor_client):
    """The second of two editors gets a clear refusal; both texts survive."""
    article = make_article(title_en="Original")
    stale = form_data(editor_client, change_url(article))
    fresh = form_data(publisher_client, change_url(article))
    fresh["title_en"] = "Publisher's version"
    assert publisher_client.post(change_url(article), fresh).status_code == 302

    stale["title_en"] = "Editor's version"
    response = editor_client.post(change_url(article), stale)
    assert response.status_code == 200
    assert "Someone else saved this article at" in response.text
    assert 'value="Editor&#x27;s version"' in response.text
    article.refresh_from_db()
    assert article.title_en == "Publisher's version"
    kept = Version.objects.get_for_object(article).get(
        revision__comment__startswith="Unsaved changes by editor"
    )
    assert kept.field_dict["title_en"] == "Editor's version"


def test_a_refused_save_is_kept_once_per_text(publisher_client, editor_client):
    """Sending the same refused form again adds no second version; a changed text adds one."""
    article = make_article(title_en="Original")
    stale = form_data(editor_client, change_url(article))
    fresh = form_data(publisher_client, change_url(article))
    fresh["title_en"] = "Publisher's version"
    assert publisher_client.post(change_url(article), fresh).status_code == 302

    def kept():
        return Version.objects.get_for_object(article).filter(
            revision__comment__startswith="Unsaved changes by editor"
        )

    stale["title_en"] = "Editor's version"
    for _attempt in range(2):
        response = editor_client.post(change_url(article), stale)
        assert "Someone else saved this article at" in response.text
    assert [v.field_dict["title_en"] for v in kept()] == ["Editor's version"]
    stale["title_en"] = "Editor's second thought"
    editor_client.post(change_url(article), stale)
    assert [v.field_dict["title_en"] for v in kept()] == [
        "Editor's second thought",
        "Editor's version",
    ]
    article.refresh_from_db()
    assert article.title_en == "Publisher's version"


def test_validating_a_stale_form_writes_no_history():
    """The conflict is found by clean(), but only the admin's answer records a version."""
    from news.admin import ArticleAdminForm

    article = make_article()
    form = ArticleAdminForm(data={"loaded_version": "2000-01-01T00:00:00+00:00"}, instance=article)
    assert not form.is_valid()
    assert form.edit_conflict
    assert "Someone else saved this article" in str(form.non_field_errors())
    assert not Version.objects.get_for_object(article).exists()


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        '<a href="javascript:alert(1)">x</a>',
        '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
        '<svg onload="alert(1)"><circle r="1"/></svg>',
        '<p style="background:url(javascript:alert(1))">x</p>',
        "<iframe src=//evil.example></iframe>",
        '<p onclick="alert(1)"',
        "<scr<script>ipt>alert(1)</script>",
        '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    ],
)
def test_body_is_sanitized_whatever_is_posted(publisher_client, payload):
    """No script, handler, style or javascript:/data: URL survives; dir and lang do."""
    category = make_category()
    body = f'<p dir="rtl" lang="ar">نص عربي</p>{payload}'
    response = publisher_client.post(ADD, new_article_data(category, body_ar=body))
    assert response.status_code == 302, response.text[:2000]
    stored = Article.objects.get().body_ar
    assert '<p dir="rtl" lang="ar">نص عربي</p>' in stored
    for forbidden in (
        "<script",
        "onerror",
        "onload",
        "onclick",
        "javascript:",
        "data:",
        "style=",
        "<svg",
        "<iframe",
        "<math",
    ):
        assert forbidden not in stored.lower(), (forbidden, stored)


def test_change_page_shows_the_articles_ratings(publisher_client):
    """The article's change page shows ratings given on its pages, per language."""
    article = make_article()
    with translation.override("fr"):
        path_fr = article.get_absolute_url()
    for n, score in enumerate([5, 4, 2]):
        Rating.objects.create(
            score=score, path=path_fr, language="fr", browser=f"b{n}", comment=f"avis {n}"
        )
    Rating.objects.create(score=1, path="/fr/", language="fr", browser="other")
    html = publisher_client.get(change_url(article)).text
    section = re.search(r'<section class="module visitor-feedback".*?</section>', html, re.S).group(
        0
    )
    assert re.search(r"French</th><td>3</td><td>3.7</td><td>67%", section)
    assert "avis 2" in section
    assert "/en/admin/feedback/rating/report/?path=" in section


def test_lockout_after_repeated_failures():
    """Five wrong passwords lock the account from that address, even for the right one."""
    User.objects.create_user("victim", password="the-right-passphrase-7", is_staff=True)
    client = Client(REMOTE_ADDR="192.0.2.10")
    login = "/en/admin/login/?next=/en/admin/"
    for _ in range(5):
        response = client.post(login, {"username": "victim", "password": "wrong"})
    response = client.post(login, {"username": "victim", "password": "the-right-passphrase-7"})
    assert response.status_code == 429
    assert "Too many failed attempts" in response.text
    # The same username from another address, with the right password, still gets in.
    other = Client(REMOTE_ADDR="192.0.2.99")
    ok = other.post(login, {"username": "victim", "password": "the-right-passphrase-7"})
    assert ok.status_code == 302


def test_staff_sessions_end():
    """The session cookie ends with the browser and lives 8 hours at most."""
    from django.conf import settings

    User.objects.create_user("staff", password="the-right-passphrase-7", is_staff=True)
    client = Client()
    response = client.post(
        "/en/admin/login/?next=/en/admin/",
        {"username": "staff", "password": "the-right-passphrase-7"},
    )
    assert response.status_code == 302
    assert response.cookies["sessionid"]["max-age"] == ""
    assert settings.SESSION_COOKIE_AGE == 8 * 3600


def test_versions_can_be_compared(publisher_client):
    """The history compares two versions field by field."""
    article = make_article(title_en="Before the edit")
    for title in ("Before the edit", "After the edit"):
        data = form_data(publisher_client, change_url(article))
        data["title_en"] = title
        publisher_client.post(change_url(article), data)
    older, newer = Version.objects.get_for_object(article).order_by("pk")
    response = publisher_client.get(
        f"/en/admin/news/article/{article.pk}/history/compare/",
        {"version_id1": older.pk, "version_id2": newer.pk},
    )
    assert response.status_code == 200
    assert "Before the edit" in response.text and "After the edit" in response.text


def test_bad_image_upload_is_a_form_error_and_saves_nothing(publisher_client):
    """A renamed text file is refused with a clear error; no article is created."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    category = make_category()
    data = new_article_data(category)
    data["image"] = SimpleUploadedFile("photo.jpg", b"this is not a picture", "image/jpeg")
    response = publisher_client.post(ADD, data)
    assert response.status_code == 200
    assert "This file is not a JPEG, PNG or WebP image." in response.text or (
        "Upload a valid image" in response.text
    )
    assert not Article.objects.exists()


def test_uploaded_photo_loses_its_metadata_and_gets_renditions(publisher_client):
    """An uploaded JPEG with camera data is stored without EXIF and with smaller copies."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"
    exif[0x010E] = "Taken at 33.9N 6.8W"
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 800), (10, 120, 90)).save(buffer, "JPEG", exif=exif)
    category = make_category()
    data = new_article_data(category, image_alt_en="A green field")
    data["image"] = SimpleUploadedFile("field.jpg", buffer.getvalue(), "image/jpeg")
    assert publisher_client.post(ADD, data).status_code == 302
    article = Article.objects.get()
    with Image.open(article.image.path) as stored:
        assert not stored.getexif()
        assert stored.size == (1200, 800)
    assert {r["width"] for r in article.image_renditions} >= {480, 960}


def test_report_link_from_the_article_counts_only_its_pages(publisher_client):
    """The report opened from an article's page shows only that article's ratings."""
    article = make_article()
    with translation.override("ar"):
        path = article.get_absolute_url()
    from urllib.parse import unquote

    Rating.objects.create(score=5, path=unquote(path), language="ar", browser="one")
    Rating.objects.create(score=1, path="/ar/", language="ar", browser="two")
    html = publisher_client.get(change_url(article)).text
    link = re.search(r'href="(/en/admin/feedback/rating/report/\?[^"]+)"', html).group(1)
    report = publisher_client.get(link.replace("&amp;", "&")).text
    assert "Only the ratings given on these pages" in report
    figures = re.search(r'<dl class="report-figures">.*?</dl>', report, re.S).group(0)
    count = re.search(r"<dd>(\d+)</dd>", figures).group(1)
    assert count == "1"
    assert "5.0" in figures


@pytest.mark.parametrize("kind", ["agreement", "partner"])
def test_agreements_and_partners_are_guarded_too(publisher_client, editor_client, kind):
    """Agreements and partners refuse a stale save the same way, and keep both texts."""
    record = make_agreement() if kind == "agreement" else make_partner()
    url = f"/en/admin/news/{kind}/{record.pk}/change/"
    field = "title_en" if kind == "agreement" else "name_en"
    stale = form_data(editor_client, url)
    fresh = form_data(publisher_client, url)
    fresh[field] = "First save"
    assert publisher_client.post(url, fresh).status_code == 302
    stale[field] = "Second save"
    response = editor_client.post(url, stale)
    assert response.status_code == 200
    assert f"Someone else saved this {kind} at" in response.text
    record.refresh_from_db()
    assert getattr(record, field) == "First save"
    kept = Version.objects.get_for_object(record).get(
        revision__comment__startswith="Unsaved changes by editor"
    )
    assert kept.field_dict[field] == "Second save"


@pytest.mark.parametrize("weak", ["password1", "12345678901", "editor-one"])
def test_weak_staff_passwords_are_refused(weak):
    """Django's password validators are on: common, numeric and name-like passwords fail."""
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError as PasswordError

    user = User(username="editor-one")
    with pytest.raises(PasswordError):
        validate_password(weak, user)
    validate_password("a-long-passphrase-42", user)
