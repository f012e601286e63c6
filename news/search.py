"""
The site's search: public articles, agreements and partners, in the visitor's language.

What is searched is what the visitor would read: each field in their
language, or in its fallback language when it has no text in theirs (the
chain of `portal/translation.py`). Only what `Article.objects.published()` and
`Agreement.objects.visible()` let through is ever looked at.

Both engines read the query the same way (PostgreSQL's "websearch" syntax):
every word must be found; "quoted words" must be found together; `or`
between groups of words accepts either; `-word` excludes.

- PostgreSQL: full-text search in the documents PostgreSQL keeps per model
  and language (news/search_documents.py), each read with the language's own
  configuration (`french_unaccent` ignores accents) and GIN-indexed; ranked by
  `ts_rank` with weights (title A, summary B, body C); excerpts by `ts_headline`.
- Anything else (SQLite on a laptop): the same page, found in Python, which
  reads every public item, so it suits a laptop's few hundred, not
  production. Words match case- and accent-insensitively from their start
  (Arabic: anywhere in the word, which holds its prefixes), after a light
  stemming (plural -s/-x; Arabic article, conjunction and common suffixes).

Either way titles come first: items whose title holds every word searched
for are ranked above the rest, then by rank, then the most recent.
"""

import functools
import html
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, time

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorExact,
    SearchVectorField,
)
from django.db import connection, models
from django.db.models import Case, F, Func, Prefetch, Q, Value, When
from django.db.models.functions import Cast
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import override

from sitekit.languages import Localized, localized

from .models import SEARCH_DOCUMENTS, Agreement, Article, Partner
from .search_documents import config, plain, shown

# Longer queries are cut to this many characters (and the visitor told).
MAX_QUERY_LENGTH = 200

# Private-use characters that wrap matches until the text has been escaped;
# only then do they become <mark> and </mark>.
MARK_START, MARK_END = "\ue000", "\ue001"
MARKED = re.compile(f"{MARK_START}([^{MARK_START}{MARK_END}]*){MARK_END}")


def render_marks(text, *, entities=False):
    """Escaped `text` with its marked matches as <mark>; `entities` for HTML turned to text."""
    if entities:
        text = html.unescape(text)
    # Tags removed from a body leave runs of spaces behind.
    text = " ".join(text.split())
    marked = MARKED.sub(r"<mark>\1</mark>", str(escape(text)))
    # Nothing but escaped text and our own <mark> elements is left.
    return mark_safe(marked.replace(MARK_START, "").replace(MARK_END, ""))


@dataclass(frozen=True)
class Snippet:
    """A piece of a result: the text as localized (language, fallback) and as shown, marked."""

    text: Localized
    html: str

    def __str__(self):
        return self.html

    def __html__(self):
        return self.html

    @property
    def attrs(self):
        return self.text.attrs


@dataclass
class Result:
    kind: str  # "article", "agreement" or "partner"
    object: models.Model
    title: Snippet
    excerpt: Snippet | None = None
    partners: list[Snippet] = field(default_factory=list)

    @property
    def kind_label(self):
        return capfirst(self.object._meta.verbose_name)

    @property
    def url(self):
        return self.object.get_absolute_url()


# Reading the query -------------------------------------------------------------

STOPWORDS = {
    "ar": "في من على الى إلى عن مع و او أو ان أن إن التي الذي هذا هذه ذلك تلك كان ما لا ثم قد",
    "en": "a an and are as at be by for from in into is it its of on that the their this to was "
    "were with",
    "fr": "a au aux avec ce ces d dans de des du en est et il l la le les leur leurs n ne ou par "
    "pour qu que qui s sa se ses son sur un une",
}
# The Arabic article and conjunctions written onto the front of a word, and
# the commonest endings (feminine, sound plurals), longest first.
ARABIC_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")
ARABIC_SUFFIXES = ("ات", "ون", "ين", "ه")
FOLD = {"ـ": "", "ى": "ي", "ة": "ه", "œ": "oe", "æ": "ae"}
TOKEN = re.compile(r'(-?)(?:"([^"]*)"?|([^\s"]+))')
TAG = re.compile(r"<[^>]*>")  # as news.search_documents.plain() in PostgreSQL


@functools.cache
def folding_table():
    """str.translate() table: combining marks (accents, harakat, hamza seats) dropped."""
    table = {cp: None for cp in range(0x10000) if unicodedata.combining(chr(cp))}
    return {**table, **{ord(char): into for char, into in FOLD.items()}}


