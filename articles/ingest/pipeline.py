"""Run the pure ingest stages over one page of text.

``parse_page(text)`` -> ``ParsedPage``: normalize, split into items, then for each item
locate its region, classify its topic, extract its quantities and map them to indicators.
Nothing here touches the database; ``articles.services.ingest_page`` stores the result.
"""

from __future__ import annotations

import hashlib
from datetime import date

from .classify import TopicCatalog, classify
from .extract import extract_quantities
from .gazetteer import Gazetteer
from .indicators import IndicatorCatalog
from .locate import assign_metric_regions, locate
from .normalize import normalize_text
from .parts import mark_parts
from .split import split_page
from .types import ParsedPage

#: Bumped whenever a change to the stages can change what a page yields; stored on each
#: Metric so reviewers can tell which extractor produced it.
EXTRACTOR_VERSION = "1"


def normalize_page_text(text: str) -> str:
    """The canonical form of a page used for hashing and splitting.

    ``normalize.normalize_text`` (line endings, NFC, BOM and NUL removed), then trailing
    spaces on each line and blank lines at both ends removed, so the same page saved by
    another editor hashes alike. Full-width characters are kept: evidence offsets point
    into the text as printed.
    """
    text = normalize_text(text)
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def page_sha256(normalized_text: str) -> str:
    """Hex SHA-256 of the normalized page text (UTF-8): the page's natural key."""
    return hashlib.sha256(normalized_text.encode("utf-8")).hexdigest()


def parse_page(
    text: str,
    *,
    published: date | None = None,
    home_region: str | None = None,
    gazetteer: Gazetteer | None = None,
    topics: TopicCatalog | None = None,
    indicators: IndicatorCatalog | None = None,
) -> ParsedPage:
    """Parse one page into items with region, topic and quantities.

    ``text`` is the decoded page (see ``normalize.decode_page`` for bytes).
    ``published`` supplies the year for datelines such as 1月11日; ``home_region`` is the
    publication's adcode, which answers 我县/本市 pages. The catalogues default to the
    cached ones loaded from ``fixtures/``. Returns a ``ParsedPage`` whose quantity offsets
    index each article's ``body``.
    """
    gazetteer = gazetteer or Gazetteer.load()
    topics = topics or TopicCatalog.load()
    indicators = indicators or IndicatorCatalog.load()
    normalized = normalize_page_text(text)
    page = ParsedPage(text=normalized, sha256=page_sha256(normalized))
    for article in split_page(normalized, published=published, gazetteer=gazetteer):
        article.region = locate(article, gazetteer, home_region=home_region)
        article.topic = classify(article, topics)
        article.quantities = extract_quantities(
            article.body, proper_names=gazetteer.names_with_numerals()
        )
        assign_metric_regions(article, gazetteer)
        indicators.assign(
            article.quantities,
            article.body,
            topic=article.topic,
            place_names=gazetteer.full_names(),
        )
        mark_parts(article.quantities, article.body, article.region.adcode)
        page.articles.append(article)
    return page
