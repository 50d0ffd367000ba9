"""Page lines: read them (``read_lines``), measure which fill their column
(``mark_widths``) and the line tests the later stages share."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from ..normalize import text_width
from .furniture import WEB_TITLE_MAX_CHARS, WebPage
from .marks import (
    BULLET_RE,
    CREDIT_RE,
    END_MARK_RE,
    FULL_TOLERANCE,
    FURNITURE_RE,
    RUBRIC_RE,
    SUBTITLE_RE,
    TRAILING_CREDIT_RE,
    byline_line,
    ends_sentence,
    read_dateline,
)


class LineKind(StrEnum):
    """What a printed line (or a paragraph, after its first line) is, as ``read_lines``
    and ``find_heads`` decide it."""

    BODY = "body"  # prose, or a headline line
    BYLINE = "byline"  # names with a role label or a ◎ mark, on their own line
    TRAILER = "trailer"  # a byline after a body: it closes that body's item
    SUBTITLE = "subtitle"  # ——副题
    DATELINE = "dateline"  # 本报讯（…）, 新华社成都2月20日电
    BULLET = "bullet"  # ◆ a brief item
    CAPTION = "caption"  # a photo caption ending in a credit (…… 王五 摄)


@dataclass(slots=True)
class Line:
    """One non-blank printed line: its index among those lines, text (stripped), width in
    em (``normalize.text_width``) and what ``read_lines``/``mark_widths`` found about it.
    Slotted: every stage reads these fields of every line, and a slot is quicker to make
    and to read than an instance dictionary."""

    idx: int
    text: str
    width: float
    kind: LineKind = LineKind.BODY
    full: bool = False
    blank_before: bool = False  # a blank line (or page start) precedes it
    indent: bool = False  # printed with a paragraph indent (full-width or 2+ spaces)
    item_end: bool = False  # an end mark (（完）, （责任编辑：…）) closed it
    vertical: bool = False  # a headline set vertically, joined from one hanzi per line
    web_title: bool = False  # the headline a web page's publish line stands next to

    @property
    def marked_headline(self) -> bool:
        """A headline by its layout alone: set vertically, or next to a publish line."""
        return self.vertical or self.web_title


#: Fewest and most one-hanzi lines in a row read as a headline set vertically (a PDF's
#: text layer gives such a headline one character per line: 乌\n海\n市\n推\n动…).
#: Three or fewer in a row occur in ordinary text (a list of 一/二/三, a drop cap); more
#: than ``head_like`` allows for a headline line (32) is a column of a table, not a title.
VERTICAL_MIN_CHARS = 4
VERTICAL_MAX_CHARS = 32


def join_vertical_headlines(raws: list[str]) -> list[tuple[int, str, bool]]:
    """The raw lines with each run of ``VERTICAL_MIN_CHARS``..``VERTICAL_MAX_CHARS``
    consecutive lines of exactly one hanzi joined into one line, as ``(index of the first
    raw line, text, vertical)`` in page order. A blank line, punctuation or a second
    character ends a run; runs outside the bounds are left as they are."""
    out: list[tuple[int, str, bool]] = []
    start = 0  # index of the run's first line
    for k, raw in enumerate(raws):
        char = raw.strip()  # (str.strip drops the full-width space U+3000 too)
        if len(char) == 1 and "\u4e00" <= char <= "\u9fff":
            continue
        if k > start:
            _close_run(raws, start, k, out)
        out.append((k, raw, False))
        start = k + 1
    if len(raws) > start:
        _close_run(raws, start, len(raws), out)
    return out


def _close_run(raws: list[str], start: int, end: int, out: list[tuple[int, str, bool]]) -> None:
    """Add the run of one-hanzi lines ``raws[start:end]`` to ``out``: joined into one
    vertical headline when its length is in bounds, else line by line."""
    run = raws[start:end]
    if VERTICAL_MIN_CHARS <= len(run) <= VERTICAL_MAX_CHARS:
        out.append((start, "".join(r.strip() for r in run), True))
    else:
        out.extend((start + j, r, False) for j, r in enumerate(run))


#: The brackets an end mark (``marks.END_MARK_RE``) closes its line with.
_END_MARK_CLOSERS = ("）", ")", "】", "]")


def read_lines(page: WebPage) -> list[Line]:
    """Non-blank, non-furniture lines, stripped, with their structural kind.

    ``page`` is the page's lines with web furniture blanked
    (``furniture.strip_web_furniture``); a headline set vertically is joined into one
    line (``join_vertical_headlines``) and the lines a publish line marks are flagged
    ``web_title``.
    End marks (``（完）``, ``（责任编辑：…）``) are cut off the line they close, which is
    flagged ``item_end``; a bracketed credit closing a line (``…。（记者 王五）``) becomes
    a trailing-byline line of its own.
    """
    out: list[Line] = []
    blank = True
    for source, raw, vertical in join_vertical_headlines(page.lines):
        line = raw.strip()  # (str.strip drops the full-width space U+3000 too)
        indent = bool(line) and raw.startswith(("\u3000", "  ", "\t"))
        # an end mark and a trailing credit close the line with a bracket; a caption's
        # credit holds 摄: a C test first spares most lines the regex's scan
        end_mark = END_MARK_RE.search(line) if line.endswith(_END_MARK_CLOSERS) else None
        if end_mark:
            line = line[: end_mark.start()].rstrip()
            if not line and out:
                out[-1].item_end = True
        if not line or FURNITURE_RE.match(line) or RUBRIC_RE.match(line):
            blank = blank or not line
            continue
        credit = TRAILING_CREDIT_RE.search(line) if line.endswith(("）", ")")) else None
        if credit:
            line = line[: credit.start()].rstrip()
        item = Line(
            len(out),
            line,
            text_width(line),
            kind=line_kind(line),
            blank_before=blank,
            indent=indent,
            item_end=bool(end_mark) and not credit,
            vertical=vertical,
            web_title=source in page.headlines,
        )
        blank = False
        out.append(item)
        if credit:
            names = credit.group("names")
            trailer = Line(len(out), names, text_width(names), kind=LineKind.TRAILER)
            trailer.item_end = bool(end_mark)
            out.append(trailer)
    return out


#: A line of a kind other than body opens with one of these characters (a byline's mark,
#: bracket or 文/图 credit, a subtitle's dash, a dateline's agency or 本报, a bullet) or
#: holds one of ``_KIND_WORDS_RE``'s (a byline's role label, a caption's 摄): a line with
#: neither is body, which ``line_kind`` answers without its five tests.
_KIND_OPENERS = frozenset("（(◎⊙■□●▲文图—─－-新中人央光本◆◇")
_KIND_WORDS_RE = re.compile("记者|通讯员|实习生|摄")


def line_kind(line: str) -> LineKind:
    """The structural kind of one stripped line, by its marks: a byline line, a ``——``
    subtitle, a dateline, a ◆ bullet, a caption ending in a photo credit, else body."""
    if line and line[0] not in _KIND_OPENERS and not _KIND_WORDS_RE.search(line):
        return LineKind.BODY  # the quick test (see ``_KIND_OPENERS``)
    if byline_line(line) is not None:
        return LineKind.BYLINE
    if SUBTITLE_RE.match(line):
        return LineKind.SUBTITLE
    if read_dateline(line) is not None:
        return LineKind.DATELINE
    if BULLET_RE.match(line):
        return LineKind.BULLET
    if "摄" in line and CREDIT_RE.search(line):
        return LineKind.CAPTION
    return LineKind.BODY


def mark_widths(lines: list[Line]) -> None:
    """Flag lines that fill their column.

    The column is the smaller of two medians: of the line with the 3 lines before it,
    and with the 3 lines after it. Taking the smaller side keeps a body line that follows
    a wide caption (or precedes one) measured against its own column. The page's first
    line has nothing before it and is measured against the lines after it only.
    """
    widths = [ln.width for ln in lines]
    n = len(widths)
    # the median (upper middle) of each window of 4 lines, by its first line: the window
    # before line i starts at i - 3 and the one after at i, so each is sorted once
    median4 = [sorted(widths[j : j + 4])[2] for j in range(n - 3)]
    for i, ln in enumerate(lines):
        if i >= 3:
            before = median4[i - 3]
        else:
            window = sorted(widths[: i + 1])
            before = window[len(window) // 2]
        if i + 4 <= n:
            after = median4[i]
        else:
            window = sorted(widths[i : i + 4])
            after = window[len(window) // 2]
        column = after if i == 0 else min(before, after)
        ln.full = ln.width >= column - FULL_TOLERANCE


def head_like(ln: Line) -> bool:
    """Could this line be part of a headline (short, no sentence punctuation)?"""
    t = ln.text
    return (
        ln.kind == LineKind.BODY
        and len(t) <= (WEB_TITLE_MAX_CHARS if ln.web_title else 32)
        and "。" not in t  # no sentence mark: three substring tests in C (a set's
        and "；" not in t  # isdisjoint makes a string object of each character)
        and ";" not in t
        and not t.endswith(("，", ",", "、"))
        and not ends_sentence(t)
    )


def clean_break_before(lines: list[Line], i: int) -> bool:
    """True if line ``i`` starts fresh: page start, or after a finished paragraph/mark."""
    if i == 0:
        return True
    prev = lines[i - 1]
    return (
        prev.kind in (LineKind.BYLINE, LineKind.TRAILER, LineKind.SUBTITLE, LineKind.CAPTION)
        or prev.item_end
        or ends_sentence(prev.text)
        or not prev.full
    )


def item_start(lines: list[Line], i: int) -> bool:
    """True if line ``i`` must start an item: page start, after a byline that closed
    the item before, or after an end mark (（完）)."""
    return i == 0 or lines[i - 1].kind == LineKind.TRAILER or lines[i - 1].item_end
