"""The rows built in Python (``articles/templatetags/rows.py``: article rows, the
overview's coverage rows) and ``forms.QuickSelect`` render exactly what the templates they
replaced rendered: those templates are kept here as the references."""

from datetime import date

import pytest
from django.template import engines
from django.template.loader import render_to_string
from django.utils import translation

from articles.models import Article
from tests.factories import ArticleFactory, SourcePageFactory, indicator, region, topic

pytestmark = pytest.mark.django_db

#: ``includes/article_rows.html`` before it called the tag, as it was.
REFERENCE = (
    "{% load i18n highlight %}\n"
    "{# A list of articles (rows from ArticleQuerySet.with_related()); with `query`, "
    "its hits are marked. #}\n"
    '<ol class="article-list">\n'
    "  {% for article in articles %}\n"
    "    <li>\n"
    '      <h3 lang="zh-Hans"><a href="{{ article.get_absolute_url }}">'
    '{% if article.title_prefix %}<span class="prefix">{{ article.title_prefix|marked:query }}'
    "</span> {% endif %}{{ article.display_title|marked:query }}</a></h3>\n"
    '      {% if article.subtitle %}<p class="subtitle" lang="zh-Hans">'
    "{{ article.subtitle|marked:query }}</p>{% endif %}\n"
    '      {% if query %}<p class="snippet" lang="zh-Hans">{{ article.body|snippet:query }}'
    "</p>{% endif %}\n"
    '      <p class="meta">\n'
    "        {# separators come from CSS (.meta > * + *::before), so none dangles when a "
    "part is missing #}\n"
    "        {% if article.published %}<time datetime=\"{{ article.published|date:'Y-m-d' }}\">"
    "{{ article.published|date:'Y-m-d' }}</time>{% endif %}\n"
    '        {% if article.region %}<span><a href="{{ article.region.get_absolute_url }}">'
    "{{ article.region.display_name }}</a></span>{% endif %}\n"
    "        {% if article.topic %}<span>{{ article.topic.name }}</span>{% endif %}\n"
    "        <span>{{ article.get_kind_display }}</span>\n"
    "        {% if article.page.publication %}<span>{{ article.page.publication }}</span>"
    "{% endif %}\n"
    "      </p>\n"
    "    </li>\n"
    "  {% empty %}\n"
    '    <li class="empty">{% translate "没有符合条件的文章。" %}</li>\n'
    "  {% endfor %}\n"
    "</ol>\n"
)


def _rows():
    from articles.models import Region, Topic

    Topic.objects.filter(slug="volunteering").update(
        name_zh="志愿<服务>", name_en="Volunteer & <b>"
    )
    Region.objects.filter(adcode="510821").update(name="旺苍&县", name_en="Wang<cang>")
    ArticleFactory(
        title="旺苍县<志愿>服务",
        title_prefix="引题&志愿",
        subtitle="副题志愿者",
        body="全县实名注册志愿者达51104人。",
        region=region("510821"),
        topic=topic("volunteering"),
        published=date(2024, 1, 16),
        kind="feature",
    )
    ArticleFactory(title="", body="图片说明志愿" * 10, region=None, topic=None, published=None)
    ArticleFactory(title="无报刊", page=SourcePageFactory(publication=None), kind="photo")
    from articles.list_rows import plain_rows

    return (
        list(Article.objects.list_rows()),
        list(Article.objects.with_related()),
        plain_rows(Article.objects.all()),
    )


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("query", ["", "志愿", "旺苍 服务"])
def test_the_rows_tag_renders_what_the_template_did(language, query):
    reference = engines["django"].from_string(REFERENCE)
    with translation.override(language):
        models, related, plain = _rows()
        assert [a.pk for a in plain] == [a.pk for a in models]
        for articles in (models, related, plain, []):
            # the reference renders model instances, the tag each kind of row
            expected = reference.render({"articles": models if articles else [], "query": query})
            context = {"articles": articles, "query": query}
            assert render_to_string("includes/article_rows.html", context) == expected
        Article.objects.all().delete()


