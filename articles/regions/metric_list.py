"""The metric list of a region page: one page (``?mpage=``) of the region's own metrics in
block order, newest article first within a block (``metric_page``), each row with its
evidence snippet (``snippet``).
"""

from __future__ import annotations

from typing import NamedTuple

from ..models import Metric, Region
from .blocks import IndicatorBlock, _block_order, _own

#: Metric rows per page of the grouped metric list (``?mpage=``).
METRICS_PER_PAGE = 50


#: Characters of the sentence kept on each side of the evidence in a metric row.
SNIPPET_CONTEXT = 24


class Snippet(NamedTuple):
    """The evidence in its sentence, cut to ``SNIPPET_CONTEXT`` characters each side:
    ``before`` and ``after`` (with '…' where cut) and the ``evidence`` itself."""

    before: str
    evidence: str
    after: str


def snippet(metric: Metric) -> Snippet:
    """The row's evidence snippet, from ``with_evidence``'s ``sentence_text`` and the
    metric's offsets (the body is not loaded)."""
    sentence = getattr(metric, "sentence_text", "") or ""
    start = metric.evidence_start - metric.sentence_start
    end = metric.evidence_end - metric.sentence_start
    if not sentence or start < 0 or end > len(sentence):
        return Snippet("", getattr(metric, "evidence_text", "") or "", "")
    before = sentence[max(0, start - SNIPPET_CONTEXT) : start]
    after = sentence[end : end + SNIPPET_CONTEXT]
    if start > SNIPPET_CONTEXT:
        before = "…" + before
    if len(sentence) - end > SNIPPET_CONTEXT:
        after += "…"
    return Snippet(before, sentence[start:end], after)


class MetricPage(NamedTuple):
    """One page of the grouped metric list: ``number`` (1-based), ``pages``, ``total``
    metrics, ``start``/``end`` (1-based rows shown)."""

    number: int
    pages: int
    total: int
    start: int
    end: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages


def metric_page(
    region: Region, blocks: list[IndicatorBlock], number: int, verified: bool = False
) -> MetricPage:
    """Fill ``rows`` of the blocks on page ``number`` of the region's own metrics (in
    block order, newest article first within a block) and return where the page is.
    One query; the total comes from the blocks' counts, so no COUNT. ``number`` is
    clamped to the pages there are. Each row gets ``snippet`` and ``article_url``."""
    from ..selectors import article_url_template

    total = sum(b.count for b in blocks)
    pages = max(1, -(-total // METRICS_PER_PAGE))
    number = max(1, min(number, pages))
    offset = (number - 1) * METRICS_PER_PAGE
    order = (*_block_order(), "-article__published", "-article_id", "position", "pk")
    # The page's ids are sorted on narrow rows inside the statement; only those rows
    # are joined and cut (``with_evidence``): a county's 570 metrics each cut their
    # sentence from their article's body before the sort kept 50 (PostgreSQL, 100,000
    # articles: 7-9 ms for the statement, now 3-4; SQLite 2 ms either way).
    ids = _own(region, verified).order_by(*order).values("pk")[offset : offset + METRICS_PER_PAGE]
    metrics = (
        Metric.objects.filter(pk__in=ids)
        .select_related("indicator", "article")
        .defer("article__body")
        .with_evidence()
        .order_by(*order)
    )
    by_key = {(b.slug, b.unit): b for b in blocks}
    seen = 0
    for block in blocks:  # the page each block starts on, for the index's links
        block.page = seen // METRICS_PER_PAGE + 1
        seen += block.count
    url = article_url_template()
    for metric in metrics:
        metric.snippet = snippet(metric)
        metric.article_url = url.format(metric.article_id)
        key = (metric.indicator.slug, metric.unit) if metric.indicator else (None, "")
        if key in by_key:
            by_key[key].rows.append(metric)
    end = min(total, offset + METRICS_PER_PAGE)
    return MetricPage(number, pages, total, offset + 1 if total else 0, end)
