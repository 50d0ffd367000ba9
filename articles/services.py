"""Writes: the one service that stores an ingested page.

``ingest_page`` runs the pure pipeline (``articles.ingest.pipeline.parse_page``) and
stores the result in one transaction. A page's natural key is the SHA-256 of its
normalized text and an article's is (page, position), so re-ingesting the same page
changes nothing and reports every article as unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import transaction

from .cache import bump_data_version
from .ingest.normalize import sentence_span
from .ingest.pipeline import EXTRACTOR_VERSION, normalize_page_text, page_sha256, parse_page
from .ingest.types import ParsedArticle, ParsedPage, Quantity
from .models import Article, Indicator, Metric, MetricStatus, Region, SourcePage, Topic


class IngestError(ValueError):
    """The page cannot be ingested as asked (unknown home region, empty page...)."""


@dataclass
class IngestReport:
    """What one ``ingest_page`` call did.

    ``status`` is ``created`` (new page), ``updated`` (known page, something changed),
    ``unchanged`` (known page, nothing to do) or ``dry-run``. Counts are of articles and
    metrics; ``page`` is the stored SourcePage (None for a dry run); ``parsed`` is the
    pipeline's output, so callers can print it.
    """

    status: str
    parsed: ParsedPage
    page: SourcePage | None = None
    articles_created: int = 0
    articles_updated: int = 0
    articles_unchanged: int = 0
    metrics_created: int = 0
    metrics_deleted: int = 0
    page_changes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line for humans, e.g. 'created: 8 articles (8 new), 46 metrics'."""
        if self.status == "dry-run":
            n = len(self.parsed.articles)
            m = sum(len(a.quantities) for a in self.parsed.articles)
            return (
                f"dry run: would store {n} {'article' if n == 1 else 'articles'}, "
                f"{m} metrics (nothing written)"
            )
        n = len(self.parsed.articles)
        line = (
            f"{self.status}: {n} {'article' if n == 1 else 'articles'} "
            f"({self.articles_created} new, {self.articles_updated} updated, "
            f"{self.articles_unchanged} unchanged), {self.metrics_created} metrics written, "
            f"{self.metrics_deleted} removed"
        )
        if self.page_changes:
            line += "; page details changed (" + "; ".join(self.page_changes) + ")"
        return line


def ingest_page(
    *,
    text: str,
    publication: str = "",
    issue_date: date | None = None,
    page_label: str = "",
    home_region: str | None = None,
    filename: str = "",
    dry_run: bool = False,
) -> IngestReport:
    """Parse ``text`` (one decoded newspaper page) and store it, all or nothing.

    Stores a SourcePage (keyed by SHA-256 of the normalized text), its Articles (keyed by
    position) with region, regions mentioned and topic, and one Metric per quantity.
    Articles get ``published = issue_date``. On a known page, what the call leaves out
    (date, publication, page label, home region) keeps its stored value, so re-ingesting a
    file with fewer options changes nothing; a value that differs is updated and listed in
    ``report.page_changes``. Articles whose parse is unchanged are left alone; a changed
    article is updated and its unreviewed metrics replaced (approved or rejected metrics
    are kept: a reviewer's decision is not undone by a re-ingest). Raises ``IngestError``
    for an unknown ``home_region`` or a page with no items; nothing is written then.
    """
    home = None
    if home_region:
        home = Region.objects.filter(adcode=home_region).first()
        if home is None:
            raise IngestError(f"unknown home region adcode: {home_region!r}")
    known = (
        SourcePage.objects.select_related("home_region")
        .filter(sha256=page_sha256(normalize_page_text(text)))
        .first()
    )
    if known is not None:  # what this call leaves out keeps its stored value
        issue_date = issue_date or known.issue_date
        home = home or known.home_region
        publication = publication or known.publication
        page_label = page_label or known.page_label
    parsed = parse_page(text, published=issue_date, home_region=home.adcode if home else None)
    if not parsed.articles:
        raise IngestError("no articles found in the page (is it empty or not a newspaper page?)")
    if dry_run:
        return IngestReport(status="dry-run", parsed=parsed)

    with transaction.atomic():
        page = SourcePage.objects.select_for_update().filter(sha256=parsed.sha256).first()
        report = IngestReport(status="unchanged" if page else "created", parsed=parsed)
        if page is None:
            page = SourcePage.objects.create(
                sha256=parsed.sha256,
                raw_text=parsed.text,
                publication=publication,
                issue_date=issue_date,
                page_label=page_label,
                home_region=home,
                filename=filename,
            )
        else:
            report.page_changes = _update_fields(
                page,
                publication=publication,
                issue_date=issue_date,
                page_label=page_label,
                home_region=home,
            )
            if report.page_changes:
                page.save()
                report.status = "updated"
        report.page = page
        _store_articles(page, parsed, report)
        # metrics are bulk-created (no signals): invalidate cached aggregates explicitly
        transaction.on_commit(bump_data_version)
        if report.status == "unchanged" and (report.articles_created or report.articles_updated):
            report.status = "updated"
    return report


