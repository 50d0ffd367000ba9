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
    lines: list[Line]
    text: str = ""
    kind: LineKind = LineKind.BODY  # BODY, or the kind of its first line (DATELINE, BULLET,
    # TRAILER), or CAPTION when it ends in a photo credit

    @property
    def first(self) -> int:
        return self.lines[0].idx


@dataclass
class Segment:
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
    paras: list[Para] = []
    current: list[Line] = []
    prev_closed = True
    wrapped = hard_wrapped(lines)

    def close() -> None:
        nonlocal current
        if current:
            paras.append(Para(current))
        current = []

    prev_sentence_end = True
    for k, ln in enumerate(lines):
        blank_after = k + 1 < len(lines) and lines[k + 1].blank_before
        # an intertitle: a short line without sentence punctuation after a sentence end
        one_line = (
            ln.kind == LineKind.BODY
            and not ln.full
            and (prev_closed or prev_sentence_end)
            and not ends_sentence(ln.text)
            and not any(ch in ln.text for ch in "，,、；;。")
        )
        if (
            ln.kind in (LineKind.DATELINE, LineKind.BULLET, LineKind.TRAILER)
            or one_line
            or ln.indent
        ):
            close()
        current.append(ln)
        # a blank line alone is no paragraph end (one can sit mid-sentence), but after a
        # sentence end it is, even when the line fills its column
        ends = ends_sentence(ln.text) and (not ln.full or blank_after)
        if (
            not wrapped
            or ln.kind in (LineKind.CAPTION, LineKind.TRAILER)
            or ends
            or one_line
            or ln.item_end
        ):
            close()
            prev_closed = True
        else:
            prev_closed = False
        prev_sentence_end = ends_sentence(ln.text)
    close()
    for p in paras:
        first = p.lines[0]
        p.kind = (
            first.kind
            if first.kind in (LineKind.DATELINE, LineKind.BULLET, LineKind.TRAILER)
            else LineKind.BODY
        )
        if p.lines[-1].kind == LineKind.CAPTION and p.kind != LineKind.DATELINE:
            p.kind = LineKind.CAPTION if p.kind == LineKind.BODY else p.kind
        p.text = _join(p.lines)
    return paras


_ASCII_WORD_END = re.compile(r"[A-Za-z,.;:!?)\"']$")
_ASCII_WORD_START = re.compile(r"^[A-Za-z(\"']")


def _join(lines: list[Line]) -> str:
    """Join wrapped lines: directly for CJK, with a space between two Latin words."""
    out = ""
    for ln in lines:
        if out and _ASCII_WORD_END.search(out) and _ASCII_WORD_START.match(ln.text):
            out += " "
        out += ln.text
    return out


def cut_segments(lines: list[Line], heads: list[Head]) -> list[Segment]:
    """Cut the page into bodies: at headline blocks, datelines, bullets and captions."""
    head_at = {h.first: h for h in heads}
    segments: list[Segment] = []
    body: list[Line] = []
    pending: Head | None = None

    def flush_body() -> None:
        nonlocal body, pending
        if not body:
            return
        paras = paragraphs(body)
        body = []
        current: Segment | None = None
        closed = False  # the current item ended (closing byline, end mark)
        for para in paras:
            if para.kind == LineKind.TRAILER:
                if current is None:  # a byline with no body before it in this block
                    current = Segment([], order=para.first)
                    segments.append(current)
                if not current.trailer:
                    current.trailer = byline_line(para.text) or parse_byline(para.text)
                closed = True
                continue
            new = (
                current is None
                or closed
                or para.kind in (LineKind.DATELINE, LineKind.BULLET, LineKind.CAPTION)
                or current.paras[-1].kind == LineKind.CAPTION
            )
            if (
                not closed
                and current is not None
                and current.paras[-1].kind == LineKind.BULLET
                and para.kind == LineKind.BODY
            ):
                new = False  # a brief item wrapped onto further lines
            closed = para.lines[-1].item_end
            if new:
                head = pending if pending is not None and para.kind != LineKind.CAPTION else None
                if pending is not None:
                    if head is None:  # a headline over a photo caption has lost its body
                        segments.append(Segment([], head=pending, order=pending.first))
                    pending = None
                current = Segment([para], head=head, order=head.first if head else para.first)
                segments.append(current)
            else:
                current.paras.append(para)
        segments[:] = [seg for seg in segments if seg.paras or seg.head or seg.trailer]
        # a bare column heading straight before brief items (要闻简报) is not an item
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

    i = 0
    while i < len(lines):
        head = head_at.get(i)
        if head is not None:
            flush_body()
            if pending is not None:
                segments.append(Segment([], head=pending, order=pending.first))
            pending = head
            i = head.last + 1
            continue
        body.append(lines[i])
        i += 1
    flush_body()
    if pending is not None:
        segments.append(Segment([], head=pending, order=pending.first))
    return segments
