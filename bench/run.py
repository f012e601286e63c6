"""
Benchmark: every page type under load, against a bare Django project served the same way.

    make bench [SIZE=10000] [DURATION=10s]
    .venv/bin/python bench/run.py --size 10000 --duration 10s

Builds (or reuses) the data set of `--size` articles (bench/dataset.py), then
serves, side by side, with gunicorn (`-k sync -w 2`) and production settings:
the portal with its page cache off (DJANGO_PAGE_CACHE_SECONDS=0), the portal
as configured by default (cache on), and the baseline project in
bench/baseline/ (Django's default middleware; a view rendering a 40 KB static
template, and `HttpResponse("ok")` for POST). Each page is loaded with wrk
(`-t2 -c32 --latency`) after a warm-up, the baseline first and last. The
queries of each page are counted with the test client (bench/probe.py).

Prints a table (req/s, p50, p99, max, ratio to the baseline, target, met?,
queries) and writes it, with a chart of the ratios, into docs/performance.md
and docs/bench-ratios-<size>.svg. Exits 1 when a rating was lost or a page
answered errors; missed targets are reported, not fatal. Everything it
starts, it stops.
"""

import argparse
import datetime
import html
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.dataset import database_url  # noqa: E402

BIN = Path(sys.executable).parent
LOGS = ROOT / "var" / "bench"
DOCS = ROOT / "docs" / "performance.md"
HOST = "127.0.0.1"
# From the bench's own range (18700-18799).
PORTS = {"uncached": 18701, "cached": 18702, "baseline": 18703}
REDIS_URL = "redis://127.0.0.1:6379/7"
BASELINE_GET, BASELINE_POST = "/page/", "/ok/"

# Page types in table order: key, label, uncached target (% of the baseline),
# and extra latency limits in ms ("p99" or "max") for the uncached page.
PAGES = [
    ("article", "article", 20, {"p99": 60}),
    ("home", "home", 15, {"p99": 60}),
    ("news", "news list, page 1", 15, {}),
    ("news_deepest", "news list, deepest page", 15, {}),
    ("registry", "agreements registry", 15, {}),
    ("agreement", "one agreement", 15, {}),
    ("partner", "partner", 15, {}),
    ("search", 'search "education"', 5, {"max": 500}),
    ("sitemap", "sitemap.xml (index)", None, {}),
    ("sitemap_section", "sitemap section page", None, {}),
]
CACHED_TARGET = 80
RATING_TARGET = 40
MAX_QUERIES = 6


