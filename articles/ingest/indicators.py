"""Indicator mapping: which indicator (what is measured) each extracted quantity reports.

The catalogue is ``fixtures/indicators.json`` (editable later in the admin). Each
indicator has a ``unit`` and ``phrases``: terms a reporter uses for it across pages
(实名注册志愿者, 基础养老金, 失业保险金 ...). A phrase ``"A&B"`` is a compound: it
matches when B is in the context being searched and A anywhere in the same sentence
(``"稳岗返还&惠及"``: "…发放稳岗返还补助…，惠及25545名职工").

``IndicatorCatalog.assign`` looks for phrases in widening contexts around a quantity and
stops at the first context where some unit-compatible indicator matches:

1. the quantity's ``label``;
2. the words between it and its neighbours in the clause (before and after);
3. its whole clause (up to ，。；：！？);
4. when its label is only a division's name (其中苍溪县8.6万人), the sentence before its
   clause: the figure is that division's share of what the sentence measured.

Within a context the longest matching phrase wins; ties go to an indicator of the
article's ``topic``, then to catalogue order. A phrase never starts inside a place name
(``place_names``): 宣城市低保标准 is 宣城市's 低保标准, not its 城市低保标准 (urban). An indicator whose unit differs from the
quantity's normalized unit never matches (285 元/人/月 is not a 元 total). Quantities
that match nothing keep ``indicator=None`` and are reviewed by hand, and so does a count
of bare places (改造3个社区, 覆盖5个村、12个乡镇: ``COVERED_PLACE_WORDS`` right after its
counter): it says how many places a programme reached, not how many of the things an
indicator counts.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from .extract.view import mark_positions, normalize, span_at
from .types import Quantity
from .vocabulary import (
    CHANGE_BY_VERBS,
    CLAUSE_MARKS,
    COVERED_PLACE_WORDS,
    PLACE_COUNTERS,
    SENTENCE_MARKS,
    UNIT_FORMS,
    word_trie,
)

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "fixtures" / "indicators.json"


def normalize_unit(unit: str) -> str:
    """The unit as ``Quantity.unit`` writes it (名/位 -> 人, ％ -> %)."""
    unit = unit.strip().replace("％", "%")
    return UNIT_FORMS.get(unit, unit)


@dataclass(frozen=True)
class IndicatorSpec:
    """One indicator as the mapper sees it: slug, unit, phrases and topic slugs."""

    slug: str
    unit: str
    phrases: tuple[str, ...]
    topics: tuple[str, ...] = ()
    name_zh: str = ""
    name_en: str = ""
    #: ``stock`` (a count standing at a date), ``flow``, ``level``, ``rate`` (the
    #: catalogue's ``kind``; "" when a row does not say).
    kind: str = ""

    def score(
        self, context: str, sentence: str, traps: Mapping[str, frozenset[str]] | None = None
    ) -> int:
        """Length of the best phrase found in ``context`` (0 when none matches).

        A compound ``A&B`` scores len(A)+len(B) when B is in ``context`` and every part
        is in ``sentence``. ``traps`` (``IndicatorCatalog.traps``) maps a plain phrase to
        the heads of the place names it can start inside: an occurrence right after one of
        them does not count (塔 + 城市低保标准 is 塔城市's 低保标准). Nor does one right
        after 人均 unless the unit is per person (``_total``).
        """
        best = 0
        plain, compounds = self._phrase_parts
        # a context with no 人均 (for a total), no 占 and no trap of the phrase takes any
        # occurrence: the common case skips ``_free``'s walk
        guarded = "占" in context or (self._total and "人均" in context)
        for phrase, size in plain:  # longest first: the first found is the best
            if phrase not in context:
                continue
            heads = _WORD_TRAPS.get(phrase, _NO_HEADS)
            if traps and phrase in traps:
                heads = heads | traps[phrase]
            if (not guarded and not heads) or _free(context, phrase, heads, self._total):
                best = size
                break
        for parts, size in compounds:
            if size <= best:
                break
            if parts[-1] in context and all(p in sentence for p in parts):
                best = size
                break
        return best

    @cached_property
    def _total(self) -> bool:
        """True unless the unit is per person (元/人/月): a phrase in a word starting with
        人均 is then no occurrence of this indicator's (人均地区生产总值 is no 地区生产总值)."""
        return "/人" not in self.unit

    @cached_property
    def _phrase_parts(self) -> tuple[tuple, tuple]:
        """``phrases`` read once for ``score``: the plain ones with their lengths, longest
        first, and the compounds' non-empty parts with their summed lengths, longest
        first (a phrase no longer than the best so far cannot raise it)."""
        plain = [(p, len(p)) for p in self.phrases if "&" not in p]
        compounds = []
        for phrase in self.phrases:
            if "&" in phrase:
                parts = tuple(p for p in phrase.split("&") if p)
                if parts:
                    compounds.append((parts, sum(map(len, parts))))
        plain.sort(key=lambda ps: -ps[1])
        compounds.sort(key=lambda ps: -ps[1])
        return tuple(plain), tuple(compounds)


def _free(context: str, phrase: str, heads: frozenset[str], total: bool = False) -> bool:
    """True if some occurrence of ``phrase`` in ``context`` follows none of ``heads``, is
    not what a share is taken of (民营经济占GDP的比重: ``_SHARE_OF_RE``) and, when
    ``total``, does not end a word that starts with 人均 (人均地区生产总值 holds no
    地区生产总值 nor 生产总值 of a total)."""
    lengths = {len(h) for h in heads}
    pos = context.find(phrase)
    while pos >= 0:
        if (
            not any(context[max(0, pos - n) : pos] in heads for n in lengths if n <= pos)
            and not (total and _PER_PERSON_RE.search(context, max(0, pos - 6), pos))
            and not _SHARE_OF_RE.search(context, max(0, pos - 4), pos)
        ):
            return True
        pos = context.find(phrase, pos + 1)
    return False


def _field(row: object, name: str, default=None):
    if isinstance(row, Mapping):
        return row.get(name, default)
    return getattr(row, name, default)


def _topics_of(row: object) -> tuple[str, ...]:
    topic = _field(row, "topic")
    if topic is None:
        topic = _field(row, "topic__slug")
    if topic is None:
        return ()
    if isinstance(topic, str):
        return (topic,)
    if isinstance(topic, (list, tuple)):
        return tuple(str(t) for t in topic if t)
    slug = getattr(topic, "slug", None)  # a Topic model instance
    return (slug,) if slug else ()


class IndicatorCatalog:
    """The indicators a quantity can be mapped to (see the module docstring)."""

    def __init__(self, indicators: Iterable[IndicatorSpec]):
        self._indicators = list(indicators)
        slugs = [i.slug for i in self._indicators]
        duplicates = sorted({s for s in slugs if slugs.count(s) > 1})
        if duplicates:
            raise ValueError(f"duplicate indicator slugs: {', '.join(duplicates)}")
        self._by_unit: dict[str, list[IndicatorSpec]] = {}
        for ind in self._indicators:
            self._by_unit.setdefault(ind.unit, []).append(ind)
        #: Per unit, a pattern (``word_trie``) finding any word some indicator of that unit
        #: needs in a context to score there (a plain phrase, a compound's last part): a
        #: context it does not find scores 0 for all of them, and ``best`` skips it with one
        #: C scan instead of scoring each indicator.
        self._needed_by_unit: dict[str, re.Pattern] = {
            unit: re.compile(
                word_trie(
                    {phrase for ind in inds for phrase, _size in ind._phrase_parts[0]}
                    | {parts[-1] for ind in inds for parts, _size in ind._phrase_parts[1]}
                )
            )
            for unit, inds in self._by_unit.items()
        }
        self._traps: tuple[frozenset[str], dict[str, frozenset[str]]] | None = None

    def traps(self, place_names: frozenset[str]) -> dict[str, frozenset[str]]:
        """{plain phrase: heads}: the phrases that can start inside one of ``place_names``
        (full names: 宣城市, 塔城市), each with what stands before it then (宣, 塔 for
        城市低保标准: the name ends with the phrase's first two characters or more). The
        last set's answer is kept (the pipeline passes the same gazetteer's names)."""
        if self._traps is not None and self._traps[0] is place_names:
            return self._traps[1]
        heads_by_tail: dict[str, set[str]] = {}
        for name in place_names:
            for k in range(2, len(name)):  # a tail of two characters or more, a head left
                if name[-k:] not in _SUFFIX_WORDS:
                    heads_by_tail.setdefault(name[-k:], set()).add(name[:-k])
        traps = {}
        for ind in self._indicators:
            for phrase, _size in ind._phrase_parts[0]:
                heads = set()
                for k in range(2, len(phrase) + 1):
                    heads |= heads_by_tail.get(phrase[:k], set())
                if heads:
                    traps[phrase] = frozenset(heads)
        self._traps = (place_names, traps)
        return traps

    # -- construction ---------------------------------------------------------------

    @classmethod
    def from_rows(cls, rows: Iterable[object]) -> IndicatorCatalog:
        """Build a catalogue from indicator rows.

        A row is a fixture entry (``{"model": ..., "fields": {...}}``), its ``fields``
        dict, a ``values()`` dict, or an ``Indicator`` model instance: it needs ``slug``,
        ``unit`` and ``phrases`` (list of str); ``topic`` may be a list of slugs (natural
        key), a slug, a Topic, or given as ``topic__slug``. Raises ``ValueError`` naming
        the row when a required field is missing or malformed.
        """
        specs = []
        for n, row in enumerate(rows, start=1):
            if isinstance(row, Mapping) and isinstance(row.get("fields"), Mapping):
                row = row["fields"]
            slug = _field(row, "slug")
            unit = _field(row, "unit")
            phrases = _field(row, "phrases", [])
            if not slug or not isinstance(slug, str):
                raise ValueError(f"indicator row {n} has no slug")
            if not unit or not isinstance(unit, str):
                raise ValueError(f"indicator {slug!r} (row {n}) has no unit")
            if not isinstance(phrases, (list, tuple)) or not all(
                isinstance(p, str) for p in phrases
            ):
                raise ValueError(f"indicator {slug!r} (row {n}): phrases must be a list of str")
            specs.append(
                IndicatorSpec(
                    slug=slug,
                    unit=normalize_unit(unit),
                    phrases=tuple(p.strip() for p in phrases if p.strip()),
                    topics=_topics_of(row),
                    name_zh=_field(row, "name_zh", "") or "",
                    name_en=_field(row, "name_en", "") or "",
                    kind=_field(row, "kind", "") or "",
                )
            )
        return cls(specs)

    @classmethod
    def load(cls, path: str | Path | None = None) -> IndicatorCatalog:
        """The catalogue in a Django fixture file (default ``fixtures/indicators.json``).

        Cached per path: the file is read once per process. Raises ``FileNotFoundError``
        or ``ValueError`` (bad JSON or rows).
        """
        return _load_cached(str(Path(path).resolve() if path else DEFAULT_PATH))

    # -- container protocol ---------------------------------------------------------

    def __len__(self) -> int:
        return len(self._indicators)

    def __iter__(self) -> Iterator[IndicatorSpec]:
        return iter(self._indicators)

    def __contains__(self, slug: object) -> bool:
        return any(i.slug == slug for i in self._indicators)

    def get(self, slug: str) -> IndicatorSpec | None:
        """The indicator with this slug, or None."""
        return next((i for i in self._indicators if i.slug == slug), None)

    # -- mapping ----------------------------------------------------------------------

    def best(
        self,
        unit: str,
        contexts: Iterable[str],
        sentence: str,
        topic: str | None = None,
        *,
        skip_kinds: frozenset[str] = frozenset(),
        traps: Mapping[str, frozenset[str]] | None = None,
    ) -> str | None:
        """Slug of the best indicator of ``unit`` for the first context that matches,
        leaving out indicators whose ``kind`` is in ``skip_kinds``; ``traps`` as for
        ``IndicatorSpec.score``."""
        unit = normalize_unit(unit)
        candidates = self._by_unit.get(unit, [])
        if not candidates:
            return None
        needed = self._needed_by_unit[unit].search
        for context in contexts:
            if not needed(context):
                continue  # no indicator of the unit can score here
            # the highest (score, of the topic), the first in catalogue order on a tie
            top, slug = (0, False), None
            for ind in candidates:
                if ind.kind in skip_kinds:
                    continue
                score = ind.score(context, sentence, traps)
                if score >= top[0] and score:
                    key = (score, topic in ind.topics)
                    if key > top:
                        top, slug = key, ind.slug
            if slug is not None:
                return slug
        return None

    def assign(
        self,
        quantities: list[Quantity],
        body: str,
        topic: str | None = None,
        *,
        place_names: frozenset[str] = frozenset(),
    ) -> None:
        """Set ``indicator`` on each quantity of ``body`` (a slug, or None), in place.

        ``quantities`` are those ``extract.extract_quantities(body)`` returned (their
        offsets index ``body``); ``topic`` is the article's topic slug, used only to break
        ties; ``place_names`` are the gazetteer's full names (``Gazetteer.full_names()``),
        inside which no phrase starts (see ``traps``). Returns None.
        """
        if not quantities:
            return
        traps = self.traps(place_names) if place_names else None
        view = normalize(body)
        text = view.text
        clause_marks = mark_positions(text, CLAUSE_MARKS)
        sentence_marks = mark_positions(text, SENTENCE_MARKS)
        spans = [view.from_original(q.start, q.end) for q in quantities]
        starts = sorted(s for s, _ in spans)
        following_label = {s: q.label or "" for q, (s, _) in zip(quantities, spans, strict=True)}
        ends = sorted(e for _, e in spans)
        n = len(text)
        for q, (vs, ve) in zip(quantities, spans, strict=True):
            if q.unit in PLACE_COUNTERS and _COVERED_PLACES_RE.match(text, ve):
                q.indicator = None  # 3个社区: how many places were reached (module docstring)
                continue
            cs, ce = span_at(clause_marks, vs, n)
            if (
                _HONOURED_RE.match(text, ve)
                or _VISITED_RE.search(text, cs, vs)
                or _BENCHMARK_RE.search(text, cs, vs)
            ):
                # 候选人15人，其中1人获评…道德模范: those honoured, no candidates' count;
                # 深入49家参保单位开展实地稽核: the employers audited, not all insured ones;
                # 失业率3.2%，远低于省市4.5%的要求: a benchmark, not this region's rate
                q.indicator = None
                continue
            ss, se = span_at(sentence_marks, vs, n)
            k = bisect_right(ends, vs) - 1  # the previous quantity ends at or before vs
            left = max(cs, ends[k] if k >= 0 else 0)
            j = bisect_left(starts, ve)  # the next quantity starts at or after ve
            right = min(ce, starts[j] if j < len(starts) else n)
            label = q.label or ""
            bare = _BARE_LABEL_RE.fullmatch(label) is not None
            following = following_label.get(starts[j], "") if j < len(starts) else ""
            if following and text.startswith("、", ve) and following in text[ve:right]:
                # 建成养老服务中心12个、老年助餐点30余个: a list of items each named before
                # its figure; the figure takes nothing from the items after it (助餐点 is
                # the next item's: a new-user pass saw the 12 centres filed as meal sites).
                # 建成12个、5个老年助餐点 (one noun after the figures) is read as before.
                right = ce = ve
            near = text[left:vs] + "\n" + text[ve : max(ve, right)]
            if bare or _PLACE_ONLY_RE.fullmatch(label):
                clause = text[cs:ce]
            else:
                # 新建改造城区道路3条、…、供水供热管网76.4千米: a figure with a subject of its
                # own takes no phrase from before the figure ahead of it in its clause
                # (道路 is the 3条's subject); found in a real county report
                clause = text[left:ce]
            contexts = [label, near, clause]
            if _RECIPIENTS_RE.search(text, cs, vs):
                # 为364名工伤职工…发放工伤保险待遇: the count is of those the clause's verb
                # served, which names it (工伤职工 alone read as employees benefited; the
                # sample page)
                contexts = [near, label, clause]
            if bare and label and left == cs and k >= 0 and ends[k] > ss:
                # 完成固定资产投资35836万元，同比增长37.57%: a change with no subject in its
                # clause measures the figure before it in its sentence, over clauses that
                # hold none (地区生产总值439.19亿元，按可比价格计算，比上年增长3.3%); found
                # in real county reports
                contexts.append(text[span_at(clause_marks, ends[k] - 1, n)[0] : cs])
            # 新增实名注册志愿者3800人 is this year's intake, not the number registered: a
            # count added is no value of a stock (compare would show it as the total)
            added = _ADDED_RE.search(text[left:vs])
            if _PLACE_ONLY_RE.fullmatch(q.label or ""):
                contexts.append(text[ss:cs])  # 其中苍溪县8.6万人: the sentence's subject
                # 全市新建…，旺苍县32个: a share of what was added (not 人数持续增长，其中…)
                added = added or _ADDED_WORD_RE.search(text[ss:cs])
            if added:
                skip = _STOCK
            elif _STANDING_RE.search(text, ss, vs):
                skip = _FLOW  # 年末全县公路总里程1548.43公里 is no road built
            else:
                skip = frozenset()
            q.indicator = self.best(
                q.unit, contexts, text[ss:se], topic, skip_kinds=skip, traps=traps
            )


#: Tails of place names that are only their kind (阿克苏地区生产总值 is 阿克苏地区's
#: 地区生产总值: a phrase may start with the kind word, not inside the proper name).
_SUFFIX_WORDS = frozenset({"地区", "自治州", "自治县", "自治旗", "林区", "特区", "新区"})
_STOCK = frozenset({"stock"})
_FLOW = frozenset({"flow"})
#: Words before a figure, in its sentence, that make it a count standing at a date (年末全县
#: 公路总里程, 年底共有, 现有): no value of a flow (roads built, schools built). 年底前 is a
#: deadline, not a date. Found in a real county statistical bulletin.
_STANDING_RE = re.compile(r"年末|年底(?!前)|现有|拥有")
#: Words right before a count, in its clause, that make it the units an inspection or a
#: visit reached (深入49家参保单位开展实地稽核, 走访企业30家, 抽查学校12所), which no
#: indicator holds (insured employers, enterprises benefited count others). Found by a
#: new-user pass on the sample page.
_VISITED_RE = re.compile(r"(?:深入|走访|抽查|检查|督查|暗访|巡查|稽核)[\u4e00-\u9fff]{0,6}$")
#: A verb of an honour right after a count of persons (1人获评, 3名同志荣获, 2人被评为): it
#: counts those honoured, which no indicator holds (推荐候选人 counts those put forward).
_HONOURED_RE = re.compile(r"(?:获评|荣获|获得|被评为|被授予|被命名为|当选)")
#: A comparison with a wider area's figure right before a number, in its clause
#: (远低于省市4.5%的要求, 高于全省平均水平2个百分点): the number is that area's benchmark
#: or the margin over it, no value of the article's region (found in a real county
#: report: 4.5% was filed as the county's unemployment rate).
_BENCHMARK_RE = re.compile(
    r"(?:低于|高于|优于|好于|超过|超出)(?:全国|全省|全市|全州|全区|省市|省|市|州|国家|上级)"
    r"[\u4e00-\u9fff]{0,6}$"
)
#: A count right after 为/向/给 (为364名…发放工伤保险待遇, 向928名…): the count is of those
#: served, and what the clause did for them (发放工伤保险待遇) measures it more closely than
#: the noun naming them (``assign`` reads the words around the count before its label).
_RECIPIENTS_RE = re.compile(r"(?:为|向|给)$")
_NO_HEADS: frozenset[str] = frozenset()
#: {phrase: characters before it that make it part of another word}: 教职工 (a school's
#: staff) is no 职工 of a firm (a real county bulletin's 教职工2102人 was filed as
#: employees benefited). Applied like ``IndicatorCatalog.traps``.
_WORD_TRAPS: dict[str, frozenset[str]] = {"职工": frozenset({"教"})}
#: A phrase in a word that starts with 人均 names a per-person figure, not the total the
#: indicator counts: 人均地区生产总值74331元 is no 地区生产总值 (found in a real county
#: statistical bulletin). 人均 and up to four characters, ending where the phrase starts.
_PER_PERSON_RE = re.compile(r"人均[\u4e00-\u9fff]{0,4}$")
#: A phrase right after 占 (and up to two characters: 占全县) is the whole a share is taken
#: of: 民营经济占GDP的比重为66.2% is no GDP growth (found in a real county bulletin).
_SHARE_OF_RE = re.compile(r"占[\u4e00-\u9fff]{0,2}$")
#: A year-on-year comparison before a change verb (同比, 较上年同期, 比去年).
_COMPARISON_WORDS = r"同比|环比|(?:较|比|与)(?:上年|去年|上一年)?(?:同期)?(?:相比)?"
#: Words before a count, in its clause, that make it a count added (an intake, a
#: difference), not a stock's value: 新增/新建/新注册…, 净增, and 增加/增长 right before
#: the number (比上年增加3800人; 增加到5万人 is the new total, 人数持续增长 a trend). Found by a new-user pass: 新增实名注册志愿者
#: 3800人 was filed as the county's registered volunteers.
_ADDED_WORD_RE = re.compile(r"新(?:增|建|设|开设?|成立|注册|招募?|发展|吸纳|培育|签约?)|净增")
_ADDED_RE = re.compile(rf"{_ADDED_WORD_RE.pattern}|(?:增加|增长)了?$")

# A label that is only a division's name (其中苍溪县, 昭化区, 分别为旺苍县): the figure is a
# region's share of what the sentence measured before it (广元市实名注册志愿者…，其中苍溪县
# 8.6万人), so the sentence up to its clause is searched too.
_PLACE_ONLY_RE = re.compile(
    r"(?:其中|分别为|分别是|另有)?[\u4e00-\u9fff]{1,10}?(?:省|自治区|市|州|盟|地区|县|区|旗|镇|乡|街道)"
)


#: A label that names no subject, only a change (同比增长, 较上年同期增长, 下降, 分别比上年
#:增长): the figure is a change of what its clause, or the clause before, measured.
_BARE_LABEL_RE = re.compile(
    rf"(?:其中|分别|{_COMPARISON_WORDS})*(?:{'|'.join(CHANGE_BY_VERBS)})?了?"
)

# A count of bare places right after its counter (3个社区, 5个村, 12个乡镇, 8个村(社区)),
# ending its noun: a clause mark, a number, the end, or a word joining or closing a list
# (5个村和2个社区, 3个社区的居民, 12个乡镇等). 3个社区服务站 and 120个村(社区)建成… go on.
_PLACE_WORD = "|".join(sorted(COVERED_PLACE_WORDS, key=len, reverse=True))
_COVERED_PLACES_RE = re.compile(
    rf"(?:{_PLACE_WORD})(?:\((?:{_PLACE_WORD})(?:[、,](?:{_PLACE_WORD}))*\))?"
    r"(?=[^\u4e00-\u9fff(]|[和及与的等共]|$)"
)


@lru_cache(maxsize=8)
def _load_cached(path: str) -> IndicatorCatalog:
    with open(path, encoding="utf-8") as f:
        try:
            rows = json.load(f)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}: not valid JSON: {exc}") from exc
    if not isinstance(rows, list):
        raise ValueError(f"{path}: expected a list of fixture entries")
    return IndicatorCatalog.from_rows(rows)


__all__ = ["DEFAULT_PATH", "IndicatorCatalog", "IndicatorSpec", "normalize_unit"]
