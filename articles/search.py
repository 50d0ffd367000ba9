"""Full-text search of articles on an index, the same answers on SQLite and PostgreSQL.

Chinese has no spaces between words, so the index holds character **bigrams**: a run of
letters and digits ``社会保险`` is indexed as the tokens ``社会 会保 保险`` plus ``险þ``
(the run's last character with the sentinel ``þ``, so that a one-character query finds a
character at the end of a run too). A query term is the phrase of its bigrams
(``"社会 会保 保险"``: adjacent, in order, so a 4-character query never matches its
bigrams scattered apart), or for one character the prefix ``苍*``. Before both sides are
cut into bigrams, text is normalized (``normalize``): Traditional characters to
Simplified (``to_simplified``, character by character), lower case, and the spaces that
PDF extraction puts between Chinese characters removed. Runs are split at anything that
is not a letter or digit, so a term with punctuation inside matches its runs, each
phrase-exact, anywhere in the article (a documented approximation of LIKE).

Storage, one per database, both written by ``index_articles`` (called on every save of an
article and by the corpus generator; a delete removes the row):

- SQLite: an FTS5 table ``articles_search(title, body)`` (``tokenize='ascii'``: tokens
  split at ASCII spaces, every non-ASCII character a token character), rowid = article id.
- PostgreSQL: ``articles_search(article_id, title tsvector, body tsvector)`` with GIN
  indexes; the tsvectors are written as literals with positions (no text-search parser
  or configuration in the way), the query is a ``tsquery`` literal with ``<->``. Known
  limit: PostgreSQL keeps positions up to 16,383, so a phrase beyond the 16,383rd
  character of one body is not found there (news articles are far shorter).

``ids(q)`` runs one statement and returns the matching article ids with title hits
flagged; the article list computes it once per request and passes the ids to every
query of the page as one parameter (``id_filter``).
"""

from __future__ import annotations

import json
import operator
import re
from dataclasses import dataclass

from django.db import connection
from django.db.models.expressions import RawSQL

from .text import to_simplified

SENTINEL = "þ"
#: Limits on a query (issue 12): at most this many whitespace-separated terms, each of
#: at most ``MAX_TERM_CHARS`` characters; longer queries are a form error.
MAX_TERMS = 8
MAX_TERM_CHARS = 32
MAX_QUERY_CHARS = 100
#: PostgreSQL keeps tsvector positions up to this value.
PG_MAX_POSITION = 16383

_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")
_RUN = re.compile(r"[^\W_]+")  # letters and digits (Unicode), no underscore


def normalize(text: str) -> str:
    """Simplified, lower-case text without spaces between Chinese characters (the view
    both the index and the queries are cut from). The sentinel cannot occur in it."""
    text = to_simplified(text or "").lower().replace(SENTINEL, "t")
    return _SPACE_BETWEEN_CJK.sub("", text)


def runs(text: str) -> list[str]:
    """The runs of letters and digits of normalized ``text``."""
    return _RUN.findall(normalize(text))


def bigrams(run: str) -> list[str]:
    """``社会保险`` -> ``[社会, 会保, 保险, 险þ]``; ``苍`` -> ``[苍þ]``."""
    pairs = list(map(operator.add, run, run[1:]))  # run[i] + run[i + 1], at C speed
    pairs.append(run[-1] + SENTINEL)
    return pairs


def tokens(text: str) -> list[str]:
    """Every bigram token of ``text``, in order (runs concatenated)."""
    out: list[str] = []
    for run in runs(text):
        out += bigrams(run)
    return out


def query_runs(q: str) -> list[str]:
    """The runs a query asks for (each must occur), duplicates dropped, in order."""
    seen: dict[str, None] = {}
    for term in (q or "").split()[:MAX_TERMS]:
        for run in runs(term[:MAX_TERM_CHARS]):
            seen.setdefault(run, None)
    return list(seen)


@dataclass(frozen=True)
class Matches:
    """Article ids matching a query, and those of them that match in the headline
    (title, prefix or subtitle): shown first."""

    ids: list[int]
    title_ids: list[int]


# --------------------------------------------------------------------------- writing


def _title_text(title_prefix: str, title: str, subtitle: str) -> str:
    return "\n".join(part for part in (title_prefix, title, subtitle) if part)


def _pg_vector(text: str) -> str:
    positions: dict[str, list[int]] = {}
    for n, token in enumerate(tokens(text), 1):
        positions.setdefault(token, []).append(min(n, PG_MAX_POSITION))
    return " ".join(f"'{t}':{','.join(map(str, p[:256]))}" for t, p in positions.items())


