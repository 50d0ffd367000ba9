"""Splitting page text into items: the real seed page and one small page per layout kind."""

import datetime
import json
import re
from pathlib import Path

import pytest

from articles.ingest.split import parse_byline, split_page

DATA = Path(__file__).resolve().parent / "data"
SEED = (DATA / "seed_page.txt").read_text(encoding="utf-8")
GOLD = json.loads((DATA / "seed_gold.json").read_text(encoding="utf-8"))["items"]
PUBLISHED = datetime.date(2024, 1, 16)


def squeeze(text):
    return re.sub(r"\s", "", text or "")


@pytest.fixture(scope="module")
def seed_items():
    return split_page(SEED, published=PUBLISHED)


def gold_match(items, gold):
    found = [
        item
        for item in items
        if squeeze(item.body).startswith(squeeze(gold["body_starts_with"]))
        and squeeze(item.body).endswith(squeeze(gold["body_ends_with"]))
    ]
    assert len(found) == 1, f"{gold['key']}: {len(found)} items match its body"
    return found[0]


def test_seed_page_splits_into_exactly_the_eight_gold_items(seed_items):
    assert len(seed_items) == len(GOLD) == 8
    matched = {id(gold_match(seed_items, gold)) for gold in GOLD}
    assert len(matched) == 8
    assert [item.position for item in seed_items] == list(range(8))


@pytest.mark.parametrize("gold", GOLD, ids=[g["key"] for g in GOLD])
def test_seed_item_has_the_gold_headline_byline_and_kind(seed_items, gold):
    item = gold_match(seed_items, gold)
    assert item.kind == gold["kind"]
    assert item.title == (gold["title"] or "")
    assert item.title_prefix == (gold.get("title_prefix") or "")
    assert item.subtitle == (gold.get("subtitle") or "")
    assert item.byline == gold["byline"]


@pytest.mark.parametrize("gold", GOLD, ids=[g["key"] for g in GOLD])
def test_seed_item_event_date_is_the_gold_one(seed_items, gold):
    item = gold_match(seed_items, gold)
    expected = gold.get("event_date")
    assert (item.event_date.strftime("%m-%d") if item.event_date else None) == expected
    if item.event_date:
        assert item.event_date.year == 2024


def test_seed_bodies_join_wrapped_lines_and_keep_paragraphs(seed_items):
    wuhai = gold_match(seed_items, GOLD[2])
    paragraphs = wuhai.body.split("\n")
    assert paragraphs[0] == (
        "乌海，是一座充满爱的城市。在交通路口，有志愿者协助疏导交通，向行动不便的行人伸"
        "出援手；在敬老院，有志愿者上门看望慰问，给老人带去温暖；在乡镇社区，有志愿者扶"
        "弱帮困助残，让困境之中的人们看到希望……"
    )
    assert "弘扬主旋律志愿服务有“温度”" in paragraphs  # the intertitle is its own paragraph
    assert all(p and "\n" not in p for p in paragraphs)


def test_seed_body_keeps_the_texts_own_characters(seed_items):
    golmud = gold_match(seed_items, GOLD[0])
    assert "30％、60％" in golmud.body  # full-width percent signs as printed
    assert "11.45 万人" in golmud.body  # spacing as printed


def test_a_blank_line_inside_a_sentence_does_not_break_the_paragraph(seed_items):
    wangcang = gold_match(seed_items, GOLD[1])
    assert "“童心向党”“向国旗敬礼”等系列教育实践活动100余场次。" in wangcang.body


def test_without_a_publication_date_event_dates_stay_unknown():
    items = split_page(SEED)
    assert all(item.event_date is None for item in items)


def test_dateline_in_december_of_a_january_issue_is_last_year():
    page = "本报讯（记者 王某）12月30日，某县召开总结会。"
    (item,) = split_page(page, published=datetime.date(2024, 1, 3))
    assert item.event_date == datetime.date(2023, 12, 30)


