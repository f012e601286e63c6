from django import forms
from django.conf import settings
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_countries import countries

from .models import Agreement, Article, Category, Partner


def _attribute_value(value):
    """As `{{ value|stringformat:'s' }}` writes it in Django's widget templates."""
    text = str(value)
    return conditional_escape(mark_safe(text) if isinstance(value, SafeData) else text)


def _attributes(attrs):
    """As django/forms/widgets/attrs.html writes them."""
    return "".join(
        f" {conditional_escape(name)}" + ("" if value is True else f'="{_attribute_value(value)}"')
        for name, value in attrs.items()
        if value is not False
    )


class ListSelect(forms.Select):
    """
    Django's Select, the same HTML written in Python instead of a template per option.

    The filters' lists run to hundreds of options (partners, countries): as
    templates (select.html, then select_option.html and attrs.html for each
    option) they cost more than the rest of the page.
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [
            f'<select name="{conditional_escape(widget["name"])}"',
            _attributes(widget["attrs"]),
            ">",
        ]
        for group_name, group_choices, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{conditional_escape(localize(group_name))}">')
            for option in group_choices:
                parts.append(
                    f'\n  <option value="{_attribute_value(option["value"])}"'
                    f"{_attributes(option['attrs'])}>{conditional_escape(localize(option['label']))}</option>\n"
                )
            if group_name:
                parts.append("\n  </optgroup>")
        # The option template ends with a line break; the renderer strips the whole.
        parts.append("\n</select>")
        return mark_safe("".join(parts))


class TranslatedSlugChoiceField(forms.ModelChoiceField):
    """Choose by slug in any language, so a link keeps working after a language switch."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        match = self.queryset.with_slug(str(value)[:200]).first()
        if match is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return match


class FilterForm(forms.Form):
    """A GET form of list filters: invalid fields are reported and left out of the query."""

    def filter(self, queryset):
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        for name in self.fields:
            value = data.get(name)
            if value not in (None, ""):
                queryset = getattr(self, f"filter_{name}")(queryset, value)
        return queryset

    @property
    def active(self):
        return self.is_bound and any(self.data.get(name) for name in self.fields)


def year_choices(years):
    return [("", _("All years"))] + [(str(y), str(y)) for y in sorted(years, reverse=True)]


class ArticleFilterForm(FilterForm):
    category = TranslatedSlugChoiceField(
        queryset=Category.objects.all(),
        to_field_name="slug",
        required=False,
        label=_("Category"),
        empty_label=_("All categories"),
        widget=ListSelect,
    )
    year = forms.TypedChoiceField(
        coerce=int,
        empty_value=None,
        required=False,
        label=_("Year"),
        choices=(),
        widget=ListSelect,
    )
    partner = forms.ModelChoiceField(
        # A hundred partners or more: of each, only what the option shows.
        queryset=Partner.objects.only("slug", "name"),
        to_field_name="slug",
        required=False,
        label=_("Partner"),
        empty_label=_("All partners"),
        widget=ListSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = year_choices(Article.objects.published().years())

    def filter_category(self, queryset, category):
        return queryset.filter(category=category)

    def filter_year(self, queryset, year):
        return queryset.filter(published_at__year=year)

    def filter_partner(self, queryset, partner):
        return queryset.filter(agreement__partners=partner)


class AgreementFilterForm(FilterForm):
    partner = forms.ModelChoiceField(
        # A hundred partners or more: of each, only what the option shows.
        queryset=Partner.objects.only("slug", "name"),
        to_field_name="slug",
        required=False,
        label=_("Partner"),
        empty_label=_("All partners"),
        widget=ListSelect,
    )
    country = forms.ChoiceField(required=False, label=_("Country"), choices=(), widget=ListSelect)
    year = forms.TypedChoiceField(
        coerce=int,
        empty_value=None,
        required=False,
        label=_("Year signed"),
        choices=(),
        widget=ListSelect,
    )
    status = forms.ChoiceField(
        required=False,
        label=_("Status"),
        choices=[("", _("Any status")), *Agreement.Status.choices],
        widget=ListSelect,
    )
    current = forms.BooleanField(
        required=False,
        label=_("Current only"),
        help_text=_("In force, and not yet renewed or replaced by a later agreement."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        codes = set(
            Partner.objects.exclude(country="").values_list("country", flat=True).distinct()
        )
        self.fields["country"].choices = [("", _("All countries"))] + [
            (code, name) for code, name in countries if code in codes
        ]
        self.fields["year"].choices = year_choices(Agreement.objects.visible().years())

    def filter_partner(self, queryset, partner):
        return queryset.filter(partners=partner)

    def filter_country(self, queryset, country):
        return queryset.filter(
            pk__in=Agreement.objects.filter(partners__country=country).values("pk")
        )

    def filter_year(self, queryset, year):
        return queryset.filter(signed_on__year=year)

    def filter_current(self, queryset, current):
        return queryset.current() if current else queryset

    def filter_status(self, queryset, status):
        if status == Agreement.Status.EXPIRED:
            return queryset.expired()
        return queryset.active()


class ExpiringForm(forms.Form):
    """The window of the admin's "ending soon" list, in days (NEWS_AGREEMENT_EXPIRING_DAYS)."""

    WINDOWS = (7, 30, 60, 90, 180, 365)

    days = forms.TypedChoiceField(coerce=int, label=_("Ending within"), choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        windows = sorted({*self.WINDOWS, settings.NEWS_AGREEMENT_EXPIRING_DAYS})
        self.fields["days"].choices = [
            (str(n), ngettext("%(days)d day", "%(days)d days", n) % {"days": n}) for n in windows
        ]
        self.fields["days"].initial = str(settings.NEWS_AGREEMENT_EXPIRING_DAYS)

    def window(self):
        """The chosen window; the default one when none (or a wrong one) was asked for."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data["days"]
        return settings.NEWS_AGREEMENT_EXPIRING_DAYS
