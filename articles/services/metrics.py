"""Writes of an article's metrics, shared by first ingests and re-ingests."""

from __future__ import annotations

from decimal import Decimal

from .. import aggregates, compare_winners
from ..ingest.pipeline import EXTRACTOR_VERSION
from ..ingest.types import ParsedArticle, Quantity
from ..models import Article, Metric, MetricStatus, Region
from ..text import sentence_span

#: Largest magnitude Metric's DecimalFields hold (max_digits=20, decimal_places=4).
MAX_STORABLE = Decimal("1E16")


def storable(q: Quantity) -> bool:
    """Whether a quantity's numbers fit Metric's DecimalFields (below 10^16, i.e. ten
    thousand trillion 亿 is 10^8). A larger one is an extraction error or a typo in the
    page (12345678901234567元); it is skipped with a warning, never stored truncated."""
    return all(v is None or abs(v) < MAX_STORABLE for v in (q.value, q.value_max, q.previous_value))


def metric_region_id(q: Quantity, article: Article, regions: dict[str, Region]) -> int | None:
    """The id of a quantity's own region (the division its clause names,
    ``Quantity.region``), else of its article's region."""
    if q.region and q.region in regions:
        return regions[q.region].pk
    return article.region_id


def wanted_quantities(
    item: ParsedArticle,
    indicators: dict[str, int],
    reviewed: list[Metric],
    warnings: list[str],
    *,
    article: Article,
    regions: dict[str, Region],
) -> dict[tuple, tuple[int, Quantity]]:
    """The item's quantities to store, keyed by ``quantity_key``: ``{key: (position, q)}``.

    Quantities too large to store are skipped with a warning; quantities overlapping the
    evidence of a ``reviewed`` metric are skipped silently (a reviewer's decision stands).
    ``article`` and ``regions`` (adcode -> Region) give each quantity its region.
    """
    wanted: dict[tuple, tuple[int, Quantity]] = {}
    for position, q in enumerate(item.quantities):
        if not storable(q):
            warnings.append(
                f"article {item.position}: skipped {item.body[q.start : q.end]!r}: "
                f"{q.value} is too large to be a reported quantity"
            )
            continue
        if any(q.start < m.evidence_end and m.evidence_start < q.end for m in reviewed):
            continue  # a reviewer's decision on this span stands
        indicator = indicators.get(q.indicator) if q.indicator else None
        if q.indicator and indicator is None:
            warnings.append(f"unknown indicator slug {q.indicator!r}; stored without it")
        region_id = metric_region_id(q, article, regions)
        wanted[quantity_key(q, indicator, region_id)] = (position, q)
    return wanted


def metric_values(
    article: Article, item: ParsedArticle, position: int, q: Quantity, indicators, regions
) -> dict:
    """The stored fields of quantity ``q`` of ``item`` as ``{attname: value}`` (for
    ``rows.insert_values``; the others take their defaults), with its own region
    (``metric_region_id``) and the sentence around the evidence filled in."""
    sentence = sentence_span(item.body, q.start, q.end)
    return {
        "article_id": article.pk,
        "published": article.published,
        "position": position,
        "region_id": metric_region_id(q, article, regions),
        "indicator_id": indicators.get(q.indicator) if q.indicator else None,
        "label": q.label[:128],
        "value": q.value,
        "value_max": q.value_max,
        "unit": q.unit,
        "approx": q.approx,
        "bound": q.bound,
        "previous_value": q.previous_value,
        "evidence_start": q.start,
        "evidence_end": q.end,
        "sentence_start": sentence[0],
        "sentence_end": sentence[1],
        "target": q.target,
        "part_group": q.part_group,
        "part_role": q.part_role,
        "extractor_version": EXTRACTOR_VERSION,
    }


def metric_row(
    article: Article, item: ParsedArticle, position: int, q: Quantity, indicators, regions
) -> Metric:
    """An unsaved Metric for quantity ``q`` of ``item`` (for ``bulk_create``): the
    fields of ``metric_values``."""
    return Metric(**metric_values(article, item, position, q, indicators, regions))


def sync_metrics(
    article: Article,
    metrics: list[Metric],
    item: ParsedArticle,
    indicators: dict[str, int],
    regions: dict[str, Region],
    report,
) -> bool:
    """Make the article's unreviewed ``metrics`` match the parse; True if any changed.

    Each metric's region is its quantity's own, else the article's (``metric_region_id``);
    a metric whose region changes is replaced, like any other changed field.

    A metric a reviewer approved, rejected or corrected keeps its evidence span: quantities
    parsed from an overlapping span are not stored again. Unreviewed metrics the parse
    still yields are kept as they are (their ids, and so ``#m-<id>`` links, stay); the
    others are deleted and the new quantities created. ``report`` is the
    ``IngestReport`` whose metric counts and warnings are updated.
    """
    reviewed = [m for m in metrics if m.status != MetricStatus.EXTRACTED]
    extracted = {metric_key(m): m for m in metrics if m.status == MetricStatus.EXTRACTED}
    wanted = wanted_quantities(
        item, indicators, reviewed, report.warnings, article=article, regions=regions
    )
    stale = [m.pk for key, m in extracted.items() if key not in wanted]
    missing = [pq for key, pq in wanted.items() if key not in extracted]
    if stale:
        Metric.objects.filter(pk__in=stale).delete()
        report.metrics_deleted += len(stale)
    rows = [metric_row(article, item, position, q, indicators, regions) for position, q in missing]
    Metric.objects.bulk_create(rows)
    # bulk_create sends no signals (the deletes above do)
    compare_winners.touch((m.indicator_id, m.region_id) for m in rows)
    aggregates.touch(m.indicator_id for m in rows)
    report.metrics_created += len(rows)
    return bool(stale or missing)


def _dec(value: Decimal | None) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(Decimal("0.0001"))


def quantity_key(q: Quantity, indicator_id: int | None, region_id: int | None) -> tuple:
    """What identifies a stored metric: region, span, numbers, unit, bound, label,
    indicator, plan flag and part group."""
    return (
        region_id,
        q.start,
        q.end,
        _dec(q.value),
        _dec(q.value_max),
        q.unit,
        q.approx,
        q.bound,
        _dec(q.previous_value),
        q.label[:128],
        indicator_id,
        q.target,
        q.part_group,
        str(q.part_role),
    )


def metric_key(m: Metric) -> tuple:
    """The same key as ``quantity_key`` for a stored metric."""
    return (
        m.region_id,
        m.evidence_start,
        m.evidence_end,
        _dec(m.value),
        _dec(m.value_max),
        m.unit,
        m.approx,
        m.bound,
        _dec(m.previous_value),
        m.label,
        m.indicator_id,
        m.target,
        m.part_group,
        m.part_role,
    )
