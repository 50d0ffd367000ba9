"""Search text as typed by anyone: bounded in size and folded the same way on every database.

Two rules every search of the site goes through, whatever the search backend (``LIKE``
today, a full-text index later), so one request can never cost more than a fixed amount
and SQLite and PostgreSQL give the same answers:

- ``bound_search``: at most ``MAX_SEARCH_TERMS`` whitespace-separated terms and
  ``MAX_SEARCH_CHARS`` characters; the rest is dropped and the caller tells the user.
  Without it, 2,000 one-letter words took 11.7 s on PostgreSQL and more than about 1,000
  words failed on SQLite (``Expression tree is too large``; 100,000 characters give
  ``LIKE or GLOB pattern too complex``), see issue 12.
- ``fold`` / ``needs_unicode_fold``: case-insensitive matching of letters outside ASCII.
  SQLite's ``LIKE`` folds ASCII letters only, PostgreSQL's ``UPPER``/``LOWER`` fold every
  letter, so ``q=école`` found "École" on one database only. Terms with a non-ASCII cased
  letter are matched as ``fold(term)`` against ``Lower(column)``; on SQLite ``LOWER`` is
  replaced by Python's ``str.lower`` for every connection (``install_sqlite_lower``), which
  agrees with PostgreSQL's ``lower()`` under a UTF-8 ctype.
- ``search_operators``: what other search engines read as operators (OR, ``-word``), which
  this search reads as text; the list form names them under the box.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_SEARCH_TERMS = 12
"""Terms of one search kept (more is not a search a person types)."""

MAX_SEARCH_CHARS = 200
"""Characters of one search kept, spaces included."""


@dataclass(frozen=True)
class BoundedSearch:
    """A search cut to the limits: ``text`` (the kept terms joined by one space),
    ``terms`` (them, as a tuple) and ``trimmed`` (True when something was dropped)."""

    text: str
    terms: tuple[str, ...]
    trimmed: bool


def bound_search(
    q: str, max_terms: int = MAX_SEARCH_TERMS, max_chars: int = MAX_SEARCH_CHARS
) -> BoundedSearch:
    """``q`` cut to ``max_chars`` characters, then to its first ``max_terms`` terms.

    Control characters count as whitespace (they separate terms, never match). A term cut
    in the middle by the character limit is kept as cut. Never raises.
    """
    cleaned = "".join(" " if unicodedata.category(c) == "Cc" else c for c in q[: max_chars * 4])
    words = cleaned.split()
    kept: list[str] = []
    length = 0
    for word in words[:max_terms]:
        room = max_chars - length - (1 if kept else 0)
        if room <= 0:
            break
        kept.append(word[:room])
        length += len(kept[-1]) + (1 if len(kept) > 1 else 0)
    text = " ".join(kept)
    beyond = q[max_chars * 4 :].strip()  # never looked at, so dropped too
    trimmed = len(kept) < len(words) or text != " ".join(words) or bool(beyond)
    return BoundedSearch(text=text, terms=tuple(kept), trimmed=trimmed)


def fold(text: str) -> str:
    """``text`` in NFC, lower-cased (``École`` -> ``école``, ``ÉCOLE`` -> ``école``)."""
    return unicodedata.normalize("NFC", text).lower()


def needs_unicode_fold(term: str) -> bool:
    """Whether ``term`` has a letter outside ASCII that has case (é, Ä, Ω, Ж): only such a
    term needs ``Lower(column)`` matching; ASCII and CJK terms match alike on both
    databases with plain ``icontains``, which keeps their indexes and speed."""
    return any(ord(c) > 127 and c.lower() != c.upper() for c in term)


def _sqlite_lower(value):
    return value.lower() if isinstance(value, str) else value


def install_sqlite_lower(sender, connection, **kwargs) -> None:
    """``connection_created`` receiver: on SQLite, make SQL ``LOWER`` fold every letter
    (Python's ``str.lower``), as PostgreSQL's does; no-op on other databases."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("lower", 1, _sqlite_lower, deterministic=True)


#: Words search engines read as operators, which this search reads as text.
OPERATOR_WORDS = frozenset({"OR", "AND", "NOT", "|", "||", "&&"})
#: OR, AND or NOT in capitals written against Chinese (低保OR养老金, NOT养老).
GLUED_OPERATOR = re.compile(
    r"(?:(?<=[\u4e00-\u9fff])(?:OR|AND|NOT)(?![A-Za-z]))|(?:(?<![A-Za-z])(?:OR|AND|NOT)(?=[\u4e00-\u9fff]))"
)
#: Minus signs that lead an exclusion: ASCII, full-width and U+2212.
MINUS_SIGNS = "-－−"


def search_operators(terms: tuple[str, ...]) -> list[str]:
    """What in a search reads as an operator elsewhere: a term that is OR, AND or NOT (any
    case), ``|``, ``||`` or ``&&``; a term led by a minus (``-养老``: an exclusion); OR,
    AND or NOT in capitals against Chinese (``低保OR养老金``). Each once, in order. The
    search has none: every term must occur, and these are searched as text (a minus,
    punctuation, is not)."""
    found: list[str] = []
    for term in terms:
        if term.upper() in OPERATOR_WORDS or (len(term) > 1 and term[0] in MINUS_SIGNS):
            hits = [term]
        else:
            hits = GLUED_OPERATOR.findall(term)
        found += [h for h in hits if h not in found]
    return found
