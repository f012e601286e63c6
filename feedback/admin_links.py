from django.utils.http import url_has_allowed_host_and_scheme


def page_url(path):
    """`path` as a link to the public page, or "" if it is not a plain path of this site."""
    if path.startswith("/") and url_has_allowed_host_and_scheme(path, allowed_hosts=None):
        return path
    return ""
