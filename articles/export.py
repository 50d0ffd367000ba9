"""The export schema of articles and their metrics, shared by the list page
(``/articles/?format=json|csv``) and the ``export_articles`` management command.

JSON (``serialize_articles``) is one object per article with its metrics nested; CSV
(``write_csv``) is one row per metric, flat, for spreadsheets. Both leave out metrics a
reviewer rejected (``MetricStatus.REJECTED``) and keep the queryset's ordering.

Numbers are written as plain decimal strings (``"931000000"``, ``"15.5"``), never floats
and never with the database's trailing zeros, so they round-trip exactly.
"""

from __future__ import annotations

import csv
from typing import IO, Any

from django.db.models import QuerySet

from .models import Article
from .schema import decimal_str

CSV_COLUMNS = [
    "article_id",
    "article_title",
    "published",
    "region_adcode",
    "region_name",
    "topic",
    "indicator",
    "label",
    "value",
    "value_max",
    "unit",
    "approx",
    "bound",
    "previous_value",
    "period",
    "evidence",
    "sentence",
    "target",
    "article_url",
]
"""Header row of ``write_csv``, in order."""

# Rows fetched per round trip when streaming CSV; each chunk costs two queries.
CSV_CHUNK_SIZE = 2000


def safe_cell(text: str) -> str:
    """A text cell made safe from spreadsheet formula injection (OWASP "CSV Injection"):
    text starting with ``= + - @`` or a tab/CR gets a leading apostrophe. Used for
    free-text columns only, never for numbers."""
    if text and text[0] in "=+-@\t\r":
        return "'" + text
    return text


def _export_queryset(queryset: QuerySet[Article]) -> QuerySet[Article]:
    return queryset.with_related().with_metrics()


def _metric_dict(metric) -> dict[str, Any]:
    return {
        "indicator": metric.indicator.slug if metric.indicator_id else None,
        "label": metric.label,
        "value": decimal_str(metric.value),
        "value_max": decimal_str(metric.value_max),
        "unit": metric.unit,
        "approx": metric.approx,
        "bound": metric.bound or None,
        "previous_value": decimal_str(metric.previous_value),
        "period": metric.period or None,
        "evidence": metric.evidence,
        "sentence": metric.sentence,
        "target": metric.target,
    }


def serialize_article(article: Article) -> dict[str, Any]:
    """One article in the export schema (see ``serialize_articles``). Expects the
    article to come from a queryset with ``with_related().with_metrics()``, else each
    relation costs a query."""
    region = article.region
    return {
        "id": article.pk,
        "title": article.title,
        "title_prefix": article.title_prefix,
        "subtitle": article.subtitle,
        "byline": article.byline,
        "kind": article.kind,
        "published": article.published.isoformat() if article.published else None,
        "region": (
            {"adcode": region.adcode, "name": region.name, "level": region.level}
            if region is not None
            else None
        ),
        "topic": article.topic.slug if article.topic_id else None,
        "source": article.page.publication.name if article.page.publication_id else None,
        "body": article.body,
        "url": article.get_absolute_url(),
        "source_url": article.url or None,
        "metrics": [_metric_dict(m) for m in article.metrics.all()],
    }


def serialize_articles(queryset: QuerySet[Article]) -> list[dict[str, Any]]:
    """The articles of ``queryset``, in its order, as JSON-ready dicts.

    Shape of each item::

        {"id": int, "title": str, "title_prefix": str, "subtitle": str, "byline": str,
         "kind": "news"|"feature"|"photo", "published": "YYYY-MM-DD" | None,
         "region": {"adcode": "510821", "name": "旺苍县", "level": "county"} | None,
         "topic": slug | None, "source": publication | None, "body": str,
         "url": "/articles/<id>/",          # always the article's page on this site (a path)
         "source_url": str | None,          # the original's URL, when the ingest knew it
         "metrics": [{"indicator": slug | None, "label": str,
                      "value": "931000000", "value_max": str | None, "unit": "元",
                      "approx": bool, "bound": "lower"|"upper"|"about"|None,
                      "previous_value": str | None, "period": str | None,
                      "evidence": "exact substring of body",
                      "sentence": "the sentence of body around the evidence",
                      "target": bool}]}   # a plan or target, not an observation

    Rejected metrics are left out. Runs two queries whatever the number of articles
    (articles with their region, topic and page joined; then all their metrics).
    """
    return [serialize_article(a) for a in _export_queryset(queryset)]


def write_csv(queryset: QuerySet[Article], stream: IO[str]) -> int:
    """Write one CSV row per shown metric of the articles of ``queryset`` to ``stream``
    (columns ``CSV_COLUMNS``); returns the number of rows written.

    An article without metrics gets one row with its article columns and empty metric
    columns, so the CSV lists every article the page lists. The output starts with a
    UTF-8 byte order mark (U+FEFF) so that Excel detects UTF-8 and shows Chinese
    correctly; open the stream with ``encoding="utf-8"`` (not ``utf-8-sig``, which would
    add a second one). Values are plain decimal strings, ``approx`` and ``target`` are
    ``true``/``false``; free text that a spreadsheet would run as a formula (``=...``)
    is prefixed with ``'``. Streams in chunks of ``CSV_CHUNK_SIZE`` articles (two
    queries per chunk).
    """
    stream.write("\ufeff")
    writer = csv.writer(stream)
    writer.writerow(CSV_COLUMNS)
    rows = 0
    for article in _export_queryset(queryset).iterator(chunk_size=CSV_CHUNK_SIZE):
        region = article.region
        head = [
            article.pk,
            safe_cell(article.title),
            article.published.isoformat() if article.published else "",
            region.adcode if region else "",
            region.name if region else "",
            article.topic.slug if article.topic_id else "",
        ]
        metrics = [_metric_dict(metric) for metric in article.metrics.all()]
        for m in metrics:
            writer.writerow(
                [
                    *head,
                    m["indicator"] or "",
                    safe_cell(m["label"]),
                    m["value"],
                    m["value_max"] or "",
                    m["unit"],
                    "true" if m["approx"] else "false",
                    m["bound"] or "",
                    m["previous_value"] or "",
                    m["period"] or "",
                    safe_cell(m["evidence"]),
                    safe_cell(m["sentence"]),
                    "true" if m["target"] else "false",
                    article.get_absolute_url(),
                ]
            )
        if not metrics:
            empty = [""] * (len(CSV_COLUMNS) - len(head) - 1)
            writer.writerow([*head, *empty, article.get_absolute_url()])
        rows += max(len(metrics), 1)
    return rows
