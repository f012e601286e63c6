"""
The site's search: public articles, agreements and partners, in the visitor's language.

What is searched is what the visitor would read: each field in their
language, or in its fallback language when it has no text in theirs (the
chain of `portal/translation.py`). Only what `Article.objects.published()` and
`Agreement.objects.visible()` let through is ever looked at.

The query is read as PostgreSQL's "websearch" syntax: every word must be
found; "quoted words" must be found together; `or` between groups of words
accepts either; `-word` excludes.

- PostgreSQL (production): full-text search in the documents PostgreSQL keeps
  per model and language (news/search_documents.py), each read with the
  language's own configuration (stemming; `french_unaccent` ignores accents)
  and GIN-indexed; ranked by `ts_rank` with weights (title A, summary B,
  body C); excerpts by `ts_headline`.
- SQLite (development only): each word or quoted phrase is looked for as
  typed, inside the text, with SQLite's LIKE (case-insensitive for
  unaccented Latin letters only): no stemming, no accent folding, no rank.
  See "Search on SQLite is for development only" in docs/decisions.md.

Order: items whose title holds the query come first, then by rank, then the
most recent. Only the CANDIDATES most recent matches of each kind are ranked,
so a word found in most articles costs no more than one found in a thousand;
the count then says "more than".
"""

import functools
import html
import re
from collections import defaultdict
from dataclasses import dataclass, field

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
# The most recent matches of each kind that are ranked and can be paged through.
CANDIDATES = 1000

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

TOKEN = re.compile(r'(-?)(?:"([^"]*)"?|([^\s"]+))')
WORDS = re.compile(r"\w+")


@dataclass
class Clause:
    """Terms (words or quoted phrases) that must all be found, terms excluded, as typed."""

    required: list = field(default_factory=list)
    excluded: list = field(default_factory=list)
    tokens: list = field(default_factory=list)


@dataclass
class Terms:
    """A query: clauses joined by `or`."""

    clauses: list

    def __bool__(self):
        return bool(self.clauses)

    @property
    def websearch(self):
        """The query for websearch_to_tsquery(), without the clauses that only exclude."""
        return " or ".join(" ".join(clause.tokens) for clause in self.clauses)

    @property
    def required(self):
        return [term for clause in self.clauses for term in clause.required]


def parse(text):
    """Read `text` as websearch syntax; clauses with nothing to find are dropped."""
    clauses, clause = [], Clause()
    for match in TOKEN.finditer(text):
        minus, quoted, bare = match.groups()
        if quoted is None and not minus and bare.lower() == "or":
            clauses.append(clause)
            clause = Clause()
            continue
        if quoted is not None:
            terms = [" ".join(quoted.split())] if WORDS.search(quoted) else []
        else:
            terms = WORDS.findall(bare)
        if not terms:  # only signs: PostgreSQL ignores them too
            continue
        (clause.excluded if minus else clause.required).extend(terms)
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
        self._more = False

    @property
    def searched(self):
        """False when the query had nothing to look for (no database query was made)."""
        return self.engine is not None

    def count(self):
        if self._count is None:
            counts = self.engine.counts() if self.engine else ()
            self._count = sum(min(count, CANDIDATES) for count in counts)
            self._more = any(count > CANDIDATES for count in counts)
        return self._count

    @property
    def more(self):
        """Whether there are more matches than counted (and offered in pages)."""
        self.count()
        return self._more

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
    terms = parse(text)
    if not terms:
        return Results()
    engine = PostgresSearch if connection.vendor == "postgresql" else SimpleSearch
    return Results(engine(terms, code))


# What both engines share --------------------------------------------------------

# The fields whose text makes a kind's title.
TITLES = {"article": ("title",), "agreement": ("title",), "partner": ("name", "acronym")}


