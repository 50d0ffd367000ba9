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
    mentions = gazetteer.scan(to_simplified(compact))
    covered = sum(m.end - m.start for m in mentions)
    if mentions and covered == len(compact):
        return candidate
    if sep and ADMIN_SUFFIX_RE.search(compact) and len(compact) <= 12:
        return candidate
    return None


def find_heads(lines: list[Line], gazetteer: Gazetteer) -> list[Head]:
    """Headline blocks: head-like lines (1-4) [subtitle] [byline] with evidence."""
    heads: list[Head] = []
    i, n = 0, len(lines)
    while i < n:
        ln = lines[i]
        if ln.kind == LineKind.BYLINE and i > 0 and not (heads and heads[-1].last == i - 1):
            ln.kind = LineKind.TRAILER  # a byline after a body closes that body (and its item)
        starts_block = ln.kind in (LineKind.SUBTITLE, LineKind.BYLINE) or (
            head_like(ln) and clean_break_before(lines, i)
        )
        if not starts_block:
            i += 1
            continue
        j = i
        title_lines: list[Line] = []
        while j < n and len(title_lines) < 4 and head_like(lines[j]):
            title_lines.append(lines[j])
            j += 1
        subtitle_lines: list[Line] = []
        if j < n and lines[j].kind == LineKind.SUBTITLE:
            subtitle_lines.append(lines[j])
            j += 1
            while (
                j < n and head_like(lines[j]) and j + 1 < n and lines[j + 1].kind == LineKind.BYLINE
            ):
                subtitle_lines.append(lines[j])
                j += 1
        byline = ""
        marked = False
        if j < n and lines[j].kind == LineKind.BYLINE:
            byline = byline_line(lines[j].text) or ""
            marked = lines[j].text.startswith(("◎", "⊙"))
            j += 1
        inline_subtitle = ""
        if title_lines and not subtitle_lines:
            # 主题——副题 printed on one line
            main, dash, sub = title_lines[-1].text.partition("——")
            if dash and main.strip() and sub.strip():
                inline_subtitle = sub.strip()
        prefix = place_prefix(title_lines[0].text, gazetteer) if title_lines else None
        before_dateline = j < n and lines[j].kind == LineKind.DATELINE
        before_bullets = j < n and lines[j].kind == LineKind.BULLET
        colon_prefix = bool(prefix) and any(c in title_lines[0].text for c in "：:")
        place_line = bool(prefix) and not colon_prefix and len(title_lines) >= 2
        # a headline opening an item (page start, after a closing byline or （完）) that
        # stands apart from the prose under it by a blank line or an indent
        opens_item = (
            bool(title_lines)
            and item_start(lines, i)
            and j < n
            and lines[j].kind in (LineKind.BODY, LineKind.CAPTION)
            and (lines[j].blank_before or lines[j].indent)
            and not head_like(lines[j])
        )
        evidence = (
            subtitle_lines
            or inline_subtitle
            or byline
            or before_dateline
            or colon_prefix
            or place_line
            or opens_item
        )
        if not title_lines and not (subtitle_lines or byline):
            i += 1
            continue
        if not evidence or before_bullets:
            i = max(j, i + 1) if not title_lines else i + len(title_lines)
            continue
        head = Head(first=i, last=j - 1, byline=byline, marked=marked)
        texts = [t.text for t in title_lines]
        if inline_subtitle:
            texts[-1] = texts[-1].partition("——")[0].strip()
            head.subtitle = inline_subtitle
        if prefix and colon_prefix:
            rest = re.split(r"[：:]", texts[0], maxsplit=1)[1].strip()
            head.title_prefix = prefix
            texts = ([rest] if rest else []) + texts[1:]
        elif place_line:
            head.title_prefix = prefix
            texts = texts[1:]
        head.title = "".join(texts)
        if subtitle_lines:
            first = SUBTITLE_RE.match(subtitle_lines[0].text).group(1)
            head.subtitle = "".join([first] + [s.text for s in subtitle_lines[1:]]).strip()
        head.places = specific_places(
            " ".join([head.title_prefix, head.title, head.subtitle]), gazetteer
        )
        heads.append(head)
        i = j
    return heads


def specific_places(text: str, gazetteer: Gazetteer) -> list[str]:
    """The most specific unambiguous adcodes named in ``text`` (ancestors dropped)."""
    codes: list[str] = []
    for m in gazetteer.scan(to_simplified(text)):
        if len(m.candidates) == 1 and not m.risky and m.candidates[0] not in codes:
            codes.append(m.candidates[0])
    ancestors = {a for c in codes for a in gazetteer.ancestors(c)}
    return [c for c in codes if c not in ancestors]
