"""Web-page furniture, vertical and first-line headlines, and what an item needs (issue 7
point 9, issue 12 point 3). Each kind is tried with several sentences of its own, and
with look-alikes that must stay text."""

import datetime

import pytest

from articles.ingest import vocabulary as vocab
from articles.ingest.pipeline import parse_page
from articles.ingest.split import MIN_BODY_HANZI, split_page
from articles.ingest.split.furniture import WebFurniture, furniture_kind, is_web_furniture
from articles.ingest.split.lines import join_vertical_headlines
from articles.services import IngestError, ingest_page

TITLE = "旺苍县新开发城乡公益性岗位"
BODY = "今年以来，旺苍县新开发城乡公益性岗位320个，优先安置就业困难人员。"
PAGE = "{before}\n" + TITLE + "\n{between}\n\n" + BODY + "\n\n{after}\n"

BREADCRUMBS = [
    "当前位置：首页 > 新闻中心 > 县域要闻",
    "您现在的位置：首页 » 政务公开 » 部门动态",
    "您当前的位置:网站首页 -> 新闻动态 -> 乡镇动态",
    "首页 > 县域要闻",
    "首页＞新闻中心＞图片新闻",
]
PUBLISH_LINES = [
    "发布时间：2024-03-05  来源：旺苍县人民政府  浏览次数：58次",
    "发布日期:2024-04-02访问次数: 信息来源:县人民政府办公室",
    "日期：2024-01-15   来源：  县卫生健康局",
    "作者：王五  编辑：李四",
    "来源：旺苍县融媒体中心",
    "2024-03-05 10:23",
    "发 布 机 构 县人民政府办公室 发 文 日 期 2024-03-01",
    "【发布时间：2024年03月05日】【点击数：1024】",
    "2024-03-05 14:59:22 来源:广元日报 作者:",
    "作者:admin    发布于:2024-03-05 13:53",
    "http://www.wangcang.gov.cn/   2024-03-05 10:06   未知    【字号:",
    "2024-03-05 11:42:35 來源:廣元網  責任編輯:林某某",  # Traditional characters
    "(一审:王五 二审:李四 三审:赵六)",
]
TOOLBARS = [
    "手机终端下载 | 关怀版 | 无障碍",
    "长者模式  放大  缩小",
    "打印 收藏 关闭",
    "【字体：大 中 小】【打印】【关闭】",
    "字号：大 中 小",
    "分享到：",
    "首页 政务公开 政务服务 互动交流 走进旺苍",
    "首     页 政 务 公 开 网 上 办 事 互 动 交 流",
    "直通旺苍|四川|时评|大学城|乡村|娱乐|体育|国内|国际",
    "点击收听",
]
FOOTERS = [
    "【打印本页】【关闭窗口】",
    "版权所有：旺苍县人民政府  主办单位：旺苍县人民政府办公室",
    "网站标识码：5108210001  蜀ICP备12345678号  川公网安备 51082102000123号",
    "技术支持：某某信息技术有限公司",
    "Copyright © 2024 旺苍县人民政府 All Rights Reserved",
    "【返回列表】【收藏本页】",
]
PAGE_LINKS = ["上一篇：旺苍县召开春耕生产工作会议", "下一篇：没有了"]


@pytest.mark.parametrize("line", BREADCRUMBS + PUBLISH_LINES + TOOLBARS + FOOTERS + PAGE_LINKS)
def test_each_furniture_line_is_recognised(line):
    assert is_web_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        TITLE,
        "无障碍设施建设提速",  # a toolbar word in a headline
        "关怀老人出行 打造无障碍城市",
        "资金来源：县财政专项资金",  # 来源 inside a word
        "资金来源：县财政  实施时间：2024年3月",  # two fields, both labels inside words
        "主办单位：县文化馆。本次活动吸引群众2000余人参加。",  # a footer label opening a sentence
        "时间：3月5日上午9时",  # a notice's field, alone
        "县融媒体中心提供技术支持。",  # a sentence
        "主办单位为县文化旅游局，承办单位为各乡镇。",
        "首页面向群众开放",  # 首页 with no breadcrumb separator
        "政务公开",  # one navigation word alone: an intertitle
        "互动交流",
        "收入|支出|结余|合计",  # a short table row, fewer than LINK_BAR_MIN cells
        "2024-03-05 10:06 县政府召开常务会议",  # a time of day without a field
        "【绵阳启动春季植树】",  # one bracketed lead-in is no toolbar
        "发布时间：" + "旺苍县新开发城乡公益性岗位" * 20,  # longer than any furniture line
    ],
)
def test_text_that_only_looks_like_furniture_is_kept(line):
    assert not is_web_furniture(line)