def fold(text):
    """`text` without case, accents or Arabic marks, for matching."""
    return unicodedata.normalize("NFKD", text.casefold()).translate(folding_table())


def normalize(text):
    """`text` folded, and for every folded character the index of the one it came from."""
    folded, origin = [], []
    for index, char in enumerate(text):
        for piece in fold(char):
            folded.append(piece)
            origin.append(index)
    return "".join(folded), origin


def is_arabic(word):
    return "\u0600" <= word[0] <= "\u06ff"


def stem(word):
    """A light stem, found as the start of words (Latin) or inside them (Arabic)."""
    if is_arabic(word):
        for prefix in ARABIC_PREFIXES:
            if word.startswith(prefix) and len(word) - len(prefix) >= 3:
                word = word[len(prefix) :]
                break
        for suffix in ARABIC_SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                return word[: -len(suffix)]
        return word
    if len(word) > 3 and word[-1] in "sx" and not word.endswith("ss"):
        return word[:-1]
    return word


def word_pattern(stems):
    """A regular expression finding these stems one after the other, whole words marked."""
    parts = []
    for position, part in enumerate(stems):
        if position:
            parts.append(r"\w*\W+")
        if is_arabic(part):
            parts.append(r"\w*")
        elif not position:
            parts.append(r"(?<!\w)")
        parts.append(re.escape(part))
    parts.append(r"\w*")
    return re.compile("".join(parts))


@dataclass
class Clause:
    """Words that must all be found (each a tuple of patterns, all found) and words excluded."""

    required: list = field(default_factory=list)
    excluded: list = field(default_factory=list)
    tokens: list = field(default_factory=list)


@dataclass
class Terms:
    """A query as both engines understand it: clauses joined by `or`."""

    clauses: list

    def __bool__(self):
        return bool(self.clauses)

    @property
    def websearch(self):
        """The query for websearch_to_tsquery(), without the clauses that only exclude."""
        return " or ".join(" ".join(clause.tokens) for clause in self.clauses)

    @property
    def patterns(self):
        return [p for clause in self.clauses for patterns in clause.required for p in patterns]


def parse(text, code):
    """Read `text` as websearch syntax; clauses with nothing to find are dropped."""
    stopwords = {fold(word) for word in STOPWORDS.get(code, "").split()}
    clauses, clause = [], Clause()
    for match in TOKEN.finditer(text):
        minus, quoted, bare = match.groups()
        if quoted is None and not minus and bare.lower() == "or":
            clauses.append(clause)
            clause = Clause()
            continue
        words = re.findall(r"\w+", fold(quoted if quoted is not None else bare))
        if quoted is None:
            words = [word for word in words if word not in stopwords]
        if not words:
            continue
        stems = [stem(word) for word in words]
        if quoted is not None:
            patterns = (word_pattern(stems),)
        else:
            patterns = tuple(word_pattern([part]) for part in stems)
        (clause.excluded if minus else clause.required).append(patterns)
        clause.tokens.append(match.group(0))
    clauses.append(clause)
    return Terms([clause for clause in clauses if clause.required])


def clean_query(text):
    """The query as searched, and whether it had to be cut to MAX_QUERY_LENGTH."""
    text = " ".join((text or "").split())
    if len(text) <= MAX_QUERY_LENGTH:
        return text, False
    return text[:MAX_QUERY_LENGTH].rstrip(), True


# Results, counted and sliced lazily for the Paginator --------------------------


class Results:
    """Every hit for a query, counted cheaply and turned into Results one page at a time."""

    def __init__(self, engine=None):
        self.engine = engine
        self._count = None

    @property
    def searched(self):
        """False when the query had nothing to look for (no database query was made)."""
        return self.engine is not None

    def count(self):
        if self._count is None:
            self._count = self.engine.count() if self.engine else 0
        return self._count

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return self[key : key + 1][0]
        if self.engine is None:
            return []
        start, stop, _step = key.indices(self.count())
        return self.engine.results(start, stop) if stop > start else []


def search(text, code):
    """Results for `text` in language `code`; none when there is nothing to look for."""
    terms = parse(text, code)
    if not terms:
        return Results()
    engine = PostgresSearch if connection.vendor == "postgresql" else PythonSearch
    return Results(engine(terms, code))


# PostgreSQL --------------------------------------------------------------------