def test_colon_headline_broken_over_two_lines():
    page = (
        "广西防城港市防城区：\n扎实推进清廉机关建设\n\n"
        "本报讯（苑长军 马祎颖）防城区纪委监委牢牢把握政治机关属性，\n"
        "始终坚持在清廉建设上先行一步、争做示范、走在前列。\n"
    )
    (item,) = split_page(page)
    assert item.title_prefix == "广西防城港市防城区"
    assert item.title == "扎实推进清廉机关建设"
    assert item.byline == "苑长军 马祎颖"
    assert item.kind == "news"
    assert item.body == (
        "防城区纪委监委牢牢把握政治机关属性，始终坚持在清廉建设上先行一步、争做示范、走在前列。"
    )


def test_three_line_headline_joins_into_one_title():
    page = (
        "四川南充市：\n开展环保宣传\n传播文明理念\n\n"
        "本报讯（何显飞 文杨旭）1月11日，由\n四川省南充市生态环境局主办的环保宣\n传活动在嘉陵区开展。\n"
    )
    (item,) = split_page(page, published=PUBLISHED)
    assert (item.title_prefix, item.title) == ("四川南充市", "开展环保宣传传播文明理念")
    assert item.body == "1月11日，由四川省南充市生态环境局主办的环保宣传活动在嘉陵区开展。"
    assert item.event_date == datetime.date(2024, 1, 11)


def test_half_width_dateline_drops_reporter_labels():
    page = "本报讯(记者 王某 通讯员 李某) 11月5日,某县在城关镇举行消防演练,300余名干部群众参加。"
    (item,) = split_page(page, published=datetime.date(2023, 11, 7))
    assert item.byline == "王某 李某"
    assert item.body.startswith("11月5日,某县")
    assert item.event_date == datetime.date(2023, 11, 5)


def test_feature_with_subtitle_and_circle_byline():
    page = (
        "托起百姓稳稳的幸福\n——青海格尔木市完善社会保障兜牢民生“底线”\n\n◎ 汤红红\n\n"
        "在刚刚过去的2023年，青海省海西蒙古族\n藏族自治州格尔木市深入践行以人民为中心的\n发展思想。\n"
    )
    (item,) = split_page(page)
    assert item.kind == "feature"
    assert item.title == "托起百姓稳稳的幸福"
    assert item.subtitle == "青海格尔木市完善社会保障兜牢民生“底线”"
    assert item.byline == "汤红红"
    assert item.body.startswith("在刚刚过去的2023年，青海省海西蒙古族藏族自治州")


def test_place_line_over_a_title_becomes_the_title_prefix():
    page = "内蒙古乌海市\n推动志愿服务走深走实\n\n◎ 乌文\n\n乌海，是一座充满爱的城市。\n"
    (item,) = split_page(page)
    assert (item.title_prefix, item.title, item.byline) == (
        "内蒙古乌海市",
        "推动志愿服务走深走实",
        "乌文",
    )


def test_photo_caption_is_a_photo_item_credited_to_the_photographer():
    page = (
        "近年来，江西省吉安市永丰县对恩江流域湿地进行生态综合治理，连片建设湿地公园。图\n"
        "为1月14日，航拍永丰县恩江麻洲生态岛。 刘浩军摄\n"
    )
    (item,) = split_page(page, published=PUBLISHED)
    assert item.kind == "photo"
    assert item.title == ""
    assert item.byline == "刘浩军"
    assert item.body.endswith("恩江麻洲生态岛。")
    assert item.event_date == datetime.date(2024, 1, 14)


def test_brief_items_each_become_a_news_item_and_the_column_heading_is_dropped():
    page = (
        "要闻简报\n"
        "◆ 近日，四川旺苍县召开农村人居环境整治推进会，部署今年\n改厕1200户。\n"
        "◆ 1月10日，江油市关工委为60名留守儿童送去棉衣。\n"
        "◆ 伊犁州出台稳就业十条措施。\n"
    )
    items = split_page(page)
    assert [i.body for i in items] == [
        "近日，四川旺苍县召开农村人居环境整治推进会，部署今年改厕1200户。",
        "1月10日，江油市关工委为60名留守儿童送去棉衣。",
        "伊犁州出台稳就业十条措施。",
    ]
    assert all(i.kind == "news" and i.title == "" for i in items)


