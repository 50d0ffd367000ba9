"""Cases of our own wording (tests/data/real_text_cases.json) for the kinds of failure seen
when real county reports were run through the parser: common phrasings of employment
indicators, a subject borrowed from another figure of the list (a pipe network filed as
roads), numerals inside fixed words (二次供水, 三期改造, 二本), a county short name inside a
lake's name (鹤龙湖 is no 龙湖区), 平米, 人均 figures filed as totals, a growth rate whose
subject is in the clause before, and 个千分点. Each case runs through the whole pipeline as a
one-article page and is matched as tests/test_cases.py matches the handed cases.

Also the catalogue rows the cases need: the fixture and migration 0034 agree."""

from __future__ import annotations

import json
from importlib import import_module
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.apps import apps

from articles.ingest.extract import extract_quantities
from articles.ingest.gazetteer import Gazetteer
from articles.ingest.pipeline import parse_page
from tests.test_cases import _matches

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
CASES = json.loads((DATA / "real_text_cases.json").read_text(encoding="utf-8"))["cases"]
FIXTURE = {
    row["fields"]["slug"]: row["fields"]
    for row in json.loads((ROOT / "fixtures" / "indicators.json").read_text(encoding="utf-8"))
}
MIGRATION = import_module("articles.migrations.0034_employment_indicator_phrases")


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_real_text_case(case):
    page = parse_page(case["text"], home_region=case.get("home_region"))
    assert len(page.articles) == 1
    article = page.articles[0]
    expect = case["expect"]
    if "region_in" in expect:
        assert article.region.adcode in expect["region_in"]
    if "region_not_in" in expect:
        assert article.region.adcode not in expect["region_not_in"]
    found = list(article.quantities)
    for metric in expect.get("metrics", []):
        hit = next((q for q in found if _matches(metric, q, article)), None)
        assert hit is not None, (
            metric,
            [(q.value, q.unit, q.approx, q.region, q.indicator) for q in found],
        )
        found.remove(hit)
    if expect.get("exhaustive"):
        assert found == [], [(q.value, q.unit, article.body[q.start : q.end]) for q in found]


# --- numerals inside fixed words ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "新建二次供水泵站15座。",
        "启动产业园二期项目建设，建成厂房12栋。",
        "高考一本上线率达到45%。",
        "城区背街小巷三期提质改造完工。",
    ],
)
def test_a_numeral_inside_a_fixed_word_is_no_quantity(text):
    units = {q.unit for q in extract_quantities(text)}
    assert not units & {"次", "期", "本"}, units


def test_counts_in_chinese_numerals_before_other_words_stay_counts():
    found = [(q.value, q.unit) for q in extract_quantities("开展入户走访二次，发放图书三本。")]
    assert [(int(v), u) for v, u in found] == [(2, "次"), (3, "本")]


# --- a county short name inside a feature's name --------------------------------------


@pytest.mark.parametrize(
    "text, surfaces",
    [
        ("依托鹤龙湖发展蟹虾产业", []),
        ("小东湖畔建成步道", []),
        ("在龙湖举办招聘会", ["龙湖"]),
        ("汕头龙湖新增就业", ["汕头", "龙湖"]),
        ("龙湖区新增就业", ["龙湖区"]),
    ],
)
def test_a_county_short_name_glued_into_a_lake_or_hill_name_is_no_mention(text, surfaces):
    assert [m.surface for m in Gazetteer.load().scan(text)] == surfaces


# --- the catalogue --------------------------------------------------------------------


def test_migration_0034_rows_and_phrases_are_the_fixtures():
    assert {row["slug"]: row for row in MIGRATION.ROWS} == {
        "registered-unemployment-rate": FIXTURE["registered-unemployment-rate"]
    }
    for slug, phrases in MIGRATION.ADDED_PHRASES.items():
        assert set(phrases) <= set(FIXTURE[slug]["phrases"]), slug
    for slug, phrases in MIGRATION.REMOVED_PHRASES.items():
        assert not set(phrases) & set(FIXTURE[slug]["phrases"]), slug


@pytest.mark.django_db
def test_migration_0034_adds_the_rate_and_the_phrases_and_keeps_hand_edits():
    from articles.models import Indicator

    # a database migrated before: no rate, the old phrases, one row edited by hand
    Indicator.objects.filter(slug="registered-unemployment-rate").delete()
    Indicator.objects.filter(slug="new-urban-jobs").update(phrases=["新增就业", "城镇新增就业"])
    Indicator.objects.filter(slug="labor-transfer").update(
        phrases=["转移就业", "外出务工"], edited_by_hand=True
    )
    Indicator.objects.filter(slug="natural-population-growth-rate").update(
        phrases=["人口自然增长率", "自然增长率", "出生率"]
    )
    editor = SimpleNamespace(connection=SimpleNamespace(alias="default"))
    MIGRATION.add_indicators(apps, editor)
    MIGRATION.add_indicators(apps, editor)  # twice: nothing more
    rows = {i.slug: i for i in Indicator.objects.select_related("topic")}
    rate = rows["registered-unemployment-rate"]
    assert (rate.name_zh, rate.unit, rate.kind, rate.topic.slug, rate.phrases) == (
        "城镇登记失业率",
        "%",
        "rate",
        "employment",
        ["城镇登记失业率", "登记失业率", "失业登记率"],
    )
    assert rows["natural-population-growth-rate"].phrases == ["人口自然增长率", "自然增长率"]
    assert rows["new-urban-jobs"].phrases == ["新增就业", "城镇新增就业", "新增城镇就业"]
    assert rows["labor-transfer"].phrases == ["转移就业", "外出务工"]
