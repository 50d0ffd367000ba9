"""The handed acceptance cases (tests/data/cases.json), each through the whole pipeline as a
one-article page, each its own named test. Matching follows the file's own rules: value
within 0.5%, unit (名/位 count 人), approx, previous_value, the metric's own region
(its clause's division, else the article's), indicator and target where given; the
article's title where given."""

import pytest

from articles.evaluation import normalize_unit, squash, values_agree
from articles.ingest.normalize import decode_page
from articles.ingest.pipeline import parse_page
from tests.acceptance import load_cases

CASES = load_cases()


def _matches(expected: dict, q, article) -> bool:
    if not values_agree(expected["value"], q.value):
        return False
    if normalize_unit(q.unit) != normalize_unit(expected["unit"]):
        return False
    if "approx" in expected and q.approx != expected["approx"]:
        return False
    if "previous_value" in expected and not values_agree(
        expected["previous_value"], q.previous_value
    ):
        return False
    if "region" in expected and (q.region or article.region.adcode) != expected["region"]:
        return False
    if "indicator" in expected and q.indicator != expected["indicator"]:
        return False
    if "target" in expected and q.target != expected["target"]:
        return False
    return True


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case):
    text = case["text"]
    if case.get("encoding"):
        text = decode_page(text.encode(case["encoding"]))
        assert text == case["text"]
    page = parse_page(text, home_region=case.get("home_region"))
    assert len(page.articles) == 1, [a.title or a.body[:20] for a in page.articles]
    article = page.articles[0]
    expect = case["expect"]
    if "region_in" in expect:
        assert article.region.adcode in expect["region_in"]
    if "region_not_in" in expect:
        assert article.region.adcode not in expect["region_not_in"]
    if "title" in expect:
        assert squash(article.title) == squash(expect["title"])
    if "byline" in expect:
        assert squash(article.byline) == squash(expect["byline"])
    if "body_starts_with" in expect:
        assert squash(article.body).startswith(squash(expect["body_starts_with"]))
    found = list(article.quantities)
    for metric in expect.get("metrics", []):
        hit = next((q for q in found if _matches(metric, q, article)), None)
        assert hit is not None, (
            metric,
            [(q.value, q.unit, q.approx, q.region, q.indicator, q.target) for q in found],
        )
        found.remove(hit)
    if expect.get("exhaustive"):
        assert found == [], [(q.value, q.unit, article.body[q.start : q.end]) for q in found]
    values = {q.value for q in article.quantities}
    for bad in expect.get("not_values", []):
        assert all(not values_agree(bad, v) for v in values), bad