def test_a_toolbar_is_told_by_its_share_of_toolbar_words_to_the_character():
    """9 characters of toolbar words: with 3 other hanzi (75%) a toolbar, with 4 (69%)
    not (``TOOLBAR_SHARE`` 70%); the quick test on hanzi outside every toolbar word must
    give the word search's answer at the boundary, Latin letters (any case) left to it."""
    assert furniture_kind("首页 | 政务公开 | 关怀版 | 犇骉羴") == WebFurniture.TOOLBAR
    assert furniture_kind("首页 | 政务公开 | 关怀版 | 犇骉羴鱻") is None
    assert furniture_kind("首页 | 政务公开 | 关怀版 | 犇骉羴 APP") is None


@pytest.mark.parametrize("crumb", BREADCRUMBS)
@pytest.mark.parametrize("publish", PUBLISH_LINES)
def test_breadcrumb_and_publish_line_are_neither_title_nor_body(crumb, publish):
    (item,) = split_page(PAGE.format(before=crumb, between=publish, after=""))
    assert (item.title, item.body) == (TITLE, BODY)


@pytest.mark.parametrize("toolbar", TOOLBARS)
@pytest.mark.parametrize("footer", FOOTERS + PAGE_LINKS)
def test_toolbars_footers_and_page_links_are_dropped(toolbar, footer):
    page = PAGE.format(before=toolbar, between=toolbar, after=footer + "\n" + footer)
    (item,) = split_page(page)
    assert (item.title, item.body) == (TITLE, BODY)


def test_a_list_of_related_pages_after_the_article_is_dropped():
    page = PAGE.format(
        before="",
        between="发布时间：2024-03-05",
        after="相关阅读\n旺苍县召开春耕生产工作会议 2024-03-01\n"
        "旺苍县开展植树活动\n\n热点新闻 更多>>\n· 县政府召开常务会议\n"
        "【打印本页】【关闭窗口】",
    )
    (item,) = split_page(page)
    assert (item.title, item.body) == (TITLE, BODY)


def test_a_list_of_pages_before_the_article_leaves_the_headline():
    page = (
        "热点新闻\n旺苍县召开春耕生产工作会议\n旺苍县开展植树活动\n"
        + TITLE
        + "\n发布时间：2024-03-05  来源：旺苍县人民政府\n\n"
        + BODY
    )
    (item,) = split_page(page)
    assert (item.title, item.body) == (TITLE, BODY)


def test_a_sidebar_under_a_related_link_heading_keeps_its_headline():
    page = "相关链接\n什么是公益性岗位\n公益性岗位是由政府出资开发、以安置就业困难人员为主的岗位。"
    (item,) = split_page(page)
    assert item.title == "什么是公益性岗位"
    assert item.body.startswith("公益性岗位是由政府出资开发")


def test_furniture_numbers_never_become_metrics():
    page = PAGE.format(
        before=BREADCRUMBS[0] + "\n" + TOOLBARS[0],
        between=PUBLISH_LINES[0],
        after="\n".join(FOOTERS),
    )
    (item,) = parse_page(page).articles
    assert [(q.value, q.unit) for q in item.quantities] == [(320, "个")]


# -- headlines -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title, body",
    [
        ("乌海市推动志愿服务", "近年来，乌海市实名注册志愿者达到8.2万人。"),
        ("春耕忙", "连日来，旺苍县各乡镇抢抓农时，全县已完成春播面积12万亩。"),
        (
            "青海格尔木市完善社会保障兜牢民生底线",
            "去年以来，格尔木市城乡低保标准提高到每人每月800元。",
        ),
    ],
)
@pytest.mark.parametrize("gap", ["\n\n", "\n"], ids=["blank", "no-blank"])
def test_a_vertical_headline_becomes_one_title(title, body, gap):
    if len(title) < 4:  # three characters are too few to be told from a list
        title = title + "季"
    page = "\n".join(title) + gap + body
    (item,) = split_page(page)
    assert (item.title, item.body) == (title, body)


def test_a_vertical_headline_is_the_whole_title_and_a_short_line_under_it_is_body():
    page = (
        "\n".join("乌海市推动志愿服务")
        + "\n志愿者队伍不断壮大\n近年来，乌海市实名注册志愿者达到8.2万人。"
    )
    (item,) = split_page(page)
    assert item.title == "乌海市推动志愿服务"
    assert item.body.startswith("志愿者队伍不断壮大")


