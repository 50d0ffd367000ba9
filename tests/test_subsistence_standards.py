"""Urban and rural minimum living allowance standards (城市/农村低保标准) are indicators of
their own, apart from the combined 城乡低保标准: a new-user pass saw compare mix a county's
urban monthly 780元 with its rural yearly 6000元 under the one indicator.

Covers the catalogue rows (fixture, migration 0032, ``load_reference_data``), the extraction
of the two figures (a rate written once before a list, 城乡 shared out by 分别) and the
mapping (the qualified indicator when the text says 城市/农村, the combined one otherwise, and
never a phrase starting inside a place name: 宣城市低保标准 is no 城市低保标准).
"""

from __future__ import annotations

import json
from decimal import Decimal
from importlib import import_module
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.apps import apps

from articles.ingest.extract import extract_quantities
from articles.ingest.gazetteer import Gazetteer
from articles.ingest.indicators import IndicatorCatalog
from articles.ingest.pipeline import parse_page

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = {
    row["fields"]["slug"]: row["fields"]
    for row in json.loads((ROOT / "fixtures" / "indicators.json").read_text(encoding="utf-8"))
}
NEW_SLUGS = [
    "urban-subsistence-allowance-monthly",
    "rural-subsistence-allowance-monthly",
    "rural-subsistence-allowance-yearly",
    "extreme-poverty-support-monthly",
]
MIGRATION = import_module("articles.migrations.0032_urban_rural_subsistence_indicators")


def mapped(text: str, place_names: frozenset[str] = frozenset()) -> list[tuple]:
    """(evidence, value, unit, label, indicator) of each quantity of ``text``."""
    quantities = extract_quantities(text)
    IndicatorCatalog.load().assign(quantities, text, "social-security", place_names=place_names)
    return [(text[q.start : q.end], q.value, q.unit, q.label, q.indicator) for q in quantities]


# --- the catalogue ---------------------------------------------------------------------


def test_the_fixture_has_the_combined_urban_and_rural_standards_with_their_units():
    units = {slug: FIXTURE[slug]["unit"] for slug in ["subsistence-allowance-monthly", *NEW_SLUGS]}
    assert units == {
        "subsistence-allowance-monthly": "元/人/月",
        "urban-subsistence-allowance-monthly": "元/人/月",
        "rural-subsistence-allowance-monthly": "元/人/月",
        "rural-subsistence-allowance-yearly": "元/人/年",
        "extreme-poverty-support-monthly": "元/人/月",
    }
    assert FIXTURE["subsistence-allowance-monthly"]["phrases"] == [
        "低保标准",
        "最低生活保障标准",
        "低保",
    ]
    assert {FIXTURE[s]["kind"] for s in NEW_SLUGS} == {"level"}


def test_migration_0032_rows_are_the_fixtures_rows():
    assert [row["slug"] for row in MIGRATION.ROWS] == NEW_SLUGS
    assert {row["slug"]: row for row in MIGRATION.ROWS} == {s: FIXTURE[s] for s in NEW_SLUGS}


@pytest.mark.django_db
def test_migration_0032_adds_the_missing_indicators_and_keeps_existing_ones():
    from articles.models import Indicator

    # a database migrated before the fixture listed them, one row already edited by hand
    Indicator.objects.filter(slug__in=NEW_SLUGS[1:]).delete()
    Indicator.objects.filter(slug=NEW_SLUGS[0]).update(name_en="Edited", edited_by_hand=True)
    editor = SimpleNamespace(connection=SimpleNamespace(alias="default"))
    MIGRATION.add_indicators(apps, editor)
    MIGRATION.add_indicators(apps, editor)  # twice: nothing more
    rows = {
        i.slug: (i.name_zh, i.name_en, i.unit, i.kind, i.topic.slug, i.phrases)
        for i in Indicator.objects.filter(slug__in=NEW_SLUGS).select_related("topic")
    }
    assert rows["urban-subsistence-allowance-monthly"][1] == "Edited"
    assert rows["rural-subsistence-allowance-yearly"] == (
        "农村低保年标准",
        "Rural minimum living allowance (yearly)",
        "元/人/年",
        "level",
        "social-security",
        FIXTURE["rural-subsistence-allowance-yearly"]["phrases"],
    )
    assert len(rows) == 4


@pytest.mark.django_db
def test_load_reference_data_writes_what_the_migration_writes():
    from articles.models import Indicator
    from articles.reference import sync_reference_data

    Indicator.objects.filter(slug__in=NEW_SLUGS).delete()
    sync_reference_data()
    fields = ("slug", "name_zh", "name_en", "unit", "kind", "phrases", "description")
    synced = list(Indicator.objects.filter(slug__in=NEW_SLUGS).order_by("slug").values(*fields))
    Indicator.objects.filter(slug__in=NEW_SLUGS).delete()
    MIGRATION.add_indicators(apps, SimpleNamespace(connection=SimpleNamespace(alias="default")))
    migrated = list(Indicator.objects.filter(slug__in=NEW_SLUGS).order_by("slug").values(*fields))
    assert synced == migrated and len(synced) == 4


