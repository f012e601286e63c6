from modeltranslation.translator import TranslationOptions, register

from .models import Agreement, Article, Category, Partner, Signatory


@register(Category)
class CategoryTranslationOptions(TranslationOptions):
    fields = ("name", "slug")


@register(Partner)
class PartnerTranslationOptions(TranslationOptions):
    fields = ("name", "acronym", "description")


@register(Article)
class ArticleTranslationOptions(TranslationOptions):
    fields = ("title", "slug", "summary", "body", "image_alt", "image_caption")


@register(Agreement)
class AgreementTranslationOptions(TranslationOptions):
    fields = ("title", "signed_in", "areas", "projects")


@register(Signatory)
class SignatoryTranslationOptions(TranslationOptions):
    fields = ("name", "role")