def test_headline_printed_away_from_its_body_is_matched_by_place():
    page = (
        "四川江油市：\n关工委开展暖冬关爱活动\n\n"
        "本报讯（张俊华）近日，江油市关工委为\n60名留守儿童赠送了厚棉衣。\n\n"
        "本报讯（吴亚飞）1月 11日，四川成都举\n行生态惠民新场景示范线发布会。\n\n"
        "四川成都市：百条生态惠民新场景示范线增色美好生活\n\n"
        "航拍永丰县恩江麻洲生态岛。 刘浩军摄\n"
    )
    items = split_page(page)
    by_title = {i.title: i for i in items}
    chengdu = by_title["百条生态惠民新场景示范线增色美好生活"]
    assert chengdu.title_prefix == "四川成都市"
    assert chengdu.byline == "吴亚飞"
    assert chengdu.body.startswith("1月 11日，四川成都举行")
    assert by_title["关工委开展暖冬关爱活动"].body.startswith("近日，江油市")
    assert [i.kind for i in items] == ["news", "news", "photo"]


def test_feature_body_following_another_feature_is_split_off_by_place():
    page = (
        "文明耀旺苍 新风拂茶乡\n——四川旺苍县精神文明建设工作综述\n\n◎ 白雪\n\n"
        "内蒙古乌海市\n推动志愿服务走深走实\n\n◎ 乌文\n\n"
        "乌海，是一座充满爱的城市。在交通路口，\n有志愿者协助疏导交通，向行动不便的行人伸\n出援手。\n\n"
        "2023年以来，四川省广元市旺苍县坚持以\n习近平新时代中国特色社会主义思想为指导，\n推进城乡精神文明建设。\n"
    )
    items = split_page(page)
    wangcang, wuhai = items
    assert wangcang.title == "文明耀旺苍 新风拂茶乡"
    assert wangcang.body.startswith("2023年以来，四川省广元市旺苍县")
    assert (
        wuhai.body
        == "乌海，是一座充满爱的城市。在交通路口，有志愿者协助疏导交通，向行动不便的行人伸出援手。"
    )


def test_page_furniture_is_dropped():
    page = (
        "第3版\n版次：03\n2024年1月16日 星期二\n放大 缩小 默认\n"
        "本报讯（吴亚飞）1月11日，四川成都举行推进会。\n责任编辑：张三\n"
    )
    (item,) = split_page(page)
    assert item.body == "1月11日，四川成都举行推进会。"


def test_a_single_line_input_is_one_article():
    (item,) = split_page("伊犁州出台稳就业十条措施")
    assert item.body == "伊犁州出台稳就业十条措施"
    assert item.kind == "news"


def test_an_empty_page_has_no_items():
    assert split_page(" \n\n") == []


def test_parse_byline_normalizes_separators_and_labels():
    assert parse_byline("记者 王某、通讯员 李某") == "王某 李某"
    assert parse_byline("张俊华 甘敏 陈元松") == "张俊华 甘敏 陈元松"


# -- datelines and bylines other than 本报讯（…） ------------------------------------------

FEB = datetime.date(2024, 2, 22)
HEADLINE = "绵阳市召开优化营商环境大会"
LEAD = "2月20日，绵阳市召开优化营商环境大会，部署今年十项重点工作。"
SECOND = "会议要求，各县（市、区）要把优化营商环境作为“一把手”工程，确保政策落地见效。"


@pytest.mark.parametrize(
    ("dateline", "byline"),
    [
        ("本报讯 ", ""),
        ("本报讯 记者王五 ", "王五"),
        ("本报讯 记者 王五 通讯员 赵六 ", "王五 赵六"),
        ("本报讯（记者 王五 通讯员 赵六）", "王五 赵六"),
        ("本报讯(见习记者 王五)", "王五"),
    ],
    ids=["bare", "reporter-no-brackets", "two-roles-no-brackets", "two-roles", "trainee"],
)
def test_local_dateline_forms_keep_headline_names_and_body_start(dateline, byline):
    page = f"{HEADLINE}\n\n{dateline}{LEAD}\n{SECOND}\n"
    (item,) = split_page(page, published=FEB)
    assert item.title == HEADLINE
    assert item.byline == byline
    assert item.body == f"{LEAD}\n{SECOND}"
    assert item.event_date == datetime.date(2024, 2, 20)
    assert item.kind == "news"


