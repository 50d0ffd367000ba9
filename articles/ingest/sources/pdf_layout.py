"""Put a PDF page's characters back into reading order as text lines and blocks.

Input is pdfplumber's ``page.chars`` (dicts with ``text``, ``x0``, ``x1``, ``top``,
``bottom``, ``size`` in points, origin top-left). The rules:

1. **Lines**: characters of one size whose tops are within 0.3 em form a row; a row is
   cut into segments where the gap between characters exceeds 1 em (a column gutter).
2. **Vertical headlines**: three or more one-character segments of one size stacked in
   one place (same left edge within 0.25 em, less than 0.6 em apart) are one line, read
   top to bottom.
3. **Reading order** by recursive XY-cut (Nagy & Seth, 1984): split the segments at
   vertical white gaps of at least 0.8 body em (columns, read left to right), else at
   horizontal gaps of at least 0.5 body em (read top to bottom), and recurse. A
   horizontal cut between two bands that are both multi-column and share a gutter is not
   made (their columns continue through it), so aligned blank lines in neighbouring
   columns do not interleave them.
4. **Headlines**: the body size is the size most characters have; a segment at least
   1.15 times larger is headline type, and each run of headline lines is its own block.
5. **Blocks**: a blank line separates blocks: a change between headline and body type, a
   jump to another column, or a vertical gap over 0.8 em (a blank line in print).
6. **Spaces**: whitespace characters, and gaps over 0.5 em, become one space, except
   between two CJK characters (ideographs, CJK and full-width punctuation), where PDF
   letter-spacing and justification put spaces print never meant.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

__all__ = ["layout_text"]

_CJK_RE = re.compile(
    r"[\u2e80-\u2fdf\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef“”‘’…—]"
)
_HEADLINE_RATIO = 1.15


@dataclass
class Segment:
    """A run of characters read as one printed line (or one vertical headline); with no
    characters, a picture that takes up room in the layout but has no text."""

    chars: list[dict]
    size: float
    vertical: bool = False
    box: tuple[float, float, float, float] | None = None  # (x0, top, x1, bottom)
    x0: float = field(init=False)
    x1: float = field(init=False)
    top: float = field(init=False)
    bottom: float = field(init=False)

    def __post_init__(self) -> None:
        if self.box is not None:
            self.x0, self.top, self.x1, self.bottom = self.box
            return
        self.x0 = min(c["x0"] for c in self.chars)
        self.x1 = max(c["x1"] for c in self.chars)
        self.top = min(c["top"] for c in self.chars)
        self.bottom = max(c["bottom"] for c in self.chars)

    @property
    def text(self) -> str:
        if self.vertical:
            return "".join(c["text"] for c in self.chars if c["text"].strip())
        return _join_line(self.chars, self.size)


def layout_text(
    chars: Iterable[dict], pictures: Iterable[tuple[float, float, float, float]] = ()
) -> str:
    """The text of one page's ``chars`` in reading order (see the module docstring).

    ``pictures`` are the boxes ``(x0, top, x1, bottom)`` of photos and filled panels
    holding no text: they take part in the XY-cut (a caption under a photo across the
    columns stays under it) but add no text. Lines are separated by ``\\n`` and blocks by
    a blank line; returns '' when the page has no visible characters.
    """
    visible = [c for c in chars if c["text"] and c["size"] > 0]
    if not any(c["text"].strip() for c in visible):
        return ""
    sizes = Counter(round(c["size"] * 2) / 2 for c in visible if c["text"].strip())
    body = sizes.most_common(1)[0][0]
    segments = _vertical_runs(_segments(visible))
    segments += [Segment([], 0.0, box=tuple(box)) for box in pictures]
    ordered = [s for s in _order(segments, body) if s.chars]
    return _emit(ordered, body)


def _segments(chars: list[dict]) -> list[Segment]:
    """Rule 1: rows of one size cut at gutters."""
    by_size: dict[float, list[dict]] = {}
    for c in chars:
        by_size.setdefault(round(c["size"] * 2) / 2, []).append(c)
    segments = []
    for size, group in by_size.items():
        group.sort(key=lambda c: (c["top"], c["x0"]))
        rows: list[list[dict]] = []
        for c in group:
            if rows and c["top"] - rows[-1][0]["top"] <= 0.3 * size:
                rows[-1].append(c)
            else:
                rows.append([c])
        for row in rows:
            row.sort(key=lambda c: c["x0"])
            current = [row[0]]
            for c in row[1:]:
                if c["x0"] - current[-1]["x1"] > size:
                    segments.append(current)
                    current = []
                current.append(c)
            segments.append(current)
    out = []
    for seg in segments:
        while seg and not seg[-1]["text"].strip():
            seg.pop()
        while seg and not seg[0]["text"].strip():
            seg.pop(0)
        if seg:
            out.append(Segment(seg, round(seg[0]["size"] * 2) / 2))
    return out


def _vertical_runs(segments: list[Segment]) -> list[Segment]:
    """Rule 2: stacked one-character segments become one vertical segment."""
    singles = sorted(
        (s for s in segments if len(s.chars) == 1 and _CJK_RE.match(s.chars[0]["text"])),
        key=lambda s: (s.size, round(s.x0), s.top),
    )
    runs: list[list[Segment]] = []
    for seg in singles:
        last = runs[-1][-1] if runs else None
        if (
            last is not None
            and last.size == seg.size
            and abs(last.x0 - seg.x0) <= 0.25 * seg.size
            and 0 <= seg.top - last.bottom < 0.6 * seg.size
        ):
            runs[-1].append(seg)
        else:
            runs.append([seg])
    joined = {id(s) for run in runs if len(run) >= 3 for s in run}
    out = [s for s in segments if id(s) not in joined]
    for run in runs:
        if len(run) >= 3:
            out.append(Segment([c for s in run for c in s.chars], run[0].size, vertical=True))
    return out


def _split(segments: list[Segment], axis: str, min_gap: float) -> list[list[Segment]]:
    """Segments grouped between white gaps of at least ``min_gap`` along ``axis``."""
    lo, hi = ("x0", "x1") if axis == "x" else ("top", "bottom")
    parts: list[list[Segment]] = []
    end = None
    for seg in sorted(segments, key=lambda s: getattr(s, lo)):
        if end is None or getattr(seg, lo) - end >= min_gap:
            parts.append([])
            end = getattr(seg, hi)
        parts[-1].append(seg)
        end = max(end, getattr(seg, hi))
    return parts


def _gutters(part: list[Segment], min_gap: float) -> list[tuple[float, float]]:
    """The column gutters (x ranges) of a band, empty when it is one column."""
    cols = _split(part, "x", min_gap)
    return [
        (max(s.x1 for s in a), min(s.x0 for s in b)) for a, b in zip(cols, cols[1:], strict=False)
    ]


def _merge_bands(bands: list[list[Segment]], min_gap: float) -> list[list[Segment]]:
    """Rule 3's exception: rejoin bands whose columns run on through the cut."""
    merged = [bands[0]]
    for band in bands[1:]:
        above, below = _gutters(merged[-1], min_gap), _gutters(band, min_gap)
        if any(min(a1, b1) - max(a0, b0) >= min_gap for a0, a1 in above for b0, b1 in below):
            merged[-1] = merged[-1] + band
        else:
            merged.append(band)
    return merged


