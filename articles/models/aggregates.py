"""Aggregates kept at write time (issue 9): coverage, compare winners, article, publication and region counts."""

from __future__ import annotations

from django.db import models

from .reference import Indicator, Region, Topic
from .sources import Publication


class IndicatorCoverage(models.Model):
    """Per indicator, the regions with an observed metric and how many observed metrics
    (not rejected, not a target, with a region) — ``MetricQuerySet.observed``.

    Kept in step at write time by ``articles.aggregates`` so that the overview and the
    compare picker read a few dozen rows instead of counting every metric.
    """

    indicator = models.OneToOneField(
        Indicator, primary_key=True, on_delete=models.CASCADE, related_name="coverage"
    )
    regions = models.PositiveIntegerField(default=0)
    metrics = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.regions} regions, {self.metrics} metrics"


class CompareWinner(models.Model):
    """Per (indicator, region), the value compare shows by default: the region's winning
    observed metric by ``latest_first`` (not rejected, not a target; any date, topic or
    review state), with what compare derives from the region's other values: how many
    values the winner's article gives (``article_values``), the sum of its group when it
    is a part (``parts_*``) and its ``earlier`` value (``earlier_*``: the newest metric in
    the same unit from an article published strictly before, not a part). Columns copy
    the winner's (``value`` … ``previous_value``); ``metric_id``/``article_id`` name it.

    Kept in step at write time by ``articles.compare_winners`` so that compare's default
    view reads one narrow row per region instead of ranking every metric of the
    indicator; a filtered view (reviewed only, dates, topic) still ranks them.
    ``publication_id`` is the winning article's publication (names are joined at read).
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    metric_id = models.BigIntegerField()
    article_id = models.BigIntegerField()
    published = models.DateField(null=True, blank=True)
    value = models.DecimalField(max_digits=20, decimal_places=4)
    value_max = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    unit = models.CharField(max_length=16)
    bound = models.CharField(max_length=8, blank=True)
    approx = models.BooleanField(default=False)
    part_role = models.CharField(max_length=5, blank=True)
    period = models.CharField(max_length=16, blank=True)
    status = models.CharField(max_length=10)
    previous_value = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    article_values = models.PositiveIntegerField(default=1)
    parts_sum = models.DecimalField(max_digits=24, decimal_places=4, null=True, blank=True)
    parts_count = models.PositiveIntegerField(null=True, blank=True)
    parts_approx = models.PositiveIntegerField(null=True, blank=True)
    earlier_value = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    earlier_published = models.DateField(null=True, blank=True)
    earlier_period = models.CharField(max_length=16, blank=True)
    #: The winner's article's publication (``Article.page.publication``), None without
    #: one: compare's sources panel counts it for every row, and joining 2,700 articles
    #: to their pages cost more than the rest of the read. Set by ``compare_winners``
    #: with the row; kept when a page or an article moves by triggers (migration 0030).
    publication_id = models.BigIntegerField(null=True, blank=True)
    #: The region's gazetteer columns and its parent's and grandparent's names, copied
    #: (``compare_winners.FILL_REGIONS``) so that compare's default read joins no region:
    #: three joins of the gazetteer were 14 of PostgreSQL's 24 ms for 2,700 counties, 9
    #: of SQLite's 17 (issue 9.3). Set with each row; triggers on ``articles_region``
    #: copy a rename, a new adcode or level, or a move to another parent onto the rows of
    #: the region and of the divisions below it (migration 0042). Written empty (NULL for
    #: the names above it) with the row, then filled in the same transaction.
    adcode = models.CharField(max_length=6, blank=True, db_default="")
    level = models.CharField(max_length=10, blank=True, db_default="")
    region_name = models.CharField(max_length=64, blank=True, db_default="")
    region_name_en = models.CharField(max_length=128, blank=True, db_default="")
    # NULL where there is no parent (a province's, a prefecture's grandparent), as the
    # joins they replace read it: "no such region" is not a name that is empty
    parent_name = models.CharField(max_length=64, null=True, blank=True)  # noqa: DJ001
    parent_name_en = models.CharField(max_length=128, null=True, blank=True)  # noqa: DJ001
    grandparent_name = models.CharField(max_length=64, null=True, blank=True)  # noqa: DJ001
    grandparent_name_en = models.CharField(max_length=128, null=True, blank=True)  # noqa: DJ001

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["indicator", "region"], name="comparewinner_pair")
        ]
        # compare's kept read by adcode (``compare_winner_reads.kept_tuples``) and inside
        # a region (``adcode BETWEEN``): one indicator's rows in adcode order
        indexes = [models.Index(fields=["indicator", "adcode"], name="comparewinner_adcode")]

    def __str__(self) -> str:
        return f"{self.indicator_id}/{self.region_id}: metric {self.metric_id}"


class ArticleCount(models.Model):
    """How many articles fall in one cell: province ``prefix`` (the first two digits of
    the article's region's adcode, '' for an article without a region), ``topic`` (None:
    no topic), ``kind`` and ``year`` of ``published`` (None: undated). ``n`` > 0.

    Kept in step at write time by ``articles.article_counts``, so that the unfiltered
    article list's facets and total and the overview's bars sum a few thousand rows
    instead of grouping every article.
    """

    prefix = models.CharField(max_length=2, blank=True)
    topic = models.ForeignKey(
        Topic, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=10)
    year = models.IntegerField(null=True, blank=True)
    n = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["prefix", "topic", "kind", "year"]
        # the recompute deletes and re-inserts the cells of (prefix, topic) pairs
        indexes = [models.Index(fields=["prefix", "topic"], name="articlecount_prefix_topic")]

    def __str__(self) -> str:
        return f"{self.prefix or '-'}/{self.topic_id or '-'}/{self.kind}/{self.year}: {self.n}"


class PublicationCount(models.Model):
    """Per publication, how many distinct articles it printed: first printings and
    reprints (``Appearance``), as ``ArticleQuerySet.source_counts`` counts them.

    Kept in step at write time by ``articles.article_counts`` (the unfiltered list's
    publication facet).
    """

    publication = models.OneToOneField(
        Publication, primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    articles = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["publication"]

    def __str__(self) -> str:
        return f"{self.publication_id}: {self.articles} articles"


class RegionMetricCount(models.Model):
    """Per region, the metrics whose own region it is: ``shown`` (not rejected,
    ``MetricQuerySet.shown()``) and ``reviewed`` (``shown(verified=True)``); zero rows
    are kept. Kept in step by database triggers on the metric table
    (``articles.region_counts``), so a province page sums its divisions' rows instead of
    counting their metrics. Plain integers: a count may pass below zero only while the
    rows of a flushed table go (SQLite's row triggers)."""

    region = models.OneToOneField(
        Region, primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    shown = models.IntegerField(default=0)
    reviewed = models.IntegerField(default=0)

    class Meta:
        ordering = ["region"]

    def __str__(self) -> str:
        return f"{self.region_id}: {self.shown} shown, {self.reviewed} reviewed metrics"
