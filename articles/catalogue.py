"""The topic and indicator catalogues as the database holds them now.

The parser (``articles.ingest``) is pure and takes its catalogues as arguments; this is
where the write path gets them, so that a topic or indicator edited in the admin is what
the next ingest and every re-extraction use. Two queries; building the catalogues from
a few hundred rows takes a few milliseconds, so a run of many pages reads them once
(``Catalogues.load``) and uses them for all its pages: an edit made during a run is
used from the next run on (each Celery task is a run of one page).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .ingest.classify import TopicCatalog
from .ingest.indicators import IndicatorCatalog
from .models import Indicator, Publication, Region, Topic


def topic_catalogue() -> TopicCatalog:
    """Every Topic row as a ``TopicCatalog`` (slug, names, keywords), in slug order."""
    return TopicCatalog.from_rows(Topic.objects.values("slug", "name_zh", "name_en", "keywords"))


def indicator_catalogue() -> IndicatorCatalog:
    """Every Indicator row as an ``IndicatorCatalog`` (slug, unit, phrases, topic, kind),
    in the catalogue's order (primary key, i.e. the fixture's order, then admin
    additions). Without ``kind`` every ingest mapped a count added (较上年增加6000人) to
    the stock it was added to, which the fixture's catalogue (the tests') did not: a
    new-user pass saw a second registered-volunteers value of 6,000."""
    return IndicatorCatalog.from_rows(
        Indicator.objects.order_by("pk").values(
            "slug", "unit", "phrases", "topic__slug", "name_zh", "name_en", "kind"
        )
    )


@dataclass(frozen=True)
class Catalogues:
    """What the write path needs of the reference data, read once per run: the parser's
    ``topics`` and ``indicators`` catalogues and the primary keys of both tables by slug
    (``topic_ids``, ``indicator_ids``: ``{slug: id}``) for the rows it stores.
    ``regions`` is the run's cache of divisions by adcode (None: not stored), filled as
    pages name them (``services.ingest``): the gazetteer is fixed reference data, so a
    run reads each division once instead of once per page. ``publications`` is the run's
    cache of the publications its pages name, by name, filled once one is found (one
    not stored yet is looked up again by the next page); the write transaction checks
    that a cached publication is still stored under its name (``services.ingest``)."""

    topics: TopicCatalog
    indicators: IndicatorCatalog
    topic_ids: dict[str, int]
    indicator_ids: dict[str, int]
    regions: dict[str, Region | None] = field(default_factory=dict, compare=False)
    publications: dict[str, Publication] = field(default_factory=dict, compare=False)

    @classmethod
    def load(cls) -> Catalogues:
        """The catalogues as stored now (four queries)."""
        return cls(
            topics=topic_catalogue(),
            indicators=indicator_catalogue(),
            topic_ids=dict(Topic.objects.values_list("slug", "pk")),
            indicator_ids=dict(Indicator.objects.values_list("slug", "pk")),
        )