@pytest.mark.parametrize("value", [None, "", "volunteering", "<b>", ["news"]])
def test_the_quick_select_renders_what_django_s_select_does(value):
    from django import forms

    from articles.forms import QuickSelect

    choices = [("", "全部主题"), ("volunteering", "志愿服务"), ("<b>", "a & <b>"), ("news", "消息")]
    attrs = {"id": "id_topic", "required": True, "disabled": False, "data-x": '"q"'}
    for extra in ({}, attrs):
        quick = QuickSelect(choices=choices).render("topic", value, extra)
        assert quick == forms.Select(choices=choices).render("topic", value, extra)


def test_the_list_filter_form_is_unchanged_by_the_quick_selects(client):
    from django import forms

    from articles.filters import ArticleFilter

    ArticleFactory(topic=topic("volunteering"))
    for params in ({}, {"topic": "volunteering", "kind": "news", "o": "-title"}):
        form = ArticleFilter(params, queryset=Article.objects.all()).form
        for name in ("topic", "kind", "o"):
            field = form[name]
            plain = forms.Select(choices=field.field.widget.choices)
            assert str(field) == field.as_widget(widget=plain)


COVERAGE_REFERENCE = (
    "{% load numbers %}<tbody>\n"
    "        {% for row in coverage %}\n"
    '          <tr data-key="{{ row.slug }}"><th scope="row"><a href="{{ row.compare_url }}">'
    "{{ row.name }}</a></th><td>{{ row.unit|unit_name }}</td>"
    '<td class="num">{{ row.regions|grouped }}</td><td class="num">{{ row.metrics|grouped }}</td>'
    "</tr>\n"
    "        {% endfor %}\n"
    "      </tbody>"
)


@pytest.mark.parametrize("grouping", [False, True])
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_coverage_rows_render_what_the_overview_loop_did(language, grouping, settings):
    """With ``USE_THOUSAND_SEPARATOR`` on or off: counts are grouped either way
    (``rows.count_text``: 12,345)."""
    settings.USE_THOUSAND_SEPARATOR = grouping
    from articles.selectors import CoverageRow, indicator_coverage
    from tests.factories import volunteer_metric

    volunteer_metric("510821", 51104, None)
    volunteer_metric("510822", 3, None, unit="元/人/月")
    odd = CoverageRow("a<b", "名&称", "支", 12345, 1234567, "", "/compare/?indicator=a<b")
    odd_unit = CoverageRow("c", "名", "<元>&", 1, 2, "", "/compare/?indicator=c&x=1")
    reference = engines["django"].from_string(COVERAGE_REFERENCE)
    tag = engines["django"].from_string(
        "{% load rows %}<tbody>\n        {% coverage_rows coverage %}\n      </tbody>"
    )
    with translation.override(language):
        for coverage in (indicator_coverage(fresh=True) + [odd, odd_unit, odd], []):
            context = {"coverage": coverage}
            assert tag.render(context) == reference.render(context)


#: The metric rows of ``articles/region_detail.html`` before it called ``metric_rows``,
#: but for the short value: ``expected_short``, set by the test from ``SHORT``, is a line
#: under the exact value when it reads otherwise (it was a 数值 column of its own, beside
#: a 精确值 column that said the same below 10,000: a new-user pass).
METRIC_REFERENCE = (
    "{% load i18n numbers highlight %}"
    "{% for m in rows %}\n"
    "          <tr>\n"
    '            <td class="date">{{ m.article.published|date:"Y-m-d"|default:"—" }}</td>\n'
    '            <td class="num">{{ m|metric_value }}{% if m.target %} '
    '<span class="badge">{% translate "目标" %}</span>{% endif %}'
    '{% if m.expected_short %}<br><small class="short">{{ m.expected_short }}</small>'
    "{% endif %}</td>\n"
    "            <td>{% if m.bound %}{{ m.get_bound_display }}{% endif %}</td>\n"
    '            <td><a href="{{ m.article_url }}">{{ m.article.display_title }}</a></td>\n'
    '            <td class="evidence"><a href="{{ m.article_url }}#m-{{ m.pk }}">'
    "{{ m.snippet.before }}<mark>{{ m.snippet.evidence }}</mark>{{ m.snippet.after }}"
    "</a></td>\n"
    "          </tr>\n"
    "        {% endfor %}"
)


