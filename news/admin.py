from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from .models import Agreement, Article, Category, Partner, Signatory


@admin.register(Category)
class CategoryAdmin(TranslationAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Partner)
class PartnerAdmin(TranslationAdmin):
    list_display = ["name", "acronym", "country", "slug"]
    list_filter = ["country"]
    search_fields = ["name", "acronym", "slug"]


@admin.register(Article)
class ArticleAdmin(TranslationAdmin):
    list_display = ["title", "category", "status", "published_at", "featured"]
    list_filter = ["status", "category", "featured"]
    search_fields = ["title", "summary"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ("title",)}


class SignatoryInline(TranslationStackedInline):
    model = Signatory
    extra = 0
    autocomplete_fields = ["party"]


@admin.register(Agreement)
class AgreementAdmin(TranslationAdmin):
    list_display = ["title", "signed_on", "expires_on", "article"]
    list_filter = ["signed_on"]
    search_fields = ["title", "partners__name"]
    autocomplete_fields = ["partners", "article"]
    readonly_fields = ["expires_on"]
    inlines = [SignatoryInline]
