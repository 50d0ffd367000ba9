"""Paragraphs and segments: body lines joined into paragraphs (``paragraphs``) and the page
cut into bodies at headline blocks and marks (``cut_segments``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .heads import Head
from .lines import Line, LineKind, head_like
from .marks import byline_line, ends_sentence, parse_byline


@dataclass
class Para:
    """A paragraph: its lines, their joined text and its kind."""

    lines: list[Line]
    text: str = ""
    kind: LineKind = LineKind.BODY  # BODY, or the kind of its first line (DATELINE, BULLET,
    # TRAILER), or CAPTION when it ends in a photo credit

    @property
    def first(self) -> int:
        return self.lines[0].idx


@dataclass
class Segment:
    """One item's body being cut from the page: its paragraphs, its headline (if any), its
    place in page order and the names of a byline printed after it."""

    paras: list[Para]
    head: Head | None = None
    order: int = 0  # non-blank line index used for page order
    trailer: str = ""  # names of a byline printed after the body


def hard_wrapped(lines: list[Line]) -> bool:
    """Decide whether a body block's lines are hard-wrapped at a column width.

    The rule (line shape and length together): look at the block's prose lines (P, D,
    X) except the last. A line that *fills its column* (``mark_widths``: within 1.5 em
    of the local median width) and still *breaks mid-sentence* (does not end with
    。！？!?….：, closers allowed) can only be a wrapped line. The block is hard-wrapped
    when at least one such line exists and they are at least 20% of those lines.
    Otherwise every line is a whole paragraph (pages saved from the web or a word
    processor: one line per paragraph, blank lines or indents between them), whose
    lines end with sentence punctuation or are short intertitles. A block of one line
    is trivially either.
    """
    candidates = [
        ln for ln in lines[:-1] if ln.kind in (LineKind.BODY, LineKind.DATELINE, LineKind.BULLET)
    ]
    if not candidates:
        return True
    breaking = [
        ln
        for ln in candidates
        if ln.full and not ends_sentence(ln.text) and not ln.text.endswith(("：", ":"))
    ]
    return bool(breaking) and len(breaking) >= 0.2 * len(candidates)


def paragraphs(lines: list[Line]) -> list[Para]:
    """Group body lines into paragraphs by line shape and structure marks.

    In a hard-wrapped block (``hard_wrapped``) lines join until a paragraph end: a
    short line ending a sentence, a line ending a sentence before a blank line, a
    one-line intertitle, an indented line (which starts
    a paragraph), a mark (dateline, bullet, caption credit, byline) or an end mark. In a
    block that is not hard-wrapped each line is a paragraph.
    """
    return [_para(group) for group in _line_groups(lines)]


def _line_groups(lines: list[Line]) -> list[list[Line]]:
    """The lines of each paragraph, in order (see ``paragraphs``)."""
    groups: list[list[Line]] = []
    current: list[Line] = []
    wrapped = hard_wrapped(lines)
    after_end = True  # the line before closed a paragraph or ended a sentence
    for k, ln in enumerate(lines):
        one_line = _intertitle(ln, after_end)
        if one_line or _opens_paragraph(ln):
            current = _closed(groups, current)
        current.append(ln)
        blank_after = k + 1 < len(lines) and lines[k + 1].blank_before
        closes = not wrapped or one_line or _closes_paragraph(ln, blank_after)
        if closes:
            current = _closed(groups, current)
        after_end = closes or ends_sentence(ln.text)
    _closed(groups, current)
    return groups


def _closed(groups: list[list[Line]], current: list[Line]) -> list[Line]:
    """Add ``current`` to ``groups`` when it holds lines; a fresh, empty group."""
    if current:
        groups.append(current)
    return []


_CLAUSE_PUNCT_RE = re.compile("[，,、；;。]")


def _intertitle(ln: Line, after_end: bool) -> bool:
    """A one-line paragraph: a short line without sentence punctuation after a sentence end."""
    return (
        ln.kind == LineKind.BODY
        and not ln.full
        and after_end
        and not ends_sentence(ln.text)
        and not _CLAUSE_PUNCT_RE.search(ln.text)
    )


def _opens_paragraph(ln: Line) -> bool:
    """A dateline, bullet or closing byline, or an indented line, starts a paragraph."""
    return ln.kind in (LineKind.DATELINE, LineKind.BULLET, LineKind.TRAILER) or ln.indent


def _closes_paragraph(ln: Line, blank_after: bool) -> bool:
    """A caption, a closing byline, an end mark, or a sentence end on a short line or
    before a blank line ends a paragraph. A blank line alone is no paragraph end (one can
    sit mid-sentence), but after a sentence end it is, even when the line fills its column.
    """
    ends = ends_sentence(ln.text) and (not ln.full or blank_after)
    return ln.kind in (LineKind.CAPTION, LineKind.TRAILER) or ends or ln.item_end


def _para(lines: list[Line]) -> Para:
    """A paragraph of ``lines``: its joined text, and its kind from its first line (a
    dateline, bullet or byline) or its last (a caption credit)."""
    first = lines[0]
    marked = (LineKind.DATELINE, LineKind.BULLET, LineKind.TRAILER)
    kind = first.kind if first.kind in marked else LineKind.BODY
    if lines[-1].kind == LineKind.CAPTION and kind == LineKind.BODY:
        kind = LineKind.CAPTION
    return Para(lines, text=_join(lines), kind=kind)


_ASCII_WORD_END = re.compile(r"[A-Za-z,.;:!?)\"']$")
_ASCII_WORD_START = re.compile(r"^[A-Za-z(\"']")


def _join(lines: list[Line]) -> str:
    """Join wrapped lines: directly for CJK, with a space between two Latin words.

    Only the end of the line before is looked at (not the text joined so far), so
    joining is linear in the paragraph's length."""
    parts: list[str] = []
    for k, ln in enumerate(lines):
        # the end pattern can only match in the last two characters (``$`` allows a final
        # line break): searching those alone spares a scan of the whole line
        if (
            k
            and _ASCII_WORD_END.search(lines[k - 1].text[-2:])
            and _ASCII_WORD_START.match(ln.text)
        ):
            parts.append(" ")
        parts.append(ln.text)
    return "".join(parts)


