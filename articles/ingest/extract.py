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
  contribution tier (缴费/档次) -> 元/人/年; 人均…元 -> 元/人; 户均/每户…元 -> 元/户.

Planned or targeted values (将新建…20个, 力争到2025年…达到5万人, 计划投入…, 预计带动…) are
kept with their value, unit and label but marked ``target=True``; 已/累计/截至/完成 mark
facts, and 将 meaning 把 (将…纳入) is no plan (rule and examples in ``_mark_targets``).

Not quantities (each has a test): dates and years (no 年/月/日 unit is ever read), clock
times, hotline and phone numbers, issue numbers and ordinals (第…), formulas and service-hour
slogans (1+8+N, 5+2, 7×24小时, 365天×24小时),
numbers inside short quoted names (“15分钟文明实践圈”, “五大创建”) and inside 《…》
titles, bare powers used as names (十条措施, 千家万户), the numeral 一 (一批, 一张张,
一个小时), ages used as bounds (60岁以上), numbers glued to Latin letters (PM2.5, TOP100).

The rules are heuristics over newspaper prose; anything they miss is left for review.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from decimal import Decimal

from ..text import to_simplified
from .numbers import (
    CHINESE_NUMERAL_CHARS,
    apply_multiplier,
    parse_arabic,
    parse_chinese,
    parse_chinese_range,
)
from .types import Quantity

# ---------------------------------------------------------------------------------------
# Normalized view with an offset map
# ---------------------------------------------------------------------------------------

#: Frequent Traditional-only characters: if a body holds any, it is folded to Simplified
#: with jionlp (imported lazily: it takes ~1 s to import).
_TRADITIONAL_HINT = frozenset(
    "萬億兩個項場餘約來對當國會時們說與發關這還進過開後問員區縣鄉鎮門點業實現動產經從"
    "書長幫義學習務參報領補貼療護環檢減稅農戶專費總組織黨幹應為辦機設號幣額萬難視"
)
_EXTRA_FOLD = {"馀": "余"}  # jionlp folds 餘 to 馀; numbers use 余
_FULLWIDTH_DIGITS = frozenset("０１２３４５６７８９")


