"""The "Feedback owners" group: staff in it read and triage visitors' comments."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Feedback owners"
CODENAMES = [
    "view_rating",
    "triage_rating",
    "view_improvement",
    "add_improvement",
    "change_improvement",
    "delete_improvement",
    "view_digestweek",
]


def create_group(apps, schema_editor):
    # Permissions are otherwise created after every migration has run.
    app_config = apps.get_app_config("feedback")
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = models_module or True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="feedback", codename__in=CODENAMES)
    )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("feedback", "0002_triage_and_improvements"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
