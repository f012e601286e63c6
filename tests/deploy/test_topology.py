"""Several app servers behind nginx: what they share, and what nginx adds."""

import gzip
import re
import time
import uuid

import brotli
import pytest

from .conftest import RATE_LIMIT

pytestmark = pytest.mark.topology


def upstreams(responses):
    return {response.header("X-Upstream") for response in responses}


def test_both_app_servers_answer_through_nginx(topology):
    """Round robin: requests through nginx are answered by both app servers."""
    client = topology.client()
    # Addresses nginx has not kept, so that every request reaches an app server.
    responses = [client.get(f"/en/?round-robin={n}") for n in range(4)]
    assert all(response.header("X-Cache-Status") == "MISS" for response in responses)
    assert all(response.status == 200 for response in responses)
    assert all('<html lang="en"' in response.text for response in responses)
    assert upstreams(responses) == {
        f"127.0.0.1:{topology.ports['app1']}",
        f"127.0.0.1:{topology.ports['app2']}",
    }


def test_request_id_is_nginx_own(topology):
    """Every response carries nginx's request id, never the one the client sent."""
    client = topology.client()
    first = client.get("/en/", headers={"X-Request-ID": "chosen-by-the-client"})
    second = client.get("/static/css/site.css")
    ids = [first.header("X-Request-ID"), second.header("X-Request-ID")]
    assert all(re.fullmatch(r"[0-9a-f]{32}", value or "") for value in ids), ids
    assert ids[0] != ids[1]
    assert "chosen-by-the-client" not in first.headers.get_all("X-Request-ID")


def test_html_is_compressed_with_gzip_and_brotli(topology):
    """HTML pages from the app servers are sent compressed, in either encoding."""
    client = topology.client()
    plain = client.get("/fr/")
    with_gzip = client.get("/fr/", headers={"Accept-Encoding": "gzip"})
    with_brotli = client.get("/fr/", headers={"Accept-Encoding": "br, gzip"})
    assert plain.header("Content-Encoding") is None
    assert with_gzip.header("Content-Encoding") == "gzip"
    assert with_brotli.header("Content-Encoding") == "br"
    assert '<html lang="fr"' in gzip.decompress(with_gzip.body).decode()
    assert '<html lang="fr"' in brotli.decompress(with_brotli.body).decode()
    assert len(with_brotli.body) < len(plain.body) / 2


