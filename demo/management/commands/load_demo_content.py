"""
Fill the database with the demonstration content of demo/content.py.

Idempotent: every record is found by a stable key and created only when it
is missing; a record that exists is left exactly as the editors made it
(the site's identity too, set only while the site has none),
since `make run` runs this command every time. The keys: a category's or an
article's English slug, a partner's slug, an agreement's signing date and
partners (or else the article announcing it). Images and logos are drawn with
Pillow when their record is created, or again if the file named by an
existing record has gone missing from the storage. An article's renditions
are made by `Article.save()` with its picture, or again if one of their files
has gone missing (the article is then saved as repaired).
"""

import datetime
from collections import Counter
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify

from demo import content as demo_content
from demo.pictures import draw_logo, draw_picture
from news.images import delete_renditions
from news.models import LANGUAGE_CODES, Agreement, Article, Category, Partner, Signatory
from organization.models import SiteIdentity
from sitekit.html import sanitize_html


class Command(BaseCommand):
    help = (
        "Load the demonstration categories, partners, articles and agreements. "
        "Safe to run again: nothing is duplicated."
    )

    def handle(self, *args, **options):
        self.stats = Counter()
        self.new_files = []
        self.new_renditions = []
        try:
            # The default language, so that modeltranslation fills the
            # untranslated columns from the English text.
            with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
                self.load()
        except Exception:
            # The rows are rolled back: do not leave their files behind.
            for field_file in self.new_files:
                field_file.storage.delete(field_file.name)
            delete_renditions(self.new_renditions, Article._meta.get_field("image").storage)
            raise
        created = sum(v for (_model, outcome), v in self.stats.items() if outcome == "created")
        present = sum(v for (_model, outcome), v in self.stats.items() if outcome != "created")
        totals = ", ".join(
            f"{sum(v for (m, _o), v in self.stats.items() if m == model)} {model}"
            for model in (
                "identity",
                "categories",
                "partners",
                "articles",
                "agreements",
                "signatories",
            )
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content: {created} created, {present} already present; {totals}."
            )
        )

    # Loading ------------------------------------------------------------------

    def load(self):
        self.load_identity(demo_content.ORGANIZATION)
        categories = {
            item["slug"]["en"]: self.load_category(item) for item in demo_content.CATEGORIES
        }
        partners = {item["slug"]: self.load_partner(item) for item in demo_content.PARTNERS}
        articles = {
            item["slug"]["en"]: self.load_article(item, categories)
            for item in demo_content.ARTICLES
        }
        for item in demo_content.AGREEMENTS:
            self.load_agreement(item, partners, articles)

    def load_identity(self, item):
        values = {
            "email": item["email"],
            "social_accounts": item["social_accounts"],
            **translated(item, "name"),
            **translated(item, "short_name"),
            **translated(item, "postal_address"),
        }
        identity, outcome = self.update(SiteIdentity, SiteIdentity.objects.first(), values)
        self.save(identity, outcome, "identity", "site identity")

    def load_category(self, item):
        values = {
            **translated(item, "name"),
            **translated(item, "slug"),
        }
        category = Category.objects.filter(slug_en=values["slug_en"]).first()
        category, outcome = self.update(Category, category, values)
        self.save(category, outcome, "categories", item["slug"]["en"])
        return category

    def load_partner(self, item):
        values = {
            "country": item["country"],
            "website": item["website"],
            **translated(item, "name"),
            **translated(item, "acronym"),
            **translated(item, "description"),
        }
        partner = Partner.objects.filter(slug=item["slug"]).first()
        partner, outcome = self.update(Partner, partner, {"slug": item["slug"], **values})
        if file_is_due(partner.logo, outcome):
            spec = item["logo"]
            partner.logo.save(
                f"{item['slug']}.png",
                ContentFile(draw_logo(spec["shape"], spec["color"], spec["accent"])),
                save=False,
            )
            self.new_files.append(partner.logo)
            outcome = outcome or "repaired"
        self.save(partner, outcome, "partners", item["slug"])
        return partner

    def load_article(self, item, categories):
        key = item["slug"]["en"]
        values = {
            "category": categories[item["category"]],
            "status": item["status"],
            "featured": item.get("featured", False),
            **translated(item, "title"),
            **translated(item, "slug"),
            **translated(item, "summary"),
            **translated(item, "body"),
            **translated(item, "image_alt"),
            **translated(item, "image_caption"),
            "image_credit": item.get("image_credit", ""),
        }
        article = Article.objects.filter(slug_en=key).first()
        if item.get("scheduled"):
            values["published_at"] = scheduled_time()
        elif "published_at" in item:
            values["published_at"] = local_datetime(item["published_at"])
        else:
            values["published_at"] = None
        article, outcome = self.update(Article, article, values)
        drawn = file_is_due(article.image, outcome)
        if drawn:
            spec = item["image"]
            article.image.save(
                f"{key[:60]}.jpg",
                ContentFile(draw_picture(spec["pattern"], spec["colors"], seed=key)),
                save=False,
            )
            self.new_files.append(article.image)
            outcome = outcome or "repaired"
        elif outcome is None and article.renditions_are_due():
            # Derived from the picture, never edited: saving makes them again
            # and changes no one's work.
            outcome = "repaired"
        before = {rendition["name"] for rendition in article.image_renditions}
        self.save(article, outcome, "articles", key)
        self.new_renditions.extend(
            rendition for rendition in article.image_renditions if rendition["name"] not in before
        )
        return article

    def load_agreement(self, item, partners, articles):
        signed_on = datetime.date.fromisoformat(item["signed_on"])
        parties = [partners[slug] for slug in item["partners"]]
        label = f"{item['signed_on']} {'+'.join(item['partners'])}"
        values = {
            "signed_on": signed_on,
            "duration_years": item.get("duration_years"),
            "ends_on": (
                datetime.date.fromisoformat(item["ends_on"]) if item.get("ends_on") else None
            ),
            "article": articles[item["article"]] if item.get("article") else None,
            **translated(item, "title"),
            **translated(item, "signed_in"),
            **translated(item, "areas"),
            **translated(item, "projects"),
        }
        agreement = find_agreement(signed_on, {partner.pk for partner in parties})
        if agreement is None and values["article"] is not None:
            # Its partners were edited: the article it announces still tells it.
            agreement = Agreement.objects.filter(article=values["article"]).first()
        agreement, outcome = self.update(Agreement, agreement, values)
        self.save(agreement, outcome, "agreements", label)
        if outcome == "created":
            agreement.partners.set(parties)
            self.load_signatories(
                agreement, [partners[slug] for slug in item["signatories"]], label
            )

    def load_signatories(self, agreement, parties, label):
        for position, party in enumerate(parties, start=1):
            office = demo_content.SIGNING_OFFICES[party.slug]
            values = {
                "party": party,
                **{f"name_{code}": office.get(code, "") for code in LANGUAGE_CODES},
                **{f"role_{code}": "" for code in LANGUAGE_CODES},
            }
            signatory, outcome = self.update(Signatory, None, values)
            signatory.agreement, signatory.position = agreement, position
            self.save(signatory, outcome, "signatories", f"{label} #{position}")

    # Helpers -----------------------------------------------------------------

    def update(self, model, obj, values):
        """A new `model` holding `values` and "created"; or `obj` untouched and None."""
        if obj is not None:
            return obj, None
        obj = model()
        for name, value in values.items():
            setattr(obj, name, value)
        return obj, "created"

    def save(self, obj, outcome, kind, label):
        if outcome is None:
            self.stats[kind, "unchanged"] += 1
            return
        try:
            obj.full_clean()
        except ValidationError as error:
            raise CommandError(f"Demo {kind} {label!r} breaks a model rule: {error}") from error
        obj.save()
        self.stats[kind, outcome] += 1


