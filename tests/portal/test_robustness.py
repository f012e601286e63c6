import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from tests.factories import make_article

pytestmark = pytest.mark.django_db

BASE_DIR = Path(settings.BASE_DIR)


@pytest.fixture
def media_file(settings):
    (Path(settings.MEDIA_ROOT) / "articles").mkdir(parents=True, exist_ok=True)
    (Path(settings.MEDIA_ROOT) / "articles" / "pic.txt").write_text("media content")
    return "/media/articles/pic.txt"


def test_media_and_static_are_served(client, media_file):
    """The files `make run` serves really come back (so the refusals below mean something)."""
    assert b"media content" in b"".join(client.get(media_file).streaming_content)
    css = client.get("/static/css/site.css")
    assert b"margin-inline" in b"".join(css.streaming_content)


@pytest.mark.parametrize(
    "path",
    [
        "/en/news/%00/",
        "/static/css/%00site.css",
        "/media/articles/pic.txt%00",
        "/en/news/?category=%00",
    ],
)
def test_nul_bytes_are_a_400(client, media_file, path):
    """A NUL byte anywhere in the address is a 400 page, not a 500."""
    response = client.get(path)
    assert response.status_code == 400
    assert "This address could not be understood" in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/media/../portal/settings.py",
        "/media/articles/../../../../etc/passwd",
        "/static/../portal/settings.py",
        "/static/css/../../../manage.py",
        "/en/../portal/settings.py",
    ],
)
def test_dot_dot_never_escapes(client, media_file, path):
    """`..` in a path is refused (400) or not found (404); no file outside is served."""
    response = client.get(path)
    assert response.status_code in (400, 404)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert b"SECRET_KEY" not in body and b"root:" not in body


@pytest.mark.parametrize("prefix", ["/en/news/", "/static/", "/media/", "/ar/", "/"])
@pytest.mark.parametrize("length", [300, 5000])
def test_very_long_paths_are_404(client, prefix, length):
    """Thousands of characters in a path, in one segment or many, give a 404 page."""
    response = client.get(prefix + "a" * length)
    assert response.status_code == 404
    deep = client.get(prefix + "/".join(["abc"] * (length // 4)))
    assert deep.status_code == 404


def test_unknown_language_prefix_is_404(client):
    """/de/ is no language of the site: a 404, in the visitor's language."""
    response = client.get("/de/news/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 404
    assert '<html lang="fr"' in response.content.decode()


@pytest.mark.parametrize(
    ("code", "title"),
    [("en", "Page not found"), ("fr", "Page introuvable"), ("ar", "الصفحة غير موجودة")],
)
def test_404_page_is_localized(client, code, title):
    """The 404 page speaks the language of the address."""
    response = client.get(f"/{code}/no-such-page/")
    assert response.status_code == 404
    assert f"<h1>{title}</h1>" in response.content.decode()


@pytest.mark.parametrize("code", ["ar", "en", "fr"])
def test_500_page_is_localized_and_standalone(code):
    """The 500 page renders without a request or database, in the active language."""
    with translation.override(code):
        html = render_to_string("500.html")
        expected = translation.gettext("Something went wrong on our side")
    assert f"<h1>{expected}</h1>" in html
    assert f'<html lang="{code}"' in html
    if code != "en":
        assert expected != "Something went wrong on our side"


def test_server_error_handler_uses_the_localized_page(client, monkeypatch):
    """An unexpected error in a view answers 500 with the localized page."""
    from news import views

    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views.HomeView, "get_context_data", explode)
    client.raise_request_exception = False
    response = client.get("/fr/")
    assert response.status_code == 500
    assert '<html lang="fr"' in response.content.decode()
    assert "Something went wrong on our side" not in response.content.decode()


def test_security_headers(client):
    """Pages refuse framing, sniffing and leaking the referrer to other sites."""
    make_article()
    response = client.get("/en/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def run_settings(env):
    """Import the settings in a fresh interpreter with only `env` set."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean.pop("DATABASE_URL", None)
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import portal.settings"],
        cwd=BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
    )


def test_production_refuses_to_start_without_secret_or_hosts():
    """With DJANGO_DEBUG off, a missing secret key or allowed hosts stops start-up, named."""
    result = run_settings({"DJANGO_DEBUG": "0"})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS" in result.stderr
    hosts_only = run_settings({"DJANGO_DEBUG": "0", "DJANGO_ALLOWED_HOSTS": "example.org"})
    assert "must be set in the environment: DJANGO_SECRET_KEY." in hosts_only.stderr
    ok = run_settings(
        {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "x" * 60, "DJANGO_ALLOWED_HOSTS": "a.org"}
    )
    assert ok.returncode == 0, ok.stderr


def test_debug_is_off_unless_asked_for(tmp_path):
    """Without DJANGO_DEBUG the settings are production's: no key, no start."""
    result = run_settings({})
    assert result.returncode != 0
    assert "DJANGO_DEBUG is off" in result.stderr
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_importing_the_settings_writes_nothing(tmp_path):
    """Loading the settings creates no folder or file (the database's folder included)."""
    copy = tmp_path / "project"
    shutil.copytree(
        BASE_DIR / "portal", copy / "portal", ignore=shutil.ignore_patterns("__pycache__")
    )
    before = sorted(p.relative_to(copy) for p in copy.rglob("*"))
    result = subprocess.run(
        [sys.executable, "-B", "-c", "import portal.settings"],
        cwd=copy,
        env={**os.environ, "DJANGO_DEBUG": "1", "DATABASE_URL": ""},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert sorted(p.relative_to(copy) for p in copy.rglob("*")) == before


def test_debug_flag_must_be_a_boolean():
    """A typo in DJANGO_DEBUG is an error, not silently debug mode."""
    result = run_settings({"DJANGO_DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be one of" in result.stderr


def test_deployment_check_passes_with_production_settings():
    """`check --deploy` reports nothing with the production settings of .env.example."""
    env = {
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "k" * 30 + "Q7#x" * 10,
        "DJANGO_ALLOWED_HOSTS": "news.example.org",
    }
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean.update(env)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_env_example_lists_every_setting_read_from_the_environment():
    """Every variable portal/settings.py reads is documented in .env.example and the README."""
    source = (BASE_DIR / "portal" / "settings.py").read_text()
    names = set(
        re.findall(
            r'(?:environ\.get|env_bool|env_list|env_networks|env_reminder_days|env_recipients)\(\s*"([A-Z_]+)"',
            source,
        )
    )
    assert {"DATABASE_URL", "DJANGO_DEBUG", "DJANGO_SECRET_KEY", "MEDIA_ROOT"} <= names
    example = (BASE_DIR / ".env.example").read_text()
    readme = (BASE_DIR / "README.md").read_text()
    assert {n for n in names if f"\n{n}=" not in example} == set()
    assert {n for n in names if f"`{n}`" not in readme} == set()


def manage(*args, env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean.pop("DATABASE_URL", None)
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
    )


def test_manage_py_in_a_bare_checkout_uses_development_settings():
    """`manage.py makemigrations --check` with no environment works, as a newcomer types it."""
    result = manage("makemigrations", "--check", "--dry-run", env={})
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout


def test_manage_py_with_a_production_database_still_needs_its_secrets():
    """With DATABASE_URL set but DJANGO_DEBUG forgotten, commands refuse to start, named."""
    result = manage("check", env={"DATABASE_URL": "postgres://nobody@127.0.0.1:1/none"})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS" in result.stderr
