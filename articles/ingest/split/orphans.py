"""Orphan headlines: give a headline printed away from its body the body its place names
point to (``assign_orphans``)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ...text import to_simplified
from ..gazetteer import Gazetteer
from ..vocabulary import SENTENCE_FINAL, char_class
from .heads import Head
from .lines import LineKind
from .marks import read_dateline
from .segments import Para, Segment

#: The end of a lead sentence (``vocabulary.SENTENCE_FINAL``).
_SENTENCE_END_RE = re.compile(char_class(SENTENCE_FINAL))


def _lead(text: str, limit: int = 80) -> str:
    """First sentence of a paragraph (without the dateline), at most ``limit`` chars."""
    dateline = read_dateline(text)
    if dateline:
        text = text[dateline.end :]
    cut = _SENTENCE_END_RE.search(text)
    return text[: cut.end() if cut else limit][:limit]


@dataclass(frozen=True)
class _LeadPlaces:
    """What the lead of one paragraph names, read once per paragraph: every adcode a
    non-risky mention may mean together with its ancestors (``covered``), and whether
    it names a place unambiguously (``specific``, as ``heads.specific_places``)."""

    covered: frozenset[str]
    specific: bool

    def names(self, places: list[str]) -> bool:
        """True if the lead names one of ``places`` or a division inside one of them."""
        return bool(places) and not self.covered.isdisjoint(places)


class _Leads:
    """The ``_LeadPlaces`` of each paragraph, computed on first use and kept by the
    paragraph's identity, so that each lead is scanned once however many orphan
    headlines consider it (this keeps ``assign_orphans`` linear in the page's
    paragraphs times the orphans, with no gazetteer scan in that product)."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self._gazetteer = gazetteer
        self._cache: dict[int, _LeadPlaces] = {}

    def __call__(self, para: Para) -> _LeadPlaces:
        found = self._cache.get(id(para))
        if found is None:
            found = self._read(_lead(para.text))
            self._cache[id(para)] = found
        return found

    def _read(self, lead: str) -> _LeadPlaces:
        covered: set[str] = set()
        specific = False
        for m in self._gazetteer.scan(to_simplified(lead)):
            if m.risky:
                continue
            specific = specific or len(m.candidates) == 1
            for code in m.candidates:
                covered.add(code)
                covered.update(self._gazetteer.ancestors(code))
        return _LeadPlaces(frozenset(covered), specific)


#: How far (in non-blank lines, either way) from an orphan headline its body is looked
#: for. A printed page holds a few hundred lines (the seed page 365), so a headline's
#: body is always within reach; the bound keeps the search linear in the page's size
#: when a long text holds many orphans.
ORPHAN_REACH = 1000


def assign_orphans(
    segments: list[Segment], heads: list[Head], gazetteer: Gazetteer
) -> list[Segment]:
    """Give each headline without a body the body its place names point to.

    Candidates, best first: (3) the first paragraph of a headless body whose lead names
    the headline's place; (2) a paragraph inside another body, after a finished
    paragraph, whose lead names the place but not the host headline's own places;
    (1) a headless body that names no place at all, in page order. Ties go to the
    candidate nearest the headline in page order (the first found when equally near).
    Only bodies starting within ``ORPHAN_REACH`` lines of the headline are candidates.
    The host body is cut there. ``segments`` is changed in place and returned.
    """
    orphans = [s for s in segments if s.head is not None and not s.paras]
    rank = {id(seg): k for k, seg in enumerate(segments)}
    by_order = sorted((s for s in segments if s.paras), key=lambda s: s.order)
    starts = [s.order for s in by_order]
    unavailable: set[int] = set()  # orphans given a body, hosts emptied
    leads = _Leads(gazetteer)
    for orphan in orphans:
        lo = bisect.bisect_left(starts, orphan.head.first - ORPHAN_REACH)
        hi = bisect.bisect_right(starts, orphan.head.first + ORPHAN_REACH)
        near = sorted(by_order[lo:hi], key=lambda s: rank[id(s)])
        near = [s for s in near if id(s) not in unavailable]
        best = _best_body(orphan, near, leads)
        if best is not None:
            host, k = best
            _give(orphan, host, k, segments)
            unavailable.add(id(orphan))
            if k == 0:
                unavailable.add(id(host))
    return segments


def _best_body(
    orphan: Segment, candidates: list[Segment], leads: _Leads
) -> tuple[Segment, int] | None:
    """The segment and paragraph index whose body the orphan headline takes, or None."""
    head = orphan.head
    best: tuple[int, int, Segment, int] | None = None
    for seg in candidates:
        if seg is orphan or not seg.paras or seg.paras[0].kind == LineKind.CAPTION:
            continue
        for k in _openings(seg):
            score = _score(seg, k, head, leads)
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


def _score(seg: Segment, k: int, head: Head, leads: _Leads) -> int:
    """3, 2, 1 or 0 (no candidate) for paragraph ``k`` of ``seg`` as the body of ``head``
    (see ``assign_orphans``)."""
    lead = leads(seg.paras[k])
    names = lead.names(head.places)
    if k == 0:
        return 3 if names else (1 if not lead.specific else 0)
    host = seg.head.places if seg.head else []
    return 2 if names and not lead.names(host) else 0


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
