"""Units: words a unit character starts (no unit), per-person units read from context, and
which units may pair in a change. The units themselves are ``vocabulary.UNIT_FORMS``."""

from __future__ import annotations

import re

from .view import Raw

#: A unit character that starts a longer word: "10部门" is not ten 部.
UNIT_WORDS = frozenset(
    "部门 部分 部署 家庭 家长 家属 条例 条件 项目 人民 人口 户籍 户口 名单 名称 名义 期间 期限"
    " 次日 天然 天气 台账 份额 组织 处理 处置 批准 场所 场地 所在 所属 本地 本级 门口 岁月 倍增"
    " 类别 支持 支部 支付 支出 元素 元旦 节约 节点 首都 首批 首次 种植 种类 块钱 位置 位于 米面"
    " 件事 间隔 届满 轮流 只有 只要 头条 对接 对象 对口 对话 对比 对照 对标 对于 对待 对外 对应 对策"
    " 对此 对其 对全 对本 对该 对我 对重 对困 对贫 对符 对所 对辖 对老 对农".split()
)


def per_person_unit(text: str, q: Raw, clause: str, clause_start: int) -> None:
    """元 read as 元/人/月, 元/人/年, 元/人 or 元/户 (户均/每户) from the words just before
    the number."""
    if q.unit == "元/月" and _PER_PERSON_MONTHLY_RE.search(clause):
        q.unit = "元/人/月"  # 城市低保标准达到570元/月: a standard is per person
        return
    if q.unit == "元/年" and _PER_PERSON_YEARLY_RE.search(clause):
        q.unit = "元/人/年"  # 农村低保标准达到4800元/年
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
    elif window.endswith(("年人均", "全年人均")):
        q.unit = "元/人/年"  # 发放最低生活保障金1117.6万元，年人均5103.2元
    elif window.endswith(("每人", "人均")):
        q.unit = "元/人"
    elif re.search(r"(?:每户|户均)[\u4e00-\u9fff]{0,4}$", window):
        q.unit = "元/户"  # 户均增收8000元, 每户补助3000元: per household, not a total


#: Words of a clause that make an amount per month (元/月) or per year (元/年) one per person:
#: 每人, or a standard or benefit paid to each person (低保标准, 养老金). Found in a real
#: county bulletin: 城市低保标准达到570元/月 and 农村低保标准达到4800元/年 had no indicator.
_PER_PERSON_MONTHLY_RE = re.compile(r"每人|标准|待遇|养老金|低保|特困|补贴|补助")
_PER_PERSON_YEARLY_RE = re.compile(r"每人|标准|待遇|养老金|低保|特困")


#: What joins the values of one list (每人每月720元和560元), as ``labels`` reads it.
_LIST_JOINS = frozenset({"、", "和", "及"})


def share_listed_rate(text: str, qs: list[Raw]) -> None:
    """A per-person or per-household rate written once before a list applies to each value
    of it: 每人每月720元和560元 -> both 元/人/月 (the second was a bare 元 total). A value
    joined to the previous one by 、/和/及 only, with bare 元, takes the previous one's
    元/… unit. In place; ``qs`` are in text order."""
    for prev, q in zip(qs, qs[1:], strict=False):
        if (
            q.unit == "元"
            and prev.unit.startswith("元/")
            and text[prev.end : q.start] in _LIST_JOINS
        ):
            q.unit = prev.unit


def same_base_unit(a: str, b: str) -> bool:
    """Units that may form a change or range: equal, or one is the other with a
    per-person/per-time context the text gave only once (元 and 元/人/年)."""
    return a == b or (a.split("/")[0] == b.split("/")[0] and ("/" in a) != ("/" in b))