def _order(segments: list[Segment], body: float) -> list[Segment]:
    """Rule 3: recursive XY-cut, columns before bands."""
    if len(segments) <= 1:
        return segments
    columns = _split(segments, "x", 0.8 * body)
    if len(columns) > 1:
        return [s for col in columns for s in _order(col, body)]
    bands = _split(segments, "y", 0.5 * body)
    if len(bands) > 1:
        merged = _merge_bands(bands, 0.8 * body)
        if len(merged) > 1:
            bands = merged
        return [s for band in bands for s in _order(band, body)]
    return sorted(segments, key=lambda s: (s.top, s.x0))


def _is_headline(seg: Segment, body: float) -> bool:
    return seg.vertical or seg.size >= _HEADLINE_RATIO * body


def _emit(ordered: list[Segment], body: float) -> str:
    """Rules 4 and 5: one line per segment, blank lines between blocks."""
    lines: list[str] = []
    prev: Segment | None = None
    for seg in ordered:
        if prev is not None and _new_block(prev, seg, body):
            lines.append("")
        lines.append(seg.text)
        prev = seg
    return "\n".join(lines)


def _new_block(prev: Segment, seg: Segment, body: float) -> bool:
    head = _is_headline(seg, body)
    if head != _is_headline(prev, body) or seg.vertical or prev.vertical:
        return True
    size = max(seg.size, prev.size)
    below = 0 <= seg.top - prev.bottom <= 0.8 * size
    if head:
        return not (below and seg.x0 < prev.x1 and prev.x0 < seg.x1)
    return not (below and abs(seg.x0 - prev.x0) <= 2 * size)


def _join_line(chars: list[dict], size: float) -> str:
    """Rule 6: a line's characters with spaces only where print means them."""
    pieces: list[tuple[str, bool, bool]] = []  # (character, space glyph before, gap before)
    glyph = False
    prev = None
    for c in sorted(chars, key=lambda c: c["x0"]):
        if not c["text"].strip():
            glyph = True
            continue
        gap = prev is not None and c["x0"] - prev["x1"] > 0.5 * size
        pieces.append((c["text"], glyph and prev is not None, gap))
        glyph = False
        prev = c
    pairs = [
        (before or gap)
        for (a, _, _), (b, before, gap) in zip(pieces, pieces[1:], strict=False)
        if _CJK_RE.match(a[-1]) and _CJK_RE.match(b[0])
    ]
    spaced_out = len(pairs) >= 2 and sum(pairs) > len(pairs) / 2
    out = []
    for i, (ch, before, gap) in enumerate(pieces):
        if i and (before or gap):
            cjk = _CJK_RE.match(pieces[i - 1][0][-1]) and _CJK_RE.match(ch[0])
            if not cjk or (before and not spaced_out):
                out.append(" ")
        out.append(ch)
    return "".join(out)
