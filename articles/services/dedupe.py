"""Finding an article already stored: the same body, or a near duplicate of it.

The rule is ``articles.ingest.fingerprint`` (exact: SHA-256 of the normalised body; near:
shingle containment >= 0.8 with every number kept). Lookups are indexed: one query on
``Article.body_sha256`` and one on ``ArticleFingerprint.key`` per page, then the
candidates' bodies are compared in Python, so the cost grows with the number of
candidates, not with the number of stored articles.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..ingest import fingerprint
from ..models import AppearanceMatch, Article, ArticleFingerprint

#: At most this many near-duplicate candidates are compared per article (the most
#: shared band keys first); the rest are very unlikely to pass the rule.
MAX_CANDIDATES = 20


@dataclass(frozen=True)
class Original:
    """The stored article an item repeats: ``match`` is ``same`` or ``near``;
    ``similarity`` is the containment of a near duplicate (None for ``same``)."""

    article: Article
    match: AppearanceMatch
    similarity: Decimal | None = None


@dataclass
class ItemPrint:
    """The fingerprints of one parsed item's body."""

    body: str
    sha256: str
    keys: list[int]

    @classmethod
    def of(cls, body: str) -> ItemPrint:
        return cls(
            body=body, sha256=fingerprint.body_sha256(body), keys=fingerprint.band_keys(body)
        )


def find_originals(prints: dict[int, ItemPrint], *, exclude_page_id: int | None) -> dict:
    """``{position: Original}`` for the items (``{position: ItemPrint}``) already stored
    from another page. Two queries for the whole page, plus one for candidate bodies."""
    if not prints:
        return {}
    others = (
        Article.objects.exclude(page_id=exclude_page_id) if exclude_page_id else Article.objects
    )
    by_hash: dict[str, Article] = {}
    for article in others.filter(body_sha256__in={p.sha256 for p in prints.values()}).order_by(
        "pk"
    ):
        by_hash.setdefault(article.body_sha256, article)
    found = {
        pos: Original(by_hash[p.sha256], AppearanceMatch.SAME)
        for pos, p in prints.items()
        if p.sha256 in by_hash
    }
    rest = {pos: p for pos, p in prints.items() if pos not in found and p.keys}
    if not rest:
        return found
    keys_of: dict[int, set[int]] = {}
    all_keys = {k for p in rest.values() for k in p.keys}
    for article_id, key in ArticleFingerprint.objects.filter(key__in=all_keys).values_list(
        "article_id", "key"
    ):
        keys_of.setdefault(article_id, set()).add(key)
    if not keys_of:
        return found
    bodies = dict(others.filter(pk__in=list(keys_of)).values_list("pk", "body"))
    for pos, p in rest.items():
        mine = set(p.keys)
        ranked = sorted(
            (aid for aid in bodies if keys_of[aid] & mine),
            key=lambda aid: (-len(keys_of[aid] & mine), aid),
        )[:MAX_CANDIDATES]
        best = _best_match(p.body, ranked, bodies)
        if best is not None:
            found[pos] = best
    return found


def _best_match(body: str, candidate_ids: list[int], bodies: dict[int, str]) -> Original | None:
    """The candidate with the highest containment that passes the near-duplicate rule."""
    best: tuple[float, int] | None = None
    for aid in candidate_ids:
        sim = fingerprint.compare(body, bodies[aid])
        if sim.is_near_duplicate and (best is None or sim.containment > best[0]):
            best = (sim.containment, aid)
    if best is None:
        return None
    article = Article.objects.get(pk=best[1])
    return Original(article, AppearanceMatch.NEAR, Decimal(f"{best[0]:.3f}"))


def fingerprint_rows(article: Article, item_print: ItemPrint) -> list[ArticleFingerprint]:
    """Unsaved band-key rows of a new article (for ``bulk_create``)."""
    return [ArticleFingerprint(article=article, key=k) for k in item_print.keys]
