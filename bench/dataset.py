"""
The benchmarks' data set: articles in Arabic, English and French, agreements, partners.

    .venv/bin/python bench/dataset.py --size 10000

builds (or finds already built) the PostgreSQL database `portal_bench_10000`:
`--size` articles written from word lists (each about 400 words; a fifth in
only one or two languages, a tenth unpublished), one agreement for every 20
articles (half of them announced by an article, each with two partners and
their signatories), 150 partners and 8 categories. The same size and seed
always give the same content. Rows go in with `bulk_create`, then `VACUUM
ANALYZE` (autovacuum may be off), then a marker row in `bench_dataset`: a
later run with the same size finds it and reuses the database.

It only ever writes to a database of its own: the name must start with
`portal_bench`, and a database that exists already must carry the marker (or
be empty). DATABASE_URL, when set, must name such a database; otherwise
`portal_bench_<size>` on BENCH_POSTGRES (default
postgres://postgres@127.0.0.1:5432) is used and created when missing.

`fill(articles, writer)` is also used by bench/search.py on its scratch
database.
"""

import argparse
import datetime
import itertools
import os
import random
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

LANGS = ("ar", "en", "fr")

# Real words, most useful first: earlier words are drawn more often (Zipf).
WORDS = {
    "ar": """
        التعليم الثقافة العلوم التراث التعاون المنظمة الدول الأعضاء الشباب البحث العلمي
        المدارس المدرسة الجامعة الطلاب المعلمين المرأة الأطفال التنمية المستدامة الابتكار
        الرقمي التحول اللغة العربية المخطوطات المتاحف الفنون الموسيقى الشعر الأدب الكتاب
        المكتبة القراءة الحوار الحضارات السلام الشراكة الاتفاقية الوزراء المؤتمر الندوة
        الورشة الدورة التدريب المهارات الجودة التميز المناخ البيئة المياه الطاقة الصحة
        الغذاء الزراعة الفضاء الفلك الرياضيات الفيزياء الكيمياء الطب الهندسة التكنولوجيا
        الذكاء الاصطناعي الإعلام الصحافة المنصة البرنامج المشروع المبادرة الجائزة المسابقة
        المعرض المهرجان الأسبوع العالمي الدولي الإقليمي الوطني الإسلامي الأفريقي الآسيوي
        المغرب تونس مصر الأردن السنغال ماليزيا إندونيسيا باكستان نيجيريا الرباط القاهرة
        داكار جاكرتا تعزيز دعم إطلاق توقيع افتتاح تنظيم حماية صون تطوير تبادل نشر تكريم
        استضافة مشاركة جديدة كبير واسع مشترك رقمية علمية ثقافية تربوية المواقع الأثرية
        الخط العربي الترجمة الفلسفة التاريخ الجغرافيا الخرائط الصحراء الواحات البحر
        """,
    "en": """
        education culture science heritage cooperation organization member states youth
        research schools school university students teachers women children development
        sustainable innovation digital transformation language arabic manuscripts museums
        arts music poetry literature book library reading dialogue civilizations peace
        partnership agreement ministers conference seminar workshop course training skills
        quality excellence climate environment water energy health food agriculture space
        astronomy mathematics physics chemistry medicine engineering technology artificial
        intelligence media journalism platform programme project initiative prize contest
        exhibition festival week world international regional national islamic african
        asian morocco tunisia egypt jordan senegal malaysia indonesia pakistan nigeria rabat
        cairo dakar jakarta strengthen support launch sign open organize protect safeguard
        develop exchange publish honour host join new large broad joint scientific cultural
        educational sites archaeological calligraphy translation philosophy history
        geography maps desert oases sea
        """,
    "fr": """
        éducation culture sciences patrimoine coopération organisation états membres jeunes
        recherche écoles école université étudiants enseignants femmes enfants développement
        durable innovation numérique transformation langue arabe manuscrits musées arts
        musique poésie littérature livre bibliothèque lecture dialogue civilisations paix
        partenariat accord ministres conférence séminaire atelier formation compétences
        qualité excellence climat environnement eau énergie santé alimentation agriculture
        espace astronomie mathématiques physique chimie médecine ingénierie technologie
        intelligence artificielle médias journalisme plateforme programme projet initiative
        prix concours exposition festival semaine mondial international régional national
        islamique africain asiatique maroc tunisie égypte jordanie sénégal malaisie
        indonésie pakistan nigeria rabat caire dakar jakarta renforcer soutenir lancer
        signer ouvrir organiser protéger sauvegarder développer échanger publier honorer
        accueillir nouvelle grand vaste commun scientifique culturel éducatif sites
        archéologiques calligraphie traduction philosophie histoire géographie cartes
        désert oasis mer
        """,
}
GLUE = {
    "ar": ["في", "من", "على", "مع", "حول", "بين", "و"],
    "en": ["of", "in", "and", "for", "with", "on", "the"],
    "fr": ["de", "la", "le", "et", "pour", "avec", "des"],
}
COUNTRIES = ["MA", "TN", "EG", "JO", "SN", "MY", "ID", "PK", "NG", "FR", "SA", "QA", "ML", "TR"]

