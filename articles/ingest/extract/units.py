"""Units: the forms a unit is written in and its normalized form, measure vs. classifier
units, words a unit character starts, and per-person units read from context."""

from __future__ import annotations

import re

from .view import Raw

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

UNIT_ALT = "|".join(re.escape(u) for u in sorted(UNIT_FORMS, key=len, reverse=True))


#: A unit character that starts a longer word: "10部门" is not ten 部.
UNIT_WORDS = frozenset(
    "部门 部分 部署 家庭 家长 家属 条例 条件 项目 人民 人口 户籍 户口 名单 名称 名义 期间 期限"
    " 次日 天然 天气 台账 份额 组织 处理 处置 批准 场所 场地 所在 所属 本地 本级 门口 岁月 倍增"
    " 类别 支持 支部 支付 支出 元素 元旦 节约 节点 首都 首批 首次 种植 种类 块钱 位置 位于 米面"
    " 件事 间隔 届满 轮流 只有 只要 头条".split()
)


#: Measure units: the label is the phrase before the number ("满意率98.5%").
#: For the other (classifier) units the counted noun usually follows ("928名失业人员").
MEASURE_UNITS = frozenset(
    "元 元/人/月 元/人/年 元/人 元/户 元/月 元/年 美元 % ‰ 百分点 平方米 平方公里 立方米 公顷 亩 公里 米 吨"
    " 斤 千克 公斤 天 小时 分钟 个月 人次 场次 户次 次 倍 岁 千瓦时 微克/立方米 课时 学时".split()
)


def per_person_unit(text: str, q: Raw, clause: str, clause_start: int) -> None:
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


def same_base_unit(a: str, b: str) -> bool:
    """Units that may form a change or range: equal, or one is the other with a
    per-person/per-time context the text gave only once (元 and 元/人/年)."""
    return a == b or (a.split("/")[0] == b.split("/")[0] and ("/" in a) != ("/" in b))
