"""``form_renderer.QuickInputRenderer`` renders the ``<input>`` widgets as Django's own
templates do, byte for byte, and leaves every other template to them."""

from datetime import date

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.http import QueryDict
from django.utils.safestring import mark_safe

from articles.form_renderer import QUICK_INPUTS

WIDGETS = [
    forms.TextInput(attrs={"type": "search", "placeholder": "标题或正文中的词"}),
    forms.TextInput(attrs={"data-x": mark_safe('<b>"q"&'), "required": True, "disabled": False}),
    forms.NumberInput(attrs={"min": 1949, "max": 2100}),
    forms.DateInput(attrs={"type": "date"}),
    forms.CheckboxInput(),
    forms.HiddenInput(),
    forms.EmailInput(),
]
VALUES = [None, "", '旺苍县 <志愿> & "x"', mark_safe("<i>safe</i>"), 2024, date(2024, 1, 16), True]


@pytest.mark.parametrize("widget", WIDGETS, ids=lambda w: type(w).__name__)
def test_each_input_renders_as_django_s_templates(widget):
    plain = DjangoTemplates()
    for value in VALUES:
        for attrs in (None, {"id": "id_x", "aria-describedby": "id_x-errors"}):
            expected = widget.render("na<me", value, attrs, renderer=plain)
            assert widget.render("na<me", value, attrs, renderer=QUICK_INPUTS) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "",
        "q=志愿&region=旺苍县&published_after=2024-01-01&year=2024&verified=1",
        "year=99999&published_after=x&verified=maybe&q=%3Cb%3E",
    ],
)
def test_the_list_filter_form_renders_as_with_django_s_renderer(query):
    from articles.filters import ArticleFilter
    from articles.models import Article

    quick = ArticleFilter(QueryDict(query), queryset=Article.objects.all()).form
    plain = ArticleFilter(QueryDict(query), queryset=Article.objects.all()).form
    plain.renderer = DjangoTemplates()
    assert quick.renderer is QUICK_INPUTS
    assert quick.is_valid() == plain.is_valid()
    for name in quick.fields:
        assert str(quick[name]) == str(plain[name])
        assert str(quick[name].errors) == str(plain[name].errors)
    assert bool(quick.errors) == ("99999" in query)
