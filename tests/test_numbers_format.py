"""The 万/亿 number rule, in the Django filter and in static/js/zh-number.js (same cases)."""

import json
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from django.template import Context, Template

from articles.templatetags.numbers import bound_mark, format_zh_number

ROOT = Path(__file__).resolve().parent.parent

# (value, unit, expected): values read from the seed page and the rule's edges.
CASES = [
    ("931000000", "元", "9.31亿元"),
    ("114500", "人", "11.45万人"),
    ("51104", "人", "5.11万人"),
    ("285", "元/人/月", "285元/人/月"),
    ("1234", "", "1,234"),
    ("670", "人", "670人"),
    ("154.8", "人/千人", "154.8人/千人"),
    ("100000000", "元", "1亿元"),
    ("120000", "元", "12万元"),
    ("99999999", "", "1亿"),
    ("99994999", "", "9999.5万"),
    ("-12345", "元", "-1.23万元"),
    ("1.005", "", "1.01"),
    ("0", "人", "0人"),
    ("15", "%", "15%"),
]


@pytest.mark.parametrize(("value", "unit", "expected"), CASES)
def test_zh_number_formats_real_values_with_wan_and_yi(value, unit, expected):
    assert format_zh_number(Decimal(value), unit) == expected


def test_a_missing_value_formats_as_empty_not_zero():
    assert format_zh_number(None, "人") == ""
    assert format_zh_number(Decimal("NaN"), "人") == ""


def test_the_template_filter_appends_the_unit_and_marks_bounds():
    out = Template("{% load numbers %}{{ m|approx_mark }}{{ m.value|zh_number:m.unit }}").render(
        Context({"m": {"value": Decimal("931000000"), "unit": "元", "bound": "lower"}})
    )
    assert out == "≥9.31亿元"


def test_bound_marks_read_lower_upper_and_about():
    assert bound_mark("lower") == "≥"
    assert bound_mark("upper") == "≤"
    assert bound_mark("about") == "≈"
    assert bound_mark("", approx=True) == "≈"
    assert bound_mark("", approx=False) == ""


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_javascript_rule_gives_the_same_text_as_the_python_filter():
    script = (
        "const {formatZh} = require(process.argv[1]);"
        "const cases = JSON.parse(process.argv[2]);"
        "console.log(JSON.stringify(cases.map(([v, u]) => formatZh(Number(v), u))));"
    )
    result = subprocess.run(
        ["node", "-e", script, str(ROOT / "static/js/zh-number.js"), json.dumps(CASES)],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    assert json.loads(result.stdout) == [expected for _, _, expected in CASES]