def _metric_blocks():
    from decimal import Decimal

    from articles import regions
    from tests.factories import MetricFactory, volunteer_metric

    body = "前文很长的一句话，<全县>实名注册志愿者达5.11万余人&，后文也很长很长很长很长。"
    start = body.index("实名")
    for i, (value, extra) in enumerate(
        [
            (51104, {"bound": "lower", "approx": True}),
            (670, {"target": True, "value_max": Decimal("700")}),
            (12.5, {"bound": "about", "approx": True, "unit": "%"}),
            (3, {"bound": "upper", "approx": True, "evidence_start": 0, "sentence_start": 5}),
        ]
    ):
        volunteer_metric(
            "510821",
            value,
            date(2024, 1 + i, 16) if i != 2 else None,
            article__title="旺苍县<志愿>&服务" if i else "",
            article__body=body,
            evidence_start=extra.pop("evidence_start", start),
            evidence_end=start + 14,
            sentence_start=extra.pop("sentence_start", 0),
            sentence_end=len(body),
            **extra,
        )
    MetricFactory(article=ArticleFactory(region=region("510821")), indicator=None, unit="个")
    place = region("510821")
    blocks = regions.summaries(place)
    regions.metric_page(place, blocks, 1)
    return [b.rows for b in blocks if b.rows]


#: The short value of each metric of ``_metric_blocks`` by (value, unit): with its
#: bound's mark and its range, as the exact value (a short column showed 20余条 as 20条
#: beside ≥20条: a new-user pass); '' where it reads as the exact value does.
SHORT = {
    "zh-hans": {
        (12.5, "%"): "",  # ≈12.5%
        (3, "人"): "",  # ≤3人
        (670, "人"): "",  # 670–700人
        (51104, "人"): "≥5.11万人",
        (51104, "个"): "5.11万个",
    },
    "en": {
        (12.5, "%"): "",
        (3, "人"): "",
        (670, "人"): "",
        (51104, "人"): "≥51.1K persons",
        (51104, "个"): "51.1K",
    },
}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_metric_rows_tag_renders_what_the_region_template_did(language):
    from articles.templatetags.rows import metric_rows

    reference = engines["django"].from_string(METRIC_REFERENCE)
    with translation.override(language):
        shown = _metric_blocks()
        assert sum(len(rows) for rows in shown) == 5
        for rows in shown:
            for m in rows:
                m.expected_short = SHORT[language][float(m.value), m.unit]
        for rows in shown + [[]]:
            assert metric_rows(rows) == reference.render({"rows": rows})


#: The rows of ``includes/metric_table.html`` (the article page's table) before it called
#: ``metric_table_rows``, as they were (``show_article`` false: the article page's only use),
#: each cell since naming its column (``data-label``: a phone shows a row as a card).
METRIC_TABLE_REFERENCE = (
    "{% load i18n highlight numbers %}"
    '{% translate "审核状态" context "verbose name" as review_status %}'
    "{% for m in metrics %}\n"
    "      <tr>\n"
    '        <td data-label="{% translate "指标" %}">{% if m.indicator %}{{ m.indicator.name }}'
    '{% else %}<span class="muted">{% translate "未归类" %}</span>{% endif %}</td>\n'
    '        <td data-label="{% translate "原文标签" %}">{{ m.label }}</td>\n'
    '        <td class="num" data-label="{% translate "数值" %}">{{ m|metric_value }}'
    '{% if m.target %} <span class="badge" '
    "title=\"{% translate '计划或目标数值，不是已实现的观测值；不参与地区比较。' %}\">"
    '{% translate "目标" %}</span>{% endif %}{% if m.part_role == "part" %} '
    '<span class="badge" title="{% translate \'原文列出的几个分项之一，不是总数。\' %}">'
    '{% translate "分项" %}</span>{% elif m.part_role == "total" %} <span class="badge" '
    "title=\"{% translate '原文称为总数的数值，同组的其他数值是它的分项。' %}\">"
    '{% translate "总数" %}</span>{% endif %}</td>\n'
    '        <td class="num" data-label="{% translate "原值" %}">'
    "{% if m.previous_value is not None %}"
    "{{ m.previous_value|zh_exact:m.unit }}{% endif %}</td>\n"
    '        <td data-label="{% translate "地区" %}">{% if m.region %}'
    '<a href="{{ m.region.get_absolute_url }}">'
    "{{ m.region.display_name }}</a>{% endif %}</td>\n"
    "        {% if show_article %}{% else %}\n"
    '          <td data-label="{% translate "原文" %}"><a href="#m-{{ m.pk }}">'
    "{{ m.evidence }}</a></td>\n"
    "        {% endif %}\n"
    '        <td class="review-state state-{{ m.status }}" '
    'data-label="{{ review_status|capfirst }}">{{ m.get_status_display }}</td>\n'
    "      </tr>\n"
    "    {% empty %}\n"
    '      <tr><td colspan="7">{% translate "没有提取到指标。" %}</td></tr>\n'
    "    {% endfor %}"
)


