"""The normalized view extraction matches on (whitespace dropped, NFKC, Simplified) with its
map back to the body, the clause and sentence marks in it, and ``Raw``, a quantity in
view coordinates while the rules run."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from ...text import to_simplified
from ..numbers import (
    CHINESE_NUMERAL_CHARS,
)
from ..types import Bound

#: Frequent Traditional-only characters: if a body holds any, it is folded to Simplified
#: with jionlp (imported lazily: it takes ~1 s to import).
_TRADITIONAL_HINT = frozenset(
    "萬億兩個項場餘約來對當國會時們說與發關這還進過開後問員區縣鄉鎮門點業實現動產經從"
    "書長幫義學習務參報領補貼療護環檢減稅農戶專費總組織黨幹應為辦機設號幣額萬難視"
)
#: ``_TRADITIONAL_HINT`` as a character class: a body is searched in C.
_TRADITIONAL_HINT_RE = re.compile("[" + "".join(sorted(_TRADITIONAL_HINT)) + "]")
_EXTRA_FOLD = {"馀": "余"}  # jionlp folds 餘 to 馀; numbers use 余
_FULLWIDTH_DIGITS = frozenset("０１２３４５６７８９")
_DIGIT_COMMA_RE = re.compile("[０-９]，[０-９]")


#: The furthest a rule reads from a number, in view characters, for a clause and for a
#: sentence. Real clauses and sentences are shorter; run-on text with no punctuation (a
#: PDF table, a page of filler) would otherwise make every number read all that came
#: before it, and parsing time quadratic in the page size (issue 12, point 3).
CLAUSE_WINDOW = 80
SENTENCE_WINDOW = 240


@dataclass(frozen=True)
class NormalizedText:
    """A whitespace-free, NFKC-folded, Simplified view of a text with a map back.

    ``text[j]`` came from ``original[src[j]]``; ``src`` is non-decreasing.
    """

    text: str
    src: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of the view span ``text[start:end]`` (end > start)."""
        return self.src[start], self.src[end - 1] + 1

    def from_original(self, start: int, end: int) -> tuple[int, int]:
        """View ``(start, end)`` covering the original span ``[start, end)``."""
        return bisect_left(self.src, start), bisect_left(self.src, end)


def _fold_traditional(body: str) -> str:
    if not _TRADITIONAL_HINT_RE.search(body):
        return body
    return to_simplified(body)  # one-to-one, so offsets stay aligned


@lru_cache(maxsize=8192)
def _replacement(ch: str) -> str:
    """What ``ch`` becomes in the view: nothing for whitespace, itself for ASCII and CJK
    (and the Chinese comma, a clause mark), else its NFKC form without spaces.
    Remembered per character: every body asks again for the same few hundred."""
    if ch.isspace():
        return ""
    if ch.isascii() or "\u4e00" <= ch <= "\u9fff" or ch == "，":
        return _EXTRA_FOLD.get(ch, ch)
    return "".join(c for c in unicodedata.normalize("NFKC", ch) if not c.isspace())


#: The characters ``_replacement`` may change (or the Chinese comma): all but printable
#: ASCII and CJK, which stay as they are unless ``_EXTRA_FOLD`` folds them. Only these
#: are looked at, instead of every distinct character of a body.
_MAYBE_SPECIAL_RE = re.compile(
    "[^\x21-\x7e\u4e00-\u9fff]|[" + "".join(re.escape(c) for c in sorted(_EXTRA_FOLD)) + "]"
)


@lru_cache(maxsize=16)
def normalize(body: str) -> NormalizedText:
    """The view extraction matches on; see the module docstring.

    Cached (the view is immutable): ``extract_quantities`` and ``indicators.assign`` ask
    for the same article body one after the other.

    Drops all whitespace, applies NFKC per character (１２３ -> 123, ％ -> %, （ -> (),
    keeps the Chinese comma ， (a clause mark) except between full-width digits
    (１，２３４), and folds Traditional characters to Simplified.

    Linear and mostly in C: each distinct character is looked at once, and the runs of
    characters that stay as they are are copied whole.
    """
    folded = _fold_traditional(body)
    # a Chinese comma changes only between full-width digits (１，２３４): without such
    # a comma it stays, and the commas of the prose are copied with the runs around them
    digit_comma = _DIGIT_COMMA_RE.search(body) is not None
    special = {
        ch: r
        for ch in set(_MAYBE_SPECIAL_RE.findall(folded))
        if (r := _replacement(ch)) != ch or (ch == "，" and digit_comma)
    }
    if not special:
        return NormalizedText(folded, tuple(range(len(folded))))
    out: list[str] = []
    src: list[int] = []
    pos = 0
    # sorted: the same characters give the same pattern, which ``re`` keeps compiled
    for m in re.finditer("[" + "".join(re.escape(c) for c in sorted(special)) + "]", folded):
        i = m.start()
        if i > pos:
            out.append(folded[pos:i])
            src.extend(range(pos, i))
        ch = folded[i]
        if (
            ch == "，"
            and body[i - 1 : i] in _FULLWIDTH_DIGITS
            and body[i + 1 : i + 2] in _FULLWIDTH_DIGITS
        ):
            rep = ","
        else:
            rep = special[ch]
        out.append(rep)
        src.extend([i] * len(rep))
        pos = i + 1
    out.append(folded[pos:])
    src.extend(range(pos, len(folded)))
    return NormalizedText("".join(out), tuple(src))


@dataclass
class Raw:
    """A quantity in view coordinates while the rules run."""

    start: int  # evidence start (qualifier prefix, or 由/从 for a change)
    num_start: int  # first character of the number
    end: int  # end of unit (and trailing qualifier)
    value: Decimal
    unit: str
    value_max: Decimal | None = None
    approx: bool = False
    bound: Bound = Bound.EXACT
    previous_value: Decimal | None = None
    label: str = ""
    target: bool = False
    before: str = field(default="", repr=False)


@lru_cache(maxsize=8)
def mark_positions(text: str, marks: str) -> tuple[int, ...]:
    """Positions in ``text`` of the characters in ``marks`` (``vocabulary.CLAUSE_MARKS`` or
    ``SENTENCE_MARKS``); a comma between digit groups is a thousands separator, not a mark.

    Remembered for the last few texts (hence a tuple): ``extract_quantities`` and
    ``indicators.assign`` ask the same of one article's view one after the other."""
    out = [m.start() for m in _marks_re(marks).finditer(text)]
    if "," not in marks or "," not in text:
        return tuple(out)
    return tuple(
        i
        for i in out
        if not (text[i] == "," and i and text[i - 1].isdigit() and text[i + 1 : i + 4].isdigit())
    )


@lru_cache(maxsize=8)
def _marks_re(marks: str) -> re.Pattern:
    """A character class of ``marks``, compiled once per set of marks."""
    return re.compile("[" + re.escape(marks) + "]")


def span_at(marks: Sequence[int], pos: int, length: int) -> tuple[int, int]:
    """``(start, end)`` of the clause or sentence holding view position ``pos``."""
    k = bisect_right(marks, pos - 1)
    start = marks[k - 1] + 1 if k else 0
    end = marks[k] if k < len(marks) else length
    return start, end


def is_chinese(num: str) -> bool:
    """True when the number token ``num`` is written in Chinese numerals (两千, 三四十)."""
    return num[0] in CHINESE_NUMERAL_CHARS