@dataclass(frozen=True)
class NormalizedText:
    """A whitespace-free, NFKC-folded, Simplified view of a text with a map back.

    ``text[j]`` came from ``original[src[j]]``; ``src`` is non-decreasing.
    """

    text: str
    src: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of the view span ``text[start:end]`` (end > start)."""
        return self.src[start], self.src[end - 1] + 1

    def from_original(self, start: int, end: int) -> tuple[int, int]:
        """View ``(start, end)`` covering the original span ``[start, end)``."""
        return bisect_left(self.src, start), bisect_left(self.src, end)


def _fold_traditional(body: str) -> str:
    if not any(ch in _TRADITIONAL_HINT for ch in body):
        return body
    return to_simplified(body)  # one-to-one, so offsets stay aligned


def normalize(body: str) -> NormalizedText:
    """The view extraction matches on; see the module docstring.

    Drops all whitespace, applies NFKC per character (１２３ -> 123, ％ -> %, （ -> (),
    keeps the Chinese comma ， (a clause mark) except between full-width digits
    (１，２３４), and folds Traditional characters to Simplified.
    """
    folded = _fold_traditional(body)
    out: list[str] = []
    src: list[int] = []
    n = len(folded)
    for i, ch in enumerate(folded):
        if ch.isspace():
            continue
        if ch == "，":
            prev = body[i - 1] if i else ""
            nxt = body[i + 1] if i + 1 < n else ""
            if prev in _FULLWIDTH_DIGITS and nxt in _FULLWIDTH_DIGITS:
                out.append(",")
                src.append(i)
            else:
                out.append(ch)
                src.append(i)
            continue
        if ch.isascii() or "\u4e00" <= ch <= "\u9fff":
            out.append(_EXTRA_FOLD.get(ch, ch))
            src.append(i)
            continue
        for c in unicodedata.normalize("NFKC", ch):
            if not c.isspace():
                out.append(c)
                src.append(i)
    return NormalizedText("".join(out), tuple(src))


# ---------------------------------------------------------------------------------------
# Patterns
# ---------------------------------------------------------------------------------------

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CN = f"[{CHINESE_NUMERAL_CHARS}]+"
_MULT = r"万亿|千亿|百亿|十亿|千万|百万|十万|亿|万|千|百"

#: Unit as written -> normalized unit (types.Quantity.unit).
UNIT_FORMS: dict[str, str] = {
    "人次": "人次",
    "场次": "场次",
    "户次": "户次",
    "批次": "批次",
    "车次": "车次",
    "架次": "架次",
    "个百分点": "百分点",
    "百分点": "百分点",
    "平方公里": "平方公里",
    "平方千米": "平方公里",
    "平方米": "平方米",
    "立方米": "立方米",
    "微克/立方米": "微克/立方米",
    "千瓦时": "千瓦时",
    "公顷": "公顷",
    "公里": "公里",
    "千米": "公里",
    "千克": "千克",
    "公斤": "公斤",
    "个月": "个月",
    "个小时": "小时",
    "小时": "小时",
    "分钟": "分钟",
    "周岁": "岁",
    "岁": "岁",
    "元/人/月": "元/人/月",
    "元/人·月": "元/人/月",
    "元/月/人": "元/人/月",
    "元/月·人": "元/人/月",
    "元/人/年": "元/人/年",
    "元/人·年": "元/人/年",
    "元/年/人": "元/人/年",
    "元/人": "元/人",
    "元/户": "元/户",
    "元/月": "元/月",
    "元/年": "元/年",
    "美元": "美元",
    "元": "元",
    "人": "人",
    "名": "人",
    "位": "人",
    "%": "%",
    "‰": "‰",
}
for _w in (
    "户 家 个 支 项 件 期 次 场 部 套 条 斤 吨 亩 米 天 份 所 座 处 张 本 册 篇 台 辆 棵 株 批"
    " 间 栋 幢 幅 块 种 类 组 届 轮 门 节 堂 课时 学时 倍 则 首 只 头 艘 架"
).split():
    UNIT_FORMS.setdefault(_w, _w)

_UNIT_ALT = "|".join(re.escape(u) for u in sorted(UNIT_FORMS, key=len, reverse=True))

_QTY_RE = re.compile(
    rf"(?P<n1>{_NUM}|{_CN})(?P<m1>{_MULT})?(?P<q1>余|多)?(?P<m1b>万|亿)?"
    rf"(?:(?P<sep>至|到|-|~|—|–)(?P<n2>{_NUM}|{_CN})(?P<m2>{_MULT})?(?P<q2>余|多)?(?P<m2b>万|亿)?)?"
    rf"(?P<unit>{_UNIT_ALT})"
    r"(?P<post>左右|上下|以上|以下|以内)?"
)

#: Qualifiers written before the number, longest first: (word, bound).
_PREFIXES = (
    ("不低于", "lower"),
    ("不少于", "lower"),
    ("不高于", "upper"),
    ("不超过", "upper"),
    ("将近", "upper"),
    ("接近", "upper"),
    ("不足", "upper"),
    ("不到", "upper"),
    ("少于", "upper"),
    ("近", "upper"),
    ("超过", "lower"),
    ("超出", "lower"),
    ("多达", "lower"),
    ("突破", "lower"),
    ("逾", "lower"),
    ("超", "lower"),
    ("大约", "about"),
    ("大概", "about"),
    ("约", "about"),
)
#: Verbs that may stand between a qualifier and its number (约有3000名, 约为1.2万人,
#: 将近达5000人). Only the qualifiers in ``_LINKABLE`` take them: 近有/近为 more often reads
#: "recently there were" than "nearly", and 超为/逾有 are not idiomatic.
_LINKS = "有为达计"
_LINKABLE = frozenset({"约", "大约", "大概", "将近", "接近"})
_POST_BOUND = {"左右": "about", "上下": "about", "以上": "lower", "以下": "upper", "以内": "upper"}
_NOT_NEAR = frozenset("附最临靠")  # 附近/最近/临近/靠近 are not 近 "nearly"
_NOT_ABOUT = frozenset("节制预签契履违公特相邀")  # 节约/签约/相约 ... are not 约 "about"

#: A unit character that starts a longer word: "10部门" is not ten 部.
_UNIT_WORDS = frozenset(
    "部门 部分 部署 家庭 家长 家属 条例 条件 项目 人民 人口 户籍 户口 名单 名称 名义 期间 期限"
    " 次日 天然 天气 台账 份额 组织 处理 处置 批准 场所 场地 所在 所属 本地 本级 门口 岁月 倍增"
    " 类别 支持 支部 支付 支出 元素 元旦 节约 节点 首都 首批 首次 种植 种类 块钱 位置 位于 米面"
    " 件事 间隔 届满 轮流 只有 只要 头条".split()
)
_SLOGAN_RE = re.compile(
    r"两个(?:维护|确立|务必|结合|毫不动摇)|三个(?:代表|务必)|四个(?:意识|自信|全面)"
    r"|五位一体|四位一体|三会一课|两学一做|三严三实|三重一大|一岗双责"
)
_IDIOM_RE = re.compile(r"三番五次|千方百计|三令五申|千家万户|五湖四海|四面八方|七上八下|万无一失")
_NAME_SPAN_RE = re.compile(
    r"“[^“”。，,；;！!？?]{1,20}”|‘[^‘’。，,；;]{1,20}’|「[^「」。，,]{1,20}」"
    r"|\"[^\"。，,]{1,20}\"|《[^《》]{1,80}》|〈[^〈〉]{1,60}〉"
)
_PHONE_CONTEXT = ("拨打", "热线", "电话", "号码", "编号", "代码", "邮编", "手机", "专线")
_PROGRAMME_AFTER_MINUTES = re.compile(r"[\u4e00-\u9fff]{0,6}圈")

#: Operators of a formula or slogan (1+8+N, 5+2, 7×24小时, 365天×24小时): a number
#: touching one is a term of the expression, not a measured quantity.
_FORMULA_OPS = frozenset("+×*✕╳")

_CLAUSE_MARKS = frozenset("，,。；;！!？?：:")
_SENTENCE_MARKS = frozenset("。；;！!？?")

#: Measure units: the label is the phrase before the number ("满意率98.5%").
#: For the other (classifier) units the counted noun usually follows ("928名失业人员").
_MEASURE_UNITS = frozenset(
    "元 元/人/月 元/人/年 元/人 元/户 元/月 元/年 美元 % ‰ 百分点 平方米 平方公里 立方米 公顷 亩 公里 米 吨"
    " 斤 千克 公斤 天 小时 分钟 个月 人次 场次 户次 次 倍 岁 千瓦时 微克/立方米 课时 学时".split()
)
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
    "争取",
    "计划",
    "预计",
    "即将",
    "将",
    "拟",
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
_CHANGE_VERB_RE = re.compile(
    r"调整|提高|提升|增加|增长|上调|下调|降低|下降|减少|扩大|缩小|上升|增|降|升|涨"
)
_CHANGE_MID_RE = re.compile(
    r"[^\d、，,。；;：:！!？?]{0,6}?(?:至|到|为)(?:20\d\d年(?:底|末)?的?)?"
    r"[^\d、，,。；;：:！!？?]{0,6}"
)
#: Between A and B of a change written without 由/从 ("1800元提高到2000元"): an optional
#: adverb, a change verb, 至/到/为, optionally the per-person words repeated. Nothing else,
#: so "增加300人" alone or two amounts joined by 、/，stay separate quantities.
_BARE_CHANGE_MID_RE = re.compile(
    r"(?:逐步|进一步|分别|大幅|稳步|再|又|已|将)?"
    r"(?:调整|提高|提升|增加|增长|上调|下调|降低|下降|减少|扩大|缩小|上升|增|降|升|涨)"
    r"(?:至|到|为)(?:每人每月|每月每人|每人每年|每年每人|人均|每人|每月|每年)?"
)
#: Between the two ends of a range written with the unit on both (95%—98%, 95%~98%,
#: 95%-98%, 95%至98%, 3人到5人): a dash, a tilde or 至/到 and nothing else. GB/T 15834-2011
#: (标点符号用法) 4.13 gives the range mark as "—" or "～"; "——" is a dash of
#: explanation and is not read as a range.
_RANGE_MID_RE = re.compile(r"[—–\-~〜]|至|到")
_RANGE_DASH_RE = re.compile(r"[—–\-~〜]")
#: A change verb right before A: "增加300人至3500人" reads "by 300, to 3500", no range.
_CHANGE_BY_RE = re.compile(r"(?:增长|增加|提高|提升|上升|下降|减少|降低|下滑|回落|增|降|升|涨)了?$")
#: A year-on-year (or month-on-month) comparison: 同比, 环比, 较上年, 比去年同期 ...
_COMPARISON = r"同比|环比|(?:较|比)(?:上年|去年|上年同期|去年同期|上一年|\d{4}年)?"
#: Verbs that make a distributed value a change rather than a level (分别下降15.2%、20%).
_DISTRIBUTED_CHANGE = r"增长|增加|提高|提升|上升|下降|减少|降低|下滑|回落|增|降"
#: "A、B分别达/为/下降 x、y" at the end of the words before x; a comparison may stand
#: on either side of 分别 (同比分别下降, 分别比上年增长).
#: A part of a "A、B…分别" subject that already names a measure (地区生产总值, 事故起数,
#: 财政收入) takes no share of the last part's head noun.
_COMPLETE_HEAD_RE = re.compile(r"(?:值|额|率|数|量|收入|支出|人员|面积|标准|金)$")
_DISTRIBUTE_RE = re.compile(
    rf"(?P<cmp1>{_COMPARISON})?分别(?P<cmp2>{_COMPARISON})?"
    rf"(?:(?P<change>{_DISTRIBUTED_CHANGE})|达到|达|为|是|有)?$"
)


@dataclass
class _Raw:
    """A quantity in view coordinates while the rules run."""

    start: int  # evidence start (qualifier prefix, or 由/从 for a change)
    num_start: int  # first character of the number
    end: int  # end of unit (and trailing qualifier)
    value: Decimal
    unit: str
    value_max: Decimal | None = None
    approx: bool = False
    bound: str = ""
    previous_value: Decimal | None = None
    label: str = ""
    target: bool = False
    before: str = field(default="", repr=False)


def _marks(text: str, marks: frozenset[str]) -> list[int]:
    """Positions of clause/sentence marks in ``text`` (a comma between digit groups is
    a thousands separator, not a mark)."""
    out = []
    for i, ch in enumerate(text):
        if ch in marks:
            if ch == "," and i and text[i - 1].isdigit() and text[i + 1 : i + 4].isdigit():
                continue
            out.append(i)
    return out


def _bounds(marks: list[int], pos: int, length: int) -> tuple[int, int]:
    """``(start, end)`` of the clause or sentence holding view position ``pos``."""
    k = bisect_right(marks, pos - 1)
    start = marks[k - 1] + 1 if k else 0
    end = marks[k] if k < len(marks) else length
    return start, end


def _is_chinese(num: str) -> bool:
    return num[0] in CHINESE_NUMERAL_CHARS


def _protected(text: str) -> bytearray:
    """1 at every view position inside a quoted name, a 《title》 or an idiom."""
    mask = bytearray(len(text))
    for rx in (_NAME_SPAN_RE, _IDIOM_RE):
        for m in rx.finditer(text):
            mask[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    return mask


def _read_value(num: str, mult: str | None, mult_b: str | None) -> tuple[Decimal, Decimal | None]:
    """(value, value_max or None) of one number group, multipliers applied."""
    if _is_chinese(num):
        rng = parse_chinese_range(num)
        if rng:
            low, high = rng
        else:
            low, high = parse_chinese(num), None
    else:
        low, high = parse_arabic(num), None
    for mul in (mult, mult_b):
        if mul:
            low = apply_multiplier(low, mul)
            high = apply_multiplier(high, mul) if high is not None else None
    return apply_multiplier(low, None), high


def _qualifier_at(text: str, pos: int) -> tuple[str, str]:
    """The ``_PREFIXES`` word ending exactly at ``pos`` and its bound, or ("", "")."""
    head = text[max(0, pos - 3) : pos]
    for word, bound in _PREFIXES:
        if head.endswith(word):
            before = text[pos - len(word) - 1] if pos - len(word) >= 1 else ""
            if word == "近" and before in _NOT_NEAR:
                continue
            if word == "约" and before in _NOT_ABOUT:
                continue
            return word, bound
    return "", ""


def _prefix(text: str, pos: int, chinese_bare: bool) -> tuple[str, str]:
    """The qualifier written before the number at ``pos`` and its bound, or ("", "").

    The returned word is the whole evidence prefix: a qualifier (约, 超过, 不低于 ...) right
    before the number, or an about/nearly word and a linking verb (约有, 约为, 大约达,
    将近有; see ``_LINKS``). 上百名/上千人 are lower bounds.
    """
    word, bound = _qualifier_at(text, pos)
    if word:
        return word, bound
    if pos >= 2 and text[pos - 1] in _LINKS:
        word, bound = _qualifier_at(text, pos - 1)
        if word in _LINKABLE:
            return word + text[pos - 1], bound
    if chinese_bare and text[max(0, pos - 1) : pos] == "上":  # 上百名, 上千人
        return "上", "lower"
    return "", ""


def _rejected(text: str, m: re.Match, mask: bytearray) -> bool:
    """True when the match is not a measured quantity (see the module docstring)."""
    s = m.start()
    prev = text[s - 1] if s else ""
    n1 = m["n1"]
    unit = m["unit"]
    unit_end = m.end("unit")
    if prev.isdigit() or (prev in ".," and s >= 2 and text[s - 2].isdigit()):
        return True  # inside a longer number
    if prev.isascii() and prev.isalpha():
        return True  # PM2.5, TOP100
    if (prev and prev in "第") or text[max(0, s - 2) : s] in ("排名", "排第"):
        return True  # ordinals
    if (prev and prev in _FORMULA_OPS) or text[unit_end : unit_end + 1] in _FORMULA_OPS:
        return True  # formulas and service-hour slogans: 1+8+N, 5+2, 7×24小时, 365天×24小时
    if mask[s]:
        return True  # inside “name” / 《title》 / idiom
    if any(word in text[max(0, s - 4) : s] for word in _PHONE_CONTEXT):
        return True
    if len(unit) == 1 and text[unit_end : unit_end + 1] == unit:
        return True  # 一张张, 个个
    if unit + text[unit_end : unit_end + 1] in _UNIT_WORDS:
        return True
    if unit in ("岁", "周岁"):
        rest = text[unit_end : unit_end + 3]
        if (
            m["post"]
            or m["n2"]
            or rest.startswith(("及以上", "及以下", "以上", "以下", "的"))
            or prev == "满"
        ):
            return True  # an age bound, not a measured age
    if unit == "分钟" and _PROGRAMME_AFTER_MINUTES.match(text, unit_end):
        return True  # 15分钟生活圈
    if unit in ("名", "位") and prev == "前":
        return True  # 前10名 is a rank
    for num in (n1, m["n2"]):
        if num and _is_chinese(num):
            if num == "一":
                return True  # 一批, 一张张, 一个小时: not a measurement
            if _SLOGAN_RE.match(text, s):
                return True
    return False


def _candidates(text: str) -> list[_Raw]:
    mask = _protected(text)
    out: list[_Raw] = []
    for m in _QTY_RE.finditer(text):
        if _rejected(text, m, mask):
            continue
        n1, n2 = m["n1"], m["n2"]
        bare = _is_chinese(n1) and all(ch in "十百千万亿" for ch in n1)
        word, bound = _prefix(text, m.start(), bare)
        if bare and not (m["q1"] or word):
            continue  # 十条措施, 百丈关, 万家: a power alone names, it does not count
        if n2 and _is_chinese(n2) and all(ch in "十百千万亿" for ch in n2):
            continue
        try:
            value, value_max = _read_value(n1, m["m1"] or (m["m2"] if n2 else None), m["m1b"])
            if n2:
                value_max, _ = _read_value(n2, m["m2"], m["m2b"])
        except (ValueError, KeyError):
            continue
        if value_max is not None and value_max <= value:
            if n2:
                continue  # "2023-5个" is no range
        if not bound and (m["q1"] or m["q2"]):
            bound = "lower"
        if not bound and m["post"]:
            bound = _POST_BOUND[m["post"]]
        out.append(
            _Raw(
                start=m.start() - len(word),
                num_start=m.start(),
                end=m.end(),
                value=value,
                value_max=value_max,
                unit=UNIT_FORMS[m["unit"]],
                approx=bool(bound),
                bound=bound,
            )
        )
    return out


def _per_person(text: str, q: _Raw, clause: str, clause_start: int) -> None:
    """元 read as 元/人/月, 元/人/年, 元/人 or 元/户 (户均/每户) from the words just before
    the number."""
    if q.unit == "元/月" and "每人" in clause:
        q.unit = "元/人/月"
        return
    if q.unit != "元":
        return
    window = text[max(clause_start, q.start - 8) : q.start]
    if any(w in window for w in ("每人每月", "每月每人", "人均每月")):
        q.unit = "元/人/月"
    elif any(w in window for w in ("每人每年", "每年每人", "人均每年")):
        q.unit = "元/人/年"
    elif window.endswith("每年") and re.search(r"缴费|档次|个人|每人", clause):
        q.unit = "元/人/年"
    elif window.endswith("每月") and re.search(
        r"标准|待遇|补贴|补助|每人|个人|养老金|低保", clause
    ):
        q.unit = "元/人/月"
    elif window.endswith(("每人", "人均")):
        q.unit = "元/人"
    elif re.search(r"(?:每户|户均)[\u4e00-\u9fff]{0,4}$", window):
        q.unit = "元/户"  # 户均增收8000元, 每户补助3000元: per household, not a total


def _same_base_unit(a: str, b: str) -> bool:
    """Units that may form a change or range: equal, or one is the other with a
    per-person/per-time context the text gave only once (元 and 元/人/年)."""
    return a == b or (a.split("/")[0] == b.split("/")[0] and ("/" in a) != ("/" in b))


def _is_range(text: str, a: _Raw, b: _Raw, mid_re: re.Pattern) -> bool:
    """True when ``a`` and ``b`` are the two ends of one range (see ``_RANGE_MID_RE``)."""
    return (
        a.unit == b.unit
        and mid_re.fullmatch(text[a.end : b.start]) is not None
        and a.value_max is None
        and b.value_max is None
        and b.previous_value is None
        and b.value > a.value
    )


def _join_range(a: _Raw, b: _Raw) -> _Raw:
    """``a`` widened to end at ``b``: value a, value_max b, evidence a…b."""
    a.value_max = b.value
    a.end = b.end
    a.approx = a.approx or b.approx
    a.bound = a.bound or b.bound
    return a


def _merge_ranges(text: str, qs: list[_Raw], mid_re: re.Pattern) -> list[_Raw]:
    """``qs`` with each pair that ``_is_range`` joined into one quantity."""
    out: list[_Raw] = []
    for q in qs:
        if out and _is_range(text, out[-1], q, mid_re):
            _join_range(out[-1], q)
        else:
            out.append(q)
    return out


def _merge_changes(text: str, qs: list[_Raw], clause_marks: list[int]) -> list[_Raw]:
    """Pairs that are one change or one range, merged.

    - 由A调整至B / 从A提高到B -> B with previous_value A; 从A到B without a verb -> range.
    - A提高到B / A增至B / A上调至B with no opener (``_BARE_CHANGE_MID_RE`` between them,
      same clause, same unit) -> B with previous_value A, evidence A…B.
    - A—B, A~B, A-B, A至B, A到B with the unit written on both ends (95%—98%) and nothing
      else between them -> one range A..B when B > A. Dash ranges are joined first, so a
      change may end in one (由90%提高到95%—98%: 95..98, previous 90).
    """
    qs = _merge_ranges(text, qs, _RANGE_DASH_RE)
    out: list[_Raw] = []
    i = 0
    while i < len(qs):
        a = qs[i]
        if i + 1 < len(qs):
            b = qs[i + 1]
            clause_start, clause_end = _bounds(clause_marks, a.num_start, len(text))
            mid = text[a.end : b.start]
            lead = text[max(clause_start, a.start - 14) : a.start]
            k = max(lead.rfind("由"), lead.rfind("从"))
            same_unit = _same_base_unit(a.unit, b.unit)
            if k >= 0 and b.start <= clause_end and same_unit and _CHANGE_MID_RE.fullmatch(mid):
                opener = lead[k]
                if opener == "由" or _CHANGE_VERB_RE.search(mid):
                    if "/" in a.unit and "/" not in b.unit:  # 由每人每年610元提高到640元
                        b.unit = a.unit
                    b.previous_value = a.value
                    b.start = a.start - len(lead) + k
                    out.append(b)
                elif a.value_max is None and b.value > a.value:
                    a.value_max = b.value
                    a.end = b.end
                    a.approx = a.approx or b.approx
                    a.bound = a.bound or b.bound
                    a.start = a.start - len(lead) + k
                    out.append(a)
                else:
                    out.extend((a, b))
                i += 2
                continue
            if same_unit and _BARE_CHANGE_MID_RE.fullmatch(mid):  # 1800元提高到2000元
                if "/" in a.unit and "/" not in b.unit:
                    b.unit = a.unit
                b.previous_value = a.value
                b.start = a.start
                out.append(b)
                i += 2
                continue
            if _is_range(text, a, b, _RANGE_MID_RE) and not _CHANGE_BY_RE.search(
                text, max(clause_start, a.start - 4), a.start
            ):  # 95%至98%: the unit written twice; "增加300人至3500人" is by A, to B
                out.append(_join_range(a, b))
                i += 2
                continue
        out.append(a)
        i += 1
    return out


#: Words that make a clause a plan or target (see ``_mark_targets``). 计划 is not one when it
#: is a noun (完成计划, 年度计划, 全民参保计划，); 目标 only as "目标是/为/到…" (以…为目标
#: names an aim, not a figure); 要 only as a modal before a verb; 将近 is "nearly", not 将;
#: 到2025年 only opening a clause or after 力争/争取/计划/预计/确保/将/要/是 (增加到2023年的
#: 512家 is the end of a change).
_FUTURE_RE = re.compile(
    r"即将|将要|(?<!必)将(?!近|来说)"
    r"|(?<!完成)(?<!年度)(?<!工作)(?<!的)(?<!按)(?<!超)(?<!原)"
    r"计划(?!的|书|表|内|外|生育|任务|[、，,。；;：:”’）)]|$)"
    r"|(?<![模虚草比])拟|力争|争取|预计|预期|有望|下一步|今后|明年"
    r"|目标(?:任务)?(?:是|为|到|:)|确保"
    r"|(?<![主重需只纪摘提必首紧简概])要(?=确保|实现|达到|完成|力争|争取|保证|保持|新建|建成"
    r"|建设|新增|提高|提升|控制|突破|覆盖|惠及|让|使|把|将|在|于|不低于|不少于|超过)"
    r"|(?:^|(?<=[争取划计保将要是]))到(?:20\d\d年|今年|明年|年底|年末)"
)
#: Words that make a clause a reported fact; they win over a future word further back.
_FACT_RE = re.compile(r"已|累计|截至|截止|完成")
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


def _clause_tense(text: str, start: int, end: int) -> str:
    """ "future", "fact" or "" for ``text[start:end]`` (a clause up to a number): the marker
    nearest the end decides; a 将 meaning 把 is no marker."""
    scope = text[start:end]
    found: list[tuple[int, str]] = []
    for m in _FUTURE_RE.finditer(scope):
        word = m.group()
        if word == "将" and not _WILL_NEXT_RE.match(scope, m.end()):
            rest = text[start + m.end() : _clause_end(text, start + m.end())]
            if _DISPOSAL_RE.search(rest):
                continue  # 将…纳入: 把, not "will"
        found.append((m.end(), "future"))
    futures = list(found)
    for m in _FACT_RE.finditer(scope):
        if m.group() == "完成" and any(end <= m.start() for end, _ in futures):
            continue  # 计划完成, 争取年内完成: part of the plan
        found.append((m.end(), "fact"))
    return max(found)[1] if found else ""


def _clause_end(text: str, pos: int) -> int:
    for k in range(pos, len(text)):
        if text[k] in _CLAUSE_MARKS:
            return k
    return len(text)


def _mark_targets(
    text: str, qs: list[_Raw], clause_marks: list[int], sentence_marks: list[int]
) -> None:
    """Set ``target`` on each quantity whose clause is a plan or target, in place.

    Rule: read the clause from its start to the quantity's evidence. The marker nearest the
    quantity decides: a future word (将, 即将, 计划, 拟, 力争, 争取, 预计, 预期, 有望,
    目标是/为, 确保, modal 要 + verb, 到20XX年/到年底, 下一步, 今后, 明年) makes it a target;
    a fact word (已, 累计, 截至, 截止, or 完成 with no future word before it) makes it an
    observation. A clause with neither inherits from the nearest earlier clause of the same
    sentence that has one ("力争到2025年，注册志愿者达到5万人"). 将 followed by a noun and a
    result verb (将120名困难群众纳入低保) is the object marker 把, not "will".
    Words after the number are not read (a known shortcut: "20个站点将于年底建成" is missed).
    """
    n = len(text)
    for q in qs:
        sent_start, _ = _bounds(sentence_marks, q.num_start, n)
        clause_start, _ = _bounds(clause_marks, q.num_start, n)
        end = q.start
        tense = ""
        while True:
            tense = _clause_tense(text, clause_start, end)
            if tense or clause_start <= sent_start:
                break
            end = clause_start - 1
            clause_start, _ = _bounds(clause_marks, end, n)
            clause_start = max(clause_start, sent_start)
        q.target = tense == "future"


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
#: Marks a label never starts with, and never ends with.
_LABEL_LEAD_PUNCT = "、，,。；;：:！!？?)）]】》〉”’·•-—×*/+"
_LABEL_TRAIL_PUNCT = "、，,。；;：:（(【《〈“‘·•-—×*/+"
#: Where a label that is too long may start (after these) when cut from the left:
#: separators, a closing quote, a "…等方面", or a leading verb of the clause.
_LABEL_CUT_AFTER_RE = re.compile(
    r"[、，,；;：:”’》）)]|等方面|方面|开展|组织|举办|围绕|通过|进行|实施|聚焦|深入|持续|积极"
)


def _tidy_label(label: str) -> str:
    """``label`` without punctuation at its ends or a quote it does not open; ``""`` when
    nothing but punctuation and stop words is left (a label like "、" or "每人每年")."""
    while True:
        old = label
        label = label.lstrip(_LABEL_LEAD_PUNCT).rstrip(_LABEL_TRAIL_PUNCT)
        for opener, closer in ("“”", "‘’", "《》", "（）", "()"):
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
    if keep_end:
        cuts = [m.end() for m in _LABEL_CUT_AFTER_RE.finditer(label)]
        cuts += [k for k, ch in enumerate(label) if ch in "“‘《（("]
        fitting = [c for c in cuts if 0 < len(label) - c <= _MAX_LABEL]
        return label[min(fitting) :] if fitting else label[-_MAX_LABEL:]
    cuts = [k for k, ch in enumerate(label) if ch in "、，,；;：:“‘《（("]
    cuts += [k + 1 for k, ch in enumerate(label) if ch in "”’》）)"]
    fitting = [c for c in cuts if 0 < c <= _MAX_LABEL]
    return label[: max(fitting)] if fitting else label[:_MAX_LABEL]


def _strip_leading(phrase: str) -> str:
    """``phrase`` without what opens a clause but names nothing measured, repeatedly:
    the article's subject (该县, 全市), time phrases (2024年底, 1至6月, 今年以来, 截至6月底),
    plan and connective words (``_LEADING_WORDS``: 计划, 力争, 共 ...) and building verbs
    (建成, 打造). A word is only removed when something is left after it."""
    changed = True
    while changed and phrase:
        changed = False
        for rx in (_LEADING_TIME_RE, _LEADING_SUBJECT_RE, _LEADING_BUILD_RE):
            m = rx.match(phrase)
            if m and 0 < m.end() < len(phrase):
                phrase = phrase[m.end() :]
                changed = True
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
    if phrase in _LEADING_WORDS:
        return ""
    changed = True
    while changed and phrase:
        changed = False
        for w in _TRAILING_WORDS:
            if phrase.endswith(w) and len(phrase) > len(w):
                phrase = phrase[: -len(w)]
                changed = True
                break
            if phrase == w:
                return ""
    phrase = _strip_leading(phrase)
    return "" if phrase in _LEADING_WORDS or phrase in _TRAILING_WORDS else phrase


def _following_noun(after: str) -> str:
    m = _FOLLOW_STOP_RE.search(after)
    return after[: m.start()] if m else after


def _label_all(text: str, qs: list[_Raw], clause_marks: list[int]) -> None:
    """Set ``label`` (and the raw ``before`` text) of every quantity, in place."""
    n = len(text)
    for i, q in enumerate(qs):
        clause_start, clause_end = _bounds(clause_marks, q.num_start, n)
        left = max(clause_start, qs[i - 1].end if i else 0)
        right = min(clause_end, qs[i + 1].start if i + 1 < len(qs) else n)
        q.before = text[left : q.start]
        before = _tidy_label(_fit_label(_tidy_label(q.before), keep_end=True))
        after = text[q.end : max(q.end, right)]
        noun = _tidy_label(_fit_label(_following_noun(after), keep_end=False))
        if q.unit in _MEASURE_UNITS:
            label = before or noun
        else:
            label = noun or before
        if not label:
            label = _tidy_label(_fit_label(after, keep_end=False))
        if (
            i
            and not before
            and q.before[:1] in "、和及与或"
            and (q.unit in _MEASURE_UNITS or not noun)
        ):
            label = qs[i - 1].label  # "30％、60％", "每人每月780元、每人每年…": one label
        q.label = label
    _distribute(text, qs, clause_marks)


def _distribute(text: str, qs: list[_Raw], clause_marks: list[int]) -> None:
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
        j = i
        while j + 1 < len(qs) and text[qs[j].end : qs[j + 1].start] in ("、", "和", "及"):
            j += 1
        group = qs[i : j + 1]
        subject = _strip_words(qs[i].before[: m.start()])
        parts = [p for p in re.split(r"[、和及与]", subject) if p]
        # A change keeps its comparison and verb in each label, as a single year-on-year
        # change does (事故起数同比下降): 同比分别下降 x、y -> 事故起数同比下降, 死亡人数同比下降.
        change = (m["cmp1"] or "") + (m["cmp2"] or "") + m["change"] if m["change"] else ""
        if len(group) >= 2 and len(parts) == len(group):
            last, prev = parts[-1], parts[-2]
            suffix = last[len(prev) :] if len(last) > len(prev) else ""
            for q, part in zip(group, parts[:-1], strict=False):
                own = "" if _COMPLETE_HEAD_RE.search(part) else suffix
                q.label = _tidy_label(_fit_label(part + own + change, keep_end=True))
            group[-1].label = _tidy_label(_fit_label(last + change, keep_end=True))
        elif len(group) >= 2:
            for q in group[1:]:
                q.label = group[0].label
        i = j + 1


def extract_quantities(body: str) -> list[Quantity]:
    """Every measured quantity in ``body``, in text order.

    ``body`` is one article's text exactly as stored (line breaks and spaces allowed);
    each returned ``Quantity`` has ``start``/``end`` offsets into that same string, so
    ``body[q.start:q.end]`` is the evidence (qualifier, number and unit; for a change the
    whole 由A…至B phrase). Values are exact ``Decimal`` with 万/亿 applied; ``unit`` is
    normalized (名/位 -> 人); ``indicator`` is left None (see ``indicators.IndicatorCatalog``).
    Raises ``TypeError`` if ``body`` is not a ``str``.
    """
    if not isinstance(body, str):
        raise TypeError(f"extract_quantities expects str, got {type(body).__name__}")
    view = normalize(body)
    text = view.text
    clause_marks = _marks(text, _CLAUSE_MARKS)
    raws = _candidates(text)
    for q in raws:
        cs, ce = _bounds(clause_marks, q.num_start, len(text))
        _per_person(text, q, text[cs:ce], cs)
    raws = _merge_changes(text, raws, clause_marks)
    _label_all(text, raws, clause_marks)
    _mark_targets(text, raws, clause_marks, _marks(text, _SENTENCE_MARKS))
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


__all__ = ["NormalizedText", "UNIT_FORMS", "extract_quantities", "normalize"]
