"""
Full-text search on PostgreSQL: documents, configuration and indexes.

- the `unaccent` extension and a `french_unaccent` text search configuration
  (French stemming that ignores accents), created only on PostgreSQL;
- `search_ar`, `search_en` and `search_fr` on articles, agreements and
  partners: generated columns in which PostgreSQL keeps each row's search
  document (news/search_documents.py); NULL on SQLite, which has no text search;
- one GIN index per generated column, created only on PostgreSQL.

PostgreSQL refuses to change the type of a column that a generated column
reads: a migration that alters a field named in a document (e.g. a longer
`title`) must remove that model's `search_*` fields first and add them back
after (docs/decisions.md).
"""

import django.contrib.postgres.search
import django.db.models.functions.comparison
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations, models

import news.search_documents

SEARCHABLE = ["article", "agreement", "partner"]
LANGUAGES = ["ar", "en", "fr"]


def indexes(apps):
    for model_name in SEARCHABLE:
        model = apps.get_model("news", model_name)
        for code in LANGUAGES:
            name = f"search_{code}"
            yield model, GinIndex(fields=[name], name=f"news_{model_name}_{name}")


def create_configuration(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french)")
    # Only these token types can hold accented letters; the ascii* ones cannot.
    schema_editor.execute(
        "ALTER TEXT SEARCH CONFIGURATION french_unaccent "
        "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem"
    )


