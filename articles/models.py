"""Data model of govreports.

Reference data (Region, Topic, Indicator) has natural keys (adcode, slug) and ships with
the migrations (see ``articles/reference.py``). Ingested data (SourcePage, Article, Metric)
is written only by ``articles.services.ingest_page``.

Terms: *adcode* is the 6-digit GB/T 2260 division code; an *indicator* is what is
measured; a *metric* (observation) is one value of an indicator for a region, read from
an article; its *evidence* is the span of ``Article.body`` the value was read from.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from .text import sentence_span

# Verbose names carry the msgctxt "verbose name" / "verbose name plural": Chinese has one
# form for both (文章) and they share msgids with page headings (指标, 原文), while English
# wants "article"/"articles", lowercase, for Django's admin to capitalise and embed.
# Choice labels stand alone, so they use plain gettext and are capitalised in English.


class RegionLevel(models.TextChoices):
    PROVINCE = "province", _("省级")
    PREFECTURE = "prefecture", _("地级")
    COUNTY = "county", _("县级")


class RegionQuerySet(models.QuerySet):
    def descendants_of(self, adcode: str) -> RegionQuerySet:
        """The region with this adcode and every division below it.

        GB/T 2260 codes are hierarchical: digits 1-2 name the province, 3-4 the
        prefecture, 5-6 the county, so a prefix match on the non-zero part finds the
        subtree without a recursive query (``510000`` -> ``51``, ``510800`` -> ``5108``).
        """
        prefix = adcode_prefix(adcode)
        # A range, not LIKE '51%': SQLite's LIKE is case-insensitive and cannot use the
        # adcode index; a range can, on both databases.
        low, high = prefix.ljust(6, "0"), prefix.ljust(6, "9")
        return self.filter(adcode__gte=low, adcode__lte=high)


class RegionManager(models.Manager.from_queryset(RegionQuerySet)):
    """Regions by natural key (adcode), so ``dumpdata --natural-foreign --natural-primary``
    loads back (``loaddata`` calls ``get_by_natural_key``)."""

    def get_by_natural_key(self, adcode: str) -> Region:
        return self.get(adcode=adcode)


class SlugManager(models.Manager):
    """Rows by natural key (``slug``): Topic and Indicator, for ``loaddata`` of a dump
    made with ``--natural-foreign --natural-primary``."""

    def get_by_natural_key(self, slug: str):
        return self.get(slug=slug)


def adcode_prefix(adcode: str) -> str:
    """The significant prefix of a 6-digit adcode: '510000'->'51', '510800'->'5108'.

    Municipalities' county codes (110101) keep all six digits. Raises ValueError for a
    string that is not six digits.
    """
    if len(adcode) != 6 or not adcode.isdigit():
        raise ValueError(f"not a 6-digit adcode: {adcode!r}")
    if adcode.endswith("0000"):
        return adcode[:2]
    if adcode.endswith("00"):
        return adcode[:4]
    return adcode


class Region(models.Model):
    """A GB/T 2260 administrative division: province, prefecture or county level."""

    adcode = models.CharField(pgettext_lazy("verbose name", "区划代码"), max_length=6, unique=True)
    name = models.CharField(pgettext_lazy("verbose name", "名称"), max_length=64, db_index=True)
    short_name = models.CharField(
        pgettext_lazy("verbose name", "简称"), max_length=32, blank=True, db_index=True
    )
    level = models.CharField(
        pgettext_lazy("verbose name", "级别"),
        max_length=10,
        choices=RegionLevel.choices,
        db_index=True,
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=pgettext_lazy("verbose name", "上级"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    former_names = models.JSONField(
        pgettext_lazy("verbose name", "曾用名"), default=list, blank=True
    )
    name_en = models.CharField(
        pgettext_lazy("verbose name", "英文名"),
        max_length=128,
        blank=True,
        help_text=_("拼音加区划类型，如 Wangcang County（articles.names）。"),
    )

    objects = RegionManager()

    class Meta:
        ordering = ["adcode"]
        verbose_name = pgettext_lazy("verbose name", "行政区划")
        verbose_name_plural = pgettext_lazy("verbose name plural", "行政区划")
        constraints = [
            models.CheckConstraint(
                condition=Q(adcode__regex=r"^[0-9]{6}$"), name="region_adcode_six_digits"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.adcode})"

    def get_absolute_url(self) -> str:
        return reverse("articles:region", args=[self.adcode])

    @property
    def display_name(self) -> str:
        """The name a reader sees: ``name_en`` ("Wangcang County", ``articles.names``) when
        English is active and it is known, else the GB/T 2260 name ("旺苍县")."""
        from .formatting import active_lang

        if self.name_en and active_lang() == "en":
            return self.name_en
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.adcode,)

    def path(self) -> list[Region]:
        """Ancestors and self, province first: [province, prefecture, county]."""
        chain: list[Region] = []
        node: Region | None = self
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))


class PopulationManager(models.Manager):
    def get_by_natural_key(self, adcode: str, year: int) -> Population:
        """The census figure of region ``adcode`` in ``year``; ``DoesNotExist`` if none."""
        return self.get(region__adcode=adcode, year=year)


class Population(models.Model):
    """Resident population of a region in a census year, for per-resident comparisons.

    Loaded from ``fixtures/population_2020_county.csv`` (7th national census, NBS
    *Tabulation on the 2020 China Population Census by County*, compiled in
    thebamboogrove/tudigong, MIT; see ``fixtures/POPULATION-LICENSE``).
    Its natural key is ``(adcode, year)``: a backup made with ``--natural-primary``
    loads into a fresh database, whose migrations loaded the same figures under other
    primary keys, by matching them rather than colliding with them.
    """

    region = models.ForeignKey(
        Region,
        verbose_name=pgettext_lazy("verbose name", "地区"),
        on_delete=models.CASCADE,
        related_name="populations",
    )
    year = models.PositiveSmallIntegerField(pgettext_lazy("verbose name", "年份"))
    residents = models.PositiveIntegerField(pgettext_lazy("verbose name", "常住人口"))
    source = models.CharField(pgettext_lazy("verbose name", "来源"), max_length=128, blank=True)

    objects = PopulationManager()

    class Meta:
        ordering = ["region", "-year"]
        verbose_name = pgettext_lazy("verbose name", "常住人口")
        verbose_name_plural = pgettext_lazy("verbose name plural", "常住人口")
        constraints = [
            models.UniqueConstraint(fields=["region", "year"], name="population_unique_year"),
            models.CheckConstraint(condition=Q(residents__gt=0), name="population_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.region.name} {self.year}: {self.residents}"

    def natural_key(self) -> tuple[str, int]:
        return (self.region.adcode, self.year)

    natural_key.dependencies = ["articles.region"]


class Topic(models.Model):
    """What an article is about (volunteering, social security...), from a keyword catalogue."""

    slug = models.SlugField(pgettext_lazy("verbose name", "标识"), max_length=64, unique=True)
    name_zh = models.CharField(pgettext_lazy("verbose name", "中文名"), max_length=64)
    name_en = models.CharField(pgettext_lazy("verbose name", "英文名"), max_length=64)
    keywords = models.JSONField(pgettext_lazy("verbose name", "关键词"), default=list, blank=True)
    edited_by_hand = models.BooleanField(
        pgettext_lazy("verbose name", "已手工编辑"),
        default=False,
        help_text=_("在管理后台改过；load_reference_data 不会覆盖它。"),
    )

    objects = SlugManager()

    class Meta:
        ordering = ["slug"]
        verbose_name = pgettext_lazy("verbose name", "主题")
        verbose_name_plural = pgettext_lazy("verbose name plural", "主题")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The name in the active language (English for 'en', Chinese otherwise)."""
        return self.name_en if (get_language() or "").startswith("en") else self.name_zh

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