@pytest.mark.parametrize(
    "byline_line",
    ["本报记者 王五", "■本报记者 王五", "□ 记者 王五", "文/图 王五", "文/本报记者 王五"],
)
def test_byline_line_under_the_headline_is_the_byline(byline_line):
    page = f"{HEADLINE}\n{byline_line}\n\n{LEAD}\n\n{SECOND}\n"
    (item,) = split_page(page, published=FEB)
    assert (item.title, item.byline) == (HEADLINE, "王五")
    assert item.body == f"{LEAD}\n{SECOND}"
    assert item.event_date == datetime.date(2024, 2, 20)


def test_byline_line_after_the_body_closes_the_item_and_keeps_both_names():
    page = (
        f"{HEADLINE}\n\n{LEAD}\n{SECOND}\n记者 王五 通讯员 赵六\n\n"
        "游仙区开展春季植树活动\n\n2月21日，游仙区干部群众200余人在芙蓉溪畔植树。\n"
        "□ 记者 李四\n"
    )
    first, second = split_page(page, published=FEB)
    assert (first.title, first.byline, first.body) == (HEADLINE, "王五 赵六", f"{LEAD}\n{SECOND}")
    assert (second.title, second.byline) == ("游仙区开展春季植树活动", "李四")
    assert second.body == "2月21日，游仙区干部群众200余人在芙蓉溪畔植树。"


def test_bracketed_credit_closing_the_body_is_the_byline():
    page = f"{HEADLINE}\n\n{LEAD}\n{SECOND}（记者 王五 通讯员 赵六）\n"
    (item,) = split_page(page, published=FEB)
    assert item.byline == "王五 赵六"
    assert item.body.endswith("确保政策落地见效。")


@pytest.mark.parametrize("credit", ["（记者 王五 通讯员 赵六）", "(记者 王五 通讯员 赵六)"])
def test_bracketed_credit_closing_the_body_is_the_byline_in_either_bracket(credit):
    page = f"{HEADLINE}\n\n{LEAD}\n{SECOND}{credit}\n"
    (item,) = split_page(page, published=FEB)
    assert item.byline == "王五 赵六"
    assert item.body.endswith("确保政策落地见效。")


def test_column_heading_after_reporter_label_is_not_a_byline():
    page = "记者手记\n\n本报讯（记者 王五）2月20日，绵阳市召开优化营商环境大会。\n"
    (item,) = split_page(page, published=FEB)
    assert item.byline == "王五"
    assert item.title == "记者手记"


def test_agency_dateline_gives_names_date_and_place_hint():
    page = (
        "成都加快建设践行新发展理念的公园城市示范区\n\n"
        "新华社成都2月20日电（记者王五）成都市20日发布公园城市示范区建设方案，\n"
        "提出到2025年新增各类公园200个。\n"
    )
    (item,) = split_page(page, published=FEB)
    assert item.title == "成都加快建设践行新发展理念的公园城市示范区"
    assert item.byline == "王五"
    assert item.dateline_place == "成都"
    assert item.event_date == datetime.date(2024, 2, 20)
    assert item.body == "成都市20日发布公园城市示范区建设方案，提出到2025年新增各类公园200个。"


def test_place_dateline_of_our_own_paper():
    page = "巴中市启动春耕生产\n\n本报巴中2月19日讯（记者 王五）巴中市19日启动春耕生产。\n"
    (item,) = split_page(page, published=FEB)
    assert (item.byline, item.dateline_place) == ("王五", "巴中")
    assert item.body == "巴中市19日启动春耕生产。"
    assert item.event_date == datetime.date(2024, 2, 19)


# -- paragraphs: hard-wrapped or one line each -----------------------------------------

ONE_LINE_PARAGRAPHS = [
    "2月20日，绵阳市召开老旧小区改造推进会，今年计划改造小区120个，惠及居民8000余户。",
    "会议指出，老旧小区改造是重要的民生工程，各区县要加快进度，确保按期完成。",
    "据了解，去年全市共改造老旧小区98个，群众满意度达到96%。",
]


