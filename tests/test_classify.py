"""Topics: the seed page's gold topics and the scoring rules of the keyword catalogue."""

import datetime
import json
import re
from pathlib import Path

import pytest

from articles.ingest.classify import TopicCatalog, classify
from articles.ingest.pipeline import parse_page
from articles.ingest.split import split_page
from articles.ingest.types import ParsedArticle

DATA = Path(__file__).resolve().parent / "data"
GOLD = json.loads((DATA / "seed_gold.json").read_text(encoding="utf-8"))["items"]


def squeeze(text):
    return re.sub(r"\s", "", text or "")


@pytest.fixture(scope="module")
def catalog():
    return TopicCatalog.load()


@pytest.fixture(scope="module")
def seed_items():
    text = (DATA / "seed_page.txt").read_text(encoding="utf-8")
    return split_page(text, published=datetime.date(2024, 1, 16))


@pytest.mark.parametrize("gold", GOLD, ids=[g["key"] for g in GOLD])
def test_seed_item_gets_its_gold_topic(seed_items, catalog, gold):
    (item,) = [
        i for i in seed_items if squeeze(i.body).startswith(squeeze(gold["body_starts_with"]))
    ]
    assert classify(item, catalog) == gold["topic"]


def test_catalogue_keeps_every_original_topic_slug(catalog):
    slugs = {t.slug for t in catalog.topics}
    assert {
        "volunteering",
        "social-security",
        "civilization",
        "clean-government",
        "environment",
        "youth-care",
        "education",
        "rural-revitalization",
        "health",
        "employment",
        "party-building",
        "grassroots-governance",
    } <= slugs


def small_catalog():
    return TopicCatalog.from_rows(
        [
            {"slug": "volunteering", "keywords": ["志愿服务", "志愿:0.5"]},
            {"slug": "environment", "keywords": ["环保", "生态"]},
        ]
    )


def test_a_headline_keyword_outweighs_several_body_keywords():
    item = ParsedArticle(0, "news", title="开展环保宣传", body="志愿服务队参加，志愿服务活动。")
    assert classify(item, small_catalog()) == "environment"


def test_longest_keyword_counts_once():
    scores = small_catalog().scores("", "志愿服务")
    assert scores == {"volunteering": 1.0}


def test_weighted_stem_counts_less():
    assert small_catalog().scores("", "志愿 志愿") == {"volunteering": 1.0}


def test_no_topic_below_the_minimum_score():
    item = ParsedArticle(0, "news", body="某县召开会议，部署生产工作。")
    assert classify(item, small_catalog()) is None


def test_traditional_text_is_classified():
    item = ParsedArticle(0, "news", title="開展環保宣傳")
    assert classify(item, small_catalog()) == "environment"


def test_bad_keyword_weight_is_an_error():
    with pytest.raises(ValueError, match="weight"):
        TopicCatalog.from_rows([{"slug": "x", "keywords": ["环保:high"]}])


def test_a_page_of_english_text_yields_no_article_and_an_english_item_no_topic():
    # split_page keeps only items with Chinese text (split.MIN_BODY_HANZI), so an English
    # page has no article; an English item made by hand still gets no topic.
    assert parse_page("Hello world. This is a test.").articles == []
    item = ParsedArticle(position=0, kind="news", body="Hello world. This is a test.")
    assert classify(item, TopicCatalog.load()) is None


@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("苍溪县养老服务再上新台阶", "今年以来，全县新建社区养老服务中心12个。"),
        ("居家养老让老人安心", "全县为高龄老人发放补贴560万元。"),
        ("某县敬老院提档升级", "改造床位200张，入住老年人150名。"),
    ],
)
def test_care_for_the_elderly_is_social_security(catalog, title, body):
    """养老服务, 敬老院, 高龄补贴 are social welfare (a new-user upload about 养老服务 had no
    topic: only 养老金 and 志愿者 scored, once each, under the minimum)."""
    assert classify(ParsedArticle(0, "news", title=title, body=body), catalog) == "social-security"
