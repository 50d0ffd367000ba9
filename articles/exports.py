"""One export path: CSV and JSON of lists, compare, region and article pages, streamed.

Rows come from ``values()`` (no model instance per row), in chunks of ``CHUNK`` articles
(two queries per chunk: the articles, then their shown metrics), so memory stays constant
whatever the size; each article's URL is computed once, from one ``reverse()`` per
export. ``streaming_response`` sends them as a ``StreamingHttpResponse``.

One column vocabulary: the same name for the same field in every flat export
(``ARTICLE_COLUMNS`` here, ``selectors.COMPARE_COLUMNS`` for compare):
``article_id, article_title, article_url, published, region_adcode, region_name,
region_path, region_level, topic, metric_id, metric_region_adcode, metric_region_name,
metric_region_level, indicator, label, value, value_max, unit, approx, bound,
previous_value, period, evidence, sentence, target, part_group, part_role, status,
edited, display``. ``status`` is the review state (extracted, approved, corrected;
rejected metrics are never exported); ``edited`` is true for a corrected metric. ``region_*`` is the article's region, ``metric_region_*`` the metric's own
(the division its clause names: a county's figure in a city article is the county's).

Cells: Decimals as plain strings (``"931000000"``, ``formatting.plain_decimal``), dates
ISO, booleans ``true``/``false`` in CSV, None empty in CSV and null in JSON. Text that a
spreadsheet would run as a formula (starting ``= + - @`` tab or CR) gets a leading
apostrophe (OWASP "CSV Injection"). CSV starts with a UTF-8 byte-order mark so Excel
reads the Chinese as UTF-8.

The article JSON document (``article_documents``) nests metrics in each article and keeps
the schema of ``ingest --dry-run`` (``articles/ingest/schema.py``).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import BooleanField, Case, F, QuerySet, Value, When
from django.db.models.functions import Substr
from django.http import StreamingHttpResponse

from .formatting import plain_decimal
from .models import Article, Metric, MetricStatus

#: Columns of the flat (one row per metric) article export, in order.
METRIC_COLUMNS = [
    "metric_id",
    "metric_region_adcode",
    "metric_region_name",
    "metric_region_level",
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
    "part_group",
    "part_role",
    "status",
    "edited",
]
ARTICLE_COLUMNS = [
    "article_id",
    "article_title",
    "published",
    "region_adcode",
    "region_name",
    "topic",
    *METRIC_COLUMNS,
    "article_url",
]
#: Articles per round trip (each chunk costs two queries).
CHUNK = 2000
FORMULA_STARTS = "=+-@\t\r"


def safe_cell(text: str) -> str:
    """A text cell made safe from spreadsheet formula injection: a leading apostrophe
    before ``= + - @`` tab or CR. Numbers are written by ``csv_cell``, never through this."""
    return "'" + text if text and text[0] in FORMULA_STARTS else text


def csv_cell(value: Any) -> Any:
    """One CSV cell: '' for None, true/false, plain Decimal, ISO date, defused text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return plain_decimal(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return safe_cell(value)
    return value


def json_value(value: Any) -> Any:
    """One JSON value: plain Decimal strings and ISO dates; the rest as is."""
    if isinstance(value, Decimal):
        return plain_decimal(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def csv_lines(columns: list[str], rows: Iterable[dict]) -> Iterator[str]:
    """The CSV text of ``rows`` (dicts with at least ``columns``): BOM, header, one line
    per row, yielded in pieces of about 1,000 rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow(columns)
    for n, row in enumerate(rows, 1):
        writer.writerow([csv_cell(row.get(c)) for c in columns])
        if n % 1000 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def json_lines(rows: Iterable[dict], *, head: dict | None = None) -> Iterator[str]:
    """A JSON array of ``rows`` (values through ``json_value``), or with ``head`` an
    object ``{**head, "rows": [...]}``; yielded one row at a time."""
    yield "{" + json.dumps(head, ensure_ascii=False)[1:-1] + ', "rows": [\n' if head else "[\n"
    for n, row in enumerate(rows):
        text = json.dumps(row, ensure_ascii=False, default=json_value)
        yield (",\n" if n else "") + text
    yield "\n]}\n" if head else "\n]\n"


def streaming_response(chunks: Iterable[str], *, fmt: str, filename: str):
    """A download (attachment ``filename``) streaming ``chunks`` as CSV or JSON (UTF-8)."""
    content_type = "text/csv" if fmt == "csv" else "application/json"
    response = StreamingHttpResponse(
        (chunk.encode("utf-8") for chunk in chunks), content_type=f"{content_type}; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def rows_response(columns: list[str], rows: list[dict], *, fmt: str, filename: str, head=None):
    """Ready rows (compare) as CSV (``columns``) or JSON (``{**head, "rows": rows}``)."""
    if fmt == "csv":
        return streaming_response(csv_lines(columns, rows), fmt=fmt, filename=filename)
    only = [{c: row.get(c) for c in columns} for row in rows]
    return streaming_response(json_lines(only, head=head or {}), fmt=fmt, filename=filename)


# --------------------------------------------------------------------------- articles


ARTICLE_FIELDS = {
    "a_title": F("title"),
    "a_title_prefix": F("title_prefix"),
    "a_subtitle": F("subtitle"),
    "a_byline": F("byline"),
    "a_kind": F("kind"),
    "a_published": F("published"),
    "region_adcode": F("region__adcode"),
    "region_name": F("region__name"),
    "region_level": F("region__level"),
    "topic_slug": F("topic__slug"),
    "source": F("page__publication__name"),
    "source_url": F("url"),
}
#: Metric columns that are not a field of the same name: each metric's own region (the
#: division its clause names, else its article's) and its id.
METRIC_ALIASES = {
    "metric_id": F("id"),
    "metric_region_adcode": F("region__adcode"),
    "metric_region_name": F("region__name"),
    "metric_region_level": F("region__level"),
    # a reviewer changed what the machine read (status ``corrected``; old values in
    # the metric's review history)
    "edited": Case(
        When(status=MetricStatus.CORRECTED, then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    ),
}
#: Metric columns read with ``values()`` (evidence and sentence are cut in SQL).
METRIC_FIELDS = [
    "article_id",
    "indicator__slug",
    *(
        c
        for c in METRIC_COLUMNS
        if c not in {"indicator", "evidence", "sentence"} and c not in METRIC_ALIASES
    ),
]


def _url_template() -> str:
    """The article URL with a placeholder for the id (one ``reverse()`` per export)."""
    from .selectors import article_url_template

    return article_url_template()


def _chunks(queryset: QuerySet[Article], *, body: bool) -> Iterator[list[dict]]:
    fields = dict(ARTICLE_FIELDS, **({"a_body": F("body")} if body else {}))
    chunk: list[dict] = []
    for row in queryset.values("id", **fields).iterator(chunk_size=CHUNK):
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _metrics_of(ids: list[int], verified: bool = False) -> dict[int, list[dict]]:
    """Shown metrics of these articles (reviewed ones only with ``verified``), in position
    order, with evidence and sentence cut in SQL: ``{article_id: [row]}``."""
    rows = (
        Metric.objects.shown(verified)
        .filter(article_id__in=ids)
        .order_by("article_id", "position", "pk")
        .annotate(
            evidence=Substr(
                "article__body", F("evidence_start") + 1, F("evidence_end") - F("evidence_start")
            ),
            sentence=Substr(
                "article__body", F("sentence_start") + 1, F("sentence_end") - F("sentence_start")
            ),
        )
        .values(*METRIC_FIELDS, "evidence", "sentence", **METRIC_ALIASES)
    )
    by_article: dict[int, list[dict]] = {}
    for row in rows:
        row["indicator"] = row.pop("indicator__slug")
        row["bound"] = row["bound"] or None
        row["period"] = row["period"] or None
        by_article.setdefault(row.pop("article_id"), []).append(row)
    return by_article


def article_metric_rows(queryset: QuerySet[Article], verified: bool = False) -> Iterator[dict]:
    """One flat row (``ARTICLE_COLUMNS``) per shown metric of each article of
    ``queryset``, in its order; an article without metrics gets one row with empty
    metric columns, so the export lists every article the page lists."""
    url = _url_template()
    for chunk in _chunks(queryset, body=False):
        metrics = _metrics_of([a["id"] for a in chunk], verified)
        for a in chunk:
            head = {
                "article_id": a["id"],
                "article_title": a["a_title"],
                "published": a["a_published"],
                "region_adcode": a["region_adcode"],
                "region_name": a["region_name"],
                "topic": a["topic_slug"],
                "article_url": url.format(a["id"]),
            }
            for metric in metrics.get(a["id"], [{}]):
                yield {**metric, **head}


def article_documents(queryset: QuerySet[Article], verified: bool = False) -> Iterator[dict]:
    """The articles of ``queryset`` in its order, each a JSON-ready dict::

        {"id": int, "title": str, "title_prefix": str, "subtitle": str, "byline": str,
         "kind": "news"|"feature"|"photo", "published": "YYYY-MM-DD" | None,
         "region": {"adcode": "510821", "name": "旺苍县", "level": "county"} | None,
         "topic": slug | None, "source": publication | None, "body": str,
         "url": "/articles/<id>/", "source_url": str | None,
         "metrics": [{"indicator": slug | None, "label": str, "value": "931000000",
                      "value_max": str | None, "unit": "元", "approx": bool,
                      "bound": "lower"|"upper"|"about"|None, "previous_value": str | None,
                      "period": str | None, "evidence": "exact substring of body",
                      "sentence": "its sentence", "target": bool}]}

    Rejected metrics are left out. Two queries per ``CHUNK`` articles.
    """
    url = _url_template()
    for chunk in _chunks(queryset, body=True):
        metrics = _metrics_of([a["id"] for a in chunk], verified)
        for a in chunk:
            region = None
            if a["region_adcode"]:
                region = {
                    "adcode": a["region_adcode"],
                    "name": a["region_name"],
                    "level": a["region_level"],
                }
            yield {
                "id": a["id"],
                "title": a["a_title"],
                "title_prefix": a["a_title_prefix"],
                "subtitle": a["a_subtitle"],
                "byline": a["a_byline"],
                "kind": a["a_kind"],
                "published": json_value(a["a_published"]),
                "region": region,
                "topic": a["topic_slug"],
                "source": a["source"] or None,
                "body": a["a_body"],
                "url": url.format(a["id"]),
                "source_url": a["source_url"] or None,
                "metrics": [
                    {k: json_value(v) for k, v in m.items()} for m in metrics.get(a["id"], [])
                ],
            }


def articles_response(
    queryset: QuerySet[Article], *, fmt: str, filename: str, verified: bool = False
):
    """The export of ``queryset``: flat CSV (``ARTICLE_COLUMNS``) or the JSON documents;
    with ``verified``, reviewed metrics only (``MetricQuerySet.shown``)."""
    if fmt == "csv":
        lines = csv_lines(ARTICLE_COLUMNS, article_metric_rows(queryset, verified))
    else:
        lines = json_lines(article_documents(queryset, verified))
    return streaming_response(lines, fmt=fmt, filename=filename)


def serialize_articles(queryset: QuerySet[Article]) -> list[dict]:
    """``article_documents`` as a list (the management command and tests)."""
    return list(article_documents(queryset))


def write_csv(queryset: QuerySet[Article], stream) -> int:
    """Write the flat CSV of ``queryset`` to a text ``stream``; returns the data rows."""
    rows = 0

    def counted(items):
        nonlocal rows
        for item in items:
            rows += 1
            yield item

    for piece in csv_lines(ARTICLE_COLUMNS, counted(article_metric_rows(queryset))):
        stream.write(piece)
    return rows


CSV_COLUMNS = ARTICLE_COLUMNS
