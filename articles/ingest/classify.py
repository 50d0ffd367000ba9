"""Topic of an article from a keyword catalogue (``fixtures/topics.json``, editable in admin).

Scoring: every keyword occurrence counts once, matched leftmost-longest across the whole
catalogue (so 志愿服务 is not also counted as 志愿). An occurrence in the headline
(title_prefix, title, subtitle) weighs ``HEADLINE_WEIGHT``, one in the body 1; a keyword
may carry its own weight as ``"keyword:weight"`` (default 1; e.g. ``"志愿:0.5"`` for a
broad stem). The topic with the highest total wins if it reaches ``MIN_SCORE``; ties go
to the topic listed first in the catalogue. Matching runs on the Simplified view.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..text import to_simplified
from .types import ParsedArticle
from .vocabulary import word_trie

__all__ = ["Topic", "TopicCatalog", "classify", "HEADLINE_WEIGHT", "MIN_SCORE"]

DEFAULT_PATH = Path(__file__).resolve().parent.parent.parent / "fixtures" / "topics.json"
HEADLINE_WEIGHT = 5.0
MIN_SCORE = 2.0


@dataclass(frozen=True)
class Topic:
    """A topic: ``slug`` (natural key), names, and ``keywords`` as {keyword: weight}."""

    slug: str
    name_zh: str
    name_en: str
    keywords: Mapping[str, float]


class TopicCatalog:
    """Topics and one compiled keyword matcher (the longest keyword at each position)."""

    def __init__(self, topics: Iterable[Topic]):
        self.topics: list[Topic] = list(topics)
        self._owner: dict[str, tuple[int, float]] = {}
        for rank, topic in enumerate(self.topics):
            for keyword, weight in topic.keywords.items():
                # the first topic to list a keyword owns it
                self._owner.setdefault(keyword, (rank, weight))
        # a trie (``vocabulary.word_trie``) finds at each position the longest keyword, as
        # the alternation longest-first did, trying one branch per character, not all
        self._pattern = re.compile(word_trie(self._owner)) if self._owner else None

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping]) -> TopicCatalog:
        """Build from rows ``{slug, name_zh, name_en, keywords}``; keywords are strings,
        optionally ``"keyword:weight"``. Raises ``ValueError`` for a bad weight."""
        topics = []
        for row in rows:
            keywords: dict[str, float] = {}
            for raw in row.get("keywords") or []:
                word, sep, weight = str(raw).partition(":")
                word = word.strip()
                if not word:
                    continue
                try:
                    keywords[word] = float(weight) if sep else 1.0
                except ValueError as exc:
                    raise ValueError(f"topic {row['slug']}: bad keyword weight {raw!r}") from exc
            topics.append(
                Topic(row["slug"], row.get("name_zh", ""), row.get("name_en", ""), keywords)
            )
        return cls(topics)

    @classmethod
    def load(cls, path: str | Path | None = None) -> TopicCatalog:
        """The catalogue from a Django fixture (default ``fixtures/topics.json``), cached."""
        return _load_cached(str(Path(path) if path else DEFAULT_PATH))

    def scores(self, headline: str, body: str) -> dict[str, float]:
        """{slug: score} for topics with at least one keyword hit."""
        totals: dict[str, float] = {}
        if self._pattern is None:
            return totals
        for text, factor in ((headline, HEADLINE_WEIGHT), (body, 1.0)):
            for match in self._pattern.finditer(to_simplified(text)):
                rank, weight = self._owner[match.group()]
                slug = self.topics[rank].slug
                totals[slug] = totals.get(slug, 0.0) + factor * weight
        return totals


def classify(article: ParsedArticle, catalog: TopicCatalog) -> str | None:
    """The slug of the article's topic, or None when no topic scores ``MIN_SCORE``."""
    headline = " ".join(p for p in (article.title_prefix, article.title, article.subtitle) if p)
    scores = catalog.scores(headline, article.body or "")
    if not scores:
        return None
    order = {t.slug: i for i, t in enumerate(catalog.topics)}
    slug = max(scores, key=lambda s: (scores[s], -order[s]))
    return slug if scores[slug] >= MIN_SCORE else None


@lru_cache(maxsize=8)
def _load_cached(path: str) -> TopicCatalog:
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    return TopicCatalog.from_rows(entry["fields"] if "fields" in entry else entry for entry in data)