@pytest.mark.parametrize(
    "separator", ["\n\n", "\n\u3000\u3000", "\n  ", "\n\n\u3000\u3000"],
    ids=["blank-lines", "full-width-indent", "two-space-indent", "blank-and-indent"],
)  # fmt: skip
def test_one_line_paragraphs_stay_paragraphs(separator):
    page = "绵阳市推进老旧小区改造\n\n本报讯（记者 王五）" + separator.join(ONE_LINE_PARAGRAPHS)
    (item,) = split_page(page, published=FEB)
    assert item.title == "绵阳市推进老旧小区改造"
    assert item.byline == "王五"
    assert item.body.split("\n") == ONE_LINE_PARAGRAPHS


def test_one_line_paragraphs_keep_an_intertitle_as_its_own_paragraph():
    page = (
        "文明新风吹进百姓家\n——绵阳市游仙区精神文明建设综述\n\n◎ 王五\n\n"
        + ONE_LINE_PARAGRAPHS[0]
        + "\n\n志愿服务有温度\n\n"
        + "\n\n".join(ONE_LINE_PARAGRAPHS[1:])
        + "\n"
    )
    (item,) = split_page(page, published=FEB)
    assert item.kind == "feature"
    assert (
        item.body.split("\n")
        == [ONE_LINE_PARAGRAPHS[0], "志愿服务有温度"] + (ONE_LINE_PARAGRAPHS[1:])
    )


def test_hard_wrapped_lines_join_and_an_indent_starts_a_paragraph():
    # a 16-em column; the first paragraph ends on a full line, only the indent says so
    page = (
        "本报讯（记者 王五）2月20日，绵阳市召开\n"
        "老旧小区改造推进会，今年计划改造小区\n"
        "120个，惠及居民8000余户。会议指出，老\n"
        "旧小区改造是重要的民生工程，各区县要\n"
        "加快进度，确保按期完成本年度任务目标。\n"
        "\u3000\u3000据了解，去年全市共改造老旧小区98\n"
        "个，群众满意度达到96%。\n"
    )
    (item,) = split_page(page, published=FEB)
    assert item.body.split("\n") == [
        "2月20日，绵阳市召开老旧小区改造推进会，今年计划改造小区120个，惠及居民8000余户。"
        "会议指出，老旧小区改造是重要的民生工程，各区县要加快进度，确保按期完成本年度任务目标。",
        "据了解，去年全市共改造老旧小区98个，群众满意度达到96%。",
    ]


def test_a_page_of_english_text_has_no_item():
    # no Chinese text, no article (split.MIN_BODY_HANZI)
    assert split_page("Hello world. This is a test.") == []


def test_english_paragraphs_keep_word_spaces_and_paragraphs():
    page = (
        "City Council Meets\n\nThe city council met on Tuesday to\ndiscuss the budget.\n\n"
        "It approved new spending on parks.\n\n市议会批准了公园建设的新支出。\n"
    )
    (item,) = split_page(page)
    assert item.title == "City Council Meets"
    assert item.body == (
        "The city council met on Tuesday to discuss the budget.\nIt approved new spending on parks."
        "\n市议会批准了公园建设的新支出。"
    )


# -- other layouts of local papers -----------------------------------------------------


def test_main_title_and_subtitle_on_one_line_split_at_the_dash():
    page = (
        "春风十里入万家——绵阳市游仙区推进移风易俗工作纪实\n◎ 王五\n\n"
        "今年以来，游仙区把移风易俗纳入村规民约，\n全区286个村（社区）成立红白理事会。\n"
    )
    (item,) = split_page(page)
    assert (item.title, item.subtitle, item.byline) == (
        "春风十里入万家",
        "绵阳市游仙区推进移风易俗工作纪实",
        "王五",
    )
    assert item.kind == "feature"
    assert item.body.startswith("今年以来，游仙区")