# Bump when the content changes: a database built by an older builder is rebuilt.
DATASET_VERSION = 1
DATABASE_PREFIX = "portal_bench"
MARKER_TABLE = "bench_dataset"


class Writer:
    def __init__(self, seed):
        self.random = random.Random(seed)
        self.words = {code: words.split() for code, words in WORDS.items()}
        # Cumulative weights, computed once: random.choices() would sum them on
        # every call, and draws the same words either way.
        self.cum_weights = {
            code: list(itertools.accumulate(1 / (rank + 1) for rank in range(len(words))))
            for code, words in self.words.items()
        }

    def word(self, code):
        return self.random.choices(self.words[code], cum_weights=self.cum_weights[code])[0]

    def topic(self, code, size=14):
        """The words an article is about: any word may come up, common ones more often."""
        return list({self.word(code) for _ in range(size)})

    def sentence(self, code, low, high, topic=None):
        words = []
        for _ in range(self.random.randint(low, high)):
            words.append(self.random.choice(topic) if topic else self.word(code))
            if self.random.random() < 0.3:
                words.append(self.random.choice(GLUE[code]))
        text = " ".join(words)
        return text[0].upper() + text[1:]

    def body(self, code, topic):
        paragraphs = [
            " ".join(
                f"{self.sentence(code, 8, 16, topic)}." for _ in range(self.random.randint(3, 6))
            )
            for _ in range(self.random.randint(3, 6))
        ]
        return "".join(f"<p>{p}</p>" for p in paragraphs)


def fill(articles, writer):
    """
    Write `articles` articles and their agreements, partners and categories.

    Bulk inserts throughout, so what `save()` would derive is set here:
    bodies are plain paragraphs (nothing for the HTML cleaner to remove) and
    each agreement's `expires_on` comes from `compute_expiry()`.
    """
    from django.db import connection
    from django.utils import timezone

    from news.models import Agreement, Article, Category, Partner, Signatory

    now = timezone.now()
    categories = Category.objects.bulk_create(
        Category(
            **{f"name_{c}": f"{writer.word(c)} {n}" for c in LANGS},
            **{f"slug_{c}": f"category-{c}-{n}" for c in LANGS},
        )
        for n in range(8)
    )
    partners = Partner.objects.bulk_create(
        Partner(
            slug=f"partner-{n}",
            country=COUNTRIES[n % len(COUNTRIES)],
            **{f"name_{c}": writer.sentence(c, 3, 6) for c in LANGS},
            **{f"description_{c}": writer.sentence(c, 15, 30) for c in LANGS},
        )
        for n in range(150)
    )
    batch = []
    for n in range(articles):
        roll = writer.random.random()
        languages = LANGS if roll < 0.8 else writer.random.sample(LANGS, 1 + (roll > 0.9))
        status = Article.Status.PUBLISHED if writer.random.random() < 0.9 else "draft"
        fields = {}
        for code in languages:
            topic = writer.topic(code)
            fields.update(
                {
                    f"title_{code}": writer.sentence(code, 5, 9, topic),
                    f"slug_{code}": f"article-{n}",
                    f"summary_{code}": writer.sentence(code, 15, 25, topic),
                    f"body_{code}": writer.body(code, topic),
                }
            )
        batch.append(
            Article(
                category=categories[n % len(categories)],
                status=status,
                # The newest public one is the home page's featured article.
                featured=n == 0,
                published_at=now - datetime.timedelta(hours=n),
                **fields,
            )
        )
        if len(batch) == 1000:
            Article.objects.bulk_create(batch)
            batch = []
    Article.objects.bulk_create(batch)

    article_pks = sorted(Article.objects.values_list("pk", flat=True))
    announced = writer.random.sample(article_pks, articles // 20)
    agreements = []
    for n, article_pk in enumerate(announced):
        agreement = Agreement(
            article_id=article_pk if n % 2 else None,
            signed_on=datetime.date(2015, 1, 1) + datetime.timedelta(days=n * 7),
            duration_years=5,
            **{f"title_{c}": writer.sentence(c, 6, 10) for c in LANGS},
            **{f"areas_{c}": "\n".join(writer.sentence(c, 3, 6) for _ in range(3)) for c in LANGS},
            **{
                f"projects_{c}": "\n".join(writer.sentence(c, 4, 8) for _ in range(2))
                for c in LANGS
            },
            **{f"signed_in_{c}": writer.word(c) for c in LANGS},
        )
        agreement.expires_on = agreement.compute_expiry()
        agreements.append(agreement)
    agreements = Agreement.objects.bulk_create(agreements, batch_size=1000)
    links, signatories = [], []
    Link = Agreement.partners.through
    for agreement in agreements:
        for position, partner in enumerate(writer.random.sample(partners, 2)):
            links.append(Link(agreement_id=agreement.pk, partner_id=partner.pk))
            signatories.append(
                Signatory(
                    agreement=agreement,
                    party=partner,
                    position=position,
                    **{f"name_{c}": writer.sentence(c, 2, 3) for c in LANGS},
                    **{f"role_{c}": writer.sentence(c, 3, 5) for c in LANGS},
                )
            )
    Link.objects.bulk_create(links, batch_size=2000)
    Signatory.objects.bulk_create(signatories, batch_size=2000)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Fresh statistics and visibility map: autovacuum may be off.
            cursor.execute("VACUUM ANALYZE")


# The database --------------------------------------------------------------


def refuse(message):
    sys.exit(f"bench: {message}")


def database_url(size):
    """The database to use: DATABASE_URL if it names one of ours, else portal_bench_<size>."""
    given = os.environ.get("DATABASE_URL")
    if given:
        parts = urlsplit(given)
        name = parts.path.lstrip("/")
        if parts.scheme not in ("postgres", "postgresql", "pgsql"):
            refuse(f"DATABASE_URL is {parts.scheme}:, the benchmark runs on PostgreSQL only.")
        if not name.startswith(DATABASE_PREFIX):
            refuse(
                f"DATABASE_URL names the database {name!r}; the benchmark only writes to "
                f"databases of its own, named {DATABASE_PREFIX}*. Unset DATABASE_URL to use "
                f"{DATABASE_PREFIX}_{size}."
            )
        return given
    server = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432").rstrip("/")
    return f"{server}/{DATABASE_PREFIX}_{size}"


def connect(url, name=None):
    import psycopg

    parts = urlsplit(url)
    if name is not None:
        url = urlunsplit(parts._replace(path=f"/{name}"))
    return psycopg.connect(url, autocommit=True)


def inspect(url):
    """'missing', 'empty', 'foreign', or the marker row (size, version, ready)."""
    import psycopg

    try:
        database = connect(url)
    except psycopg.OperationalError as error:
        if "does not exist" in str(error):
            return "missing"
        raise
    with database:
        tables = database.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchall()
        names = {name for (name,) in tables}
        if not names:
            return "empty"
        if MARKER_TABLE not in names:
            return "foreign"
        row = database.execute(f"SELECT size, version, ready FROM {MARKER_TABLE}").fetchone()
        return row or "foreign"


def recreate(url):
    name = urlsplit(url).path.lstrip("/")
    with connect(url, "postgres") as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}"')
        server.execute(f'CREATE DATABASE "{name}"')


