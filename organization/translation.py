from modeltranslation.translator import TranslationOptions, register

from .models import SiteIdentity


@register(SiteIdentity)
class SiteIdentityTranslationOptions(TranslationOptions):
    fields = ("name", "short_name", "postal_address")
