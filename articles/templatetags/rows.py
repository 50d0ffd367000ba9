"""Table and list rows built in Python: the same markup the template loops they replace
rendered, byte for byte (``tests/test_article_rows.py`` keeps those loops as references),
in a fifth of the time.

* ``{% article_rows articles query %}``: the rows of an article list
  (``includes/article_rows.html``); 25 rows through the engine took about 5 ms of a
  15 ms list page (variable lookups, two ``reverse()`` and the ``marked`` filter a row);
* ``{% coverage_rows coverage %}``: the overview's indicator table rows (150
  indicators: about 4 ms through the engine);
* ``{% metric_rows block.rows %}``: a region page's metric table rows (a page of 50
  metrics in 15 blocks at 100,000 articles: about 6 ms CPU through the engine, which
  resolved a dozen variables and filters a row; 3 ms here);
* ``{% metric_table_rows metrics %}``: the article page's metric table rows
  (``includes/metric_table.html``; ten metrics took 1 ms of a 6 ms page through the
  engine);
* ``{% filter_fields form %}``: the list's filter form fields
  (``includes/filter_form.html``; ten fields took about 1 ms of a list page through the
  engine's loop).

Every text is escaped (``escape``, or the ``highlight`` filters, which escape).
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from django import template
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from ..formatting import active_lang, format_number, metric_text, unit_name, unit_text
from ..models import ArticleKind, MetricStatus
from ..search import Highlighter
from .highlight import (
    bound_label,
    bound_labels,
    marked_by,
    metric_value,
    metric_value_html,
    snippet_by,
)

register = template.Library()

#: A number no id or adcode has, replaced by each row's own in the reversed URLs.
_SENTINEL = "987654"


def escape(text) -> str:
    """``django.utils.html.escape`` (which calls ``html.escape``) without its wrapper for
    lazy arguments, a third of its cost at 900 calls a region page: the same text, as a
    plain ``str`` for the f-strings below."""
    return html.escape(str(text))


def int_text():
    """What ``{{ n }}`` shows of an integer, as a function: ``localize``, or ``str`` when
    the settings group no digits (``localize(1234567)`` is its digits; then every
    integer's text is its ``str``, Django's own shortcut). Looked up once per table:
    ``localize`` cost 8 µs an integer (300 on the overview)."""
    return str if localize(1234567) == "1234567" else localize


def count_text(n: int) -> str:
    """A count as the pages show counts in both languages: digits grouped in threes
    (``formatting.grouped``: 3,008 articles, 共 3,008 篇文章), whatever
    ``USE_THOUSAND_SEPARATOR`` says (off: it would group years and ids too). A new-user
    pass read "3008 articles" in English."""
    return f"{n:,}"


def _text(value: str, query) -> str:
    """``value`` escaped, with the hits of ``query`` (a ``search.Highlighter``, None
    without a query) marked when there is one."""
    return marked_by(value, query) if query is not None else escape(value)


def _row(article, query, detail: str, region_url: str, kinds: dict) -> str:
    heading = _text(article.display_title, query)
    if article.title_prefix:
        heading = f'<span class="prefix">{_text(article.title_prefix, query)}</span> {heading}'
    subtitle = (
        f'<p class="subtitle" lang="zh-Hans">{_text(article.subtitle, query)}</p>'
        if article.subtitle
        else ""
    )
    found = (
        f'<p class="snippet" lang="zh-Hans">{snippet_by(article.body, query)}</p>'
        if query is not None
        else ""
    )
    day = article.published.isoformat() if article.published else ""
    published = f'<time datetime="{day}">{day}</time>' if day else ""
    region = article.region
    place = (
        f'<span><a href="{escape(region_url.replace(_SENTINEL, region.adcode))}">'
        f"{escape(region.display_name)}</a></span>"
        if region
        else ""
    )
    topic = f"<span>{escape(article.topic.name)}</span>" if article.topic else ""
    publication = article.page.publication
    printed = f"<span>{escape(publication)}</span>" if publication else ""
    url = escape(detail.replace(_SENTINEL, str(article.pk)))
    return (
        f'\n    <li>\n      <h3 lang="zh-Hans"><a href="{url}">{heading}</a></h3>\n'
        f'      {subtitle}\n      {found}\n      <p class="meta">\n        \n'
        f"        {published}\n        {place}\n        {topic}\n"
        f"        <span>{kinds.get(article.kind) or escape(article.kind)}</span>\n"
        f"        {printed}\n      </p>\n    </li>\n  "
    )


@register.simple_tag
def article_rows(articles: Iterable, query: str = "", empty: str = "") -> SafeString:
    """The ``<ol class="article-list">`` of ``articles`` (rows of
    ``list_rows.plain_rows``, ``ArticleQuerySet.list_rows()`` or ``with_related()``), with
    ``query``'s hits marked and a snippet of each body when there is a query; when
    empty, ``empty`` (a page's own words, escaped) or '没有符合条件的文章。'."""
    query = query or ""
    detail = reverse("articles:detail", args=[int(_SENTINEL)])
    region_url = reverse("articles:region", args=[_SENTINEL])
    # ``get_kind_display()`` per row hashed every lazy choice label (five translation
    # look-ups a row); the labels are escaped once here
    kinds = {kind: escape(str(label)) for kind, label in ArticleKind.choices}
    # the query's runs read and their patterns compiled once for every row's texts
    marks = Highlighter(query) if query else None
    rows = [_row(a, marks, detail, region_url, kinds) for a in articles]
    if not rows:
        # outside the f-string, where xgettext finds it
        empty = escape(empty or _("没有符合条件的文章。"))
        rows = [f'\n    <li class="empty">{empty}</li>\n  ']
    return mark_safe('<ol class="article-list">\n  ' + "".join(rows) + "\n</ol>")  # noqa: S308 (every part escaped above)


@register.simple_tag
def coverage_rows(coverage: Iterable) -> SafeString:
    """The ``<tr>`` of each ``selectors.CoverageRow`` of the overview's indicator table:
    name linked to compare, unit in the active language, regions and metrics. Each
    distinct unit is named and escaped once (150 rows, a dozen units), every text with
    ``html.escape`` (``conditional_escape`` cost twice as much a cell)."""
    lang = active_lang()
    units: dict[str, str] = {}
    rows = []
    for row in coverage:
        unit = units.get(row.unit)
        if unit is None:
            unit = units[row.unit] = escape(unit_name(row.unit, lang))
        rows.append(
            f'\n          <tr data-key="{escape(row.slug)}"><th scope="row">'
            f'<a href="{escape(row.compare_url)}">{escape(row.name)}</a>'
            f"</th><td>{unit}</td>"
            f'<td class="num">{escape(count_text(row.regions))}</td>'
            f'<td class="num">{escape(count_text(row.metrics))}</td></tr>\n        '
        )
    return mark_safe("".join(rows))  # noqa: S308 (every part escaped)


@register.simple_tag
def count_rows(rows: Iterable) -> SafeString:
    """The ``<tr>`` of each ``selectors.CountRow`` of an overview table (articles per
    province or per topic): ``data-key`` its adcode or slug, its name linked to its page
    when it has one, its count grouped (``count_text``). Built here, every text with
    ``html.escape``, as ``coverage_rows``: the template's loop over 32 provinces and 13
    topics cost 1.4 ms of the overview's 2.5 ms of rendering at 100,000 articles."""
    cells = []
    for row in rows:
        name = escape(row.name)
        if row.url:
            name = f'<a href="{escape(row.url)}">{name}</a>'
        cells.append(
            f'\n          <tr data-key="{escape(row.key)}"><th scope="row">{name}</th>'
            f'<td class="num">{escape(count_text(row.count))}</td></tr>'
        )
    return mark_safe("".join(cells))  # noqa: S308 (every part escaped)


@register.simple_tag
def latest_items(articles: Iterable) -> SafeString:
    """The ``<li>`` of each of the overview's latest articles (``list_rows.ListRow``):
    its title linked to its page, then its date, region and topic, each escaped."""
    detail = reverse("articles:detail", args=[int(_SENTINEL)])
    items = []
    for article in articles:
        meta = article.published.isoformat() if article.published else ""
        if article.region:
            meta += f" · {escape(article.region.display_name)}"
        if article.topic:
            meta += f" · {escape(article.topic.name)}"
        url = escape(detail.replace(_SENTINEL, str(article.pk)))
        items.append(
            f'\n        <li>\n          <a href="{url}">{escape(article.display_title)}</a>'
            f'\n          <span class="meta">{meta}</span>\n        </li>'
        )
    return mark_safe("".join(items))  # noqa: S308 (every part escaped)


def short_text(m, lang: str | None = None) -> str:
    """A metric's value in its short form (5.11万人), with its bound's mark and its range
    as the exact value has them (≥20条, 5–8个): a short form showed the lower number
    alone, so 20余条 read as exactly 20 beside ≥20条 (a new-user pass)."""
    return metric_text(m, lang=lang, exact=False)


def short_line(m, lang: str | None = None) -> str:
    """The short form (``short_text``) under a region-page row's exact value, as a line
    of its own ('<br><small class="short">≥5.11万人</small>'), or '' when it reads the
    same as the exact value (670支, ≈12.5%): two columns, 数值 and 精确值, had said the
    same thing on every row below 10,000 (a new-user pass)."""
    short = short_text(m, lang)
    if short == metric_text(m, lang=lang):
        return ""
    return f'<br><small class="short">{escape(short)}</small>'


def _metric_row(m, target: str, number=localize, lang=None, labels=None) -> str:
    """One row of ``metric_rows``; ``lang`` and the bounds' ``labels`` (``bound_labels``)
    looked up once per table when given (else for each row)."""
    day = m.article.published.isoformat() if m.article.published else "—"
    badge = f' <span class="badge">{target}</span>' if m.target else ""
    if not m.bound:
        bound = ""
    elif labels is not None:
        bound = escape(labels.get(m.bound, m.bound))  # ``bound_label``
    else:
        bound = escape(bound_label(m.bound))
    url = escape(m.article_url)
    part = m.snippet
    value = metric_value_html(m, lang=lang, labels=labels)
    return (
        f'\n          <tr>\n            <td class="date">{day}</td>\n'
        f'            <td class="num">{value}{badge}{short_line(m, lang)}</td>\n'
        f"            <td>{bound}</td>\n"
        f'            <td><a href="{url}">{escape(m.article.display_title)}</a></td>\n'
        f'            <td class="evidence"><a href="{url}#m-{escape(number(m.pk))}">'
        f"{escape(part.before)}<mark>{escape(part.evidence)}</mark>{escape(part.after)}</a>"
        f"</td>\n          </tr>\n        "
    )


@register.simple_tag
def metric_rows(metrics: Iterable) -> SafeString:
    """The ``<tr>`` of each metric of a region page's block (``regions.metric_page``
    rows: ``Metric`` with ``article``, ``snippet`` and ``article_url``): publication
    date, exact value with its bound sign (a badge for a target, the short form under it
    when that reads otherwise: ``short_line``), bound,
    article link and the evidence snippet linked to its mark."""
    target, lang, labels = escape(_("目标")), active_lang(), bound_labels()
    rows = (_metric_row(m, target, localize, lang, labels) for m in metrics)
    return mark_safe("".join(rows))  # noqa: S308 (every part escaped)


def _metric_block(block, words: dict, lang: str) -> str:
    element = escape(block.element_id)
    unit = unit_text(block.unit, lang).strip()  # ``block.unit_label``
    unit = f' <span class="muted">({escape(unit)})</span>' if unit else ""
    kind = block.kind_label
    kind = f' <span class="badge">{escape(capfirst(kind))}</span>' if kind else ""
    chart = ""
    if block.chart:
        chart = (
            '\n      <figure class="small-multiple">\n'
            f'        <figcaption class="latest">{escape(block.latest_text)}</figcaption>\n'
            f'        <div class="chart-box"><canvas id="{element}-chart" '
            f'data-chart-source="{element}-chart-data" role="img" '
            f'aria-label="{escape(block.chart_label)}">{words["no_js"]}</canvas></div>\n'
            f"        {block.chart_json}\n      </figure>\n      "
        )
    target, number, labels = words["target"], words["number"], words["labels"]
    rows = "".join(_metric_row(m, target, number, lang, labels) for m in block.rows)
    return (
        f'\n      <h3 id="{element}">{escape(block.name)}{unit}{kind} '
        f'<span class="count">{block.count}</span></h3>\n      {chart}{words["head"]}'
        f"{rows}\n        </tbody>\n      </table>\n      </div>\n    "
    )


@register.simple_tag
def metric_blocks(blocks: Iterable) -> SafeString:
    """A region page's blocks that have rows on its page of the metric list
    (``RegionPage.shown_blocks``): each block's heading (name, unit in the active
    language, kind, count), its chart when it has one (caption, canvas, JSON payload:
    ``regions.draw``) and its table of rows (``metric_rows``). A template loop of some
    20 nodes a block cost more than the rows themselves (15 blocks a county page)."""
    heads = (
        (_("发表日期"), ""),
        (_("数值"), ' class="num"'),
        (capfirst(pgettext("verbose name", "约数方向")), ""),
        (pgettext("table column, one article", "文章"), ""),
        (_("原文"), ""),
    )
    cells = "".join(f'\n          <th scope="col"{css}>{escape(h)}</th>' for h, css in heads)
    words = {
        "no_js": escape(_("图表需要 JavaScript；数据见下表。")),
        "number": int_text(),
        "target": escape(_("目标")),
        "labels": bound_labels(),
        "head": (
            '\n      <div class="table-scroll">\n      <table class="chart-table region-metrics">'
            f"\n        <thead><tr>{cells}\n        </tr></thead>\n        <tbody>\n        "
        ),
    }
    lang = active_lang()
    return mark_safe("".join(_metric_block(b, words, lang) for b in blocks))  # noqa: S308 (every part escaped)


def _metric_table_row(m, words: dict, english: bool) -> str:
    if m.indicator:
        indicator = escape(m.indicator.name_en if english else m.indicator.name_zh)
    else:
        indicator = words["unsorted"]
    badges = words["target"] if m.target else ""
    if m.part_role == "part":
        badges += words["part"]
    elif m.part_role == "total":
        badges += words["total"]
    previous = (
        escape(format_number(m.previous_value, m.unit, exact=True))
        if m.previous_value is not None
        else ""
    )
    region = m.region
    if region:
        url = escape(words["region_url"].replace(_SENTINEL, region.adcode))
        name = region.name_en if english and region.name_en else region.name
        region = f'<a href="{url}">{escape(name)}</a>'
    status = words["statuses"].get(m.status) or escape(m.status)
    h = words["heads"]  # each cell names its column: a phone shows the row as a card
    return (
        f'\n      <tr>\n        <td data-label="{h[0]}">{indicator}</td>\n'
        f'        <td data-label="{h[1]}">{escape(m.label)}</td>\n'
        f'        <td class="num" data-label="{h[2]}">{metric_value(m)}{badges}</td>\n'
        f'        <td class="num" data-label="{h[3]}">{previous}</td>\n'
        f'        <td data-label="{h[4]}">{region or ""}</td>\n        \n'
        f'          <td data-label="{h[5]}"><a href="#m-{escape(localize(m.pk))}">'
        f"{escape(m.evidence)}</a></td>\n"
        f'        \n        <td class="review-state state-{escape(m.status)}" data-label="{h[6]}">'
        f"{status}</td>\n"
        "      </tr>\n    "
    )


@register.simple_tag
def metric_table_rows(metrics: Iterable) -> SafeString:
    """The ``<tr>`` of each metric of the article page's table (``article_page.MetricRow``
    or ``Metric`` with indicator and region): indicator (未归类 without one), label, value
    with its target and part/total badges, previous value, the metric's own region linked,
    the evidence linked to its mark in the body (``#m-<pk>``) and the review status; one
    row saying there is none when ``metrics`` is empty."""
    words = {
        # the column heads of ``includes/metric_table_head.html``
        "heads": [
            escape(h)
            for h in (
                _("指标"),
                _("原文标签"),
                _("数值"),
                _("原值"),
                _("地区"),
                _("原文"),
                capfirst(pgettext("verbose name", "审核状态")),
            )
        ],
        "unsorted": f'<span class="muted">{escape(_("未归类"))}</span>',
        "region_url": reverse("articles:region", args=[_SENTINEL]),
        # ``get_status_display()`` a row hashed every lazy choice label
        "statuses": {value: escape(str(label)) for value, label in MetricStatus.choices},
        "target": ' <span class="badge" title="{}">{}</span>'.format(
            escape(_("计划或目标数值，不是已实现的观测值；不参与地区比较。")), escape(_("目标"))
        ),
        "part": ' <span class="badge" title="{}">{}</span>'.format(
            escape(_("原文列出的几个分项之一，不是总数。")), escape(_("分项"))
        ),
        "total": ' <span class="badge" title="{}">{}</span>'.format(
            escape(_("原文称为总数的数值，同组的其他数值是它的分项。")), escape(_("总数"))
        ),
    }
    english = active_lang() == "en"
    rows = [_metric_table_row(m, words, english) for m in metrics]
    if not rows:
        none = escape(_("没有提取到指标。"))
        rows = [f'\n      <tr><td colspan="7">{none}</td></tr>\n    ']
    return mark_safe("".join(rows))  # noqa: S308 (every part escaped above)


def _facet_item(item, remove: str) -> str:
    selected = ' class="selected"' if item.selected else ""
    current = f' aria-current="true" title="{remove}"' if item.selected else ""
    cross = ' <span aria-hidden="true">×</span>' if item.selected else ""
    return (
        f"\n          <li{selected}>\n"
        f'            <a href="{escape(item.href)}"{current}>{escape(item.label)}</a>\n'
        f'            <span class="count">{escape(count_text(item.count))}</span>{cross}\n'
        "          </li>\n        "
    )


@register.simple_tag
def facet_sections(facets: Iterable) -> SafeString:
    """The ``<section>`` of each facet of the list page (``filters.Facet``): its title
    and a link per value with its count, a selected value marked (its link removes the
    filter); a line saying there is nothing to narrow when ``facets`` is empty.
    ``includes/facets.html`` looped over them (29 values: 0.6 ms a page)."""
    remove = escape(_("取消此筛选"))
    sections = [
        f'\n    <section class="facet" aria-labelledby="facet-{escape(facet.name)}">\n'
        f'      <h3 id="facet-{escape(facet.name)}">{escape(facet.title)}</h3>\n'
        "      <ul>\n        "
        + "".join(_facet_item(item, remove) for item in facet.items)
        + "\n      </ul>\n    </section>\n  "
        for facet in facets
    ]
    if not sections:
        none = escape(_("没有可细分的结果。"))
        sections = [f"\n    <p>{none}</p>\n  "]
    return mark_safe("".join(sections))  # noqa: S308 (every part escaped above)


def _filter_field(field, notice: str) -> str:
    errors = field.errors
    label_for = escape(field.id_for_label)
    error_html = (
        f'<div class="errors" role="alert" id="{label_for}-errors">{conditional_escape(errors)}</div>'
        if errors
        else ""
    )
    notice_html = (
        f'<p class="notice" role="status" id="search-notice">{escape(notice)}</p>'
        if field.name == "q" and notice
        else ""
    )
    return (
        f'\n      <div class="field{" has-error" if errors else ""}">\n'
        f'        <label for="{label_for}">{escape(field.label)}</label>\n'
        f"        {conditional_escape(field)}\n"
        f"        {error_html}\n"
        f"        {notice_html}\n"
        "      </div>\n    "
    )


@register.simple_tag
def filter_fields(form) -> SafeString:
    """The filter form's fields, each in its ``<div class="field">`` with its label, its
    widget, its errors and (the search box) the form's ``search_notice``: what the loop
    of ``includes/filter_form.html`` rendered (``tests/test_article_rows.py`` keeps it as
    the reference). Every text escaped; widgets and error lists are safe HTML."""
    notice = getattr(form, "search_notice", "")
    return mark_safe("".join(_filter_field(field, notice) for field in form))  # noqa: S308
