"""Signs: a change that falls is negative.

A quantity is a fall, and its value is negated, when

- a minus sign is written before its number (增长-2.1%, 比上年-0.5个百分点), which
  ``candidates`` already reads into the value; or
- a fall verb (``vocabulary.FALL_VERBS``, optionally with 了) or 负增长 stands right
  before it or its qualifier (同比下降3.9%, 下降了3.9个百分点, 负增长1.5%, 减少200人,
  下降近2%); or
- it is listed after such a fall shared out by 分别 (同比分别下降15.2%、20%).

A change *to* a level is not a fall: 由A减少到B, 减少到B, 下降至3% name the new level B,
which stays positive: its verb is followed by 到/至/为, never directly by the number, so
no rule here reads it (a minus written on B, 由5%下降到-2%, is B's own sign).
When a value is negated its bound turns over (下降超过3% is at most −3) and so does a
range (下降3%—5% is −5..−3). A negative value's label never says it rose: the rise verb
ending it (比上年增长-2.1%, 负增长1.5%) becomes 下降, the verb of a fall; a rise word inside
a noun (工业增加值) stays.
"""

from __future__ import annotations

import re

from ..types import Bound
from ..vocabulary import FALL_VERBS, RISE_VERBS, alternation
from .view import Raw

#: A fall verb (or 负增长) right before the number, with 了 or a comparison's 分别.
_FALL_BEFORE_RE = re.compile(rf"(?:负增长|负|{alternation(FALL_VERBS)})了?$")
#: A rise verb ending a negative value's label (比上年增长, 负增长): it must not say rose.
#: Only the end is the verb of the change; inside a label 增加 may be a noun (增加值).
_RISE_IN_LABEL_RE = re.compile(rf"(?:负增长|{alternation(RISE_VERBS)})了?$")
_JOINERS = ("、", "和", "及")
_FLIPPED = {Bound.LOWER: Bound.UPPER, Bound.UPPER: Bound.LOWER}


def sign_changes(text: str, qs: list[Raw]) -> None:
    """Negate every falling change of ``qs`` (see the module docstring), in place.
    Needs ``Raw.before`` (set by ``labels.label_all``)."""
    prev_fell = False
    for i, q in enumerate(qs):
        shared = (
            i
            and prev_fell
            and q.before in _JOINERS
            and q.unit == qs[i - 1].unit
            and "分别" in qs[i - 1].before
        )
        fell = q.value < 0 or bool(_FALL_BEFORE_RE.search(q.before)) or bool(shared)
        if fell and q.value > 0:
            _negate(q)
        if fell and q.value < 0:
            q.label = _RISE_IN_LABEL_RE.sub("下降", q.label)
        prev_fell = fell


def _negate(q: Raw) -> None:
    """``q`` turned negative: value, range ends and bound."""
    if q.value_max is not None:
        q.value, q.value_max = -q.value_max, -q.value
    else:
        q.value = -q.value
    q.bound = _FLIPPED.get(q.bound, q.bound)
