from django.conf import settings


def client_address(request):
    """
    The address of the client, as the outermost of our own proxies saw it.

    Only the last PORTAL_NUM_PROXIES entries of X-Forwarded-For were written by
    proxies we run; anything before them is whatever the client claimed.
    """
    trusted = settings.PORTAL_NUM_PROXIES
    if trusted:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= trusted:
            return forwarded[-trusted]
    return request.META.get("REMOTE_ADDR", "")
