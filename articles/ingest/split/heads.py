"""Headline blocks: head-like lines with a subtitle, a byline, a dateline, a place prefix
or an item start as evidence (``find_heads``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...text import to_simplified
from ..gazetteer import Gazetteer
from .lines import Line, LineKind, clean_break_before, head_like, item_start
from .marks import ADMIN_SUFFIX_RE, SUBTITLE_RE, byline_line


@dataclass
class Head:
    """A headline block: its lines' texts and where it sits."""

    first: int  # index into the non-blank line list
    last: int
    title: str = ""
    title_prefix: str = ""
    subtitle: str = ""
    byline: str = ""
    marked: bool = False  # the byline is a feature's ◎/⊙ byline
    places: list[str] = field(default_factory=list)  # most specific adcodes named


def place_prefix(text: str, gazetteer: Gazetteer) -> str | None:
    """The place part of ``四川南充市：`` / ``内蒙古乌海市`` lines, else None."""
    head, sep, _rest = text.partition("：")
    if not sep:
        head, sep, _rest = text.partition(":")
    candidate = head.strip() if sep else text.strip()
    if not candidate or len(candidate) > 16:
        return None
    compact = candidate.replace(" ", "")
    simple = to_simplified(compact)
    # names cover the whole line only if one starts it: most lines are spared the scan
    mentions = gazetteer.scan(simple) if gazetteer.may_name_at(simple, 0) else []
    covered = sum(m.end - m.start for m in mentions)
    if mentions and covered == len(compact):
        return candidate
    if sep and ADMIN_SUFFIX_RE.search(compact) and len(compact) <= 12:
        return candidate
    return None


def find_heads(lines: list[Line], gazetteer: Gazetteer) -> list[Head]:
    """Headline blocks: head-like lines (1-4) [subtitle] [byline] with evidence.

    Walks the lines once. A block starts at a subtitle, a byline, or a head-like line after
    a clean break (``_starts_block``); it is read whole (``_read_block``) and becomes a
    ``Head`` when it has evidence (``_has_evidence``) and does not stand over ◆ brief
    items. A byline line that does not follow a headline block closes the body before it
    (its kind becomes ``TRAILER``), which ``cut_segments`` reads later.
    """
    heads: list[Head] = []
    i, n = 0, len(lines)
    while i < n:
        ln = lines[i]
        if ln.kind == LineKind.BYLINE and i > 0 and not (heads and heads[-1].last == i - 1):
            ln.kind = LineKind.TRAILER  # a byline after a body closes that body (and its item)
        if not _starts_block(lines, i):
            i += 1
            continue
        block = _read_block(lines, i, gazetteer)
        if not block.title_lines and not (block.subtitle_lines or block.bylined):
            i += 1
            continue
        if not _has_evidence(lines, i, block) or _kind_at(lines, block.end) == LineKind.BULLET:
            i = i + len(block.title_lines) if block.title_lines else max(block.end, i + 1)
            continue
        heads.append(_head(i, block, gazetteer))
        i = block.end
    return heads


@dataclass
class _Block:
    """A candidate headline block read from line ``first`` up to (not including) ``end``."""

    end: int
    title_lines: list[Line]
    subtitle_lines: list[Line]
    byline: str = ""
    bylined: bool = False  # ends at a byline line (a staff byline names no one: ◎ 本报记者)
    marked: bool = False  # a ◎/⊙ byline (a feature's)
    inline_subtitle: str = ""  # 副题 of 主题——副题 printed on one line
    prefix: str | None = None  # the place prefix of the first title line
    colon_prefix: bool = False  # 四川南充市：标题
    place_line: bool = False  # a first title line that is only place names


def _kind_at(lines: list[Line], j: int) -> LineKind | None:
    """The kind of line ``j``, or None past the last line."""
    return lines[j].kind if j < len(lines) else None


def _starts_block(lines: list[Line], i: int) -> bool:
    """Can a headline block start at line ``i``: a subtitle, a byline, or a head-like line
    after a clean break?"""
    ln = lines[i]
    return ln.kind in (LineKind.SUBTITLE, LineKind.BYLINE) or (
        head_like(ln) and (ln.marked_headline or clean_break_before(lines, i))
    )


def _read_block(lines: list[Line], i: int, gazetteer: Gazetteer) -> _Block:
    """The block from line ``i``: up to 4 head-like title lines (only the one, when it is
    a headline by layout: set vertically or next to a web publish line), a ``——``
    subtitle (with head-like lines after it when a byline follows), and a byline line."""
    title_lines: list[Line] = []
    j = i
    most = 1 if lines[i].marked_headline else 4
    while j < len(lines) and len(title_lines) < most and head_like(lines[j]):
        title_lines.append(lines[j])
        j += 1
    subtitle_lines = _subtitle_lines(lines, j)
    block = _Block(j + len(subtitle_lines), title_lines, subtitle_lines)
    if _kind_at(lines, block.end) == LineKind.BYLINE:
        byline = lines[block.end].text
        block.byline = byline_line(byline) or ""
        block.bylined = True
        block.marked = byline.startswith(("◎", "⊙"))
        block.end += 1
    if title_lines:
        _read_title(block, gazetteer)
    return block


