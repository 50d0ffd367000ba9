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
from .ingest_guard import PageRefused, check_page_text, check_parsed_articles
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
    for an unknown ``home_region``, a page with no items, and a page over the limits of
    ``articles.ingest_guard`` (size, line length, article length) or with no recognisable
    article (junk); nothing is written then.
    """
    try:
        check_page_text(text)  # before parsing: parse time grows faster than the text
    except PageRefused as exc:
        raise IngestError(str(exc)) from exc
    for name, value in (("publication", publication), ("page_label", page_label)):
        limit = SourcePage._meta.get_field(name).max_length
        if len(value) > limit:
            raise IngestError(f"{name} is longer than {limit} characters: {value[:20]!r}…")
    filename = filename[-SourcePage._meta.get_field("filename").max_length :]
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
    try:
        check_parsed_articles([item.body for item in parsed.articles])
    except PageRefused as exc:
        raise IngestError(str(exc)) from exc
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
    """Create or update the page's articles and their metrics (see ``ingest_page``).

    An article someone edited in the admin (``edited_by_hand``) is left as it is, metrics
    included: its body may no longer match the parse's offsets.
    """
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
            _sync_metrics(article, [], item, indicators, report)
            continue
        if article.edited_by_hand:
            report.articles_unchanged += 1
            report.warnings.append(
                f"article {item.position} ({article.display_title}) was edited by hand; "
                "left as it is"
            )
            continue
        fields_changed = bool(_update_fields(article, **values))
        if fields_changed:
            article.save()
        mentions_changed = {r.pk for r in article.regions_mentioned.all()} != mentioned
        if mentions_changed:
            article.regions_mentioned.set(mentioned)
        metrics = list(article.metrics.all())
        metrics_changed = _sync_metrics(article, metrics, item, indicators, report)
        if fields_changed or mentions_changed or metrics_changed:
            report.articles_updated += 1
        else:
            report.articles_unchanged += 1


def _sync_metrics(
    article: Article,
    metrics: list[Metric],
    item: ParsedArticle,
    indicators: dict[str, Indicator],
    report: IngestReport,
) -> bool:
    """Make the article's unreviewed ``metrics`` match the parse; True if any changed.

    A metric a reviewer approved, rejected or corrected keeps its evidence span: quantities
    parsed from an overlapping span are not stored again. Unreviewed metrics the parse
    still yields are kept as they are (their ids, and so ``#m-<id>`` links, stay); the
    others are deleted and the new quantities created.
    """
    reviewed = [m for m in metrics if m.status != MetricStatus.EXTRACTED]
    extracted = {_metric_key(m): m for m in metrics if m.status == MetricStatus.EXTRACTED}
    wanted: dict[tuple, tuple[int, Quantity]] = {}
    for position, q in enumerate(item.quantities):
        if not storable(q):
            report.warnings.append(
                f"article {item.position}: skipped {item.body[q.start : q.end]!r}: "
                f"{q.value} is too large to be a reported quantity"
            )
            continue
        if any(q.start < m.evidence_end and m.evidence_start < q.end for m in reviewed):
            continue  # a reviewer's decision on this span stands
        indicator = indicators.get(q.indicator) if q.indicator else None
        if q.indicator and indicator is None:
            report.warnings.append(f"unknown indicator slug {q.indicator!r}; stored without it")
        wanted[_quantity_key(q, indicator.pk if indicator else None)] = (position, q)
    stale = [m.pk for key, m in extracted.items() if key not in wanted]
    missing = [pq for key, pq in wanted.items() if key not in extracted]
    moved = [m.pk for m in extracted.values() if m.region_id != article.region_id]
    if stale:
        Metric.objects.filter(pk__in=stale).delete()
        report.metrics_deleted += len(stale)
    if moved:
        Metric.objects.filter(pk__in=moved).update(region=article.region)
    rows = []
    for position, q in missing:
        sentence = sentence_span(item.body, q.start, q.end)
        rows.append(
            Metric(
                article=article,
                position=position,
                region=article.region,
                indicator=indicators.get(q.indicator) if q.indicator else None,
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
    return bool(stale or missing or moved)


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


#: Largest magnitude Metric's DecimalFields hold (max_digits=20, decimal_places=4).
MAX_STORABLE = Decimal("1E16")


def storable(q: Quantity) -> bool:
    """Whether a quantity's numbers fit Metric's DecimalFields (below 10^16, i.e. ten
    thousand trillion 亿 is 10^8). A larger one is an extraction error or a typo in the
    page (12345678901234567元); it is skipped with a warning, never stored truncated."""
    return all(v is None or abs(v) < MAX_STORABLE for v in (q.value, q.value_max, q.previous_value))


def _metric_key(m: Metric) -> tuple:
    """The same key as ``_quantity_key`` for a stored metric."""
    return (
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
