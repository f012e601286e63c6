"""Every public page type, in the three languages, is valid HTML for the Nu Html Checker."""

import os
import shutil
import subprocess

import pytest
from django.test import Client, override_settings
from django.utils import timezone, translation
from django.utils.html import escape

from portal.settings import BASE_DIR
from tests.factories import make_article, make_model_case

VNU_JAR = BASE_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
SEARCH = {"ar": "اتفاقية", "en": "cooperation", "fr": "coopération"}


def checker():
    """The command that runs the checker, or a skip (a failure in CI) saying what is missing."""
    java = shutil.which("java")
    missing = []
    if java is None:
        missing.append("Java (apt-get install default-jre-headless)")
    if not VNU_JAR.exists():
        missing.append(f"{VNU_JAR.relative_to(BASE_DIR)} (make install, which runs npm ci)")
    if missing:
        message = "The Nu Html Checker needs " + " and ".join(missing) + "."
        if os.environ.get("PORTAL_REQUIRE_VALIDATOR"):
            pytest.fail(message)
        pytest.skip(message)
    return [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "gnu"]


def pages(case):
    """(name, url, expected status, text the page must show) for every public page type."""
    article, agreement, host = case["article"], case["agreement"], case["host"]
    for code in ("ar", "en", "fr"):
        with translation.override(code):
            title, partner = escape(article.title), escape(host.name)
            yield from [
                (f"home-{code}", f"/{code}/", 200, title),
                (f"news-{code}", f"/{code}/news/", 200, title),
                (
                    f"news-filtered-{code}",
                    f"/{code}/news/?year=2023&partner={host.slug}",
                    200,
                    title,
                ),
                (f"news-error-{code}", f"/{code}/news/?year=abc", 400, 'role="alert"'),
                (f"article-{code}", article.get_absolute_url(), 200, title),
                (f"agreements-{code}", f"/{code}/agreements/", 200, partner),
                (f"agreement-{code}", agreement.get_absolute_url(), 200, partner),
                (f"partners-{code}", f"/{code}/partners/", 200, partner),
                (f"partner-{code}", host.get_absolute_url(), 200, partner),
                (f"search-{code}", f"/{code}/search/?q={SEARCH[code]}", 200, "<mark>"),
                (f"not-found-{code}", f"/{code}/no-such-page/", 404, "<h1"),
                (f"thanks-{code}", f"/{code}/?feedback=thanks", 200, "data-feedback-status>"),
                (f"you-said-we-did-{code}", f"/{code}/you-said-we-did/", 200, "<table"),
            ]


def outdated_pages():
    """An article whose English body changed: its Arabic and French pages carry a notice."""
    # A whole second: <time datetime> takes at most three digits of fraction.
    article = make_article(published_at=timezone.now().replace(microsecond=0))
    article.body_en = "<p>A corrected English body.</p>"
    article.save()
    for code in ("ar", "fr"):
        with translation.override(code):
            yield (f"article-outdated-{code}", article.get_absolute_url(), 200, "notice--outdated")


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_public_pages_are_valid_html(tmp_path):
    """The Nu Html Checker finds no error on any public page type in Arabic, English, French."""
    command = checker()
    case = make_model_case()
    client = Client()
    files = []
    for name, url, status, text in [*pages(case), *outdated_pages()]:
        response = client.get(url)
        assert response.status_code == status, (url, response.status_code)
        assert text in response.text, (url, text)
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        files.append(path)
    assert len(files) == 41
    # One JVM for every file: starting Java is most of the time.
    result = subprocess.run(
        [*command, *map(str, files)], capture_output=True, text=True, timeout=300
    )
    errors = [line.replace(str(tmp_path) + os.sep, "") for line in result.stderr.splitlines()]
    assert errors == [], "\n".join(errors)
    assert result.returncode == 0
