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
too (the development-only search), but is meant for PostgreSQL. Results are recorded
in docs/performance.md.
"""

import argparse
import functools
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
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    get_runner,
    setup_test_environment,
)
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


def percentiles(figures):
    figures = sorted(figures)
    return statistics.median(figures), statistics.quantiles(figures, n=100, method="inclusive")[98]


def report(name, figures):
    median, p99 = percentiles(figures)
    print(
        f"{name:<28} median {median:7.1f} ms   p99 {p99:7.1f} ms"
        f"   max {max(figures):7.1f} ms   ({len(figures)} queries)"
    )


# Named queries, each repeated: a common word, a rare one, in each language.
NAMED = [
    ("en", "education"),
    ("en", "oases"),
    ("en", "manuscripts or museums"),
    ("ar", "التعليم"),
    ("ar", "المخطوطات"),
    ("fr", "éducation"),
    ("fr", "ecoles"),
    ("fr", '"patrimoine culturel"'),
]


def best_execution(sql, runs=7):
    """The fastest of `runs` server-side executions: the query's cost on a machine that is busy."""
    best = None
    for _ in range(runs):
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, TIMING OFF) {sql}")
            last = cursor.fetchall()[-1][0]
        elapsed = float(last.split(":")[1].split()[0])  # "Execution Time: 1.234 ms"
        best = elapsed if best is None else min(best, elapsed)
    return best


def named_queries(client, repeat):
    """p50/p99 of search() and of the whole page per named query, and the page's query count."""
    print(f"\nnamed queries, {repeat} times each: search() / whole page / SQL queries a page")
    for code, query in NAMED:
        search_once = functools.partial(first_page, query, code)
        page_once = functools.partial(client.get, f"/{code}/search/", {"q": query})
        searches = [timed(search_once)[0] for _ in range(repeat)]
        pages = [timed(page_once)[0] for _ in range(5)]
        with CaptureQueriesContext(connection) as captured:
            client.get(f"/{code}/search/", {"q": query})
        with CaptureQueriesContext(connection) as searched:
            count = first_page(query, code)[0]
        s50, s99 = percentiles(searches)
        p50, _p99 = percentiles(pages * 2)
        print(
            f"  {code} {query!r:<26} {count:>6,} matches"
            f"   search() p50 {s50:6.1f} p99 {s99:6.1f} ms"
            f"   page p50 {p50:6.1f} ms   {len(captured)} queries"
        )
        if connection.vendor == "postgresql":
            times = [best_execution(executed["sql"]) for executed in searched]
            print(
                f"      SQL (best of 7): {sum(times):.1f} ms = "
                + " + ".join(f"{t:.1f}" for t in times)
            )


def explain_plans():
    """EXPLAIN ANALYZE of every SQL query that search() makes for a common and a rare word."""
    for code, query in (("en", "education"), ("ar", "المخطوطات")):
        with CaptureQueriesContext(connection) as captured:
            first_page(query, code)
        for number, executed in enumerate(captured, 1):
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF) {executed['sql']}")
                lines = [row[0] for row in cursor.fetchall()]
            print(f"\nEXPLAIN ANALYZE, {query!r} in {code}, query {number}: {lines[-1].strip()}")
            print("\n".join(lines[:-2] if len(lines) < 60 else lines[:25] + ["  ..."]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=20, help="runs of each named query")
    parser.add_argument(
        "--keepdb",
        action="store_true",
        help="keep the scratch database (filled once) for the next run or a load test",
    )
    options = parser.parse_args()

    setup_test_environment()
    runner = get_runner(settings)(verbosity=0, interactive=False, keepdb=options.keepdb)
    old_config = runner.setup_databases()
    try:
        writer = Writer(seed=5)
        began = time.perf_counter()
        if not Article.objects.exists():
            fill(options.articles, writer)
            if connection.vendor == "postgresql":
                # Autovacuum may be off or late: the visibility map lets bitmap
                # and index-only scans skip the heap, and ANALYZE sets statistics.
                with connection.cursor() as cursor:
                    cursor.execute("VACUUM ANALYZE")
        print(f"database:  {connection.vendor} ({connection.settings_dict['NAME']})")
        print(
            f"content:   {Article.objects.count():,} articles "
            f"({Article.objects.published().count():,} public), "
            f"{Agreement.objects.count():,} agreements, {Partner.objects.count():,} partners "
            f"(ready in {time.perf_counter() - began:.1f} s)"
        )
        # A writer of its own, so that a kept database gets the same queries.
        asker = Writer(seed=6)
        plan = {code: queries(asker, code, options.queries) for code in LANGS}
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
        named_queries(client, options.repeat)
        if connection.vendor == "postgresql":
            explain_plans()
    finally:
        runner.teardown_databases(old_config)


if __name__ == "__main__":
    main()
