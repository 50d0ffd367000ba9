"""The parser's word lists, in one place: punctuation, units, bound words, change verbs,
plan words, fact words, and the furniture of web pages.

Every stage (split, extract, indicators, locate, and ``articles.text`` for evidence
sentences) reads these lists from here, and the regexes that use them are composed from
them with ``alternation`` and ``char_class``, the way Django's ``URLValidator``
(``django/core/validators.py``) composes ``host_re`` from named parts. Adding a unit, a
change verb or a bound word is therefore one edit in this file;
``tests/test_vocabulary.py`` lists the vocabulary and checks each stage recognises it.

Where two stages deliberately read different subsets (the verbs that say "changed *to*"
and those that say "changed *by*"), both subsets are named here with the reason.
Pure data: no Django import, and no import from the stages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .types import Bound

__all__ = [
    "ADDRESS_BEFORE",
    "ADDRESS_UNITS",
    "AGE_MEASURE_WORDS",
    "BREADCRUMB_LABELS",
    "BREADCRUMB_SEPARATORS",
    "CHANGE_BY_VERBS",
    "CHANGE_TO_VERBS",
    "CLASSIFIERS",
    "CLAUSE_MARKS",
    "CLOSERS",
    "COMPLETION_WORDS",
    "DISTRIBUTED_CHANGE_VERBS",
    "DURATION_WORDS",
    "EVIDENCE_SENTENCE_ENDS",
    "FACT_WORDS",
    "FALL_VERBS",
    "FIRM_COUNTERS",
    "FOOTER_LABELS",
    "FOOTER_MARKS",
    "HOME_WORDS",
    "LINE_SENTENCE_ENDS",
    "LINKABLE_BOUND_WORDS",
    "LINKS",
    "LOWER_BOUND_AFTER_NUMBER",
    "MEASURE_UNITS",
    "NAV_WORDS",
    "PAGE_COUNTER_WORDS",
    "PAGE_LINK_LABELS",
    "PAGE_LIST_HEADINGS",
    "PLACE_COUNTERS",
    "PLACE_NAME_ENDS",
    "PLAN_WORDS",
    "POST_BOUND_WORDS",
    "PREFIX_UNITS",
    "PRE_BOUND_WORDS",
    "PUBLISH_LABELS",
    "RISE_VERBS",
    "SENTENCE_FINAL",
    "SENTENCE_MARKS",
    "TIME_UNITS",
    "TOOLBAR_WORDS",
    "UNIT_FORMS",
    "WEAK_PUBLISH_LABELS",
    "WON_WORDS",
    "alternation",
    "char_class",
    "escaped",
    "word_trie",
]


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, each escaped, longest first (so 增长 is tried
    before 增 and 个月 before 个). Equal lengths keep their given order."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def word_trie(words: Iterable[str], between: str = "") -> str:
    """A regex matching exactly the strings ``words`` (escaped), written as a trie: shared
    prefixes once (``发(?:布(?:时间|日期)|文机关)``), longer before shorter at each branch.
    ``between`` (a regex, e.g. ``"[ ,]*"``) is allowed between a word's characters: the
    words are then found as if those characters were removed from the text first.

    For searching many words: ``re`` tries an alternation's branches one by one at each
    position, a trie one character. It finds what ``alternation`` finds: at each
    position the branches differ in their first character, so the one path the text
    follows is tried, and its longest word wins (the optional tails are greedy).
    """
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def branch(node: dict, sep: str) -> str:
        alts = [
            sep + re.escape(ch) + branch(sub, between) for ch, sub in sorted(node.items()) if ch
        ]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return branch(trie, "")


def escaped(chars: str) -> str:
    """``chars`` escaped one by one, to stand inside a regex character class."""
    return "".join(re.escape(c) for c in chars)


def char_class(chars: str) -> str:
    """A regex character class of ``chars``, each escaped: ``"。！"`` -> ``"[。！]"``."""
    return "[" + escaped(chars) + "]"


# -- punctuation ---------------------------------------------------------------------------

#: Marks that end a sentence: full stop, exclamation and question marks (full- and
#: half-width). The core of every "sentence end" below.
SENTENCE_FINAL = "。！？!?"
#: Semicolons: in reports they separate list-like clauses that read as sentences.
SEMICOLONS = "；;"
#: Commas that close a clause (the enumeration comma 、 does not).
COMMAS = "，,"
#: Colons that close a clause (a lead-in: 主要措施：…).
COLONS = "：:"
#: The ellipsis, which ends a printed line's sentence in split (``lines``/``segments``).
ELLIPSIS = "…"
#: Closing quotes and brackets that may follow a sentence end (。” ends a sentence too).
CLOSERS = "”’」』）)》\"'"

#: split: a line ending in one of these (closers allowed after) ends a sentence.
LINE_SENTENCE_ENDS = SENTENCE_FINAL + ELLIPSIS
#: extract and indicators: the scope of "the same sentence" for targets and compounds.
SENTENCE_MARKS = SENTENCE_FINAL + SEMICOLONS
#: extract and indicators: the scope of "the same clause" (labels, changes, contexts).
CLAUSE_MARKS = COMMAS + SENTENCE_MARKS + COLONS
#: articles.text.sentence_span: where an evidence sentence ends (a paragraph break too).
EVIDENCE_SENTENCE_ENDS = SENTENCE_FINAL + SEMICOLONS + "\n"


# -- units ---------------------------------------------------------------------------------

#: A unit as written after a number -> the normalized unit (``types.Quantity.unit``).
#: Persons (名/位) count as 人; per-person forms are spelled one way (元/人/月).
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
    # air quality: μg/m³ (NFKC makes ³ a 3, µ a μ), ug/m3, 微克每立方米 -> one unit
    "微克/立方米": "微克/立方米",
    "微克每立方米": "微克/立方米",
    "μg/m3": "微克/立方米",
    "ug/m3": "微克/立方米",
    "毫克/立方米": "毫克/立方米",
    "mg/m3": "毫克/立方米",
    "千瓦时": "千瓦时",
    "千瓦": "千瓦",
    "兆瓦": "兆瓦",
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
#: The text's own measure words (classifiers: 支, 个, 项 ...), each its own normalized
#: unit; together with ``UNIT_FORMS`` they are every unit the extractor reads.
CLASSIFIERS = (
    "户 家 个 支 项 件 期 次 场 部 套 条 斤 吨 亩 米 天 份 所 座 处 张 本 册 篇 台 辆 棵 株 批"
    " 间 栋 幢 幅 块 种 类 组 届 轮 门 节 堂 课时 学时 倍 则 首 只 头 艘 架 对"
).split()
for _word in CLASSIFIERS:
    UNIT_FORMS.setdefault(_word, _word)
del _word

#: Units written *before* the number, with no unit after it (综合指数5.73): the written
#: word -> the normalized unit. Read by ``extract/rates.py``.
PREFIX_UNITS: dict[str, str] = {"指数": "指数"}

#: Measure units (normalized): their label is the phrase *before* the number
#: (满意率98.5%); for the other (classifier) units the counted noun usually follows
#: (928名失业人员).
MEASURE_UNITS = frozenset(
    "元 元/人/月 元/人/年 元/人 元/户 元/月 元/年 美元 % ‰ 百分点 平方米 平方公里 立方米 公顷 亩 公里 米 吨"
    " 斤 千克 公斤 天 小时 分钟 个月 人次 场次 户次 次 倍 岁 千瓦 兆瓦 千瓦时 微克/立方米 毫克/立方米"
    " 指数 课时 学时".split()
)


# -- numbers that are no measurement (read by extract/filters.py) ------------------------

#: Verbs of a duration: a time span after one is how long something lasted, not a
#: measured figure (为期3个月, 历时5天, 持续两周); a count of days with its own noun is one
#: (优良天数127天, 志愿服务时长3000小时).
DURATION_WORDS = ("为期", "历时", "用时", "耗时", "持续", "工期", "期限为", "期限")
#: Units of time spans (normalized).
TIME_UNITS = frozenset({"天", "个月", "小时", "分钟", "周", "年"})
#: Words that make an age a measured figure (人均预期寿命78.5岁, 平均年龄38岁); any other
#: age (60周岁, 18岁) describes people, it is not a measurement.
AGE_MEASURE_WORDS = ("寿命", "平均年龄", "年龄中位数", "平均年龄为")
#: Page-view counters of a web page (浏览次数：58次, 点击1200次, 阅读量1200次). 阅读 and 访问
#: only with 量/数/次数 (阅读量, 访问次数): alone they are activities (入户访问300户).
PAGE_COUNTER_WORDS = ("浏览", "点击", "阅读量", "阅读数", "阅读次数", "访问量", "访问次数")
#: Address parts: a number with one of these units right after a place word (东风村5组,
#: 幸福小区3栋, 2号楼3单元) is an address, not a count.
ADDRESS_UNITS = frozenset({"组", "栋", "幢", "单元", "层", "室", "号", "排", "队"})
ADDRESS_BEFORE = "村社区苑园院楼路街巷号"
#: Counters a place word may follow (三个村, 五座城市): with any other unit a Chinese numeral
#: before a place word opens a name (五户村, 五家渠市, 七台河市).
PLACE_COUNTERS = frozenset({"个", "座", "处", "条", "所", "片"})
#: Counters of firms (两家公司): with any other unit a Chinese numeral before a firm word
#: opens its name (三元光电公司).
FIRM_COUNTERS = frozenset({"家", "个", "所", "座", "处"})
#: Place words that end a division, village or street name.
PLACE_NAME_ENDS = ("市", "县", "区", "旗", "盟", "州", "镇", "乡", "村", "路", "街", "巷", "峡")


# -- bound words ---------------------------------------------------------------------------

#: Qualifiers written before a number and the bound they give, longest first where one
#: ends another (不超过 before 超过, 将近 before 近): 超过300人 is at least 300.
PRE_BOUND_WORDS: tuple[tuple[str, Bound], ...] = (
    ("不低于", Bound.LOWER),
    ("不少于", Bound.LOWER),
    ("不高于", Bound.UPPER),
    ("不超过", Bound.UPPER),
    ("将近", Bound.UPPER),
    ("接近", Bound.UPPER),
    ("不足", Bound.UPPER),
    ("不到", Bound.UPPER),
    ("少于", Bound.UPPER),
    ("近", Bound.UPPER),
    ("超过", Bound.LOWER),
    ("超出", Bound.LOWER),
    ("多达", Bound.LOWER),
    ("突破", Bound.LOWER),
    ("逾", Bound.LOWER),
    ("超", Bound.LOWER),
    ("大约", Bound.ABOUT),
    ("大概", Bound.ABOUT),
    ("约", Bound.ABOUT),
)
#: Verbs that may stand between a qualifier and its number (约有3000名, 约为1.2万人,
#: 将近达5000人).
LINKS = "有为达计"
#: The qualifiers that take a ``LINKS`` verb: 近有/近为 more often reads "recently there
#: were" than "nearly", and 超为/逾有 are not idiomatic.
LINKABLE_BOUND_WORDS = frozenset({"约", "大约", "大概", "将近", "接近"})
#: Qualifiers written after the unit and the bound they give (300人左右, 60岁以上).
POST_BOUND_WORDS: dict[str, Bound] = {
    "左右": Bound.ABOUT,
    "上下": Bound.ABOUT,
    "以上": Bound.LOWER,
    "以下": Bound.UPPER,
    "以内": Bound.UPPER,
}
#: Written between the number and its unit: 300余人, 50多个 are lower bounds.
LOWER_BOUND_AFTER_NUMBER = ("余", "多")


# -- change verbs --------------------------------------------------------------------------

#: Verbs of a value moving up, and down: read as "changed by N" after a comparison
#: (同比增长5%) and before a first amount (增加300人至3500人 is "by 300, to 3500").
RISE_VERBS = ("增长", "增加", "提高", "提升", "上升", "增", "升", "涨")
FALL_VERBS = ("下降", "减少", "降低", "下滑", "回落", "降")
#: Verbs that set a level without saying which way (调整至2000元, 扩大到50户).
ADJUST_VERBS = ("调整", "上调", "下调", "扩大", "缩小")

#: "Changed by": every rise or fall verb.
CHANGE_BY_VERBS = RISE_VERBS + FALL_VERBS
#: "Changed to B" (由A提高到B, A上调至B): the adjusting verbs and the rise and fall verbs,
#: except 下滑/回落, which the extractor has never read as a change to a new level.
CHANGE_TO_VERBS = ADJUST_VERBS + tuple(v for v in CHANGE_BY_VERBS if v not in ("下滑", "回落"))
#: After 分别 (同比分别下降15.2%、20%): the change verbs that make each shared-out value a
#: change, except the one-character 升/涨, which the extractor has never read there.
DISTRIBUTED_CHANGE_VERBS = tuple(v for v in CHANGE_BY_VERBS if v not in ("升", "涨"))


# -- plan and fact words -------------------------------------------------------------------

#: Words that make a clause a plan or target wherever they stand (力争达到5万人). The
#: context-bound ones (将, 计划, 拟, 准备, 目标是, modal 要, 到2025年) are composed with their
#: conditions in ``extract/targets.py``; so is 争取, which is a plan ("strive for") except
#: in 争取到/争取了 + an amount, money or projects already won (``WON_WORDS``).
PLAN_WORDS = ("力争", "争取", "预计", "预期", "有望", "下一步", "今后", "明年", "确保", "年底前")
#: 争取 + these: won, a reported fact (2024年争取到衔接资金2000万元). 争取到 + a time
#: (争取到2025年) is still a plan.
WON_WORDS = ("争取到", "争取了")
#: Words that make a clause a reported fact (已建成, 累计发放, 截至6月底); nearer the number
#: than a plan word, they win.
FACT_WORDS = ("已", "累计", "截至", "截止", *WON_WORDS)
#: Verbs of a completed action (完成, 建成投用): a fact, except after a plan word of the
#: same clause, where they are what is planned (计划完成, 争取年底前建成投用).
COMPLETION_WORDS = ("完成", "建成投用", "建成投产", "投入使用", "竣工")


# -- places that are not their division (read by the gazetteer) ------------------------

# Development and functional zones named after a place (临江高新区, 宁波经开区, 郑州航空港
# 新区): a zone is not the division it is named after. Only a zone that is itself a
# division (浦东新区, 滨海新区) is a place, and that one matches as a full name first.
ZONE_SUFFIXES = (
    "高新技术产业开发区",
    "高新技术开发区",
    "经济技术开发区",
    "经济开发区",
    "综合保税区",
    "自由贸易试验区",
    "产业集聚区",
    "工业园区",
    "高新区",
    "经开区",
    "开发区",
    "工业园",
    "产业园",
    "工业区",
    "保税区",
    "自贸区",
    "示范区",
    "试验区",
    "集聚区",
    "新区",
    "园区",
)

# Ends of the proper names of firms, institutions, streets and estates: a bare short name
# at the start of such a name (大田粮油加工厂, 北京万商天勤律师事务所, 台湾风情街, 上海城小区)
# names the firm or the estate, not the division.
PROPER_NAME_ENDS = (
    "有限公司",
    "公司",
    "集团",
    "加工厂",
    "厂",
    "事务所",
    "银行",
    "酒店",
    "宾馆",
    "饭店",
    "医院",
    "学校",
    "中学",
    "小学",
    "大学",
    "学院",
    "幼儿园",
    "商场",
    "超市",
    "合作社",
    "商会",
    "协会",
    "研究院",
    "研究所",
    "风情街",
    "步行街",
    "美食街",
    "小区",
    "花园",
    "家园",
    "公寓",
    "商城",
)

# Ends of the names of venues (天一广场, 奥体中心体育馆): a division named just before one
# (海曙区天一广场) is where an event took place, not what its figures are about.
VENUE_ENDS = (
    "广场",
    "公园",
    "体育馆",
    "体育场",
    "体育中心",
    "会展中心",
    "会议中心",
    "展览馆",
    "大剧院",
    "剧院",
    "礼堂",
    "文化中心",
    "文化馆",
    "博物馆",
    "图书馆",
    "纪念馆",
    "步行街",
    "景区",
)


# -- parts and totals (read by ``parts``) ------------------------------------------------

#: Words in the clause before a number, or inside its label, that make it the total of the
#: parts the text lists beside it (共有志愿服务队2103支，其中…; 实名注册志愿者总数51104人).
#: A bare 共 counts too, where it starts no other word (``parts._TOTAL_RE``).
TOTAL_WORDS = ("总数", "总量", "总计", "合计", "共计", "总共", "一共", "共有")

#: Words that list parts between two figures of one sentence (15支、80余支; 23支…和257支…,
#: 以及1728支).
PART_LINKS = ("、", "和", "及", "以及", "分别", "另有")
#: "Among them": after a total it lists its parts, after a plain figure a subset of it.
SUBSET_LINK = "其中"

#: Units whose values never add up to a total: rates, shares, standards per person and
#: concentrations (two pension standards or two growth rates are not parts of a sum).
NON_ADDITIVE_UNITS = frozenset(
    "% ‰ 百分点 元/人/月 元/人/年 元/人 元/户 元/月 元/年 微克/立方米 指数 倍 岁".split()
)


# -- furniture of pages saved from the web (read by ``split/furniture.py``) -------------
# Text copied from a county government or media-centre site carries the site around the
# article: navigation, a breadcrumb, a publish line, a reader toolbar, lists of other pages
# and a footer. None of it is a title, a body or a metric (issue 7, point 9). The words
# below are the labels such sites print (seen on county sites and in the acceptance case
# ``web-page-chrome``); ``split/furniture.py`` composes its line rules from them.

#: Labels that open a breadcrumb trail: ``当前位置：首页 > 新闻中心 > 县域要闻``.
BREADCRUMB_LABELS = (
    "当前位置",
    "您现在的位置",
    "您当前的位置",
    "您的位置",
    "您所在的位置",
    "现在的位置",
    "所在位置",
    "当前页面",
)
#: Marks between the steps of a breadcrumb (``首页 > 县域要闻``, ``首页 -> 新闻``).
BREADCRUMB_SEPARATORS = (">", "＞", "›", "»", "→", "->", ">>", "》")
#: The first step of a breadcrumb trail and of a navigation bar.
HOME_WORDS = ("首页", "网站首页", "主页", "返回首页")
#: Field labels of a publish line (``发布时间：2024-03-05  来源：…  浏览次数：58次``) and of
#: the metadata table of a government information page (``索引号：… 发文日期：…``). Any one
#: of them opening a line, followed by a colon, makes the line a publish line.
PUBLISH_LABELS = (
    "发布时间",
    "发布日期",
    "发布于",
    "发表时间",
    "发布机构",
    "发文日期",
    "发文机关",
    "成文日期",
    "上载日期",
    "更新时间",
    "更新日期",
    "归档时间",
    "来源",
    "信息来源",
    "文章来源",
    "稿件来源",
    "新闻来源",
    "浏览次数",
    "浏览量",
    "阅读次数",
    "阅读量",
    "访问次数",
    "访问量",
    "点击数",
    "点击量",
    "点击次数",
    "索引号",
    "主题分类",
    "公开方式",
    "公开时限",
    "字号",
    "字体",
    "字体大小",
    "版次",
    "名称",
)
#: Labels that make a publish line only together with another label of either list
#: (``时间：2024-03-05 来源：…``, ``作者：王五 编辑：李四``): alone they also open lines of
#: a notice's body (``时间：3月5日上午9时``).
WEAK_PUBLISH_LABELS = (
    "时间",
    "日期",
    "作者",
    "撰稿",
    "编辑",
    "责任编辑",
    "审核",
    "审校",
    "初审",
    "复审",
    "终审",
    "一审",
    "二审",
    "三审",
    "摄影",
    "供稿",
    "点击",
    "浏览",
    "分类",
    "文号",
)
#: Words of reader toolbars (buttons and labels). A line made mostly of them and of
#: ``NAV_WORDS`` (at least ``furniture.TOOLBAR_SHARE`` of its characters) is furniture:
#: ``手机终端下载 | 关怀版 | 无障碍``, ``【字体：大 中 小】【打印】【关闭】``.
TOOLBAR_WORDS = (
    "手机终端下载",
    "手机版",
    "移动版",
    "客户端下载",
    "电脑版",
    "关怀版",
    "适老版",
    "长者模式",
    "老年模式",
    "无障碍",
    "无障碍浏览",
    "读屏",
    "繁体",
    "简体",
    "繁體",
    "English",
    "放大",
    "缩小",
    "默认",
    "大中小",
    "字体",
    "字号",
    "打印",
    "打印本页",
    "打印此页",
    "打印文章",
    "收藏",
    "加入收藏",
    "设为首页",
    "分享到",
    "分享",
    "关闭",
    "关闭窗口",
    "关闭本页",
    "返回顶部",
    "返回",
    "登录",
    "注册",
    "搜索",
    "扫一扫",
    "微信",
    "微博",
    "网站地图",
    "将本站设为首页",
    "账号",
    "密码",
    "用户名",
    "验证码",
    "详细信息",
    "公开具体内容",
    "Untitled Document",
    "无标题文档",
    "logo",
    "点击收听",
    "我来说两句",
)
#: Section names of a site's navigation bar (``首页 政务公开 政务服务 互动交流``). They count
#: with ``TOOLBAR_WORDS`` towards a toolbar line, but a line of one of them alone is an
#: intertitle a report may print (``政务公开``), not furniture.
NAV_WORDS = (
    "首页",
    "网站首页",
    "政务公开",
    "政务服务",
    "政府信息公开",
    "互动交流",
    "公众参与",
    "新闻中心",
    "新闻动态",
    "专题专栏",
    "网上办事",
    "办事服务",
    "领导之窗",
    "机构设置",
    "县情概况",
    "市情概况",
)
#: Headings of lists of other pages printed after (or beside) an article; the heading and
#: the link lines under it are furniture. ``上一篇：…`` and ``下一篇：…`` are a list of one.
PAGE_LIST_HEADINGS = (
    "相关链接",
    "相关阅读",
    "相关新闻",
    "相关文章",
    "相关信息",
    "相关稿件",
    "热点新闻",
    "热点推荐",
    "热门文章",
    "热门新闻",
    "推荐阅读",
    "延伸阅读",
    "最新文章",
    "最新动态",
    "猜你喜欢",
    "精彩推荐",
    "新闻推荐",
)
#: One-line links to the page before and after (``上一篇：旺苍县召开…``).
PAGE_LINK_LABELS = ("上一篇", "下一篇", "上一条", "下一条", "上一页", "下一页")
#: Labels of a site footer (``版权所有：旺苍县人民政府``, ``网站标识码：5108210001``,
#: ``蜀ICP备12345678号``). A line that opens with one (or holds one of the unmistakable
#: ``FOOTER_MARKS`` anywhere) and ends no sentence is furniture.
FOOTER_LABELS = (
    "版权所有",
    "主办单位",
    "承办单位",
    "协办单位",
    "主办",
    "承办",
    "技术支持",
    "运营维护",
    "网站标识码",
    "备案号",
    "ICP备案号",
    "联系我们",
    "网站地图",
    "建议使用",
    "最佳分辨率",
    "本网站",
)
#: Footer marks that are furniture wherever they stand in a line without a sentence end.
FOOTER_MARKS = ("ICP备", "ICP证", "公网安备", "网站标识码", "Copyright", "©", "版权所有")
