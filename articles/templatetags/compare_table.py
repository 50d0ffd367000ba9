"""``{% compare_table_rows result %}``: the compare table's body rows, built in Python.

A county-level compare has up to 3,000 rows; the same markup through the template engine
cost about 0.3 s of a page's time (profiled at 100,000 articles), ``format_html`` a tenth
of that. Every value is escaped by ``format_html``; the strings are the template's msgids.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..compare import pct_text
from ..formatting import format_number
from ..models import MetricStatus

register = template.Library()


def _value_cell(row) -> SafeString:
    if row.article_values <= 1 or row.parts:  # a sum of parts says so in its display
        return format_html('<td class="num">{}</td>', row.display)
    title = _(
        "同一文章报告了该地区此指标的多个数值（如不同类型的队伍）；"
        "取经审核确认的值，否则取最大值（通常为总数）。"
    )
    count = ngettext("文中共%(n)s个值", "文中共%(n)s个值", row.article_values) % {
        "n": row.article_values
    }
    return format_html(
        '<td class="num">{}<br><small class="muted" title="{}">{}</small></td>',
        row.display,
        title,
        count,
    )


def _ratio_cells(row) -> SafeString:
    missing = format_html('<span class="missing">{}</span>', _("无人口数据"))
    residents = format_number(row.residents, "人") if row.residents else missing
    ratio = (
        row.ratio_display
        if row.ratio is not None
        else format_html('<span class="missing">—</span>')
    )
    return format_html('<td class="num">{}</td><td class="num">{}</td>', residents, ratio)


def _change_cells(row) -> SafeString:
    """Previous value (with its date, or why it has none), change and percentage change;
    a note in place of a missing number says why (a flow without a period, previous 0)."""
    if row.previous_value is None:
        missing = row.change_note or "—"
        return format_html('<td class="num missing" colspan="3">{}</td>', missing)
    when = row.previous_date.isoformat() if row.previous_date else row.change_note
    pct = pct_text(row.change_pct)
    return format_html(
        '<td class="num">{}<br><small class="muted">{}</small></td><td class="num">{}</td>'
        '<td class="num">{}</td>',
        row.previous_display,
        when,
        row.change_display,
        pct or format_html('<small class="muted">{}</small>', row.change_note or "—"),
    )


def _row(row, with_ratio: bool, with_change: bool = False) -> SafeString:
    return format_html(
        '<tr data-adcode="{}"><th scope="row"><span class="region-path" title="{}">{}</span>'
        '</th>{}{}{}<td class="date">{}</td><td><a href="{}">{}</a></td>'
        '<td class="evidence">{}<br><small class="review-state state-{}">{}</small></td></tr>',
        row.region_adcode,
        row.region_path,
        row.region_path,
        _value_cell(row),
        _ratio_cells(row) if with_ratio else "",
        _change_cells(row) if with_change else "",
        row.published.isoformat() if row.published else "—",
        row.article_url,
        row.article_title,
        row.evidence,
        row.status,
        MetricStatus(row.status).label if row.status else "",
    )


@register.simple_tag
def compare_table_rows(result, rows=None) -> SafeString:
    """The ``<tr>`` of ``rows`` (default: every ``CompareRow`` of the
    ``selectors.CompareResult``; the page shows one page of ``articles.tables``), with the
    residents and ratio columns when the result has a census year, and the previous
    value, change and percentage change in the change view or when a row has a previous
    value."""
    with_ratio = bool(result.population_year)
    with_change = result.view == "change" or result.has_previous
    shown = result.rows if rows is None else rows
    return format_html_join("\n", "{}", ((_row(row, with_ratio, with_change),) for row in shown))


def flipped(key: str) -> str:
    """'-value' -> 'value', 'name' -> '-name'."""
    return key[1:] if key.startswith("-") else "-" + key


@register.simple_tag(takes_context=True)
def sort_link(context, key: str, label: str) -> SafeString:
    """A column header that sorts the compare table by ``key`` (``articles.tables.SORTS``,
    given in its first direction), or the other way when that is the sort in force; an
    arrow (↑ ascending, ↓ descending) marks the column sorted. Keeps every other
    parameter and goes back to page 1."""
    from ..filters import url_with

    current = context["table"].sort
    sorted_here = current in (key, flipped(key))
    target = flipped(current) if sorted_here else key
    arrow = (" ↓" if current.startswith("-") else " ↑") if sorted_here else ""
    href = url_with(context["request"].GET, o=target)
    return format_html('<a href="{}" data-sort="{}">{}{}</a>', href, target, label, arrow)
