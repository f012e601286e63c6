import ipaddress

from django.conf import settings


def _address(text):
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    # A dual-stack socket reports IPv4 clients as ::ffff:a.b.c.d.
    return getattr(address, "ipv4_mapped", None) or address


def _trusted(address):
    return address is not None and any(
        address in network for network in settings.PORTAL_TRUSTED_PROXIES
    )


def client_address(request):
    """
    The address of the client: the socket's, unless that is one of our proxies.

    X-Forwarded-For is only believed when the request comes from a trusted proxy
    (PORTAL_TRUSTED_PROXIES). Each proxy appends the address it saw, so the list
    is read from the right: entries that are our own proxies are skipped, and the
    first one that is not is the client. Anything left of it was written by the
    client and is ignored, as are entries that are not addresses.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    if not _trusted(_address(remote)):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    for entry in reversed(forwarded):
        address = _address(entry)
        if address is not None and not _trusted(address):
            return str(address)
    return remote
