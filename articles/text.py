"""Text helpers shared by the parser and the models: Traditional/Simplified views and
evidence sentences.

They sit below both users (``articles.ingest`` and ``articles.models``), so that models,
exports and templates never import the parser. No Django import here.

- ``to_simplified``: a Traditional-to-Simplified *view* for matching only, character by
  character so ``len(view) == len(text)`` and offsets line up; jionlp's ``tra2sim``
  (char mode) provides the table, read from its data file without importing jionlp.
- ``to_traditional``: the reverse table, for search.
- ``sentence_span``: the sentence of a body around an evidence span.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from .ingest.vocabulary import EVIDENCE_SENTENCE_ENDS

__all__ = [
    "SENTENCE_ENDS",
    "jionlp_data_lines",
    "needs_simplifying",
    "sentence_span",
    "to_simplified",
    "to_traditional",
]


def to_simplified(text: str) -> str:
    """A Simplified-character view of ``text`` with the same length (for matching only).

    Converts character by character with jionlp's ``tra2sim`` table, so index ``i`` in the
    view is index ``i`` in ``text``. Text already in GB2312 is returned as is (fast path),
    and so is text with no character of the table (a set test at C speed: a dash or 祎
    takes a line out of GB2312, and ``str.translate`` with a dict table costs about
    twice as much per character).
    If jionlp is not installed the text is returned unchanged.
    """
    if not text:
        return text
    try:
        text.encode("gb2312")
        return text
    except UnicodeEncodeError:
        pass
    table = _tra2sim_table()
    if not table or not _tra2sim_re().search(text):
        return text
    return text.translate(table)


def needs_simplifying(text: str) -> bool:
    """False when ``to_simplified`` leaves ``text``, and so every part of it, as it is (no
    character of the table; or jionlp missing): a caller with many lines of one page asks
    once for the page instead of converting each line."""
    return bool(_tra2sim_table()) and _tra2sim_re().search(text) is not None


def to_traditional(text: str) -> str:
    """The Traditional-character spelling of ``text``, character by character (jionlp's
    ``sim2tra_char`` table; same length). For search: a Simplified query also finds pages
    reposted in Traditional characters. Where one Simplified character has several
    Traditional ones (发: 發/髮) the table's first is used, so this is a best effort."""
    table = _sim2tra_table()
    return text.translate(table) if table else text


@lru_cache(maxsize=1)
def _sim2tra_table() -> dict[int, str]:
    """{ord(simplified): traditional} for one-to-one character pairs from jionlp."""
    return _jionlp_char_table("sim2tra_char.txt")


@lru_cache(maxsize=1)
def _tra2sim_table() -> dict[int, str]:
    """{ord(traditional): simplified} for one-to-one character pairs from jionlp."""
    return _jionlp_char_table("tra2sim_char.txt")


@lru_cache(maxsize=1)
def _tra2sim_re() -> re.Pattern:
    """A character class of the characters ``_tra2sim_table`` changes: its ``search``
    scans a text in C (a frozenset's ``isdisjoint`` with a string makes a string
    object of each character, ten times the cost on a body)."""
    return re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_tra2sim_table())) + "]")


def _jionlp_char_table(file_name: str) -> dict[int, str]:
    """One-character-to-one-character pairs of a jionlp conversion table, read from the
    data file without importing jionlp (a one-second import)."""
    table: dict[int, str] = {}
    for line in jionlp_data_lines(file_name):
        source, _, target = line.rstrip("\n").partition("\t")
        if len(source) == 1 and len(target) == 1 and source != target:
            table[ord(source)] = target
    return table


def jionlp_data_lines(name: str) -> Iterator[str]:
    """Lines of a jionlp data file, found without importing jionlp (a slow import).

    jionlp ships some dictionaries only as ``<name>.zip`` and unzips them the first time
    its own loader runs, so the ``.txt`` may or may not be there: read whichever exists.
    Raises ``FileNotFoundError`` when jionlp or the file is missing: these words decide
    which place names are risky, so silently using none would change what is located.
    """
    import importlib.util
    import io
    import zipfile

    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("jionlp is not installed (see requirements.txt)")
    folder = Path(next(iter(spec.submodule_search_locations))) / "dictionary"
    text_path, zip_path = folder / name, folder / (Path(name).stem + ".zip")
    if text_path.exists():
        with open(text_path, encoding="utf-8") as f:
            yield from f
        return
    if not zip_path.exists():
        raise FileNotFoundError(f"jionlp data file not found: {text_path} (nor {zip_path.name})")
    with zipfile.ZipFile(zip_path) as archive, archive.open(name) as raw:
        yield from io.TextIOWrapper(raw, encoding="utf-8")


#: Characters that end a sentence for evidence context: Chinese full stop, question and
#: exclamation marks, the semicolon that separates clauses in reports, and a paragraph break
#: (``vocabulary.EVIDENCE_SENTENCE_ENDS``).
SENTENCE_ENDS = EVIDENCE_SENTENCE_ENDS


def sentence_span(body: str, start: int, end: int) -> tuple[int, int]:
    """The sentence of ``body`` around ``body[start:end]``, as ``(sentence_start,
    sentence_end)`` offsets: from just after the previous sentence end (see
    ``SENTENCE_ENDS``) to just after the next one (the end mark included, a paragraph
    break excluded), or the body's ends. Always ``sentence_start <= start`` and
    ``sentence_end >= end``. The body's end marks are found once and cached, since an
    article's metrics ask about the same body one after another."""
    ends = _sentence_ends(body)
    i = bisect_left(ends, start)  # ends[i - 1] is the last mark before start
    left = ends[i - 1] + 1 if i else 0
    j = bisect_left(ends, end)  # ends[j] is the first mark at or after end
    right = ends[j] if j < len(ends) else len(body)
    if right < len(body) and body[right] != "\n":
        right += 1
    return left, max(right, end)


_SENTENCE_END = re.compile("[" + re.escape(SENTENCE_ENDS) + "]")


@lru_cache(maxsize=32)
def _sentence_ends(body: str) -> list[int]:
    """Sorted offsets of every sentence-end mark in ``body``."""
    return [m.start() for m in _SENTENCE_END.finditer(body)]


#: Characters of a caption an untitled article (a photo) is listed by.
SHOWN_TITLE_CHARS = 30


def shown_title(title: str, body: str) -> str:
    """The title an article is shown by (``Article.display_title``): its headline, else,
    for a photo without one, the caption's first ``SHOWN_TITLE_CHARS`` characters and '…'
    when there are more. Exports use it too, so a file names each article as the list
    does."""
    if title:
        return title
    return (body[:SHOWN_TITLE_CHARS] + "…") if len(body) > SHOWN_TITLE_CHARS else body