class PostgresSearch:
    """Full-text search over the stored documents (news/search_documents.py)."""

    def __init__(self, terms, code):
        self.code = code
        self.config = config(code)
        self.document = f"search_{code}"
        self.query = SearchQuery(terms.websearch, config=self.config, search_type="websearch")

    def matching(self, queryset):
        """The rows of `queryset` whose document matches, found through its GIN index."""
        return queryset.filter(**{self.document: self.query})

    def articles(self):
        return self.matching(Article.objects.published())

    def partners(self):
        return self.matching(Partner.objects.all())

    @functools.cached_property
    def named_agreements(self):
        """Agreements one of whose partners matches: found by a partner's name."""
        links = Agreement.partners.through.objects.filter(partner__in=self.partners())
        return list(links.values_list("agreement_id", flat=True).distinct())

    def agreements(self):
        # A list, not a subquery, so that PostgreSQL can OR it with the index.
        found = Q(**{self.document: self.query}) | Q(pk__in=self.named_agreements)
        return Agreement.objects.visible().filter(found)

    def count(self):
        return self.articles().count() + self.agreements().count() + self.partners().count()

    # Ranking: one query over the three kinds, for one page.
    def ranked(self, queryset, kind, date, bonus=None):
        document = F(self.document)
        rank = SearchRank(document, self.query)
        if bonus is not None:
            rank = rank + bonus
        # The title alone (the part weighted A) holds every word searched for.
        title = Func(document, Value("{a}"), function="ts_filter", output_field=SearchVectorField())
        return (
            queryset.order_by()
            .annotate(
                kind=Value(kind),
                title_hit=SearchVectorExact(title, self.query),
                rank=rank,
                date=date,
            )
            .values_list("kind", "pk", "title_hit", "rank", "date")
        )

    def ranked_union(self):
        """(kind, pk, title_hit, rank, date) of every match, best first."""
        articles = self.ranked(self.articles(), "article", F("published_at"))
        agreements = self.ranked(
            self.agreements(),
            "agreement",
            Cast("signed_on", models.DateTimeField()),
            # Named by a partner: worth a match in the place of signing (weight C).
            bonus=Case(
                When(pk__in=self.named_agreements, then=Value(0.1)),
                default=Value(0.0),
                output_field=models.FloatField(),
            ),
        )
        partners = self.ranked(
            self.partners(), "partner", Value(None, output_field=models.DateTimeField())
        )
        union = articles.union(agreements, partners, all=True)
        return union.order_by("-title_hit", "-rank", "-date", "kind", "pk")

    def hits(self, start, stop):
        return [(kind, pk) for kind, pk, *_rest in self.ranked_union()[start:stop]]

    def headline(self, expression, **options):
        return SearchHeadline(
            expression,
            self.query,
            config=self.config,
            start_sel=MARK_START,
            stop_sel=MARK_END,
            **options,
        )

    def whole(self, field_name):
        return self.headline(shown(field_name, self.code), highlight_all=True)

    def fragments(self, expression):
        return self.headline(
            expression, max_words=30, min_words=12, max_fragments=2, fragment_delimiter=" … "
        )

    def results(self, start, stop):
        with override(self.code):
            return self.load(self.hits(start, stop))

    def load(self, hits):
        wanted = defaultdict(list)
        for kind, pk in hits:
            wanted[kind].append(pk)
        loaded = {}
        if "article" in wanted:
            articles = (
                Article.objects.published()
                .filter(pk__in=wanted["article"])
                .defer(*SEARCH_DOCUMENTS)
                .select_related("category")
                .annotate(
                    title_marked=self.whole("title"),
                    summary_marked=self.whole("summary"),
                    body_marked=self.fragments(plain(shown("body", self.code))),
                )
            )
            for article in articles:
                loaded["article", article.pk] = article_result(
                    article,
                    title=article.title_marked,
                    summary=article.summary_marked,
                    body=article.body_marked,
                    body_entities=True,
                )
        if "agreement" in wanted:
            partners = Partner.objects.defer(*SEARCH_DOCUMENTS).annotate(
                name_marked=self.whole("name"), acronym_marked=self.whole("acronym")
            )
            agreements = (
                Agreement.objects.visible()
                .filter(pk__in=wanted["agreement"])
                .defer(*SEARCH_DOCUMENTS)
                .annotate(
                    title_marked=self.whole("title"),
                    areas_marked=self.whole("areas"),
                    projects_marked=self.whole("projects"),
                    signed_in_marked=self.whole("signed_in"),
                )
                .prefetch_related(Prefetch("partners", partners.order_by("slug")))
            )
            for agreement in agreements:
                loaded["agreement", agreement.pk] = agreement_result(
                    agreement,
                    title=agreement.title_marked,
                    excerpts={
                        "areas": agreement.areas_marked,
                        "projects": agreement.projects_marked,
                        "signed_in": agreement.signed_in_marked,
                    },
                    partners=[
                        (p, p.name_marked, p.acronym_marked) for p in agreement.partners.all()
                    ],
                )
        if "partner" in wanted:
            partners = (
                Partner.objects.filter(pk__in=wanted["partner"])
                .defer(*SEARCH_DOCUMENTS)
                .annotate(
                    name_marked=self.whole("name"),
                    acronym_marked=self.whole("acronym"),
                    description_marked=self.fragments(shown("description", self.code)),
                )
            )
            for partner in partners:
                loaded["partner", partner.pk] = partner_result(
                    partner,
                    name=partner.name_marked,
                    acronym=partner.acronym_marked,
                    description=partner.description_marked,
                )
        # An item unpublished between the two queries is simply left out.
        return [loaded[hit] for hit in hits if hit in loaded]


