"""The two editorial groups: Editors write and send for review; Publishers also publish."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITABLE = ["article", "agreement", "partner", "category", "signatory"]
EDITORS = [
    *(f"news.{action}_{model}" for model in EDITABLE for action in ("add", "change", "view")),
    "feedback.view_rating",
]
PUBLISHERS = [
    *EDITORS,
    *(f"news.delete_{model}" for model in EDITABLE),
    "news.publish_article",
]
GROUPS = {"Editors": EDITORS, "Publishers": PUBLISHERS}


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; these need them now.
    # Put back what was there: tests call this with the real app registry.
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUPS.items():
        group, _created = Group.objects.get_or_create(name=name)
        for dotted in codenames:
            app_label, codename = dotted.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0002_editorial"),
        ("feedback", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
