"""Django admin: data entry for every model and the metric review queue.

Region foreign keys use autocomplete (3,390 regions would make a giant <select>), so
``RegionAdmin.search_fields`` must stay. The review queue is the Metric changelist
filtered by status, with "approve"/"reject" actions; a metric's evidence is shown as the
text it points at. Staff-only, as Django's admin is by default.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import Count, QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from . import admin_runs  # noqa: F401  (registers IngestRunAdmin)
from .admin_guard import GuardedModelAdmin
from .formatting import plain_decimal
from .forms import fold_umlaut
from .models import (
    Article,
    Indicator,
    Metric,
    MetricStatus,
    Population,
    Publication,
    Region,
    ReviewAction,
    SourcePage,
    Topic,
)
from .review import decide_all
from .templatetags.highlight import metric_value


@admin.register(Region)
class RegionAdmin(GuardedModelAdmin):
    """Regions, searched (here and in every region picker of the admin: a metric's or an
    article's region) by adcode, Chinese name or English name: 'wangcang' finds 旺苍县,
    and 'lvliang' or 'luliang' 吕梁市 (Lüliang City), as the public pages' region filter
    reads them (``forms.fold_umlaut``)."""

    list_display = ["adcode", "name", "short_name", "name_en", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["adcode", "name", "short_name", "name_en"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]
    ordering = ["adcode"]

    def get_search_results(self, request, queryset, search_term):
        """Django's search, plus the regions whose English name has a ü that the term,
        typed without it (v or u, a keyboard has no ü), is part of."""
        results, duplicates = super().get_search_results(request, queryset, search_term)
        term = fold_umlaut(search_term.strip())
        if term and search_term.isascii() and "u" in term:
            umlauts = queryset.filter(
                models.Q(name_en__contains="ü") | models.Q(name_en__contains="Ü")
            )
            folded = [
                pk for pk, name in umlauts.values_list("pk", "name_en") if term in fold_umlaut(name)
            ]
            if folded:
                results = results | queryset.filter(pk__in=folded)
        return results, duplicates

    readonly_fields = ["public_page"]

    @admin.display(description=_("公开页面"))
    def public_page(self, obj: Region) -> str:
        if not obj.pk:
            return ""
        url = obj.get_absolute_url()
        return format_html('<a href="{}">{}</a>', url, url)


@admin.register(Population)
class PopulationAdmin(GuardedModelAdmin):
    list_display = ["region", "year", "residents", "source"]
    list_filter = ["year", "region__level"]
    search_fields = ["region__name", "region__adcode"]
    list_select_related = ["region"]
    autocomplete_fields = ["region"]


class EditedByHandMixin:
    """Mark a reference row saved in the admin as ``edited_by_hand``, so that
    ``load_reference_data`` keeps the edit instead of the fixture's version."""

    def save_model(self, request, obj, form, change):
        if form.has_changed():
            obj.edited_by_hand = True
        super().save_model(request, obj, form, change)


@admin.register(Topic)
class TopicAdmin(EditedByHandMixin, GuardedModelAdmin):
    list_display = ["slug", "name_zh", "name_en", "article_count", "edited_by_hand"]
    search_fields = ["slug", "name_zh", "name_en"]
    # explicit: Meta.ordering is dropped from aggregate queries, and the autocomplete pages
    ordering = ["slug"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Topic]:
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(description=_("文章数"), ordering="article_count")
    def article_count(self, obj: Topic) -> int:
        return obj.article_count


@admin.register(Indicator)
class IndicatorAdmin(EditedByHandMixin, GuardedModelAdmin):
    list_display = ["slug", "name_zh", "name_en", "unit", "kind", "topic", "edited_by_hand"]
    list_filter = ["topic", "kind", "unit", "edited_by_hand"]
    search_fields = ["slug", "name_zh", "name_en"]
    list_select_related = ["topic"]
    autocomplete_fields = ["topic"]


@admin.register(SourcePage)
class SourcePageAdmin(GuardedModelAdmin):
    """Pages are written by the ingest; the raw text is kept read-only as the record of
    what was ingested (its SHA-256 is the page's natural key)."""

    list_display = [
        "__str__",
        "publication",
        "issue_date",
        "page_label",
        "home_region",
        "ingested_at",
    ]
    list_filter = ["publication", "issue_date"]
    search_fields = ["publication__name", "page_label", "filename", "sha256"]
    date_hierarchy = "issue_date"
    list_select_related = ["home_region", "publication"]
    autocomplete_fields = ["home_region", "publication"]
    readonly_fields = ["raw_text", "sha256", "ingested_at"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    actions = ["reextract"]

    @admin.action(description=_("用当前指标目录重新抽取所选版面"), permissions=["change"])
    def reextract(self, request: HttpRequest, queryset: QuerySet[SourcePage]) -> None:
        """``services.reextract`` on the selected pages; reviewed metrics are kept."""
        from .services.ingest import IngestError
        from .services.reextract import reextract_pages

        try:
            report = reextract_pages(queryset.select_related("publication", "home_region"))
        except IngestError as error:
            self.message_user(request, str(error), messages.ERROR)
            return
        self.message_user(
            request,
            _(
                "已重新抽取 %(pages)s 个版面：新写入 %(created)s 条、删除 %(deleted)s 条待审核指标值，"
                "%(kept)s 条已审核的保持不变。"
            )
            % {
                "pages": report.pages,
                "created": report.metrics_created,
                "deleted": report.metrics_deleted,
                "kept": report.reviewed_kept,
            },
            messages.SUCCESS,
        )

    def get_urls(self):
        """Adds ``upload/`` (``admin:articles_sourcepage_upload``): add a page with a
        preview first (``articles.upload``)."""
        from django.urls import path

        from .upload import upload_view

        view = self.admin_site.admin_view(lambda request: upload_view(request, self.admin_site))
        return [path("upload/", view, name="articles_sourcepage_upload"), *super().get_urls()]


@admin.register(Publication)
class PublicationAdmin(GuardedModelAdmin):
    """Publications are created by ``ingest --publication`` on first use; staff set their
    kind, home region and site here."""

    list_display = ["name", "kind", "home_region", "site_url", "page_count"]
    list_filter = ["kind"]
    search_fields = ["name"]
    list_select_related = ["home_region"]
    autocomplete_fields = ["home_region"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Publication]:
        return super().get_queryset(request).annotate(page_count=Count("pages"))

    @admin.display(description=_("版面数"), ordering="page_count")
    def page_count(self, obj: Publication) -> int:
        return obj.page_count


class MetricInlineFormSet(BaseInlineFormSet):
    """Checks evidence offsets against the article's body as submitted in the same form,
    so an article being added (no saved body yet) is checked too (``Metric.clean`` covers
    metrics edited on their own)."""

    def clean(self):
        super().clean()
        length = len(self.instance.body or "")
        for form in self.forms:
            if not form.has_changed() or self._should_delete_form(form):
                continue
            end = form.cleaned_data.get("evidence_end")
            if end is not None and end > length:
                form.add_error(
                    "evidence_end",
                    _("证据终点超出正文长度（%(n)s个字）。") % {"n": length},
                )


class MetricInlineForm(forms.ModelForm):
    """An inline metric row: offsets and position travel as hidden inputs (never shown
    or typed: new metrics come from ``admin:articles_metric_add_span``), numbers are
    shown as plain text (5000, not 5000.0000)."""

    class Meta:
        model = Metric
        fields = ["indicator", "value", "unit", "bound", "target", "status"]
        widgets = {
            "value": forms.TextInput(attrs={"size": 10, "inputmode": "decimal"}),
            "unit": forms.TextInput(attrs={"size": 5}),
        }

    position = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)
    evidence_start = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    evidence_end = forms.IntegerField(min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["value"] = plain_decimal(self.instance.value)
            self.initial.update(
                position=self.instance.position,
                evidence_start=self.instance.evidence_start,
                evidence_end=self.instance.evidence_end,
            )

    def save(self, commit=True):
        for name in ("evidence_start", "evidence_end", "position"):
            value = self.cleaned_data.get(name)
            if value is not None:
                setattr(self.instance, name, value)
        return super().save(commit)


class MetricInline(admin.TabularInline):
    """The article's metrics, one compact row each: the evidence in its sentence, the
    value as the text writes it, and what a reviewer may change (offsets hidden)."""

    model = Metric
    form = MetricInlineForm
    formset = MetricInlineFormSet
    extra = 0
    fields = [
        "evidence_text",
        "value_as_written",
        "indicator",
        "value",
        "unit",
        "bound",
        "target",
        "status",
        "position",
        "evidence_start",
        "evidence_end",
    ]
    readonly_fields = ["evidence_text", "value_as_written"]
    autocomplete_fields = ["indicator"]
    show_change_link = True

    def get_queryset(self, request: HttpRequest) -> QuerySet[Metric]:
        return super().get_queryset(request).select_related("article", "indicator")

    @admin.display(description=_("证据"))
    def evidence_text(self, obj: Metric) -> str:
        """The sentence with the evidence in ``<mark>`` (escaped piece by piece)."""
        if not obj.pk:
            return ""
        body = obj.article.body
        return format_html(
            '<span class="inline-evidence">{}<mark>{}</mark>{}</span>',
            body[obj.sentence_start : obj.evidence_start],
            body[obj.evidence_start : obj.evidence_end],
            body[obj.evidence_end : obj.sentence_end],
        )

    @admin.display(description=_("原文数值"))
    def value_as_written(self, obj: Metric) -> str:
        return metric_value(obj) if obj.pk else ""


@admin.register(Article)
class ArticleAdmin(GuardedModelAdmin):
    list_display = ["display_title", "region", "topic", "kind", "published", "metric_count", "page"]
    list_filter = [
        "kind",
        "topic",
        "published",
        "region__level",
        "page__publication",
        "edited_by_hand",
    ]
    search_fields = ["title", "subtitle", "body", "region__name", "region__adcode"]
    date_hierarchy = "published"
    list_select_related = ["region", "topic", "page"]

    def save_model(self, request, obj, form, change):
        """Mark a changed article as edited by hand, so a re-ingest keeps the edit."""
        if change and form.has_changed():
            obj.edited_by_hand = True
        super().save_model(request, obj, form, change)

    # Source links are https nowadays; also what Django 6 will assume.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    autocomplete_fields = ["region", "topic", "regions_mentioned"]
    raw_id_fields = ["page"]
    inlines = [MetricInline]

    class Media:
        # the metric rows' evidence (css/admin-values.css, for the rows fitting 1,280 px
        # and their bound signs, comes with every GuardedModelAdmin)
        css = {"all": ["css/review.css"]}

    readonly_fields = ["printed_in", "review_link"]

    @admin.display(description=_("审核"))
    def review_link(self, obj: Article) -> str:
        """A link to walk this article's metrics in the review queue, in reading order."""
        if not obj.pk:
            return ""
        url = reverse("admin:articles_metric_review") + f"?status=all&article={obj.pk}"
        add = reverse("admin:articles_metric_add_span", args=[obj.pk])
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            url,
            _("逐条审核本文的指标值"),
            add,
            _("从原文添加指标值"),
        )

    @admin.display(description=pgettext_lazy("verbose name plural", "刊登"))
    def printed_in(self, obj: Article) -> str:
        """Every page that printed the article (first printing and reprints), one line
        each, read-only: appearances are written by the ingest."""
        if not obj.pk:
            return ""
        rows = obj.appearances.select_related("page__publication").order_by("pk")
        return format_html_join(
            mark_safe("<br>"),  # a constant separator
            "{} #{} ({})",
            ((str(a.page), a.position, a.get_match_display()) for a in rows),
        )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        return super().get_queryset(request).annotate(metric_count=Count("metrics"))

    @admin.display(description=_("标题"), ordering="title")
    def display_title(self, obj: Article) -> str:
        return obj.display_title

    @admin.display(description=_("指标数"), ordering="metric_count")
    def metric_count(self, obj: Article) -> int:
        return obj.metric_count


@admin.register(Metric)
class MetricAdmin(GuardedModelAdmin):
    """The review queue: filter by status (待审核 = extracted), check each value against
    its evidence, then approve or reject the selected metrics."""

    # No "approx" column: the value shows its ≥/≤/≈ sign (``value_display``), and the
    # filter stays. Nine columns beside the filters needed a sideways scroll at 1280 px.
    list_display = [
        "label",
        "indicator",
        "value_display",
        "target",
        "region",
        "status",
        "evidence_text",
        "article_link",
    ]
    list_filter = [
        "status",
        "approx",
        "target",
        "indicator__topic",
        "indicator",
        "extractor_version",
    ]
    search_fields = ["label", "article__title", "region__name", "region__adcode", "indicator__slug"]
    list_select_related = ["indicator", "region", "article"]
    autocomplete_fields = ["indicator", "region"]
    raw_id_fields = ["article"]
    readonly_fields = ["evidence_text", "review_history"]
    actions = ["approve", "reject"]

    @admin.display(description=_("审核记录"))
    def review_history(self, obj: Metric) -> str:
        """Every decision on the metric, oldest first: when, who, action, old → new, note."""
        if not obj.pk:
            return ""
        rows = obj.reviews.select_related("reviewer")
        return format_html_join(
            mark_safe("<br>"),  # a constant separator
            "{} {} {} {} {}",
            (
                (
                    r.when(),  # local time and zone, as the review queue shows it
                    r.reviewer or "—",
                    r.get_action_display(),
                    "; ".join(f"{k}: {old} → {new}" for k, old, new in r.change_items()),
                    r.note,
                )
                for r in rows
            ),
        ) or _("尚未审核")

    @admin.display(description=_("证据"))
    def evidence_text(self, obj: Metric) -> str:
        return obj.evidence if obj.pk else ""

    @admin.display(description=pgettext_lazy("verbose name", "数值"), ordering="value")
    def value_display(self, obj: Metric) -> str:
        """The value as the pages show it (≥5.11万人 style), not 51104.0000."""
        return metric_value(obj)

    @admin.display(
        description=pgettext_lazy("table column, one article", "文章"), ordering="article"
    )
    def article_link(self, obj: Metric) -> str:
        url = f"{obj.article.get_absolute_url()}#m-{obj.pk}"
        return format_html('<a href="{}">{}</a>', url, obj.article.display_title)

    def get_urls(self):
        """Adds ``review/`` (``admin:articles_metric_review``): the review queue
        (``articles.review_queue``)."""
        from django.urls import path

        from .manual_metric import add_span_view
        from .review_queue import review_view

        site = self.admin_site
        view = site.admin_view(lambda request: review_view(request, site))
        add_span = site.admin_view(lambda request, pk: add_span_view(request, site, pk))
        return [
            path("review/", view, name="articles_metric_review"),
            path("add-from-text/<int:pk>/", add_span, name="articles_metric_add_span"),
            *super().get_urls(),
        ]

    def _set_status(self, request: HttpRequest, queryset: QuerySet[Metric], status: str) -> None:
        # recorded in the history; bumps the data version (update() sends no signals)
        action = ReviewAction.APPROVE if status == MetricStatus.APPROVED else ReviewAction.REJECT
        count = decide_all(queryset, request.user, action)
        label = MetricStatus(status).label
        self.message_user(
            request,
            ngettext(
                "%(count)d 条指标值已标为“%(label)s”。",
                "%(count)d 条指标值已标为“%(label)s”。",
                count,
            )
            % {"count": count, "label": label},
            messages.SUCCESS,
        )

    @admin.action(description=_("确认所选指标值"), permissions=["change"])
    def approve(self, request: HttpRequest, queryset: QuerySet[Metric]) -> None:
        self._set_status(request, queryset, MetricStatus.APPROVED)

    @admin.action(description=_("驳回所选指标值"), permissions=["change"])
    def reject(self, request: HttpRequest, queryset: QuerySet[Metric]) -> None:
        self._set_status(request, queryset, MetricStatus.REJECTED)
