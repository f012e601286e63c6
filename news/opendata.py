"""
The agreements registry as open data: the same records as the registry page,
as CSV or JSON, with the texts in the requested language.

A text the agreement has no translation for comes in the fallback language
the pages show, and its `*_language` key names that language (it is empty,
or null, for text in the requested language). Lists (areas, projects,
partners) are JSON arrays; in CSV they are one cell each, an item per line.
"""

import csv
import io

from sitekit.languages import localized
from sitekit.spreadsheets import BYTE_ORDER_MARK, spreadsheet_safe

# Keys of a record, in the order of the CSV columns.
CSV_COLUMNS = [
    "id",
    "title",
    "title_language",
    "partners",
    "partner_slugs",
    "signed_on",
    "signed_in",
    "signed_in_language",
    "duration_years",
    "ends_on",
    "status",
    "areas",
    "areas_language",
    "projects",
    "projects_language",
    "article_url",
    "record_url",
    "follows",
    "follows_relation",
    "followed_by",
    "followed_by_relation",
]


def fallback_language(text):
    return text.lang if text.is_fallback else None


def record(agreement, absolute):
    """`agreement` as an open data record (JSON-ready); `absolute` makes absolute URLs."""
    title = localized(agreement, "title")
    place = localized(agreement, "signed_in")
    areas = localized(agreement, "areas")
    projects = localized(agreement, "projects")
    partners = []
    for partner in agreement.partners.all():
        name = localized(partner, "name")
        partners.append(
            {"name": name.text, "name_language": fallback_language(name), "slug": partner.slug}
        )
    article = agreement.article
    return {
        "id": agreement.pk,
        "title": title.text,
        "title_language": fallback_language(title),
        "partners": partners,
        "signed_on": agreement.signed_on.isoformat(),
        "signed_in": place.text,
        "signed_in_language": fallback_language(place) if place else None,
        "duration_years": agreement.duration_years,
        # The day the agreement ends: the end date given, or the one its duration implies.
        "ends_on": agreement.expires_on.isoformat() if agreement.expires_on else None,
        "status": agreement.status.value,
        "areas": agreement.area_list,
        "areas_language": fallback_language(areas) if areas else None,
        "projects": agreement.project_list,
        "projects_language": fallback_language(projects) if projects else None,
        "article_url": absolute(article.get_absolute_url()) if article else None,
        "record_url": absolute(agreement.get_absolute_url()),
        # The chain of renewals (AgreementQuerySet.with_chain()): the id of the
        # earlier agreement this one renews or replaces, and of the later one
        # that renews or replaces it; null when there is none the public sees.
        "follows": getattr(agreement, "chain_previous", None),
        "follows_relation": agreement.relation or None
        if getattr(agreement, "chain_previous", None)
        else None,
        "followed_by": getattr(agreement, "chain_next", None),
        "followed_by_relation": getattr(agreement, "chain_next_relation", None),
    }


def csv_text(records):
    """`records` as CSV text for spreadsheets: byte order mark, no cell that runs as a formula."""
    buffer = io.StringIO()
    buffer.write(BYTE_ORDER_MARK)
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for item in records:
        row = {
            **item,
            "partners": "\n".join(partner["name"] for partner in item["partners"]),
            "partner_slugs": "\n".join(partner["slug"] for partner in item["partners"]),
            "areas": "\n".join(item["areas"]),
            "projects": "\n".join(item["projects"]),
        }
        writer.writerow([spreadsheet_safe(cell) for cell in (row[key] for key in CSV_COLUMNS)])
    return buffer.getvalue()
