"""The words of a quantity: units (written -> normalized), numbers that are no
measurement (durations, ages, page counters, addresses), bound words (超过, 左右), change
verbs, plan and fact words, and the words of parts and totals. Read by ``extract``,
``indicators`` and ``parts``."""

from __future__ import annotations

from ..types import Bound

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
    # 平米 is the spoken short form (16000多平米), found in a real county report
    "平米": "平方米",
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
    # road density (公路网密度为180.9公里/百平方公里): not a length of road
    "公里/百平方公里": "公里/百平方公里",
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
    # a change of a rate in ‰ (人口自然增长率…比上年下降3.18个千分点): not 3.18 个
    "个千分点": "千分点",
    "千分点": "千分点",
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
    "元 元/人/月 元/人/年 元/人 元/户 元/月 元/年 美元 % ‰ 百分点 千分点 平方米 平方公里 立方米 公顷 亩 公里 米 吨"
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
#: Bare division and settlement words a count may be of (覆盖3个社区, 5个村, 12个乡镇,
#: 村（社区）): such a count says how many places something reached, not how many of the
#: things an indicator counts (改造3个社区 is no count of renovation projects). Read by
#: the indicator mapper; a new-user pass found 老旧小区改造3个社区 filed as 3 projects.
COVERED_PLACE_WORDS = (
    "行政村",
    "自然村",
    "村",
    "社区",
    "居委会",
    "村委会",
    "乡镇",
    "乡",
    "镇",
    "街道",
    "县区",
    "县市区",
    "区县",
    "县",
    "区",
    "市",
    "省",
    "地市",
)

#: Fixed words that hold a Chinese numeral and a measure word but count nothing: a numeral
#: + unit followed by one of these tails names a kind or a phase (二次供水 is secondary
#: water supply, 三期工程 the third phase, 二本以上 the second admission tier of the
#: college entrance exam), not 2 次, 3 期, 2 本. Only Chinese numerals: 举办培训班3期 is a
#: count. Found in real county reports (二次供水泵站15座, 背街小巷三期, 高考二本以上).
NUMERAL_TERM_TAILS: dict[str, tuple[str, ...]] = {
    "次": ("供水", "加压", "污染", "创业", "分配", "报销", "元", "开发", "利用", "装修", "消杀"),
    "期": tuple(
        "工程 项目 建设 改造 提质 提升 扩建 续建 主体 地块 厂房 用地 安置 开发 规划 实施".split()
    ),
    "本": ("以上", "上线", "线", "院校", "批次", "录取", "率"),
    "条": ("底线", "红线"),  # 守住发展和生态两条底线: a slogan
}
#: Words right before a numeral + 本 that make it an admission tier (高考二本, 录取一本).
NUMERAL_TIER_BEFORE = ("高考", "录取", "上线", "达到", "过")


# -- bound words ---------------------------------------------------------------------------

#: Qualifiers written before a number and the bound they give, longest first where one
#: ends another (不超过 before 超过, 将近 before 近): 超过300人 is at least 300.
PRE_BOUND_WORDS: tuple[tuple[str, Bound], ...] = (
    ("不低于", Bound.LOWER),
    ("不少于", Bound.LOWER),
    ("不高于", Bound.UPPER),
    ("不超过", Bound.UPPER),
    ("低于", Bound.UPPER),  # 失业率低于3.5%: after 不低于, which it ends
    ("高于", Bound.LOWER),
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
    "% ‰ 百分点 千分点 公里/百平方公里 元/人/月 元/人/年 元/人 元/户 元/月 元/年 微克/立方米 指数 倍 岁".split()
)
