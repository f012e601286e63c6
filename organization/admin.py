from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from .models import SINGLETON_PK, SiteIdentity


@admin.register(SiteIdentity)
class SiteIdentityAdmin(TranslationAdmin):
    """One row: the list leads straight to it (or to adding it, the first time)."""

    fieldsets = [
        (None, {"fields": ["name", "short_name", "logo"]}),
        (_("Contact"), {"fields": ["email", "postal_address", "social_accounts"]}),
    ]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not SiteIdentity.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if SiteIdentity.objects.filter(pk=SINGLETON_PK).exists():
            return redirect(reverse("admin:organization_siteidentity_change", args=[SINGLETON_PK]))
        return redirect(reverse("admin:organization_siteidentity_add"))