def test_a_vertical_headline_after_another_article_starts_a_new_item():
    first = "本报讯（记者 王五）3月5日，旺苍县召开春耕生产工作会议，部署全年粮食生产任务。"
    page = (
        first
        + "\n\n"
        + "\n".join("乌海市推动志愿服务")
        + "\n\n近年来，乌海市实名注册志愿者达到8.2万人。"
    )
    items = split_page(page)
    assert [i.title for i in items] == ["", "乌海市推动志愿服务"]
    assert items[1].body == "近年来，乌海市实名注册志愿者达到8.2万人。"


@pytest.mark.parametrize(
    "lines",
    [
        ["一", "二", "三"],  # three in a row: a list, not a headline
        ["王", "五"],
        ["图", "表"],
    ],
)
def test_short_runs_of_one_character_lines_are_not_joined(lines):
    joined = join_vertical_headlines(lines + ["正文。"])
    assert [text for _, text, _ in joined] == lines + ["正文。"]
    assert not any(vertical for _, _, vertical in joined)


def test_a_vertical_byline_is_read_as_a_byline_not_glued_to_the_body():
    page = "\n".join("本报记者王五") + "\n\n近年来，乌海市实名注册志愿者达到8.2万人。"
    (item,) = split_page(page)
    assert item.byline == "王五"
    assert item.body == "近年来，乌海市实名注册志愿者达到8.2万人。"


@pytest.mark.parametrize(
    "title",
    ["旺苍县新开发城乡公益性岗位", "四川旺苍：新开发公益性岗位320个", "我县推进老旧小区改造"],
)
def test_a_headline_printed_as_the_first_line_of_the_body_is_the_title(title):
    (item,) = split_page(title + "\n" + BODY + "\n据了解，岗位主要为保洁、护林和公共管理。")
    assert item.title.endswith(title.split("：")[-1])
    assert item.body.startswith("今年以来")


def test_a_page_starting_inside_a_wrapped_paragraph_has_no_title():
    # a 17-em column: the first line fills it, so it continues a paragraph, no headline
    page = (
        "新时代文明实践站点建设的重要内容和\n"
        "有效抓手，全县已建成实践站点120个，\n"
        "覆盖所有乡镇和村社区，志愿者队伍不\n"
        "断壮大。\n"
    )
    (item,) = split_page(page)
    assert item.title == ""
    assert item.body.startswith("新时代文明实践站点建设的重要内容和有效抓手")


def test_a_lead_in_line_is_no_first_line_headline():
    (item,) = split_page("主要做法：\n" + BODY)
    assert item.title == ""
    assert item.body.startswith("主要做法：")


# -- what an item needs ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "。。。！！！——1234567890……",
        "lorem ipsum dolor sit amet, consectetur adipiscing elit.\n" * 20,
        "x" * 5000,
        "\n".join(BREADCRUMBS + TOOLBARS + FOOTERS),
        "123\n456\n789",
        "大会\n。",
    ],
    ids=["punctuation", "ascii-filler", "one-letter", "furniture-only", "digits", "two-hanzi"],
)
def test_text_with_no_recognisable_article_yields_no_item(text):
    assert split_page(text) == []


@pytest.mark.django_db
def test_the_service_refuses_junk_and_stores_nothing():
    from articles.models import Article

    with pytest.raises(IngestError, match="no recognizable article|no articles"):
        ingest_page(text="。。。！！！——1234567890……")
    assert not Article.objects.exists()


def test_the_shortest_item_has_min_body_hanzi_characters():
    shortest = "新增就业" + "三万人。"[: max(0, MIN_BODY_HANZI - 4)]
    assert [i.body for i in split_page(shortest)] == [shortest]
    assert split_page(shortest[: MIN_BODY_HANZI - 1]) == []


# -- kinds met on real county sites (texts of our own in their shape) -------------------

NOTICE_TITLE = (
    "旺苍县人民政府办公室关于印发《旺苍县城乡公益性岗位开发管理实施方案(2024—2026年)》的通知"
)
NOTICE_BODY = [
    "各乡镇人民政府,县级各部门:",
    "《旺苍县城乡公益性岗位开发管理实施方案(2024—2026年)》已经县政府同意,现印发给你们,请认真贯彻执行。",
]


def test_a_long_notice_title_above_a_publish_line_is_the_title():
    page = "\n".join(
        [NOTICE_TITLE, "", "发布日期:2024-04-02访问次数: 信息来源:县人民政府办公室", "", ""]
        + NOTICE_BODY
    )
    (item,) = split_page(page)
    assert item.title == NOTICE_TITLE
    assert item.body.split("\n") == NOTICE_BODY