class Search:
    """The three kinds matched, counted, ordered one page at a time, and loaded."""

    def __init__(self, terms, code):
        self.terms, self.code = terms, code

    # What an engine decides: how a kind's rows are matched, titled, ranked and marked.
    def prepared(self, queryset, kind):
        return queryset

    def found(self, kind):
        """A condition: the row matches the query."""
        raise NotImplementedError

    def title_hit(self, kind):
        """An expression: the row's title alone holds the query."""
        raise NotImplementedError

    def rank(self, kind):
        raise NotImplementedError

    def whole(self, field_name):
        raise NotImplementedError

    def fragments(self, field_name, *, html=False):
        raise NotImplementedError

    def finish(self, text, *, excerpt=False, html=False):
        return text

    # Matching.
    def matching(self, queryset, kind):
        return self.prepared(queryset, kind).filter(self.found(kind))

    def articles(self):
        return self.matching(Article.objects.published(), "article")

    def partners(self):
        return self.matching(Partner.objects.all(), "partner")

    def agreements(self):
        """Public agreements that match, or one of whose partners matches (by its name)."""
        named = Agreement.partners.through.objects.filter(partner__in=self.partners())
        found = self.found("agreement") | Q(pk__in=named.values("agreement_id"))
        return self.prepared(Agreement.objects.visible(), "agreement").filter(found)

    def counts(self):
        """Matches of each kind, each counted up to CANDIDATES + 1, in one query."""
        parts, params = [], []
        for queryset in (self.articles(), self.agreements(), self.partners()):
            limited = queryset.order_by().values("pk")[: CANDIDATES + 1]
            sql, part_params = limited.query.sql_with_params()
            parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS found)")
            params += part_params
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {', '.join(parts)}", params)
            return cursor.fetchone()

    # Ordering: one query over the three kinds, for one page.
    def ranking(self, queryset, kind, date):
        return (
            queryset.annotate(
                kind=Value(kind),
                title_hit=self.title_hit(kind),
                rank=self.rank(kind),
                date=date,
            )
            .order_by()
            .values_list("kind", "pk", "title_hit", "rank", "date")
        )

    def ranked(self, queryset, kind, newest, date):
        """(kind, pk, title_hit, rank, date) of the CANDIDATES newest matches of `queryset`."""
        # Ranked in the same query that picks them: their documents are read once.
        return self.ranking(queryset, kind, date).order_by(*newest)[:CANDIDATES]

    def ranked_union(self):
        """(kind, pk, title_hit, rank, date) of every candidate, best first."""
        articles = self.ranked(
            self.articles(), "article", ("-published_at", "-pk"), F("published_at")
        )
        agreements = self.ranked(
            self.agreements(),
            "agreement",
            ("-signed_on", "-pk"),
            Cast("signed_on", models.DateTimeField()),
        )
        partners = self.ranked(
            self.partners(), "partner", ("-pk",), Value(None, output_field=models.DateTimeField())
        )
        union = articles.union(agreements, partners, all=True)
        return union.order_by("-title_hit", "-rank", "-date", "kind", "pk")

    def hits(self, start, stop):
        return [(kind, pk) for kind, pk, *_rest in self.ranked_union()[start:stop]]

    # Loading one page, marked.
    def results(self, start, stop):
        with override(self.code):
            return self.load(self.hits(start, stop))

    def load(self, hits):
        wanted = defaultdict(list)
        for kind, pk in hits:
            wanted[kind].append(pk)
        mark = self.finish
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
                    body_marked=self.fragments("body", html=True),
                )
            )
            for article in articles:
                loaded["article", article.pk] = article_result(
                    article,
                    title=mark(article.title_marked),
                    summary=mark(article.summary_marked),
                    body=mark(article.body_marked, excerpt=True, html=True),
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
                    title=mark(agreement.title_marked),
                    excerpts={
                        "areas": mark(agreement.areas_marked),
                        "projects": mark(agreement.projects_marked),
                        "signed_in": mark(agreement.signed_in_marked),
                    },
                    partners=[
                        (p, mark(p.name_marked), mark(p.acronym_marked))
                        for p in agreement.partners.all()
                    ],
                )
        if "partner" in wanted:
            partners = (
                Partner.objects.filter(pk__in=wanted["partner"])
                .defer(*SEARCH_DOCUMENTS)
                .annotate(
                    name_marked=self.whole("name"),
                    acronym_marked=self.whole("acronym"),
                    description_marked=self.fragments("description"),
                )
            )
            for partner in partners:
                loaded["partner", partner.pk] = partner_result(
                    partner,
                    name=mark(partner.name_marked),
                    acronym=mark(partner.acronym_marked),
                    description=mark(partner.description_marked, excerpt=True),
                )
        # An item unpublished between the two queries is simply left out.
        return [loaded[hit] for hit in hits if hit in loaded]


# PostgreSQL --------------------------------------------------------------------


