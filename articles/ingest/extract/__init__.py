"""Quantity extraction: the measured numbers of one article body, as ``Quantity`` objects.

``extract_quantities(body)`` reads every "number (+万/亿) (+余/多) + unit" in ``body``
and returns them in text order. It matches on a *normalized view* of the body
(``normalize``): whitespace removed (PDF text wraps lines and pads numbers with spaces:
"达 11.45 万人", "150 余\\n期"), NFKC-folded (full-width digits and ％), Traditional
characters folded to Simplified (萬, 億); the view keeps a map back to the original
string, so ``body[q.start:q.end]`` is always the evidence in the text we were given.

What counts as a quantity (see DESIGN.md, "extract", and tests/data/cases.json):

- a number followed by a unit: 人/名/位 (persons, unit 人), 人次, 元 (万元/亿元 scaled),
  %, 平方米, or the text's own measure word (支, 个, 项, 件, 期, 次, 场次, 户 ...);
- qualifiers: 余/多/超/逾/突破/以上/不低于/不少于 -> bound ``lower``; 近/不足/不到/
  不超过/不高于 -> ``upper``;
  约/左右/大约 -> ``about`` (all ``approx=True``); 约/大约/大概/将近/接近 keep their
  meaning across 有/为/达/计 (约有3000名, 约为1.2万人), bare 近 does not (近有 = "recently");
- ranges 5至8个, 5-8个, 两三个, and with the unit on both ends 95%—98%, 95%～98%,
  95%-98%, 95%至98% -> ``value`` .. ``value_max`` (not after a change verb:
  增加300人至3500人 is "by 300, to 3500");
- changes 由A调整至B / 从A提高到B, or without an opener A提高到B / A增至B / A上调至B ->
  one quantity, ``value`` B, ``previous_value`` A, evidence the whole phrase. A year-on-year change (较上年增加N, 同比下降N%) is its own
  quantity: ``value`` is the change N, and ``label`` keeps the comparison phrase
  (e.g. ``较上年增加``) so a reviewer or indicator can tell it from a level. Values shared
  out by 分别 (A、B同比分别下降x、y) get their own labels, each with the comparison
  (A同比下降, B同比下降).
- labels name what is measured: the subject (该县, 全市), time phrases (2024年底, 1至6月,
  今年以来, 截至6月底), plan words (计划, 力争) and building verbs (建成) are not part of one.
- per-person context: 每人每月…元 -> 元/人/月; 每人每年…元, or 每年…元 for a
  contribution tier (缴费/档次) -> 元/人/年; 人均…元 -> 元/人; 户均/每户…元 -> 元/户;
  the later values of a list take the rate written before its first (每人每月720元和560元).
- mixed Arabic and multiplier forms are one number with the whole span as evidence
  (3万4000, 25万6千, 2千零30万, 1亿2000万; ``numbers.parse_mixed``); a garbled one
  (3万4万人, 三万4000人) gives no quantity, never its tail.
- signs (``signs``): a change that falls is negative (增长-2.1%, 同比下降3.9%, 负增长1.5%,
  减少200人 -> −200 人), its label never says it rose; a change *to* a level (由A减少到B,
  下降至3%) stays positive. 个百分点 is unit 百分点, apart from %.
- fractions are rates and indices have a unit (``rates``): 千分之3.2 -> 3.2 ‰,
  万分之三 -> 0.3 ‰, 百分之十五 -> 15 %, 四分之三 -> 75 %, 三分之一 -> 33.3333 % (4 places);
  综合指数5.73 -> 5.73 指数. μg/m³, ug/m3 and 微克/立方米 are one unit 微克/立方米.

Planned or targeted values (将新建…20个, 力争到2025年…达到5万人, 计划投入…, 预计带动…) are
kept with their value, unit and label but marked ``target=True``; 已/累计/截至, money won
(争取到/争取了 + an amount) and completed actions (完成, 建成投用) mark facts, and 将 meaning 把 (将…纳入) is no plan (rule and examples in ``targets.mark_targets``).

Not quantities (each has a test): dates and years (no 年/月/日 unit is ever read), clock
times, hotline and phone numbers, issue numbers and ordinals (第…), formulas and service-hour
slogans (1+8+N, 5+2, 7×24小时, 365天×24小时),
numbers inside short quoted names (“15分钟文明实践圈”, “五大创建”) and inside 《…》
titles, bare powers used as names (十条措施, 千家万户), the numeral 一 (一批, 一张张,
一个小时), ages used as bounds (60岁以上), numbers glued to Latin letters (PM2.5, TOP100),
and (``contexts``) numerals that open place and firm names (五家渠市, 三元光电公司; the
gazetteer's names come in as ``proper_names``), durations (为期3个月, 两个多月), ages that
are no average (60周岁), addresses (东风村5组), ranking pools and rank moves
(全市20个区县排名第4, 上升1位), page-view counters (浏览次数：58次), 一倍到两倍.

The stages are modules of this package: ``view`` (the normalized view and its marks),
``candidates`` (numbers with units, read through ``filters``, ``contexts`` and
``qualifiers``; units in ``units``; fractions and indices in ``rates``), ``changes``
(由A至B and ranges), ``labels``, ``signs`` and ``targets``.

Time is linear in the body's length: every rule reads a bounded window around its number
(``view.CLAUSE_WINDOW``, ``view.SENTENCE_WINDOW``), and a number is matched only from the
start of a run of digits or numerals (tests/test_scaling.py).

The rules are heuristics over newspaper prose; anything they miss is left for review.
"""