def _article_metrics():
    """An article whose metrics take every branch of a table row: a target, a part and a
    total, a previous value, no indicator, no region, bounds, a region with and without an
    English name, markup in the label and the evidence, and a rejected one (not shown)."""
    from decimal import Decimal

    from articles.models import Region
    from tests.factories import MetricFactory

    Region.objects.filter(adcode="510822").update(name_en="")
    body = "全县<实名>注册志愿者达5.11万余人&，服务时长“120万”小时。" * 2
    article = ArticleFactory(body=body, region=region("510821"))
    rows = [
        {"target": True, "part_role": "total", "status": "approved", "value_max": Decimal("99999")},
        {"part_role": "part", "previous_value": Decimal("1530"), "unit": "元/人/月"},
        {"indicator": None, "label": '<b>"标签"&', "region": None, "status": "manual"},
        {"bound": "lower", "approx": True, "region": region("510822"), "status": "corrected"},
        {"bound": "upper", "status": "rejected"},
        {"approx": True, "value": Decimal("1"), "unit": "人"},
    ]
    for i, extra in enumerate(rows):
        extra.setdefault("region", region("510821"))
        extra.setdefault("indicator", indicator("registered-volunteers"))
        MetricFactory(article=article, position=i, evidence_start=i, evidence_end=i + 9, **extra)
    return article


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_metric_table_rows_render_what_the_article_template_did(language):
    """Both the page's plain rows (``article_page``) and ``Metric`` rows render as the
    template loop rendered ``Metric`` rows with their indicator and region."""
    from articles import article_page
    from articles.templatetags.rows import metric_table_rows

    reference = engines["django"].from_string(METRIC_TABLE_REFERENCE)
    pk = _article_metrics().pk
    with translation.override(language):
        models = list(Article.objects.with_related().with_metrics().get(pk=pk).metrics.all())
        plain = article_page.read_metrics(article_page.read_article(pk))
        assert len(models) == len(plain) == 5
        expected = reference.render({"metrics": models})
        assert "分项" in expected or "part" in expected
        assert metric_table_rows(plain) == expected
        assert metric_table_rows(models) == expected
        assert metric_table_rows([]) == reference.render({"metrics": []})