def test_brief_items_with_a_lead_in_take_it_as_their_title():
    page = (
        "要闻简报\n"
        "◆ 游仙区启动春季植树：2月20日，游仙区干部群众200余人在芙蓉溪畔植树。\n"
        "◆【涪城区开展消防演练】2月21日，涪城区在城郊街道举行消防演练。\n"
        "◆ 2月21日，安州区发放春耕补贴1200万元。\n"
    )
    items = split_page(page, published=FEB)
    assert [(i.title, i.body) for i in items] == [
        ("游仙区启动春季植树", "2月20日，游仙区干部群众200余人在芙蓉溪畔植树。"),
        ("涪城区开展消防演练", "2月21日，涪城区在城郊街道举行消防演练。"),
        ("", "2月21日，安州区发放春耕补贴1200万元。"),
    ]
    assert [i.event_date.day for i in items] == [20, 21, 21]


def test_photo_news_rubric_is_dropped_and_the_bracketed_credit_is_the_byline():
    page = (
        "图片新闻\n"
        "2月20日，绵阳市游仙区群众在广场观看非遗表演。（记者 王五 摄）\n"
        "2月21日，涪城区农民在田间移栽油菜苗。（通讯员 赵六 摄）\n"
    )
    items = split_page(page, published=FEB)
    assert [(i.kind, i.title, i.byline) for i in items] == [
        ("photo", "", "王五"),
        ("photo", "", "赵六"),
    ]
    assert items[0].body == "2月20日，绵阳市游仙区群众在广场观看非遗表演。"
    assert items[1].event_date == datetime.date(2024, 2, 21)


def test_end_marks_are_furniture_and_close_their_item():
    page = (
        "游仙区启动春季植树\n\n本报讯（记者 王五）2月20日，游仙区干部群众200余人\n"
        "在芙蓉溪畔植树。（完）\n"
        "涪城区开展消防演练\n\n2月21日，涪城区在城郊街道举行消防演练。\n"
        "（责任编辑：李四）\n"
    )
    first, second = split_page(page, published=FEB)
    assert (first.title, first.byline) == ("游仙区启动春季植树", "王五")
    assert first.body == "2月20日，游仙区干部群众200余人在芙蓉溪畔植树。"
    assert second.title == "涪城区开展消防演练"
    assert second.body == "2月21日，涪城区在城郊街道举行消防演练。"


@pytest.mark.parametrize(
    ("done", "editor"),
    [("（完）", "（责任编辑：李四）"), ("(完)", "(责任编辑：李四)"), ("【完】", "【编辑：李四】"),
     ("[完]", "[编辑：李四]")],
    ids=["full-width", "half-width", "lenticular", "square"],
)  # fmt: skip
def test_end_marks_in_any_bracket_are_furniture_and_close_their_item(done, editor):
    page = (
        "游仙区启动春季植树\n\n本报讯（记者 王五）2月20日，游仙区干部群众200余人\n"
        f"在芙蓉溪畔植树。{done}\n"
        "涪城区开展消防演练\n\n2月21日，涪城区在城郊街道举行消防演练。\n"
        f"{editor}\n"
    )
    first, second = split_page(page, published=FEB)
    assert first.body == "2月20日，游仙区干部群众200余人在芙蓉溪畔植树。"
    assert (second.title, second.body) == (
        "涪城区开展消防演练",
        "2月21日，涪城区在城郊街道举行消防演练。",
    )


# -- bracketed bylines on their own line after a body ----------------------------------

TREES = "游仙区启动春季植树"
TREES_BODY = (
    "2月20日，游仙区干部群众200余人在芙蓉溪畔开展义务植树活动，共栽植\n"
    "香樟、银杏等各类苗木3000余株，新增绿化面积约50亩。\n"
)
JOBS = "剑阁县新增公益性岗位"
JOBS_BODY = "2月21日，剑阁县新增乡村公益性岗位120个，优先安置脱贫劳动力和残疾人。\n"
DRILL = "涪城区开展消防演练"
DRILL_BODY = "本报讯（通讯员 赵六）2月21日，涪城区在城郊街道举行高层建筑消防演练。\n"


