"""Where articles come from: publications and their pages."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .reference import Region


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
