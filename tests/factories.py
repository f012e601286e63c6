"""Small builders for test data: each fills every language unless told otherwise."""

import datetime
import io
import itertools

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from news.models import Agreement, Article, Category, Partner, Signatory

_sequence = itertools.count(1)

LANGS = ("ar", "en", "fr")
ARABIC_WORDS = ["خبر", "تعليم", "ثقافة", "علوم", "تراث", "شراكة"]


def per_language(field, values):
    return {f"{field}_{code}": value for code, value in zip(LANGS, values, strict=True)}


def jpeg(size=(64, 36), color=(20, 90, 110)):
    """A small real JPEG, as uploaded bytes."""
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "JPEG")
    return ContentFile(buffer.getvalue())


def make_category(**fields):
    n = next(_sequence)
    data = {
        **per_language("name", [f"فئة {n}", f"Category {n}", f"Catégorie {n}"]),
        **per_language("slug", [f"فئة-{n}", f"category-{n}", f"categorie-{n}"]),
    }
    data.update(fields)
    return Category.objects.create(**data)


def make_partner(**fields):
    n = next(_sequence)
    data = {
        "slug": f"partner-{n}",
        "country": "MA",
        **per_language("name", [f"شريك {n}", f"Partner {n}", f"Partenaire {n}"]),
        **per_language("acronym", [f"ش{n}", f"P{n}", f"P{n}"]),
    }
    data.update(fields)
    return Partner.objects.create(**data)


def make_article(category=None, languages=LANGS, **fields):
    """A published article (published an hour ago) with text in `languages`."""
    n = next(_sequence)
    word = ARABIC_WORDS[n % len(ARABIC_WORDS)]
    texts = {
        "ar": (f"{word} رقم {n}", f"{word}-رقم-{n}", f"ملخص {n}", f"<p>نص {n}</p>", f"صورة {n}"),
        "en": (f"Story {n}", f"story-{n}", f"Summary {n}", f"<p>Body {n}</p>", f"Picture {n}"),
        "fr": (f"Récit {n}", f"recit-{n}", f"Résumé {n}", f"<p>Texte {n}</p>", f"Image {n}"),
    }
    data = {
        "category": category or make_category(),
        "status": Article.Status.PUBLISHED,
        "published_at": timezone.now() - datetime.timedelta(hours=1),
    }
    for code in languages:
        title, slug, summary, body, alt = texts[code]
        data.update(
            {
                f"title_{code}": title,
                f"slug_{code}": slug,
                f"summary_{code}": summary,
                f"body_{code}": body,
                f"image_alt_{code}": alt,
            }
        )
    data.update(fields)
    return Article.objects.create(**data)


def make_agreement(partners=(), signatories=(), **fields):
    n = next(_sequence)
    data = {
        **per_language("title", [f"اتفاقية {n}", f"Agreement {n}", f"Accord {n}"]),
        **per_language("signed_in", ["الرباط", "Rabat", "Rabat"]),
        **per_language(
            "areas",
            ["التعليم\nالثقافة", "Education\nCulture", "Éducation\nCulture"],
        ),
        **per_language("projects", ["مشروع مشترك", "A joint project", "Un projet commun"]),
        "signed_on": datetime.date(2023, 11, 8),
        "duration_years": 5,
    }
    data.update(fields)
    agreement = Agreement.objects.create(**data)
    agreement.partners.set(partners or [make_partner()])
    for position, (name, role, party) in enumerate(signatories):
        Signatory.objects.create(
            agreement=agreement,
            position=position,
            party=party,
            **per_language("name", [name] * 3),
            **per_language("role", [role] * 3),
        )
    return agreement


def make_model_case(image_size=(120, 68)):
    """The product's model case in small: a featured, three-language article announcing
    an agreement between two partners, with a picture. Returns a dict of what it made."""
    category = make_category(
        name_ar="اتفاقيات", name_en="Agreements", name_fr="Accords",
        slug_ar="اتفاقيات", slug_en="agreements", slug_fr="accords",
    )  # fmt: skip
    host = make_partner(slug="icesco", acronym_en="ICESCO", acronym_fr="ICESCO")
    center = make_partner(slug="rcqe", country="SA", acronym_en="RCQE", acronym_fr="RCQE")
    article = make_article(
        category=category,
        featured=True,
        published_at=datetime.datetime(2023, 11, 9, 10, tzinfo=datetime.UTC),
        title_ar="اتفاقية تعاون للجودة في التعليم",
        slug_ar="اتفاقية-تعاون-للجودة",
        title_en="Cooperation agreement on quality in education",
        slug_en="cooperation-agreement-quality",
        title_fr="Accord de coopération sur la qualité de l'éducation",
        slug_fr="accord-cooperation-qualite",
    )
    article.image.save("signing.jpg", jpeg(size=image_size), save=True)
    agreement = make_agreement(
        partners=[host, center],
        article=article,
        signed_on=datetime.date(2023, 11, 8),
        signed_in_en="Paris",
        signed_in_fr="Paris",
        signed_in_ar="باريس",
        signatories=[
            ("Director-General", "Director-General of ICESCO", host),
            ("Director-General", "Director-General of the Regional Center", center),
        ],
    )
    return {
        "category": category,
        "host": host,
        "center": center,
        "article": article,
        "agreement": agreement,
    }