class Servers:
    """The gunicorn processes of one run, each in its own process group, stopped on exit."""

    def __init__(self):
        self.processes = []

    def start(self, name, port, app, env, chdir):
        LOGS.mkdir(parents=True, exist_ok=True)
        log = open(LOGS / f"gunicorn-{name}.log", "w")  # noqa: SIM115 (closed with the process)
        command = [
            str(BIN / "gunicorn"),
            app,
            "-k",
            "sync",
            "-w",
            "2",
            "--bind",
            f"{HOST}:{port}",
            "--chdir",
            str(chdir),
            "--pythonpath",
            str(chdir),
            "--error-logfile",
            "-",
        ]
        process = subprocess.Popen(
            command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.processes.append((name, process, log))
        return process

    def stop(self):
        for _name, process, _log in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for _name, process, log in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
            log.close()
        self.processes = []


def worker_peak_mb(master):
    """The largest peak resident size (VmHWM) among a gunicorn master's workers, in MB."""
    peaks = []
    for task in Path(f"/proc/{master}/task").iterdir():
        for child in (task / "children").read_text().split():
            for line in Path(f"/proc/{child}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peaks.append(int(line.split()[1]) / 1024)
    return max(peaks, default=0.0)


def port_is_free(port):
    with socket.socket() as probe:
        return probe.connect_ex((HOST, port)) != 0


def wait_until_up(url, process, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"bench: the server for {url} exited; see {LOGS}/")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    raise SystemExit(f"bench: no answer from {url} within {seconds} s; see {LOGS}/")


def run(command, env):
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        sys.stderr.write(done.stdout[-4000:] + done.stderr[-4000:])
        raise SystemExit(f"bench: {' '.join(map(str, command[:3]))} failed")
    return done.stdout


def wrk(url, options, duration, body=None, origin=None):
    """One wrk run through bench/wrk.lua; its figures as a dict (times in ms)."""
    env = dict(os.environ)
    if body is not None:
        # BENCH_RUN: the warm-up and the measured run send different user agents.
        env.update(BENCH_BODY=body, BENCH_ORIGIN=origin, BENCH_RUN=secrets.token_hex(4))
    command = [
        "wrk",
        f"-t{options.threads}",
        f"-c{options.connections}",
        f"-d{duration}",
        "--timeout",
        "10s",
        "--latency",
        "-s",
        str(ROOT / "bench" / "wrk.lua"),
        url,
    ]
    output = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("BENCH "))
    figures = json.loads(line.removeprefix("BENCH "))
    seconds = figures["duration_us"] / 1e6
    return {
        "requests": figures["requests"],
        "ok": figures["requests"] - figures["status_errors"],
        "errors": figures["status_errors"]
        + figures["connect_errors"]
        + figures["read_errors"]
        + figures["write_errors"]
        + figures["timeouts"],
        "rps": figures["requests"] / seconds if seconds else 0,
        "p50": figures["p50_us"] / 1000,
        "p99": figures["p99_us"] / 1000,
        "max": figures["max_us"] / 1000,
        # Not one answer in the whole run: the page is broken, or far too slow to measure.
        "silent": figures["requests"] == 0,
    }


def drain(url):
    """
    Wait for the requests wrk left queued when it stopped.

    gunicorn's sync workers still answer the requests of connections wrk has
    closed; one more request returns when they are done, so the measured run
    does not start behind them.
    """
    with urllib.request.urlopen(url, timeout=120) as response:
        response.read()


def load(url, options, body=None, origin=None, idle=None):
    """A warm-up run, then the measured one; both returned."""
    warm = wrk(url, options, options.warmup, body, origin)
    drain(idle)
    measured = wrk(url, options, options.duration, body, origin)
    # And after: the next run, on this server or another, must not start while
    # this one's queued requests (seconds of work for a slow page) still run.
    drain(idle)
    print(
        f"  {url:<60} {measured['rps']:8.0f} req/s  p99 {measured['p99']:7.1f} ms"
        + (f"  ({measured['errors']} errors)" if measured["errors"] else ""),
        flush=True,
    )
    return warm, measured


def rating_rows(url):
    import psycopg

    with psycopg.connect(url) as database:
        return database.execute("SELECT count(*) FROM feedback_rating").fetchone()[0]


def flush_cache():
    """Empty the bench's Redis database: pages cached from another data set must not be served."""
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


def commit():
    def git(*args):
        return subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()

    head = git("rev-parse", "--short", "HEAD") or "unknown"
    return head + ("+changes" if git("status", "--porcelain", "--untracked-files=no") else "")


def check(row, target, limits, queries):
    """(target text, failures) for one row."""
    wanted, failed = [], []
    if target is not None:
        wanted.append(f"≥ {target} %")
        if row["ratio"] is None or row["ratio"] < target:
            failed.append("ratio")
    for name, limit in limits.items():
        wanted.append(f"{name} < {limit} ms")
        if row[name] >= limit:
            failed.append(name)
    wanted.append(f"≤ {MAX_QUERIES} q")
    if queries is None or queries > MAX_QUERIES:
        failed.append("queries")
    if row.get("errors"):
        failed.append("errors")
    if row.get("silent"):
        failed.append("no answer")
    return ", ".join(wanted), failed


def table(rows):
    header = ["page", "req/s", "p50", "p99", "max", "vs baseline", "target", "met?", "queries"]
    lines = [header]
    for row in rows:
        if row.get("missing"):
            lines.append([row["label"], "—", "—", "—", "—", "—", row["target"], "n/a", "—"])
            continue
        lines.append(
            [
                row["label"],
                f"{row['rps']:,.0f}",
                f"{row['p50']:.1f} ms",
                f"{row['p99']:.1f} ms",
                f"{row['max']:.0f} ms",
                "—" if row["ratio"] is None else f"{row['ratio']:.1f} %",
                row["target"],
                "yes" if not row["failed"] else "no (" + ", ".join(row["failed"]) + ")",
                "—" if row["queries"] is None else str(row["queries"]),
            ]
        )
    return lines


def plain(lines):
    widths = [max(len(line[n]) for line in lines) for n in range(len(lines[0]))]
    out = []
    for number, line in enumerate(lines):
        cells = [
            cell.ljust(width) if n in (0, 6, 7) else cell.rjust(width)
            for n, (cell, width) in enumerate(zip(line, widths, strict=True))
        ]
        out.append("  ".join(cells))
        if number == 0:
            out.append("  ".join("-" * width for width in widths))
    return "\n".join(out)


def markdown(lines):
    out = ["| " + " | ".join(lines[0]) + " |", "|" + " --- |" * len(lines[0])]
    out += [
        "| " + " | ".join(cell.replace("|", "\\|") for cell in line) + " |" for line in lines[1:]
    ]
    return "\n".join(out)


def chart(rows, title):
    """A horizontal bar chart of the ratios, each with its target marked; SVG text."""
    rows = [row for row in rows if not row.get("missing") and row["ratio"] is not None]
    label_width, bar_width, height, top = 250, 460, 22, 48
    scale_max = max([100, *(row["ratio"] for row in rows)])
    scale_max = -(-scale_max // 20) * 20

    def x(value):
        return label_width + bar_width * value / scale_max

    total_height = top + height * len(rows) + 40
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_width + bar_width + 80}" '
        f'height="{total_height}" font-family="sans-serif" font-size="12" role="img" '
        f'aria-labelledby="chart-title">',
        f'<title id="chart-title">{html.escape(title)}</title>',
        '<rect width="100%" height="100%" fill="#fff"/>',
        f'<text x="8" y="20" font-size="14" font-weight="bold">{html.escape(title)}</text>',
        '<text x="8" y="36" fill="#555">Bar: share of the baseline\'s requests per second. '
        "Black tick: target. Green: target met.</text>",
    ]
    for percent in range(0, int(scale_max) + 1, 20):
        parts.append(
            f'<line x1="{x(percent):.1f}" y1="{top - 4}" x2="{x(percent):.1f}" '
            f'y2="{top + height * len(rows)}" stroke="#ddd"/>'
            f'<text x="{x(percent):.1f}" y="{top + height * len(rows) + 16}" '
            f'text-anchor="middle" fill="#555">{percent} %</text>'
        )
    for n, row in enumerate(rows):
        y = top + n * height
        width = max(x(row["ratio"]) - label_width, 1)
        colour = "#2e7d32" if not row["failed"] else "#c62828"
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 15}" text-anchor="end">'
            f"{html.escape(row['label'])}</text>"
            f'<rect x="{label_width}" y="{y + 4}" width="{width:.1f}" '
            f'height="{height - 8}" fill="{colour}"/>'
            f'<text x="{x(row["ratio"]) + 4:.1f}" y="{y + 15}">{row["ratio"]:.1f} %</text>'
        )
        if row["goal"] is not None:
            parts.append(
                f'<line x1="{x(row["goal"]):.1f}" y1="{y + 1}" x2="{x(row["goal"]):.1f}" '
                f'y2="{y + height - 1}" stroke="#000" stroke-width="2"/>'
            )
    parts.append("</svg>\n")
    return "\n".join(parts)


