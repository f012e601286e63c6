"""
What the report and the digest know of a page beyond its path: its title and
where an editor changes it.

The feedback app knows pages only by path; the app that publishes them
answers, through the function named by FEEDBACK_PAGE_DESCRIBER (news's
`news.pages.describe_paths`), so that feedback never imports it. The
function takes (paths, language) and returns {path: Page} for the paths it
knows, in a bounded number of queries whatever the number of paths.
"""

from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

from .admin_links import page_url


@dataclass(frozen=True)
class Page:
    title: str = ""
    # The title's own language when it is a fallback (the page has none in the report's).
    title_language: str = ""
    admin_url: str = ""


@cache
def _describer(dotted_path):
    return import_string(dotted_path)


def describe(paths, language):
    """{path: {"path", "url", "title", "title_language", "admin_url"}} for every path given."""
    paths = list(dict.fromkeys(paths))
    dotted_path = getattr(settings, "FEEDBACK_PAGE_DESCRIBER", "")
    known = _describer(dotted_path)(paths, language) if dotted_path and paths else {}
    return {
        path: {
            "path": path,
            "url": page_url(path),
            "title": known.get(path, Page()).title,
            "title_language": known.get(path, Page()).title_language,
            "admin_url": known.get(path, Page()).admin_url,
        }
        for path in paths
    }


def with_pages(rows, language):
    """Each row (a dict with "path") given its "page" description."""
    pages = describe([row["path"] for row in rows], language)
    return [{**row, "page": pages[row["path"]]} for row in rows]
