"""
The production topology on one machine, from Debian packages and this project.

    deploy/topology start [SERVICE...]   everything (or the services named), in order
    deploy/topology stop [SERVICE...]    everything (or the services named), in reverse
    deploy/topology status               which services run, and where
    deploy/topology manage ARGS...       manage.py with the app servers' environment
    deploy/topology demo                 load the demo content and accounts

Services: postgres (a cluster of its own), redis (a server of its own), app1 and
app2 (gunicorn), nginx (the proxy and HTTP cache in front). Everything lives in
the state folder (var/topology/, or TOPOLOGY_STATE): data, pid files, logs, the
generated nginx configuration, the secret key and the shared media folder.
Every server listens on 127.0.0.1 only, on ports from TOPOLOGY_PORT_BASE
(18600): nginx +0, app servers +1 and +2, PostgreSQL +10, Redis +11.

TOPOLOGY_TEST=1 adds an X-Upstream header naming the app server that answered
(for the tests only); TOPOLOGY_FEEDBACK_RATE_LIMIT sets the ratings' limit.
"""

import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATE = Path(os.environ.get("TOPOLOGY_STATE") or ROOT / "var" / "topology").resolve()
PORT_BASE = int(os.environ.get("TOPOLOGY_PORT_BASE", "18600"))
TEST_MODE = os.environ.get("TOPOLOGY_TEST", "") == "1"
RATE_LIMIT = os.environ.get("TOPOLOGY_FEEDBACK_RATE_LIMIT", "20")

PG_BIN = Path("/usr/lib/postgresql/15/bin")
NGINX = "/usr/sbin/nginx"
REDIS = "/usr/bin/redis-server"
VENV_BIN = ROOT / ".venv" / "bin"
STATIC_ROOT = ROOT / "staticfiles"

PORTS = {
    "nginx": PORT_BASE,
    "app1": PORT_BASE + 1,
    "app2": PORT_BASE + 2,
    "postgres": PORT_BASE + 10,
    "redis": PORT_BASE + 11,
}
SERVICES = ["postgres", "redis", "app1", "app2", "nginx"]
RUN, LOG, MEDIA = STATE / "run", STATE / "log", STATE / "media"
PG_DATA = STATE / "postgres"
DATABASE_URL = f"postgres://postgres@127.0.0.1:{PORTS['postgres']}/portal"
REDIS_URL = f"redis://127.0.0.1:{PORTS['redis']}/0"


class TopologyError(Exception):
    pass


def say(message):
    print(f"topology: {message}", flush=True)


def is_root():
    return os.geteuid() == 0


def reachable_by(user, path):
    """True when `user` can enter every folder down to `path`."""
    result = subprocess.run(
        ["runuser", "-u", user, "--", "test", "-x", str(path)], capture_output=True
    )
    return result.returncode == 0


def as_postgres(command):
    """PostgreSQL refuses to run as root: its commands run as the postgres user then."""
    return ["runuser", "-u", "postgres", "--", *command] if is_root() else command


