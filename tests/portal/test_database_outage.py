import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.conf import settings
from django.db import OperationalError, connection
from django.template.response import SimpleTemplateResponse
from django.test import RequestFactory

from portal import views
from tests.factories import make_article

pytestmark = pytest.mark.django_db

BASE_DIR = Path(settings.BASE_DIR)
TEXTS = {
    "en": "The site is briefly unavailable",
    "fr": "Le site est momentanément indisponible",
    "ar": "الموقع غير متاح مؤقتًا",
}


def refuse(*args, **kwargs):
    raise OperationalError('connection to server at "10.9.8.7", port 5432 failed: refused')


def assert_outage_page(response, code):
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    assert f"<h1>{TEXTS[code]}</h1>" in html
    assert f'<html lang="{code}"' in html
    assert "Traceback" not in html and "10.9.8.7" not in html and "OperationalError" not in html


@pytest.mark.parametrize("code", ["ar", "en", "fr"])
def test_database_down_in_a_view_gives_the_localized_503(client, monkeypatch, code):
    """A query failing in the view: the 503 page in the address's language, Retry-After."""
    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", refuse)
        response = client.get(f"/{code}/news/")
    assert_outage_page(response, code)


def test_database_down_while_rendering_gives_the_503(client, monkeypatch):
    """A query failing while the template renders (a lazy queryset) gets the same page."""
    make_article()
    render = SimpleTemplateResponse.render

    def render_without_database(self):
        with monkeypatch.context() as patch:
            patch.setattr(connection, "cursor", refuse)
            return render(self)

    monkeypatch.setattr(SimpleTemplateResponse, "render", render_without_database)
    response = client.get("/fr/")
    assert_outage_page(response, "fr")


def test_service_resumes_when_the_database_answers_again(client, monkeypatch):
    """After the outage the next request is served normally, with no restart."""
    article = make_article()
    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", refuse)
        assert client.get("/en/").status_code == 503
    response = client.get("/en/")
    assert response.status_code == 200
    assert article.title_en in response.content.decode()


def test_rating_script_gets_json_503(client, monkeypatch):
    """The rating widget's script (Accept: JSON) gets a JSON 503 it can show, in French."""
    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", refuse)
        response = client.post(
            "/fr/feedback/", {"score": "4", "path": "/fr/"}, HTTP_ACCEPT="application/json"
        )
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert json.loads(response.content) == {
        "ok": False,
        "message": "Le site est momentanément indisponible. Veuillez réessayer bientôt.",
    }


def test_database_errors_outside_views_reach_the_503_through_handler500():
    """A database error raised in middleware (handler500) also gives the 503 page."""
    from django.utils import translation

    request = RequestFactory().get("/ar/")
    with translation.override("ar"):
        try:
            refuse()
        except OperationalError:
            response = views.server_error(request)
    assert_outage_page(response, "ar")


def test_other_errors_still_give_the_500_page():
    """handler500 keeps the 500 page for errors that are not the database's."""
    request = RequestFactory().get("/en/")
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        response = views.server_error(request)
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


SCRIPT = textwrap.dedent(
    """
    import json, django
    django.setup()
    from django.test import Client
    client = Client(raise_request_exception=False)
    out = []
    for path in ("/ar/", "/fr/news/", "/en/agreements/"):
        r = client.get(path)
        out.append({"status": r.status_code, "retry": r.get("Retry-After"),
                    "body": r.content.decode()})
    print(json.dumps(out))
    """
)


@pytest.mark.parametrize(
    "url",
    [
        # Nothing listens on this port of ours: psycopg's connection fails.
        "postgres://postgres@127.0.0.1:18598/portal_ops",
        # A folder that does not exist: SQLite cannot open the file.
        "sqlite:////nonexistent-folder/portal/db.sqlite3",
    ],
    ids=["postgresql", "sqlite"],
)
def test_unreachable_database_in_a_real_process_gives_the_503(url):
    """A process whose database cannot be reached at all answers the 503 page on every page."""
    env = {
        **os.environ,
        "DJANGO_DEBUG": "1",
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DATABASE_URL": url,
        "DJANGO_LOG_FORMAT": "json",
    }
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout)
    for (code, _path), answer in zip(
        [("ar", "/ar/"), ("fr", "/fr/news/"), ("en", "/en/agreements/")], answers, strict=True
    ):
        assert answer["status"] == 503
        assert answer["retry"] == "30"
        assert f"<h1>{TEXTS[code]}</h1>" in answer["body"]
        assert "Traceback" not in answer["body"] and "18598" not in answer["body"]
    # The log says what happened, as JSON, without a traceback.
    lines = result.stderr.splitlines()
    errors = [json.loads(line) for line in lines if '"portal.database"' in line]
    assert errors and errors[0]["level"] == "ERROR"
    assert "Traceback" not in result.stderr


RESUME_SCRIPT = textwrap.dedent(
    """
    import json, psycopg
    from wsgiref.util import setup_testing_defaults
    from django.core.wsgi import get_wsgi_application
    from django.db import connection

    # The WSGI handler itself, not the test client: only it sends the request
    # signals that check persistent connections, as gunicorn's workers do.
    application = get_wsgi_application()

    def get(path):
        environ = {"PATH_INFO": path, "HTTP_HOST": "testserver"}
        setup_testing_defaults(environ)
        status = []
        response = application(environ, lambda s, headers: status.append(s))
        body = b"".join(response)
        response.close()
        return int(status[0].split()[0]), json.loads(body)

    first = get("/readyz")
    pid = connection.connection.info.backend_pid
    # Another session ends ours, as a restarted or failed-over server would.
    with psycopg.connect(**connection.get_connection_params(), autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])
    second = get("/readyz")
    print(json.dumps({"first": first[0], "second": second[0], "body": second[1],
                      "new_pid": connection.connection.info.backend_pid != pid}))
    """
)


def test_persistent_connection_is_replaced_after_the_server_drops_it():
    """PostgreSQL: a persistent connection killed by the server is replaced on the next request."""
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("Persistent connections are a PostgreSQL matter.")
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {**os.environ, "DJANGO_DEBUG": "1", "DATABASE_URL": url, "DJANGO_CONN_MAX_AGE": "60"}
    env["DJANGO_SETTINGS_MODULE"] = "portal.settings"
    result = subprocess.run(
        [sys.executable, "-c", RESUME_SCRIPT],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer == {
        "first": 200,
        "second": 200,
        "body": {"status": "ok", "database": "ok", "cache": "ok"},
        "new_pid": True,
    }
