"""Labels: the phrase that names what a quantity measures, and labels shared out by 分别."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..vocabulary import CHANGE_TO_VERBS, DISTRIBUTED_CHANGE_VERBS, MEASURE_UNITS, alternation
from .view import CLAUSE_WINDOW, Raw, span_at

_FOLLOW_STOP_RE = re.compile(
    r"、|发放|参加|参与|开展|获得|获评|获|提供|赠送|签订|进行|实现|完成|受益|入选|编入|领取"
    r"|享受|接受|通过|组建|实行|减轻|户均|人均|按|在|于|将|把|被|给|为|向|对|由|从|到|来"
    r"|深入|等|和"
)
_TRAILING_WORDS = (
    "稳定在",
    "保持在",
    "控制在",
    "保持",
    "将",
    "要",
    "上调至",
    "上调到",
    "下调至",
    "下调到",
    "提升至",
    "提升到",
    "降低至",
    "降低到",
    "下降至",
    "下降到",
    "减少至",
    "减少到",
    "不低于",
    "不少于",
    "不高于",
    "不超过",
    "调整至",
    "调整到",
    "调整为",
    "提高至",
    "提高到",
    "增加至",
    "增加到",
    "增至",
    "年累计",
    "累计",
    "分别达到",
    "分别达",
    "分别为",
    "分别是",
    "分别",
    "累计达",
    "达到",
    "达",
    "为",
    "是",
    "共计",
    "合计",
    "总计",
    "共有",
    "共",
    "有",
    "计",
    "每人每月",
    "每月每人",
    "人均每月",
    "每人每年",
    "每年每人",
    "人均每年",
    "每年",
    "每月",
    "每人",
    "人均",
    "的",
    "了",
    "等",
)
_LEADING_WORDS = (
    "截至目前",
    "实现了",
    "实现",
    "共有",
    "现有",
    "拥有",
    "下一步",
    "要确保",
    "确保",
    "目标是",
    "有望",
    "预期",
    "力争",
    "争取到",
    "争取了",
    "争取",
    "计划",
    "预计",
    "即将",
    "将",
    "拟",
    "准备",
    "要",
    "其中",
    "以及",
    "并且",
    "同时",
    "先后",
    "已经",
    "累计",
    "全年",
    "今年",
    "目前",
    "、",
    "的",
    "并",
    "为",
    "向",
    "对",
    "和",
    "及",
    "与",
    "还",
    "已",
    "共",
)
_MAX_LABEL = 30


#: A year-on-year (or month-on-month) comparison: 同比, 环比, 较上年, 比去年同期 ...
_COMPARISON = r"同比|环比|(?:较|比)(?:上年|去年|上年同期|去年同期|上一年|\d{4}年)?"
#: Verbs that make a distributed value a change rather than a level (分别下降15.2%、20%).
_DISTRIBUTED_CHANGE = alternation(DISTRIBUTED_CHANGE_VERBS)
#: "A、B分别达/为/下降 x、y" at the end of the words before x; a comparison may stand
#: on either side of 分别 (同比分别下降, 分别比上年增长).
#: A part of a "A、B…分别" subject that already names a measure (地区生产总值, 事故起数,
#: 财政收入) takes no share of the last part's head noun.
_COMPLETE_HEAD_RE = re.compile(r"(?:值|额|率|数|量|收入|支出|人员|面积|标准|金)$")
#: A per-person or per-period rate written before a number (每人每月780元).
_RATE_WORDS = "每人每月|每月每人|人均每月|每人每年|每年每人|人均每年|每月|每年|每人|人均"
#: A change *to* levels (分别提高到, 分别调整为) and a per-person rate (每人每月) may follow
#: 分别 too: 城乡低保标准分别提高到每人每月720元和560元 gives each value a level's label.
#: A share or a basis may follow it as well (分别占总人口的45%、55%; 分别按上年度缴纳失业
#: 保险费的30％、60％返还): each label keeps it (城镇人口占总人口, 农村人口占总人口).
_DISTRIBUTE_RE = re.compile(
    rf"(?P<cmp1>{_COMPARISON})?分别(?P<cmp2>{_COMPARISON})?"
    rf"(?:(?P<change>{_DISTRIBUTED_CHANGE})|(?:{alternation(CHANGE_TO_VERBS)})(?:到|至|为)"
    r"|(?P<basis>按照|按|以|占)(?P<base>[^，。；！？,;]{0,24}?)的?"
    r"|达到|达|为|是|有)?"
    rf"(?:{_RATE_WORDS})?$"
)
#: What joins one listed value to the next: 、/和/及, and a rate of its own (…720元、
#: 每人每年6000元).
_LIST_JOIN_RE = re.compile(rf"[、和及](?:{_RATE_WORDS})?")
#: 城乡 shared out over two values: the urban one first, then the rural one (城乡低保标准
#: 分别…720元和560元 -> 城市低保标准, 农村低保标准; 城乡居民… -> 城镇居民…, 农村居民…).
_URBAN_RURAL = (("城乡居民", "城镇居民", "农村居民"), ("城乡", "城市", "农村"))


_CN_MONTH = r"(?:\d{1,2}|十[一二]?|[一二三四五六七八九])"
#: A time phrase opening a label, with what may open it (到, 截至, 自 ...): 2024年,
#: 到2025年底, 2023年度, 1至6月, 1-6月份, 6月底, 3月15日, 今年以来, 上半年, 前三季度, 近三年来.
_LEADING_TIME_RE = re.compile(
    r"^(?:截至|截止到|截止|到|至|在|于|自|从)?(?:"
    r"(?:\d{4}|今|明|去|当|上|本|前)年度?(?:上半年|下半年|前三季度|[一二三四1-4]季度)?"
    r"(?:底|末|初|内|以来|前|中)?"
    rf"|(?:{_CN_MONTH}月?(?:至|到|-|—|~))?{_CN_MONTH}月份?(?:\d{{1,2}}日)?"
    r"(?:底|末|初|上旬|中旬|下旬|以来|前)?"
    r"|(?:上|下)半年|前三季度|[一二三四]季度|年内|年底前|近年来|近年|多年来|近期|日前|近日"
    r"|近[\d一二三四五六七八九十]+年来?|目前|当前|发稿时|今后|明年"
    r")(?:以来)?"
)
#: The article's own subject opening a label: 该县, 全市, 我区, 本镇 (the article's region
#: already says where). 全国/全省 statistics in a county article are kept (a different
#: scope), and so are words that merely start with these characters (全市场, 区委).
_LEADING_SUBJECT_RE = re.compile(
    r"^(?:该|全|我|本)(?:县|市|区|州|盟|旗|镇|乡|街道|社区|村)(?![场域委级长])"
)
#: Verbs of building that open a label before the built thing (建成返乡创业园区5个,
#: 打造志愿服务品牌12个); 新建/新增 stay, they say the count is of new ones.
_LEADING_BUILD_RE = re.compile(r"^(?:建成|打造|创建|组建)了?")
#: Any of the three leading patterns: ``_strip_leading``'s quick test.
_LEADING_RES = (_LEADING_TIME_RE, _LEADING_SUBJECT_RE, _LEADING_BUILD_RE)
_ANY_LEADING_RE = re.compile("|".join(f"(?:{rx.pattern})" for rx in _LEADING_RES))
#: Marks a label never starts with, and never ends with.
_LABEL_LEAD_PUNCT = "、，,。；;：:！!？?)）]】》〉”’·•-—×*/+"
_LABEL_TRAIL_PUNCT = "、，,。；;：:（(【《〈“‘·•-—×*/+"
#: Where a label that is too long may start (after these) when cut from the left:
#: separators, a closing quote, a "…等方面", or a leading verb of the clause.
_LABEL_CUT_AFTER_RE = re.compile(
    r"[、，,；;：:”’》）)]|等方面|方面|开展|组织|举办|围绕|通过|进行|实施|聚焦|深入|持续|积极"
)


_QUOTE_PAIRS = ("“”", "‘’", "《》", "（）", "()")
#: A label holding none of these has no quote to mend (most labels: one set test).
_QUOTE_CHARS = frozenset("".join(_QUOTE_PAIRS))


def _tidy_label(label: str) -> str:
    """``label`` without punctuation at its ends or a quote it does not open; ``""`` when
    nothing but punctuation and stop words is left (a label like "、" or "每人每年")."""
    if not label:
        return label  # a third of the calls: nothing before or after the number
    while True:
        old = label
        label = label.lstrip(_LABEL_LEAD_PUNCT).rstrip(_LABEL_TRAIL_PUNCT)
        for opener, closer in _QUOTE_PAIRS if not _QUOTE_CHARS.isdisjoint(label) else ():
            c, o = label.find(closer), label.find(opener)
            if c >= 0 and (o < 0 or c < o):
                label = label[c + 1 :]  # the cut fell inside a quoted name
            o, c = label.rfind(opener), label.rfind(closer)
            if o >= 0 and c < o:
                label = label[:o]  # a name opened but not closed
        label = _strip_words(label)
        if label == old:
            return label


def _fit_label(label: str, keep_end: bool) -> str:
    """``label`` cut to ``_MAX_LABEL`` characters at a word boundary, never mid-word.

    ``keep_end`` (a label read before the number) keeps the longest tail that starts
    after a separator, a closing quote or a leading verb (开展“四川志愿·携手圆梦”系列…
    活动, not 众需求等方面开展…); otherwise the longest head that ends before a separator
    or an opening quote. With no boundary in reach the plain cut is tidied (a shortcut).
    """
    if len(label) <= _MAX_LABEL:
        return label
    return _fit_tail(label) if keep_end else _fit_head(label)


def _fit_tail(label: str) -> str:
    """The longest tail of ``label`` within ``_MAX_LABEL`` that starts after a separator,
    a closing quote or a leading verb, or at an opening quote; else the last characters."""
    cuts = [m.end() for m in _LABEL_CUT_AFTER_RE.finditer(label)]
    cuts += [k for k, ch in enumerate(label) if ch in "“‘《（("]
    fitting = [c for c in cuts if 0 < len(label) - c <= _MAX_LABEL]
    return label[min(fitting) :] if fitting else label[-_MAX_LABEL:]


def _fit_head(label: str) -> str:
    """The longest head of ``label`` within ``_MAX_LABEL`` that ends before a separator or
    an opening quote, or after a closing one; else the first characters."""
    cuts = [k for k, ch in enumerate(label) if ch in "、，,；;：:“‘《（("]
    cuts += [k + 1 for k, ch in enumerate(label) if ch in "”’》）)"]
    fitting = [c for c in cuts if 0 < c <= _MAX_LABEL]
    return label[: max(fitting)] if fitting else label[:_MAX_LABEL]


#: The word lists as sets, for ``_strip_words``' "is the phrase only such a word" tests
#: (a tuple's ``in`` compares with each of its words in turn).
_LEADING_SET = frozenset(_LEADING_WORDS)
_TRAILING_SET = frozenset(_TRAILING_WORDS)


def _strip_leading(phrase: str) -> str:
    """``phrase`` without what opens a clause but names nothing measured, repeatedly:
    the article's subject (该县, 全市), time phrases (2024年底, 1至6月, 今年以来, 截至6月底),
    plan and connective words (``_LEADING_WORDS``: 计划, 力争, 共 ...) and building verbs
    (建成, 打造). A word is only removed when something is left after it."""
    if not _ANY_LEADING_RE.match(phrase) and not phrase.startswith(_LEADING_WORDS):
        return phrase  # the usual case: nothing to strip (one match instead of three)
    changed = True
    while changed and phrase:
        changed = False
        for rx in _LEADING_RES:
            m = rx.match(phrase)
            if m and 0 < m.end() < len(phrase):
                phrase = phrase[m.end() :]
                changed = True
        if not phrase.startswith(_LEADING_WORDS):
            continue  # one C call for the usual case: no leading word at all
        for w in _LEADING_WORDS:
            if phrase.startswith(w) and len(phrase) > len(w):
                phrase = phrase[len(w) :]
                changed = True
                break
    return phrase


def _strip_words(phrase: str) -> str:
    """``phrase`` without the verbs/particles around a number (达, 为, 共计, 其中 ...)
    and without what opens it (``_strip_leading``: 该县, 2024年底, 计划 ...)."""
    m = _LEADING_TIME_RE.match(phrase)
    if m and m.end() == len(phrase):
        return ""
    phrase = _strip_leading(phrase)
    if phrase in _LEADING_SET:
        return ""
    changed = True
    while changed and phrase:
        changed = False
        if not phrase.endswith(_TRAILING_WORDS):
            break  # one C call for the usual case: no trailing word at all
        for w in _TRAILING_WORDS:
            if phrase.endswith(w) and len(phrase) > len(w):
                phrase = phrase[: -len(w)]
                changed = True
                break
            if phrase == w:
                return ""
    phrase = _strip_leading(phrase)
    return "" if phrase in _LEADING_SET or phrase in _TRAILING_SET else phrase


def _following_noun(after: str) -> str:
    m = _FOLLOW_STOP_RE.search(after)
    return after[: m.start()] if m else after


def label_all(text: str, qs: list[Raw], clause_marks: Sequence[int]) -> None:
    """Set ``label`` (and the raw ``before`` text) of every quantity, in place. A label is
    read from at most ``CLAUSE_WINDOW`` characters on each side of the quantity."""
    n = len(text)
    for i, q in enumerate(qs):
        clause_start, clause_end = span_at(clause_marks, q.num_start, n)
        left = max(clause_start, qs[i - 1].end if i else 0, q.start - CLAUSE_WINDOW)
        right = min(clause_end, qs[i + 1].start if i + 1 < len(qs) else n, q.end + CLAUSE_WINDOW)
        q.before = text[left : q.start]
        before = _tidy_label(q.before)
        fitted = _fit_label(before, keep_end=True)
        if fitted is not before:  # tidying a tidy label again changes nothing
            before = _tidy_label(fitted)
        after = text[q.end : max(q.end, right)]
        noun = _tidy_label(_fit_label(_following_noun(after), keep_end=False))
        if q.unit in MEASURE_UNITS:
            label = before or noun
        else:
            label = noun or before
        if not label:
            label = _tidy_label(_fit_label(after, keep_end=False))
        if (
            i
            and not before
            and q.before[:1]
            and q.before[:1] in "、和及与或"  # ("" is in every string: a clause start)
            and (q.unit in MEASURE_UNITS or not noun)
        ):
            label = qs[i - 1].label  # "30％、60％", "每人每月780元、每人每年…": one label
        q.label = label
    _distribute(text, qs, clause_marks)


def _distribute(text: str, qs: list[Raw], clause_marks: Sequence[int]) -> None:
    """ "A、B、C参保人数分别达 x、y、z": give x, y, z the labels A…, B…, C参保人数.

    The last part's extra head (参保人数) is shared by the earlier parts unless they already
    end in a measure (``_COMPLETE_HEAD_RE``). A change (同比分别下降, 分别比上年增长)
    appends its comparison and verb to every label, as ``较上年增加`` stays in the label
    of a single year-on-year change.
    """
    i = 0
    while i < len(qs):
        m = _DISTRIBUTE_RE.search(qs[i].before)
        if not m:
            i += 1
            continue
        j = _listed_until(text, qs, i)
        _share_labels(qs[i : j + 1], m)
        i = j + 1


def _listed_until(text: str, qs: list[Raw], i: int) -> int:
    """The index of the last quantity listed with ``qs[i]`` (joined by 、/和/及 only, each
    value perhaps with its own rate: 每人每月720元、每人每年6000元)."""
    j = i
    while j + 1 < len(qs) and _LIST_JOIN_RE.fullmatch(text, qs[j].end, qs[j + 1].start):
        j += 1
    return j


def _share_labels(group: list[Raw], m: re.Match) -> None:
    """Label each quantity of ``group`` with its part of the subject before 分别 (``m``
    matched the words before the first); with no part per quantity, the later ones take
    the first one's label. In place."""
    if len(group) < 2:
        return
    subject = _strip_words(group[0].before[: m.start()])
    parts = [p for p in re.split(r"[、和及与]", subject) if p]
    if len(parts) != len(group):  # 大型企业和社会团体、中小微企业: 和 inside one part
        parts = [p for p in subject.split("、") if p]
        if len(parts) > 1 and _headless(parts):
            parts = []  # …、中小微企业参保人数: whose head is shared is not known
    if len(parts) == 1 and len(group) == 2:
        parts = _urban_and_rural(parts[0]) or parts
    # A change keeps its comparison and verb in each label, as a single year-on-year
    # change does (事故起数同比下降): 同比分别下降 x、y -> 事故起数同比下降, 死亡人数同比下降.
    change = (m["cmp1"] or "") + (m["cmp2"] or "") + m["change"] if m["change"] else ""
    if m["basis"]:  # 分别占总人口的 -> 占总人口; bare 分别占 -> 占比; 分别按每人每年 -> nothing
        change = m["basis"] + m["base"] if m["base"] else "占比" if m["basis"] == "占" else ""
    if len(parts) != len(group):
        for q in group[1:]:
            q.label = group[0].label
        return
    last, prev = parts[-1], parts[-2]
    suffix = last[len(prev) :] if len(last) > len(prev) else ""
    for q, part in zip(group, parts[:-1], strict=False):
        own = "" if _COMPLETE_HEAD_RE.search(part) else suffix
        q.label = _tidy_label(_fit_label(part + own + change, keep_end=True))
    group[-1].label = _tidy_label(_fit_label(last + change, keep_end=True))


def _headless(parts: list[str]) -> bool:
    """True when the last of a subject's parts ends in a measure (参保人数) that an earlier
    part lacks, so that each part's label would need a share of it but which words to
    share is not known (大型企业和社会团体、中小微企业参保人数)."""
    return bool(_COMPLETE_HEAD_RE.search(parts[-1])) and not all(
        _COMPLETE_HEAD_RE.search(p) for p in parts[:-1]
    )


def _urban_and_rural(subject: str) -> list[str] | None:
    """``[urban, rural]`` subjects of a 城乡 subject shared out over two values, in the order
    reports give them (城乡低保标准 -> 城市低保标准, 农村低保标准; 城乡居民人均可支配收入 ->
    城镇居民…, 农村居民…), or None when ``subject`` says no 城乡."""
    for word, urban, rural in _URBAN_RURAL:
        if word in subject:
            return [subject.replace(word, urban, 1), subject.replace(word, rural, 1)]
    return None
