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

from .articles import (  # noqa: F401
    ARTICLE_COLUMNS,
    CHUNK,
    CSV_COLUMNS,
    FIRST_CHUNK,
    METRIC_COLUMNS,
    article_csv,
    article_documents,
    articles_response,
    serialize_articles,
    write_csv,
)
from .streams import (  # noqa: F401
    FORMULA_STARTS,
    absolute_urls,
    csv_cell,
    csv_lines,
    json_lines,
    json_value,
    rows_response,
    safe_cell,
    streaming_response,
)
