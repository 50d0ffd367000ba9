"""Full-text search of articles on an index, the same answers on SQLite and PostgreSQL.

Chinese has no spaces between words, so SQLite's index holds character **bigrams**
(PostgreSQL's holds windows, below, with the same answers): a run of letters and digits
``社会保险`` is indexed as the tokens ``社会 会保 保险`` plus ``险þ`` (the run's last
character with the sentinel ``þ``, so that a one-character query finds a character at
the end of a run too). A query term is the phrase of its bigrams
(``"社会 会保 保险"``: adjacent, in order, so a 4-character query never matches its
bigrams scattered apart), or for one character the prefix ``苍*``. Before both sides are
cut into bigrams, text is normalized (``normalize``): Traditional characters to
Simplified (``to_simplified``, character by character), lower case, and the spaces that
PDF extraction puts between Chinese characters removed, and a decimal point between
digits made a letter of the run (``DECIMAL``: ``5.1万`` is the one run ``5ð1万``, so it
finds 5.1万, never 15万 nor a 5 and a 1万 apart), a percent sign after a digit too
(``PERCENT``: ``15%`` finds 15% and 1.15%, not 150), full-width digits and letters read
as ASCII (``５．１万`` is ``5.1万``), and the spaces PDF extraction puts between a number
and the Chinese beside it dropped (``11.45 万人``). Runs are split at anything else that
is not a letter or digit, so a term with punctuation inside matches its runs, each
phrase-exact, anywhere in the article (a documented approximation of LIKE): ``15人/户``
finds 15人 and a 户 apart. An exact recheck of the candidates (issue 9) reads every
candidate's text: at 100,000 articles ``15%`` had 42,600 candidates for 8,100 articles
that contain it (before ``PERCENT``), and a bare ``strpos`` over their raw text cost 280
ms of PostgreSQL CPU (730 ms with part of ``normalize`` in SQL), on every page and facet
count of such a search; not done.

Storage, one per database, both written by ``index_articles`` (called on every save of an
article and by the corpus generator; a delete removes the row):

- SQLite: an FTS5 table ``articles_search(title, body)`` (``tokenize='ascii'``: tokens
  split at ASCII spaces, every non-ASCII character a token character), rowid = article id.
- PostgreSQL: ``articles_search(article_id, title tsvector, body tsvector, region_id,
  topic_id, kind, published, page_id, year, publication_id)`` with GIN indexes on the tsvectors. They hold
  **windows**, not bigrams: the up to ``WINDOW`` (4) characters that start at each
  character of a run (``社会保险`` -> ``社会保险 会保险 保险 险``), with positions, written
  as literals (no text-search parser or configuration in the way). A run of at most four
  characters is then one lexeme or one prefix (``'社会保险'``, ``'低保':*``): exact on the
  index alone, with no recheck of each candidate's tsvector (phrases of bigrams read
  every candidate's body vector from TOAST: 100 ms for 社会保险 at 100,000 articles). A
  longer run is the phrase of its windows at offsets 0, 4, 8, ... and the last one
  (``实名注册志愿者``: ``'实名注册' <3> '册志愿者'``), rechecked. Positions leave a gap between runs, so a
  phrase never spans two. The other columns copy the article's (``index_rows`` writes
  them, a trigger follows every later UPDATE of them; ``year`` and the page's
  ``publication_id`` are filled by a trigger of migration 0033), so the list's one search
  statement (``search_listing``) counts facets from this narrow table alone. Known limit:
  PostgreSQL keeps positions up to 16,383, so a run of more than four characters beyond
  the 16,383rd character of one body is not found there (news articles are far shorter).

``matches(q)`` runs one statement and returns the matching article ids with title hits
flagged; ``matched_ids`` puts them into a query lazily (computed at most once however
many statements use them, passed as one parameter). The list page itself reads a search
in one statement (``articles.search_listing``), and its ids never reach Python.
"""

from __future__ import annotations

import json
import operator
import re
from dataclasses import dataclass
from itertools import pairwise

from django.db import connection
from django.db.models.expressions import RawSQL

from .text import to_simplified

