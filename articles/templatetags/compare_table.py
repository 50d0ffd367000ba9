"""``{% compare_table_rows result %}``: the compare table's body rows, built in Python.

A county-level compare has up to 3,000 rows; the same markup through the template engine
cost about 0.3 s of a page's time (profiled at 100,000 articles), ``format_html`` a tenth
of that, and f-strings with ``html.escape`` (what Django's ``escape`` calls) a third of
``format_html``'s time: its lazy-string checks ran per value. Every value is escaped
(``_e``); the strings are the template's msgids.
"""

from __future__ import annotations

from html import escape

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..compare import pct_text
from ..formatting import approximate, format_number
from ..models import MetricStatus

register = template.Library()


def _value_cell(row, texts: _Texts) -> str:
    if row.article_values <= 1 or row.parts:  # a sum of parts says so in its display
        return f'<td class="num">{_e(row.display)}</td>'
    return (
        f'<td class="num">{_e(row.display)}<br><small class="muted" title="{texts.several}">'
        f"{texts.count(row.article_values)}</small></td>"
    )


def _ratio_cell(row) -> str:
    """The per-resident ratio: in that view the first column after the region, the
    figure the view is about (after the value and residents it was off a phone's screen:
    a new-user pass)."""
    ratio = _e(row.ratio_display) if row.ratio is not None else '<span class="missing">—</span>'
    return f'<td class="num">{ratio}</td>'


def _residents_cell(row) -> str:
    if row.residents:
        # every digit, grouped, as the values column beside it (330,108人, never 33.01万人
        # or 330.11K persons: a new-user pass found the two columns in unlike forms)
        residents = _e(format_number(row.residents, "人", digits=True))
    else:
        residents = f'<span class="missing">{_e(_("无人口数据"))}</span>'
    return f'<td class="num">{residents}</td>'


def _change_cells(row) -> str:
    """Previous value (with its date, or why it has none), change and percentage change;
    a note in place of a missing number says why (a flow without a period, previous 0)."""
    if row.previous_value is None:
        return f'<td class="num missing" colspan="3">{_e(row.change_note or "—")}</td>'
    when = row.previous_date.isoformat() if row.previous_date else row.change_note
    pct = pct_text(row.change_pct, approximate(row))
    pct = _e(pct) if pct else f'<small class="muted">{_e(row.change_note or "—")}</small>'
    return (
        f'<td class="num">{_e(row.previous_display)}<br><small class="muted">{_e(when)}</small>'
        f'</td><td class="num">{_e(row.change_display)}</td><td class="num">{pct}</td>'
    )


class _Texts:
    """The texts every row of one table shares, translated and escaped once per table
    (not once per row): the review states' labels, the note on several values, the count
    of values by number."""

    def __init__(self):
        self.states: dict[str, str] = {}
        self.counts: dict[int, str] = {}
        self.several = _e(
            _(
                "同一文章报告了该地区此指标的多个数值（如不同类型的队伍）；"
                "取经审核确认的值，否则取最大值（通常为总数）。"
            )
        )

    def state(self, status: str) -> str:
        if status not in self.states:
            self.states[status] = _e(MetricStatus(status).label) if status else ""
        return self.states[status]

    def count(self, n: int) -> str:
        if n not in self.counts:
            self.counts[n] = _e(ngettext("文中共%(n)s个值", "文中共%(n)s个值", n) % {"n": n})
        return self.counts[n]


#: An adcode no region has: ``region_url``'s place for a row's own.
_ADCODE = "987654"


def region_url() -> str:
    """The region page's URL with ``_ADCODE`` where a row's adcode goes (``reverse``
    once per table, not per row)."""
    return reverse("articles:region", args=[_ADCODE])


def _row(
    row,
    with_ratio: bool,
    with_change: bool = False,
    texts: _Texts | None = None,
    url: str | None = None,
) -> str:
    """One ``<tr>``; its region's path links to the region's page (``url``:
    ``region_url()``), where its other figures and articles are."""
    texts = texts or _Texts()
    path = _e(row.region_path)
    adcode = _e(row.region_adcode)
    href = (url or region_url()).replace(_ADCODE, adcode)
    published = row.published.isoformat() if row.published else "—"
    return (
        f'<tr data-adcode="{adcode}"><th scope="row">'
        f'<a class="region-path" href="{href}" title="{path}">{path}</a></th>'
        f"{_ratio_cell(row) if with_ratio else ''}{_value_cell(row, texts)}"
        f"{_residents_cell(row) if with_ratio else ''}{_change_cells(row) if with_change else ''}"
        f'<td class="date">{published}</td><td><a href="{_e(row.article_url)}">'
        f'{_e(row.article_title)}</a></td><td class="evidence">{_e(row.evidence)}<br>'
        f'<small class="review-state state-{_e(row.status)}">{texts.state(row.status)}</small>'
        "</td></tr>"
    )


def _e(value) -> str:
    """``django.utils.html.escape`` without its lazy-string wrapper (``html.escape`` of
    the text): every value of a row is escaped through this."""
    return escape(str(value))


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
    texts, url = _Texts(), region_url()
    # every value escaped by ``_e``
    return mark_safe(  # noqa: S308
        "\n".join(_row(row, with_ratio, with_change, texts, url) for row in shown)
    )


def _chart_field(field) -> str:
    errors = field.errors
    error_html = (
        f'<div class="form-errors" role="alert">{conditional_escape(errors)}</div>'
        if errors
        else ""
    )
    return (
        f'\n    <div class="chart-form__field{" chart-form__field--error" if errors else ""}">\n'
        f'      <label for="{_e(field.id_for_label)}">{_e(field.label)}</label>\n'
        f"      {conditional_escape(field)}\n"
        f"      {error_html}\n"
        "    </div>\n  "
    )


@register.simple_tag
def chart_form_fields(form) -> SafeString:
    """Compare's form fields, each in its ``<div class="chart-form__field">`` with its
    label, its widget and its errors: what the loop of ``articles/compare.html`` rendered,
    byte for byte (``tests/test_compare_table_tag.py`` keeps it as the reference), without
    the engine's lookups and ``{% if %}`` nodes for ten fields (about 0.6 ms a page).
    Labels escaped; widgets and error lists are safe HTML."""
    return mark_safe("".join(_chart_field(field) for field in form))  # noqa: S308


def flipped(key: str) -> str:
    """'-value' -> 'value', 'name' -> '-name'."""
    return key[1:] if key.startswith("-") else "-" + key


@register.simple_tag(takes_context=True)
def sort_link(context, key: str, label: str) -> SafeString:
    """A column header that sorts the compare table by ``key`` (``articles.tables.SORTS``,
    given in its first direction), or the other way when that is the sort in force; an
    arrow (↑ ascending, ↓ descending) marks the column sorted. Keeps every other
    parameter, goes back to page 1 and opens on the table (``tab=table``: the address
    may still name the chart, the tabs switch in place). The sorted column's link is
    marked ``data-sorted``."""
    from ..filters import url_with

    current = context["table"].sort
    sorted_here = current in (key, flipped(key))
    target = flipped(current) if sorted_here else key
    arrow = (" ↓" if current.startswith("-") else " ↑") if sorted_here else ""
    href = url_with(context["request"].GET, o=target, tab="table")
    if sorted_here:  # static/js/compare-tabs.js scrolls a narrow table to this column
        return format_html(
            '<a href="{}" data-sort="{}" data-sorted>{}{}</a>', href, target, label, arrow
        )
    return format_html('<a href="{}" data-sort="{}">{}{}</a>', href, target, label, arrow)
