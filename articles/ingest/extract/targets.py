"""Plan and fact words: which quantities are targets (将, 计划, 力争 ...) and which are
reported facts (已, 累计, 截至 ...)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import StrEnum

from ..vocabulary import (
    CLAUSE_MARKS,
    COMPLETION_WORDS,
    FACT_WORDS,
    PLAN_WORDS,
    alternation,
    char_class,
)
from .view import CLAUSE_WINDOW, SENTENCE_WINDOW, Raw, span_at


class Tense(StrEnum):
    """What a clause reports: a plan or target, a fact, or neither. On a tie in position
    a plan wins (``"future" > "fact"``, see ``_clause_tense``)."""

    NONE = ""
    FUTURE = "future"
    FACT = "fact"


#: Words that make a clause a plan or target (see ``mark_targets``). 计划 is not one when it
#: is a noun (完成计划, 年度计划, 全民参保计划，); 目标 only as "目标是/为/到…" (以…为目标
#: names an aim, not a figure; right before the number it is ``_TARGET_BEFORE_RE``'s); 要 only as a modal before a verb; 将近 is "nearly", not 将;
#: 到2025年 only opening a clause or after 力争/争取/计划/预计/确保/将/要/是 (增加到2023年的
#: 512家 is the end of a change); 累计/共/已/先后争取 is money or projects won (累计争取…补助资金
#: 2亿余元, seen in a real county report), not a plan.
#: The pattern opens with a lookahead for the first character of one of its words (即将,
#: 将, 计划, 拟, 准备, 目标, 要, 到 and ``PLAN_WORDS``): ``re`` then skips every other
#: position at once instead of trying each alternative's lookbehinds there (a ninth of
#: the cost on a page's prose).
_FUTURE_FIRSTS = "".join(sorted(set("即将计拟准目要到" + "".join(w[0] for w in PLAN_WORDS))))
_FUTURE_RE = re.compile(
    rf"(?={char_class(_FUTURE_FIRSTS)})"
    r"(?:即将|将要|(?<!必)将(?!近|来说)"
    r"|(?<!完成)(?<!年度)(?<!工作)(?<!的)(?<!按)(?<!超)(?<!原)"
    r"计划(?!的|书|表|内|外|生育|任务|[、，,。；;：:”’）)]|$)"
    rf"|(?<![模虚草比])拟|准备(?!了|工作)|(?<!累计)(?<!共)(?<!已)(?<!先后)争取"
    rf"|{alternation(w for w in PLAN_WORDS if w != '争取')}"
    r"|目标(?:任务)?(?:是|为|到|:)"
    r"|(?<![主重需只纪摘提必首紧简概])要(?=确保|实现|达到|完成|力争|争取|保证|保持|新建|建成"
    r"|建设|新增|提高|提升|控制|突破|覆盖|惠及|让|使|把|将|在|于|不低于|不少于|超过)"
    r"|(?:^|(?<=[争取划计保将要是]))到(?:20\d\d年|今年|明年|年底|年末))"
)
#: Words that make a clause a reported fact (``vocabulary.FACT_WORDS``: 争取到 ends after
#: 争取, so it is nearer the number and wins; in 争取到2025年 the 到2025年 of
#: ``_FUTURE_RE`` ends later still and the plan wins) and completed actions
#: (``vocabulary.COMPLETION_WORDS``); they win over a future word further back.
_FACT_RE = re.compile(alternation(FACT_WORDS))
_CLAUSE_MARK_RE = re.compile(char_class(CLAUSE_MARKS))
_COMPLETION_RE = re.compile(alternation(COMPLETION_WORDS))
#: After 将, a verb or adverb: 将 is "will" (将新建20个, 将于年底建成).
_WILL_NEXT_RE = re.compile(
    r"于|在|会|要|可|能|继续|进一步|持续|重点|陆续|逐步|力争|新|建|实现|达|投入|开展|完成|启动"
    r"|推进|覆盖|惠及|带动|举办|组织|培训|发放|吸纳|安置|累计|突破|超过|再|提|增|扩|改造|打造"
    r"|迎来|形成|成为|获得|全面|分|有|为"
)
#: A result verb later in the clause makes 将 the object marker 把 (将120人纳入低保).
_DISPOSAL_RE = re.compile(
    r"纳入|列入|作为|融入|转化|写入|放在|摆在|贯穿|落实到|提高到|提高至|调整为|调整至|调整到"
    r"|提升至|提升到|增加到|增加至|打造成|打造为|建成|发放到|发放给|送到|送进|送往|交给|交由"
    r"|分配给|用于|用在|视为|当作|变为|变成|整合|合并|推向|引向|延伸到|下沉到"
)


#: 目标任务/目标 right before the number: the figure is the target itself (完成全年目标任务
#: 1200人的114%, seen in a real county report), whatever the clause reports; a clause that
#: only ends with the word (完成年度目标任务，新增就业3000人) makes nothing a target.
_TARGET_BEFORE_RE = re.compile(r"目标(?:任务)?$")


def _clause_tense(text: str, start: int, end: int) -> Tense:
    """The ``Tense`` of ``text[start:end]`` (a clause up to a number): the marker
    nearest the end decides; a 将 meaning 把 is no marker."""
    scope = text[start:end]
    found: list[tuple[int, Tense]] = []
    for m in _FUTURE_RE.finditer(scope):
        word = m.group()
        if word == "将" and not _WILL_NEXT_RE.match(scope, m.end()):
            rest = _clause_rest(text, start + m.end())
            if _DISPOSAL_RE.search(rest):
                continue  # 将…纳入: 把, not "will"
        found.append((m.end(), Tense.FUTURE))
    futures = list(found)
    for m in _FACT_RE.finditer(scope):
        found.append((m.end(), Tense.FACT))
    for m in _COMPLETION_RE.finditer(scope):
        if any(end <= m.start() for end, _ in futures):
            continue  # 计划完成, 争取年底前建成投用: part of the plan
        found.append((m.end(), Tense.FACT))
    return max(found)[1] if found else Tense.NONE


def _clause_rest(text: str, pos: int) -> str:
    """The text from ``pos`` to the end of its clause, at most ``CLAUSE_WINDOW`` long."""
    m = _CLAUSE_MARK_RE.search(text, pos, pos + CLAUSE_WINDOW)
    return text[pos : m.start() if m else pos + CLAUSE_WINDOW]


def mark_targets(
    text: str, qs: list[Raw], clause_marks: Sequence[int], sentence_marks: Sequence[int]
) -> None:
    """Set ``target`` on each quantity whose clause is a plan or target, in place.

    Rule: read the clause from its start to the quantity's evidence. The marker nearest the
    quantity decides: a future word (将, 即将, 计划, 拟, 准备, 力争, 争取, 争取到2025年,
    预计, 预期, 有望, 目标是/为, 确保, modal 要 + verb, 到20XX年/到年底, 年底前, 下一步, 今后,
    明年) makes it a target; a fact word (已, 累计, 截至, 截止, 争取到/争取了 + an amount won,
    or a completion verb 完成/建成投用/竣工 with no future word before it) makes it an
    observation. 实现/达到 are neither: they report a fact unless a plan word rules the
    clause or sentence (力争…达到5万人). A clause with neither inherits from the nearest earlier clause of the same
    sentence that has one ("力争到2025年，注册志愿者达到5万人"). 将 followed by a noun and a
    result verb (将120名困难群众纳入低保) is the object marker 把, not "will".
    A figure right after 目标任务/目标 is a target whatever its clause says (完成全年目标任务
    1200人). Words after the number are not read (a known shortcut: "20个站点将于年底建成"
    is missed).
    A clause is read at most ``CLAUSE_WINDOW`` characters back from the number and a
    sentence ``SENTENCE_WINDOW``, so run-on text costs linear time.
    """
    n = len(text)
    # the tense of each clause read, by its span: the quantities of one sentence walk
    # back through the same earlier clauses
    tenses: dict[tuple[int, int], Tense] = {}
    for q in qs:
        sent_start, _ = span_at(sentence_marks, q.num_start, n)
        sent_start = max(sent_start, q.start - SENTENCE_WINDOW)
        clause_start, _ = span_at(clause_marks, q.num_start, n)
        clause_start = max(clause_start, sent_start)
        end = q.start
        tense = Tense.NONE
        while True:
            span = (max(clause_start, end - CLAUSE_WINDOW), end)
            tense = tenses.get(span)
            if tense is None:
                tense = tenses[span] = _clause_tense(text, *span)
            if tense or clause_start <= sent_start:
                break
            end = clause_start - 1
            clause_start, _ = span_at(clause_marks, end, n)
            clause_start = max(clause_start, sent_start)
        q.target = tense == Tense.FUTURE or bool(
            _TARGET_BEFORE_RE.search(text, max(0, q.start - 4), q.start)
        )
