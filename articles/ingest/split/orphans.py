"""Orphan headlines: give a headline printed away from its body the body its place names
point to (``assign_orphans``)."""

from __future__ import annotations

import re

from ...text import to_simplified
from ..gazetteer import Gazetteer
from ..vocabulary import SENTENCE_FINAL, char_class
from .heads import Head, specific_places
from .lines import LineKind
from .marks import read_dateline
from .segments import Segment

#: The end of a lead sentence (``vocabulary.SENTENCE_FINAL``).
_SENTENCE_END_RE = re.compile(char_class(SENTENCE_FINAL))


def _lead(text: str, limit: int = 80) -> str:
    """First sentence of a paragraph (without the dateline), at most ``limit`` chars."""
    dateline = read_dateline(text)
    if dateline:
        text = text[dateline.end :]
    cut = _SENTENCE_END_RE.search(text)
    return text[: cut.end() if cut else limit][:limit]


def _names_place(text: str, places: list[str], gazetteer: Gazetteer) -> bool:
    """True if ``text`` names one of ``places`` or a division inside one of them."""
    if not places:
        return False
    for m in gazetteer.scan(to_simplified(text)):
        if m.risky:
            continue
        for code in m.candidates:
            if code in places or any(a in places for a in gazetteer.ancestors(code)):
                return True
    return False


def assign_orphans(
    segments: list[Segment], heads: list[Head], gazetteer: Gazetteer
) -> list[Segment]:
    """Give each headline without a body the body its place names point to.

    Candidates, best first: (3) the first paragraph of a headless body whose lead names
    the headline's place; (2) a paragraph inside another body, after a finished
    paragraph, whose lead names the place but not the host headline's own places;
    (1) a headless body that names no place at all, in page order. Ties go to the
    candidate nearest the headline in page order (the first found when equally near).
    The host body is cut there. ``segments`` is changed in place and returned.
    """
    orphans = [s for s in segments if s.head is not None and not s.paras]
    taken: set[int] = set()
    for orphan in orphans:
        best = _best_body(orphan, segments, taken, gazetteer)
        if best is not None:
            _give(orphan, *best, segments)
            taken.add(id(orphan))
    return segments


def _best_body(
    orphan: Segment, segments: list[Segment], taken: set[int], gazetteer: Gazetteer
) -> tuple[Segment, int] | None:
    """The segment and paragraph index whose body the orphan headline takes, or None."""
    head = orphan.head
    best: tuple[int, int, Segment, int] | None = None
    for seg in segments:
        if seg is orphan or not seg.paras or id(seg) in taken:
            continue
        if seg.paras[0].kind == LineKind.CAPTION:
            continue
        for k in _openings(seg):
            score = _score(seg, k, head, gazetteer)
            if score == 0:
                continue
            distance = abs(seg.paras[k].first - head.first)
            if best is None or (score, -distance) > (best[0], -best[1]):
                best = (score, distance, seg, k)
    return None if best is None else (best[2], best[3])


def _openings(seg: Segment) -> list[int]:
    """Indexes of the paragraphs of ``seg`` where a body may start: the first (of a
    headless body), or one after a finished paragraph that is no caption or bullet."""
    out = []
    for k, para in enumerate(seg.paras):
        if k > 0 and (
            seg.paras[k - 1].kind == LineKind.CAPTION
            or para.kind in (LineKind.CAPTION, LineKind.BULLET)
        ):
            continue
        if k == 0 and seg.head is not None:
            continue
        out.append(k)
    return out


def _score(seg: Segment, k: int, head: Head, gazetteer: Gazetteer) -> int:
    """3, 2, 1 or 0 (no candidate) for paragraph ``k`` of ``seg`` as the body of ``head``
    (see ``assign_orphans``)."""
    lead = _lead(seg.paras[k].text)
    names = _names_place(lead, head.places, gazetteer)
    if k == 0:
        return 3 if names else (1 if not specific_places(lead, gazetteer) else 0)
    host = seg.head.places if seg.head else []
    own = _names_place(lead, host, gazetteer) if host else False
    return 2 if names and not own else 0


def _give(orphan: Segment, host: Segment, k: int, segments: list[Segment]) -> None:
    """Move the body of ``host`` from paragraph ``k`` on (with its closing byline) to
    ``orphan``; a host left with nothing is removed from ``segments``."""
    orphan.trailer, host.trailer = host.trailer, ""  # a closing byline ends the body
    if k == 0:
        orphan.paras = host.paras
        segments.remove(host)
    else:
        orphan.paras = host.paras[k:]
        host.paras = host.paras[:k]
