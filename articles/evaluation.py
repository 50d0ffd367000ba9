"""Measure the extractor against a hand-checked gold reading (``seed_gold.json`` format).

Pure: takes the gold dict and a ``ParsedPage``. Matching rules, from the gold file's own
"about" text:

- texts are compared with every whitespace character removed;
- an item matches the parsed article whose body starts with ``body_starts_with`` and ends
  with ``body_ends_with``;
- a metric matches a parsed quantity of the matched article when the values agree within
  0.5%, the units agree (名 and 位 count 人), and the gold ``evidence`` and the
  quantity's sentence overlap (one contains the other); each quantity matches at most once.
  Approx, previous_value and indicator are then scored on the matched pairs;
- a ``must_not_extract`` entry is violated when some quantity's evidence lies inside that
  text, or the text's number comes out as a value from a sentence containing it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from .ingest.types import ParsedArticle, ParsedPage, Quantity
from .text import sentence_span

_WS = re.compile(r"\s+")


def squash(text: str | None) -> str:
    """``text`` with all whitespace removed ('' for None)."""
    return _WS.sub("", text or "")


def normalize_unit(unit: str) -> str:
    """名 and 位 count persons: both are 人 (gold file convention)."""
    return "人" if unit in {"名", "位"} else unit


def sentence_of(body: str, start: int, end: int) -> str:
    """The sentence of ``body`` around [start, end) (see ``articles.text.sentence_span``)."""
    left, right = sentence_span(body, start, end)
    return body[left:right]


def values_agree(expected, actual, tolerance: Decimal = Decimal("0.005")) -> bool:
    """True when ``actual`` is within 0.5% of ``expected`` (exactly equal for zero)."""
    if expected is None or actual is None:
        return expected is None and actual is None
    expected, actual = Decimal(str(expected)), Decimal(str(actual))
    if expected == 0:
        return actual == 0
    return abs(actual - expected) <= abs(expected) * tolerance


@dataclass
class Score:
    right: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return self.right / self.total if self.total else 1.0

    def add(self, ok: bool, what: str) -> None:
        self.total += 1
        self.right += ok
        if not ok:
            self.misses.append(what)


@dataclass
class Evaluation:
    """Scores of one page. ``metrics_found``/``metrics_gold``/``metrics_extracted`` give
    recall and precision; the Score fields give accuracy over matched items/metrics."""

    items: Score = field(default_factory=Score)
    titles: Score = field(default_factory=Score)
    regions: Score = field(default_factory=Score)
    topics: Score = field(default_factory=Score)
    metric_values: Score = field(default_factory=Score)  # value+unit+approx+previous right
    indicators: Score = field(default_factory=Score)
    # each matched metric's own region: the gold metric's ``region`` adcode when it gives
    # one, else its item's region (or an also_acceptable one)
    metric_regions: Score = field(default_factory=Score)
    # matched metrics whose gold gives ``part_role`` (part | total | ""): is it right?
    part_roles: Score = field(default_factory=Score)
    part_groups: int = 0  # groups of parts the page yields
    parts: int = 0  # quantities in those groups (totals included)
    metrics_gold: int = 0
    metrics_found: int = 0
    metrics_extracted: int = 0
    must_not_violations: list[str] = field(default_factory=list)
    unmatched_metrics: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.metrics_found / self.metrics_gold if self.metrics_gold else 1.0

    @property
    def precision(self) -> float:
        return self.metrics_found / self.metrics_extracted if self.metrics_extracted else 1.0

    def as_dict(self) -> dict:
        def score(s: Score) -> dict:
            return {"right": s.right, "total": s.total, "misses": s.misses}

        return {
            "items": score(self.items),
            "titles": score(self.titles),
            "regions": score(self.regions),
            "topics": score(self.topics),
            "metric_values": score(self.metric_values),
            "indicators": score(self.indicators),
            "metric_regions": score(self.metric_regions),
            "part_roles": score(self.part_roles),
            "parts": {"groups": self.part_groups, "quantities": self.parts},
            "metrics": {
                "gold": self.metrics_gold,
                "found": self.metrics_found,
                "extracted": self.metrics_extracted,
                "precision": round(self.precision, 4),
                "recall": round(self.recall, 4),
                "unmatched": self.unmatched_metrics,
            },
            "must_not_extract_violations": self.must_not_violations,
        }


def find_item(gold_item: dict, articles: list[ParsedArticle]) -> ParsedArticle | None:
    """The parsed article whose body starts and ends as the gold item says."""
    start, end = squash(gold_item["body_starts_with"]), squash(gold_item["body_ends_with"])
    for article in articles:
        body = squash(article.body)
        if body.startswith(start) and body.endswith(end):
            return article
    return None


def match_metric(gold: dict, article: ParsedArticle, used: set[int]) -> Quantity | None:
    """The first unused quantity of ``article`` that matches ``gold`` (see module doc)."""
    evidence = squash(gold.get("evidence"))
    for index, q in enumerate(article.quantities):
        if index in used:
            continue
        if not values_agree(gold["value"], q.value):
            continue
        if normalize_unit(q.unit) != normalize_unit(gold["unit"]):
            continue
        sentence = squash(sentence_of(article.body, q.start, q.end))
        own = squash(article.body[q.start : q.end])
        if evidence and not (evidence in sentence or own in evidence):
            continue
        used.add(index)
        return q
    return None


def _score_item(item: dict, page: ParsedPage, result: Evaluation) -> None:
    """Add one gold item's scores (found, title, region, topic, its metrics) to ``result``."""
    key = item.get("key", item["body_starts_with"][:10])
    article = find_item(item, page.articles)
    result.items.add(article is not None, key)
    result.metrics_gold += len(item["metrics"])
    if article is None:
        result.unmatched_metrics.extend(f"{key}: {m['evidence']}" for m in item["metrics"])
        return
    title_ok = (
        squash(article.title) == squash(item.get("title"))
        and squash(article.subtitle) == squash(item.get("subtitle"))
        and squash(article.byline) == squash(item.get("byline"))
        and article.kind == item["kind"]
    )
    result.titles.add(title_ok, key)
    acceptable = {item["region"]["adcode"], *item["region"].get("also_acceptable", [])}
    result.regions.add(article.region.adcode in acceptable, f"{key}: {article.region.adcode}")
    result.topics.add(article.topic == item["topic"], f"{key}: {article.topic}")
    used: set[int] = set()
    for metric in item["metrics"]:
        q = match_metric(metric, article, used)
        if q is None:
            result.unmatched_metrics.append(f"{key}: {metric['evidence']}")
            continue
        _score_metric(metric, q, article, acceptable, key, result)


