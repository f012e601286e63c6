from modeltranslation.translator import TranslationOptions, register

from .models import Improvement


@register(Improvement)
class ImprovementTranslationOptions(TranslationOptions):
    fields = ("title", "text")
    # Written in any of the languages: the page falls back as the rest of the site does.
    required_languages = ()
