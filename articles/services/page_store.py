"""The writes of one ingested page (``write_page``), inside the transaction that
``services.ingest`` opens for it or for a batch of pages: the SourcePage, its new
Articles with everything that hangs off them in one INSERT each (mentions, band keys,
appearances, metrics, search rows), duplicates recorded as appearances, known articles
brought up to date, and the kept aggregates told what moved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import connection

from .. import aggregates, article_counts, search
from ..cache import bump_at_commit
from ..catalogue import Catalogues
from ..ingest.types import ParsedPage
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
from .metrics import metric_values, sync_metrics, wanted_quantities
from .reports import IngestReport, PageStatus
from .rows import insert_rows, insert_values

if TYPE_CHECKING:
    from .ingest import PreparedPage, _PageOptions

__all__ = ["stored_id", "write_page"]


def write_page(prepared: PreparedPage) -> IngestReport:
    """The writes of one page, inside the caller's transaction, which holds the page's
    locks and an ``aggregates.batch()`` (``services.ingest.store_page``,
    ``store_pages``); returns its report. Database errors propagate."""
    parsed, options, prints = prepared.parsed, prepared.options, prepared.prints
    page = None
    if stored_id(SourcePage, "sha256", parsed.sha256) is not None:  # rare in a run
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
        if stored_id(Publication, "name", known.name) == known.pk:
            return known
    publication, _ = Publication.objects.get_or_create(
        name=options.publication_name, defaults={"home_region": options.home}
    )
    return publication


def stored_id(model, column: str, value) -> int | None:
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
