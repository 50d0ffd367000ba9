"""Writes: the one service that stores an ingested page.

``ingest_page`` runs the pure pipeline (``articles.ingest.pipeline.parse_page``) and
stores the result in one transaction. A page's natural key is the SHA-256 of its
normalized text, so re-ingesting the same page changes nothing and reports every article
as unchanged. An article already stored from another page (the same normalised body, or a
near duplicate: ``articles.ingest.fingerprint``) is not stored again; the page gets an
``Appearance`` of the stored article instead. Concurrent ingests are safe on SQLite and
PostgreSQL (``services.locking``): a page is stored by exactly one of them, the others
report it unchanged, "stored by another run".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction

from .. import aggregates
from ..catalogue import Catalogues
from ..ingest.pipeline import normalize_page_text, page_sha256, parse_page
from ..ingest.types import ParsedPage
from ..ingest_guard import PageRefused, check_page_text, check_parsed_articles
from ..models import Publication, Region, SourcePage
from . import page_store
from .dedupe import ItemPrint
from .locking import lock_for_ingest
from .metrics import storable
from .page_store import stored_id
from .reports import IngestError, IngestReport, PageStatus

__all__ = [
    "IngestError",
    "IngestReport",
    "PageStatus",
    "PreparedPage",
    "dry_run_report",
    "ingest_page",
    "prepare_page",
    "storable",
    "store_page",
    "store_page_or_error",
    "store_pages",
]

#: How often a transaction that lost a race on a unique key (page hash, publication
#: name) is retried; the retry sees the winner's row and reports it unchanged.
RETRIES = 3


@dataclass
class _PageOptions:
    """What the caller says about the page, resolved against what is stored."""

    publication: Publication | None
    publication_name: str
    issue_date: date | None
    page_label: str
    home: Region | None
    url: str
    filename: str
    page_was_new: bool
    warnings: tuple[str, ...] = ()


def ingest_page(
    *,
    text: str,
    publication: str = "",
    issue_date: date | None = None,
    page_label: str = "",
    home_region: str | None = None,
    filename: str = "",
    url: str = "",
    dry_run: bool = False,
    catalogues: Catalogues | None = None,
) -> IngestReport:
    """Parse ``text`` (one decoded newspaper page) and store it, all or nothing.

    Stores a SourcePage (keyed by SHA-256 of the normalized text) of the Publication named
    ``publication`` (created on first use, with ``home_region`` as its home region), its
    Articles (keyed by position) with region, regions mentioned and topic, one Metric per
    quantity, and one Appearance per item. The home region used to read 我县/本市 is
    ``home_region``, else the stored page's, else the publication's. An item whose body
    is already stored from another page (exactly or as a near duplicate) is recorded as
    an Appearance of that article, not stored again. Articles get ``published =
    issue_date``. On a known page, what the call leaves out (date, publication, page label,
    home region, url) keeps its stored value, so re-ingesting a file with fewer options
    changes nothing; a value that differs is updated and listed in
    ``report.page_changes``. Unchanged articles are left alone; a changed one is updated
    and its unreviewed metrics replaced (approved or rejected metrics are kept). Raises
    ``IngestError`` for an unknown ``home_region``, an over-long detail or a page with no
    items; nothing is written then. Database errors other than a lost race propagate.
    ``catalogues`` are the topic and indicator catalogues to use (a run of many pages
    passes the ones it read once, ``Catalogues.load``); None reads them now.

    ``prepare_page`` then ``store_page``; a run of many pages stores them several to a
    transaction instead (``store_pages``).
    """
    prepared = prepare_page(
        text=text,
        publication=publication,
        issue_date=issue_date,
        page_label=page_label,
        home_region=home_region,
        filename=filename,
        url=url,
        catalogues=catalogues,
    )
    if dry_run:
        return dry_run_report(prepared)
    return store_page(prepared)


@dataclass
class PreparedPage:
    """A page parsed and checked, not stored yet (``prepare_page``): its ``parsed`` items,
    the caller's details resolved against what was stored when it was read
    (``options``), each item's fingerprint (``prints``, by position) and the
    ``catalogues`` it was read with."""

    parsed: ParsedPage
    options: _PageOptions
    prints: dict[int, ItemPrint]
    catalogues: Catalogues

    def lock_names(self) -> list[str]:
        """The advisory-lock names its store takes (``services.locking``)."""
        return [f"page:{self.parsed.sha256}", f"publication:{self.options.publication_name}"] + [
            f"body:{p.sha256}" for p in self.prints.values()
        ]

    def lock_keys(self) -> list[int]:
        """The near-duplicate band keys its store locks."""
        return [k for p in self.prints.values() for k in p.keys]


def prepare_page(
    *,
    text: str,
    publication: str = "",
    issue_date: date | None = None,
    page_label: str = "",
    home_region: str | None = None,
    filename: str = "",
    url: str = "",
    catalogues: Catalogues | None = None,
) -> PreparedPage:
    """Everything of ``ingest_page`` before its write transaction: check the text and the
    details, parse, fingerprint the items. Reads the database (the stored page, its
    publication, the home region) but writes nothing. Raises ``IngestError`` as
    ``ingest_page`` does."""
    try:
        check_page_text(text)  # before parsing: parse time grows faster than the text
    except PageRefused as exc:
        raise IngestError(str(exc)) from exc
    catalogues = catalogues or Catalogues.load()
    options = _resolve_options(
        text, publication, issue_date, page_label, home_region, filename, url, catalogues
    )
    home = options.home or (options.publication.home_region if options.publication else None)
    parsed = parse_page(
        text,
        published=options.issue_date,
        home_region=home.adcode if home else None,
        topics=catalogues.topics,
        indicators=catalogues.indicators,
    )
    if not parsed.articles:
        raise IngestError("no articles found in the page (is it empty or not a newspaper page?)")
    try:
        check_parsed_articles([item.body for item in parsed.articles])
    except PageRefused as exc:
        raise IngestError(str(exc)) from exc
    options.home = home
    prints = {item.position: ItemPrint.of(item.body) for item in parsed.articles}
    return PreparedPage(parsed, options, prints, catalogues)


def dry_run_report(prepared: PreparedPage) -> IngestReport:
    """What a dry run says of a prepared page: its parse, the date and source address it
    would be stored with, and the warnings its details give (a page already stored as
    another publication's stays so), as the real run says them."""
    return IngestReport(
        status=PageStatus.DRY_RUN,
        parsed=prepared.parsed,
        issue_date=prepared.options.issue_date,
        url=prepared.options.url,
        warnings=list(prepared.options.warnings),
    )


def store_page(prepared: PreparedPage) -> IngestReport:
    """Store one prepared page in its own transaction (see ``ingest_page``). A lost race
    on a unique key (another run inserted the same page or publication first) is retried
    and then reports the page unchanged; other database errors propagate."""
    for attempt in range(RETRIES):
        try:
            with transaction.atomic():
                lock_for_ingest(names=prepared.lock_names(), keys=prepared.lock_keys())
                with aggregates.batch():  # coverage, counts, winners: once, before commit
                    return page_store.write_page(prepared)
        except IntegrityError:
            # another run inserted the same page or publication first; run again to
            # see its row (the locks make this rare on PostgreSQL, impossible on SQLite)
            if attempt == RETRIES - 1:
                raise
    raise AssertionError("unreachable")


def store_pages(pages: list[PreparedPage]) -> list[IngestReport | Exception]:
    """Store several prepared pages in one transaction; returns, for each page in order,
    its report or the exception that kept it out.

    What a transaction costs once (the commit and the search index's flush, the compare
    winners, indicator coverage and article counts of the (indicator, region) pairs and
    cells the pages touch, the data-version move) is paid once for the batch: an
    ingest of many pages goes about 15% faster (``benchmarks/bench_ingest_stages.py``).
    Every lock the pages need is taken first, in one sorted statement
    (``services.locking``), so two runs storing batches at once never wait on each other
    in a cycle. If anything fails, nothing of the batch is kept and each page is stored
    again on its own (``store_page``), so one bad page costs only itself. A page printed
    twice in the batch is stored once; the second is reported unchanged.
    """
    if len(pages) == 1:
        return [store_page_or_error(pages[0])]
    first: dict[str, PreparedPage] = {}
    for page in pages:
        if page.parsed.sha256 in first:  # stored by this batch, not by another run
            page.options.page_was_new = False
        first.setdefault(page.parsed.sha256, page)
    try:
        with transaction.atomic():
            lock_for_ingest(
                names=[n for p in pages for n in p.lock_names()],
                keys=[k for p in pages for k in p.lock_keys()],
            )
            with aggregates.batch():
                return [page_store.write_page(page) for page in pages]
    except Exception:  # noqa: BLE001 - stored again one by one, which names the culprit
        return [store_page_or_error(page) for page in pages]


def store_page_or_error(page: PreparedPage) -> IngestReport | Exception:
    """``store_page``'s report, or the exception it raised (returned, not raised)."""
    try:
        return store_page(page)
    except Exception as exc:  # noqa: BLE001 - the caller turns it into the page's line
        return exc


def _resolve_options(
    text, publication, issue_date, page_label, home_region, filename, url, catalogues
):
    """Check the caller's page details and fill what it leaves out from the stored page
    (read outside the write transaction; ``page_store.write_page`` re-reads under the lock). The
    home region and the publication come from the run's caches (``catalogues``) when
    an earlier page read them."""
    for name, value, limit in (
        ("publication", publication, Publication._meta.get_field("name").max_length),
        ("page_label", page_label, SourcePage._meta.get_field("page_label").max_length),
        ("url", url, SourcePage._meta.get_field("url").max_length),
    ):
        if len(value) > limit:
            raise IngestError(f"{name} is longer than {limit} characters: {value[:20]!r}…")
    filename = filename[-SourcePage._meta.get_field("filename").max_length :]
    home = None
    if home_region:
        if home_region not in catalogues.regions:
            catalogues.regions[home_region] = Region.objects.filter(adcode=home_region).first()
        home = catalogues.regions[home_region]
        if home is None:
            raise IngestError(f"unknown home region adcode: {home_region!r}")
    pub = catalogues.publications.get(publication) if publication else None
    if publication and pub is None:
        pub = Publication.objects.select_related("home_region").filter(name=publication).first()
        if pub is not None:
            catalogues.publications[publication] = pub
    sha256 = page_sha256(normalize_page_text(text))
    known = None
    if stored_id(SourcePage, "sha256", sha256) is not None:  # a new page: one cheap read
        known = (
            SourcePage.objects.select_related("home_region", "publication__home_region")
            .filter(sha256=sha256)
            .first()
        )
    warnings: tuple[str, ...] = ()
    if (
        known is not None
        and known.publication is not None
        and publication not in ("", known.publication.name)
    ):
        # the same page text is the same page: it stays its first publication's (moving
        # it would take it from that publication without a trace); say so instead
        warnings = (
            f"this page is already stored as {known.publication.name}'s "
            f"({known.issue_date or 'no date'}); it stays so (change it in the admin)",
        )
        pub, publication = known.publication, known.publication.name
        issue_date = known.issue_date or issue_date
    if known is not None:  # what this call leaves out keeps its stored value
        issue_date = issue_date or known.issue_date
        home = home or known.home_region
        if not publication and known.publication is not None:
            pub, publication = known.publication, known.publication.name
        page_label = page_label or known.page_label
        url = url or known.url
    return _PageOptions(
        pub, publication, issue_date, page_label, home, url, filename, known is None, warnings
    )