def test_a_title_under_a_publish_line_is_the_title_and_the_document_number_is_dropped():
    page = "\n".join(
        ["发布日期：2024年04月02日 信息来源：", NOTICE_TITLE, "", "   旺府办发〔2024〕12号", ""]
        + NOTICE_BODY
    )
    (item,) = split_page(page)
    assert item.title == NOTICE_TITLE
    assert item.body.split("\n") == NOTICE_BODY


def test_a_long_title_under_a_publish_line_is_the_title():
    page = "\n".join(
        ["发布日期：2024年04月02日 信息来源：县人民政府办公室", NOTICE_TITLE, ""] + NOTICE_BODY
    )
    (item,) = split_page(page)
    assert item.title == NOTICE_TITLE
    assert item.body.split("\n") == NOTICE_BODY


def test_a_letter_spaced_metadata_table_is_dropped_and_the_title_kept():
    page = "\n".join(
        [
            "索   引   号 20240402-000123 分        类 其他; 县人民政府办公室",
            "发 布 机 构 县人民政府办公室 发 文 日 期 2024-04-02",
            "名        称 " + NOTICE_TITLE,
            "文        号 旺府办发〔2024〕12号   上 载 日 期 2024-04-02",
            NOTICE_TITLE,
            "信息来源: 县人民政府办公室",
            "",
        ]
        + NOTICE_BODY
    )
    (item,) = split_page(page)
    assert item.title == NOTICE_TITLE
    assert item.body.split("\n") == NOTICE_BODY


@pytest.mark.parametrize("archived", ["", "归档时间:2024-06-15\n"], ids=["plain", "archived"])
def test_a_title_printed_again_over_the_text_is_not_body(archived):
    # with a publish line (归档时间) the title is a one-line block and the repeat is cut
    # from the body; without, the repeat is read into the title block and dropped there
    page = archived + (
        "当前位置: 首页 > 公开领域 > 财政预决算\n\n旺苍县住房和城乡建设局2023年度整体支出 绩效评价报告\n\n"
        "详细信息\n\n公开具体内容\n\n旺苍县住房和城乡建设局2023年度整体支出\n\n绩效评价报告\n\n"
        "为检验预算编制的科学性、合理性，我局对2023年度预算绩效进行了自我评价，全局在职人员246人。"
    )
    (item,) = split_page(page)
    assert item.title == "旺苍县住房和城乡建设局2023年度整体支出 绩效评价报告"
    assert item.body.startswith("为检验预算编制")


def test_a_breadcrumb_ending_in_an_exclamation_is_still_a_breadcrumb():
    page = "您当前的位置:首页 -> 县域要闻 -> 奋战一季度 实现开门红！\n\n" + TITLE + "\n\n" + BODY
    (item,) = split_page(page)
    assert (item.title, item.body) == (TITLE, BODY)


def test_page_top_boilerplate_and_a_login_form_are_dropped():
    page = (
        "Untitled Document\nlogo\n将本站设为首页\n账号:\n密码:\n"
        "日期:[2024年03月05日] -- 广元日报 -- 版次:[A2]\n\n" + TITLE + "\n\n" + BODY
    )
    (item,) = split_page(page)
    assert (item.title, item.body) == (TITLE, BODY)


def test_contact_lines_of_a_notice_stay_in_its_body():
    page = TITLE + "\n来源：县人力资源和社会保障局\n\n" + BODY + "\n联系电话：0839-7201234\n"
    (item,) = split_page(page)
    assert item.body.split("\n") == [BODY, "联系电话：0839-7201234"]


# -- the vocabulary's furniture lists, word by word ---------------------------------------


FURNITURE_LINES = (
    [f"{label}：首页 > 县域要闻" for label in vocab.BREADCRUMB_LABELS]
    + [f"{home} {sep} 县域要闻" for home in vocab.HOME_WORDS for sep in vocab.BREADCRUMB_SEPARATORS]
    + [f"{label}：2024-03-05" for label in vocab.PUBLISH_LABELS]
    + [
        f"{label}：王五  {other}：李四"
        for label, other in zip(
            vocab.WEAK_PUBLISH_LABELS,
            vocab.WEAK_PUBLISH_LABELS[1:] + vocab.WEAK_PUBLISH_LABELS[:1],
            strict=True,
        )
    ]
    + list(vocab.TOOLBAR_WORDS)
    + [f"{word} | 网站地图" for word in vocab.NAV_WORDS]
    + list(vocab.PAGE_LIST_HEADINGS)
    + [f"{label}：旺苍县召开春耕生产工作会议" for label in vocab.PAGE_LINK_LABELS]
    + [f"{label}：旺苍县人民政府" for label in vocab.FOOTER_LABELS]
    + [f"旺苍县人民政府 {mark} 2024" for mark in vocab.FOOTER_MARKS]
)


