"""Generic HTML article pages (a new-user pass): the headline is the title, the byline and
date line are not body text, and each ``<p>`` stays its own paragraph.

The pages in tests/data/pages/generic/ are the project's own (invented county news, no
real text), one per common shape: ``<article>`` with ``<p class="byline">``; an HTML5
``<header>`` holding the headline and a ``<time>``; a government ``<div class="article">``
with a date-and-source line; a ``<div id="content">`` with ``og:title`` and
``article:published_time`` meta. The e-paper and portal pages of tests/data/pages/html are
covered by test_sources.py and must read as before.
"""

from datetime import date
from pathlib import Path

import lxml.html
import pytest

from articles.ingest.pipeline import parse_page
from articles.ingest.sources import read_page
from articles.ingest.sources.html_lines import (
    block_texts,
    byline_names,
    is_byline_line,
    line_date,
    split_at_blocks,
)

GENERIC = Path(__file__).parent / "data" / "pages" / "generic"

#: file -> (title, byline, date, paragraphs)
PAGES = {
    "article.html": (
        "旺苍县召开全县经济工作会议",
        "张明",
        date(2024, 1, 5),
        [
            "会议指出，2023年全县地区生产总值达到120亿元，同比增长6.5%。",
            "会议要求，全力以赴抓好2024年各项工作，确保完成目标任务。",
        ],
    ),
    "article_header.html": (
        "旺苍县新增城镇就业2100人",
        "李红",
        date(2024, 1, 8),
        [
            "2023年，旺苍县新增城镇就业2100人，城镇登记失业率控制在4%以内，增速居全市第一。",
            "县人社局有关负责人介绍，全年开展职业技能培训3000人次，帮助脱贫劳动力稳定就业。",
        ],
    ),
    "div_article.html": (
        "旺苍县完成造林1.5万亩",
        "",
        date(2024, 1, 10),
        [
            "2023年，旺苍县完成营造林1.5万亩，森林覆盖率达到62%，比上年提高0.5个百分点。",
            "下一步，该县将持续推进国土绿化行动，巩固提升森林质量，为全省生态建设作出贡献。",
        ],
    ),
    "div_content.html": (
        "旺苍县新开发公益性岗位300个",
        "王芳",
        date(2024, 3, 5),
        [
            "今年以来，旺苍县新开发城乡公益性岗位300个，安置就业困难人员。",
            "县人社局介绍，岗位主要包括道路养护、保洁绿化等类别。",
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_a_generic_article_page_gives_title_byline_date_and_its_paragraphs(name):
    title, byline, day, paragraphs = PAGES[name]
    page = read_page(name, (GENERIC / name).read_bytes())
    assert (page.title, page.byline, page.date) == (title, byline, day)
    head = f"{title}\n\n◎ {byline}\n\n" if byline else f"{title}\n\n"
    assert page.text == head + "\n".join(paragraphs) + "\n"
    [article] = parse_page(page.text).articles
    assert article.title == title
    assert article.byline == byline
    assert article.body.split("\n") == paragraphs


def test_each_page_in_the_generic_folder_has_its_expectation():
    assert sorted(p.name for p in GENERIC.glob("*.html")) == sorted(PAGES)


def test_a_line_running_blocks_together_is_cut_where_each_block_ends():
    tree = lxml.html.fromstring(
        "<article><h1>标题</h1><p>记者 张明</p><p>第一段，有 内容。</p><p>第二段。</p></article>"
    )
    blocks = block_texts(tree)
    assert blocks == {"标题", "记者张明", "第一段，有内容。", "第二段。"}
    line = "标题 记者 张明 第一段，有 内容。 第二段。"
    assert split_at_blocks([line], blocks) == ["标题", "记者 张明", "第一段，有 内容。", "第二段。"]
    # a line that is one block, or starts with none, stays whole; the rest of a cut line too
    assert split_at_blocks(["第二段。", "前言 标题"], blocks) == ["第二段。", "前言 标题"]
    assert split_at_blocks(["标题 其余的字"], blocks) == ["标题", "其余的字"]


@pytest.mark.parametrize(
    ("line", "names", "day"),
    [
        ("记者 张明 2024-01-05", "张明", date(2024, 1, 5)),
        ("本报记者 张明 李红", "张明 李红", None),
        ("作者：王芳　　2024年3月5日", "王芳", date(2024, 3, 5)),
        ("文/王芳", "王芳", None),
        ("2024-01-10 来源：县林业局", "", date(2024, 1, 10)),
        ("发布时间：2024-01-12 09:30 来源：南充市生态环境局", "", date(2024, 1, 12)),
        ("By Zhang Ming, 5 January 2024", "Zhang Ming", date(2024, 1, 5)),
        ("January 8, 2024", "", date(2024, 1, 8)),
    ],
)
def test_byline_and_date_lines_are_told_and_give_names_and_date(line, names, day):
    assert is_byline_line(line, set())
    assert byline_names(line) == names
    assert line_date(line) == day


@pytest.mark.parametrize(
    "line",
    [
        "2024年1月5日，旺苍县召开大会",
        "本报讯 今年旺苍县发放城乡居民养老金1.2亿元。",
        "记者从县统计局获悉，全县生产总值增长6.5%，居全市第一。",
        "会议要求抓好明年工作。",
        "旺苍县2024年1月5日召开全县经济工作会议并部署全年重点工作任务和各项重大项目建设",
    ],
)
def test_text_lines_are_not_taken_for_a_byline(line):
    assert not is_byline_line(line, set())


def test_the_date_on_the_byline_line_wins_over_a_guess_from_the_page():
    markup = (
        '<html><head><meta charset="utf-8"><title>旺苍县召开全县经济工作会议</title></head><body>'
        '<div id="content"><h2>旺苍县召开全县经济工作会议</h2><p>作者：李红　　2024年1月5日</p>'
        "<p>会议指出，2023年全县地区生产总值达到120亿元，同比增长6.5%。</p>"
        "<p>会议要求，全力以赴抓好2024年各项工作，确保完成目标任务。</p></div></body></html>"
    )
    page = read_page("a.html", markup.encode())
    assert (page.byline, page.date) == ("李红", date(2024, 1, 5))  # htmldate guessed 2024-01-01
    assert page.text.startswith("旺苍县召开全县经济工作会议\n\n◎ 李红\n\n会议指出")
