"""Parts and totals: which quantities of an article are parts of one whole.

A county report often lists a whole by its kinds: 旺苍县 "配置15支常备特色志愿服务队伍，
以及80余支…重点领域志愿服务队伍 … 组建23支志愿服务大队和257支…中队，以及1728支…特色志
愿服务队伍". Each figure is one kind of volunteer team; showing any one of them as "the
county's volunteer teams" is wrong. ``mark_parts`` finds such groups and the total the
text gives for them, if any, so that compare can show the total, or the sum of the parts
labelled as such, and never one part as the whole.

Rule, per article, over the quantities that are observations of an indicator (not
targets, not changes or ranges, not in ``NON_ADDITIVE_UNITS``), bucketed by (indicator,
own region, unit):

- a bucket of one is a value on its own;
- within a bucket, consecutive quantities of one paragraph are linked when the text
  between them lists (``PART_LINKS``: 、, 和, 以及 … and no sentence end) or when their labels
  are different qualifiers of one noun (they share ``SHARED_NOUN`` or more characters:
  常备特色志愿服务队伍, 志愿服务大队); a run of linked quantities is a candidate group
  (60名留守儿童 at an event and 2000余人 aided over years, in two paragraphs, are not);
  其中 links only after a total (共有2103支，其中…): after a plain figure it picks out a
  subset (候选人15人，其中1人获评…), which is no further part;
- a quantity whose label, or the words of its clause before the number, hold one of
  ``TOTAL_WORDS`` is a total (全县共有志愿服务队2103支, 志愿者总数51104人);
- a run is a group when its non-total values carry different labels and no two of its
  clauses name different years (2022年15支，2023年20支 is a series, not parts);
- a group with exactly one total whose value is at least its largest part gets that
  total; with several totals, or a "total" smaller than a part, the run is left alone.

Groups are numbered 1, 2 … in text order of their first quantity.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from .types import PartRole, Quantity
from .vocabulary import (
    CLAUSE_MARKS,
    NON_ADDITIVE_UNITS,
    PART_LINKS,
    SENTENCE_FINAL,
    SUBSET_LINK,
    TOTAL_WORDS,
    char_class,
)

__all__ = ["mark_parts"]

_YEAR_RE = re.compile(r"(?:19|20)\d{2}年")
# a total word anywhere in the clause before the number (全县共有志愿服务队2103支); a bare
# 共 only where it does not start another word (共青团, 共享, 共同, 公共 …)
_TOTAL_RE = re.compile("|".join(TOTAL_WORDS) + r"|(?<!公)共(?![青享同性识产赢治商建])")
#: How many characters two labels must share to name kinds of one noun (志愿服务).
SHARED_NOUN = 3
#: Farther apart than this, two figures are not items of one list (、/和/以及 between them
#: would be another list's); they can still be kinds of one noun.
LIST_GAP = 120
_CLAUSE_MARK_RE = re.compile(char_class(CLAUSE_MARKS + "\n"))


def mark_parts(quantities: list[Quantity], body: str, article_region: str | None) -> None:
    """Set ``part_group`` and ``part_role`` on ``quantities`` of ``body``, in place.

    ``article_region`` is the article's adcode, the region of quantities whose own
    ``region`` is None. See the module docstring for the rule. Returns None.
    """
    buckets: dict[tuple, list[Quantity]] = {}
    for q in quantities:
        if _additive(q):
            key = (q.indicator, q.region or article_region, q.unit)
            buckets.setdefault(key, []).append(q)
    runs = [run for bucket in buckets.values() for run in _runs(bucket, body)]
    group = 0
    for run in sorted(runs, key=lambda r: r[0].start):
        roles = _roles(run, body)
        if roles is None:
            continue
        group += 1
        for q, role in zip(run, roles, strict=True):
            q.part_group, q.part_role = group, role


def _runs(bucket: list[Quantity], body: str) -> list[list[Quantity]]:
    """``bucket`` (text order) cut into runs of linked quantities (see the module doc)."""
    runs: list[list[Quantity]] = []
    for q in sorted(bucket, key=lambda q: q.start):
        if runs and _linked(runs[-1][-1], q, body):
            runs[-1].append(q)
        else:
            runs.append([q])
    return runs


def _linked(a: Quantity, b: Quantity, body: str) -> bool:
    if b.start - a.end > LIST_GAP:
        return (
            a.label != b.label
            and _shared_noun(a.label, b.label) >= SHARED_NOUN
            and ("\n" not in body[a.end : b.start])
        )
    between = body[a.end : b.start]
    if "\n" in between:
        return False  # another paragraph
    if SUBSET_LINK in between:
        return _is_total(a, body)  # 共有2103支，其中…: parts of that total; else a subset
    if not any(ch in between for ch in SENTENCE_FINAL) and any(
        link in between for link in PART_LINKS
    ):
        return True
    return a.label != b.label and _shared_noun(a.label, b.label) >= SHARED_NOUN


def _shared_noun(a: str, b: str) -> int:
    """Length of the longest run of characters ``a`` and ``b`` share."""
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best


def _additive(q: Quantity) -> bool:
    return (
        q.indicator is not None
        and not q.target
        and q.previous_value is None
        and q.value_max is None
        and q.unit not in NON_ADDITIVE_UNITS
    )


def _roles(bucket: list[Quantity], body: str) -> list[PartRole] | None:
    """The role of each quantity of one bucket, or None when it is not a group."""
    if len(bucket) < 2:
        return None
    years = {y for q in bucket for y in _YEAR_RE.findall(_clause_before(body, q.start))}
    if len(years) > 1:
        return None
    totals = [_is_total(q, body) for q in bucket]
    parts = [q for q, total in zip(bucket, totals, strict=True) if not total]
    labels = [q.label for q in parts]
    if len(parts) > 1 and len(set(labels)) < len(labels):
        return None  # the same thing restated, or a series: not parts of a whole
    if sum(totals) > 1 or not parts:
        return None
    if any(totals):
        (total,) = (q for q, t in zip(bucket, totals, strict=True) if t)
        if total.value < max(q.value for q in parts):
            return None
    elif len(parts) < 2:
        return None
    return [PartRole.TOTAL if t else PartRole.PART for t in totals]


def _is_total(q: Quantity, body: str) -> bool:
    return bool(_TOTAL_RE.search(q.label) or _TOTAL_RE.search(_clause_before(body, q.start)))


def _clause_before(body: str, start: int) -> str:
    """The words of the clause containing ``start``, up to ``start`` (found by bisection
    in the body's clause marks, so a long page stays linear)."""
    marks = _clause_marks(body)
    k = bisect_left(marks, start)
    return body[marks[k - 1] + 1 if k else 0 : start]


@lru_cache(maxsize=4)
def _clause_marks(body: str) -> list[int]:
    """Sorted offsets of the clause marks and line breaks of ``body``."""
    return [m.start() for m in _CLAUSE_MARK_RE.finditer(body)]
