"""
Fill an empty ratings table with plausible demonstration ratings, so that the
satisfaction report in the admin has something to show.

About 400 ratings over the last twelve weeks, on the site's real public pages
(home, news, agreements and every published article, in each language), more
often on Arabic pages; mostly satisfied, with one or two pages clearly rated
worse; about a fifth with a short comment in the page's language. Random, but
seeded: a given database and day always get the same ratings. Does nothing if
any rating exists.
"""

import datetime
import random
import secrets

from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import uri_to_iri

from feedback.models import Rating
from news.models import Article
from sitekit.languages import in_each_language

WEEKS = 12
# How much more often each language's pages are rated: Arabic first.
LANGUAGE_WEIGHTS = {"ar": 5, "en": 3, "fr": 2}
# How often a score is given on most pages, and on the pages that disappoint.
USUAL_SCORES = {1: 4, 2: 6, 3: 12, 4: 36, 5: 42}
POOR_SCORES = {1: 28, 2: 30, 3: 22, 4: 12, 5: 8}
COMMENT_SHARE = 0.2
HOME_WEIGHT, NEWS_WEIGHT, AGREEMENTS_WEIGHT, ARTICLE_WEIGHT = 12, 6, 4, 2
# Visitors rate in the daytime, at the organization's seat.
HOUR_WEIGHTS = [1, 1, 1, 1, 1, 1, 2, 4, 7, 9, 10, 10, 9, 9, 10, 10, 9, 8, 7, 6, 5, 4, 3, 2]

# Comments by how the visitor felt: "good" for 4 and 5, "mixed" for 3, "poor" for 1 and 2.
COMMENTS = {
    "ar": {
        "good": [
            "الموقع منظم جداً ويسهل الوصول إلى الأخبار.",
            "شكراً على نشر نصوص الاتفاقيات كاملة، هذا مفيد لعملنا في الجامعة.",
            "تصميم جميل وسريع حتى على الهاتف.",
            "أحببت أن المحتوى متوفر بالعربية أولاً وليس ترجمة ركيكة.",
            "المعلومات عن برامج التعليم واضحة ودقيقة.",
            "وجدت ما أبحث عنه بسرعة، شكراً لكم.",
            "الصور جميلة والقراءة مريحة للعين.",
            "عمل ممتاز، أتمنى إضافة نشرة شهرية بصيغة PDF.",
        ],
        "mixed": [
            "جيد عموماً، لكن البحث في الأخبار يحتاج إلى تحسين.",
            "أتمنى إضافة تاريخ آخر تحديث لكل صفحة.",
            "بعض الروابط تفتح الصفحة بالإنجليزية بدل العربية.",
            "المحتوى جيد لكن الخط صغير قليلاً على شاشة iPad.",
            "لا بأس، أرجو إضافة خريطة لمواقع الشركاء.",
            "هل يمكن توفير ملفات الاتفاقيات بصيغة Word أيضاً؟",
        ],
        "poor": [
            "لم أجد نص الاتفاقية كاملاً، فقط ملخص قصير.",
            "الصفحة بطيئة جداً في التحميل.",
            "الترجمة العربية لبعض العناوين غير مفهومة.",
            "زر التحميل لا يعمل على Chrome عندي.",
            "قائمة الاتفاقيات طويلة ولا يوجد ترتيب حسب البلد.",
            "المعلومات قديمة، آخر خبر منذ أسابيع.",
        ],
    },
    "en": {
        "good": [
            "Clear and well organised: I found the agreement I needed in a minute.",
            "Great to see the full text of the agreements online.",
            "Loads fast on my phone, and the design is clean.",
            "Very useful news section, I check it every week.",
            "Thank you for having everything in three languages.",
            "The partner pages helped a lot with our project proposal.",
            "Easy to read, with good photos.",
            "Exactly the information I was looking for.",
        ],
        "mixed": [
            "Good overall, but the search could be smarter.",
            "It would be nice to filter the agreements by country.",
            "Decent, though some summaries are very short.",
            "Fine, but I expected more detail about the programmes.",
            "Works well on a desktop; the menu is cramped on a small screen.",
            "Useful, but please say when a page was last updated.",
        ],
        "poor": [
            "I could not find the signed document, only a summary.",
            "The page took ages to load.",
            "Some links sent me to the Arabic version instead of the English one.",
            "Hard to tell which agreements are still in force.",
            "Too little information on how to apply for the programmes.",
            "The dates are confusing: is that when it was signed or when it starts?",
        ],
    },
    "fr": {
        "good": [
            "Site clair et agréable, j'ai trouvé l'accord recherché rapidement.",
            "Merci de publier les textes complets des accords.",
            "Très bonne version française, rien à redire.",
            "Les actualités sont intéressantes et bien illustrées.",
            "Navigation simple, même sur téléphone.",
            "Les fiches des partenaires sont très utiles.",
            "Informations précises et à jour, bravo.",
            "Exactement ce qu'il me fallait pour mon mémoire.",
        ],
        "mixed": [
            "Bien dans l'ensemble, mais la recherche pourrait être améliorée.",
            "Il manque un filtre par pays pour les accords.",
            "Correct, mais certains résumés sont trop courts.",
            "Pourriez-vous indiquer la date de mise à jour des pages ?",
            "Bon site, quelques traductions à revoir.",
            "Le menu est un peu serré sur petit écran.",
        ],
        "poor": [
            "Je n'ai pas trouvé le document signé, seulement un résumé.",
            "La page met beaucoup trop de temps à s'afficher.",
            "Certains liens renvoient vers la version anglaise.",
            "Difficile de savoir quels accords sont encore en vigueur.",
            "Le titre s'affiche en arabe (اتفاقية تعاون) au lieu du français.",
            "Pas assez d'informations sur les conditions de participation.",
        ],
    },
}


