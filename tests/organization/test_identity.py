"""The organization's identity: one row, edited in the admin, cached, shown everywhere."""

import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from organization import identity
from organization.models import SiteIdentity
from sitekit import pagecache

pytestmark = pytest.mark.django_db

NAMES = {
    "ar": "منظمة العالم الإسلامي للتربية والعلوم والثقافة",
    "en": "Islamic World Educational, Scientific and Cultural Organization",
    "fr": "Organisation du monde islamique pour l'éducation, les sciences et la culture",
}


@pytest.fixture
def named():
    return SiteIdentity.objects.create(
        **{f"name_{code}": name for code, name in NAMES.items()},
        short_name_en="ICESCO",
        email="contact@example.org",
        postal_address_en="P.O. Box 1\nRabat",
        social_accounts="https://social.example.org/@demo",
    )


def test_without_a_row_the_site_names_the_generic_organization(client):
    """Before an administrator saves the identity, pages name the generic organization."""
    french = identity.generic().name_fr
    assert french != "Education, Science and Culture Organization"
    page = client.get("/fr/").content.decode()
    assert f'<span class="brand__name">{french}</span>' in page
    assert identity.current().name_en == "Education, Science and Culture Organization"
    assert not SiteIdentity.objects.exists()


def test_pages_name_the_organization_in_each_language(client, named):
    """Header, title, footer and JSON-LD carry the name, in the page's language."""
    for code, name in NAMES.items():
        page = client.get(f"/{code}/").content.decode()
        escaped = name.replace("'", "&#x27;")
        assert f'<span class="brand__name">{escaped}</span>' in page
        assert re.search(rf"<title>[^<]* · {re.escape(escaped)}</title>", page)
    page = client.get("/en/").content.decode()
    assert '<a href="mailto:contact@example.org">contact@example.org</a>' in page
    assert 'href="https://social.example.org/@demo" rel="me"' in page
    assert "P.O. Box 1<br>Rabat" in page


def test_json_ld_and_feed_name_the_organization(client, named):
    """The publisher in JSON-LD and the feed's author are the organization as set."""
    from tests.factories import make_article, make_category

    article = make_article(make_category())
    page = client.get(article.get_absolute_url()).content.decode()
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)[1]
    )
    text = json.dumps(data, ensure_ascii=False)
    assert NAMES["en"] in text
    assert '"sameAs": ["https://social.example.org/@demo"]' in text
    assert '"alternateName": "ICESCO"' in text
    feed = client.get("/en/feeds/news/").content.decode()
    assert f"<name>{NAMES['en']}</name>" in feed


def test_read_with_one_cached_query(named, django_assert_num_queries):
    """The first read asks the database once; the next ones do not ask it at all."""
    with django_assert_num_queries(1):
        assert identity.current().name_en == NAMES["en"]
    with django_assert_num_queries(0):
        assert identity.current().short_name_en == "ICESCO"
        assert identity.current().email == "contact@example.org"


def test_saving_renews_the_cache_and_the_pages(client, named, django_capture_on_commit_callbacks):
    """A save empties the cached identity and moves the page cache on: pages show it at once."""
    assert NAMES["en"] in client.get("/en/").content.decode()
    before = pagecache.generation()
    with django_capture_on_commit_callbacks(execute=True):
        named.name_en = "A renamed organization"
        named.save()
    assert pagecache.generation() != before
    assert identity.current().name_en == "A renamed organization"
    assert "A renamed organization" in client.get("/en/").content.decode()


def test_only_one_row(named):
    """A second identity row is refused by the database."""
    with pytest.raises(IntegrityError), transaction.atomic():
        SiteIdentity.objects.create(id=2, name_en="Another")
    assert SiteIdentity.objects.count() == 1


def test_social_accounts_must_be_web_addresses(named):
    """Every line of the social accounts must be a web address; the error names the line."""
    named.social_accounts = "https://social.example.org/@demo\nnot an address"
    with pytest.raises(ValidationError) as error:
        named.full_clean()
    assert "“not an address” is not a web address." in error.value.message_dict["social_accounts"]


def test_admin_shows_the_one_row(admin_client, named):
    """The list goes to the row; adding a second one and deleting it are not offered."""
    response = admin_client.get("/en/admin/organization/siteidentity/")
    assert response.status_code == 302
    assert response["Location"] == f"/en/admin/organization/siteidentity/{named.pk}/change/"
    page = admin_client.get(response["Location"]).content.decode()
    assert 'name="name_ar"' in page and 'name="short_name_fr"' in page
    assert "deletelink" not in page
    assert admin_client.get("/en/admin/organization/siteidentity/add/").status_code == 403
    assert (
        admin_client.get(f"/en/admin/organization/siteidentity/{named.pk}/delete/").status_code
        == 403
    )


def test_admin_adds_the_row_the_first_time(admin_client):
    """With no row yet, the list leads to adding it, and saving it names the site."""
    response = admin_client.get("/en/admin/organization/siteidentity/")
    assert response["Location"] == "/en/admin/organization/siteidentity/add/"
    response = admin_client.post(
        "/en/admin/organization/siteidentity/add/",
        {
            **{f"name_{code}": name for code, name in NAMES.items()},
            "short_name_en": "ICESCO",
            "email": "contact@example.org",
            "social_accounts": "",
        },
    )
    assert response.status_code == 302
    assert SiteIdentity.objects.get().name_fr == NAMES["fr"]
    assert identity.current().name_ar == NAMES["ar"]
