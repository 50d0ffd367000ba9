"""Parts are not totals: figures the text gives as parts of one whole form a group, with the
total the text names, and nothing else is grouped."""

from decimal import Decimal

import pytest

from articles.ingest.pipeline import parse_page
from articles.ingest.types import PartRole


def roles(text, **kwargs):
    (article,) = parse_page(text, **kwargs).articles
    return [(int(q.value), q.part_group, q.part_role) for q in article.quantities]


def test_the_seed_pages_five_kinds_of_volunteer_teams_are_parts_of_one_group(parsed_seed):
    teams = [
        q
        for a in parsed_seed.articles
        for q in a.quantities
        if q.indicator == "volunteer-teams" and a.region.adcode == "510821" and q.part_group
    ]
    assert [int(q.value) for q in teams] == [15, 80, 23, 257, 1728]
    assert {q.part_role for q in teams} == {PartRole.PART}
    assert len({q.part_group for q in teams}) == 1
    assert sum(q.value for q in teams) == Decimal(2103)
    assert any(q.approx for q in teams)  # 80余支: the sum is a lower bound


def test_a_list_of_kinds_of_one_noun_is_a_group_of_parts():
    text = "旺苍县组建党员志愿服务队15支、巾帼志愿服务队80余支、青年志愿服务队23支。"
    assert roles(text) == [(15, 1, "part"), (80, 1, "part"), (23, 1, "part")]


def test_a_total_the_text_names_is_the_groups_total():
    text = "全县共有志愿服务队2103支，其中党员志愿服务队15支、巾帼志愿服务队80支。"
    assert roles(text, home_region="510821") == [
        (2103, 1, "total"),
        (15, 1, "part"),
        (80, 1, "part"),
    ]


def test_a_total_after_its_parts_is_the_total():
    text = "旺苍县党员志愿服务队15支、巾帼志愿服务队80支，志愿服务队总数达95支。"
    assert roles(text) == [(15, 1, "part"), (80, 1, "part"), (95, 1, "total")]


def test_a_single_figure_is_on_its_own():
    assert roles("旺苍县实名注册志愿者总数51104人。") == [(51104, None, "")]


def test_figures_of_different_years_are_a_series_not_parts():
    text = "旺苍县2022年建成示范村15个，2023年建成示范村20个。"
    assert [g for _v, g, _r in roles(text)] == [None, None]


def test_qizhong_after_a_plain_figure_picks_a_subset_not_a_part():
    text = "旺苍县推荐“道德模范”候选人15人，其中1人获评市级道德模范。"
    assert [g for _v, g, _r in roles(text)] == [None, None]


def test_rates_and_standards_are_never_summed():
    text = "旺苍县城镇调查失业率5.1%、登记失业率3.2%。"
    assert [g for _v, g, _r in roles(text)] == [None, None]


def test_figures_in_different_paragraphs_are_not_parts():
    text = "旺苍县为60名留守儿童赠送了棉衣。\n近年来，旺苍县资助困境儿童2000余人。"
    assert [g for _v, g, _r in roles(text)] == [None, None]


def test_figures_of_different_divisions_are_not_parts_of_one_whole():
    text = "广元市实名注册志愿者人数持续增长，其中苍溪县8.6万人，昭化区4.1万人。"
    assert [g for _v, g, _r in roles(text)] == [None, None]


def test_a_total_smaller_than_a_part_is_no_total():
    text = "旺苍县党员志愿服务队150支、巾帼志愿服务队80支，志愿服务队共计95支。"
    assert [g for _v, g, _r in roles(text)] == [None, None, None]


@pytest.mark.parametrize("link", ["、", "和", "，以及"])
def test_each_list_word_links_parts(link):
    text = f"旺苍县建成示范村15个{link}美丽乡村8个。"
    assert [g for _v, g, _r in roles(text)] == [1, 1]