def prepare(size, seed=5, verbose=True):
    """
    Point Django at the benchmark database of `size` articles, building it if needed.

    Sets DATABASE_URL and calls django.setup(); returns the URL.
    """
    url = database_url(size)
    name = urlsplit(url).path.lstrip("/")
    state = inspect(url)
    if state == "foreign":
        refuse(
            f"the database {name!r} exists and was not built by bench/dataset.py "
            f"(no {MARKER_TABLE} marker). Drop it or set DATABASE_URL to another "
            f"{DATABASE_PREFIX}* name."
        )
    reuse = isinstance(state, tuple) and state == (size, DATASET_VERSION, True)
    if state == "missing" or (isinstance(state, tuple) and not reuse):
        recreate(url)  # Ours (missing, or carrying our marker): safe to start afresh.
    os.environ["DATABASE_URL"] = url

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    # Always: migrations merged since the build apply to the kept database too.
    call_command("migrate", verbosity=0, interactive=False)
    if reuse:
        if verbose:
            print(f"dataset:   {name} reused ({size:,} articles)")
        return url
    began = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE {MARKER_TABLE} (size integer NOT NULL, version integer NOT NULL,"
            " seed integer NOT NULL, ready boolean NOT NULL, built_at timestamptz NOT NULL)"
        )
        cursor.execute(
            f"INSERT INTO {MARKER_TABLE} VALUES (%s, %s, %s, false, now())",
            [size, DATASET_VERSION, seed],
        )
    fill(size, Writer(seed))
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {MARKER_TABLE} SET ready = true, built_at = now()")
    if verbose:
        print(f"dataset:   {name} built in {time.perf_counter() - began:.1f} s")
    return url


def describe():
    from news.models import Agreement, Article, Partner

    return {
        "articles": Article.objects.count(),
        "public": Article.objects.published().count(),
        "agreements": Agreement.objects.count(),
        "visible_agreements": Agreement.objects.visible().count(),
        "partners": Partner.objects.count(),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--size", type=int, default=10_000, help="number of articles")
    options = parser.parse_args()
    prepare(options.size)
    figures = describe()
    print(
        f"content:   {figures['articles']:,} articles ({figures['public']:,} public), "
        f"{figures['agreements']:,} agreements, {figures['partners']:,} partners"
    )


if __name__ == "__main__":
    main()
