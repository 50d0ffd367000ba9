"""The region page (``/regions/<adcode>/``, issue 10.7) and its exports, one module per part.

- ``page``: the page as a whole (``region_page``, ``RegionPage``; what it shows and in how
  many queries), the region's name, census population and children with data;
- ``blocks``: one block per (indicator, unit) the region has values of, its chart points
  and its chart;
- ``metric_list``: one page of the region's own metrics in block order (its page size,
  ``metric_list.METRICS_PER_PAGE``, is read when called: patch it there);
- ``exports``: the CSV/JSON rows of the region's metrics and the JSON export's head.

The names callers use are handed on here: ``from articles import regions`` then
``regions.region_page(...)``, ``regions.metric_rows(...)``.
"""

from .blocks import IndicatorBlock, SeriesPoint, chart_points, draw, summaries  # noqa: F401
from .exports import (  # noqa: F401
    METRIC_ALIASES,
    REGION_METRIC_COLUMNS,
    export_head,
    file_stem,
    metric_rows,
)
from .metric_list import SNIPPET_CONTEXT, MetricPage, Snippet, metric_page, snippet  # noqa: F401
from .page import (  # noqa: F401
    POPULATION_YEAR,
    ChildRow,
    RegionPage,
    RegionPopulation,
    children_with_data,
    population,
    region_name,
    region_page,
    subtree_metric_counts,
)