def _score_metric(metric, q, article, acceptable, key, result: Evaluation) -> None:
    """Add one matched metric's value, indicator, own region and part role scores."""
    result.metrics_found += 1
    approx_ok = q.approx == bool(metric.get("approx", False))
    previous_ok = values_agree(metric.get("previous_value"), q.previous_value)
    result.metric_values.add(approx_ok and previous_ok, f"{key}: {metric['evidence']}")
    result.indicators.add(
        q.indicator == metric.get("indicator"),
        f"{key}: {metric['evidence']} -> {q.indicator}",
    )
    own = q.region or article.region.adcode
    wanted = {metric["region"]} if metric.get("region") else acceptable
    result.metric_regions.add(own in wanted, f"{key}: {metric['evidence']} -> {own}")
    if "part_role" in metric:
        result.part_roles.add(
            str(q.part_role) == metric["part_role"],
            f"{key}: {metric['evidence']} -> {q.part_role or 'single'}",
        )


def evaluate(gold: dict, page: ParsedPage) -> Evaluation:
    """Score ``page`` against ``gold`` (a dict in the seed_gold.json format)."""
    result = Evaluation()
    result.metrics_extracted = sum(len(a.quantities) for a in page.articles)
    for article in page.articles:
        grouped = [q for q in article.quantities if q.part_group]
        result.parts += len(grouped)
        result.part_groups += len({q.part_group for q in grouped})
    for item in gold["items"]:
        _score_item(item, page, result)
    for entry in gold.get("must_not_extract", []):
        text = squash(entry["text"])
        for article in page.articles:
            for q in article.quantities:
                if squash(article.body[q.start : q.end]) in text:
                    result.must_not_violations.append(f"{entry['text']}: {q.value} {q.unit}")
    return result
