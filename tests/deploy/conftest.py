"""
The production topology (deploy/topology), started once for the tests of this
folder: nginx, two gunicorn app servers, a PostgreSQL cluster and a Redis
server of its own, in var/topology-test/ on ports 18650-18661.

Skipped when nginx, Redis or PostgreSQL 15's programs are missing; CI
(PORTAL_REQUIRE_SERVICES=1) fails instead.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .client import Client

ROOT = Path(__file__).resolve().parents[2]
STATE = ROOT / "var" / "topology-test"
PORT_BASE = 18650
RATE_LIMIT = 5
PASSWORD = "topology-Tests-9f3b"
PROGRAMS = {
    "/usr/sbin/nginx": "nginx",
    "/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so": "libnginx-mod-http-brotli-filter",
    "/usr/bin/redis-server": "redis-server",
    "/usr/lib/postgresql/15/bin/initdb": "postgresql-15",
}
ACCOUNTS = f"""
from django.contrib.auth.models import Group, User
from importlib import import_module
from django.apps import apps
import_module("news.migrations.0003_groups").create_groups(apps, None)
admin, _ = User.objects.get_or_create(
    username="topo-admin", defaults={{"is_staff": True, "is_superuser": True}}
)
admin.set_password("{PASSWORD}"); admin.save()
editor, _ = User.objects.get_or_create(username="topo-editor", defaults={{"is_staff": True}})
editor.set_password("{PASSWORD}"); editor.save()
editor.groups.add(Group.objects.get(name="Editors"))
"""


def run_topology(*args, check=True):
    """deploy/topology with the tests' state folder, ports and settings."""
    env = {
        **os.environ,
        "TOPOLOGY_STATE": str(STATE),
        "TOPOLOGY_PORT_BASE": str(PORT_BASE),
        "TOPOLOGY_TEST": "1",
        "TOPOLOGY_FEEDBACK_RATE_LIMIT": str(RATE_LIMIT),
    }
    result = subprocess.run(
        [str(ROOT / "deploy" / "topology"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"deploy/topology {' '.join(args)}:\n{result.stdout}{result.stderr}")
    return result


class Topology:
    def __init__(self, info):
        self.info = info
        self.url = info["url"]
        self.ports = info["ports"]
        self.database_url = info["database_url"]
        self.media_root = Path(info["media_root"])
        self.static_root = ROOT / "staticfiles"
        self.password = PASSWORD

    def run(self, *args, check=True):
        return run_topology(*args, check=check)

    def shell(self, code):
        """Python in a Django shell of the topology (its database, its cache)."""
        return self.run("manage", "shell", "-c", code).stdout

    def client(self, source="127.0.0.1", server="nginx"):
        return Client(self.ports[server], source=source)

    def pid(self, name):
        return int((STATE / "run" / f"{name}.pid").read_text().split()[0])

    def sql(self, query, *params):
        import psycopg

        with psycopg.connect(self.database_url.replace("postgres://", "postgresql://")) as conn:
            return conn.execute(query, params or None).fetchall()


@pytest.fixture(scope="session")
def topology():
    """The running topology; stopped at the end of the session."""
    missing = sorted({package for path, package in PROGRAMS.items() if not os.path.exists(path)})
    if missing:
        message = f"The topology needs Debian packages: apt-get install {' '.join(missing)}"
        if os.environ.get("PORTAL_REQUIRE_SERVICES"):
            pytest.fail(message)
        pytest.skip(message)
    run_topology("stop", check=False)
    shutil.rmtree(STATE, ignore_errors=True)
    try:
        run_topology("start")
        topology = Topology(json.loads((STATE / "topology.json").read_text()))
        topology.shell(ACCOUNTS)
        yield topology
    finally:
        run_topology("stop", check=False)
