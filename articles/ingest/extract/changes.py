"""Changes (由A调整至B, A提高到B) and ranges (95%—98%): pairs of quantities merged into one."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..vocabulary import CHANGE_BY_VERBS, CHANGE_TO_VERBS, CLAUSE_MARKS, alternation, escaped
from .units import same_base_unit
from .view import Raw, span_at

#: A verb of change to a new level (``vocabulary.CHANGE_TO_VERBS``).
_CHANGE_TO = alternation(CHANGE_TO_VERBS)
_CHANGE_VERB_RE = re.compile(_CHANGE_TO)
#: Neither a digit, nor 、, nor a clause mark: the words of one change phrase.
_IN_PHRASE = rf"[^\d、{escaped(CLAUSE_MARKS)}]"
#: Between A and B of a change opened by 由/从: a few words, 至/到/为, an optional year.
_CHANGE_MID_RE = re.compile(
    rf"{_IN_PHRASE}{{0,6}}?(?:至|到|为)(?:20\d\d年(?:底|末)?的?)?{_IN_PHRASE}{{0,6}}"
)
#: Between A and B of a change written without 由/从 ("1800元提高到2000元"): an optional
#: adverb, a change verb, 至/到/为, optionally the per-person words repeated. Nothing else,
#: so "增加300人" alone or two amounts joined by 、/，stay separate quantities.
_BARE_CHANGE_MID_RE = re.compile(
    r"(?:逐步|进一步|分别|大幅|稳步|再|又|已|将)?"
    rf"(?:{_CHANGE_TO})"
    r"(?:至|到|为)(?:每人每月|每月每人|每人每年|每年每人|人均|每人|每月|每年)?"
)
#: Between the two ends of a range written with the unit on both (95%—98%, 95%~98%,
#: 95%-98%, 95%至98%, 3人到5人): a dash, a tilde or 至/到 and nothing else. GB/T 15834-2011
#: (标点符号用法) 4.13 gives the range mark as "—" or "～"; "——" is a dash of
#: explanation and is not read as a range.
_RANGE_MID_RE = re.compile(r"[—–\-~〜]|至|到")
_RANGE_DASH_RE = re.compile(r"[—–\-~〜]")
#: A change verb right before A: "增加300人至3500人" reads "by 300, to 3500", no range.
_CHANGE_BY_RE = re.compile(rf"(?:{alternation(CHANGE_BY_VERBS)})了?$")


def _is_range(text: str, a: Raw, b: Raw, mid_re: re.Pattern) -> bool:
    """True when ``a`` and ``b`` are the two ends of one range (see ``_RANGE_MID_RE``)."""
    return (
        a.unit == b.unit
        and mid_re.fullmatch(text[a.end : b.start]) is not None
        and a.value_max is None
        and b.value_max is None
        and b.previous_value is None
        and b.value > a.value
    )


def _join_range(a: Raw, b: Raw) -> Raw:
    """``a`` widened to end at ``b``: value a, value_max b, evidence a…b."""
    a.value_max = b.value
    a.end = b.end
    a.approx = a.approx or b.approx
    a.bound = a.bound or b.bound
    return a


def _merge_ranges(text: str, qs: list[Raw], mid_re: re.Pattern) -> list[Raw]:
    """``qs`` with each pair that ``_is_range`` joined into one quantity."""
    out: list[Raw] = []
    for q in qs:
        if out and _is_range(text, out[-1], q, mid_re):
            _join_range(out[-1], q)
        else:
            out.append(q)
    return out


def merge_changes(text: str, qs: list[Raw], clause_marks: Sequence[int]) -> list[Raw]:
    """Pairs that are one change or one range, merged.

    - 由A调整至B / 从A提高到B -> B with previous_value A; 从A到B without a verb -> range.
    - A提高到B / A增至B / A上调至B with no opener (``_BARE_CHANGE_MID_RE`` between them,
      same clause, same unit) -> B with previous_value A, evidence A…B.
    - A—B, A~B, A-B, A至B, A到B with the unit written on both ends (95%—98%) and nothing
      else between them -> one range A..B when B > A. Dash ranges are joined first, so a
      change may end in one (由90%提高到95%—98%: 95..98, previous 90).
    """
    qs = _merge_ranges(text, qs, _RANGE_DASH_RE)
    out: list[Raw] = []
    i = 0
    while i < len(qs):
        merged = _merge_pair(text, qs[i], qs[i + 1], clause_marks) if i + 1 < len(qs) else None
        if merged is None:
            out.append(qs[i])
            i += 1
        else:
            out.extend(merged)
            i += 2
    return out


def _merge_pair(text: str, a: Raw, b: Raw, clause_marks: Sequence[int]) -> list[Raw] | None:
    """What two neighbouring quantities become when they are one change or one range
    (see ``merge_changes``), or None when they stay apart."""
    clause_start, clause_end = span_at(clause_marks, a.num_start, len(text))
    mid = text[a.end : b.start]
    lead = text[max(clause_start, a.start - 14) : a.start]
    k = max(lead.rfind("由"), lead.rfind("从"))
    same_unit = same_base_unit(a.unit, b.unit)
    if k >= 0 and b.start <= clause_end and same_unit and _CHANGE_MID_RE.fullmatch(mid):
        return _opened_change(a, b, lead[k], a.start - len(lead) + k, mid)
    if same_unit and _BARE_CHANGE_MID_RE.fullmatch(mid):  # 1800元提高到2000元
        return [_change(a, b, a.start)]
    if _is_range(text, a, b, _RANGE_MID_RE) and not _CHANGE_BY_RE.search(
        text, max(clause_start, a.start - 4), a.start
    ):  # 95%至98%: the unit written twice; "增加300人至3500人" is by A, to B
        return [_join_range(a, b)]
    return None


def _opened_change(a: Raw, b: Raw, opener: str, start: int, mid: str) -> list[Raw]:
    """由A…至B is a change; 从A…到B a change with a verb between, else a range A..B
    (when B is higher); ``start`` is where 由/从 stands."""
    if opener == "由" or _CHANGE_VERB_RE.search(mid):
        return [_change(a, b, start)]
    if a.value_max is None and b.value > a.value:
        _join_range(a, b)
        a.start = start
        return [a]
    return [a, b]


def _change(a: Raw, b: Raw, start: int) -> Raw:
    """``b`` as the new value of a change from ``a``, evidence from ``start``; a per-person
    unit written only on A (由每人每年610元提高到640元) carries over to B.

    ``previous_value`` holds an exact earlier figure only: an approximate one (由不足10个
    增加至50个, 从近万人增至1.2万人) or a range is left out, since a change computed from it
    would be exact where the text is not (10 -> 50 read as +400%: a new-user pass). The
    evidence still spans the whole phrase, so the reader sees the earlier figure."""
    if "/" in a.unit and "/" not in b.unit:
        b.unit = a.unit
    exact = not a.approx and not a.bound and a.value_max is None
    b.previous_value = a.value if exact else None
    b.start = start
    return b
