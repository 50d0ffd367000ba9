"""Template filters over ``articles.formatting`` (the one number formatter).

``{{ value|zh_number:unit }}`` short form (万/亿 in Chinese, K/M/B in English),
``{{ value|zh_exact:unit }}`` exact form, ``{{ metric|approx_mark }}`` the ≥/≤/≈ mark.
The language is the active one; the rules are in ``articles/formatting.py``.
"""

from __future__ import annotations

from django import template

from ..formatting import bound_mark, format_number, grouped, in_sentence, unit_name

register = template.Library()


@register.filter
def zh_number(value, unit: str = "") -> str:
    """``{{ metric.value|zh_number:metric.unit }}`` -> ``9.31亿元`` (``format_number``)."""
    return format_number(value, unit)


@register.filter
def zh_exact(value, unit: str = "") -> str:
    """``{{ metric.previous_value|zh_exact:metric.unit }}`` -> ``1,530元/人/月``: every
    digit unless the 万/亿 form loses nothing (``format_number(exact=True)``)."""
    return format_number(value, unit, exact=True)


@register.filter(name="unit_name")
def unit_name_filter(unit: str) -> str:
    """``{{ row.unit|unit_name }}`` -> ``元/人/月`` / ``yuan per person per month``: a unit
    on its own, in the active language (``formatting.unit_name``)."""
    return unit_name(unit)


@register.filter(name="in_sentence")
def in_sentence_filter(label) -> str:
    """``{{ result.level_label|in_sentence }}`` -> ``county`` / ``县级``: a level's name
    inside a sentence, lower case in English (``formatting.in_sentence``)."""
    return in_sentence(label)


@register.filter
def approx_mark(metric) -> str:
    """``{{ metric|approx_mark }}``: ≥/≤/≈ for a metric (or dict) with ``approx``/``bound``."""
    if isinstance(metric, dict):
        return bound_mark(metric.get("bound"), bool(metric.get("approx")))
    return bound_mark(getattr(metric, "bound", ""), bool(getattr(metric, "approx", False)))


@register.filter(name="grouped")
def grouped_filter(value) -> str:
    """``{{ 3000|grouped }}`` -> ``3,000`` (``formatting.grouped``: a count in a sentence)."""
    return grouped(value)