def _update_fields(obj, **values) -> list[str]:
    """Set the attributes that differ; returns ``["name: old -> new", ...]`` for them
    (empty when nothing changed; the caller saves)."""
    changes = []
    for name, value in values.items():
        old = getattr(obj, name)
        if old != value:
            setattr(obj, name, value)
            changes.append(f"{name}: {old or '-'} -> {value or '-'}")
    return changes


def _store_articles(page: SourcePage, parsed: ParsedPage, report: IngestReport) -> None:
    regions = _regions_by_adcode(parsed)
    topics = {t.slug: t for t in Topic.objects.all()}
    indicators = {i.slug: i for i in Indicator.objects.all()}
    existing = {
        a.position: a for a in page.articles.prefetch_related("metrics", "regions_mentioned")
    }
    for item in parsed.articles:
        values = {
            "kind": item.kind,
            "title": item.title,
            "title_prefix": item.title_prefix,
            "subtitle": item.subtitle,
            "byline": item.byline,
            "body": item.body,
            "region": regions.get(item.region.adcode),
            "topic": topics.get(item.topic),
            "published": page.issue_date,
            "event_date": item.event_date,
        }
        mentioned = {regions[c].pk for c in item.region.mentioned if c in regions}
        article = existing.get(item.position)
        if article is None:
            article = Article.objects.create(page=page, position=item.position, **values)
            article.regions_mentioned.set(mentioned)
            report.articles_created += 1
            _write_metrics(article, item, indicators, report)
            continue
        fields_changed = _update_fields(article, **values)
        mentions_changed = {r.pk for r in article.regions_mentioned.all()} != mentioned
        metrics_changed = _metric_keys(article.metrics.all()) != _quantity_keys(
            item, indicators
        ) or any(m.region_id != article.region_id for m in article.metrics.all())
        if not (fields_changed or mentions_changed or metrics_changed):
            report.articles_unchanged += 1
            continue
        if fields_changed:
            article.save()
        if mentions_changed:
            article.regions_mentioned.set(mentioned)
        if metrics_changed:
            deleted, _ = article.metrics.filter(status=MetricStatus.EXTRACTED).delete()
            report.metrics_deleted += deleted
            reviewed = article.metrics.exclude(status=MetricStatus.EXTRACTED)
            _write_metrics(article, item, indicators, report, skip=_metric_keys(reviewed))
        report.articles_updated += 1


def _regions_by_adcode(parsed: ParsedPage) -> dict[str, Region]:
    codes = set()
    for item in parsed.articles:
        codes.update(item.region.mentioned)
        if item.region.adcode:
            codes.add(item.region.adcode)
    return {r.adcode: r for r in Region.objects.filter(adcode__in=codes)}


def _dec(value: Decimal | None) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(Decimal("0.0001"))


def _quantity_key(q: Quantity, indicator_id: int | None) -> tuple:
    return (
        q.start,
        q.end,
        _dec(q.value),
        _dec(q.value_max),
        q.unit,
        q.approx,
        q.bound,
        _dec(q.previous_value),
        q.label[:128],
        indicator_id,
        q.target,
    )


def _quantity_keys(item: ParsedArticle, indicators: dict[str, Indicator]) -> set[tuple]:
    return {
        _quantity_key(q, indicators[q.indicator].pk if q.indicator in indicators else None)
        for q in item.quantities
    }


def _metric_keys(metrics) -> set[tuple]:
    return {
        (
            m.evidence_start,
            m.evidence_end,
            _dec(m.value),
            _dec(m.value_max),
            m.unit,
            m.approx,
            m.bound,
            _dec(m.previous_value),
            m.label,
            m.indicator_id,
            m.target,
        )
        for m in metrics
    }


def _write_metrics(
    article: Article,
    item: ParsedArticle,
    indicators: dict[str, Indicator],
    report: IngestReport,
    skip: set[tuple] = frozenset(),
) -> None:
    """Create one Metric per quantity, except those a reviewer already decided on."""
    rows = []
    for position, q in enumerate(item.quantities):
        indicator = indicators.get(q.indicator) if q.indicator else None
        if q.indicator and indicator is None:
            report.warnings.append(f"unknown indicator slug {q.indicator!r}; stored without it")
        if _quantity_key(q, indicator.pk if indicator else None) in skip:
            continue
        sentence = sentence_span(item.body, q.start, q.end)
        rows.append(
            Metric(
                article=article,
                position=position,
                region=article.region,
                indicator=indicator,
                label=q.label[:128],
                value=q.value,
                value_max=q.value_max,
                unit=q.unit,
                approx=q.approx,
                bound=q.bound,
                previous_value=q.previous_value,
                evidence_start=q.start,
                evidence_end=q.end,
                sentence_start=sentence[0],
                sentence_end=sentence[1],
                target=q.target,
                extractor_version=EXTRACTOR_VERSION,
            )
        )
    Metric.objects.bulk_create(rows)
    report.metrics_created += len(rows)
