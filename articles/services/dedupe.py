"""Finding an article already stored: the same body, or a near duplicate of it.

The rule is ``articles.ingest.fingerprint`` (exact: SHA-256 of the normalised body; near:
shingle containment >= 0.8 with every number kept). Lookups are indexed: one query on
``Article.body_sha256`` and one on ``ArticleFingerprint.key`` per page, then the
candidates' bodies are compared in Python. Candidates are capped per band key
(``_first_articles_per_key``), so the cost per page stays the same however many articles
are stored. A known shortcut: when more than ``MAX_CANDIDATES`` older articles share
every band key of a reprint (a flood of articles in the same words), the first printing
may be missed and the reprint stored as a new article.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from django.db import connection

from ..ingest import fingerprint
from ..models import AppearanceMatch, Article, ArticleFingerprint

#: At most this many near-duplicate candidates are compared per article: those sharing
#: the most band keys, then the oldest (the first printing). Articles in the same words
#: with other figures (monthly reports) share every key; comparing more of them costs
#: time and never passes the numbers rule.
MAX_CANDIDATES = 8


@dataclass(frozen=True)
class Original:
    """The stored article an item repeats: ``match`` is ``same`` or ``near``;
    ``similarity`` is the containment of a near duplicate (None for ``same``)."""

    article: Article
    match: AppearanceMatch
    similarity: Decimal | None = None


@dataclass
class ItemPrint:
    """The fingerprints of one parsed item's body (``prepared`` for comparisons)."""

    prepared: fingerprint.Prepared
    sha256: str
    keys: list[int]

    @classmethod
    def of(cls, body: str) -> ItemPrint:
        prepared = fingerprint.Prepared.of(body)
        return cls(
            prepared=prepared,
            sha256=fingerprint.body_sha256(prepared),
            keys=fingerprint.band_keys(prepared),
        )


def find_originals(prints: dict[int, ItemPrint], *, exclude_page_id: int | None) -> dict:
    """``{position: Original}`` for the items (``{position: ItemPrint}``) already stored
    from another page. Three queries for the whole page: body hashes, band keys and the
    candidates' bodies."""
    if not prints:
        return {}
    by_hash = _first_by_hash({p.sha256 for p in prints.values()}, exclude_page_id)
    found = {
        pos: Original(by_hash[p.sha256], AppearanceMatch.SAME)
        for pos, p in prints.items()
        if p.sha256 in by_hash
    }
    rest = {pos: p for pos, p in prints.items() if pos not in found and p.keys}
    if not rest:
        return found
    keys_of: dict[int, set[int]] = {}
    for article_id, key in _first_articles_per_key({k for p in rest.values() for k in p.keys}):
        keys_of.setdefault(article_id, set()).add(key)
    if not keys_of:
        return found
    mine_of = {pos: set(p.keys) for pos, p in rest.items()}
    ranked_of = {
        pos: sorted(
            (aid for aid, theirs in keys_of.items() if theirs & mine),
            key=lambda aid, mine=mine: (-len(keys_of[aid] & mine), aid),
        )[:MAX_CANDIDATES]
        for pos, mine in mine_of.items()
    }
    wanted = {aid for ranked in ranked_of.values() for aid in ranked}
    bodies = {pk: _prepared(body) for pk, body in _bodies(wanted, exclude_page_id)}
    for pos, ranked in ranked_of.items():
        best = _best_match(rest[pos].prepared, [a for a in ranked if a in bodies], bodies)
        if best is not None:
            found[pos] = best
    return found


_ARTICLES = Article._meta.db_table


def _other_pages(exclude_page_id: int | None) -> tuple[str, list]:
    """SQL condition (and parameters) for the articles of any page but ``exclude_page_id``
    (every article for None)."""
    if exclude_page_id is None:
        return "", []
    return " AND page_id <> %s", [exclude_page_id]


