import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    """Agreements and partners record when they were last saved (edit-conflict guard)."""

    dependencies = [("news", "0004_search")]

    operations = [
        migrations.AddField(
            model_name="agreement",
            name="updated_at",
            field=models.DateTimeField(
                auto_now=True, default=django.utils.timezone.now, verbose_name="updated"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="partner",
            name="updated_at",
            field=models.DateTimeField(
                auto_now=True, default=django.utils.timezone.now, verbose_name="updated"
            ),
            preserve_default=False,
        ),
    ]