def translated(item, field):
    """`{field}_{code}` for every language; empty where the demo has no translation."""
    texts = item.get(field, {})
    values = {}
    for code in LANGUAGE_CODES:
        text = texts.get(code, "")
        if field == "slug" and text:
            # Arabic slugs keep their letters; the others are plain ASCII.
            text = slugify(text, allow_unicode=code == "ar")
        elif field == "body" and text:
            # Stored as Article.save() would clean it, so a rerun sees no change.
            text = sanitize_html(text)
        values[f"{field}_{code}"] = text
    return values


def find_agreement(signed_on, partner_pks):
    for agreement in Agreement.objects.filter(signed_on=signed_on).prefetch_related("partners"):
        if {partner.pk for partner in agreement.partners.all()} == partner_pks:
            return agreement
    return None


def file_is_due(field_file, outcome):
    """Draw a picture for a new record, or for one whose file has left the disk."""
    if outcome == "created":
        return True
    return bool(field_file.name) and not field_file.storage.exists(field_file.name)


def local_datetime(text):
    """A wall-clock time at the organization's seat, as an aware datetime."""
    return datetime.datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(demo_content.TIME_ZONE))


def scheduled_time():
    day = timezone.localtime(timezone.now(), ZoneInfo(demo_content.TIME_ZONE)).date()
    day += datetime.timedelta(days=demo_content.SCHEDULED_IN_DAYS)
    return datetime.datetime.combine(
        day, datetime.time(9, 0), tzinfo=ZoneInfo(demo_content.TIME_ZONE)
    )
