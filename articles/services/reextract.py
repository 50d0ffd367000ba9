"""Re-run extraction on stored pages with the current catalogue (issue 11, point 6).

Extraction runs per page (the page's home region reads 我县/本市, near duplicates are
found across its items), so re-extracting an article re-extracts the page that printed
it. Each page's stored text goes through ``ingest_page`` again with its stored details;
the ingest's rules then decide what moves (``services.metrics.sync_metrics``):
unreviewed (``extracted``) metrics are replaced by the new parse, metrics a person
approved, corrected or rejected are left as they are and no new metric is stored over
their evidence, articles edited by hand are skipped. The report lists, per article, the
extracted metrics removed and added.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..models import Metric, MetricStatus, SourcePage
from .ingest import ingest_page


@dataclass
class ReextractReport:
    """What a re-extraction did: pages run, metrics written and removed, reviewed
    metrics kept, one line per changed article (``changes``) and the ingest warnings."""

    pages: int = 0
    metrics_created: int = 0
    metrics_deleted: int = 0
    reviewed_kept: int = 0
    changes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line, e.g. '2 pages re-extracted: 3 metrics written, 1 removed, 5 reviewed
        kept as they are'."""
        return (
            f"{self.pages} {'page' if self.pages == 1 else 'pages'} re-extracted: "
            f"{self.metrics_created} metrics written, {self.metrics_deleted} removed, "
            f"{self.reviewed_kept} reviewed kept as they are"
        )


def _extracted_by_article(page: SourcePage) -> dict[int, set[tuple]]:
    rows = Metric.objects.filter(article__page=page, status=MetricStatus.EXTRACTED).values_list(
        "article_id", "evidence_start", "evidence_end", "value", "unit", "indicator__slug"
    )
    found: dict[int, set[tuple]] = {}
    for article_id, *key in rows:
        found.setdefault(article_id, set()).add(tuple(key))
    return found


def _describe(page: SourcePage, before: dict, after: dict) -> list[str]:
    lines = []
    bodies = dict(page.articles.values_list("pk", "body"))
    for article_id in sorted(set(before) | set(after)):
        old, new = before.get(article_id, set()), after.get(article_id, set())
        if old == new:
            continue
        body = bodies.get(article_id, "")

        def text(keys, body=body):
            return ", ".join(
                f"{body[s:e]}={v.normalize():f}{u}({slug or '-'})"
                for s, e, v, u, slug in sorted(keys)
            )

        parts = []
        if old - new:
            parts.append(f"removed {text(old - new)}")
        if new - old:
            parts.append(f"added {text(new - old)}")
        lines.append(f"article {article_id}: " + "; ".join(parts))
    return lines


def reextract_pages(pages: Iterable[SourcePage]) -> ReextractReport:
    """Re-extract each page (see the module docstring); returns the ``ReextractReport``.
    Each page is one transaction (``ingest_page``); ``IngestError`` propagates."""
    report = ReextractReport()
    for page in pages:
        before = _extracted_by_article(page)
        report.reviewed_kept += (
            Metric.objects.filter(article__page=page).exclude(status=MetricStatus.EXTRACTED).count()
        )
        result = ingest_page(
            text=page.raw_text,
            publication=page.publication.name if page.publication_id else "",
            issue_date=page.issue_date,
            page_label=page.page_label,
            home_region=page.home_region.adcode if page.home_region_id else None,
            filename=page.filename,
            url=page.url,
        )
        report.pages += 1
        report.metrics_created += result.metrics_created
        report.metrics_deleted += result.metrics_deleted
        report.warnings.extend(result.warnings)
        report.changes.extend(_describe(page, before, _extracted_by_article(page)))
    return report


def pages_of(*, article: int | None = None, publication: str | None = None, all_pages=False):
    """The pages to re-extract: the page that printed ``article`` (an id), every page of
    the publication named ``publication``, or every page; in id order. Raises ValueError
    naming the parameter when the article or publication does not exist or none is
    given."""
    pages = SourcePage.objects.select_related("publication", "home_region").order_by("pk")
    if article is not None:
        pages = pages.filter(articles__pk=article)
        if not pages.exists():
            raise ValueError(f"--article: no article {article}")
        return pages
    if publication is not None:
        pages = pages.filter(publication__name=publication)
        if not pages.exists():
            raise ValueError(f"--publication: no pages of a publication named {publication!r}")
        return pages
    if all_pages:
        return pages
    raise ValueError("give --article ID, --publication NAME or --all")
