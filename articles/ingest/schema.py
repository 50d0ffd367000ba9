"""The export schema for parsed (not yet stored) articles, used by ``ingest --dry-run``.

Same keys as ``articles.export.serialize_articles`` gives for stored articles, with
``id`` and ``url`` null since nothing is stored. Keys::

    {"id", "title", "subtitle", "byline", "kind", "published",
     "region": {"adcode", "name", "level"} | None, "topic", "body", "url",
     "metrics": [{"indicator", "label", "value", "value_max", "unit", "approx",
                  "previous_value", "evidence"}]}
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from .gazetteer import Gazetteer
from .types import ParsedArticle, Quantity


def decimal_str(value: Decimal | None) -> str | None:
    """A Decimal as a plain string without exponent or trailing zeros: 931000000, 98.5."""
    if value is None:
        return None
    text = format(Decimal(value), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def quantity_export(q: Quantity, body: str) -> dict:
    return {
        "indicator": q.indicator,
        "label": q.label,
        "value": decimal_str(q.value),
        "value_max": decimal_str(q.value_max),
        "unit": q.unit,
        "approx": q.approx,
        "previous_value": decimal_str(q.previous_value),
        "evidence": body[q.start : q.end],
    }


def parsed_article_export(
    article: ParsedArticle, gazetteer: Gazetteer, published: date | None = None
) -> dict:
    """One parsed article as an export-schema dict (id and url null)."""
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
        "subtitle": article.subtitle,
        "byline": article.byline,
        "kind": article.kind,
        "published": published.isoformat() if published else None,
        "region": region,
        "topic": article.topic,
        "body": article.body,
        "url": None,
        "metrics": [quantity_export(q, article.body) for q in article.quantities],
    }