# Results from marked text, for both engines -------------------------------------


def snippet(obj, field_name, marked, *, entities=False):
    return Snippet(localized(obj, field_name), render_marks(marked, entities=entities))


def first_marked(snippets):
    """The first snippet with a match in it, else the first with any text."""
    snippets = [s for s in snippets if s.text]
    return next((s for s in snippets if "<mark>" in s.html), snippets[0] if snippets else None)


def article_result(article, *, title, summary, body, body_entities):
    """`body_entities`: the body excerpt still holds the HTML's character references."""
    return Result(
        "article",
        article,
        title=snippet(article, "title", title),
        excerpt=first_marked(
            [
                snippet(article, "summary", summary),
                snippet(article, "body", body, entities=body_entities),
            ]
        ),
    )


def agreement_result(agreement, *, title, excerpts, partners):
    # Areas and projects are one a line; shown on one line, separated by dots.
    found = [
        snippet(agreement, name, re.sub(r"\s*\n\s*", " · ", marked.strip()))
        for name, marked in excerpts.items()
    ]
    excerpt = next((s for s in found if "<mark>" in s.html), None)
    return Result(
        "agreement",
        agreement,
        title=snippet(agreement, "title", title),
        excerpt=excerpt,
        partners=[partner_name(p, name, acronym) for p, name, acronym in partners],
    )


def partner_name(partner, name, acronym, *, always=False):
    """The partner's name, with its acronym when `always` or when the acronym matched."""
    shown_name = snippet(partner, "name", name)
    if not acronym or not (always or MARK_START in acronym):
        return shown_name
    return Snippet(shown_name.text, render_marks(f"{name} ({acronym})"))


def partner_result(partner, *, name, acronym, description):
    description = snippet(partner, "description", description)
    return Result(
        "partner",
        partner,
        title=partner_name(partner, name, acronym, always=True),
        excerpt=description if description.text else None,
    )


# Python (SQLite and any other database) ------------------------------------------

WEIGHTS = {"A": 1.0, "B": 0.4, "C": 0.2}  # PostgreSQL's defaults for ts_rank
EXCERPT_BEFORE, EXCERPT_LENGTH = 80, 240


