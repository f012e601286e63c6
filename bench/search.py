"""
Benchmark: search 10,000 articles in three languages, and report latency.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal .venv/bin/python bench/search.py
        [--articles 10000] [--queries 50]

Fills a scratch database that the test runner creates (test_<name>; the
database named in DATABASE_URL is not touched) with articles written from
word lists in Arabic, English and French, some only in one or two languages,
a tenth of them unpublished, plus agreements and partners. Then runs
`--queries` queries per language, and some in websearch syntax, through
`news.search.search()` (count and first page, as the view does) and through
the whole page with the test client, and prints median and 99th-percentile
latency, and the plans that show the GIN indexes at work. It runs on SQLite
too (the Python search), but is meant for PostgreSQL. Results are recorded
in docs/performance.md.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import get_runner, setup_test_environment  # noqa: E402
from django.utils import translation  # noqa: E402

from bench.dataset import LANGS, Writer, fill  # noqa: E402
from news.models import Agreement, Article, Partner  # noqa: E402
from news.search import search  # noqa: E402

WEBSEARCH = {
    "ar": ['"التراث الثقافي"', "المخطوطات أو المتاحف", "التعليم -المناخ", '"البحث العلمي" الشباب'],
    "en": [
        '"cultural heritage"',
        "manuscripts or museums",
        "education -climate",
        '"research" youth',
    ],
    "fr": [
        '"patrimoine culturel"',
        "manuscrits or musées",
        "éducation -climat",
        '"recherche" jeunes',
    ],
}


def queries(writer, code, count):
    words = writer.words[code]
    chosen = []
    for n in range(count):
        if n % 3 == 2:  # two words
            chosen.append(f"{writer.word(code)} {writer.random.choice(words)}")
        elif n % 3 == 1:  # any word, rare ones too
            chosen.append(writer.random.choice(words))
        else:  # common words
            chosen.append(writer.word(code))
    return chosen + WEBSEARCH[code]


def timed(function):
    started = time.perf_counter()
    value = function()
    return (time.perf_counter() - started) * 1000, value


def first_page(query, code):
    with translation.override(code):
        results = search(query, code)
        return results.count(), list(results[0:20])


def explain(sql_queryset, analyze=True):
    return sql_queryset.explain(analyze=analyze) if connection.vendor == "postgresql" else ""


def report(name, figures):
    figures = sorted(figures)
    p99 = statistics.quantiles(figures, n=100, method="inclusive")[98]
    print(
        f"{name:<28} median {statistics.median(figures):7.1f} ms   p99 {p99:7.1f} ms"
        f"   max {figures[-1]:7.1f} ms   ({len(figures)} queries)"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=50)
    options = parser.parse_args()

    setup_test_environment()
    runner = get_runner(settings)(verbosity=0, interactive=False)
    old_config = runner.setup_databases()
    try:
        writer = Writer(seed=5)
        began = time.perf_counter()
        fill(options.articles, writer)
        print(f"database:  {connection.vendor}")
        print(
            f"content:   {Article.objects.count():,} articles "
            f"({Article.objects.published().count():,} public), "
            f"{Agreement.objects.count():,} agreements, {Partner.objects.count():,} partners "
            f"(filled in {time.perf_counter() - began:.1f} s)"
        )
        plan = {code: queries(writer, code, options.queries) for code in LANGS}
        client = Client()
        for code in LANGS:  # warm up: caches, connections, first-use imports
            for query in plan[code][:3]:
                first_page(query, code)
                client.get(f"/{code}/search/", {"q": query})

        every_search, every_page, websearch, matches, slowest = [], [], [], [], []
        for code in LANGS:
            per_language = []
            for query in plan[code]:
                elapsed, (count, _page) = timed(lambda q=query, c=code: first_page(q, c))
                per_language.append(elapsed)
                matches.append(count)
                slowest.append((elapsed, code, query, count))
                if query in WEBSEARCH[code]:
                    websearch.append(elapsed)
                elapsed, response = timed(
                    lambda q=query, c=code: client.get(f"/{c}/search/", {"q": q})
                )
                assert response.status_code == 200, response.status_code
                every_page.append(elapsed)
            every_search += per_language
            report(f"search(), {code}", per_language)
        report("search(), all languages", every_search)
        report("search(), websearch syntax", websearch)
        report("whole page, all languages", every_page)
        print(
            f"matches per query: median {statistics.median(matches):,.0f}, "
            f"max {max(matches):,} (of {Article.objects.published().count():,} public articles)"
        )
        print("slowest:")
        for elapsed, code, query, count in sorted(slowest, reverse=True)[:5]:
            print(f"  {elapsed:6.1f} ms  {code}  {query!r}: {count:,} matches")

        if connection.vendor == "postgresql":
            for code, query in (("en", "oases"), ("fr", "ecoles"), ("en", "education")):
                engine = search(query, code).engine
                print(f"\nEXPLAIN ANALYZE, public articles matching {query!r} in {code}:")
                print(explain(engine.articles().order_by().values("pk")))
            engine = search("المخطوطات", "ar").engine
            print("\nEXPLAIN ANALYZE, the ranked page for 'المخطوطات' (all three kinds):")
            print(explain(engine.ranked_union()[0:20]))
    finally:
        runner.teardown_databases(old_config)


if __name__ == "__main__":
    main()
