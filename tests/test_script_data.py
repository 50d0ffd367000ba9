"""``articles.script_data.json_script`` writes what Django's ``json_script`` writes."""

from datetime import date
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils.html import json_script as djangos

from articles.script_data import json_script

VALUES = [
    {"labels": ["旺苍县", "</script><script>alert(1)</script>", "a & b", "x > y"]},
    {"values": [Decimal("1.50"), None, 3.0, 2], "day": date(2024, 1, 2), "ok": True},
    ["\u2028", "'\"", "<!--", "\\"],
    "plain",
    [],
]


@pytest.mark.parametrize("value", VALUES)
@pytest.mark.parametrize("element_id", [None, "", "compare-chart-data", 'a"<b>'])
def test_json_script_writes_what_djangos_writes(value, element_id):
    assert json_script(value, element_id) == djangos(value, element_id)


@pytest.mark.parametrize("value", VALUES)
def test_the_filter_writes_what_djangos_filter_writes(value):
    ours = Template('{% load script_data %}{{ v|script_data:"x-data" }}')
    theirs = Template('{{ v|json_script:"x-data" }}')
    context = Context({"v": value})
    assert ours.render(context) == theirs.render(context)