class PostgresSearch(Search):
    """Full-text search over the stored documents (news/search_documents.py)."""

    def __init__(self, terms, code):
        super().__init__(terms, code)
        self.config = config(code)
        self.document = f"search_{code}"
        self.query = SearchQuery(terms.websearch, config=self.config, search_type="websearch")

    def found(self, kind):
        return Q(**{self.document: self.query})  # through the document's GIN index

    def title_hit(self, kind):
        # The title is the part of the document weighted A.
        title = Func(
            F(self.document), Value("{a}"), function="ts_filter", output_field=SearchVectorField()
        )
        return SearchVectorExact(title, self.query)

    def rank(self, kind):
        return SearchRank(F(self.document), self.query)

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

    def fragments(self, field_name, *, html=False):
        text = shown(field_name, self.code)
        return self.headline(
            plain(text) if html else text,
            max_words=30,
            min_words=12,
            max_fragments=2,
            fragment_delimiter=" … ",
        )


# SQLite: development only ---------------------------------------------------------

SEARCHED = {
    "article": ("title", "summary", "body"),
    "agreement": ("title", "areas", "projects", "signed_in"),
    "partner": ("name", "acronym", "description"),
}
TAG = re.compile(r"<[^>]*>")  # as news.search_documents.plain() in PostgreSQL
EXCERPT_BEFORE, EXCERPT_LENGTH = 80, 240


class SimpleSearch(Search):
    """Each term looked for as typed in the shown text (LIKE): for a laptop, not production."""

    def prepared(self, queryset, kind):
        return queryset.annotate(
            **{f"shown_{name}": shown(name, self.code) for name in SEARCHED[kind]}
        )

    def found(self, kind, names=None):
        names = names or SEARCHED[kind]

        def anywhere(term):
            return functools.reduce(
                Q.__or__, (Q(**{f"shown_{name}__icontains": term}) for name in names)
            )

        def clause_found(clause):
            found = functools.reduce(Q.__and__, map(anywhere, clause.required))
            for term in clause.excluded:
                found &= ~anywhere(term)
            return found

        return functools.reduce(Q.__or__, map(clause_found, self.terms.clauses))

    def title_hit(self, kind):
        title = self.found(kind, TITLES[kind])
        return Case(When(title, then=True), default=False, output_field=models.BooleanField())

    def rank(self, kind):
        return Value(0.0, output_field=models.FloatField())

    def ranked(self, queryset, kind, newest, date):
        # SQLite allows no LIMIT inside a UNION: the candidates are picked in a subquery.
        candidates = queryset.order_by(*newest).values("pk")[:CANDIDATES]
        chosen = self.prepared(queryset.model.objects.filter(pk__in=candidates), kind)
        return self.ranking(chosen, kind, date)

    def whole(self, field_name):
        return shown(field_name, self.code)

    def fragments(self, field_name, *, html=False):
        return shown(field_name, self.code)

    @functools.cached_property
    def pattern(self):
        terms = sorted(set(self.terms.required), key=len, reverse=True)
        return re.compile("|".join(map(re.escape, terms)), re.IGNORECASE)

    def finish(self, text, *, excerpt=False, html=False):
        """`text` with the terms marked; `excerpt`: cut around the first; `html`: tags dropped."""
        if html:
            text = " ".join(TAG.sub(" ", text).split())
        if excerpt and len(text) > EXCERPT_LENGTH:
            first = self.pattern.search(text)
            start = text.rfind(" ", 0, max(0, (first.start() if first else 0) - EXCERPT_BEFORE))
            end = text.find(" ", start + 1 + EXCERPT_LENGTH)
            text = (
                ("… " if start > 0 else "")
                + text[start + 1 : end if end != -1 else None]
                + (" …" if end != -1 else "")
            )
        return self.pattern.sub(lambda found: f"{MARK_START}{found.group(0)}{MARK_END}", text)


# Results from marked text, for both engines -------------------------------------


def snippet(obj, field_name, marked, *, entities=False):
    return Snippet(localized(obj, field_name), render_marks(marked, entities=entities))


def first_marked(snippets):
    """The first snippet with a match in it, else the first with any text."""
    snippets = [s for s in snippets if s.text]
    return next((s for s in snippets if "<mark>" in s.html), snippets[0] if snippets else None)


def article_result(article, *, title, summary, body):
    return Result(
        "article",
        article,
        title=snippet(article, "title", title),
        excerpt=first_marked(
            [
                snippet(article, "summary", summary),
                # The body's excerpt still holds the HTML's character references.
                snippet(article, "body", body, entities=True),
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