def cut_segments(lines: list[Line], heads: list[Head]) -> list[Segment]:
    """Cut the page into bodies: at headline blocks, datelines, bullets and captions.

    The lines between two headline blocks are one body block (``_cut_block``); a headline
    takes the first segment of the block under it, unless that is a photo caption. A
    headline with no body under it becomes a segment without paragraphs (an orphan,
    see ``orphans.assign_orphans``).
    """
    head_at = {h.first: h for h in heads}
    segments: list[Segment] = []
    body: list[Line] = []
    pending: Head | None = None
    i = 0
    while i < len(lines):
        head = head_at.get(i)
        if head is None:
            body.append(lines[i])
            i += 1
            continue
        pending = _cut_block(_drop_repeated_title(body, pending), pending, segments)
        body = []
        if pending is not None:
            segments.append(_orphan(pending))
        pending = head
        i = head.last + 1
    pending = _cut_block(_drop_repeated_title(body, pending), pending, segments)
    if pending is not None:
        segments.append(_orphan(pending))
    return segments


_SPACES_RE = re.compile(r"\s+")


def _drop_repeated_title(body: list[Line], head: Head | None) -> list[Line]:
    """``body`` without its first lines when they print the headline again (a web page
    shows the title in its header and again over the text, wrapped differently): up to
    4 lines whose text, spaces ignored, is the title (with or without its place prefix)."""
    if head is None or not head.title:
        return body
    targets = {_SPACES_RE.sub("", head.title), _SPACES_RE.sub("", head.title_prefix + head.title)}
    seen = ""
    for k, ln in enumerate(body[:4]):
        seen += _SPACES_RE.sub("", ln.text)
        if seen in targets:
            return body[k + 1 :]
        if not any(t.startswith(seen) for t in targets):
            break
    return body


def _orphan(head: Head) -> Segment:
    """A segment of a headline with no body."""
    return Segment([], head=head, order=head.first)


def _cut_block(body: list[Line], pending: Head | None, segments: list[Segment]) -> Head | None:
    """Append the segments of one body block to ``segments``; ``pending`` (the headline
    over the block) heads the first. Returns ``pending`` if no segment took it."""
    if not body:
        return pending
    current: Segment | None = None
    closed = False  # the current item ended (closing byline, end mark)
    for para in paragraphs(body):
        if para.kind == LineKind.TRAILER:
            current = _close_with_byline(current, para, segments)
            closed = True
            continue
        if _starts_segment(current, para, closed):
            head = pending if para.kind != LineKind.CAPTION else None
            if pending is not None and head is None:
                segments.append(_orphan(pending))  # a headline over a caption lost its body
            pending = None
            current = Segment([para], head=head, order=head.first if head else para.first)
            segments.append(current)
        else:
            current.paras.append(para)
        closed = para.lines[-1].item_end
    segments[:] = [seg for seg in segments if seg.paras or seg.head or seg.trailer]
    _drop_column_headings(segments)
    return pending


def _starts_segment(current: Segment | None, para: Para, closed: bool) -> bool:
    """Does ``para`` start a new item: after a closed item, at a dateline, bullet or
    caption, or after a caption? (A body paragraph after a ◆ bullet is that brief item
    wrapped onto further lines, so it does not.)"""
    if current is None or closed:
        return True
    return (
        para.kind in (LineKind.DATELINE, LineKind.BULLET, LineKind.CAPTION)
        or current.paras[-1].kind == LineKind.CAPTION
    )


def _close_with_byline(current: Segment | None, para: Para, segments: list[Segment]) -> Segment:
    """A byline paragraph after a body is that body's trailer (the first one counts); with
    no body before it in the block, it gets an empty segment of its own."""
    if current is None:
        current = Segment([], order=para.first)
        segments.append(current)
    if not current.trailer:
        current.trailer = byline_line(para.text) or parse_byline(para.text)
    return current


def _drop_column_headings(segments: list[Segment]) -> None:
    """Remove a bare column heading (要闻简报) printed straight before brief items or
    captions: it is no item. In place."""
    drop = [
        k
        for k, seg in enumerate(segments[:-1])
        if seg.head is None
        and len(seg.paras) == 1
        and seg.paras[0].kind == LineKind.BODY
        and len(seg.paras[0].lines) == 1
        and head_like(seg.paras[0].lines[0])
        and segments[k + 1].paras
        and segments[k + 1].paras[0].kind in (LineKind.BULLET, LineKind.CAPTION)
    ]
    for k in reversed(drop):
        del segments[k]
