"""The cells and streams every export shares: CSV and JSON cells (``csv_cell``,
``json_value``, ``safe_cell``), lines (``csv_lines``, ``json_lines``), the streamed
download (``streaming_response``), absolute links (``absolute_urls``) and ready rows
(``rows_response``, compare). The rules are in ``articles.exports``' docstring.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal
from typing import Any

from django.http import StreamingHttpResponse

from ..export_names import content_disposition
from ..formatting import plain_decimal

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


def _encoded(chunks: Iterator[str]) -> Iterator[bytes]:
    """``chunks`` as UTF-8; closing this (the server does, at the end or when the client
    goes away) closes ``chunks`` too, so an export's read transaction ends at once."""
    try:
        for chunk in chunks:
            yield chunk.encode("utf-8")
    finally:
        close = getattr(chunks, "close", None)
        if close is not None:
            close()


def streaming_response(chunks: Iterable[str], *, fmt: str, filename: str):
    """A download (attachment ``filename``) streaming ``chunks`` as CSV or JSON (UTF-8)."""
    content_type = "text/csv" if fmt == "csv" else "application/json"
    response = StreamingHttpResponse(
        _encoded(iter(chunks)), content_type=f"{content_type}; charset=utf-8"
    )
    response["Content-Disposition"] = content_disposition(filename)  # filename* if not ASCII
    return response


def absolute_urls(request, rows: Iterable[dict], key: str = "article_url") -> Iterator[dict]:
    """``rows`` with their site-relative ``key`` (``"/articles/2/"``) made absolute
    (``"https://host/articles/2/"``), so an exported file's links work outside the site:
    one ``request.build_absolute_uri`` per export, then a string join per row. Rows
    without the key, or with an empty value, pass unchanged."""
    origin = request.build_absolute_uri("/")[:-1]
    for row in rows:
        if row.get(key):
            row[key] = origin + row[key]
        yield row


def rows_response(columns: list[str], rows: list[dict], *, fmt: str, filename: str, head=None):
    """Ready rows (compare) as CSV (``columns``) or JSON (``{**head, "rows": rows}``)."""
    if fmt == "csv":
        return streaming_response(csv_lines(columns, rows), fmt=fmt, filename=filename)
    only = [{c: row.get(c) for c in columns} for row in rows]
    return streaming_response(json_lines(only, head=head or {}), fmt=fmt, filename=filename)