class IndicatorKind(models.TextChoices):
    """What kind of quantity an indicator is, which decides what may be joined or summed.

    A stock is counted at a point in time (registered volunteers, party members), a flow
    over a period (funds paid this year, jobs created), a rate a ratio or change (%, ‰),
    a level a standard or price per unit (pension per person per month, PM2.5).
    """

    STOCK = "stock", _("存量")
    FLOW = "flow", _("流量")
    RATE = "rate", _("比率")
    LEVEL = "level", _("标准")


class Indicator(models.Model):
    """What is measured, with its unit and kind: e.g. registered-volunteers, a stock in 人."""

    slug = models.SlugField(pgettext_lazy("verbose name", "标识"), max_length=64, unique=True)
    name_zh = models.CharField(pgettext_lazy("verbose name", "中文名"), max_length=64)
    name_en = models.CharField(pgettext_lazy("verbose name", "英文名"), max_length=96)
    unit = models.CharField(pgettext_lazy("verbose name", "单位"), max_length=16)
    topic = models.ForeignKey(
        Topic,
        verbose_name=pgettext_lazy("verbose name", "主题"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="indicators",
    )
    kind = models.CharField(
        pgettext_lazy("verbose name", "类型"),
        max_length=8,
        choices=IndicatorKind.choices,
        default=IndicatorKind.STOCK,
    )
    phrases = models.JSONField(pgettext_lazy("verbose name", "识别短语"), default=list, blank=True)
    description = models.TextField(pgettext_lazy("verbose name", "说明"), blank=True)
    edited_by_hand = models.BooleanField(
        pgettext_lazy("verbose name", "已手工编辑"),
        default=False,
        help_text=_("在管理后台改过；load_reference_data 不会覆盖它。"),
    )

    objects = SlugManager()

    class Meta:
        ordering = ["slug"]
        verbose_name = pgettext_lazy("verbose name", "指标")
        verbose_name_plural = pgettext_lazy("verbose name plural", "指标")

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})"

    @property
    def name(self) -> str:
        """The name in the active language (English for 'en', Chinese otherwise)."""
        return self.name_en if (get_language() or "").startswith("en") else self.name_zh

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