def read_pid(name):
    try:
        pid = int((RUN / f"{name}.pid").read_text().split()[0])
    except (FileNotFoundError, ValueError, IndexError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass
    return pid


def wait_for(check, what, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise TopologyError(f"{what} did not come up within {timeout} s (logs in {LOG})")


def answers(port, path="/healthz"):
    """True when an HTTP server on `port` answers `path` (any status)."""
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=2)
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False
    return True


def port_open(port):
    import socket

    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def secret_key():
    path = STATE / "secret_key"
    if not path.exists():
        old = os.umask(0o077)
        try:
            path.write_text(secrets.token_urlsafe(50))
        finally:
            os.umask(old)
    return path.read_text().strip()


def app_env():
    """The app servers' environment: production settings, this topology's services."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "FEEDBACK_", "TOPOLOGY_", "PORTAL_"))
        and key not in {"DATABASE_URL", "REDIS_URL", "MEDIA_ROOT"}
    }
    env.update(
        {
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": secret_key(),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_CSRF_TRUSTED_ORIGINS": f"http://127.0.0.1:{PORTS['nginx']}",
            # nginx listens on plain HTTP on this machine: no HTTPS redirect,
            # no HSTS, cookies not limited to HTTPS.
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_SECURE_HSTS_SECONDS": "0",
            "DJANGO_SECURE_COOKIES": "0",
            # nginx serves media from the shared folder.
            "DJANGO_SERVE_MEDIA": "0",
            "MEDIA_ROOT": str(MEDIA),
            # One proxy in front, on this machine: the client address is the
            # one nginx writes into X-Forwarded-For.
            "DJANGO_TRUSTED_PROXIES": "127.0.0.1",
            # nginx's cache hears of no change: it keeps a page one second, enough
            # to absorb a burst on one page, short enough that a publication shows.
            "DJANGO_SHARED_CACHE_SECONDS": os.environ.get("DJANGO_SHARED_CACHE_SECONDS", "1"),
            "DATABASE_URL": DATABASE_URL,
            "REDIS_URL": REDIS_URL,
            "FEEDBACK_RATE_LIMIT": RATE_LIMIT,
            "DJANGO_LOG_LEVEL": "WARNING",
        }
    )
    return env


def manage(*args, capture=False):
    command = [str(VENV_BIN / "python"), "manage.py", *args]
    result = subprocess.run(
        command, cwd=ROOT, env=app_env(), capture_output=capture, text=True, check=False
    )
    if result.returncode != 0:
        detail = (result.stderr or "") if capture else ""
        raise TopologyError(f"manage.py {' '.join(args)} failed. {detail}")
    return result.stdout


# PostgreSQL --------------------------------------------------------------------


def pg_data_dir():
    """The cluster's folder: in the state folder, or in /tmp if postgres cannot reach it."""
    if PG_DATA.is_symlink() or PG_DATA.exists():
        return PG_DATA.resolve()
    if is_root() and not reachable_by("postgres", STATE):
        # A state folder under a private home: the cluster lives in /tmp, linked from here.
        target = Path(tempfile.mkdtemp(prefix="portal-topology-postgres-"))
        shutil.chown(target, "postgres", "postgres")
        PG_DATA.symlink_to(target)
        return target
    PG_DATA.mkdir(mode=0o700)
    if is_root():
        shutil.chown(PG_DATA, "postgres", "postgres")
    return PG_DATA


def start_postgres():
    data = pg_data_dir()
    if not (data / "PG_VERSION").exists():
        say("initdb a new cluster")
        subprocess.run(
            as_postgres(
                [
                    str(PG_BIN / "initdb"),
                    "--pgdata",
                    str(data),
                    "--username",
                    "postgres",
                    "--auth",
                    "trust",
                    "--encoding",
                    "UTF8",
                    "--locale",
                    "C.UTF-8",
                    "--no-sync",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
    if port_open(PORTS["postgres"]) and pg_ready():
        return
    log = LOG / "postgres.log"
    log.touch()
    if is_root():
        shutil.chown(log, "postgres", "postgres")
    options = (
        f"-p {PORTS['postgres']} -c listen_addresses=127.0.0.1 "
        f"-c unix_socket_directories={data} -c max_connections=50"
    )
    subprocess.run(
        as_postgres(
            [str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w", "start"]
        ),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    # pg_ctl keeps the pid in the cluster's folder; one here too, for status.
    (RUN / "postgres.pid").write_text((data / "postmaster.pid").read_text().split()[0])
    exists = subprocess.run(
        [
            str(PG_BIN / "psql"),
            "-h",
            "127.0.0.1",
            "-p",
            str(PORTS["postgres"]),
            "-U",
            "postgres",
            "-tAc",
            "SELECT 1 FROM pg_database WHERE datname = 'portal'",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    if exists.stdout.strip() != "1":
        subprocess.run(
            [
                str(PG_BIN / "createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(PORTS["postgres"]),
                "-U",
                "postgres",
                "portal",
            ],
            check=True,
        )


def pg_ready():
    result = subprocess.run(
        [str(PG_BIN / "pg_isready"), "-q", "-h", "127.0.0.1", "-p", str(PORTS["postgres"])]
    )
    return result.returncode == 0


def stop_postgres():
    data = PG_DATA.resolve()
    if not (data / "postmaster.pid").exists():
        return
    subprocess.run(
        as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
        check=False,
        stdout=subprocess.DEVNULL,
    )
    (RUN / "postgres.pid").unlink(missing_ok=True)


# Redis -------------------------------------------------------------------------


def start_redis():
    if read_pid("redis"):
        return
    subprocess.run(
        [
            REDIS,
            "--bind",
            "127.0.0.1",
            "--port",
            str(PORTS["redis"]),
            "--daemonize",
            "yes",
            "--pidfile",
            str(RUN / "redis.pid"),
            "--logfile",
            str(LOG / "redis.log"),
            "--dir",
            str(STATE),
            # A cache and counters: nothing to keep across restarts.
            "--save",
            "",
            "--appendonly",
            "no",
            "--maxmemory",
            "128mb",
            "--maxmemory-policy",
            "allkeys-lru",
        ],
        check=True,
    )
    wait_for(lambda: port_open(PORTS["redis"]), "Redis")


# App servers ---------------------------------------------------------------------


def release():
    """What a release does before the app servers start (migrate and collectstatic side by side)."""
    say("compile messages, migrate, collectstatic")
    subprocess.run(
        [str(VENV_BIN / "pybabel"), "compile", "--domain", "django", "--directory", "locale"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    steps = {
        name: subprocess.Popen(
            [str(VENV_BIN / "python"), "manage.py", *args, "--noinput", "--verbosity", "0"],
            cwd=ROOT,
            env=app_env(),
            stderr=subprocess.PIPE,
            text=True,
        )
        for name, args in (("migrate", ["migrate"]), ("collectstatic", ["collectstatic"]))
    }
    for name, process in steps.items():
        _, errors = process.communicate()
        if process.returncode != 0:
            raise TopologyError(f"manage.py {name} failed:\n{errors}")


def start_app(name):
    if read_pid(name):
        return
    port = PORTS[name]
    if port_open(port):
        raise TopologyError(f"port {port} is taken by another program")
    command = [
        str(VENV_BIN / "gunicorn"),
        "portal.wsgi:application",
        "--config",
        "portal/gunicorn.conf.py",
        "--workers",
        "2",
        "--bind",
        f"127.0.0.1:{port}",
        "--pid",
        str(RUN / f"{name}.pid"),
        "--access-logfile",
        str(LOG / f"{name}-access.log"),
        "--error-logfile",
        str(LOG / f"{name}-error.log"),
        "--timeout",
        "30",
        "--graceful-timeout",
        "10",
        "--name",
        f"portal-{name}",
    ]
    # Each server's workers add up their metrics in a folder of its own.
    env = {**app_env(), "PROMETHEUS_MULTIPROC_DIR": str(STATE / "metrics" / name)}
    with open(LOG / f"{name}-output.log", "ab") as output:
        subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=output,
            start_new_session=True,
        )


def wait_for_app(name):
    port = PORTS[name]
    wait_for(lambda: read_pid(name) and answers(port), f"App server {name} on port {port}", 60)


def stop_pid(name, sig=signal.SIGTERM, timeout=15):
    pid = read_pid(name)
    if pid is None:
        (RUN / f"{name}.pid").unlink(missing_ok=True)
        return
    os.kill(pid, sig)
    wait_gone(name, pid, timeout)


def wait_gone(name, pid, timeout=15):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        os.kill(pid, signal.SIGKILL)
    (RUN / f"{name}.pid").unlink(missing_ok=True)


# nginx -------------------------------------------------------------------------


def nginx_conf():
    """The configuration, from deploy/nginx.conf.template."""
    user = ""
    if is_root():
        # Workers as an unprivileged user when it can read the files they serve.
        readable = all(reachable_by("www-data", path) for path in (STATE, STATIC_ROOT, MEDIA))
        user = "user www-data;" if readable else "user root;"
    values = {
        "USER_DIRECTIVE": user,
        "STATE": str(STATE),
        "PORT": str(PORTS["nginx"]),
        "APP1_PORT": str(PORTS["app1"]),
        "APP2_PORT": str(PORTS["app2"]),
        "STATIC_ROOT": str(STATIC_ROOT),
        "MEDIA_ROOT": str(MEDIA),
        "TEST_HEADERS": "add_header X-Upstream $upstream_addr always;" if TEST_MODE else "",
    }
    text = (ROOT / "deploy" / "nginx.conf.template").read_text()
    for name, value in values.items():
        text = text.replace("{{" + name + "}}", value)
    if "{{" in text:
        raise TopologyError("nginx.conf.template has a placeholder nobody fills in")
    return text


def start_nginx():
    if read_pid("nginx"):
        return
    conf = STATE / "nginx" / "nginx.conf"
    for folder in ("temp", "cache"):
        (STATE / "nginx" / folder).mkdir(parents=True, exist_ok=True)
    conf.write_text(nginx_conf())
    base = [NGINX, "-p", str(STATE / "nginx"), "-e", str(LOG / "nginx-error.log"), "-c", str(conf)]
    test = subprocess.run([*base, "-t", "-q"], capture_output=True, text=True)
    if test.returncode != 0:
        raise TopologyError(f"nginx refuses its configuration: {test.stderr.strip()}")
    subprocess.run(base, check=True)
    wait_for(lambda: read_pid("nginx") and answers(PORTS["nginx"]), "nginx")


def stop_nginx():
    stop_pid("nginx", signal.SIGQUIT)


# Commands ------------------------------------------------------------------------

STARTERS = {
    "postgres": start_postgres,
    "redis": start_redis,
    "app1": lambda: start_app("app1"),
    "app2": lambda: start_app("app2"),
    "nginx": start_nginx,
}
STOPPERS = {
    "postgres": stop_postgres,
    "redis": lambda: stop_pid("redis"),
    "app1": lambda: stop_pid("app1"),
    "app2": lambda: stop_pid("app2"),
    "nginx": stop_nginx,
}


def chosen(names):
    unknown = set(names) - set(SERVICES)
    if unknown:
        raise TopologyError(f"unknown service(s): {', '.join(sorted(unknown))}")
    return [name for name in SERVICES if name in names] if names else SERVICES


def describe():
    return {
        "state": str(STATE),
        "url": f"http://127.0.0.1:{PORTS['nginx']}",
        "ports": PORTS,
        "database_url": DATABASE_URL,
        "redis_url": REDIS_URL,
        "media_root": str(MEDIA),
        "test_mode": TEST_MODE,
    }


def start(names):
    for folder in (STATE, RUN, LOG, MEDIA):
        folder.mkdir(parents=True, exist_ok=True)
    services = chosen(names)
    began = time.monotonic()
    for name in services:
        if name == "app1" and not names:
            release()
        say(f"start {name} (port {PORTS[name]})")
        STARTERS[name]()
        if name.startswith("app") and "app2" not in services[services.index(name) + 1 :]:
            # The app servers boot side by side; nginx starts once they answer.
            for app in ("app1", "app2"):
                if app in services:
                    wait_for_app(app)
    (STATE / "topology.json").write_text(json.dumps(describe(), indent=2))
    say(f"up in {time.monotonic() - began:.1f} s: {describe()['url']}/")


def stop(names):
    services = list(reversed(chosen(names)))
    if "nginx" in services:
        say("stop nginx")
        stop_nginx()
        services.remove("nginx")
    # The app servers finish their requests side by side.
    apps = {name: read_pid(name) for name in services if name.startswith("app")}
    for name, pid in apps.items():
        if pid:
            say(f"stop {name}")
            os.kill(pid, signal.SIGTERM)
    for name in services:
        if name in apps:
            if apps[name]:
                wait_gone(name, apps[name])
            (RUN / f"{name}.pid").unlink(missing_ok=True)
            continue
        say(f"stop {name}")
        STOPPERS[name]()


def status():
    running = True
    for name in SERVICES:
        pid = pg_ready() and read_pid(name) if name == "postgres" else read_pid(name)
        running &= bool(pid)
        state = f"running (pid {pid})" if pid else "stopped"
        print(f"{name:9} 127.0.0.1:{PORTS[name]:<6} {state}")
    return 0 if running else 3


def main(argv):
    if not argv or argv[0] not in {"start", "stop", "status", "manage", "demo"}:
        print(__doc__.strip())
        return 2
    command, names = argv[0], argv[1:]
    try:
        if command == "start":
            start(names)
        elif command == "stop":
            stop(names)
        elif command == "status":
            return status()
        elif command == "manage":
            manage(*names)
        elif command == "demo":
            for step in ("load_demo_content", "load_demo_ratings", "create_demo_accounts"):
                manage(step)
    except (TopologyError, subprocess.CalledProcessError, KeyError) as error:
        print(f"topology: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