def test_the_furniture_lists_are_named_and_free_of_repeats():
    lists = [
        vocab.BREADCRUMB_LABELS, vocab.HOME_WORDS, vocab.PUBLISH_LABELS,
        vocab.WEAK_PUBLISH_LABELS, vocab.TOOLBAR_WORDS + vocab.NAV_WORDS, vocab.PAGE_LIST_HEADINGS,
        vocab.PAGE_LINK_LABELS, vocab.FOOTER_LABELS, vocab.FOOTER_MARKS,
    ]  # fmt: skip
    for words in lists:
        assert words and len(set(words)) == len(words)
    assert not set(vocab.PUBLISH_LABELS) & set(vocab.WEAK_PUBLISH_LABELS)


@pytest.mark.parametrize("line", FURNITURE_LINES)
def test_every_furniture_word_of_the_vocabulary_is_read_as_furniture(line):
    assert is_web_furniture(line)


@pytest.mark.parametrize(
    "line, kind",
    [
        ("當前位置:縣域要聞", WebFurniture.BREADCRUMB),  # Traditional: read as Simplified
        ("當前位置：縣域要聞", WebFurniture.BREADCRUMB),
        ("2024-03-05", WebFurniture.PUBLISH),  # a bare date: no colon, no label
        ("2024年3月5日", WebFurniture.PUBLISH),
        ("[2024-03-05]", WebFurniture.PUBLISH),
        ("旺府办发〔2024〕12号", WebFurniture.PUBLISH),
        ("【我要纠错】【评论】", WebFurniture.FOOTER),  # buttons of no listed word
        ("新闻 | 视频 | 图片 | 专题 | 民生", WebFurniture.TOOLBAR),  # a link bar
    ],
)
def test_furniture_holding_a_single_mark_the_quick_test_looks_for(line, kind):
    """Each line holds just one of the marks ``furniture_kind``'s quick test lets through
    (a colon after a Traditional label, a digit or a bracket opening the line, 号 closing
    it, a ``|``) and none of its words: dropping the mark from the test loses the line."""
    assert furniture_kind(line) == kind


@pytest.mark.parametrize("label", vocab.WEAK_PUBLISH_LABELS)
def test_a_weak_publish_label_alone_opens_a_line_of_text(label):
    assert not is_web_furniture(f"{label}：3月5日上午9时在县会议中心")


# -- the publish line's date ------------------------------------------------------------


def test_the_publish_line_date_is_the_date_of_an_item_without_its_own():
    page = PAGE.format(before="", between="发布时间：2024-03-05  来源：旺苍县人民政府", after="")
    (item,) = split_page(page)
    assert item.event_date == datetime.date(2024, 3, 5)


def test_the_publish_line_gives_the_year_of_a_dateline_date():
    page = "\n".join([TITLE, "发布日期：2024年03月05日 信息来源：县人社局", "", "3月4日，" + BODY])
    (item,) = split_page(page)
    assert item.event_date == datetime.date(2024, 3, 4)


def test_a_publish_line_without_a_valid_date_gives_none():
    page = PAGE.format(before="", between="发布时间：2024-13-45  浏览次数：58次", after="")
    (item,) = split_page(page)
    assert item.event_date is None


def test_the_site_name_above_a_web_headline_is_not_part_of_the_title():
    page = (
        "旺苍新闻网\n\n您所在的位置: 旺苍新闻网 > 新闻 > 县域 >\n\n"
        + TITLE
        + "\n\n2024-03-05 10:06   来源:旺苍县融媒体中心    【字号:\n\n点击收听\n\n"
        + BODY
    )
    (item,) = split_page(page)
    assert (item.title, item.body) == (TITLE, BODY)


def test_prose_above_a_web_headline_is_kept():
    first = "本报讯 3月4日，旺苍县召开春耕生产工作会议，部署全年粮食生产任务。"
    page = first + "\n\n" + TITLE + "\n发布时间：2024-03-05\n\n" + BODY
    items = split_page(page)
    assert [i.body for i in items] == [
        "3月4日，旺苍县召开春耕生产工作会议，部署全年粮食生产任务。",
        BODY,
    ]
    assert items[1].title == TITLE
