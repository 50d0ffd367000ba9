"""Data model of govreports.

Reference data (Region, Topic, Indicator) has natural keys (adcode, slug) and ships with
the migrations (see ``articles/reference.py``). Ingested data (SourcePage, Article, Metric)
is written only by ``articles.services.ingest_page``.

Terms: *adcode* is the 6-digit GB/T 2260 division code; an *indicator* is what is
measured; a *metric* (observation) is one value of an indicator for a region, read from
an article; its *evidence* is the span of ``Article.body`` the value was read from.

One module per part of the model, each name handed on here so that
``from articles.models import Metric`` stays the one way in: ``reference`` (regions,
populations, topics, indicators), ``sources`` (publications, pages), ``article``
(articles, appearances, fingerprints), ``metric`` (metrics and their ranking), ``review`` (their review history),
``runs`` (ingest runs) and ``aggregates`` (what writers keep in step for the read side).
"""

from .aggregates import (  # noqa: F401
    ArticleCount,
    CompareWinner,
    IndicatorCoverage,
    PublicationCount,
    RegionMetricCount,
)
from .article import (  # noqa: F401
    EARLIEST_YEAR,
    LATEST_YEAR,
    Appearance,
    AppearanceMatch,
    Article,
    ArticleFingerprint,
    ArticleKind,
    ArticleQuerySet,
    InFirstRows,
)
from .metric import (  # noqa: F401
    RANKED_COLUMNS,
    REVIEWED_STATUSES,
    Metric,
    MetricQuerySet,
    MetricStatus,
    PartRole,
    latest_first,
)
from .reference import (  # noqa: F401
    Indicator,
    IndicatorKind,
    Population,
    PopulationManager,
    Region,
    RegionLevel,
    RegionManager,
    RegionQuerySet,
    SlugManager,
    Topic,
    adcode_prefix,
)
from .review import (  # noqa: F401
    MetricReview,
    ReviewAction,
)
from .runs import (  # noqa: F401
    IngestRun,
    IngestRunStatus,
)
from .sources import (  # noqa: F401
    Publication,
    PublicationKind,
    PublicationManager,
    SourcePage,
)
