"""The article export: the flat CSV (one row per metric, ``ARTICLE_COLUMNS``) and the
JSON documents (metrics nested in each article), read in chunks of ``CHUNK`` articles
(two queries per chunk) and streamed (``articles_response``); the rules are in
``articles.exports``' docstring.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from itertools import islice

from django.db import connections, transaction
from django.db.models import QuerySet

from ..formatting import plain_decimal
from ..models import Article, Metric, MetricStatus
from ..text import shown_title
from .streams import FORMULA_STARTS, json_lines, streaming_response

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
#: Articles per round trip (each chunk costs two queries). 500, not 2,000: a chunk's
#: metrics (about ten an article, each with its evidence sentence) are held at once, and
#: 2,000 articles' worth raised a worker's peak by 56 MB (the all-metrics CSV at 100,000
#: articles: RSS 214 MB, over the 200 MB target; 165 MB with 500, at 75,000 rows a
#: second instead of 79,000; benchmarks/bench_exports.py, PostgreSQL).
CHUNK = 500


#: Article columns read with ``values_list`` (one tuple per article; the body is read
#: once and the metrics' evidence and sentence are cut from it in Python).
ARTICLE_FIELDS = [
    "id",
    "title",
    "published",
    "region__adcode",
    "region__name",
    "topic__slug",
    "body",
    "title_prefix",
    "subtitle",
    "byline",
    "kind",
    "region__level",
    "page__publication__name",
    "url",
]
#: Metric columns read with ``values_list``, in this order (``_metric_cells``,
#: ``_metric_document``).
METRIC_FIELDS = [
    "article_id",
    "id",
    "region__adcode",
    "region__name",
    "region__level",
    "indicator__slug",
    "label",
    "value",
    "value_max",
    "unit",
    "approx",
    "bound",
    "previous_value",
    "period",
    "evidence_start",
    "evidence_end",
    "sentence_start",
    "sentence_end",
    "target",
    "part_group",
    "part_role",
    "status",
]
#: Articles in the first round trip: small, so the first rows leave at once.
FIRST_CHUNK = 200
#: Bytes of CSV gathered before a piece is sent.
PIECE = 64 * 1024
TRUE_FALSE = ("false", "true")
CORRECTED = MetricStatus.CORRECTED.value


def _url_template(origin: str = "") -> str:
    """The article URL with a placeholder for the id (one ``reverse()`` per export),
    after ``origin`` (``"https://host"``, or ``""`` for a site-relative link)."""
    from ..selectors import article_url_template

    return origin + article_url_template()


def _number(value: Decimal | None) -> str | None:
    """``plain_decimal`` without its slow path for the stored form (``"15.5000"`` ->
    ``"15.5"``, ``"-0.0000"`` -> ``"0"``): a Decimal read from a DecimalField prints
    positionally, so trimming its zeros is the same; anything else goes through
    ``plain_decimal``."""
    if value is None:
        return None
    text = str(value)
    if "E" in text or "e" in text or "N" in text or "n" in text:
        return plain_decimal(value)
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def _text(value: str | None) -> str:
    """A CSV text cell: '' for None, formula starts defused (``safe_cell``)."""
    if not value:
        return ""
    return "'" + value if value[0] in FORMULA_STARTS else value


@contextmanager
def _read_snapshot(queryset: QuerySet):
    """On PostgreSQL, one read transaction on the alias the rows are read from (the
    replica when there is one): Django's server-side cursor is then a plain cursor
    fetched ``CHUNK`` rows at a time, not a ``WITH HOLD`` one that the database would
    compute in full before the first row (outside a transaction, psycopg declares it
    ``WITH HOLD``); every chunk's metrics come from the same snapshot. SQLite reads
    lazily already and its transactions take the write lock, so nothing changes there."""
    alias = queryset.db
    conn = connections[alias]
    if conn.vendor != "postgresql" or conn.in_atomic_block:
        yield alias
        return
    with transaction.atomic(using=alias):
        yield alias


def _chunks(queryset: QuerySet[Article], alias: str) -> Iterator[list[tuple]]:
    """``ARTICLE_FIELDS`` tuples of ``queryset`` in its order: ``FIRST_CHUNK`` articles,
    then ``CHUNK`` at a time (one server-side cursor)."""
    chunk: list[tuple] = []
    size = FIRST_CHUNK
    rows = queryset.using(alias).values_list(*ARTICLE_FIELDS).iterator(chunk_size=CHUNK)
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk, size = [], CHUNK
    if chunk:
        yield chunk


def _metrics_of(ids: list[int], alias: str, verified: bool = False) -> dict[int, list[tuple]]:
    """Shown metrics of these articles (reviewed ones only with ``verified``), in position
    order, as ``METRIC_FIELDS`` tuples: ``{article_id: [row]}``. One query."""
    rows = (
        Metric.objects.using(alias)
        .shown(verified)
        .filter(article_id__in=ids)
        .order_by("article_id", "position", "pk")
        .values_list(*METRIC_FIELDS)
    )
    by_article: dict[int, list[tuple]] = {}
    for row in rows:
        by_article.setdefault(row[0], []).append(row)
    return by_article


class _Defused(dict):
    """``_text`` of recurring values (adcodes, region names, slugs, units, statuses),
    remembered: a dict lookup per cell instead of a call. Only for columns whose values
    come from a small vocabulary, so it stays small."""

    def __missing__(self, key: str | None) -> str:
        value = self[key] = _text(key)
        return value


def _metric_cells(m: tuple, body: str, known: _Defused) -> list:
    """The ``METRIC_COLUMNS`` cells of one metric row for CSV (the hot loop of an
    export: no call per cell but for free text and numbers)."""
    # fmt: off
    (_, pk, adcode, name, level, slug, label, value, value_max, unit, approx, bound,
     previous, period, ev_start, ev_end, se_start, se_end, target, group, role, status) = m
    # fmt: on
    return [
        pk,
        known[adcode],
        known[name],
        known[level],
        known[slug],
        _text(label),
        _number(value),
        "" if value_max is None else _number(value_max),
        known[unit],
        TRUE_FALSE[approx],
        known[bound],
        "" if previous is None else _number(previous),
        known[period],
        _text(body[ev_start:ev_end]),
        _text(body[se_start:se_end]),
        TRUE_FALSE[target],
        "" if group is None else group,
        known[role],
        known[status],
        TRUE_FALSE[status == CORRECTED],
    ]


NO_METRIC = [""] * len(METRIC_COLUMNS)


def _chunks_with_metrics(queryset, verified):
    """``(articles, {article_id: metrics})`` per chunk, read in one snapshot."""
    with _read_snapshot(queryset) as alias:
        for chunk in _chunks(queryset, alias):
            yield chunk, _metrics_of([a[0] for a in chunk], alias, verified)


def _csv_rows(
    chunk: list[tuple],
    metrics: dict[int, list[tuple]],
    known: _Defused | None = None,
    *,
    url: str,
) -> Iterator[list]:
    """The CSV rows of one chunk of articles (``ARTICLE_COLUMNS`` order); ``url`` is the
    article URL template (``_url_template``)."""
    known = _Defused() if known is None else known
    for pk, title, published, adcode, name, slug, body, *_ in chunk:
        # the title the list shows: a photo without a headline by its caption's start
        head = [pk, _text(shown_title(title, body)), published.isoformat() if published else ""]
        head.append(known[adcode])
        head += [known[name], known[slug]]
        tail = [_text(url.format(pk))]
        rows = metrics.get(pk)
        if not rows:
            yield head + NO_METRIC + tail
            continue
        for m in rows:
            yield head + _metric_cells(m, body, known) + tail


def article_csv(
    queryset: QuerySet[Article], verified: bool = False, origin: str = ""
) -> Iterator[str]:
    """The flat CSV of ``queryset`` (BOM, ``ARTICLE_COLUMNS`` header, one line per shown
    metric), in pieces of about ``PIECE`` characters; the header leaves before any
    query runs. ``article_url`` starts with ``origin`` (``"https://host"``: the site's
    exports carry absolute links that work outside the site; ``""``: site-relative)."""
    url = _url_template(origin)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    known = _Defused()
    yield "\ufeff" + ",".join(ARTICLE_COLUMNS) + "\r\n"
    for chunk, metrics in _chunks_with_metrics(queryset, verified):
        rows = _csv_rows(chunk, metrics, known, url=url)
        while batch := list(islice(rows, 1000)):
            writer.writerows(batch)
            if buffer.tell() >= PIECE:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue()


def _metric_document(m: tuple, body: str) -> dict:
    """One metric of an article document (keys in the order exports always had)."""
    # fmt: off
    (_, pk, adcode, name, level, slug, label, value, value_max, unit, approx, bound,
     previous, period, ev_start, ev_end, se_start, se_end, target, group, role, status) = m
    # fmt: on
    return {
        "label": label,
        "value": _number(value),
        "value_max": _number(value_max),
        "unit": unit,
        "approx": approx,
        "bound": bound or None,
        "previous_value": _number(previous),
        "period": period or None,
        "target": target,
        "part_group": group,
        "part_role": role or None,  # null when absent, as bound and period
        "status": status,
        "evidence": body[ev_start:ev_end],
        "sentence": body[se_start:se_end],
        "metric_id": pk,
        "metric_region_adcode": adcode,
        "metric_region_name": name,
        "metric_region_level": level,
        "edited": status == MetricStatus.CORRECTED,
        "indicator": slug,
    }


def article_documents(
    queryset: QuerySet[Article], verified: bool = False, origin: str = ""
) -> Iterator[dict]:
    """The articles of ``queryset`` in its order, each a JSON-ready dict (``title`` as
    the list shows it: the headline, else a photo's caption start, ``text.shown_title``)::

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

    Rejected metrics are left out. Two queries per ``CHUNK`` articles. ``url`` starts
    with ``origin`` as in ``article_csv``.
    """
    url = _url_template(origin)
    for chunk, metrics in _chunks_with_metrics(queryset, verified):
        for a in chunk:
            (pk, title, published, adcode, name, slug, body, prefix, subtitle, byline, kind,
             level, source, source_url) = a  # fmt: skip
            region = {"adcode": adcode, "name": name, "level": level} if adcode else None
            yield {
                "id": pk,
                "title": shown_title(title, body),
                "title_prefix": prefix,
                "subtitle": subtitle,
                "byline": byline,
                "kind": kind,
                "published": published.isoformat() if published else None,
                "region": region,
                "topic": slug,
                "source": source or None,
                "body": body,
                "url": url.format(pk),
                "source_url": source_url or None,
                "metrics": [_metric_document(m, body) for m in metrics.get(pk, ())],
            }


def articles_response(
    queryset: QuerySet[Article],
    *,
    fmt: str,
    filename: str,
    verified: bool = False,
    request=None,
):
    """The export of ``queryset``: flat CSV (``ARTICLE_COLUMNS``) or the JSON documents;
    with ``verified``, reviewed metrics only (``MetricQuerySet.shown``). With the
    ``request``, article links are absolute on its host (one ``build_absolute_uri``)."""
    origin = request.build_absolute_uri("/")[:-1] if request is not None else ""
    if fmt == "csv":
        lines = article_csv(queryset, verified, origin)
    else:
        lines = json_lines(article_documents(queryset, verified, origin))
    return streaming_response(lines, fmt=fmt, filename=filename)


def serialize_articles(queryset: QuerySet[Article]) -> list[dict]:
    """``article_documents`` as a list (the management command and tests)."""
    return list(article_documents(queryset))


def write_csv(queryset: QuerySet[Article], stream) -> int:
    """Write the flat CSV of ``queryset`` to a text ``stream``; returns the data rows."""
    writer = csv.writer(stream)
    stream.write("\ufeff")
    writer.writerow(ARTICLE_COLUMNS)
    rows = 0
    known = _Defused()
    url = _url_template()
    for chunk, metrics in _chunks_with_metrics(queryset, False):
        for row in _csv_rows(chunk, metrics, known, url=url):
            writer.writerow(row)
            rows += 1
    return rows


CSV_COLUMNS = ARTICLE_COLUMNS
