"""``{{ chart|script_data:"compare-chart-data" }}``: Django's ``json_script`` filter, the
same markup, without its per-character escaping (``articles.script_data``)."""

from __future__ import annotations

from django import template

from ..script_data import json_script

register = template.Library()


@register.filter(is_safe=True)
def script_data(value, element_id: str | None = None):
    """``value`` as JSON in a ``<script type="application/json" id="element_id">``, as
    ``{{ value|json_script:element_id }}`` writes it."""
    return json_script(value, element_id)