# --- extraction and mapping ------------------------------------------------------------


def test_separate_urban_and_rural_sentences_map_to_their_own_indicators():
    text = "城市低保标准提高到每人每月780元，农村低保标准提高到每人每年6000元。"
    assert mapped(text) == [
        ("780元", 780, "元/人/月", "城市低保标准", "urban-subsistence-allowance-monthly"),
        ("6000元", 6000, "元/人/年", "农村低保标准", "rural-subsistence-allowance-yearly"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "城乡低保标准分别提高到每人每月720元和560元。",
        "城乡低保标准分别提高至每人每月720元、560元。",
        "城市、农村低保标准分别调整为每人每月720元、560元。",
        "城市和农村低保标准分别达到每人每月720元和560元。",
    ],
)
def test_values_shared_out_by_fenbie_go_urban_then_rural(text):
    assert [(v, u, s) for _e, v, u, _l, s in mapped(text)] == [
        (720, "元/人/月", "urban-subsistence-allowance-monthly"),
        (560, "元/人/月", "rural-subsistence-allowance-monthly"),
    ]


def test_each_shared_out_value_may_have_its_own_period():
    text = "城乡居民最低生活保障标准分别达到每人每月800元和每人每年7200元。"
    assert mapped(text) == [
        (
            "800元",
            800,
            "元/人/月",
            "城镇居民最低生活保障标准",
            "urban-subsistence-allowance-monthly",
        ),
        (
            "7200元",
            7200,
            "元/人/年",
            "农村居民最低生活保障标准",
            "rural-subsistence-allowance-yearly",
        ),
    ]


def test_unqualified_standards_stay_on_the_combined_indicator():
    assert [m[4] for m in mapped("城乡低保标准由每人每月1530元调整至每人每月1692元。")] == [
        "subsistence-allowance-monthly"
    ]
    assert [m[4] for m in mapped("全县低保标准达到每人每月835元。")] == [
        "subsistence-allowance-monthly"
    ]
    # a yearly figure with no 农村 is no rural standard (and no monthly one)
    assert [m[4] for m in mapped("低保标准提高到每人每年9000元。")] == [None]


def test_extreme_poverty_support_standard_is_its_own_indicator():
    assert [m[4] for m in mapped("特困人员基本生活标准提高到每人每月1050元。")] == [
        "extreme-poverty-support-monthly"
    ]
    # 特困 inside 浩特困难 names no one in extreme poverty
    assert [m[4] for m in mapped("乌兰浩特困难学生资助标准每人每月300元。")] == [None]


def test_a_rate_written_once_applies_to_every_listed_value():
    text = "城乡低保标准分别提高到每人每月720元和560元，每户补助3000元、1500元。"
    assert [(q.value, q.unit) for q in extract_quantities(text)] == [
        (Decimal(720), "元/人/月"),
        (Decimal(560), "元/人/月"),
        (Decimal(3000), "元/户"),
        (Decimal(1500), "元/户"),
    ]
    # a total after a rate is not the rate's (joined by more than 、/和/及)
    units = [q.unit for q in extract_quantities("每人每月补助200元，共发放资金560元。")]
    assert units == ["元/人/月", "元"]


def test_urban_rural_income_shared_out_by_fenbie_gets_urban_and_rural_labels():
    labels = [
        q.label for q in extract_quantities("城乡居民人均可支配收入分别达到45000元和21000元。")
    ]
    assert labels == ["城镇居民人均可支配收入", "农村居民人均可支配收入"]


def test_a_phrase_never_starts_inside_a_place_name():
    names = Gazetteer.load().full_names()
    assert {"宣城市", "塔城市"} <= names
    assert [m[4] for m in mapped("宣城市低保标准提高到每人每月780元。", names)] == [
        "subsistence-allowance-monthly"
    ]
    # the city's own urban standard still is one
    assert [m[4] for m in mapped("塔城市城市低保标准提高到每人每月800元。", names)] == [
        "urban-subsistence-allowance-monthly"
    ]
    # a kind word is no name's inside: 阿克苏地区生产总值 is 阿克苏地区's GDP
    traps = IndicatorCatalog.load().traps(names)
    assert "地区生产总值" not in traps and traps["城市低保标准"] >= {"宣", "塔"}


def test_the_pipeline_passes_the_gazetteers_names():
    text = (
        "宣城市提高低保标准\n\n本报讯 今年，宣城市低保标准提高到每人每月780元，"
        "城市低保标准提高到每人每月800元，农村低保标准提高到每人每年7200元。\n"
    )
    (article,) = parse_page(text).articles
    assert [(int(q.value), q.indicator) for q in article.quantities] == [
        (780, "subsistence-allowance-monthly"),
        (800, "urban-subsistence-allowance-monthly"),
        (7200, "rural-subsistence-allowance-yearly"),
    ]