SENTINEL = "þ"
#: A decimal point between digits, as the index and the queries hold it (a letter, so
#: part of its number's run); text's own ``ð`` is read as ``d``.
DECIMAL = "ð"
#: A percent sign after a digit, likewise (``15%`` is the run ``15ƿ``: it finds 15% and
#: 1.15%, not 150 nor 15人); text's own ``ƿ`` is read as ``w``.
PERCENT = "ƿ"
#: Limits on a query (issue 12): at most this many whitespace-separated terms, each of
#: at most ``MAX_TERM_CHARS`` characters; longer queries are a form error.
MAX_TERMS = 8
MAX_TERM_CHARS = 32
MAX_QUERY_CHARS = 100
#: PostgreSQL keeps tsvector positions up to this value.
PG_MAX_POSITION = 16383
#: Characters of a PostgreSQL index window (a run this long or shorter is one lexeme).
WINDOW = 4

_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")
_RUN = re.compile(r"[^\W_]+")  # letters and digits (Unicode), no underscore
#: A thousands separator: a comma between a digit and exactly three digits (``51,104``,
#: ``1,234,567``; not ``2023,2024`` nor ``1,2``).
THOUSANDS_COMMA = re.compile(r"(?<=[0-9]),(?=[0-9]{3}(?![0-9]))")
_DIGIT_GAP = r"\s*(?:,(?=[0-9]{3}(?![0-9])))?"
#: A decimal point (ASCII or full-width) between digits.
DECIMAL_POINT = re.compile(r"(?<=\d)[.．](?=\d)")
#: A percent sign (ASCII or full-width) after a digit.
PERCENT_SIGN = re.compile(r"(?<=\d)[%％]")
#: Spaces PDF extraction puts between a number and the Chinese around it (``共有 51104
#: 人``, ``11.45 万人``): dropped like those between Chinese characters.
_SPACE_AT_NUMBER = re.compile(rf"(?<=[{_CJK}])\s+(?=\d)|(?<=[\d%％])\s+(?=[{_CJK}])")
#: Full-width digits and Latin letters as ASCII (``５．１万`` is ``5.1万``); one character
#: for one, so positions in a text and in its view stay the same.
FULL_WIDTH = str.maketrans(
    {
        chr(code): chr(code - 0xFEE0)
        for first, last in (("０", "９"), ("Ａ", "Ｚ"), ("ａ", "ｚ"))
        for code in range(ord(first), ord(last) + 1)
    }
)

#: Any character ``FULL_WIDTH`` maps: a text without one is left as it is (``ascii_width``).
_FULL_WIDTH_CHARS = re.compile("[０-９Ａ-Ｚａ-ｚ]")


def ascii_width(text: str) -> str:
    """``text.translate(FULL_WIDTH)``, the text itself when it has no full-width digit or
    letter (most reports): a search at C speed instead of ``translate`` with a dict
    table, about 90 ns a character (1.5 ms for the 25 bodies of a result page here)."""
    return text.translate(FULL_WIDTH) if _FULL_WIDTH_CHARS.search(text) else text


def normalize(text: str) -> str:
    """Simplified, lower-case text with ASCII digits and letters (``FULL_WIDTH``),
    without spaces between Chinese characters or between a number and Chinese, without
    thousands separators, with each decimal point between digits as ``DECIMAL`` and
    each percent sign after a digit as ``PERCENT`` (``51,104.5 万`` and ``５１１０４．５万``
    -> ``51104ð5万``, ``15%`` -> ``15ƿ``: a number is one run however it is written):
    the view both the index and the queries are cut from. The sentinel cannot occur
    in it, nor ``DECIMAL`` and ``PERCENT`` but for a point and a percent sign."""
    text = ascii_width(to_simplified(text or "")).lower()
    text = text.replace(SENTINEL, "t").replace(DECIMAL, "d").replace(PERCENT, "w")
    text = _SPACE_AT_NUMBER.sub("", _SPACE_BETWEEN_CJK.sub("", text))
    text = THOUSANDS_COMMA.sub("", text)
    return PERCENT_SIGN.sub(PERCENT, DECIMAL_POINT.sub(DECIMAL, text))


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


def windows(text: str) -> dict[str, list[int]]:
    """``{window: [positions]}`` of ``text`` (PostgreSQL's index): the up to ``WINDOW``
    characters starting at each character of each run, at 1-based positions that leave
    one unused position between runs (``社会 保险`` -> 社会:1 会:2 保险:4 险:5)."""
    positions: dict[str, list[int]] = {}
    start = 1
    for run in runs(text):
        for i in range(len(run)):
            positions.setdefault(run[i : i + WINDOW], []).append(start + i)
        start += len(run) + 1
    return positions