class Document:
    """One public item's fields as a visitor reading the page sees them, folded for matching."""

    TITLES = ("title", "name", "acronym")  # weighted A

    def __init__(self, kind, obj, fields):
        self.kind, self.object = kind, obj
        # name -> (weight, text shown, folded text)
        self.fields = {name: (weight, text, fold(text)) for name, (weight, text) in fields.items()}

    def found(self, patterns, names):
        return all(any(p.search(self.fields[name][2]) for name in names) for p in patterns)

    def matches(self, terms, names=None):
        """Whether the query matches these fields (all by default) taken together."""
        names = [name for name in names or self.fields if name in self.fields]
        return any(
            all(self.found(patterns, names) for patterns in clause.required)
            and not any(self.found(patterns, names) for patterns in clause.excluded)
            for clause in terms.clauses
        )

    def spans(self, name, terms):
        """Where the query's words are, as (start, end) in the shown text of `name`."""
        folded, origin = normalize(self.fields[name][1])
        spans = []
        for pattern in terms.patterns:
            for match in pattern.finditer(folded):
                if match.end() > match.start():
                    spans.append((origin[match.start()], origin[match.end() - 1] + 1))
        return sorted(spans)

    def sort_key(self, terms):
        """Ordered as PostgreSQL orders: title holds the query, rank, newest, kind, pk."""
        score = sum(
            WEIGHTS[weight] * sum(len(p.findall(folded)) for p in terms.patterns)
            for weight, _text, folded in self.fields.values()
        )
        date = getattr(self.object, "published_at", None) or getattr(self.object, "signed_on", None)
        if date is not None and not isinstance(date, datetime):
            date = datetime.combine(date, time(), tzinfo=UTC)
        # Descending dates put NULL first in PostgreSQL.
        when = (0, 0) if date is None else (1, -date.timestamp())
        return (not self.matches(terms, self.TITLES), -score, when, self.kind, self.object.pk)

    def marked(self, name, terms, *, excerpt=False):
        """The shown text of `name` with its matches marked; an excerpt around the first."""
        text = self.fields[name][1]
        spans = self.spans(name, terms)
        start, end = 0, len(text)
        if excerpt and len(text) > EXCERPT_LENGTH:
            first = spans[0][0] if spans else 0
            start = max(0, text.rfind(" ", 0, max(0, first - EXCERPT_BEFORE)) + 1)
            end = text.find(" ", start + EXCERPT_LENGTH)
            end = len(text) if end == -1 else end
        pieces, cursor = [], start
        for span_start, span_end in spans:
            if span_start < cursor or span_end > end:
                continue
            pieces += [text[cursor:span_start], MARK_START, text[span_start:span_end], MARK_END]
            cursor = span_end
        pieces.append(text[cursor:end])
        return ("… " if start else "") + "".join(pieces) + (" …" if end < len(text) else "")


def shown_text(obj, name):
    return localized(obj, name).text


def body_text(html_text):
    """An article body as text: tags dropped as in the PostgreSQL document, references read."""
    return " ".join(html.unescape(TAG.sub(" ", html_text)).split())


def article_document(article):
    return Document(
        "article",
        article,
        {
            "title": ("A", shown_text(article, "title")),
            "summary": ("B", shown_text(article, "summary")),
            "body": ("C", body_text(shown_text(article, "body"))),
        },
    )


def agreement_document(agreement):
    names = [
        f"{shown_text(p, 'name')} {shown_text(p, 'acronym')}" for p in agreement.partners.all()
    ]
    return Document(
        "agreement",
        agreement,
        {
            "title": ("A", shown_text(agreement, "title")),
            "areas": ("B", shown_text(agreement, "areas")),
            "projects": ("B", shown_text(agreement, "projects")),
            "partners": ("C", " ".join(names)),
            "signed_in": ("C", shown_text(agreement, "signed_in")),
        },
    )


def partner_document(partner):
    return Document(
        "partner",
        partner,
        {
            "name": ("A", shown_text(partner, "name")),
            "acronym": ("A", shown_text(partner, "acronym")),
            "description": ("C", shown_text(partner, "description")),
        },
    )


class PythonSearch:
    """Every public item read and matched in Python: for SQLite and a laptop's content."""

    def __init__(self, terms, code):
        self.terms, self.code = terms, code

    def documents(self):
        for article in Article.objects.published().select_related("category"):
            yield article_document(article)
        partners = Prefetch("partners", Partner.objects.order_by("slug"))
        for agreement in Agreement.objects.visible().prefetch_related(partners):
            yield agreement_document(agreement)
        for partner in Partner.objects.all():
            yield partner_document(partner)

    @functools.cached_property
    def hits(self):
        with override(self.code):
            found = [d for d in self.documents() if d.matches(self.terms)]
        return sorted(found, key=lambda document: document.sort_key(self.terms))

    def count(self):
        return len(self.hits)

    def results(self, start, stop):
        with override(self.code):
            return [self.result(document) for document in self.hits[start:stop]]

    def result(self, document):
        terms, obj = self.terms, document.object
        if document.kind == "article":
            return article_result(
                obj,
                title=document.marked("title", terms),
                summary=document.marked("summary", terms),
                body=document.marked("body", terms, excerpt=True),
                body_entities=False,
            )
        if document.kind == "agreement":
            partners = [(p, partner_document(p)) for p in obj.partners.all()]
            return agreement_result(
                obj,
                title=document.marked("title", terms),
                excerpts={
                    name: document.marked(name, terms)
                    for name in ("areas", "projects", "signed_in")
                },
                partners=[
                    (p, names.marked("name", terms), names.marked("acronym", terms))
                    for p, names in partners
                ],
            )
        return partner_result(
            obj,
            name=document.marked("name", terms),
            acronym=document.marked("acronym", terms),
            description=document.marked("description", terms, excerpt=True),
        )