@pytest.mark.parametrize(
    ("bracketed", "byline"),
    [
        ("（记者 王五）", "王五"),
        ("（本报记者 王五 通讯员 孙七）", "王五 孙七"),
        ("(记者 王五)", "王五"),
        ("（王五）", "王五"),
        ("（王五 孙七）", "王五 孙七"),
    ],
    ids=["reporter", "reporter-and-correspondent", "half-width", "bare-name", "bare-names"],
)
def test_bracketed_byline_line_closes_the_item_before_and_leaves_the_next_title_clean(
    bracketed, byline
):
    page = (
        f"{TREES}\n\n{TREES_BODY}{bracketed}\n\n"
        f"{JOBS}\n\n{JOBS_BODY}（记者 李四）\n\n"
        f"{DRILL}\n\n{DRILL_BODY}"
    )
    items = split_page(page, published=FEB)
    assert [(i.title, i.byline) for i in items] == [
        (TREES, byline),
        (JOBS, "李四"),
        (DRILL, "赵六"),
    ]
    assert items[0].body == (
        "2月20日，游仙区干部群众200余人在芙蓉溪畔开展义务植树活动，共栽植"
        "香樟、银杏等各类苗木3000余株，新增绿化面积约50亩。"
    )
    assert items[1].body == JOBS_BODY.strip()
    assert items[1].event_date == datetime.date(2024, 2, 21)
    assert all("（" not in i.title and "(" not in i.title for i in items)


def test_bracketed_byline_line_of_one_line_paragraphs_closes_its_item():
    page = (
        f"{JOBS}\n\n"
        "2月21日，剑阁县新增乡村公益性岗位120个，优先安置脱贫劳动力。\n\n"
        "据了解，岗位涵盖护林、保洁、道路养护等类别，月补贴800元。\n\n"
        "（本报记者 王五 通讯员 孙七）\n\n"
        f"{TREES}\n\n"
        "2月20日，游仙区干部群众200余人在芙蓉溪畔植树。\n"
    )
    first, second = split_page(page, published=FEB)
    assert (first.title, first.byline) == (JOBS, "王五 孙七")
    assert first.body.split("\n") == [
        "2月21日，剑阁县新增乡村公益性岗位120个，优先安置脱贫劳动力。",
        "据了解，岗位涵盖护林、保洁、道路养护等类别，月补贴800元。",
    ]
    assert (second.title, second.byline) == (TREES, "")
    assert second.body == "2月20日，游仙区干部群众200余人在芙蓉溪畔植树。"


@pytest.mark.parametrize(
    "note", ["（完）", "（待续）", "（下转第2版）"], ids=["end", "to-be-continued", "jump"]
)
def test_bracketed_notes_after_a_body_are_no_byline_and_are_dropped(note):
    page = f"{TREES}\n\n{TREES_BODY}{note}\n\n{JOBS}\n\n{JOBS_BODY}"
    first, second = split_page(page, published=FEB)
    assert (first.title, first.byline) == (TREES, "")
    assert first.body.endswith("新增绿化面积约50亩。")
    assert (second.title, second.byline) == (JOBS, "")
    assert second.body == JOBS_BODY.strip()


def test_bracketed_sentence_after_a_body_stays_in_the_body_and_is_no_byline():
    page = f"{TREES}\n\n{TREES_BODY}（图为植树现场。）\n\n{DRILL}\n\n{DRILL_BODY}"
    first, second = split_page(page, published=FEB)
    assert (first.title, first.byline) == (TREES, "")
    assert first.body.endswith("新增绿化面积约50亩。（图为植树现场。）")
    assert (second.title, second.byline) == (DRILL, "赵六")


def test_continued_from_line_is_furniture():
    page = f"{JOBS}\n\n（上接第1版）\n{JOBS_BODY}"
    (item,) = split_page(page, published=FEB)
    assert (item.title, item.body) == (JOBS, JOBS_BODY.strip())


@pytest.mark.parametrize(
    "text",
    [
        "全县完成春播。下一步抓好田管",
        "春播面积8万亩；新增高标准农田",
        "春播面积8万亩;新增高标准农田",
    ],
)
def test_a_short_line_holding_a_sentence_mark_is_no_headline_line(text):
    # a line that ends a sentence (or a clause of a list) mid-line is prose, however short
    from articles.ingest.normalize import text_width
    from articles.ingest.split.lines import Line, head_like

    assert not head_like(Line(0, text, text_width(text)))
    assert head_like(Line(0, "全县完成春播", text_width("全县完成春播")))
