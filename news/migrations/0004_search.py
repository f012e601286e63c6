"""
Full-text search on PostgreSQL; nothing at all on SQLite.

Creates the `unaccent` extension, a `french_unaccent` text search
configuration (French stemming that ignores accents), and one GIN expression
index per model and language. Each index expression is written out here,
frozen, and must stay identical to what `news/search.py` builds for its
queries, or PostgreSQL will not use the index:
tests/news/test_search.py::test_every_search_uses_its_index checks that it does.
Change a document there, and add a migration that rebuilds the index here.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.operations import UnaccentExtension
from django.contrib.postgres.search import SearchVector
from django.db import migrations
from django.db.models import F, Func, TextField, Value
from django.db.models.functions import Coalesce, NullIf

CONFIGS = {"ar": "arabic", "en": "english", "fr": "french_unaccent"}
# MODELTRANSLATION_FALLBACK_LANGUAGES as of this migration.
CHAINS = {"ar": ("ar", "en", "fr"), "en": ("en", "fr", "ar"), "fr": ("fr", "en", "ar")}


def shown(field, code):
    texts = (NullIf(F(f"{field}_{c}"), Value("")) for c in CHAINS[code])
    return Coalesce(*texts, Value(""), output_field=TextField())


def plain(expression):
    return Func(
        expression,
        Value("<[^>]*>"),
        Value(" "),
        Value("g"),
        function="regexp_replace",
        output_field=TextField(),
    )


def vector(*expressions, code, weight):
    return SearchVector(*expressions, config=CONFIGS[code], weight=weight)


DOCUMENTS = {
    "article": lambda code: (
        vector(shown("title", code), code=code, weight="A")
        + vector(shown("summary", code), code=code, weight="B")
        + vector(plain(shown("body", code)), code=code, weight="C")
    ),
    "agreement": lambda code: (
        vector(shown("title", code), code=code, weight="A")
        + vector(shown("areas", code), shown("projects", code), code=code, weight="B")
        + vector(shown("signed_in", code), code=code, weight="C")
    ),
    "partner": lambda code: (
        vector(shown("name", code), shown("acronym", code), code=code, weight="A")
        + vector(shown("description", code), code=code, weight="C")
    ),
}


def indexes(apps):
    for model_name, document in DOCUMENTS.items():
        model = apps.get_model("news", model_name)
        for code in CONFIGS:
            yield model, GinIndex(document(code), name=f"news_{model_name}_search_{code}")


def create_search(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french)")
    # Only these token types can hold accented letters; ascii* ones cannot.
    schema_editor.execute(
        "ALTER TEXT SEARCH CONFIGURATION french_unaccent "
        "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem"
    )
    for model, index in indexes(apps):
        schema_editor.add_index(model, index)


def drop_search(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, index in indexes(apps):
        schema_editor.remove_index(model, index)
    schema_editor.execute("DROP TEXT SEARCH CONFIGURATION french_unaccent")


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0003_groups"),
    ]

    operations = [
        # A no-op on other databases; `unaccent` is a trusted extension, so
        # the database's owner may create it without being a superuser.
        UnaccentExtension(),
        migrations.RunPython(create_search, drop_search),
    ]
