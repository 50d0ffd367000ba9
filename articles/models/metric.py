"""Metrics (one value of an indicator for a region, read from an article) and their
ranking; their review history is in ``review``."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..text import sentence_span
from .article import Article
from .reference import Indicator, Region


class PartRole(models.TextChoices):
    """How a metric relates to others of its indicator, region and article.

    ``part``: one of several values the text gives as parts (a list with 、/以及/其中/
    分别, or qualifiers of one noun); ``total``: the value the text calls the total
    (共, 总数, 合计, 累计) of such a group; empty: a value on its own.
    """

    NONE = "", _("单独数值")
    PART = "part", _("分项")
    TOTAL = "total", _("总数")


class MetricStatus(models.TextChoices):
    """Where a metric stands in review: ``extracted`` by the machine and not yet checked;
    ``approved`` as read; ``corrected`` by a reviewer (the extracted values are kept in
    its ``MetricReview`` history); ``rejected`` (shown nowhere public); ``manual``: added
    by staff from a span of the body (``articles.manual_metric``)."""

    EXTRACTED = "extracted", _("待审核")
    APPROVED = "approved", _("已确认")
    CORRECTED = "corrected", _("已更正")
    REJECTED = "rejected", _("已驳回")
    MANUAL = "manual", _("人工添加")


#: Statuses a person has checked and kept: what ``verified=1`` reads (a metric staff
#: added by selecting its span counts as checked).
REVIEWED_STATUSES = (MetricStatus.APPROVED, MetricStatus.CORRECTED, MetricStatus.MANUAL)


def latest_first() -> list:
    """The rule for which of a region's values counts, as ORDER BY terms, best first.

    Newest ``article.published`` (read from its copy ``Metric.published``; undated last), then the highest article id;
    within one article a reviewer-approved value, then the largest (a total the text names
    is never smaller than its parts, see ``ingest.parts``), then the highest metric id.
    When the winner is one of several parts, compare shows the sum of its group
    (``latest_per_region``). ``MetricQuerySet.latest_per_region`` (compare) and
    ``regions.chart_points`` (one value per date) both rank by it; it exists only
    here (``tests/test_selectors.py`` fails if any term is changed).
    """
    return [
        models.F("published").desc(nulls_last=True),  # the article's (Metric.published)
        models.F("article_id").desc(),
        models.Case(
            models.When(status__in=REVIEWED_STATUSES, then=models.Value(0)),
            default=models.Value(1),
        ).asc(),
        models.F("value").desc(),
        models.F("id").desc(),
    ]


#: A metric's columns that compare ranks and shows, besides its id, region and article:
#: the covering index ``metric_observed_ranked`` holds them and
#: ``compare_winners.NARROW_FIELDS`` reads them (one list, so a column read is never
#: missing from the index: ``tests/test_compare_reads.py``).
RANKED_COLUMNS = (
    "published",
    "value",
    "unit",
    "part_role",
    "part_group",
    "approx",
    "period",
    "value_max",
    "bound",
    "status",
    "previous_value",
)


#: ``MetricQuerySet.indicator_coverage``'s read: the ``IndicatorCoverage`` rows of indicators
#: with observed metrics, most regions first, then slug.
_COVERAGE = (
    "SELECT c.regions, c.metrics, i.slug, i.name_zh, i.name_en, i.unit "
    "FROM articles_indicatorcoverage c JOIN articles_indicator i ON i.id = c.indicator_id "
    "WHERE c.metrics > 0 ORDER BY c.regions DESC, i.slug ASC"
)


class MetricQuerySet(models.QuerySet):
    """Reads the chart pages need. Chain the filters, then ``latest_per_region()``::

    Metric.objects.shown().for_indicator("registered-volunteers").in_topic("volunteering")
        .published_between(after, before).latest_per_region(level="county", within="510000")
    """

    def for_indicator(self, slug: str) -> MetricQuerySet:
        return self.filter(indicator__slug=slug)

    def shown(self, verified: bool = False) -> MetricQuerySet:
        """Metrics a reader sees: everything not rejected by a reviewer; with
        ``verified`` (``?verified=1``), only those a person approved or corrected."""
        qs = self.exclude(status=MetricStatus.REJECTED)
        return qs.filter(status__in=REVIEWED_STATUSES) if verified else qs

    def reviewed(self) -> MetricQuerySet:
        """Metrics a person approved or corrected (``REVIEWED_STATUSES``)."""
        return self.filter(status__in=REVIEWED_STATUSES)

    def observed(self, verified: bool = False) -> MetricQuerySet:
        """Shown metrics that report what is, not a plan or target: what charts compare
        (``verified`` as in ``shown``)."""
        return self.shown(verified).filter(target=False)

    def in_topic(self, slug: str | None) -> MetricQuerySet:
        """Metrics from articles on this topic (by ``Article.topic``); no-op for None/''."""
        return self.filter(article__topic__slug=slug) if slug else self

    def published_between(self, after=None, before=None) -> MetricQuerySet:
        """Metrics from articles published on or after ``after`` and on or before ``before``
        (``datetime.date``; either may be None). Articles without a date are kept only when
        neither bound is given."""
        qs = self
        if after is not None:
            qs = qs.filter(published__gte=after)
        if before is not None:
            qs = qs.filter(published__lte=before)
        return qs

    def at_level(self, level: str | None = None, within: str | None = None) -> MetricQuerySet:
        """Metrics whose region is at ``level`` and inside the region ``within`` (an adcode).

        A metric counts at its own region's level only: a county's value is never summed up
        into its prefecture, and a province-wide value is not a county value. ``within`` is
        matched on the adcode prefix (``RegionQuerySet.descendants_of``); raises ValueError
        if it is not a 6-digit adcode.
        """
        qs = self.filter(region__isnull=False)
        if level:
            qs = qs.filter(region__level=level)
        if within:
            qs = qs.filter(region__in=Region.objects.descendants_of(within).values("pk"))
        return qs

    def with_evidence(self) -> MetricQuerySet:
        """Annotate ``evidence_text`` (the evidence span) and ``sentence_text`` (its
        sentence), cut from ``article.body`` in the database (SQL SUBSTR, 1-based), so the
        article bodies need not be loaded."""
        return self.annotate(
            evidence_text=models.functions.Substr(
                "article__body",
                models.F("evidence_start") + 1,
                models.F("evidence_end") - models.F("evidence_start"),
            ),
            sentence_text=models.functions.Substr(
                "article__body",
                models.F("sentence_start") + 1,
                models.F("sentence_end") - models.F("sentence_start"),
            ),
        )

    def latest_per_region(
        self, level: str | None = None, within: str | None = None, verified: bool = False
    ) -> MetricQuerySet:
        """The latest metric per region, one row per region, in one query.

        Call it on metrics of one indicator (``for_indicator``). Latest means the newest
        ``article.published`` (undated articles last), then the highest article id. When
        that article gives several values of the indicator for the region (Wangcang's
        article gives 15, 80余, 23, 257 and 1728 volunteer teams of different kinds), a
        reviewer-approved value wins, else the largest (a total the text names is never
        smaller than its parts), and ``article_values`` tells how many values the article gave. A winner
        that is a part (``PartRole.PART``) comes with ``parts_sum``, ``parts_count`` and
        ``parts_approx`` (its group's sum, size and approximate parts), so compare shows
        the sum of the parts, never one part as the whole.
        ``level``/``within`` as in ``at_level``; with ``verified`` only reviewed metrics
        are ranked, counted and summed. Rejected metrics and targets (plans) are never returned. Uses
        ``ROW_NUMBER() OVER (PARTITION BY region_id ...)`` filtered to 1, as a subquery
        on the narrow rows (SQLite >= 3.25 and PostgreSQL); filters chained before this
        call (topic, dates) apply to the ranking.
        Rows come with ``article``, ``indicator`` and the region with its two ancestors
        (for ``Region.path()``) joined, and ``evidence_text`` annotated; ordered by value
        descending, then adcode.
        """
        rank = models.Window(
            models.functions.RowNumber(),
            partition_by=[models.F("region_id")],
            order_by=latest_first(),
        )
        winners = (
            self.observed(verified)
            .at_level(level, within)
            .annotate(region_rank=rank)
            .filter(region_rank=1)
            .values("pk")
        )
        # How many shown values of this indicator the winning article gives for the
        # region: a correlated count, run only for the winners.
        siblings = (
            self.model.objects.observed(verified)
            .filter(
                region_id=models.OuterRef("region_id"),
                article_id=models.OuterRef("article_id"),
                indicator_id=models.OuterRef("indicator_id"),
            )
            .order_by()
            .values("article_id")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        # Rank on the narrow rows first, then join and cut evidence for the winners only
        # (one statement; ranking the wide rows cost 3x on 200,000 metrics).
        # A winner that is one of several parts (旺苍县's five kinds of volunteer teams)
        # stands for its group: the sum of the group's parts, how many, and how many of
        # them are approximate (the sum is then a lower bound). Null for other winners.
        group = (
            self.model.objects.observed(verified)
            .filter(
                article_id=models.OuterRef("article_id"),
                region_id=models.OuterRef("region_id"),
                indicator_id=models.OuterRef("indicator_id"),
                part_group=models.OuterRef("part_group"),
                part_role=PartRole.PART,
            )
            .order_by()
            .values("part_group")
        )
        return (
            self.model.objects.filter(pk__in=winners)
            .select_related("article", "indicator", "region__parent__parent")
            .defer("article__body")
            .with_evidence()
            .annotate(
                article_values=models.Subquery(siblings),
                parts_sum=models.Subquery(group.annotate(s=models.Sum("value")).values("s")),
                parts_count=models.Subquery(group.annotate(n=models.Count("pk")).values("n")),
                parts_approx=models.Subquery(
                    group.annotate(n=models.Count("pk", filter=Q(approx=True))).values("n")
                ),
            )
            .order_by("-value", "region__adcode")
        )

    def indicator_coverage(self) -> list[dict]:
        """Indicators that have observed metrics (not rejected, not targets), with how many
        regions have a value.

        One query of the ``IndicatorCoverage`` rows kept in step at write time
        (``articles.aggregates``). Returns dicts ``{"slug", "name_zh", "name_en", "unit",
        "regions": int, "metrics": int}``, most regions first, then slug.
        """
        from django.db import connections

        # the ORM's ``values()`` of this read, written once: compiling it and making each
        # dict cost about a millisecond of every compare page (the same rows and order)
        with connections[self.db].cursor() as cursor:
            cursor.execute(_COVERAGE)
            keys = [column[0] for column in cursor.description]
            return [dict(zip(keys, row, strict=True)) for row in cursor.fetchall()]

    def indicator_coverage_direct(self) -> list[dict]:
        """``indicator_coverage`` counted from the metrics themselves (a whole-table
        aggregate; what ``IndicatorCoverage`` must always equal — tests compare them)."""
        counts = (
            self.observed()
            .filter(indicator__isnull=False, region__isnull=False)
            .order_by()
            .values_list("indicator_id")
            .annotate(regions=models.Count("region_id", distinct=True), n=models.Count("*"))
        )
        counted = {pk: (regions, n) for pk, regions, n in counts}
        indicators = Indicator.objects.filter(pk__in=counted).values(
            "pk", "slug", "name_zh", "name_en", "unit"
        )
        rows = [
            {
                "slug": i["slug"],
                "name_zh": i["name_zh"],
                "name_en": i["name_en"],
                "unit": i["unit"],
                "regions": counted[i["pk"]][0],
                "metrics": counted[i["pk"]][1],
            }
            for i in indicators
        ]
        rows.sort(key=lambda r: (-r["regions"], r["slug"]))
        return rows


class Metric(models.Model):
    """One value read from an article: an observation of an indicator for a region.

    ``value`` is the number with 万/亿 applied (Decimal, never float). ``approx`` is true
    where the text qualifies it (余/多/超/近/约); ``bound`` says which way: ``lower`` for
    余/多/超/逾 (the true value is at least ``value``), ``upper`` for 近/不足, ``about`` for
    约/左右. A range (5至8个) has ``value_max``; a change (由A调整至B) has
    ``previous_value`` = A. ``evidence_start``/``evidence_end`` are offsets into
    ``article.body`` of the text the value was read from (number through unit);
    ``sentence_start``/``sentence_end`` those of the sentence around it, shown as context.
    """

    class Bound(models.TextChoices):
        EXACT = "", _("精确")
        LOWER = "lower", _("下限（余/多/超）")
        UPPER = "upper", _("上限（近/不足）")
        ABOUT = "about", _("约数（约/左右）")

    article = models.ForeignKey(
        Article,
        verbose_name=pgettext_lazy("verbose name", "文章"),
        on_delete=models.CASCADE,
        related_name="metrics",
    )
    position = models.PositiveIntegerField(pgettext_lazy("verbose name", "文内序号"), default=0)
    region = models.ForeignKey(
        Region,
        verbose_name=pgettext_lazy("verbose name", "地区"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="metrics",
        # no index of its own: ``metric_region_status`` starts with it (Meta.indexes)
        db_index=False,
    )
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=pgettext_lazy("verbose name", "指标"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="metrics",
        # no index of its own: ``metric_indicator_region`` starts with it (Meta.indexes)
        db_index=False,
    )
    label = models.CharField(pgettext_lazy("verbose name", "原文标签"), max_length=128, blank=True)
    value = models.DecimalField(
        pgettext_lazy("verbose name", "数值"), max_digits=20, decimal_places=4
    )
    value_max = models.DecimalField(
        pgettext_lazy("verbose name", "上限值"),
        max_digits=20,
        decimal_places=4,
        null=True,
        blank=True,
    )
    unit = models.CharField(pgettext_lazy("verbose name", "单位"), max_length=16)
    approx = models.BooleanField(pgettext_lazy("verbose name", "约数"), default=False)
    bound = models.CharField(
        pgettext_lazy("verbose name", "约数方向"),
        max_length=8,
        choices=Bound.choices,
        default="",
        blank=True,
    )
    previous_value = models.DecimalField(
        pgettext_lazy("verbose name", "原值"),
        max_digits=20,
        decimal_places=4,
        null=True,
        blank=True,
    )
    period = models.CharField(pgettext_lazy("verbose name", "时期"), max_length=16, blank=True)
    part_group = models.PositiveSmallIntegerField(
        pgettext_lazy("verbose name", "分项组"),
        null=True,
        blank=True,
        help_text=_("同一文章中属于同一组分项（及其总数）的指标值共用一个组号。"),
    )
    part_role = models.CharField(
        pgettext_lazy("verbose name", "分项角色"),
        max_length=5,
        choices=PartRole.choices,
        default=PartRole.NONE,
        blank=True,
    )
    evidence_start = models.PositiveIntegerField(pgettext_lazy("verbose name", "证据起点"))
    evidence_end = models.PositiveIntegerField(pgettext_lazy("verbose name", "证据终点"))
    sentence_start = models.PositiveIntegerField(
        pgettext_lazy("verbose name", "所在句起点"), editable=False
    )
    sentence_end = models.PositiveIntegerField(
        pgettext_lazy("verbose name", "所在句终点"), editable=False
    )
    target = models.BooleanField(
        pgettext_lazy("verbose name", "目标值"),
        default=False,
        help_text=_("计划或目标数值（将、力争、预计……），不是已实现的观测值；不参与地区比较。"),
    )
    status = models.CharField(
        pgettext_lazy("verbose name", "审核状态"),
        max_length=10,
        choices=MetricStatus.choices,
        default=MetricStatus.EXTRACTED,
        db_index=True,
    )
    extractor_version = models.CharField(
        pgettext_lazy("verbose name", "抽取器版本"), max_length=16, blank=True
    )
    # A copy of ``article.published`` so that compare ranks an indicator's metrics from
    # the index ``metric_observed_ranked`` alone, without reading 6,700 articles (issue
    # 9.3). Every writer keeps it in step: ``save`` below, ``Article.save`` (a new date),
    # the ingest's ``metric_row``, ``corpus`` (generate_corpus); migration 0024 filled it.
    published = models.DateField(
        pgettext_lazy("verbose name", "发表日期"), null=True, blank=True, editable=False
    )

    objects = MetricQuerySet.as_manager()

    class Meta:
        ordering = ["article", "position"]
        verbose_name = pgettext_lazy("verbose name", "指标值")
        verbose_name_plural = pgettext_lazy("verbose name plural", "指标值")
        constraints = [
            models.CheckConstraint(
                condition=Q(evidence_end__gt=models.F("evidence_start")),
                name="metric_evidence_nonempty",
                violation_error_message=_("证据终点必须大于起点。"),
            ),
            models.CheckConstraint(
                condition=Q(value_max__isnull=True) | Q(value_max__gte=models.F("value")),
                name="metric_range_ordered",
                violation_error_message=_("上限值不能小于数值。"),
            ),
            models.CheckConstraint(
                condition=Q(sentence_start__lte=models.F("evidence_start"))
                & Q(sentence_end__gte=models.F("evidence_end")),
                name="metric_sentence_contains_evidence",
                violation_error_message=_("所在句必须包含证据。"),
            ),
        ]
        # Every index is written on every insert (an ingest writes ~90 metrics a page), so
        # none is a prefix of another: the foreign keys ``region`` and ``indicator`` have
        # no index of their own (``db_index=False``) and the partial (indicator, region)
        # index of observed metrics is ``metric_observed_ranked``'s prefix (migration
        # 0031: no read's plan got worse, ``tests/test_metric_indexes.py``).
        indexes = [
            # Reads by indicator (admin filter, the coverage recount, an indicator's
            # delete) and by (indicator, region) of every status.
            models.Index(fields=["indicator", "region"], name="metric_indicator_region"),
            # A region page counts the shown metrics of each division below it from this
            # index alone (no table read): 30,000 metrics of a province (issue 9.3). Also
            # every read by region (a region's metrics, a region's delete).
            models.Index(fields=["region", "status"], name="metric_region_status"),
            # Compare ranks every observed metric of one indicator by region (issue 9.3):
            # every column it reads is here (``RANKED_COLUMNS``, which
            # ``compare_winners.NARROW_FIELDS`` reads; ``target`` for the condition, ``id``
            # for PostgreSQL), so the 6,700 rows of an indicator are read from the index,
            # not from 6,700 table pages (SQLite 43 -> 30 ms CPU for the query).
            models.Index(
                fields=["indicator", "region", "article", *RANKED_COLUMNS, "target", "id"],
                name="metric_observed_ranked",
                condition=~Q(status="rejected") & Q(target=False),
            ),
        ]

    def __str__(self) -> str:
        value = format(self.value.normalize(), "f") if self.value is not None else ""
        return f"{self.label or self.indicator_id}: {value} {self.unit}"

    def save(self, *args, **kwargs):
        """Fill what derives from the article: the region (an admin entry without one is
        about its article's region) and the sentence around the evidence (recomputed, so
        an edited evidence span gets its own sentence). The ingest service bulk-creates
        metrics with both already set."""
        if self.article_id is not None:
            article = self.article
            self.published = article.published
            if self.region_id is None:
                self.region_id = article.region_id
            self.sentence_start, self.sentence_end = sentence_span(
                article.body, self.evidence_start, self.evidence_end
            )
        super().save(*args, **kwargs)

    def clean(self):
        """The evidence must be a non-empty span of the article body (admin entry)."""
        super().clean()
        if self.article_id is None:
            return
        length = len(self.article.body)
        if self.evidence_end is not None and self.evidence_end > length:
            raise ValidationError(
                {"evidence_end": _("证据终点超出正文长度（%(n)s个字）。") % {"n": length}}
            )
        if (
            self.evidence_start is not None
            and self.evidence_end is not None
            and self.evidence_start >= self.evidence_end
        ):
            raise ValidationError({"evidence_end": _("证据终点必须大于起点。")})

    @property
    def evidence(self) -> str:
        """The exact substring of the article body the value was read from."""
        return self.article.body[self.evidence_start : self.evidence_end]

    @property
    def sentence(self) -> str:
        """The sentence of the article body that contains the evidence."""
        return self.article.body[self.sentence_start : self.sentence_end]

    @classmethod
    def from_db(cls, db, field_names, values):
        """Remember the indicator and region a metric was loaded with, so that a save moving
        it elsewhere recomputes both coverage rows and both compare winners
        (``aggregates.metric_changed``)."""
        instance = super().from_db(db, field_names, values)
        instance._loaded_indicator_id = instance.__dict__.get("indicator_id")
        instance._loaded_region_id = instance.__dict__.get("region_id")
        return instance
