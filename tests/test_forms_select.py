"""``forms.QuickSelect`` renders exactly what Django's ``Select`` renders, and the compare
form uses it for every select."""

import pytest
from django import forms

from articles.forms import QuickSelect

CHOICES = [
    ("", "请选择"),
    ("510000", "四川省（全省）"),
    ("四川省", [("510800", "广元市"), ("510100", "成都市 & <郊区>")]),
    ('Group "quoted"', [(7, "seven"), ("'x'", "a 'quote'")]),
    ("other", "其他"),
]


@pytest.mark.parametrize("value", [None, "", "510800", "7", "'x'", "nope", ["510000", "other"]])
@pytest.mark.parametrize(
    "attrs",
    [None, {"id": "id_within"}, {"id": "x", "required": True, "disabled": False, "data-n": 3}],
)
@pytest.mark.parametrize("multiple", [False, True])
def test_quick_select_renders_what_djangos_select_renders(value, attrs, multiple):
    slow = forms.SelectMultiple if multiple else forms.Select
    fast = type("QuickSelectMultiple", (QuickSelect, slow), {}) if multiple else QuickSelect
    if isinstance(value, list) and not multiple:
        value = value[0]
    expected = slow(choices=CHOICES, attrs={"class": "c"}).render("within", value, attrs)
    assert fast(choices=CHOICES, attrs={"class": "c"}).render("within", value, attrs) == expected


@pytest.mark.django_db
def test_the_compare_form_renders_its_selects_as_django_would(rf):
    from articles import selectors
    from articles.filters import CompareFilter

    data = {"level": "county", "within": "510800", "per": "per_1000"}
    form = CompareFilter(data, coverage=selectors.indicator_coverage()).form
    selects = [
        name for name, field in form.fields.items() if isinstance(field.widget, forms.Select)
    ]
    assert set(selects) >= {"indicator", "level", "within", "topic", "per", "view"}
    for name in selects:
        widget = form.fields[name].widget
        assert isinstance(widget, QuickSelect), name
        plain = forms.Select(attrs=widget.attrs, choices=widget.choices)
        assert str(form[name]) == str(form[name].as_widget(widget=plain)), name
    assert '<option value="510800" selected>广元市</option>' in str(form["within"])


@pytest.mark.django_db
def test_the_compare_pickers_are_not_renormalized_on_each_use(monkeypatch):
    """The indicator, region and topic choices are handed over in canonical form
    (``forms.CanonicalChoices``): validating and rendering the form iterates them as they
    are, where a plain list was rebuilt option by option by Django's ``normalize_choices``
    each time (its ~550 options three times a request); only the small fixed pickers
    (level, per, view) still go through it."""
    import django_filters.fields
    from django.utils.choices import BaseChoiceIterator

    from articles import selectors
    from articles.filters import CompareFilter
    from tests.factories import volunteer_metric

    for adcode in ("510821", "510822", "510800"):
        volunteer_metric(adcode, 100, None)
    real = django_filters.fields.normalize_choices
    calls = []

    def counted(value, **kwargs):
        calls.append(value)
        return real(value, **kwargs)

    monkeypatch.setattr(django_filters.fields, "normalize_choices", counted)
    data = {"indicator": "registered-volunteers", "within": "510800", "topic": ""}
    form = CompareFilter(data, coverage=selectors.indicator_coverage()).form
    assert form.is_valid(), form.errors
    html = "".join(str(field) for field in form)
    assert '<option value="510800" selected>广元市</option>' in html
    # options rebuilt: a BaseChoiceIterator passes through untouched
    rebuilt = sum(len(list(v)) for v in calls if not isinstance(v, BaseChoiceIterator))
    assert rebuilt < 20, rebuilt  # level (3), per (3), view (2), each rendered once