def _first_by_hash(hashes: set[str], exclude_page_id: int | None) -> dict[str, Article]:
    """``{body_sha256: Article}``: the oldest stored article (lowest id) of each of
    ``hashes`` on another page than ``exclude_page_id``. Prepared SQL (ids first, whole
    articles only for the hashes found, rare): compiling the ORM query cost about a
    millisecond a page, and it read every match's whole row."""
    marks = ", ".join(["%s"] * len(hashes))
    where, params = _other_pages(exclude_page_id)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT body_sha256, MIN(id) FROM {_ARTICLES} "
            f"WHERE body_sha256 IN ({marks}){where} GROUP BY body_sha256",
            [*sorted(hashes), *params],
        )
        first = dict(cursor.fetchall())
    if not first:
        return {}
    articles = Article.objects.in_bulk(first.values())
    return {sha: articles[pk] for sha, pk in first.items()}


def _bodies(ids: set[int], exclude_page_id: int | None) -> list[tuple[int, str]]:
    """``[(id, body)]`` of the articles ``ids`` on another page than ``exclude_page_id``."""
    if not ids:
        return []
    marks = ", ".join(["%s"] * len(ids))
    where, params = _other_pages(exclude_page_id)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, body FROM {_ARTICLES} WHERE id IN ({marks}){where}",
            [*sorted(ids), *params],
        )
        return cursor.fetchall()


@lru_cache(maxsize=256)
def _prepared(body: str) -> fingerprint.Prepared:
    """``fingerprint.Prepared.of(body)``, remembered for the most recent bodies: the same
    stored articles are the candidates of page after page of a run (reports printed in
    the same words every month), and preparing a body is a normalisation of its text.
    Keyed by the body itself, so an edited article is prepared afresh."""
    return fingerprint.Prepared.of(body)


def _first_articles_per_key(keys: set[int]) -> list[tuple[int, int]]:
    """``[(article_id, key)]``: for each band key, the ``MAX_CANDIDATES`` oldest articles
    having it. One statement of per-key index range scans (``UNION ALL`` of ``LIMIT``
    subqueries, valid on SQLite and PostgreSQL), so its cost does not grow with the
    number of stored articles however many share a key."""
    if not keys:
        return []
    table = connection.ops.quote_name(ArticleFingerprint._meta.db_table)
    part = (
        f"SELECT * FROM (SELECT article_id, key FROM {table} WHERE key = %s "
        f"ORDER BY article_id LIMIT {int(MAX_CANDIDATES)}) AS t{{n}}"
    )
    sql = " UNION ALL ".join(part.format(n=n) for n in range(len(keys)))
    with connection.cursor() as cursor:
        cursor.execute(sql, sorted(keys))
        return [(article_id, key) for article_id, key in cursor.fetchall()]


def _best_match(
    body: fingerprint.Prepared, candidate_ids: list[int], bodies: dict[int, fingerprint.Prepared]
) -> Original | None:
    """The candidate with the highest containment that passes the near-duplicate rule."""
    best: tuple[float, int] | None = None
    for aid in candidate_ids:
        sim = fingerprint.compare(body, bodies[aid], full=False)
        if sim.is_near_duplicate and (best is None or sim.containment > best[0]):
            best = (sim.containment, aid)
    if best is None:
        return None
    article = Article.objects.get(pk=best[1])
    return Original(article, AppearanceMatch.NEAR, Decimal(f"{best[0]:.3f}"))


def fingerprint_rows(article: Article, item_print: ItemPrint) -> list[ArticleFingerprint]:
    """Unsaved band-key rows of a new article (for ``bulk_create``)."""
    return [ArticleFingerprint(article=article, key=k) for k in item_print.keys]


def fingerprint_values(article: Article, item_print: ItemPrint) -> list[dict]:
    """The same band-key rows as plain values (for ``rows.insert_values``)."""
    return [{"article_id": article.pk, "key": k} for k in item_print.keys]
