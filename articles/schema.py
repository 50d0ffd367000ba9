"""The export schema for parsed (not yet stored) articles, used by ``ingest --dry-run``,
and ``decimal_str``, the number format every export writes.

It sits outside the parser package so that exports and templates do not import the
parser: the parser's types are only named for type checking.

Same keys as ``articles.exports.article_documents`` gives for stored articles (see its
docstring for the shape), with ``id``, ``url`` and ``source_url`` null since nothing is
stored yet.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from .formatting import plain_decimal as decimal_str
from .text import sentence_span

if TYPE_CHECKING:
    from .ingest.gazetteer import Gazetteer
    from .ingest.types import ParsedArticle, Quantity


def quantity_export(
    q: Quantity, body: str, gazetteer: Gazetteer | None = None, article_region: str | None = None
) -> dict:
    """One parsed quantity as an export-schema metric dict (``body`` gives evidence and
    sentence text; ``period`` is null, the parser does not read one; ``metric_id`` is null
    and ``status`` "extracted", ``edited`` false, since nothing is stored). The metric's region is its own
    (``q.region``) else ``article_region``, named from ``gazetteer``."""
    code = q.region or article_region
    division = gazetteer.get(code) if gazetteer is not None and code else None
    return {
        "metric_id": None,
        "metric_region_adcode": code,
        "metric_region_name": division.name if division else None,
        "metric_region_level": division.level if division else None,
        "indicator": q.indicator,
        "label": q.label,
        "value": decimal_str(q.value),
        "value_max": decimal_str(q.value_max),
        "unit": q.unit,
        "approx": q.approx,
        "bound": q.bound or None,
        "previous_value": decimal_str(q.previous_value),
        "period": None,
        "evidence": body[q.start : q.end],
        "sentence": body[slice(*sentence_span(body, q.start, q.end))],
        "target": q.target,
        "part_group": q.part_group,
        "part_role": str(q.part_role) or None,  # null when no part, as every absent value
        "status": "extracted",
        "edited": False,
    }


def parsed_article_export(
    article: ParsedArticle,
    gazetteer: Gazetteer,
    published: date | None = None,
    source: str = "",
    source_url: str = "",
) -> dict:
    """One parsed article as an export-schema dict (id and url null: not stored;
    ``source_url`` the page's own address, if known)."""
    region = None
    if article.region.adcode:
        row = gazetteer.get(article.region.adcode)
        region = {
            "adcode": article.region.adcode,
            "name": row.name if row else None,
            "level": row.level if row else None,
        }
    return {
        "id": None,
        "title": article.title,
        "title_prefix": article.title_prefix,
        "subtitle": article.subtitle,
        "byline": article.byline,
        "kind": article.kind,
        "published": published.isoformat() if published else None,
        "region": region,
        "topic": article.topic,
        "source": source or None,
        "body": article.body,
        "url": None,
        "source_url": source_url or None,
        "metrics": [
            quantity_export(q, article.body, gazetteer, article.region.adcode)
            for q in article.quantities
        ],
    }