def drop_configuration(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TEXT SEARCH CONFIGURATION french_unaccent")


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for model, index in indexes(apps):
            schema_editor.add_index(model, index)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for model, index in indexes(apps):
            schema_editor.remove_index(model, index)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0003_groups"),
    ]

    operations = [
        # A no-op on other databases. `unaccent` is a trusted extension: the
        # database's owner may create it without being a superuser.
        UnaccentExtension(),
        migrations.RunPython(create_configuration, drop_configuration),
        migrations.AddField(
            model_name="agreement",
            name="search_ar",
            field=models.GeneratedField(
                db_persist=True,
                expression=news.search_documents.OnPostgreSQL(
                    django.contrib.postgres.search.CombinedSearchVector(
                        django.contrib.postgres.search.CombinedSearchVector(
                            django.contrib.postgres.search.SearchVector(
                                django.db.models.functions.comparison.Coalesce(
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("title_ar"), models.Value("")
                                    ),
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("title_en"), models.Value("")
                                    ),
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("title_fr"), models.Value("")
                                    ),
                                    models.Value(""),
                                    output_field=models.TextField(),
                                ),
                                config="arabic",
                                weight="A",
                            ),
                            "||",
                            django.contrib.postgres.search.SearchVector(
                                django.db.models.functions.comparison.Coalesce(
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("areas_ar"), models.Value("")
                                    ),
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("areas_en"), models.Value("")
                                    ),
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("areas_fr"), models.Value("")
                                    ),
                                    models.Value(""),
                                    output_field=models.TextField(),
                                ),
                                django.db.models.functions.comparison.Coalesce(
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("projects_ar"), models.Value("")
                                    ),
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("projects_en"), models.Value("")
                                    ),
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("projects_fr"), models.Value("")
                                    ),
                                    models.Value(""),
                                    output_field=models.TextField(),
                                ),
                                config="arabic",
                                weight="B",
                            ),
                            django.contrib.postgres.search.SearchConfig("arabic"),
                        ),
                        "||",
                        django.contrib.postgres.search.SearchVector(
                            django.db.models.functions.comparison.Coalesce(
                                django.db.models.functions.comparison.NullIf(
                                    models.F("signed_in_ar"), models.Value("")
                                ),
                                django.db.models.functions.comparison.NullIf(
                                    models.F("signed_in_en"), models.Value("")
                                ),
                                django.db.models.functions.comparison.NullIf(
                                    models.F("signed_in_fr"), models.Value("")
                                ),
                                models.Value(""),
                                output_field=models.TextField(),
                            ),
                            config="arabic",
                            weight="C",
                        ),
                        django.contrib.postgres.search.SearchConfig("arabic"),
                    ),
                    output_field=django.contrib.postgres.search.SearchVectorField(),
                ),
                output_field=django.contrib.postgres.search.SearchVectorField(null=True),
                serialize=False,
                verbose_name="search document",
            ),
        ),
        migrations.AddField(
            model_name="agreement",
            name="search_en",
            field=models.GeneratedField(
                db_persist=True,
                expression=news.search_documents.OnPostgreSQL(
                    django.contrib.postgres.search.CombinedSearchVector(
                        django.contrib.postgres.search.CombinedSearchVector(
                            django.contrib.postgres.search.SearchVector(
                                django.db.models.functions.comparison.Coalesce(
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("title_en"), models.Value("")
                                    ),
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("title_fr"), models.Value("")
                                    ),
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("title_ar"), models.Value("")
                                    ),
                                    models.Value(""),
                                    output_field=models.TextField(),
                                ),
                                config="english",
                                weight="A",
                            ),
                            "||",
                            django.contrib.postgres.search.SearchVector(
                                django.db.models.functions.comparison.Coalesce(
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("areas_en"), models.Value("")
                                    ),
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("areas_fr"), models.Value("")
                                    ),
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("areas_ar"), models.Value("")
                                    ),
                                    models.Value(""),
                                    output_field=models.TextField(),
                                ),
                                django.db.models.functions.comparison.Coalesce(
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("projects_en"), models.Value("")
                                    ),
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("projects_fr"), models.Value("")
                                    ),
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("projects_ar"), models.Value("")
                                    ),
                                    models.Value(""),
                                    output_field=models.TextField(),
                                ),
                                config="english",
                                weight="B",
                            ),
                            django.contrib.postgres.search.SearchConfig("english"),
                        ),
                        "||",
                        django.contrib.postgres.search.SearchVector(
                            django.db.models.functions.comparison.Coalesce(
                                django.db.models.functions.comparison.NullIf(
                                    models.F("signed_in_en"), models.Value("")
                                ),
                                django.db.models.functions.comparison.NullIf(
                                    models.F("signed_in_fr"), models.Value("")
                                ),
                                django.db.models.functions.comparison.NullIf(
                                    models.F("signed_in_ar"), models.Value("")
                                ),
                                models.Value(""),
                                output_field=models.TextField(),
                            ),
                            config="english",
                            weight="C",
                        ),
                        django.contrib.postgres.search.SearchConfig("english"),
                    ),
                    output_field=django.contrib.postgres.search.SearchVectorField(),
                ),
                output_field=django.contrib.postgres.search.SearchVectorField(null=True),
                serialize=False,
                verbose_name="search document",
            ),
        ),
        migrations.AddField(
            model_name="agreement",
            name="search_fr",
            field=models.GeneratedField(
                db_persist=True,
                expression=news.search_documents.OnPostgreSQL(
                    django.contrib.postgres.search.CombinedSearchVector(
                        django.contrib.postgres.search.CombinedSearchVector(
                            django.contrib.postgres.search.SearchVector(
                                django.db.models.functions.comparison.Coalesce(
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("title_fr"), models.Value("")
                                    ),
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("title_en"), models.Value("")
                                    ),
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("title_ar"), models.Value("")
                                    ),
                                    models.Value(""),
                                    output_field=models.TextField(),
                                ),
                                config="french_unaccent",
                                weight="A",
                            ),
                            "||",
                            django.contrib.postgres.search.SearchVector(
                                django.db.models.functions.comparison.Coalesce(
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("areas_fr"), models.Value("")
                                    ),
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("areas_en"), models.Value("")
                                    ),
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("areas_ar"), models.Value("")
                                    ),
                                    models.Value(""),
                                    output_field=models.TextField(),
                                ),
                                django.db.models.functions.comparison.Coalesce(
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("projects_fr"), models.Value("")
                                    ),
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("projects_en"), models.Value("")
                                    ),
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("projects_ar"), models.Value("")
                                    ),
                                    models.Value(""),
                                    output_field=models.TextField(),
                                ),
                                config="french_unaccent",
                                weight="B",
                            ),
                            django.contrib.postgres.search.SearchConfig("french_unaccent"),
                        ),
                        "||",
                        django.contrib.postgres.search.SearchVector(
                            django.db.models.functions.comparison.Coalesce(
                                django.db.models.functions.comparison.NullIf(
                                    models.F("signed_in_fr"), models.Value("")
                                ),
                                django.db.models.functions.comparison.NullIf(
                                    models.F("signed_in_en"), models.Value("")
                                ),
                                django.db.models.functions.comparison.NullIf(
                                    models.F("signed_in_ar"), models.Value("")
                                ),
                                models.Value(""),
                                output_field=models.TextField(),
                            ),
                            config="french_unaccent",
                            weight="C",
                        ),
                        django.contrib.postgres.search.SearchConfig("french_unaccent"),
                    ),
                    output_field=django.contrib.postgres.search.SearchVectorField(),
                ),
                output_field=django.contrib.postgres.search.SearchVectorField(null=True),
                serialize=False,
                verbose_name="search document",
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="search_ar",
            field=models.GeneratedField(
                db_persist=True,
                expression=news.search_documents.OnPostgreSQL(
                    django.contrib.postgres.search.CombinedSearchVector(
                        django.contrib.postgres.search.CombinedSearchVector(
                            django.contrib.postgres.search.SearchVector(
                                django.db.models.functions.comparison.Coalesce(
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("title_ar"), models.Value("")
                                    ),
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("title_en"), models.Value("")
                                    ),
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("title_fr"), models.Value("")
                                    ),
                                    models.Value(""),
                                    output_field=models.TextField(),
                                ),
                                config="arabic",
                                weight="A",
                            ),
                            "||",
                            django.contrib.postgres.search.SearchVector(
                                django.db.models.functions.comparison.Coalesce(
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("summary_ar"), models.Value("")
                                    ),
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("summary_en"), models.Value("")
                                    ),
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("summary_fr"), models.Value("")
                                    ),
                                    models.Value(""),
                                    output_field=models.TextField(),
                                ),
                                config="arabic",
                                weight="B",
                            ),
                            django.contrib.postgres.search.SearchConfig("arabic"),
                        ),
                        "||",
                        django.contrib.postgres.search.SearchVector(
                            models.Func(
                                django.db.models.functions.comparison.Coalesce(
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("body_ar"), models.Value("")
                                    ),
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("body_en"), models.Value("")
                                    ),
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("body_fr"), models.Value("")
                                    ),
                                    models.Value(""),
                                    output_field=models.TextField(),
                                ),
                                models.Value("<[^>]*>"),
                                models.Value(" "),
                                models.Value("g"),
                                function="regexp_replace",
                                output_field=models.TextField(),
                            ),
                            config="arabic",
                            weight="C",
                        ),
                        django.contrib.postgres.search.SearchConfig("arabic"),
                    ),
                    output_field=django.contrib.postgres.search.SearchVectorField(),
                ),
                output_field=django.contrib.postgres.search.SearchVectorField(null=True),
                serialize=False,
                verbose_name="search document",
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="search_en",
            field=models.GeneratedField(
                db_persist=True,
                expression=news.search_documents.OnPostgreSQL(
                    django.contrib.postgres.search.CombinedSearchVector(
                        django.contrib.postgres.search.CombinedSearchVector(
                            django.contrib.postgres.search.SearchVector(
                                django.db.models.functions.comparison.Coalesce(
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("title_en"), models.Value("")
                                    ),
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("title_fr"), models.Value("")
                                    ),
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("title_ar"), models.Value("")
                                    ),
                                    models.Value(""),
                                    output_field=models.TextField(),
                                ),
                                config="english",
                                weight="A",
                            ),
                            "||",
                            django.contrib.postgres.search.SearchVector(
                                django.db.models.functions.comparison.Coalesce(
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("summary_en"), models.Value("")
                                    ),
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("summary_fr"), models.Value("")
                                    ),
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("summary_ar"), models.Value("")
                                    ),
                                    models.Value(""),
                                    output_field=models.TextField(),
                                ),
                                config="english",
                                weight="B",
                            ),
                            django.contrib.postgres.search.SearchConfig("english"),
                        ),
                        "||",
                        django.contrib.postgres.search.SearchVector(
                            models.Func(
                                django.db.models.functions.comparison.Coalesce(
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("body_en"), models.Value("")
                                    ),
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("body_fr"), models.Value("")
                                    ),
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("body_ar"), models.Value("")
                                    ),
                                    models.Value(""),
                                    output_field=models.TextField(),
                                ),
                                models.Value("<[^>]*>"),
                                models.Value(" "),
                                models.Value("g"),
                                function="regexp_replace",
                                output_field=models.TextField(),
                            ),
                            config="english",
                            weight="C",
                        ),
                        django.contrib.postgres.search.SearchConfig("english"),
                    ),
                    output_field=django.contrib.postgres.search.SearchVectorField(),
                ),
                output_field=django.contrib.postgres.search.SearchVectorField(null=True),
                serialize=False,
                verbose_name="search document",
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="search_fr",
            field=models.GeneratedField(
                db_persist=True,
                expression=news.search_documents.OnPostgreSQL(
                    django.contrib.postgres.search.CombinedSearchVector(
                        django.contrib.postgres.search.CombinedSearchVector(
                            django.contrib.postgres.search.SearchVector(
                                django.db.models.functions.comparison.Coalesce(
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("title_fr"), models.Value("")
                                    ),
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("title_en"), models.Value("")
                                    ),
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("title_ar"), models.Value("")
                                    ),
                                    models.Value(""),
                                    output_field=models.TextField(),
                                ),
                                config="french_unaccent",
                                weight="A",
                            ),
                            "||",
                            django.contrib.postgres.search.SearchVector(
                                django.db.models.functions.comparison.Coalesce(
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("summary_fr"), models.Value("")
                                    ),
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("summary_en"), models.Value("")
                                    ),
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("summary_ar"), models.Value("")
                                    ),
                                    models.Value(""),
                                    output_field=models.TextField(),
                                ),
                                config="french_unaccent",
                                weight="B",
                            ),
                            django.contrib.postgres.search.SearchConfig("french_unaccent"),
                        ),
                        "||",
                        django.contrib.postgres.search.SearchVector(
                            models.Func(
                                django.db.models.functions.comparison.Coalesce(
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("body_fr"), models.Value("")
                                    ),
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("body_en"), models.Value("")
                                    ),
                                    django.db.models.functions.comparison.NullIf(
                                        models.F("body_ar"), models.Value("")
                                    ),
                                    models.Value(""),
                                    output_field=models.TextField(),
                                ),
                                models.Value("<[^>]*>"),
                                models.Value(" "),
                                models.Value("g"),
                                function="regexp_replace",
                                output_field=models.TextField(),
                            ),
                            config="french_unaccent",
                            weight="C",
                        ),
                        django.contrib.postgres.search.SearchConfig("french_unaccent"),
                    ),
                    output_field=django.contrib.postgres.search.SearchVectorField(),
                ),
                output_field=django.contrib.postgres.search.SearchVectorField(null=True),
                serialize=False,
                verbose_name="search document",
            ),
        ),
        migrations.AddField(
            model_name="partner",
            name="search_ar",
            field=models.GeneratedField(
                db_persist=True,
                expression=news.search_documents.OnPostgreSQL(
                    django.contrib.postgres.search.CombinedSearchVector(
                        django.contrib.postgres.search.SearchVector(
                            django.db.models.functions.comparison.Coalesce(
                                django.db.models.functions.comparison.NullIf(
                                    models.F("name_ar"), models.Value("")
                                ),
                                django.db.models.functions.comparison.NullIf(
                                    models.F("name_en"), models.Value("")
                                ),
                                django.db.models.functions.comparison.NullIf(
                                    models.F("name_fr"), models.Value("")
                                ),
                                models.Value(""),
                                output_field=models.TextField(),
                            ),
                            django.db.models.functions.comparison.Coalesce(
                                django.db.models.functions.comparison.NullIf(
                                    models.F("acronym_ar"), models.Value("")
                                ),
                                django.db.models.functions.comparison.NullIf(
                                    models.F("acronym_en"), models.Value("")
                                ),
                                django.db.models.functions.comparison.NullIf(
                                    models.F("acronym_fr"), models.Value("")
                                ),
                                models.Value(""),
                                output_field=models.TextField(),
                            ),
                            config="arabic",
                            weight="A",
                        ),
                        "||",
                        django.contrib.postgres.search.SearchVector(
                            django.db.models.functions.comparison.Coalesce(
                                django.db.models.functions.comparison.NullIf(
                                    models.F("description_ar"), models.Value("")
                                ),
                                django.db.models.functions.comparison.NullIf(
                                    models.F("description_en"), models.Value("")
                                ),
                                django.db.models.functions.comparison.NullIf(
                                    models.F("description_fr"), models.Value("")
                                ),
                                models.Value(""),
                                output_field=models.TextField(),
                            ),
                            config="arabic",
                            weight="C",
                        ),
                        django.contrib.postgres.search.SearchConfig("arabic"),
                    ),
                    output_field=django.contrib.postgres.search.SearchVectorField(),
                ),
                output_field=django.contrib.postgres.search.SearchVectorField(null=True),
                serialize=False,
                verbose_name="search document",
            ),
        ),
        migrations.AddField(
            model_name="partner",
            name="search_en",
            field=models.GeneratedField(
                db_persist=True,
                expression=news.search_documents.OnPostgreSQL(
                    django.contrib.postgres.search.CombinedSearchVector(
                        django.contrib.postgres.search.SearchVector(
                            django.db.models.functions.comparison.Coalesce(
                                django.db.models.functions.comparison.NullIf(
                                    models.F("name_en"), models.Value("")
                                ),
                                django.db.models.functions.comparison.NullIf(
                                    models.F("name_fr"), models.Value("")
                                ),
                                django.db.models.functions.comparison.NullIf(
                                    models.F("name_ar"), models.Value("")
                                ),
                                models.Value(""),
                                output_field=models.TextField(),
                            ),
                            django.db.models.functions.comparison.Coalesce(
                                django.db.models.functions.comparison.NullIf(
                                    models.F("acronym_en"), models.Value("")
                                ),
                                django.db.models.functions.comparison.NullIf(
                                    models.F("acronym_fr"), models.Value("")
                                ),
                                django.db.models.functions.comparison.NullIf(
                                    models.F("acronym_ar"), models.Value("")
                                ),
                                models.Value(""),
                                output_field=models.TextField(),
                            ),
                            config="english",
                            weight="A",
                        ),
                        "||",
                        django.contrib.postgres.search.SearchVector(
                            django.db.models.functions.comparison.Coalesce(
                                django.db.models.functions.comparison.NullIf(
                                    models.F("description_en"), models.Value("")
                                ),
                                django.db.models.functions.comparison.NullIf(
                                    models.F("description_fr"), models.Value("")
                                ),
                                django.db.models.functions.comparison.NullIf(
                                    models.F("description_ar"), models.Value("")
                                ),
                                models.Value(""),
                                output_field=models.TextField(),
                            ),
                            config="english",
                            weight="C",
                        ),
                        django.contrib.postgres.search.SearchConfig("english"),
                    ),
                    output_field=django.contrib.postgres.search.SearchVectorField(),
                ),
                output_field=django.contrib.postgres.search.SearchVectorField(null=True),
                serialize=False,
                verbose_name="search document",
            ),
        ),
        migrations.AddField(
            model_name="partner",
            name="search_fr",
            field=models.GeneratedField(
                db_persist=True,
                expression=news.search_documents.OnPostgreSQL(
                    django.contrib.postgres.search.CombinedSearchVector(
                        django.contrib.postgres.search.SearchVector(
                            django.db.models.functions.comparison.Coalesce(
                                django.db.models.functions.comparison.NullIf(
                                    models.F("name_fr"), models.Value("")
                                ),
                                django.db.models.functions.comparison.NullIf(
                                    models.F("name_en"), models.Value("")
                                ),
                                django.db.models.functions.comparison.NullIf(
                                    models.F("name_ar"), models.Value("")
                                ),
                                models.Value(""),
                                output_field=models.TextField(),
                            ),
                            django.db.models.functions.comparison.Coalesce(
                                django.db.models.functions.comparison.NullIf(
                                    models.F("acronym_fr"), models.Value("")
                                ),
                                django.db.models.functions.comparison.NullIf(
                                    models.F("acronym_en"), models.Value("")
                                ),
                                django.db.models.functions.comparison.NullIf(
                                    models.F("acronym_ar"), models.Value("")
                                ),
                                models.Value(""),
                                output_field=models.TextField(),
                            ),
                            config="french_unaccent",
                            weight="A",
                        ),
                        "||",
                        django.contrib.postgres.search.SearchVector(
                            django.db.models.functions.comparison.Coalesce(
                                django.db.models.functions.comparison.NullIf(
                                    models.F("description_fr"), models.Value("")
                                ),
                                django.db.models.functions.comparison.NullIf(
                                    models.F("description_en"), models.Value("")
                                ),
                                django.db.models.functions.comparison.NullIf(
                                    models.F("description_ar"), models.Value("")
                                ),
                                models.Value(""),
                                output_field=models.TextField(),
                            ),
                            config="french_unaccent",
                            weight="C",
                        ),
                        django.contrib.postgres.search.SearchConfig("french_unaccent"),
                    ),
                    output_field=django.contrib.postgres.search.SearchVectorField(),
                ),
                output_field=django.contrib.postgres.search.SearchVectorField(null=True),
                serialize=False,
                verbose_name="search document",
            ),
        ),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
