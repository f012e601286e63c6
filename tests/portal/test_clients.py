"""The client address: X-Forwarded-For believed only from our own proxies."""

import ipaddress
import os
import subprocess
import sys

import pytest
from django.test import RequestFactory, override_settings

from portal.settings import BASE_DIR
from sitekit.clients import client_address

PROXIES = [ipaddress.ip_network(n) for n in ("10.0.0.0/8", "192.0.2.7/32", "2001:db8:1::/48")]


def address(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(RequestFactory().get("/", **meta))


@override_settings(PORTAL_TRUSTED_PROXIES=[])
def test_without_trusted_proxies_the_header_is_ignored():
    """With no trusted proxy configured, the socket address is the client, whatever it claims."""
    assert address("203.0.113.9", "1.1.1.1") == "203.0.113.9"


@override_settings(PORTAL_TRUSTED_PROXIES=PROXIES)
def test_spoofed_header_from_an_untrusted_address_is_ignored():
    """A client reaching the app server directly cannot choose its address."""
    assert address("203.0.113.9", "1.1.1.1") == "203.0.113.9"
    assert address("203.0.113.9", "10.0.0.1, 1.1.1.1") == "203.0.113.9"


@override_settings(PORTAL_TRUSTED_PROXIES=PROXIES)
def test_through_one_proxy_the_last_entry_is_the_client():
    """Behind one proxy the client is what the proxy appended, not what the client wrote."""
    assert address("192.0.2.7", "198.51.100.20") == "198.51.100.20"
    assert address("192.0.2.7", "1.1.1.1, 198.51.100.20") == "198.51.100.20"


@override_settings(PORTAL_TRUSTED_PROXIES=PROXIES)
def test_a_chain_of_trusted_proxies_is_skipped_from_the_right():
    """Proxies of ours in the chain are skipped; the first untrusted entry is the client."""
    assert address("10.0.0.2", "6.6.6.6, 198.51.100.20, 10.1.2.3, 192.0.2.7") == "198.51.100.20"


@override_settings(PORTAL_TRUSTED_PROXIES=PROXIES)
def test_ipv6_clients_and_proxies():
    """IPv6 proxies and clients are recognized, and IPv4-mapped sockets count as IPv4."""
    assert address("2001:db8:1::5", "2001:db8:ffff::42") == "2001:db8:ffff::42"
    assert address("2001:db8:2::5", "198.51.100.20") == "2001:db8:2::5"
    assert address("::ffff:10.0.0.3", "198.51.100.20, 2001:db8:1::9") == "198.51.100.20"
    assert address("10.0.0.3", "2001:DB8:FFFF:0::42") == "2001:db8:ffff::42"


@override_settings(PORTAL_TRUSTED_PROXIES=PROXIES)
@pytest.mark.parametrize(
    "forwarded",
    [
        "garbage, 198.51.100.20",
        "198.51.100.20, not-an-ip",
        "198.51.100.20,,  ,",
        "198.51.100.20, 1.2.3.4:80",
    ],
)
def test_malformed_entries_are_skipped(forwarded):
    """Entries that are not addresses (or carry a port) are ignored, never returned."""
    assert address("10.0.0.1", forwarded) == "198.51.100.20"


@override_settings(PORTAL_TRUSTED_PROXIES=PROXIES)
def test_nothing_usable_falls_back_to_the_socket_address():
    """From a proxy with an empty, all-garbage or all-proxy header, the proxy's address is used."""
    assert address("10.0.0.1") == "10.0.0.1"
    assert address("10.0.0.1", "nonsense") == "10.0.0.1"
    assert address("10.0.0.1", "10.0.0.9, 192.0.2.7") == "10.0.0.1"


def test_trusted_proxies_setting_is_parsed_and_checked():
    """DJANGO_TRUSTED_PROXIES takes addresses and networks; a typo stops the site with its name."""

    def proxies(value):
        env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
        env.update({"DJANGO_DEBUG": "1", "DJANGO_TRUSTED_PROXIES": value})
        code = "import portal.settings as s; print(s.PORTAL_TRUSTED_PROXIES)"
        return subprocess.run(
            [sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True
        )

    ok = proxies("10.0.0.0/8, 192.0.2.7,::1")
    assert ok.stdout.strip() == (
        "[IPv4Network('10.0.0.0/8'), IPv4Network('192.0.2.7/32'), IPv6Network('::1/128')]"
    ), ok.stderr
    bad = proxies("10.0.0.300")
    assert bad.returncode != 0
    assert "DJANGO_TRUSTED_PROXIES: '10.0.0.300' does not appear to be" in bad.stderr
