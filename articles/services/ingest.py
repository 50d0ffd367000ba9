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

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from django.db import IntegrityError, connection, transaction

from .. import aggregates, article_counts, search
from ..cache import bump_at_commit
from ..catalogue import Catalogues
from ..ingest.pipeline import normalize_page_text, page_sha256, parse_page
from ..ingest.types import ParsedPage
from ..ingest_guard import PageRefused, check_page_text, check_parsed_articles
from ..models import (
    Appearance,
    AppearanceMatch,
    Article,
    ArticleFingerprint,
    Metric,
    Publication,
    Region,
    SourcePage,
)
from .dedupe import ItemPrint, find_originals, fingerprint_rows, fingerprint_values
from .locking import lock_for_ingest
from .metrics import metric_values, storable, sync_metrics, wanted_quantities
from .rows import insert_rows, insert_values

__all__ = [
    "IngestError",
    "IngestReport",
    "PageStatus",
    "PreparedPage",
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


class IngestError(ValueError):
    """The page cannot be ingested as asked (unknown home region, empty page...)."""


class PageStatus(StrEnum):
    """What ``ingest_page`` did with a page."""

    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    DRY_RUN = "dry-run"


@dataclass
class IngestReport:
    """What one ``ingest_page`` call did.

    ``status`` is a ``PageStatus``: ``created`` (new page), ``updated`` (known page,
    something changed), ``unchanged`` (known page, nothing to do) or ``dry-run``.
    ``stored_by_another_run`` is set when the page was new when this call began and
    another, concurrent ingest stored it first. Counts are of articles and metrics;
    ``articles_duplicate`` counts items already stored from another page (recorded as
    appearances). ``page`` is the stored SourcePage (None for a dry run); ``parsed`` is
    the pipeline's output, so callers can print it.
    """

    status: PageStatus
    parsed: ParsedPage
    page: SourcePage | None = None
    articles_created: int = 0
    articles_updated: int = 0
    articles_unchanged: int = 0
    articles_duplicate: int = 0
    metrics_created: int = 0
    metrics_deleted: int = 0
    stored_by_another_run: bool = False
    page_changes: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line for humans, e.g. 'created: 8 articles (8 new), 46 metrics'."""
        n = len(self.parsed.articles)
        if self.status == PageStatus.DRY_RUN:
            m = sum(len(a.quantities) for a in self.parsed.articles)
            return (
                f"dry run: would store {n} {'article' if n == 1 else 'articles'}, "
                f"{m} metrics (nothing written)"
            )
        status = str(self.status)
        if self.stored_by_another_run:
            status += " (stored by another run)"
        line = (
            f"{status}: {n} {'article' if n == 1 else 'articles'} "
            f"({self.articles_created} new, {self.articles_updated} updated, "
            f"{self.articles_unchanged} unchanged"
        )
        if self.articles_duplicate:
            line += f", {self.articles_duplicate} already stored from another page"
        line += f"), {self.metrics_created} metrics written, {self.metrics_deleted} removed"
        if self.page_changes:
            line += "; page details changed (" + "; ".join(self.page_changes) + ")"
        return line


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
        return IngestReport(status=PageStatus.DRY_RUN, parsed=prepared.parsed)
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


def store_page(prepared: PreparedPage) -> IngestReport:
    """Store one prepared page in its own transaction (see ``ingest_page``). A lost race
    on a unique key (another run inserted the same page or publication first) is retried
    and then reports the page unchanged; other database errors propagate."""
    for attempt in range(RETRIES):
        try:
            with transaction.atomic():
                lock_for_ingest(names=prepared.lock_names(), keys=prepared.lock_keys())
                with aggregates.batch():  # coverage, counts, winners: once, before commit
                    return _store_page(prepared)
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
                return [_store_page(page) for page in pages]
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
    (read outside the write transaction; ``_store_page`` re-reads under the lock). The
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
    if _stored_id(SourcePage, "sha256", sha256) is not None:  # a new page: one cheap read
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


def _store_page(prepared: PreparedPage) -> IngestReport:
    """The writes of one page, inside the caller's transaction, which holds the page's
    locks and an ``aggregates.batch()`` (``store_page``, ``store_pages``)."""
    parsed, options, prints = prepared.parsed, prepared.options, prepared.prints
    page = None
    if _stored_id(SourcePage, "sha256", parsed.sha256) is not None:  # rare in a run
        page = SourcePage.objects.select_for_update().filter(sha256=parsed.sha256).first()
    publication = _publication(options)
    report = IngestReport(
        status=PageStatus.UNCHANGED if page else PageStatus.CREATED, parsed=parsed
    )
    report.warnings.extend(options.warnings)
    if page is None:
        page = SourcePage(
            sha256=parsed.sha256,
            raw_text=parsed.text,
            publication=publication,
            issue_date=options.issue_date,
            page_label=options.page_label,
            home_region=options.home,
            filename=options.filename,
            url=options.url,
        )
        # bulk_create: no post_save, whose data-version bump inside the transaction
        # only repeated the one after commit below (a cache write per page)
        SourcePage.objects.bulk_create([page])
    else:
        report.stored_by_another_run = options.page_was_new
        report.page_changes = _update_fields(
            page,
            publication=publication,
            issue_date=options.issue_date,
            page_label=options.page_label,
            home_region=options.home,
            url=options.url,
        )
        if report.page_changes:
            page.save()
            report.status = PageStatus.UPDATED
    report.page = page
    _store_articles(page, parsed, prints, report, prepared.catalogues)
    # metrics are bulk-created (no signals): invalidate cached aggregates explicitly
    bump_at_commit()
    changed = report.articles_created or report.articles_updated or report.articles_duplicate
    if report.status == PageStatus.UNCHANGED and changed:
        report.status = PageStatus.UPDATED
    return report


def _publication(options: _PageOptions) -> Publication | None:
    """The page's Publication, created on first use with the call's home region."""
    if not options.publication_name:
        return None
    known = options.publication
    if known is not None and known.name == options.publication_name:
        # read before the transaction: still stored under that name (re-read under the
        # lock by a prepared statement; the ORM's get_or_create compiled one a page)
        if _stored_id(Publication, "name", known.name) == known.pk:
            return known
    publication, _ = Publication.objects.get_or_create(
        name=options.publication_name, defaults={"home_region": options.home}
    )
    return publication


def _stored_id(model, column: str, value) -> int | None:
    """The id of the ``model`` row whose unique ``column`` is ``value``, or None: one
    prepared statement (the ORM compiles its query anew on every call, ~1 ms)."""
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM {table} WHERE {connection.ops.quote_name(column)} = %s", [value]
        )
        row = cursor.fetchone()
    return row[0] if row else None


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


def _store_articles(
    page: SourcePage, parsed: ParsedPage, prints: dict, report, catalogues: Catalogues
) -> None:
    """Create or update the page's articles and their metrics (see ``ingest_page``).

    Positions already on the page are updated (``_update_article``) or, for reprints of
    another page's article, left alone. New positions are looked up as duplicates first;
    the rest are created in bulk: articles, mentioned regions, appearances, band keys and
    metrics take one INSERT each for the whole page.
    """
    regions = _regions_by_adcode(parsed, catalogues.regions)
    topics, indicators = catalogues.topic_ids, catalogues.indicator_ids  # slug -> id
    own, reprinted = {}, set()
    if report.status != PageStatus.CREATED:  # a page created just now has nothing yet
        own = {
            a.position: a for a in page.articles.prefetch_related("metrics", "regions_mentioned")
        }
        reprinted = set(
            page.appearances.exclude(article__page=page).values_list("position", flat=True)
        )
    new_items = []
    for item in parsed.articles:
        if item.position in reprinted:
            report.articles_unchanged += 1
        elif item.position in own:
            _update_article(own[item.position], item, regions, topics, indicators, report)
        else:
            new_items.append(item)
    originals = find_originals(
        {i.position: prints[i.position] for i in new_items}, exclude_page_id=page.pk
    )
    fresh = []
    appearances = []
    for item in new_items:
        original = originals.get(item.position)
        if original is None:
            fresh.append(item)
            continue
        appearances.append(
            _appearance(
                original.article.pk, page, item.position, original.match, original.similarity
            )
        )
        report.articles_duplicate += 1
        report.duplicates.append(
            f"article {item.position} is {original.match.label} of article "
            f"{original.article.pk} ({original.article.display_title})"
        )
    _create_articles(page, fresh, prints, regions, topics, indicators, report, appearances)


def _article_values(item, page: SourcePage, regions, topics) -> dict:
    return {
        "kind": item.kind,
        "title": item.title,
        "title_prefix": item.title_prefix,
        "subtitle": item.subtitle,
        "byline": item.byline,
        "body": item.body,
        "region": regions.get(item.region.adcode),
        "topic_id": topics.get(item.topic),
        "published": page.issue_date,
        "event_date": item.event_date,
    }


def _create_articles(page, items, prints, regions, topics, indicators, report, appearances):
    """Bulk-create the new items as Articles with everything that hangs off them."""
    articles = [
        Article(
            page=page,
            position=item.position,
            url=page.url,
            body_sha256=prints[item.position].sha256,
            **_article_values(item, page, regions, topics),
        )
        for item in items
    ]
    _insert_articles(page, articles)
    # bulk_create sends no post_save: keep the search index in step here
    search.index_rows((a.pk, a.title_prefix, a.title, a.subtitle, a.body) for a in articles)
    mentions, keys, metrics = [], [], []
    for article, item in zip(articles, items, strict=True):
        mentions += [
            {"article_id": article.pk, "region_id": regions[c].pk}
            for c in sorted(set(item.region.mentioned))
            if c in regions
        ]
        keys += fingerprint_values(article, prints[item.position])
        appearances.append(_appearance(article.pk, page, item.position))
        wanted = wanted_quantities(
            item, indicators, [], report.warnings, article=article, regions=regions
        )
        metrics += [
            metric_values(article, item, pos, q, indicators, regions) for pos, q in wanted.values()
        ]
    # one executemany each, from plain values: nobody needs these rows' ids back, nor
    # model instances of them (``rows.insert_values``)
    insert_values(Article.regions_mentioned.through, mentions)
    insert_values(ArticleFingerprint, keys)
    insert_values(Appearance, appearances)
    insert_values(Metric, metrics)
    aggregates.added(metrics)  # new rows only: coverage moved on by them, not recounted
    if (articles or appearances) and report.status == PageStatus.CREATED:
        # bulk inserts on a page new in this transaction: its publication moved on by it
        article_counts.page_added(
            page.pk, page.publication_id, [article_counts.cell_of(a) for a in articles]
        )
    elif articles or appearances:  # bulk inserts: no signals
        article_counts.articles_added([(a.region_id, a.topic_id) for a in articles], [page.pk])
    report.articles_created += len(articles)
    report.metrics_created += len(metrics)


def _insert_articles(page: SourcePage, articles: list[Article]) -> None:
    """INSERT the new ``articles`` of ``page`` (one ``executemany``, ``rows.insert_rows``)
    and set their ids, read back by their (page, position), which is unique: what
    ``bulk_create`` did with a multi-row INSERT ... RETURNING, whose compilation (a
    prepared parameter per field per article) cost a few ms a page. Like it, sends no
    signals."""
    if not articles:
        return
    insert_rows(articles)
    positions = [a.position for a in articles]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT position, id FROM {Article._meta.db_table} WHERE page_id = %s "
            f"AND position IN ({', '.join(['%s'] * len(positions))})",
            [page.pk, *positions],
        )
        ids = dict(cursor.fetchall())
    for article in articles:
        article.pk = ids[article.position]
        article._state.adding, article._state.db = False, connection.alias


def _appearance(
    article_id: int,
    page: SourcePage,
    position: int,
    match: AppearanceMatch = AppearanceMatch.FIRST,
    similarity=None,
) -> dict:
    """An Appearance row for ``rows.insert_values``: article ``article_id`` printed at
    ``position`` of ``page`` (first printing unless ``match`` says otherwise)."""
    return {
        "article_id": article_id,
        "page_id": page.pk,
        "position": position,
        "match": match,
        "similarity": similarity,
        "url": page.url,
    }


def _update_article(article: Article, item, regions, topics, indicators, report) -> None:
    """Bring one stored article of this page up to date with its parse.

    An article someone edited in the admin (``edited_by_hand``) is left as it is, metrics
    included: its body may no longer match the parse's offsets.
    """
    if article.edited_by_hand:
        report.articles_unchanged += 1
        report.warnings.append(
            f"article {item.position} ({article.display_title}) was edited by hand; left as it is"
        )
        return
    values = _article_values(item, article.page, regions, topics)
    fields_changed = bool(_update_fields(article, **values))
    if fields_changed:
        item_print = ItemPrint.of(article.body)
        if item_print.sha256 != article.body_sha256:
            article.body_sha256 = item_print.sha256
            article.fingerprints.all().delete()
            ArticleFingerprint.objects.bulk_create(fingerprint_rows(article, item_print))
        article.save()
    mentioned = {regions[c].pk for c in item.region.mentioned if c in regions}
    mentions_changed = {r.pk for r in article.regions_mentioned.all()} != mentioned
    if mentions_changed:
        article.regions_mentioned.set(mentioned)
    metrics = list(article.metrics.all())
    metrics_changed = sync_metrics(article, metrics, item, indicators, regions, report)
    if fields_changed or mentions_changed or metrics_changed:
        report.articles_updated += 1
    else:
        report.articles_unchanged += 1


def _regions_by_adcode(parsed: ParsedPage, known: dict[str, Region | None]) -> dict[str, Region]:
    """``{adcode: Region}`` of every division the page's items and quantities name
    (unknown adcodes left out). ``known`` is the run's cache (``Catalogues.regions``,
    None for an adcode not stored): only adcodes it lacks are read, so a run's pages
    after the first rarely query at all."""
    codes = set()
    for item in parsed.articles:
        codes.update(item.region.mentioned)
        codes.update(q.region for q in item.quantities if q.region)
        if item.region.adcode:
            codes.add(item.region.adcode)
    missing = codes - known.keys()
    if missing:
        found = {r.adcode: r for r in Region.objects.filter(adcode__in=missing)}
        known.update({code: found.get(code) for code in missing})
    return {code: known[code] for code in codes if known[code] is not None}