from __future__ import annotations

from ..types import Quantity
from ..vocabulary import CLAUSE_MARKS, SENTENCE_MARKS, UNIT_FORMS
from .candidates import find_candidates
from .changes import merge_changes
from .labels import label_all
from .signs import sign_changes
from .targets import mark_targets
from .units import per_person_unit, share_listed_rate
from .view import CLAUSE_WINDOW, NormalizedText, mark_positions, normalize, span_at

__all__ = ["NormalizedText", "UNIT_FORMS", "extract_quantities", "normalize"]


def extract_quantities(body: str, proper_names: frozenset[str] = frozenset()) -> list[Quantity]:
    """Every measured quantity in ``body``, in text order.

    ``body`` is one article's text exactly as stored (line breaks and spaces allowed);
    each returned ``Quantity`` has ``start``/``end`` offsets into that same string, so
    ``body[q.start:q.end]`` is the evidence (qualifier, number and unit; for a change the
    whole 由A…至B phrase). Values are exact ``Decimal`` with 万/亿 applied; ``unit`` is
    normalized (名/位 -> 人); ``indicator`` is left None (see ``indicators.IndicatorCatalog``).
    ``proper_names`` are names whose numerals count nothing (the gazetteer's
    ``Gazetteer.names_with_numerals()``: 五家渠市, 七台河, 三门峡); the extractor stays pure,
    the caller passes them. Raises ``TypeError`` if ``body`` is not a ``str``.
    """
    if not isinstance(body, str):
        raise TypeError(f"extract_quantities expects str, got {type(body).__name__}")
    view = normalize(body)
    text = view.text
    clause_marks = mark_positions(text, CLAUSE_MARKS)
    raws = find_candidates(text, proper_names)
    for q in raws:
        cs, ce = span_at(clause_marks, q.num_start, len(text))
        cs, ce = max(cs, q.start - CLAUSE_WINDOW), min(ce, q.end + CLAUSE_WINDOW)
        per_person_unit(text, q, text[cs:ce], cs)
    share_listed_rate(text, raws)
    raws = merge_changes(text, raws, clause_marks)
    label_all(text, raws, clause_marks)
    sign_changes(text, raws)
    mark_targets(text, raws, clause_marks, mark_positions(text, SENTENCE_MARKS))
    out = []
    for q in raws:
        start, end = view.to_original(q.start, q.end)
        out.append(
            Quantity(
                value=q.value,
                unit=q.unit,
                start=start,
                end=end,
                value_max=q.value_max,
                approx=q.approx,
                bound=q.bound,
                previous_value=q.previous_value,
                label=q.label,
                target=q.target,
            )
        )
    return out
