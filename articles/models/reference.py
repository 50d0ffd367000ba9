"""Reference data: regions (GB/T 2260 adcodes) with their 2020 census population, topics and indicators."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _


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
        from ..formatting import active_lang

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
    #: ``name_zh`` in pinyin with tones (``names.pinyin_sort_key``: 'di1 bao3'), kept by
    #: ``save`` and by ``reference.sync_reference_data``: SQL orders Chinese names by it
    #: (a region page's indicators) as Python orders them elsewhere (the compare picker).
    pinyin_key = models.CharField(
        pgettext_lazy("verbose name", "拼音排序键"), max_length=255, blank=True, editable=False
    )

    objects = SlugManager()

    class Meta:
        ordering = ["slug"]
        verbose_name = pgettext_lazy("verbose name", "指标")
        verbose_name_plural = pgettext_lazy("verbose name plural", "指标")

    def __str__(self) -> str:
        """'志愿服务队伍 (支)' / 'Volunteer teams (count)': the unit in the active
        language (the admin's pickers; an English reader saw '(件)')."""
        from ..formatting import unit_name  # formatting imports no model; kept lazy

        return f"{self.name} ({unit_name(self.unit)})"

    def save(self, *args, **kwargs):
        """Saves with ``pinyin_key`` made from ``name_zh`` (also when ``update_fields``
        names ``name_zh``)."""
        from ..names import pinyin_key  # names imports no model; kept lazy

        self.pinyin_key = pinyin_key(self.name_zh)
        fields = kwargs.get("update_fields")
        if fields is not None and "name_zh" in fields:
            kwargs["update_fields"] = {*fields, "pinyin_key"}
        super().save(*args, **kwargs)

    @property
    def name(self) -> str:
        """The name in the active language (English for 'en', Chinese otherwise)."""
        return self.name_en if (get_language() or "").startswith("en") else self.name_zh

    def natural_key(self) -> tuple[str]:
        return (self.slug,)