def _subtitle_lines(lines: list[Line], j: int) -> list[Line]:
    """A ``——`` subtitle at line ``j`` and the head-like lines continuing it when a byline
    follows them; ``[]`` when line ``j`` is no subtitle."""
    if _kind_at(lines, j) != LineKind.SUBTITLE:
        return []
    out = [lines[j]]
    j += 1
    while j < len(lines) and head_like(lines[j]) and _kind_at(lines, j + 1) == LineKind.BYLINE:
        out.append(lines[j])
        j += 1
    return out


def _read_title(block: _Block, gazetteer: Gazetteer) -> None:
    """Fill the block's inline subtitle (主题——副题 on one line, when there is no subtitle
    line) and its place prefix (``四川南充市：`` or a line of place names), in place."""
    first, last = block.title_lines[0].text, block.title_lines[-1].text
    if not block.subtitle_lines:
        main, dash, sub = last.partition("——")
        if dash and main.strip() and sub.strip():
            block.inline_subtitle = sub.strip()
    block.prefix = place_prefix(first, gazetteer)
    block.colon_prefix = bool(block.prefix) and any(c in first for c in "：:")
    block.place_line = bool(block.prefix) and not block.colon_prefix and len(block.title_lines) >= 2


def _has_evidence(lines: list[Line], i: int, block: _Block) -> bool:
    """Is the block a headline: it is one by layout (set vertically, next to a web
    publish line), has a subtitle or byline, leads to a dateline, opens with a place
    prefix, or opens an item and stands apart from the prose below?"""
    return bool(
        (block.title_lines and block.title_lines[0].marked_headline)
        or block.subtitle_lines
        or block.inline_subtitle
        or block.bylined
        or _kind_at(lines, block.end) == LineKind.DATELINE
        or block.colon_prefix
        or block.place_line
        or _opens_item(lines, i, block)
    )


def _opens_item(lines: list[Line], i: int, block: _Block) -> bool:
    """A headline opening an item (page start, after a closing byline or （完）) that stands
    apart from the prose under it: by a blank line, an indent, or, for a one-line
    headline printed straight above its body, by being shorter than its column
    (``_first_line_headline``)."""
    j = block.end
    return (
        bool(block.title_lines)
        and item_start(lines, i)
        and j < len(lines)
        and lines[j].kind in (LineKind.BODY, LineKind.CAPTION)
        and (lines[j].blank_before or lines[j].indent or _first_line_headline(block, lines[j]))
        and not head_like(lines[j])
    )


def _first_line_headline(block: _Block, body: Line) -> bool:
    """A headline printed as the first line of a body (web text pasted without a blank
    line under the title): one title line that does not fill its column and is no
    lead-in (``主要措施：``), above a longer line of prose. A page that starts inside a
    wrapped paragraph starts with a full line, so it is not taken for a headline."""
    (title,) = block.title_lines if len(block.title_lines) == 1 else (None,)
    return (
        title is not None
        and not title.full
        and not title.text.endswith(("：", ":"))
        and body.width > title.width
    )


def _head(i: int, block: _Block, gazetteer: Gazetteer) -> Head:
    """The ``Head`` of a block with evidence: title (place prefix and inline subtitle cut
    off), title_prefix, subtitle, byline and the places it names."""
    head = Head(first=i, last=block.end - 1, byline=block.byline, marked=block.marked)
    texts = [t.text for t in block.title_lines]
    if block.inline_subtitle:
        texts[-1] = texts[-1].partition("——")[0].strip()
        head.subtitle = block.inline_subtitle
    if block.prefix and block.colon_prefix:
        rest = re.split(r"[：:]", texts[0], maxsplit=1)[1].strip()
        head.title_prefix = block.prefix
        texts = ([rest] if rest else []) + texts[1:]
    elif block.place_line:
        head.title_prefix = block.prefix
        texts = texts[1:]
    head.title = "".join(_printed_once(texts))
    if block.subtitle_lines:
        first = SUBTITLE_RE.match(block.subtitle_lines[0].text).group(1)
        rest_lines = [s.text for s in block.subtitle_lines[1:]]
        head.subtitle = "".join([first] + rest_lines).strip()
    head.places = specific_places(
        " ".join([head.title_prefix, head.title, head.subtitle]), gazetteer
    )
    return head


def _printed_once(texts: list[str]) -> list[str]:
    """Title lines without a repeat: a web page that prints its headline twice (header and
    text, wrapped differently) gives ``[T, T1, T2]`` with ``T1 + T2 == T`` (spaces
    ignored); the first printing is kept. Other titles are returned as they are."""
    squashed = [re.sub(r"\s+", "", t) for t in texts]
    for k in range(1, len(texts)):
        if "".join(squashed[:k]) == "".join(squashed[k:]):
            return texts[:k]
    return texts


def specific_places(text: str, gazetteer: Gazetteer) -> list[str]:
    """The most specific unambiguous adcodes named in ``text`` (ancestors dropped)."""
    codes: list[str] = []
    for m in gazetteer.scan(to_simplified(text)):
        if len(m.candidates) == 1 and not m.risky and m.candidates[0] not in codes:
            codes.append(m.candidates[0])
    ancestors = {a for c in codes for a in gazetteer.ancestors(c)}
    return [c for c in codes if c not in ancestors]