def test_static_files_come_from_nginx(topology):
    """nginx serves collected static files itself: hashed names cached for a year, gzipped."""
    manifest = (topology.static_root / "staticfiles.json").read_text()
    hashed = re.search(r'"css/site\.css": "(css/site\.[0-9a-f]{12}\.css)"', manifest).group(1)
    response = topology.client().get(f"/static/{hashed}", headers={"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.header("Content-Encoding") == "gzip"
    assert response.header("Cache-Control") == "public, max-age=31536000, immutable"
    assert response.header("X-Upstream") is None  # never reached an app server
    assert gzip.decompress(response.body) == (topology.static_root / hashed).read_bytes()


def test_media_come_from_the_shared_folder(topology):
    """Uploaded files are served by nginx from the folder both app servers write to."""
    name = f"test-{uuid.uuid4().hex}.txt"
    (topology.media_root / name).write_text("shared media")
    response = topology.client().get(f"/media/{name}")
    assert response.status == 200
    assert response.body == b"shared media"
    assert response.header("X-Upstream") is None


def test_metrics_are_denied(topology):
    """/metrics is not reachable through the public side."""
    response = topology.client().get("/metrics")
    assert response.status == 403
    assert response.header("X-Upstream") is None


def test_rate_limit_counts_across_app_servers(topology):
    """One client's ratings are counted together, whichever app server takes them."""
    visitor = topology.client(source="127.0.10.1")
    accepted = []
    for n in range(RATE_LIMIT):
        visitor.cookies.clear()  # a new browser each time: no rating replaces another
        accepted.append(visitor.rate(comment=f"limit {n}"))
    assert [response.status for response in accepted] == [200] * RATE_LIMIT
    assert len(upstreams(accepted)) == 2  # both servers counted some
    refused = [visitor.rate(comment="one too many") for _ in range(2)]
    assert [response.status for response in refused] == [429, 429]
    assert len(upstreams(refused)) == 2  # and both refuse now
    assert "try again in an hour" in refused[0].text
    # The address is nginx's, not what the client claims.
    spoofing = visitor.post(
        "/en/feedback/",
        {"score": 3, "path": "/en/"},
        headers={"Accept": "application/json", "X-Forwarded-For": "203.0.113.9"},
    )
    assert spoofing.status == 429
    # Another client is not affected.
    assert topology.client(source="127.0.10.2").rate(comment="another client").status == 200
    stored = topology.sql("SELECT count(*) FROM feedback_rating WHERE comment LIKE 'limit %'")
    assert stored == [(RATE_LIMIT,)]


def test_rating_stored_by_one_server_is_in_the_report_read_through_the_other(topology):
    """Both app servers read the same database: the report shows every server's ratings."""
    marker = f"stored by one server {uuid.uuid4().hex[:8]}"
    stored = topology.client(source="127.0.11.1").rate(score=2, comment=marker)
    assert stored.status == 200 and stored.header("X-Upstream")
    staff = topology.client()
    staff.log_in("topo-admin", topology.password)
    for _ in range(4):
        report = staff.get("/en/admin/feedback/rating/report/")
        if report.header("X-Upstream") != stored.header("X-Upstream"):
            break
    assert report.header("X-Upstream") != stored.header("X-Upstream")
    assert report.status == 200
    assert marker in report.text


def test_an_editor_session_works_on_either_server(topology):
    """A session started through one app server is recognised by the other."""
    editor = topology.client()
    editor.log_in("topo-editor", topology.password)
    pages = [editor.get("/en/admin/") for _ in range(4)]
    assert len(upstreams(pages)) == 2
    for page in pages:
        assert page.status == 200, page
        assert "topo-editor" in page.text
        assert 'name="password"' not in page.text
        # Never from the HTTP cache.
        assert page.header("X-Cache-Status") is None


ARTICLE = """
import datetime
from django.utils import timezone
from news.models import Article
from tests.factories import make_article
article = make_article(title_en={title!r}, slug_en={slug!r}, status=Article.Status.DRAFT)
print(article.pk)
"""
PUBLISH = """
import datetime
from django.utils import timezone
from news.models import Article
article = Article.objects.get(pk={pk})
article.status = Article.Status.PUBLISHED
article.published_at = timezone.now() - datetime.timedelta(minutes=1)
article.save()
"""


def shared_max_age(response):
    match = re.search(r"s-maxage=(\d+)", response.header("Cache-Control") or "")
    return int(match.group(1)) if match else 0


def test_a_publication_is_visible_on_the_next_request(topology):
    """Publishing (in the topology's database) shows on both servers at once, through nginx."""
    title = f"Published across servers {uuid.uuid4().hex[:8]}"
    created = topology.shell(ARTICLE.format(title=title, slug=title.lower().replace(" ", "-")))
    pk = int(created.split()[-1])
    visitor = topology.client()
    warm = [visitor.get("/en/news/") for _ in range(2)]  # both servers, and the caches
    assert all(title not in page.text for page in warm)
    topology.shell(PUBLISH.format(pk=pk))
    # nginx may keep its copy for the app's s-maxage (1 s in the topology; its
    # clock counts whole seconds, so up to 2 s): it hears of no change. Past
    # that, the very next request has the article.
    assert shared_max_age(warm[-1]) <= 1
    time.sleep(2.1)
    page = visitor.get("/en/news/")
    assert page.status == 200
    assert title in page.text
    # Straight from each app server as well: neither keeps an old copy.
    for server in ("app1", "app2"):
        assert title in topology.client(server=server).get("/en/news/").text


def test_the_http_cache_follows_the_app(topology):
    """nginx keeps only what the app marks as shared-cacheable; sessions, admin and POST pass."""
    visitor = topology.client()
    path = f"/en/news/?cache-test={uuid.uuid4().hex}"
    first, second = visitor.get(path), visitor.get(path)
    assert first.header("X-Cache-Status") == "MISS"
    if shared_max_age(first) > 0:
        assert second.header("X-Cache-Status") == "HIT"
        assert second.body == first.body
    else:
        # Private or no caching headers: never kept.
        assert second.header("X-Cache-Status") == "MISS"
    editor = topology.client()
    editor.log_in("topo-editor", topology.password)
    assert editor.get(path).header("X-Cache-Status") == "BYPASS"
    assert visitor.get("/en/admin/login/").header("X-Cache-Status") is None
    posted = topology.client(source="127.0.12.1").rate(comment="not cached")
    assert posted.status == 200
    assert posted.header("X-Cache-Status") in (None, "BYPASS")
    assert '"ok": true' in posted.text
