"""Views of the articles app, one module per page family.

- ``lists``: article list (+ CSV/JSON export), article detail, region page.
- ``charts``: overview and compare.
"""

from .charts import compare, compare_regions, overview
from .lists import article_detail, article_list, region_detail

__all__ = [
    "article_detail",
    "article_list",
    "compare",
    "compare_regions",
    "overview",
    "region_detail",
]
