"""The Partnerships office: keeps the agreements and follows those that end soon."""

from django.db import migrations

PARTNERSHIPS_OFFICE = [
    *(
        f"news.{action}_{model}"
        for model in ("agreement", "partner", "signatory")
        for action in ("add", "change", "view")
    ),
    "news.view_article",
    "news.track_agreement",
    "news.view_agreementreminder",
]
GROUPS = {"Partnerships office": PARTNERSHIPS_OFFICE}


def create_groups(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; these need them now.
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
    dependencies = [("news", "0009_agreement_lifecycle")]

    operations = [migrations.RunPython(create_groups, remove_groups)]