class PublicationKind(models.TextChoices):
    UNKNOWN = "", _("未注明")
    COUNTY_PAPER = "county-paper", _("县级报纸")
    CITY_PAPER = "city-paper", _("市级报纸")
    GOVERNMENT_SITE = "government-site", _("政府网站")


class PublicationManager(models.Manager):
    def get_by_natural_key(self, name: str) -> Publication:
        return self.get(name=name)


class Publication(models.Model):
    """A newspaper or site whose pages are ingested; its natural key is its name.

    ``home_region`` is the region the publication serves: a page of it that says 我县/本市
    without naming a place is about that region (``parse_page(home_region=...)``).
    """

    name = models.CharField(pgettext_lazy("verbose name", "名称"), max_length=128, unique=True)
    kind = models.CharField(
        pgettext_lazy("verbose name", "类型"),
        max_length=16,
        choices=PublicationKind.choices,
        default=PublicationKind.UNKNOWN,
        blank=True,
    )
    home_region = models.ForeignKey(
        Region,
        verbose_name=pgettext_lazy("verbose name", "所属地区"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="publications",
    )
    site_url = models.URLField(pgettext_lazy("verbose name", "网址"), blank=True)

    objects = PublicationManager()

    class Meta:
        ordering = ["name"]
        verbose_name = pgettext_lazy("verbose name", "报刊")
        verbose_name_plural = pgettext_lazy("verbose name plural", "报刊")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        """The article list filtered to this publication."""
        return reverse("articles:list") + "?" + urlencode({"source": self.name})

    def natural_key(self) -> tuple[str]:
        return (self.name,)


class SourcePage(models.Model):
    """One ingested newspaper page. Its natural key is the SHA-256 of its normalized text."""

    publication = models.ForeignKey(
        Publication,
        verbose_name=pgettext_lazy("verbose name", "报刊"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pages",
    )
    issue_date = models.DateField(
        pgettext_lazy("verbose name", "出版日期"), null=True, blank=True, db_index=True
    )
    page_label = models.CharField(pgettext_lazy("verbose name", "版次"), max_length=32, blank=True)
    home_region = models.ForeignKey(
        Region,
        verbose_name=pgettext_lazy("verbose name", "所属地区"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    url = models.URLField(pgettext_lazy("verbose name", "原文链接"), max_length=500, blank=True)
    sha256 = models.CharField(pgettext_lazy("verbose name", "SHA-256"), max_length=64, unique=True)
    filename = models.CharField(pgettext_lazy("verbose name", "文件名"), max_length=255, blank=True)
    raw_text = models.TextField(pgettext_lazy("verbose name", "原文"))
    ingested_at = models.DateTimeField(pgettext_lazy("verbose name", "导入时间"), auto_now_add=True)

    class Meta:
        ordering = ["-issue_date", "-ingested_at", "-id"]
        verbose_name = pgettext_lazy("verbose name", "版面")
        verbose_name_plural = pgettext_lazy("verbose name plural", "版面")

    def __str__(self) -> str:
        name = self.publication.name if self.publication_id else _("未知报刊")
        parts = [name, str(self.issue_date or ""), self.page_label]
        return " ".join(str(p) for p in parts if p)


class ArticleKind(models.TextChoices):
    NEWS = "news", _("消息")
    FEATURE = "feature", _("通讯")
    PHOTO = "photo", _("图片")


class InFirstRows(models.Func):
    """``pk IN (a small subquery)``, e.g. one page of ids, as a filter condition that
    PostgreSQL plans as ``pk = ANY(ARRAY(subquery))``: the subquery runs once, first
    (an InitPlan), and the rows are fetched by primary key. As a plain ``IN`` it was a
    semi-join PostgreSQL hashed against every row of the joined table: a region page's
    25 articles took 230 ms at 100,000 articles, 8 ms this way (issue 9.3). Other
    databases get the plain ``IN``."""

    arg_joiner = " IN "
    template = "%(expressions)s"
    output_field = models.BooleanField()
    conditional = True

    def __init__(self, subquery: models.QuerySet):
        ids = models.Subquery(subquery)
        ids.empty_result_set_value = NotImplemented  # an empty page matches nothing
        super().__init__(models.F("pk"), ids)

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            arg_joiner=" = ANY(ARRAY",
            template="%(expressions)s)",
            **extra_context,
        )


class ArticleQuerySet(models.QuerySet):
    """Reads the article pages need (filters, search, facets).

    Filters return querysets and chain; the ``*_counts`` methods run one aggregate query
    each and ignore the queryset's ordering (a GROUP BY must not include the sort keys).
    """

    def with_related(self) -> ArticleQuerySet:
        """Join what a list row shows: the region with two ancestors (for its path),
        the topic and the source page with its publication. One query, however many rows."""
        return self.select_related("region__parent__parent", "topic", "page__publication")

    def among(self, ids: models.QuerySet) -> ArticleQuerySet:
        """Articles whose id ``ids`` (a queryset of a few ids, such as a page's
        ``values("pk")``) gives, read by primary key on both databases (``InFirstRows``)."""
        return self.filter(InFirstRows(ids))

    def with_metrics(self) -> ArticleQuerySet:
        """Prefetch the metrics a reader sees (not rejected), with their indicators and
        their own regions, into ``article.metrics.all()``: one extra query for the whole
        queryset."""
        return self.prefetch_related(
            models.Prefetch(
                "metrics",
                queryset=Metric.objects.shown()
                .select_related("indicator", "region")
                .order_by("position", "pk"),
            )
        )

    def list_rows(self) -> ArticleQuerySet:
        """Join what a row of the article list shows (``templatetags/rows.article_rows``)
        and read only the columns it shows: headline, body (the title of a photo, the
        snippet of a search), kind, date, the region's adcode and names, the topic, the
        page's publication name. Not the page's raw text (kilobytes) nor the other
        columns (a quarter of the CPU time of a page of rows on PostgreSQL). One query,
        however many rows; reading another field of a row costs a query (the list's
        pinned query counts catch that)."""
        return self.select_related("region", "topic", "page__publication").only(
            "kind",
            "title",
            "title_prefix",
            "subtitle",
            "body",
            "published",
            "region__adcode",
            "region__name",
            "region__name_en",
            "topic__slug",
            "topic__name_zh",
            "topic__name_en",
            "page__publication__name",
        )

    def in_region(self, adcode: str) -> ArticleQuerySet:
        """Articles located in the region with this adcode or any division below it.

        Uses the GB/T 2260 prefix rule (see ``adcode_prefix``) on the small Region table,
        as a subquery, so the article side is an indexed ``region_id IN (...)``. Raises
        ValueError for a malformed adcode; an unknown but well-formed one matches nothing.
        """
        return self.filter(region__in=Region.objects.descendants_of(adcode).values("pk"))

    def search(self, q: str) -> ArticleQuerySet:
        """Articles whose headline (title, prefix, subtitle) or body contains every term
        of ``q``, in Simplified or Traditional characters (昭化区 also finds 昭化區), spaces
        between Chinese characters ignored: on the search index (``articles.search``), one
        statement. A query without letters or digits filters nothing."""
        from .search import id_filter, matches, query_runs

        if not query_runs(q):
            return self
        return self.filter(pk__in=id_filter(matches(q).ids))

    def region_counts(self) -> dict[str, int]:
        """``{adcode: number of articles}`` for every region that has articles here
        (articles with no region are left out). One GROUP BY query."""
        rows = (
            self.order_by()
            .filter(region__isnull=False)
            .values_list("region__adcode")
            .annotate(n=models.Count("pk"))
        )
        return dict(rows)

    def topic_counts(self) -> list[dict]:
        """``[{"topic__slug", "topic__name_zh", "topic__name_en", "n"}]``, most first."""
        return list(
            self.order_by()
            .filter(topic__isnull=False)
            .values("topic__slug", "topic__name_zh", "topic__name_en")
            .annotate(n=models.Count("pk"))
            .order_by("-n", "topic__slug")
        )

    def kind_counts(self) -> list[dict]:
        """``[{"kind", "n"}]``, most first."""
        return list(
            self.order_by().values("kind").annotate(n=models.Count("pk")).order_by("-n", "kind")
        )

    def year_counts(self) -> list[dict]:
        """``[{"year", "n"}]`` by year of ``published``, newest first (undated left out)."""
        return list(
            self.order_by()
            .filter(published__isnull=False)
            .annotate(year=models.functions.ExtractYear("published"))
            .values("year")
            .annotate(n=models.Count("pk"))
            .order_by("-year")
        )

    def in_publication(self, name: str) -> ArticleQuerySet:
        """Articles printed (first, or as a reprint: ``Appearance``) in a publication whose
        name contains ``name`` (case-insensitive). A subquery, so no article is listed
        twice however many times it was printed."""
        reprinted = Appearance.objects.filter(page__publication__name__icontains=name)
        return self.filter(
            Q(page__publication__name__icontains=name) | Q(pk__in=reprinted.values("article_id"))
        )

    def source_counts(self) -> list[dict]:
        """``[{"publication": name, "n": articles}]``, most first: articles per publication
        that printed them. An article counts once in its first publication and once in each
        other publication that reprinted it. One query (two GROUP BYs in a UNION ALL)."""
        ids = self.order_by().values("pk")
        # grouped on this queryset itself, not ``pk IN (this queryset)``: SQLite read every
        # id into a list first (80 ms at 10,000 articles against 2 ms)
        first = (
            self.order_by()
            .filter(page__publication__isnull=False)
            .values_list("page__publication__name")
            .annotate(n=models.Count("pk"))
        )
        reprints = (
            Appearance.objects.filter(article__in=ids, page__publication__isnull=False)
            .exclude(page__publication=models.F("article__page__publication"))
            .order_by()
            .values_list("page__publication__name")
            .annotate(n=models.Count("article_id", distinct=True))
        )
        counts: dict[str, int] = {}
        for name, n in first.union(reprints, all=True):  # one statement: UNION ALL
            counts[name] = counts.get(name, 0) + n
        rows = [{"publication": name, "n": n} for name, n in counts.items()]
        return sorted(rows, key=lambda row: (-row["n"], row["publication"]))


#: ``Article._loaded_published`` of an article whose stored date is not known.
_UNKNOWN = object()


class Article(models.Model):
    """One item of a page: a news report, a feature or a photo with its caption."""

    page = models.ForeignKey(
        SourcePage,
        verbose_name=pgettext_lazy("verbose name", "版面"),
        on_delete=models.CASCADE,
        related_name="articles",
    )
    position = models.PositiveIntegerField(pgettext_lazy("verbose name", "版内序号"))
    kind = models.CharField(
        pgettext_lazy("verbose name", "体裁"),
        max_length=10,
        choices=ArticleKind.choices,
        default=ArticleKind.NEWS,
        db_index=True,
    )
    title = models.CharField(pgettext_lazy("verbose name", "标题"), max_length=255, blank=True)
    title_prefix = models.CharField(
        pgettext_lazy("verbose name", "引题"), max_length=128, blank=True
    )
    subtitle = models.CharField(pgettext_lazy("verbose name", "副题"), max_length=255, blank=True)
    byline = models.CharField(pgettext_lazy("verbose name", "作者"), max_length=128, blank=True)
    body = models.TextField(pgettext_lazy("verbose name", "正文"))
    region = models.ForeignKey(
        Region,
        verbose_name=pgettext_lazy("verbose name", "地区"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="articles",
    )
    regions_mentioned = models.ManyToManyField(
        Region,
        verbose_name=pgettext_lazy("verbose name", "提及地区"),
        blank=True,
        related_name="mentioned_in",
    )
    topic = models.ForeignKey(
        Topic,
        verbose_name=pgettext_lazy("verbose name", "主题"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    published = models.DateField(
        pgettext_lazy("verbose name", "发表日期"), null=True, blank=True, db_index=True
    )
    event_date = models.DateField(pgettext_lazy("verbose name", "事件日期"), null=True, blank=True)
    url = models.URLField(pgettext_lazy("verbose name", "原文链接"), blank=True)
    body_sha256 = models.CharField(
        pgettext_lazy("verbose name", "正文指纹"),
        max_length=64,
        blank=True,
        db_index=True,
        editable=False,
        help_text=_("规范化正文的SHA-256，用于识别重复文章。"),
    )

    edited_by_hand = models.BooleanField(
        pgettext_lazy("verbose name", "人工修改过"),
        default=False,
        help_text=_("在后台修改文章时自动设置；重新导入同一版面时不再覆盖这篇文章。"),
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        # Total and the same on every database: newest first, undated last, then newest id
        # (PostgreSQL sorts NULLs first in DESC order and SQLite last, unless told).
        ordering = [models.F("published").desc(nulls_last=True), "-id"]
        verbose_name = pgettext_lazy("verbose name", "文章")
        verbose_name_plural = pgettext_lazy("verbose name plural", "文章")
        constraints = [
            models.UniqueConstraint(fields=["page", "position"], name="article_unique_position"),
        ]
        indexes = [
            models.Index(fields=["region", "-published"], name="article_region_published"),
            models.Index(fields=["topic", "-published"], name="article_topic_published"),
            # Every column the list's facets group by (``selectors.facet_counts``): they
            # are read from this index alone. Without it SQLite walks each body's
            # overflow pages to reach the columns stored after it (3x slower).
            models.Index(
                fields=["region", "topic", "kind", "published", "page"], name="article_facets"
            ),
        ]
        # Also ``article_default_order`` (published DESC NULLS LAST, id DESC), made by
        # migration 0009 per database: SQLite cannot say NULLS LAST in an index.

    def __str__(self) -> str:
        return self.display_title

    def save(self, *args, **kwargs):
        """Save, and when ``published`` changed (an admin edit, a re-ingest of a page with
        another date) copy it onto every metric of the article (``Metric.published``) in
        the caller's transaction and recompute the compare winners of its metrics'
        (indicator, region) pairs (``compare_winners.touch``); none of it otherwise. An article not loaded from
        the database (a new one, or built with a known pk) is treated as changed."""
        adding = self._state.adding
        fields = kwargs.get("update_fields")
        super().save(*args, **kwargs)
        if adding or (fields is not None and "published" not in fields):
            self._loaded_published = self.published
            return
        if getattr(self, "_loaded_published", _UNKNOWN) != self.published:
            from .compare_winners import touch

            self.metrics.update(published=self.published)
            # a new date may change which value of each of its regions wins
            touch(self.metrics.order_by().values_list("indicator_id", "region_id").distinct())
        self._loaded_published = self.published

    def get_absolute_url(self) -> str:
        return reverse("articles:detail", args=[self.pk])

    @property
    def display_title(self) -> str:
        """Title for lists: the headline, else the caption's first words for photos."""
        if self.title:
            return self.title
        return (self.body[:30] + "…") if len(self.body) > 30 else self.body

    @classmethod
    def from_db(cls, db, field_names, values):
        """Remember the date an article was loaded with: ``save`` copies a new one onto
        its metrics (``Metric.published``)."""
        instance = super().from_db(db, field_names, values)
        instance._loaded_published = instance.__dict__.get("published", _UNKNOWN)
        return instance


class AppearanceMatch(models.TextChoices):
    FIRST = "first", _("首次刊登")
    SAME = "same", _("相同正文")
    NEAR = "near", _("近似转载")


class Appearance(models.Model):
    """An article printed on a page: its first printing and every reprint.

    An article is stored once (``Article.page`` is the page it was first read from); each
    later page that prints the same body (``match=same``) or a near duplicate of it
    (``match=near``, rule in ``articles.ingest.fingerprint``) adds an Appearance instead
    of a second Article, so counts, facets, compare and exports count it once. The
    publication, date and page label are the page's; ``url`` is where this printing is
    online, when known.
    """

    article = models.ForeignKey(
        "Article",
        verbose_name=pgettext_lazy("verbose name", "文章"),
        on_delete=models.CASCADE,
        related_name="appearances",
    )
    page = models.ForeignKey(
        SourcePage,
        verbose_name=pgettext_lazy("verbose name", "版面"),
        on_delete=models.CASCADE,
        related_name="appearances",
    )
    position = models.PositiveIntegerField(pgettext_lazy("verbose name", "版内序号"))
    match = models.CharField(
        pgettext_lazy("verbose name", "匹配方式"),
        max_length=8,
        choices=AppearanceMatch.choices,
        default=AppearanceMatch.FIRST,
    )
    similarity = models.DecimalField(
        pgettext_lazy("verbose name", "相似度"),
        max_digits=4,
        decimal_places=3,
        null=True,
        blank=True,
        help_text=_("近似转载时，较短正文的5字片段出现在较长正文中的比例。"),
    )
    url = models.URLField(pgettext_lazy("verbose name", "原文链接"), max_length=500, blank=True)

    class Meta:
        ordering = ["page", "position"]
        verbose_name = pgettext_lazy("verbose name", "刊登")
        verbose_name_plural = pgettext_lazy("verbose name plural", "刊登")
        constraints = [
            models.UniqueConstraint(fields=["page", "position"], name="appearance_unique_position"),
        ]

    def __str__(self) -> str:
        return f"{self.page} #{self.position}"


class ArticleFingerprint(models.Model):
    """One locality-sensitive band key of an article body (``fingerprint.band_keys``):
    articles sharing a key are near-duplicate candidates, found by an indexed lookup
    instead of a scan of every body."""

    article = models.ForeignKey("Article", on_delete=models.CASCADE, related_name="fingerprints")
    key = models.BigIntegerField(pgettext_lazy("verbose name", "指纹"))

    class Meta:
        ordering = ["article", "key"]
        indexes = [
            # the first articles with a key, in id order (``dedupe._first_articles_per_key``)
            models.Index(fields=["key", "article"], name="fingerprint_key_article"),
        ]
        verbose_name = pgettext_lazy("verbose name", "正文指纹")
        verbose_name_plural = pgettext_lazy("verbose name plural", "正文指纹")

    def __str__(self) -> str:
        return f"{self.article_id}: {self.key}"


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
        return list(
            IndicatorCoverage.objects.filter(metrics__gt=0)
            .order_by("-regions", "indicator__slug")
            .values(
                "regions",
                "metrics",
                slug=models.F("indicator__slug"),
                name_zh=models.F("indicator__name_zh"),
                name_en=models.F("indicator__name_en"),
                unit=models.F("indicator__unit"),
            )
        )

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
    )
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=pgettext_lazy("verbose name", "指标"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="metrics",
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
        indexes = [
            models.Index(fields=["indicator", "region"], name="metric_indicator_region"),
            # A region page counts the shown metrics of each division below it from this
            # index alone (no table read): 30,000 metrics of a province (issue 9.3).
            models.Index(fields=["region", "status"], name="metric_region_status"),
            # Observed metrics only (what compare and the coverage count read): the
            # coverage aggregate is answered from this index alone.
            models.Index(
                fields=["indicator", "region"],
                name="metric_observed_coverage",
                condition=~Q(status="rejected") & Q(target=False),
            ),
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


class ReviewAction(models.TextChoices):
    APPROVE = "approve", _("确认")
    REJECT = "reject", _("驳回")
    CORRECT = "correct", _("更正")
    ADD = "add", _("添加")


class MetricReview(models.Model):
    """One review decision on a metric: who, when, which action, what changed and a note.

    ``changes`` maps a field name to ``[old, new]`` as text (``status`` always among
    them when it moved), so the first review of a corrected metric keeps the values the
    machine extracted. Written by ``articles.review``; never edited.
    """

    metric = models.ForeignKey(
        "Metric",
        verbose_name=pgettext_lazy("verbose name", "指标值"),
        on_delete=models.CASCADE,
        related_name="reviews",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("verbose name", "审核人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(pgettext_lazy("verbose name", "审核时间"), auto_now_add=True)
    action = models.CharField(
        pgettext_lazy("verbose name", "操作"), max_length=8, choices=ReviewAction.choices
    )
    changes = models.JSONField(pgettext_lazy("verbose name", "改动"), default=dict, blank=True)
    note = models.TextField(pgettext_lazy("verbose name", "备注"), blank=True)

    class Meta:
        ordering = ["metric", "at", "pk"]
        verbose_name = pgettext_lazy("verbose name", "审核记录")
        verbose_name_plural = pgettext_lazy("verbose name plural", "审核记录")

    def __str__(self) -> str:
        return f"{self.metric_id} {self.action} {self.at:%Y-%m-%d %H:%M}"


class IngestRunStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("进行中")
    DONE = "done", _("已完成")
    DONE_WITH_ERRORS = "refused", _("完成（有拒收）")


class IngestRun(models.Model):
    """One ``manage.py ingest`` (or admin upload) over any number of pages.

    Counts are of pages (``pages_stored`` new, ``pages_updated``, ``pages_unchanged``,
    ``pages_refused``) and of articles (``articles_created``, ``articles_duplicate``:
    appearances of an article already stored). ``errors`` is a list of
    ``{"file": name, "reason": text}`` for the refused pages. Workers update a run with
    ``services.runs.record_page``, which locks the row, so concurrent workers never lose
    a count; the run is finished when every page is accounted for.
    """

    started_by = models.CharField(pgettext_lazy("verbose name", "发起人"), max_length=150)
    started_at = models.DateTimeField(pgettext_lazy("verbose name", "开始时间"), auto_now_add=True)
    finished_at = models.DateTimeField(
        pgettext_lazy("verbose name", "结束时间"), null=True, blank=True
    )
    status = models.CharField(
        pgettext_lazy("verbose name", "状态"),
        max_length=8,
        choices=IngestRunStatus.choices,
        default=IngestRunStatus.RUNNING,
        db_index=True,
    )
    queued = models.BooleanField(pgettext_lazy("verbose name", "经队列"), default=False)
    options = models.JSONField(pgettext_lazy("verbose name", "选项"), default=dict, blank=True)
    pages_total = models.PositiveIntegerField(pgettext_lazy("verbose name", "版面总数"), default=0)
    pages_stored = models.PositiveIntegerField(pgettext_lazy("verbose name", "新存版面"), default=0)
    pages_updated = models.PositiveIntegerField(
        pgettext_lazy("verbose name", "更新版面"), default=0
    )
    pages_unchanged = models.PositiveIntegerField(
        pgettext_lazy("verbose name", "未变版面"), default=0
    )
    pages_refused = models.PositiveIntegerField(
        pgettext_lazy("verbose name", "拒收版面"), default=0
    )
    articles_created = models.PositiveIntegerField(
        pgettext_lazy("verbose name", "新文章"), default=0
    )
    articles_duplicate = models.PositiveIntegerField(
        pgettext_lazy("verbose name", "重复文章"), default=0
    )
    errors = models.JSONField(pgettext_lazy("verbose name", "错误"), default=list, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = pgettext_lazy("verbose name", "导入批次")
        verbose_name_plural = pgettext_lazy("verbose name plural", "导入批次")

    def __str__(self) -> str:
        return f"#{self.pk} {self.started_by} {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def pages_done(self) -> int:
        """Pages accounted for so far (stored, updated, unchanged or refused)."""
        return self.pages_stored + self.pages_updated + self.pages_unchanged + self.pages_refused

    @property
    def progress(self) -> int:
        """Percent of ``pages_total`` done (0..100; 100 for an empty run)."""
        if not self.pages_total:
            return 100
        return min(100, round(100 * self.pages_done / self.pages_total))


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

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["indicator", "region"], name="comparewinner_pair")
        ]

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
