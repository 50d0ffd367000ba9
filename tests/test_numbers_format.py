"""The number rule of ``articles/formatting.py``, in Python and in
static/js/number-format.js (same cases, both languages; the JS test runs wherever Node is
installed, and CI installs it)."""

import json
import os
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation

from articles.formatting import bound_mark, format_number, grouped, plain_decimal, value_text

ROOT = Path(__file__).resolve().parent.parent

# (value, unit, zh, en): values read from the seed page and the rule's edges.
CASES = [
    ("931000000", "元", "9.31亿元", "931M yuan"),
    ("114500", "人", "11.45万人", "114.5K persons"),
    ("51104", "人", "5.11万人", "51.1K persons"),
    ("285", "元/人/月", "285元/人/月", "285 yuan per person per month"),
    ("1234", "", "1,234", "1,234"),  # K from 10,000, as 万 (1.52K read oddly)
    ("9999", "人", "9,999人", "9,999 persons"),
    ("10000", "人", "1万人", "10K persons"),
    ("1520", "元/人/月", "1,520元/人/月", "1,520 yuan per person per month"),
    # a unit of measurement keeps its digits in English: 194.1K m² read as km²
    ("194100", "平方米", "19.41万平方米", "194,100 m²"),
    ("2500", "千瓦", "2,500千瓦", "2,500 kW"),
    ("1548.4321", "公里", "1,548.43公里", "1,548.43 km"),
    ("670", "人", "670人", "670 persons"),
    ("1", "人", "1人", "1 person"),
    ("1", "户", "1户", "1 household"),
    ("1", "元", "1元", "1 yuan"),
    ("1000", "人", "1,000人", "1,000 persons"),
    ("154.8", "人/千人", "154.8人/千人", "154.8 per 1,000 residents"),
    ("100000000", "元", "1亿元", "100M yuan"),
    ("120000", "元", "12万元", "120K yuan"),
    ("99999999", "", "1亿", "100M"),
    ("99994999", "", "9999.5万", "99.99M"),
    ("-12345", "元", "-1.23万元", "-12.35K yuan"),
    ("1.005", "", "1.01", "1.01"),
    ("0", "人", "0人", "0 persons"),
    ("15", "%", "15%", "15%"),
    ("2500000000", "元", "25亿元", "2.5B yuan"),
    # a counter word reads as the bare number in English (a new-user pass saw "1则")
    ("1", "则", "1则", "1"),
    ("12", "辆", "12辆", "12"),
]


@pytest.mark.parametrize(("value", "unit", "zh", "en"), CASES)
def test_the_short_form_uses_wan_and_yi_in_chinese_and_k_m_b_in_english(value, unit, zh, en):
    assert format_number(Decimal(value), unit, lang="zh") == zh
    assert format_number(Decimal(value), unit, lang="en") == en


@pytest.mark.parametrize(
    ("value", "zh", "en"),
    [
        ("931000000", "9.31亿", "931,000,000"),
        ("114500", "11.45万", "114,500"),
        ("51104", "51,104", "51,104"),
        ("98.5", "98.5", "98.5"),
    ],
)
def test_the_exact_form_never_rounds_a_reported_figure(value, zh, en):
    assert format_number(Decimal(value), exact=True, lang="zh") == zh
    assert format_number(Decimal(value), exact=True, lang="en") == en


def test_the_language_defaults_to_the_active_one():
    with translation.override("en"):
        assert format_number(Decimal("51104"), "人", exact=True) == "51,104 persons"
        assert format_number(Decimal("931000000"), "元") == "931M yuan"
    with translation.override("zh-hans"):
        assert format_number(Decimal("931000000"), "元") == "9.31亿元"


def test_a_missing_value_formats_as_empty_not_zero():
    assert format_number(None, "人") == ""
    assert format_number(Decimal("NaN"), "人") == ""
    assert value_text(None, "人", bound="lower") == ""


