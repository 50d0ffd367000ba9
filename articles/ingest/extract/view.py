"""The normalized view extraction matches on (whitespace dropped, NFKC, Simplified) with its
map back to the body, the clause and sentence marks in it, and ``Raw``, a quantity in
view coordinates while the rules run."""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from decimal import Decimal

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
_EXTRA_FOLD = {"馀": "余"}  # jionlp folds 餘 to 馀; numbers use 余
_FULLWIDTH_DIGITS = frozenset("０１２３４５６７８９")


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
    if not any(ch in _TRADITIONAL_HINT for ch in body):
        return body
    return to_simplified(body)  # one-to-one, so offsets stay aligned


def normalize(body: str) -> NormalizedText:
    """The view extraction matches on; see the module docstring.

    Drops all whitespace, applies NFKC per character (１２３ -> 123, ％ -> %, （ -> (),
    keeps the Chinese comma ， (a clause mark) except between full-width digits
    (１，２３４), and folds Traditional characters to Simplified.
    """
    folded = _fold_traditional(body)
    out: list[str] = []
    src: list[int] = []
    n = len(folded)
    for i, ch in enumerate(folded):
        if ch.isspace():
            continue
        if ch == "，":
            prev = body[i - 1] if i else ""
            nxt = body[i + 1] if i + 1 < n else ""
            if prev in _FULLWIDTH_DIGITS and nxt in _FULLWIDTH_DIGITS:
                out.append(",")
                src.append(i)
            else:
                out.append(ch)
                src.append(i)
            continue
        if ch.isascii() or "\u4e00" <= ch <= "\u9fff":
            out.append(_EXTRA_FOLD.get(ch, ch))
            src.append(i)
            continue
        for c in unicodedata.normalize("NFKC", ch):
            if not c.isspace():
                out.append(c)
                src.append(i)
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


def mark_positions(text: str, marks: str) -> list[int]:
    """Positions in ``text`` of the characters in ``marks`` (``vocabulary.CLAUSE_MARKS`` or
    ``SENTENCE_MARKS``); a comma between digit groups is a thousands separator, not a mark."""
    out = []
    for i, ch in enumerate(text):
        if ch in marks:
            if ch == "," and i and text[i - 1].isdigit() and text[i + 1 : i + 4].isdigit():
                continue
            out.append(i)
    return out


def span_at(marks: list[int], pos: int, length: int) -> tuple[int, int]:
    """``(start, end)`` of the clause or sentence holding view position ``pos``."""
    k = bisect_right(marks, pos - 1)
    start = marks[k - 1] + 1 if k else 0
    end = marks[k] if k < len(marks) else length
    return start, end


def is_chinese(num: str) -> bool:
    """True when the number token ``num`` is written in Chinese numerals (两千, 三四十)."""
    return num[0] in CHINESE_NUMERAL_CHARS