def index_rows(rows) -> None:
    """Write index entries for ``rows`` of ``(id, title_prefix, title, subtitle, body)``
    (replacing any old entries of those ids)."""
    rows = list(rows)
    if not rows:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.executemany(
                "INSERT INTO articles_search (article_id, title, body) "
                "VALUES (%s, %s::tsvector, %s::tsvector) ON CONFLICT (article_id) "
                "DO UPDATE SET title = EXCLUDED.title, body = EXCLUDED.body",
                [(pk, _pg_vector(_title_text(p, t, s)), _pg_vector(b)) for pk, p, t, s, b in rows],
            )
        else:
            cursor.executemany(
                "DELETE FROM articles_search WHERE rowid = %s", [(r[0],) for r in rows]
            )
            cursor.executemany(
                "INSERT INTO articles_search (rowid, title, body) VALUES (%s, %s, %s)",
                [
                    (pk, " ".join(tokens(_title_text(p, t, s))), " ".join(tokens(b)))
                    for pk, p, t, s, b in rows
                ],
            )


def index_articles(ids: list[int] | None = None, *, batch: int = 2000) -> int:
    """(Re)index the articles with these ids (all articles for None); returns how many."""
    from .models import Article

    queryset = Article.objects.order_by("pk")
    if ids is not None:
        queryset = queryset.filter(pk__in=ids)
    fields = ("pk", "title_prefix", "title", "subtitle", "body")
    rows, count = [], 0
    for row in queryset.values_list(*fields).iterator(chunk_size=batch):
        rows.append(row)
        if len(rows) == batch:
            index_rows(rows)
            count, rows = count + len(rows), []
    index_rows(rows)
    return count + len(rows)


def unindex(ids: list[int]) -> None:
    """Remove the index entries of these article ids."""
    if not ids:
        return
    with connection.cursor() as cursor:
        column = "article_id" if connection.vendor == "postgresql" else "rowid"
        cursor.executemany(
            f"DELETE FROM articles_search WHERE {column} = %s", [(pk,) for pk in ids]
        )


# --------------------------------------------------------------------------- reading


def _fts5_query(wanted: list[str]) -> str:
    phrases = ['"' + " ".join(bigrams(run)[:-1]) + '"' for run in wanted]
    return " AND ".join(
        f'"{run}"*' if len(run) == 1 else p for run, p in zip(wanted, phrases, strict=True)
    )


def _tsquery(run: str) -> str:
    if len(run) == 1:
        return f"'{run}':*"
    return " <-> ".join(f"'{b}'" for b in bigrams(run)[:-1])


def _pg_statement(wanted: list[str]) -> tuple[str, list[str]]:
    """Each run in the headline or the body (like the LIKE it replaces); the title flag
    when every run is in the headline."""
    each = " AND ".join(
        "(title @@ CAST(%s AS tsquery) OR body @@ CAST(%s AS tsquery))" for _ in wanted
    )
    params = [_tsquery(run) for run in wanted for _ in range(2)]
    every = " & ".join(f"({_tsquery(run)})" for run in wanted)
    sql = f"SELECT article_id, title @@ CAST(%s AS tsquery) FROM articles_search WHERE {each}"
    return sql, [every, *params]


def matches(q: str) -> Matches:
    """The ids of articles whose headline or body contains every run of ``q``; one
    statement on the index. Newest id first; ``title_ids`` those matching in the headline."""
    wanted = query_runs(q)
    if not wanted:
        return Matches([], [])
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(*_pg_statement(wanted))
        else:
            expr = _fts5_query(wanted)
            cursor.execute(
                "SELECT rowid, rowid IN (SELECT rowid FROM articles_search "
                "WHERE articles_search MATCH %s) FROM articles_search "
                "WHERE articles_search MATCH %s",
                ["title : (" + expr + ")", expr],
            )
        # sorted here, not by ORDER BY: PostgreSQL then walked the primary key backwards,
        # testing every row's tsvector, instead of using the GIN indexes (1.7 s vs 25 ms)
        rows = sorted(cursor.fetchall(), reverse=True)
    return Matches([r[0] for r in rows], [r[0] for r in rows if r[1]])


def id_filter(ids: list[int]) -> RawSQL:
    """A subquery of these ids as one parameter (``pk__in=id_filter(ids)``), so a long
    list never hits a parameter limit and is sent once per query, not re-searched."""
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", (list(ids),))
    return RawSQL("SELECT value FROM json_each(%s)", (json.dumps(list(ids)),))


# --------------------------------------------------------------------------- highlighting


def highlight_spans(text: str, q: str) -> list[tuple[int, int]]:
    """``[start, end)`` spans of ``text`` matching a run of ``q`` (Traditional or
    Simplified, any case, spaces between Chinese characters allowed), sorted, merged."""
    wanted = query_runs(q)
    if not text or not wanted:
        return []
    view = to_simplified(text).lower()
    if len(view) != len(text):  # a case mapping changed the length: no highlight
        return []
    spans = []
    for run in wanted:
        pattern = r"\s*".join(re.escape(ch) for ch in run)
        spans += [m.span() for m in re.finditer(pattern, view)]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
