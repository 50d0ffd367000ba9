"""Bylines of unusual form still mark a headline and end the body before it.

A headline printed after another item's body is told from an intertitle by its evidence,
most often the byline line under it (``heads._has_evidence``). When that line was not
read as a byline (``◎ 记者1``, ``本报记者 张三1``) the headline and byline became two
lines of the body before, so a page of 24 items became one item whose metrics all got
the first item's region (a new-user pass). These pages are built from the same item with
the byline in each form.
"""

import pytest

from articles.ingest.pipeline import parse_page
from articles.ingest.split import split_page
from articles.ingest.split.marks import byline_line

#: (county adcode, county name) of Guangyuan and Nanchong, for one item each.
COUNTIES = [
    ("510821", "旺苍县"),
    ("510824", "苍溪县"),
    ("510823", "剑阁县"),
    ("510822", "青川县"),
    ("511321", "南部县"),
    ("511324", "仪陇县"),
]


def item(k: int, county: str, byline: str) -> str:
    return (
        f"{county}推进民生工程见实效\n{byline}\n\n"
        f"{county}今年完成投资{k * 10}亿元，新增就业{k * 100}人。"
        "全县上下齐心协力推进各项工作。\n"
    )


def page(byline_form: str, repeat: int = 1) -> str:
    counties = COUNTIES * repeat
    return "\n".join(
        item(k, county, byline_form.format(k=k)) for k, (_, county) in enumerate(counties, 1)
    )


@pytest.mark.parametrize(
    ("form", "names"),
    [
        ("◎ 记者{k}", "记者{k}"),
        ("本报记者 张三{k}", "张三{k}"),
        ("记者 李四 通讯员 王五{k}", "李四 王五{k}"),
        ("■本报记者 张三{k}", "张三{k}"),
        ("◎ 张三", "张三"),  # the form the sample page prints
        ("◎ John Smith", "John Smith"),
        ("本报记者 阿不都热合曼·买买提", "阿不都热合曼·买买提"),
        # a staff byline with no name: it was read as the headline's second line
        # ("…再上新台阶◎ 本报记者", a new-user pass)
        ("◎ 本报记者", ""),
        ("■本报记者 通讯员", ""),
    ],
)
def test_every_item_under_a_byline_of_any_common_form_is_its_own_item(form, names):
    items = split_page(page(form))
    assert [i.title for i in items] == [f"{c}推进民生工程见实效" for _, c in COUNTIES]
    assert [i.byline for i in items] == [names.format(k=k) for k in range(1, 7)]
    assert [i.body.startswith(c) for (_, c), i in zip(COUNTIES, items, strict=True)] == [True] * 6


def test_a_page_of_24_items_with_numbered_bylines_keeps_each_items_metrics_in_its_county():
    parsed = parse_page(page("◎ 记者{k}", repeat=4))
    assert len(parsed.articles) == 24
    for k, (article, (adcode, _)) in enumerate(zip(parsed.articles, COUNTIES * 4, strict=True), 1):
        assert article.region.adcode == adcode
        # a metric's own region, else its article's
        values = [(q.indicator, q.value, q.region or adcode) for q in article.quantities]
        assert values == [
            ("investment", k * 10 * 10**8, adcode),
            ("new-urban-jobs", k * 100, adcode),
        ]


@pytest.mark.parametrize(
    "line",
    [
        "通讯员培训班开班",  # a headline opening with a role label, no space after it
        "记者手记",
        "◎ 记者手记",
        "◎ 全县完成春播，下一步抓好田管",  # punctuation: prose, not names
        "记者 走访了全县十二个乡镇的三十个村庄并召开座谈会了解情况",  # too long
        "张三1",  # names alone carry no sign that they are names
    ],
)
def test_lines_that_only_look_a_little_like_bylines_are_none(line):
    assert byline_line(line) is None
