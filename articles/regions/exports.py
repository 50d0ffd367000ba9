"""The exports of a region page: every shown metric of the region's blocks as rows, in
the page's order (``metric_rows``, ``REGION_METRIC_COLUMNS``), the JSON export's head
(``export_head``) and the start of the files' names (``file_stem``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import BooleanField, Case, F, Value, When
from django.db.models.functions import Substr
from django.utils.text import slugify

from ..formatting import active_lang, plain_decimal, value_text
from ..models import MetricStatus, Region
from .blocks import _block_order, _own

if TYPE_CHECKING:
    from .page import RegionPage


def file_stem(region: Region) -> str:
    """The start of an export's file name: pinyin of the place and the adcode,
    ``wangcang-510821`` (ASCII, so every browser and shell keeps it)."""
    from ..names import pinyin_name

    stem = slugify(pinyin_name(region.short_name)) if region.short_name else ""
    if not stem:
        stem = slugify(region.name_en) or "region"
    return f"{stem}-{region.adcode}"


#: Columns of a region's metric export (the export vocabulary of ``articles.exports``).
REGION_METRIC_COLUMNS = [
    "indicator",
    "indicator_name",
    "indicator_kind",
    "unit",
    "published",
    "value",
    "value_max",
    "approx",
    "bound",
    "previous_value",
    "period",
    "display",
    "label",
    "evidence",
    "sentence",
    "target",
    "part_group",
    "part_role",
    "status",
    "edited",
    "metric_id",
    "metric_region_adcode",
    "metric_region_name",
    "article_id",
    "article_title",
    "article_url",
]


#: Export columns of a metric that are not a field of the same name: its id, its own
#: region (the division its clause names, else its article's) and whether a reviewer
#: corrected it (status ``corrected``; the old values are in its review history).
METRIC_ALIASES = {
    "metric_id": F("id"),
    "metric_region_adcode": F("region__adcode"),
    "metric_region_name": F("region__name"),
    "metric_region_level": F("region__level"),
    "edited": Case(
        When(status=MetricStatus.CORRECTED, then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    ),
}


def metric_rows(region: Region, verified: bool = False):
    """Every shown metric of ``region`` itself, in the page's block order, as export rows
    (``REGION_METRIC_COLUMNS``; numbers as Decimals, ``display`` the exact text the page
    shows). Streams: one query read in chunks, no model instance per row."""
    from ..selectors import article_url_template

    english = active_lang() == "en"
    rows = (
        _own(region, verified)
        .order_by(*_block_order(), "-article__published", "-article_id", "position", "pk")
        .annotate(
            evidence=Substr(
                "article__body", F("evidence_start") + 1, F("evidence_end") - F("evidence_start")
            ),
            sentence=Substr(
                "article__body", F("sentence_start") + 1, F("sentence_end") - F("sentence_start")
            ),
            # "published": the article's date, copied onto the metric (Metric.published)
            article_title=F("article__title"),
        )
        .values(
            "indicator__slug",
            "indicator__name_zh",
            "indicator__name_en",
            "indicator__kind",
            "unit",
            "published",
            "value",
            "value_max",
            "approx",
            "bound",
            "previous_value",
            "period",
            "label",
            "evidence",
            "sentence",
            "target",
            "part_group",
            "part_role",
            "status",
            "article_id",
            "article_title",
            **METRIC_ALIASES,
        )
    )
    url = article_url_template()
    for row in rows.iterator(chunk_size=2000):
        row["indicator"] = row.pop("indicator__slug")
        zh, en = row.pop("indicator__name_zh"), row.pop("indicator__name_en")
        row["indicator_name"] = (en if english else "") or zh
        row["indicator_kind"] = row.pop("indicator__kind")
        row["display"] = value_text(
            row["value"],
            row["unit"],
            bound=row["bound"],
            approx=row["approx"],
            value_max=row["value_max"],
            lang="en" if english else "zh",
        )
        row["bound"] = row["bound"] or None
        row["period"] = row["period"] or None
        row["part_role"] = row["part_role"] or None
        row["article_url"] = url.format(row["article_id"])
        yield row


def export_head(data: RegionPage) -> dict:
    """The JSON export's head: the region, its population and the blocks (counts, latest
    value and how the chart draws them), as the page shows them."""
    region = data.region
    pop = data.population
    return {
        "region": {
            "adcode": region.adcode,
            "name": region.name,
            "name_en": region.name_en,
            "level": region.level,
        },
        "population": (
            {"residents": pop.residents, "census_year": pop.year, "counties_summed": pop.counties}
            if pop
            else None
        ),
        "indicators": [
            {
                "indicator": b.slug,
                "name": b.name,
                "unit": b.unit,
                "kind": b.kind or None,
                "metrics": b.count,
                "chart": b.mode or None,
                # as compare's export: a sum of parts says how many (``parts``), its
                # bound and the page's text
                "latest": (
                    {
                        "published": b.latest.date.isoformat() if b.latest.date else None,
                        "value": plain_decimal(b.latest.value),
                        "bound": b.latest.bound or None,
                        "parts": b.latest.parts or None,
                        "display": b.latest.display,
                    }
                    if b.latest
                    else None
                ),
            }
            for b in data.blocks
        ],
        "children": [
            {
                "adcode": c.adcode,
                "name": c.name,
                "articles": c.articles,
                "metrics": c.metrics,
            }
            for c in data.children
        ],
    }