def write_docs(size, block):
    """Put `block` between this size's markers in docs/performance.md, blocks in size order."""
    text = DOCS.read_text()
    pattern = re.compile(
        r"<!-- bench:start size=(\d+) -->\n.*?<!-- bench:end size=\1 -->\n", re.DOTALL
    )
    new = f"<!-- bench:start size={size} -->\n{block}\n<!-- bench:end size={size} -->\n"
    blocks = list(pattern.finditer(text))
    same = next((m for m in blocks if int(m.group(1)) == size), None)
    if same:
        text = text[: same.start()] + new + text[same.end() :]
    elif blocks:
        after = [m for m in blocks if int(m.group(1)) < size]
        at = after[-1].end() if after else blocks[0].start()
        text = text[:at] + ("\n" if after else "") + new + ("" if after else "\n") + text[at:]
    else:
        text = text.rstrip("\n") + "\n\n" + new
    DOCS.write_text(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--size", type=int, default=10_000, help="articles in the data set")
    parser.add_argument("--duration", default="10s", help="each measured wrk run (wrk's -d)")
    parser.add_argument("--warmup", default="3s", help="the wrk run before each measured one")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--no-docs", action="store_true", help="print only")
    options = parser.parse_args()

    if not shutil.which("wrk"):
        raise SystemExit("bench: wrk is needed: apt-get install wrk")
    url = database_url(options.size)  # Refuses a database that is not the bench's.
    busy = [port for port in PORTS.values() if not port_is_free(port)]
    if busy:
        raise SystemExit(f"bench: ports {busy} are in use; is another benchmark running?")

    base_env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "FEEDBACK_")) and key not in ("REDIS_URL",)
    }
    app_env = {
        **base_env,
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": f"{HOST},localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_CONN_MAX_AGE": "60",
        "REDIS_URL": REDIS_URL,
        "DATABASE_URL": url,
        # One client address sends every rating: lift the per-address limit.
        "FEEDBACK_RATE_LIMIT": "100000000",
    }
    uncached_env = {**app_env, "DJANGO_PAGE_CACHE_SECONDS": "0"}
    baseline_env = {
        **base_env,
        "DJANGO_SETTINGS_MODULE": "baseline.settings",
        "DJANGO_SECRET_KEY": app_env["DJANGO_SECRET_KEY"],
        "DJANGO_ALLOWED_HOSTS": f"{HOST},localhost",
    }

    print(run([sys.executable, "bench/dataset.py", "--size", str(options.size)], app_env), end="")
    run([sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"], app_env)
    flush_cache()
    probes = {
        "uncached": json.loads(run([sys.executable, "bench/probe.py"], uncached_env)),
        "cached": json.loads(run([sys.executable, "bench/probe.py"], app_env)),
    }
    flush_cache()  # The servers start from an empty cache; the warm-up fills it.

    servers = Servers()

    def stop(signum, _frame):
        servers.stop()
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        started = {
            "uncached": servers.start(
                "uncached", PORTS["uncached"], "portal.wsgi:application", uncached_env, ROOT
            ),
            "cached": servers.start(
                "cached", PORTS["cached"], "portal.wsgi:application", app_env, ROOT
            ),
            "baseline": servers.start(
                "baseline",
                PORTS["baseline"],
                "baseline.wsgi:application",
                baseline_env,
                ROOT / "bench" / "baseline",
            ),
        }
        for name, process in started.items():
            path = BASELINE_GET if name == "baseline" else "/healthz"
            wait_until_up(f"http://{HOST}:{PORTS[name]}{path}", process)
        results = measure(options, url, probes)
        results["memory"] = {name: worker_peak_mb(process.pid) for name, process in started.items()}
    finally:
        servers.stop()
    report(options, url, probes, results)


def measure(options, url, probes):
    def address(name, path):
        return f"http://{HOST}:{PORTS[name]}{path}"

    print(f"load:      wrk -t{options.threads} -c{options.connections} -d{options.duration}")
    baseline_idle = address("baseline", BASELINE_GET)
    results = {"baseline_get": [load(baseline_idle, options, idle=baseline_idle)[1]]}
    for variant in ("uncached", "cached"):
        idle = address(variant, "/healthz")
        for key, *_rest in PAGES:
            probe = probes[variant][key]
            if probe:
                results[(variant, key)] = load(address(variant, probe["path"]), options, idle=idle)[
                    1
                ]
    form = probes["cached"]["rating"]["form"]
    before = rating_rows(url)
    origin = f"http://{HOST}:{PORTS['cached']}"
    warm, measured = load(
        address("cached", probes["cached"]["rating"]["path"]),
        options,
        urlencode(form),
        origin,
        idle=address("cached", "/healthz"),
    )
    results["rating"] = measured
    results["rating_rows"] = rating_rows(url) - before
    results["rating_ok"] = warm["ok"] + measured["ok"]
    results["baseline_post"] = load(
        address("baseline", BASELINE_POST), options, "score=4", f"http://{HOST}", baseline_idle
    )[1]
    results["baseline_get"].append(load(baseline_idle, options, idle=baseline_idle)[1])
    return results


def report(options, url, probes, results):
    first, last = results["baseline_get"]
    baseline_get = (first["rps"] + last["rps"]) / 2
    baseline_post = results["baseline_post"]["rps"]
    rows = []
    for variant in ("uncached", "cached"):
        for key, label, target, limits in PAGES:
            name = f"{label}, {'uncached' if variant == 'uncached' else 'cached'}"
            goal = target if variant == "uncached" else CACHED_TARGET
            limits = limits if variant == "uncached" else {}
            probe = probes[variant][key]
            if not probe:
                rows.append(
                    {"label": name, "missing": True, "target": "not served (no sitemap index)"}
                )
                continue
            row = {**results[(variant, key)], "label": name, "goal": goal}
            row["ratio"] = 100 * row["rps"] / baseline_get if baseline_get else None
            row["queries"] = probe["queries"]
            if probe["status"] != 200:
                row["errors"] = row["errors"] or f"status {probe['status']}"
            row["target"], row["failed"] = check(row, goal, limits, probe["queries"])
            rows.append(row)
    rating = {**results["rating"], "label": "rating POST", "goal": RATING_TARGET}
    rating["ratio"] = 100 * rating["rps"] / baseline_post if baseline_post else None
    rating["queries"] = probes["cached"]["rating"]["queries"]
    lost = results["rating_ok"] - results["rating_rows"]
    rating["target"], rating["failed"] = check(rating, RATING_TARGET, {}, rating["queries"])
    if lost > 0:
        rating["failed"].append(f"{lost} lost")
    rows.append(rating)

    figures = probes["uncached"]["dataset"]
    when = datetime.datetime.now().astimezone()
    cores = len(os.sched_getaffinity(0))
    lines = table(rows)
    rating_line = (
        f"Ratings: wrk got {results['rating_ok']:,} answers 2xx/3xx (warm-up included) and "
        f"{results['rating_rows']:,} rows were added: "
        + (
            f"{lost:,} LOST."
            if lost > 0
            else "none lost"
            + (
                f" ({-lost} more rows than answers: requests still in flight when wrk stopped)."
                if lost < 0
                else "."
            )
        )
    )
    baseline_line = (
        f"Baseline (bench/baseline/, same gunicorn): GET {first['rps']:,.0f} req/s before the "
        f"portal and {last['rps']:,.0f} after (ratios use {baseline_get:,.0f}); POST "
        f'`HttpResponse("ok")` {baseline_post:,.0f} req/s.'
    )
    memory = results["memory"]
    memory_line = (
        "Worker memory (peak resident size of the larger of each server's two workers, "
        f"after the run): uncached {memory['uncached']:.0f} MB (it rendered every page type, "
        f"the sitemap section and the deepest list page included), cached "
        f"{memory['cached']:.0f} MB, baseline {memory['baseline']:.0f} MB."
    )
    heading = (
        f"{options.size:,} articles ({figures['public']:,} public), "
        f"{figures['agreements']:,} agreements, {figures['partners']:,} partners"
    )
    print()
    print(f"{heading}; {when:%Y-%m-%d %H:%M %Z}, {cores} cores, commit {commit()}")
    print(plain(lines))
    print(baseline_line.replace("`", ""))
    print(rating_line)
    print(memory_line)

    if not options.no_docs:
        svg_name = f"bench-ratios-{options.size}.svg"
        (DOCS.parent / svg_name).write_text(
            chart(rows, f"Requests per second, % of a bare Django project ({heading})")
        )
        block = "\n".join(
            [
                f"### {heading}",
                "",
                f"Measured {when:%Y-%m-%d %H:%M %Z} on {cores} cores (nproc), commit "
                f"`{commit()}`: `wrk -t{options.threads} -c{options.connections} "
                f"-d{options.duration} --latency` after a {options.warmup} warm-up, "
                "gunicorn `-k sync -w 2`, PostgreSQL, Redis.",
                "",
                markdown(lines),
                "",
                baseline_line,
                "",
                rating_line,
                "",
                memory_line,
                "",
                f"![Ratios to the baseline, {heading}]({svg_name})",
            ]
        )
        write_docs(options.size, block)
        print(f"written:   docs/performance.md, docs/{svg_name}")

    # Fatal: wrong answers or lost ratings. A page too slow to answer within
    # the run is in the table ("no answer"), as a missed target is.
    broken = [row["label"] for row in rows if row.get("errors")]
    if broken or lost > 0:
        raise SystemExit(
            f"bench: error answers on {', '.join(broken) or 'no page'}; "
            f"ratings lost: {max(lost, 0)}"
        )


if __name__ == "__main__":
    main()