def test_value_text_puts_the_bound_mark_and_a_range_together():
    assert value_text(Decimal("670"), "人", bound="lower", lang="zh") == "≥670人"
    assert value_text(Decimal("5"), "个", value_max=Decimal("8"), lang="zh") == "5–8个"
    assert value_text(Decimal("154.75"), "人/千人", places=1, lang="zh") == "154.8人/千人"


def test_the_machine_forms_are_plain_and_grouped():
    assert plain_decimal(Decimal("931000000.0000")) == "931000000"
    assert plain_decimal(Decimal("1E+3")) == "1000"
    assert plain_decimal(None) is None
    assert grouped(Decimal("1234.5000")) == "1,234.5"


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


def _node_missing():
    if os.environ.get("GOVREPORTS_REQUIRE_NODE") == "1":
        pytest.fail("node is not installed, and GOVREPORTS_REQUIRE_NODE=1 requires it")
    pytest.skip("node is not installed")


def run_number_format(script: str, *args: str):
    """What ``script`` prints as JSON, run by Node with static/js/number-format.js's path
    as ``process.argv[1]`` and ``args`` after it (skipped, or failed in CI, without Node)."""
    if shutil.which("node") is None:
        _node_missing()
    out = subprocess.run(
        ["node", "-e", script, str(ROOT / "static/js/number-format.js"), *args],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    ).stdout
    return json.loads(out)


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_the_javascript_rule_gives_the_same_text_as_the_python_one(lang):
    script = (
        "const {formatNumber} = require(process.argv[1]);"
        "const [cases, lang] = [JSON.parse(process.argv[2]), process.argv[3]];"
        "console.log(JSON.stringify(cases.map(([v, u]) => formatNumber(Number(v), u, lang))));"
    )
    python = [format_number(Decimal(v), u, lang=lang[:2]) for v, u, _, _ in CASES]
    assert run_number_format(script, json.dumps(CASES), lang) == python


@pytest.mark.parametrize("table", ["UNITS_EN", "SINGULAR_EN", "FULL_EN"])
def test_the_javascript_unit_tables_are_the_python_ones(table):
    """static/js/number-format.js UNITS_EN and SINGULAR_EN equal articles/formatting.py's."""
    from articles import formatting

    script = f"console.log(JSON.stringify(require(process.argv[1]).{table}))"
    out = run_number_format(script)
    expected = getattr(formatting, table)
    if isinstance(expected, frozenset):  # a list in JavaScript
        assert sorted(out) == sorted(expected)
    else:
        assert out == expected


@pytest.mark.parametrize(
    "ticks, lang, labels",
    [
        (
            [0, 2000, 8000, 10000, 16000],
            "en",
            ["0", "2K", "8K", "10K", "16K"],  # not "2,000 … 8,000, 10K" (a new-user pass)
        ),
        ([0, 2000, 8000, 10000, 16000], "zh-hans", ["0", "0.2万", "0.8万", "1万", "1.6万"]),
        ([0, 250, 1000, 2500], "en", ["0", "250", "1,000", "2,500"]),  # every digit below 10K
        ([0, 5e7, 1e8, 1.5e8], "zh-hans", ["0", "0.5亿", "1亿", "1.5亿"]),
        ([0, 5e7, 1e8, 1.5e8], "en", ["0", "50M", "100M", "150M"]),
        ([-20000, -10000, 0, 10000], "en", ["-20K", "-10K", "0", "10K"]),
    ],
)
def test_every_tick_of_an_axis_is_on_the_largest_ticks_scale(ticks, lang, labels):
    script = (
        "const {axisLabels} = require(process.argv[1]);"
        "const [ticks, lang] = [JSON.parse(process.argv[2]), process.argv[3]];"
        "const label = axisLabels(ticks.map((value) => ({value})), lang);"
        "console.log(JSON.stringify(ticks.map(label)));"
    )
    assert run_number_format(script, json.dumps(ticks), lang) == labels