def _pg_vector(text: str) -> str:
    parts = []
    for window, at in windows(text).items():
        if at[-1] > PG_MAX_POSITION:  # only in very long texts
            at = [min(p, PG_MAX_POSITION) for p in at]
        parts.append(f"'{window}':{','.join(map(str, at[:256]))}")
    return " ".join(parts)


#: One article's index row on PostgreSQL: its windows, and the columns the list's facets
#: and order read, copied from the article as stored now (a trigger of migration 0023
#: follows later changes of them; one of 0033 fills ``year`` and ``publication_id``, and
#: since 0038 ``adcode``).
PG_KEYS = ("region_id", "topic_id", "kind", "published", "page_id")
PG_UPSERT = (
    f"INSERT INTO articles_search (article_id, title, body, {', '.join(PG_KEYS)}) "
    f"SELECT a.id, %s::tsvector, %s::tsvector, {', '.join('a.' + k for k in PG_KEYS)} "
    "FROM articles_article a WHERE a.id = %s ON CONFLICT (article_id) DO UPDATE SET "
    + ", ".join(f"{c} = EXCLUDED.{c}" for c in ("title", "body", *PG_KEYS))
)


def index_rows(rows) -> None:
    """Write index entries for ``rows`` of ``(id, title_prefix, title, subtitle, body)``
    (replacing any old entries of those ids)."""
    rows = list(rows)
    if not rows:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.executemany(
                PG_UPSERT,
                [(_pg_vector(_title_text(p, t, s)), _pg_vector(b), pk) for pk, p, t, s, b in rows],
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


def index_new_rows(rows) -> None:
    """Write index entries for articles not indexed yet, ``rows`` of ``(id, title_prefix,
    title, subtitle, body, region_id, topic_id, kind, published, page_id)`` (the copied
    columns of ``PG_KEYS`` given, not read back): on PostgreSQL by COPY (the generator's
    batches; an UPSERT a row that reads its article back took twice as long, 3,000
    articles 8.8-11.2 s against 4.7-5.0 s), elsewhere ``index_rows``. The trigger of
    migration 0033 fills ``year``, ``publication_id`` and ``adcode`` as for any insert. Raises the
    database's error for an id already indexed (nothing of the batch is written)."""
    rows = list(rows)
    if connection.vendor != "postgresql":
        index_rows(row[:5] for row in rows)
        return
    columns = ", ".join(("article_id", "title", "body", *PG_KEYS))
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY articles_search ({columns}) FROM STDIN") as copy:
            for pk, prefix, title, subtitle, body, *keys in rows:
                head = _pg_vector(_title_text(prefix, title, subtitle))
                copy.write_row((pk, head, _pg_vector(body), *keys))


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


def _tsquery(run: str, *, loose: bool = False) -> str:
    """A run as a tsquery on the windows: a prefix below ``WINDOW`` characters, one
    lexeme at ``WINDOW``, else the phrase of the windows at 0, 4, 8, ... and the last
    (``loose``: those windows anywhere, ``&``: answered by the index alone, without
    reading each candidate's vector; a superset of the phrase's matches)."""
    if len(run) < WINDOW:
        return f"'{run}':*"
    starts = list(range(0, len(run) - WINDOW + 1, WINDOW))
    if starts[-1] != len(run) - WINDOW:
        starts.append(len(run) - WINDOW)
    parts = [f"'{run[:WINDOW]}'"]
    for before, at in pairwise(starts):
        parts.append(f"{'&' if loose else f'<{at - before}>'} '{run[at : at + WINDOW]}'")
    return " ".join(parts)


@dataclass(frozen=True)
class MatchSource:
    """The rows of the index matching a query, as SQL to put in a FROM clause:
    ``sql`` names ``source`` (one row per matching article, ``key`` its article id,
    ``hit`` 1 when every run is in the headline, else 0: the condition ``headline`` on
    ``source``; ``head`` the same condition read from the row itself, for few rows; each
    with ``hit_params``), ``params`` its parameters in order.
    PostgreSQL's ``source`` also has the article columns of ``PG_KEYS``, and ``head``
    holds on any row of ``articles_search`` named ``source``."""

    sql: str
    params: list
    key: str
    head: str
    hit_params: list
    head_ids: str = ""

    @property
    def headline(self) -> str:
        """``head`` as a test of the row's id against the ids of the headline matches
        (``head_ids``, with ``hit_params``), for testing many rows: on PostgreSQL each
        title's vector is kept out of its row (migration 0041), and reading it for each
        of 苍's 42,000 matches took 300 ms, the ids from the titles' GIN index a few."""
        return self.head_ids or self.head

    @property
    def hit(self) -> str:
        return f"CASE WHEN {self.headline} THEN 1 ELSE 0 END"


def match_source(wanted: list[str], vendor: str) -> MatchSource:
    """``MatchSource`` of the runs ``wanted`` (non-empty) on ``vendor``'s index: each run
    in the headline or the body (like the LIKE it replaces), the hit flag when every run
    is in the headline."""
    if vendor == "postgresql":
        # every run at once on the index of headline || body (migration 0028), a phrase
        # (a run longer than WINDOW) as its windows anywhere (exact on the index: no
        # candidate's vector read), then the phrase itself on headline or body alone (in
        # the concatenation the body's first position follows the headline's last)
        anywhere = " & ".join(f"({_tsquery(run, loose=True)})" for run in wanted)
        every = " & ".join(f"({_tsquery(run)})" for run in wanted)
        phrases = [run for run in wanted if len(run) > WINDOW]
        each = "".join(
            " AND (title @@ CAST(%s AS tsquery) OR body @@ CAST(%s AS tsquery))" for _ in phrases
        )
        return MatchSource(
            sql=f"(SELECT * FROM articles_search WHERE (title || body) @@ CAST(%s AS tsquery)"
            f"{each}) source",
            params=[anywhere, *(_tsquery(run) for run in phrases for _ in range(2))],
            key="source.article_id",
            head="source.title @@ CAST(%s AS tsquery)",
            hit_params=[every],
            head_ids="source.article_id IN (SELECT article_id FROM articles_search "
            "WHERE title @@ CAST(%s AS tsquery))",
        )
    expr = _fts5_query(wanted)
    return MatchSource(
        sql="(SELECT rowid AS article_id FROM articles_search WHERE articles_search MATCH %s) "
        "source",
        params=[expr],
        key="source.article_id",
        head="source.article_id IN (SELECT rowid FROM articles_search "
        "WHERE articles_search MATCH %s)",
        hit_params=["title : (" + expr + ")"],
    )


#: PostgreSQL: the statement is sent with the sequential scan off for it alone. The
#: planner does not count what a sequential scan of ``articles_search`` really costs
#: (every row's body vector read from TOAST and unpacked to test ``@@``), so for a term
#: in most articles (险: 80% at 100,000 articles) it chose to scan: 3-7 s, past the
#: statement timeout (a 503); the GIN index answers the same in 130-160 ms. ``SET
#: LOCAL`` lasts for the implicit transaction of the one message (or the enclosing
#: transaction, which ``RESET`` ends it for); the statement stays one query (Django's
#: default client-side binding sends the three as one simple-protocol message). JIT is
#: off with it: a scan the planner cannot avoid still costs the 10^10 that disables it,
#: far past ``jit_above_cost``, and compiling the statement then took 3.5 s (a region
#: lookup of the list's statement written as a CTE, found trying variants). No parallel
#: workers either: once ``ANALYZE`` knew how many articles 苍 matches (42,000 of 100,000),
#: the list's page scan was planned on two workers, 41.6 ms median against 39.3 ms on
#: one process beside another busy one, and under load every worker is a request's.
_INDEX_ONLY = (
    "SET LOCAL enable_seqscan = off; SET LOCAL jit = off; "
    "SET LOCAL max_parallel_workers_per_gather = 0; ",
    "; RESET enable_seqscan; RESET jit; RESET max_parallel_workers_per_gather",
)


def run_on_index(cursor, sql: str, params: list) -> list[tuple]:
    """Execute ``sql`` (a statement reading ``match_source``) and return all its rows.

    On PostgreSQL the planner may not scan ``articles_search`` sequentially for it (see
    ``_INDEX_ONLY``); SQLite's FTS5 table has no such choice. Raises what the cursor
    raises (a statement timeout as ``OperationalError``)."""
    if cursor.db.vendor != "postgresql":
        cursor.execute(sql, params)
        return cursor.fetchall()
    cursor.execute(_INDEX_ONLY[0] + sql + _INDEX_ONLY[1], params)
    for _ in range(_INDEX_ONLY[0].count("SET ")):  # past the SETs' empty results
        cursor.nextset()
    return cursor.fetchall()


def matches(q: str) -> Matches:
    """The ids of articles whose headline or body contains every run of ``q``; one
    statement on the index. Newest id first; ``title_ids`` those matching in the headline."""
    wanted = query_runs(q)
    if not wanted:
        return Matches([], [])
    source = match_source(wanted, connection.vendor)
    with connection.cursor() as cursor:
        found = run_on_index(
            cursor,
            f"SELECT {source.key}, {source.hit} FROM {source.sql}",
            [*source.hit_params, *source.params],
        )
        # sorted here, not by ORDER BY: PostgreSQL then walked the primary key backwards,
        # testing every row's tsvector, instead of using the GIN indexes (1.7 s vs 25 ms)
        rows = sorted(found, reverse=True)
    return Matches([r[0] for r in rows], [r[0] for r in rows if r[1]])


def id_filter(ids: list[int], vendor: str | None = None) -> RawSQL:
    """A subquery of these ids as one parameter (``pk__in=id_filter(ids)``), so a long
    list never hits a parameter limit and is sent once per query, not re-searched."""
    if (vendor or connection.vendor) == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", (list(ids),))
    return RawSQL("SELECT value FROM json_each(%s)", (json.dumps(list(ids)),))


class _LazyMatches:
    """``matches(q)``, run the first time a statement that uses it is compiled."""

    def __init__(self, q: str):
        self.q = q
        self._found: Matches | None = None

    def get(self) -> Matches:
        if self._found is None:
            self._found = matches(self.q)
        return self._found


class MatchedIds(RawSQL):
    """``pk__in=MatchedIds(...)``: the ids (or headline ids) matching ``q``, searched once
    when the first statement using them is compiled (copies of the queryset share the
    search) and sent as one parameter (``id_filter``). A queryset that is never
    evaluated (the list page reads through ``search_listing``) never searches."""

    def __init__(self, found: _LazyMatches, *, title: bool = False):
        super().__init__("", ())
        self.found, self.title = found, title

    def as_sql(self, compiler, connection):
        found = self.found.get()
        raw = id_filter(found.title_ids if self.title else found.ids, connection.vendor)
        return f"({raw.sql})", list(raw.params)


def matched_ids(q: str) -> tuple[MatchedIds, MatchedIds]:
    """``(all, headline)``: lazy id subqueries of ``q`` sharing one search."""
    found = _LazyMatches(q)
    return MatchedIds(found), MatchedIds(found, title=True)


# --------------------------------------------------------------------------- highlighting


def highlight_spans(text: str, q: str) -> list[tuple[int, int]]:
    """``[start, end)`` spans of ``text`` matching a run of ``q`` (Traditional or
    Simplified, any case, spaces between Chinese characters and thousands separators
    between digits allowed, a decimal point ASCII or full-width), sorted, merged.
    ``Highlighter(q).spans(text)``: for many texts, make the ``Highlighter`` once."""
    return Highlighter(q).spans(text)


def _run_pattern(run: str) -> str:
    """The regular expression of one query run over a text's search view (simplified,
    ASCII-width, lower case): spaces allowed between characters, thousands separators
    between digits, either decimal point and percent sign."""
    return "".join(
        {DECIMAL: "[.．]", PERCENT: "[%％]"}.get(ch)
        or re.escape(ch) + (_DIGIT_GAP if ch.isdigit() and nxt.isdigit() else r"\s*")
        for ch, nxt in pairwise(run + " ")
    ).removesuffix(r"\s*")


class Highlighter:
    """The hits of one search ``q`` in any number of texts: its runs (``query_runs``)
    read and their patterns compiled once, where ``highlight_spans`` did both for each
    text (a result page marks a title, prefix, subtitle and snippet in each of 25 rows).

    ``spans(text)``: as ``highlight_spans(text, q)``; ``bool(h)``: the query has a run."""

    def __init__(self, q: str):
        self.patterns = [re.compile(_run_pattern(run)) for run in query_runs(q)]

    def __bool__(self) -> bool:
        return bool(self.patterns)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """``[start, end)`` spans of ``text`` that match a run, sorted, merged; none when
        a case mapping changes the text's length (the spans would not line up)."""
        if not text or not self.patterns:
            return []
        view = ascii_width(to_simplified(text)).lower()
        if len(view) != len(text):  # a case mapping changed the length: no highlight
            return []
        spans = sorted(m.span() for pattern in self.patterns for m in pattern.finditer(view))
        merged: list[tuple[int, int]] = []
        for start, end in spans:
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return merged
