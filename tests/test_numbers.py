"""Chinese number parsing: exact Decimal values, never float."""

from decimal import Decimal

import pytest

from articles.ingest.numbers import (
    apply_multiplier,
    parse_arabic,
    parse_chinese,
    parse_chinese_range,
    parse_number,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9.31亿", "931000000"),
        ("4.35亿", "435000000"),
        ("2.3万", "23000"),
        ("0.57万", "5700"),
        ("615.03万", "6150300"),
        ("1,234", "1234"),
        ("1,234万", "12340000"),
        ("98.5", "98.5"),
        ("14.99", "14.99"),
        ("3千", "3000"),
    ],
)
def test_arabic_numbers_with_multipliers_are_exact(text, expected):
    value = parse_number(text)
    assert isinstance(value, Decimal)
    assert value == Decimal(expected)
    assert str(value) == expected


def test_float_would_truncate_but_decimal_does_not():
    assert int(float("4.35") * 1e8) == 434999999
    assert parse_number("4.35亿") == 435000000


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("十", 10),
        ("百", 100),
        ("两千", 2000),
        ("三十", 30),
        ("一百二十", 120),
        ("一百零五", 105),
        ("三万五千", 35000),
        ("十万", 100000),
        ("一亿二千万", 120000000),
        ("二〇二三", 2023),
    ],
)
def test_chinese_numerals_are_parsed(text, expected):
    assert parse_chinese(text) == Decimal(expected)


def test_neighbouring_chinese_digits_read_as_a_range():
    assert parse_chinese_range("两三") == (2, 3)
    assert parse_chinese_range("三四十") == (30, 40)
    assert parse_chinese_range("五六百") == (500, 600)
    assert parse_chinese_range("三五") is None
    assert parse_chinese_range("三十") is None


def test_multiplier_keeps_trailing_zeros_out_of_the_value():
    assert str(apply_multiplier(Decimal("4.35"), "亿")) == "435000000"
    assert str(apply_multiplier(Decimal("1.5"), None)) == "1.5"


@pytest.mark.parametrize("bad", ["", "abc", "1,23", "12a", "万元"])
def test_non_numbers_raise_value_error(bad):
    with pytest.raises(ValueError):
        parse_number(bad)


def test_parse_arabic_rejects_bad_grouping():
    with pytest.raises(ValueError):
        parse_arabic("12,34")