#: The block loop of ``articles/region_detail.html`` before it called ``metric_blocks``
#: (its headings translated before the loop, as they were).
BLOCKS_REFERENCE = (
    "{% load i18n rows %}"
    '{% translate "图表需要 JavaScript；数据见下表。" as no_js %}'
    '{% translate "发表日期" as h_published %}{% translate "数值" as h_value %}'
    '{% translate "约数方向" context "verbose name" as bound_heading %}'
    '{% translate "文章" context "table column, one article" as h_article %}'
    '{% translate "原文" as h_source %}{% with h_bound=bound_heading|capfirst %}'
    "{% for block in blocks %}\n"
    '      <h3 id="{{ block.element_id }}">{{ block.name }}{% if block.unit_label %} '
    '<span class="muted">({{ block.unit_label }})</span>{% endif %}{% if block.kind_label %} '
    '<span class="badge">{{ block.kind_label|capfirst }}</span>{% endif %} '
    '<span class="count">{{ block.count }}</span></h3>\n'
    "      {% if block.chart %}\n"
    '      <figure class="small-multiple">\n'
    '        <figcaption class="latest">{{ block.latest_text }}</figcaption>\n'
    '        <div class="chart-box"><canvas id="{{ block.element_id }}-chart" '
    'data-chart-source="{{ block.element_id }}-chart-data" role="img" '
    'aria-label="{{ block.chart_label }}">{{ no_js }}</canvas></div>\n'
    "        {{ block.chart_json }}\n"
    "      </figure>\n"
    "      {% endif %}\n"
    '      <div class="table-scroll">\n'
    '      <table class="chart-table region-metrics">\n'
    "        <thead><tr>\n"
    '          <th scope="col">{{ h_published }}</th>\n'
    '          <th scope="col" class="num">{{ h_value }}</th>\n'
    '          <th scope="col">{{ h_bound }}</th>\n'
    '          <th scope="col">{{ h_article }}</th>\n'
    '          <th scope="col">{{ h_source }}</th>\n'
    "        </tr></thead>\n"
    "        <tbody>\n"
    "        {% metric_rows block.rows %}\n"
    "        </tbody>\n"
    "      </table>\n"
    "      </div>\n"
    "    {% endfor %}{% endwith %}"
)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_metric_blocks_tag_renders_what_the_region_template_did(language, monkeypatch):
    """Blocks with and without a chart, unit and kind, names to escape, rows read by
    ``region_metrics.read`` (plain rows) and by ``regions.metric_page`` (``Metric``)."""
    from articles import region_metrics, regions
    from articles.templatetags.rows import metric_blocks, metric_rows

    reference = engines["django"].from_string(BLOCKS_REFERENCE)
    with translation.override(language):
        orm_rows = _metric_blocks()
        place = region("510821")
        blocks, _page = region_metrics.read(place, 1)
        for block in blocks:
            regions.draw(block, "旺苍<县>", chart=bool(block.rows))
        blocks[-1].name = "名<称>&"
        for shown in ([b.chart for b in blocks], [b.unit_label for b in blocks]):
            assert any(shown) and not all(shown)  # each part both present and absent
        assert blocks[0].kind_label and not blocks[-1].kind_label
        assert [[m.pk for m in b.rows] for b in blocks] == [[m.pk for m in r] for r in orm_rows]
        for b, rows in zip(blocks, orm_rows, strict=True):
            assert metric_rows(b.rows) == metric_rows(rows)  # plain rows, as the ORM's
        for shown in (blocks, blocks[1:], []):
            assert metric_blocks(shown) == reference.render({"blocks": shown})


#: The loop of ``includes/filter_form.html`` before it called ``{% filter_fields %}``.
FILTER_FIELDS_REFERENCE = (
    "    {% for field in form %}\n"
    '      <div class="field{% if field.errors %} has-error{% endif %}">\n'
    '        <label for="{{ field.id_for_label }}">{{ field.label }}</label>\n'
    "        {{ field }}\n"
    '        {% if field.errors %}<div class="errors" role="alert" '
    'id="{{ field.id_for_label }}-errors">{{ field.errors }}</div>{% endif %}\n'
    '        {% if field.name == "q" and form.search_notice %}<p class="notice" role="status" '
    'id="search-notice">{{ form.search_notice }}</p>{% endif %}\n'
    "      </div>\n"
    "    {% endfor %}\n"
)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize(
    "params",
    [
        {},
        {"topic": "volunteering", "kind": "news", "o": "-title", "region": "510821"},
        {"year": "99999", "topic": "<b>nope", "region": "不存在&", "o": "zzz"},
        {"q": "一 二 三 四 五 六 七 八 九 十", "verified": "maybe"},
        {"published_after": "2024-02-01", "published_before": "2024-01-01", "source": "<i>"},
    ],
)
def test_the_filter_fields_tag_renders_what_the_form_loop_did(language, params):
    from articles.filters import ArticleFilter

    ArticleFactory(topic=topic("volunteering"), region=region("510821"))
    reference = engines["django"].from_string(FILTER_FIELDS_REFERENCE)
    tag = engines["django"].from_string("{% load rows %}    {% filter_fields form %}\n")
    with translation.override(language):
        form = ArticleFilter(params, queryset=Article.objects.all()).form
        form.is_valid()
        expected = reference.render({"form": form})
        assert tag.render({"form": form}) == expected
    assert ('id="search-notice"' in expected) == ("q" in params)
    assert ("has-error" in expected) == ("year" in params or "verified" in params)
