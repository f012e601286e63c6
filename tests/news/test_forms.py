"""The filters' lists: written in Python, the same HTML as Django's Select widget."""

import pytest
from django import forms
from django.utils.safestring import mark_safe

from news.forms import ArticleFilterForm, ListSelect

CHOICES = [
    ("", "All <years>"),
    (2024, "2024"),
    ("a&b", mark_safe("<b>safe</b>")),
    ("Group & co", [("x", "X"), ("y", 'Y "quoted"')]),
]


@pytest.mark.parametrize("value", [None, "", "2024", "a&b", "y", ["x", "y"]])
@pytest.mark.parametrize(
    "attrs", [None, {"id": "id_f", "aria-invalid": "true", "required": True, "disabled": False}]
)
def test_list_select_writes_what_django_select_writes(value, attrs):
    expected = forms.Select(choices=CHOICES).render("f", value, attrs)
    assert ListSelect(choices=CHOICES).render("f", value, attrs) == expected
    assert "<option" in expected


@pytest.mark.django_db
def test_filter_form_lists_render_as_django_selects(settings):
    from tests.factories import make_category, make_partner

    make_category(slug_en="culture", name_en="Culture & arts")
    make_partner(slug="p", name_en="Partner <one>")
    form = ArticleFilterForm({"category": "culture", "year": "nope"})
    form.is_valid()
    for name in ("category", "year", "partner"):
        field = form[name]
        ours = str(field)
        form.fields[name].widget = forms.Select(choices=form.fields[name].choices)
        assert ours == str(form[name])
    assert 'value="culture" selected>Culture &amp; arts</option>' in str(form["category"])
    assert "Partner &lt;one&gt;" in str(form["partner"])
