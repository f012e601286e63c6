"""
Pick the benchmark's pages in the built data set and count each one's queries.

    .venv/bin/python bench/probe.py     (run by bench/run.py, with its environment)

Prints JSON: for every page type its path, status, size and the number of SQL
queries of one request (the second of two, so that first-use work is left
out and, with the page cache on, a cached answer is counted), through Django's
test client against the same database and settings as the served site.
"""

import json
import os
import sys
from pathlib import Path
from urllib.parse import urlencode, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import translation  # noqa: E402

from bench.dataset import DATABASE_PREFIX, describe  # noqa: E402
from news.models import Agreement, Article, Partner  # noqa: E402

LANGUAGE = "en"
SEARCH_WORDS = "education"


def sitemap_section(client):
    """The articles' page of the sitemap index, when /sitemap.xml is an index (else None)."""
    content = client.get("/sitemap.xml").content.decode()
    if "<sitemapindex" not in content:
        return None
    locations = [part.split("</loc>")[0] for part in content.split("<loc>")[1:]]
    chosen = next((loc for loc in locations if "article" in loc), locations[0])
    parts = urlsplit(chosen)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def pages(client):
    # The newest public article that announces an agreement: the fullest article page.
    article = (
        Article.objects.published()
        .filter(agreement__isnull=False)
        .exclude(**{f"title_{code}": "" for code in ("ar", "en", "fr")})
        .order_by("-published_at")
        .first()
    )
    agreement = Agreement.objects.get(article=article)
    partner = Partner.objects.annotate(n=Count("agreements")).order_by("-n", "slug").first()
    public = Article.objects.published().count()
    deepest = max(1, -(-public // settings.NEWS_PAGE_SIZE))
    with translation.override(LANGUAGE):
        found = {
            "article": article.get_absolute_url(),
            "home": f"/{LANGUAGE}/",
            "news": f"/{LANGUAGE}/news/",
            "news_deepest": f"/{LANGUAGE}/news/?page={deepest}",
            "registry": f"/{LANGUAGE}/agreements/",
            "agreement": agreement.get_absolute_url(),
            "partner": partner.get_absolute_url(),
            "search": f"/{LANGUAGE}/search/?{urlencode({'q': SEARCH_WORDS})}",
            "sitemap": "/sitemap.xml",
            "sitemap_section": sitemap_section(client),
        }
    return found


def count(client, method, path, data=None):
    send = client.post if method == "POST" else client.get
    send(path, data) if data else send(path)
    with CaptureQueriesContext(connection) as queries:
        response = send(path, data) if data else send(path)
    return {
        "path": path,
        "status": response.status_code,
        "bytes": len(response.content),
        "queries": len(queries),
    }


def main():
    name = connection.settings_dict["NAME"]
    if not name.startswith(DATABASE_PREFIX):
        sys.exit(f"bench: refusing to probe {name!r}, not a benchmark database")
    client = Client(HTTP_HOST="127.0.0.1")
    result = {}
    for key, path in pages(client).items():
        result[key] = count(client, "GET", path) if path else None
    rating = {"score": "4", "comment": "", "path": result["article"]["path"], "website": ""}
    post = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT="application/json")
    result["rating"] = count(post, "POST", f"/{LANGUAGE}/feedback/", rating)
    result["rating"]["form"] = rating
    result["dataset"] = describe()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