@pytest.mark.parametrize("value", [None, "", "510800", "7", "'x'", "nope", ["510000", "other"]])
@pytest.mark.parametrize("multiple", [False, True])
def test_kept_choices_render_what_djangos_select_renders(value, multiple):
    """``CanonicalChoices`` keep their options' markup (``options_html``): rendering them
    twice, selected differently, gives Django's markup each time."""
    from articles.forms import CanonicalChoices

    slow = forms.SelectMultiple if multiple else forms.Select
    fast = type("QuickSelectMultiple", (QuickSelect, slow), {}) if multiple else QuickSelect
    if isinstance(value, list) and not multiple:
        value = value[0]
    choices = [*CHOICES, ("again", [("510800", "广元市 (again)")])]  # one value twice
    kept = CanonicalChoices(choices)
    for chosen in (value, "510100", value):
        expected = slow(choices=choices).render("within", chosen, {"id": "w"})
        assert fast(choices=kept).render("within", chosen, {"id": "w"}) == expected


def test_kept_choices_with_lazy_labels_follow_the_language():
    from django.utils import translation
    from django.utils.translation import gettext_lazy

    from articles.forms import CanonicalChoices

    kept = CanonicalChoices([("a", gettext_lazy("全国")), ("b", "乙")])
    for language, label in (("en", "All of China"), ("zh-hans", "全国"), ("en", "All of China")):
        with translation.override(language):
            html = QuickSelect(choices=kept).render("w", "a")
            assert f'<option value="a" selected>{label}</option>' in html


@pytest.mark.django_db
def test_each_compare_form_has_its_own_pickers():
    """The compare form's fields are shallow copies of its class's (``FieldCopies``),
    sharing their widgets; the indicator, range and topic pickers take this request's
    choices, in its language, so each form gives them widgets of their own: a Chinese
    form built before an English one (another thread of the same worker) keeps its
    Chinese options, and the class's widgets keep none."""
    from datetime import date

    from django.utils import translation

    from articles import selectors
    from articles.filters import CompareFilter
    from tests.factories import ArticleFactory, region, volunteer_metric

    ArticleFactory(region=region("510821"))
    volunteer_metric("510821", 10, date(2024, 1, 16))
    coverage = selectors.indicator_coverage(fresh=True)
    with translation.override("zh-hans"):
        chinese = CompareFilter({}, coverage=coverage).form
        topics_zh = [str(label) for _, label in chinese.fields["topic"].widget.choices]
    with translation.override("en"):
        english = CompareFilter({}, coverage=coverage).form
        topics_en = [str(label) for _, label in english.fields["topic"].widget.choices]
    assert topics_zh != topics_en
    for name in ("indicator", "within", "topic"):
        assert chinese.fields[name].widget is not english.fields[name].widget, name
        assert (
            chinese.fields[name].widget
            is not CompareFilter.get_form_class().base_fields[name].widget
        ), name
    with translation.override("zh-hans"):
        assert [str(label) for _, label in chinese.fields["topic"].widget.choices] == topics_zh
    assert topics_zh[0] == "全部主题" and topics_en[0] == "All topics"


def test_kept_choices_with_several_values_on_a_single_select_select_the_first_option():
    """A list given to a single select (``format_value`` keeps every value) selects the
    first option in the options' order that has one of them, as Django's loop does."""
    from articles.forms import CanonicalChoices

    kept = CanonicalChoices(CHOICES)
    for chosen in (["other", "510000"], ["510100", "510800"], ["nope", "7"]):
        expected = forms.Select(choices=CHOICES).render("within", chosen)
        assert QuickSelect(choices=kept).render("within", chosen) == expected
        assert expected.count(" selected>") == 1


def test_an_empty_label_chosen_leaves_the_kept_options_unselected():
    """A ``django_filters`` field's empty label comes before its kept options; when the
    empty value is chosen it is the one option selected, even where a kept option has
    that value too."""
    import django_filters.fields

    from articles.forms import CanonicalChoices

    plain = [("", "空值"), ("a", "甲")]
    field = django_filters.fields.ChoiceField(
        choices=CanonicalChoices(plain), empty_label="全部", widget=QuickSelect
    )
    html = field.widget.render("w", "")
    reference = django_filters.fields.ChoiceField(choices=plain, empty_label="全部")
    assert html == reference.widget.render("w", "")
    assert html.count(" selected>") == 1 and '<option value="" selected>全部</option>' in html
