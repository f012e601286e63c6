"""
What the site's search reads of each model, per language: the text search documents.

Each searchable model stores one document per language in a generated column
(`search_ar`, `search_en`, `search_fr`) that PostgreSQL computes itself on
every insert and update, whatever wrote the row (admin, `update()`,
`bulk_create()`), and that a GIN index makes fast (news/migrations/0004_search.py).
On other databases the column is NULL and news/search.py uses its
development-only search (LIKE).

A document holds the fields as a visitor reading that language sees them: the
field's own text, else the first fallback language's (portal/translation.py),
weighted A (title), B, C (body), and read with that language's configuration.
Changing a document is a model change: `makemigrations` writes the migration
that rebuilds the column. Why stored and not an expression index, and what
altering a field that a document reads requires: docs/decisions.md.
"""

from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import F, Func, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import gettext_lazy as _

from sitekit.languages import fallback_chain

CONFIGS = {"ar": "arabic", "en": "english", "fr": "french_unaccent"}


def config(code):
    return CONFIGS.get(code, "simple")


def shown(field_name, code):
    """The field as a visitor reading `code` sees it: own text, else the first fallback's."""
    texts = (NullIf(F(f"{field_name}_{c}"), Value("")) for c in fallback_chain(code))
    return Coalesce(*texts, Value(""), output_field=models.TextField())


def plain(expression):
    """HTML without its tags; bodies are sanitized on save, so `<` only ever opens a tag."""
    return Func(
        expression,
        Value("<[^>]*>"),
        Value(" "),
        Value("g"),
        function="regexp_replace",
        output_field=models.TextField(),
    )


def weighted(weight, *expressions, code):
    return SearchVector(*expressions, config=config(code), weight=weight)


DOCUMENTS = {
    "article": lambda code: (
        weighted("A", shown("title", code), code=code)
        + weighted("B", shown("summary", code), code=code)
        + weighted("C", plain(shown("body", code)), code=code)
    ),
    "agreement": lambda code: (
        weighted("A", shown("title", code), code=code)
        + weighted("B", shown("areas", code), shown("projects", code), code=code)
        + weighted("C", shown("signed_in", code), code=code)
    ),
    "partner": lambda code: (
        weighted("A", shown("name", code), shown("acronym", code), code=code)
        + weighted("C", shown("description", code), code=code)
    ),
}


class OnPostgreSQL(Func):
    """Its expression on PostgreSQL; NULL on other databases, which lack text search."""

    template = "%(expressions)s"

    def as_sql(self, compiler, connection, **extra_context):
        return "NULL", []

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, **extra_context)


def search_vector(model_name, code):
    """The generated column holding `model_name`'s document in language `code`."""
    return models.GeneratedField(
        expression=OnPostgreSQL(DOCUMENTS[model_name](code), output_field=SearchVectorField()),
        output_field=SearchVectorField(null=True),
        db_persist=True,
        # Derived data: left out of dumps and django-reversion's versions.
        serialize=False,
        verbose_name=_("search document"),
    )
