"""Articles, their appearances on pages (reprints) and their fingerprints for near-duplicate detection."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .reference import Region, Topic
from .sources import SourcePage


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
        from .metric import Metric  # metric.py imports this module

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
        from ..search import id_filter, matches, query_runs

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

    def reprints(self) -> models.QuerySet:
        """``(publication name, articles)`` rows: how many of these articles each
        publication reprinted (a printing, ``Appearance``, in another publication than
        the article's first page's), each article once per publication."""
        return (
            Appearance.objects.filter(
                article__in=self.order_by().values("pk"), page__publication__isnull=False
            )
            .exclude(page__publication=models.F("article__page__publication"))
            .order_by()
            .values_list("page__publication__name")
            .annotate(n=models.Count("article_id", distinct=True))
        )

    def source_counts(self) -> list[dict]:
        """``[{"publication": name, "n": articles}]``, most first: articles per publication
        that printed them. An article counts once in its first publication and once in each
        other publication that reprinted it. One query (two GROUP BYs in a UNION ALL)."""
        # grouped on this queryset itself, not ``pk IN (this queryset)``: SQLite read every
        # id into a list first (80 ms at 10,000 articles against 2 ms)
        first = (
            self.order_by()
            .filter(page__publication__isnull=False)
            .values_list("page__publication__name")
            .annotate(n=models.Count("pk"))
        )
        counts: dict[str, int] = {}
        for name, n in first.union(self.reprints(), all=True):  # one statement: UNION ALL
            counts[name] = counts.get(name, 0) + n
        rows = [{"publication": name, "n": n} for name, n in counts.items()]
        return sorted(rows, key=lambda row: (-row["n"], row["publication"]))


#: ``Article._loaded_published`` of an article whose stored date is not known.
_UNKNOWN = object()


#: The years an issue date may have: the People's Republic's papers (1949 on) up to a
#: bound no real page passes. The year filter accepts exactly these, ingest refuses a
#: ``--date`` or an upload's date outside them, and the year facet lists no other.
EARLIEST_YEAR, LATEST_YEAR = 1949, 2100


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
            from ..compare_winners import touch

            self.metrics.update(published=self.published)
            # a new date may change which value of each of its regions wins
            touch(self.metrics.order_by().values_list("indicator_id", "region_id").distinct())
        self._loaded_published = self.published

    def get_absolute_url(self) -> str:
        return reverse("articles:detail", args=[self.pk])

    @property
    def display_title(self) -> str:
        """Title for lists: the headline, else the caption's first words for photos
        (``text.shown_title``, which the exports use too)."""
        if self.title:  # the body is not read (lists defer it)
            return self.title
        from ..text import shown_title

        return shown_title(self.title, self.body)

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
