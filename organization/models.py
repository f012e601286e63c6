"""
Who publishes the site: one row of settings an administrator edits in the
admin (organization/admin.py), read through organization/identity.py.
"""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# The one row's primary key: a CHECK keeps the table to it.
SINGLETON_PK = 1


class SiteIdentity(models.Model):
    id = models.PositiveSmallIntegerField(primary_key=True, default=SINGLETON_PK, editable=False)
    name = models.CharField(
        _("name"), max_length=200, help_text=_("The organization's full name, as headers show it.")
    )
    short_name = models.CharField(
        _("short name"), max_length=40, blank=True, help_text=_("An acronym, such as ICESCO.")
    )
    logo = models.ImageField(
        _("logo"),
        upload_to="organization/",
        blank=True,
        width_field="logo_width",
        height_field="logo_height",
        help_text=_("Square, at least 512 pixels wide. Empty: the site's own logo."),
    )
    logo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    logo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    email = models.EmailField(_("contact e-mail"), blank=True)
    postal_address = models.TextField(_("postal address"), blank=True)
    social_accounts = models.TextField(
        _("social accounts"),
        blank=True,
        help_text=_("The addresses of the organization's accounts, one per line."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("site identity")
        verbose_name_plural = _("site identity")
        constraints = [
            models.CheckConstraint(
                condition=Q(id=SINGLETON_PK),
                name="organization_siteidentity_single_row",
                violation_error_message=_("The site has one identity."),
            ),
        ]

    def __str__(self):
        return self.name or ""

    def clean(self):
        validate = URLValidator(schemes=["https", "http"])
        for line in self.social_account_list:
            try:
                validate(line)
            except ValidationError:
                raise ValidationError(
                    {
                        "social_accounts": _("“%(line)s” is not a web address.")
                        % {"line": line[:100]}
                    }
                ) from None

    @property
    def social_account_list(self):
        return [line.strip() for line in (self.social_accounts or "").splitlines() if line.strip()]

    @property
    def postal_lines(self):
        return [line.strip() for line in (self.postal_address or "").splitlines() if line.strip()]

    @property
    def display_short_name(self):
        return self.short_name or self.name