class Command(BaseCommand):
    help = (
        "Create about 400 demonstration ratings over the last 12 weeks, on the site's "
        "public pages. Does nothing if there are ratings already."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=400, help="How many ratings to create.")
        parser.add_argument("--seed", type=int, default=2025, help="Seed of the random choices.")

    def handle(self, *args, count=400, seed=2025, **options):
        existing = Rating.objects.count()
        if existing:
            self.stdout.write(
                f"Skipped: there are already {existing} ratings; no demo rating was created."
            )
            return
        rng = random.Random(seed)
        pages = public_pages()
        poor = poor_pages(pages)
        now = timezone.now()
        ratings = []
        for _n in range(count):
            language = pick(rng, LANGUAGE_WEIGHTS)
            page = pick(rng, pages[language])
            score = pick(rng, POOR_SCORES if page in poor else USUAL_SCORES)
            comment = ""
            if rng.random() < COMMENT_SHARE:
                mood = "good" if score >= 4 else "mixed" if score == 3 else "poor"
                comment = rng.choice(COMMENTS[language][mood])
            ratings.append(
                Rating(
                    score=score,
                    comment=comment,
                    path=page,
                    language=language,
                    created_at=random_time(rng, now),
                    # Random, like the keyed hash the site stores: nobody's.
                    browser=secrets.token_hex(32),
                )
            )
        ratings.sort(key=lambda rating: rating.created_at)
        Rating.objects.bulk_create(ratings, batch_size=500)
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {len(ratings)} demo ratings on {sum(map(len, pages.values()))} pages "
                f"over the last {WEEKS} weeks; rated low on purpose: {', '.join(sorted(poor))}."
            )
        )


def public_pages():
    """{language: {path: weight}}: the site's public pages and how busy each is."""
    articles = list(Article.objects.published().order_by("published_at", "pk"))

    def weights():
        paths = {
            reverse("news:home"): HOME_WEIGHT,
            reverse("news:article_list"): NEWS_WEIGHT,
            reverse("news:agreement_list"): AGREEMENTS_WEIGHT,
            **{article.get_absolute_url(): ARTICLE_WEIGHT for article in articles},
        }
        # Stored readable (Arabic slugs in Arabic letters), as a request's path reads.
        return {uri_to_iri(path): weight for path, weight in paths.items()}

    return in_each_language(weights)


def poor_pages(pages):
    """
    The pages the demo makes disappointing: the first language's agreements
    list, and the oldest article in the second language (or its news list),
    made busier so that it reaches the report's five-rating minimum.
    """
    first, second = list(pages)[0], list(pages)[1 % len(pages)]
    with translation.override(first):
        poor = {uri_to_iri(reverse("news:agreement_list"))}
    with translation.override(second):
        target = uri_to_iri(reverse("news:article_list"))
    articles = [path for path, weight in pages[second].items() if weight == ARTICLE_WEIGHT]
    if articles:
        target = articles[0]
        pages[second][target] = NEWS_WEIGHT
    poor.add(target)
    return poor


def pick(rng, weights):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def random_time(rng, now):
    """A daytime moment of the last WEEKS weeks, local to the site, never in the future."""
    today = timezone.localdate(now)
    day = today - datetime.timedelta(days=rng.randrange(WEEKS * 7 - 1))
    moment = timezone.make_aware(
        datetime.datetime.combine(
            day,
            datetime.time(pick(rng, dict(enumerate(HOUR_WEIGHTS))), rng.randrange(60)),
        )
    )
    if moment > now:
        moment = now - datetime.timedelta(minutes=rng.randrange(1, 180))
    return moment
