"""``{% compare_table_rows %}`` translates the texts its rows share once per table (review
states, the note on several values in one article, the count of values): the rows must
be what a translation per row gave, byte for byte, in both languages, for every kind of
cell (several values, a sum of parts, every review state, ratios, changes, notes)."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from articles.compare_result import CompareResult, CompareRow
from articles.formatting import format_number
from articles.models import MetricStatus
from articles.templatetags.compare_table import compare_table_rows


def reference_row(row, with_ratio: bool, with_change: bool) -> str:
    """A row as the tag made it before (each text translated for its row), written with
    ``format_html``."""
    value = format_html('<td class="num">{}</td>', row.display)
    if row.article_values > 1 and not row.parts:
        title = _(
            "同一文章报告了该地区此指标的多个数值（如不同类型的队伍）；"
            "取经审核确认的值，否则取最大值（通常为总数）。"
        )
        count = ngettext("文中共%(n)s个值", "文中共%(n)s个值", row.article_values) % {
            "n": row.article_values
        }
        value = format_html(
            '<td class="num">{}<br><small class="muted" title="{}">{}</small></td>',
            row.display,
            title,
            count,
        )
    ratio = residents_cell = ""
    if with_ratio:
        residents = (
            format_html("{}", format_number(row.residents, "人", digits=True))
            if row.residents
            else format_html('<span class="missing">{}</span>', _("无人口数据"))
        )
        shown = (
            format_html("{}", row.ratio_display)
            if row.ratio is not None
            else mark_safe('<span class="missing">—</span>')
        )
        # the ratio first, the figure the view is about; the residents after the value
        ratio = format_html('<td class="num">{}</td>', shown)
        residents_cell = format_html('<td class="num">{}</td>', residents)
    change = ""
    if with_change and row.previous_value is None:
        change = format_html('<td class="num missing" colspan="3">{}</td>', row.change_note or "—")
    elif with_change:
        from articles.compare import pct_text

        when = row.previous_date.isoformat() if row.previous_date else row.change_note
        pct = pct_text(row.change_pct)
        pct = (
            format_html("{}", pct)
            if pct
            else format_html('<small class="muted">{}</small>', row.change_note or "—")
        )
        change = format_html(
            '<td class="num">{}<br><small class="muted">{}</small></td><td class="num">{}</td>'
            '<td class="num">{}</td>',
            row.previous_display,
            when,
            row.change_display,
            pct,
        )
    state = MetricStatus(row.status).label if row.status else ""
    return format_html(
        '<tr data-adcode="{}"><th scope="row"><a class="region-path" href="{}" title="{}">{}</a>'
        '</th>{}{}{}{}<td class="date">{}</td><td><a href="{}">{}</a></td><td class="evidence">'
        '{}<br><small class="review-state state-{}">{}</small></td></tr>',
        row.region_adcode,
        reverse("articles:region", args=[row.region_adcode]),
        row.region_path,
        row.region_path,
        ratio,
        value,
        residents_cell,
        change,
        row.published.isoformat() if row.published else "—",
        row.article_url,
        row.article_title,
        row.evidence,
        row.status,
        state,
    )


BASE = CompareRow(
    region_adcode="510821",
    region_name="旺苍县",
    region_path="四川省 › 广元市 › 旺苍县",
    region_level="county",
    region_name_zh="旺苍县",
    value=Decimal("51104"),
    value_max=None,
    unit="人",
    bound="",
    approx=False,
    display="51,104人",
    short="5.11万人",
    published=date(2024, 3, 5),
    article_id=7,
    article_title="旺苍县志愿服务<工作>",
    article_url="/articles/7/",
    evidence="全县实名注册志愿者达51104人 & more",
    metric_id=9,
    status="extracted",
)


def rows() -> list[CompareRow]:
    return [
        BASE,
        replace(BASE, region_adcode="510822", article_values=5, status="approved"),
        replace(BASE, region_adcode="510823", article_values=2, status="corrected"),
        replace(BASE, region_adcode="510824", article_values=5, parts=5, status=""),
        replace(BASE, region_adcode="510811", article_values=1, published=None, status="manual"),
        replace(
            BASE,
            region_adcode="510812",
            residents=330108,
            ratio=Decimal("154.8"),
            ratio_display="154.8人/千人",
            previous_value=Decimal("50000"),
            previous_date=date(2023, 3, 1),
            previous_display="50,000人",
            change=Decimal("1104"),
            change_pct=Decimal("2.2"),
            change_display="+1,104人",
        ),
        replace(BASE, region_adcode="510802", change_note="上一值为0，无法计算变化百分比"),
        replace(
            BASE,
            region_adcode="510803",
            previous_value=Decimal("0"),
            previous_display="0人",
            change=Decimal("51104"),
            change_display="+51,104人",
            change_note="上一值为0，无法计算变化百分比",
        ),
    ]


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
@pytest.mark.parametrize("population_year", [None, 2020])
@pytest.mark.parametrize("view", ["latest", "change", "latest without previous values"])
def test_the_rows_are_what_a_translation_per_row_gave(lang, population_year, view):
    made = rows()
    if view.endswith("previous values"):
        made = [r for r in made if r.previous_value is None]
    result = CompareResult(indicator=None, per="total", unit="人", plot_unit="人", view=view)
    result.population_year = population_year
    result.rows = made
    change = view == "change" or result.has_previous
    assert change == (view != "latest without previous values")
    with translation.override(lang):
        expected = "\n".join(reference_row(r, bool(population_year), change) for r in made)
        assert compare_table_rows(result) == expected
        assert compare_table_rows(result, made[1:3]) == "\n".join(
            reference_row(r, bool(population_year), change) for r in made[1:3]
        )
    if lang == "en":  # the texts shared by rows are there, translated
        assert "5 values in the article" in expected and "2 values in the article" in expected
        assert len({MetricStatus(r.status).label for r in result.rows if r.status}) == 4


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_each_chart_point_names_its_own_review_state(lang):
    from types import SimpleNamespace

    from articles.charts import compare_chart

    result = CompareResult(
        indicator=SimpleNamespace(name="实名注册志愿者"), per="total", unit="人", plot_unit="人"
    )
    result.rows = rows()
    with translation.override(lang):
        points = compare_chart(result)["points"]
        assert [p["state"] for p in points] == [
            str(MetricStatus(r.status).label) if r.status else "" for r in result.rows
        ]
    assert len({p["state"] for p in points}) == 5  # four states and none


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_coverage_labels_and_province_options_are_translated_for_each(lang):
    """Translated once per count (coverage) and once per page (the 'whole province'
    option): one region and several read differently in English."""
    from articles.selectors import indicator_coverage, within_choices
    from tests.factories import volunteer_metric

    volunteer_metric("510821", 51104, date(2024, 3, 5))
    volunteer_metric("510821", 9, date(2024, 3, 5), indicator_slug="volunteer-teams", unit="支")
    volunteer_metric("510822", 7, date(2024, 3, 6), indicator_slug="volunteer-teams", unit="支")
    with translation.override(lang):
        labels = sorted(row.label for row in indicator_coverage(fresh=True))
        options = dict(within_choices()[1:])
    if lang == "en":
        assert labels == [
            "Registered volunteers (人) · 1 region",
            "Volunteer teams (支) · 2 regions",
        ]
        assert options["Sichuan Province"][0] == ("510000", "Sichuan Province (all)")
        assert len(options) > 30
        assert all(group[0][1] == f"{name} (all)" for name, group in options.items())
        # the five groups of directly administered counties, each named by its province
        henan = dict(options["Henan Province"])
        assert henan["419000"] == (
            "County-level Divisions under Direct Administration (Henan Province)"
        )
    else:
        assert labels == ["实名注册志愿者（人）· 1个地区", "志愿服务队伍（支）· 2个地区"]
        assert options["四川省"][0] == ("510000", "四川省（全省）")
        # a municipality is not a province, nor an autonomous region (a new-user pass)
        assert options["北京市"][0] == ("110000", "北京市（全市）")
        assert options["内蒙古自治区"][0] == ("150000", "内蒙古自治区（全区）")
        assert options["香港特别行政区"][0][1] == "香港特别行政区（全区）"
        whole = {"省": "全省", "市": "全市", "区": "全区"}
        assert all(group[0][1] == f"{name}（{whole[name[-1]]}）" for name, group in options.items())
        # five options were 省直辖县级行政区划, told apart only by the closed group
        assert dict(options["河南省"])["419000"] == "河南省直辖县级行政区划"
        assert dict(options["新疆维吾尔自治区"])["659000"] == "新疆维吾尔自治区直辖县级行政区划"
        pseudo = [
            label for _n, group in options.items() for _a, label in group if "直辖县级" in label
        ]
        assert len(pseudo) == len(set(pseudo)) == 5


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"indicator": "registered-volunteers", "regions": "510821,旺苍县"},
        {"indicator": "registered-volunteers", "published_after": "notadate", "verified": "1"},
        {"indicator": "x", "regions": "月球县", "published_before": "2024-01-02"},
    ],
)
def test_the_compare_form_renders_its_inputs_in_python_as_django_would(client, params):
    from django.forms.renderers import DjangoTemplates

    from articles.form_renderer import QUICK_INPUTS
    from tests.factories import volunteer_metric

    volunteer_metric("510821", 51104, date(2024, 3, 5))
    response = client.get("/compare/", params)
    form = response.context["form"]
    assert form.renderer is QUICK_INPUTS
    quick = [str(field) for field in form] + [str(form.non_field_errors())]
    form.renderer = DjangoTemplates()
    assert quick == [str(field) for field in form] + [str(form.non_field_errors())]
    assert any('type="text"' in f for f in quick) and any('type="date"' in f for f in quick)


#: The loop of ``articles/compare.html`` before it called ``{% chart_form_fields %}``.
CHART_FIELDS_REFERENCE = (
    "  {% for field in form %}\n"
    '    <div class="chart-form__field{% if field.errors %} chart-form__field--error'
    '{% endif %}">\n'
    '      <label for="{{ field.id_for_label }}">{{ field.label }}</label>\n'
    "      {{ field }}\n"
    '      {% if field.errors %}<div class="form-errors" role="alert">{{ field.errors }}'
    "</div>{% endif %}\n"
    "    </div>\n"
    "  {% endfor %}\n"
)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize(
    "params, with_errors",
    [
        ({}, False),
        ({"indicator": "registered-volunteers", "level": "county", "per": "per_1000"}, False),
        ({"indicator": "registered-volunteers", "within": "510800", "regions": "旺苍县"}, False),
        ({"indicator": "<b>nope", "level": "town", "published_after": "x"}, True),
        ({"indicator": "registered-volunteers", "regions": "不存在&<i>"}, True),
    ],
)
def test_the_chart_form_fields_tag_renders_what_the_form_loop_did(language, params, with_errors):
    from django.template import engines

    from articles import selectors
    from articles.filters import CompareFilter
    from articles.form_renderer import QUICK_INPUTS
    from tests.factories import volunteer_metric

    volunteer_metric("510821", 51104, date(2024, 1, 16))
    reference = engines["django"].from_string(CHART_FIELDS_REFERENCE)
    tag = engines["django"].from_string("{% load compare_table %}  {% chart_form_fields form %}\n")
    with translation.override(language):
        form = CompareFilter(params, coverage=selectors.indicator_coverage()).form
        form.renderer = QUICK_INPUTS
        form.is_valid()
        expected = reference.render({"form": form})
        assert tag.render({"form": form}) == expected
    assert ("chart-form__field--error" in expected) == with_errors
    assert ('role="alert"' in expected) == with_errors


@pytest.mark.parametrize(
    "fields, change, pct",
    [
        ({}, "+41,104人", "+411.0%"),
        ({"bound": "lower"}, "≈+41,104人", "≈+411.0%"),  # 余: ≥51,104人
        ({"approx": True}, "≈+41,104人", "≈+411.0%"),  # 约
        ({"value_max": Decimal("52000")}, "≈+41,104人", "≈+411.0%"),  # a range
        ({"change_pct": Decimal("2153.7")}, "+41,104人", "+2,153.7%"),  # grouped
    ],
)
def test_a_change_from_an_approximate_value_says_so(fields, change, pct):
    """'≥193,889 persons' beside a change of '+152,389 persons' read as an exact change,
    and '+2153.7%' had no thousands separator (a new-user pass)."""
    from articles.compare import pct_text
    from articles.compare_result import with_texts
    from articles.formatting import approximate

    given = {"previous_value": Decimal("10000"), "change": Decimal("41104")}
    row = replace(BASE, **{**given, "change_pct": Decimal("411.0"), **fields})
    with translation.override("zh-hans"):
        with_texts(row, "zh")
    assert row.change_display == change
    assert pct_text(row.change_pct, approximate(row)) == pct
    result = CompareResult(indicator=None, per="total", unit="人", plot_unit="人", view="change")
    with translation.override("zh-hans"):
        assert f'<td class="num">{pct}</td>' in compare_table_rows(result, [row])
