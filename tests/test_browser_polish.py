"""Browser checks of a new-user pass's polish items (headless Chromium, the seed page)."""

import re
from datetime import date
from pathlib import Path

import pytest

from articles.reference import sync_reference_data
from articles.services import ingest_page
from tests.factories import volunteer_metric

pytestmark = pytest.mark.browser

SEED = Path(__file__).parent / "data" / "seed_page.txt"


@pytest.fixture
def site(live_server):
    """The live server's base URL with the seed page ingested (reference data upserted
    again first: live-server tests run in flushed databases)."""
    sync_reference_data()
    report = ingest_page(
        text=SEED.read_text("utf-8"), publication="样例报", issue_date=date(2024, 1, 16)
    )
    assert report.articles_created == 8
    return live_server.url


def box_height(page, selector: str) -> float:
    return page.locator(selector).evaluate("e => e.getBoundingClientRect().height")


@pytest.mark.parametrize("tab, box", [("chart", ".chart-box"), ("map", ".map-box")])
def test_without_javascript_the_chart_and_map_leave_no_blank_area(site, new_browser_page, tab, box):
    """Their boxes had the drawn chart's height (320-520 px) under a one-line notice;
    with scripts they keep it."""
    volunteer_metric("510800", 120000, date(2024, 2, 1))  # two prefectures: a map
    volunteer_metric("511300", 98000, date(2024, 2, 2))
    url = f"{site}/compare/?indicator=registered-volunteers&level=prefecture&tab={tab}"
    bare = new_browser_page(java_script=False)
    bare.page.goto(url)
    assert bare.page.locator(box).is_visible()
    assert box_height(bare.page, box) < 60  # the notice's line
    scripted = new_browser_page()
    scripted.page.goto(url)
    assert box_height(scripted.page, box) >= 300
    scripted.assert_clean()


def test_compare_and_the_list_submit_with_the_same_primary_button(site, new_browser_page):
    """Compare's 显示 was the browser's grey button beside the list's blue 筛选."""
    style = "e => { const s = getComputedStyle(e); return [s.backgroundColor, s.color]; }"
    page = new_browser_page()
    page.page.goto(f"{site}/articles/")
    listed = page.page.locator("form.filter-form button[type=submit]").evaluate(style)
    page.page.goto(f"{site}/compare/?indicator=registered-volunteers")
    compared = page.page.locator(".chart-form__actions button[type=submit]").evaluate(style)
    assert listed == ["rgb(11, 92, 173)", "rgb(255, 255, 255)"]
    assert compared == listed


def pensions():
    """Four counties' monthly basic pension, each with the value it was raised from."""
    for i, (adcode, value, previous) in enumerate(
        [("510822", 180, 165), ("510812", 175, 160), ("510823", 170, 150), ("632801", 285, 270)]
    ):
        volunteer_metric(
            adcode,
            value,
            date(2024, 3, 1 + i),
            unit="元/人/月",
            indicator_slug="resident-basic-pension-monthly",
            previous_value=previous,
        )


AXIS = """c => { const chart = Chart.getChart(c); const s = chart.scales[AXIS_ID];
  const above = chart.$govreportsUnitAbove;
  return {title: s.options.title.display ? s.options.title.text : "",
          ticks: s.ticks.map(t => t.label), width: s.width, chartWidth: chart.width,
          above: above ? {text: above.text, bottom: above.bottom, left: s.left,
                          areaTop: chart.chartArea.top} : null}; }"""


@pytest.mark.parametrize(
    "lang, width, view, axis_id, unit",
    [
        ("en", 390, "latest", "y", "yuan per person per month"),
        ("en", 1280, "change", "x", "yuan per person per month"),
        ("zh-hans", 390, "latest", "y", "元/人/月"),
        ("zh-hans", 1280, "change", "x", "元/人/月"),
    ],
)
def test_compare_chart_names_the_unit_once_on_the_value_axis(
    site, new_browser_page, lang, width, view, axis_id, unit
):
    """Every tick repeated '300 yuan per person per month' (half a phone's chart, and the
    change view's x axis at 1280: a new-user pass); the ticks are numbers now."""
    pensions()
    page = new_browser_page(width=width)
    page.page.goto(
        f"{site}/compare/?indicator=resident-basic-pension-monthly&view={view}&lang={lang}"
    )
    canvas = page.page.locator("#compare-chart")
    page.page.locator("p.chart-actions a[data-chart-download]").wait_for()
    axis = canvas.evaluate(AXIS.replace("AXIS_ID", repr(axis_id)))
    if lang == "zh-hans" and axis_id == "y":
        # Chinese stays level: not a quarter-turned axis title but a line above the
        # chart area (a new-user pass read 元/人/月 on its side)
        assert axis["title"] == ""
        assert axis["above"]["text"] == unit
        assert axis["above"]["bottom"] <= axis["above"]["areaTop"]
    else:
        assert axis["title"] == unit
        assert axis["above"] is None
    assert axis["ticks"] and all(re.fullmatch(r"[0-9.,]+", t) for t in axis["ticks"])
    if axis_id == "y":
        assert axis["width"] < axis["chartWidth"] / 6  # the numbers' width, not the unit's
    page.assert_clean()


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_on_a_phone_every_metric_value_of_an_article_is_on_screen(site, new_browser_page, lang):
    """At 390 px the table showed Indicator and Label; the Value column was off screen
    behind a sideways scroll (a new-user pass). Each row is a card now: its value on the
    first line beside the indicator, the other cells under their column's name."""
    from articles.models import Article

    article = Article.objects.filter(metrics__isnull=False).order_by("pk").first()
    page = new_browser_page(width=390)
    page.page.goto(f"{site}/articles/{article.pk}/?lang={lang}")
    values = page.page.locator("table.metrics tbody td:nth-child(3)")
    assert values.count() >= 3
    boxes = values.evaluate_all(
        "cells => cells.map(c => { const r = c.getBoundingClientRect(); return [r.left, r.right]; })"
    )
    assert all(0 <= left and right <= 390 for left, right in boxes), boxes
    scroll = page.page.locator(".table-scroll").first
    assert scroll.evaluate("e => e.scrollWidth <= e.clientWidth")
    label = page.page.locator("table.metrics tbody td:nth-child(2)").first
    shown = label.evaluate("c => getComputedStyle(c, '::before').content")
    assert shown == ('"Label in text"' if lang == "en" else '"原文标签"')
    page.assert_clean()


#: The words of each element's text that are drawn on more than one line (a word cut
#: in two), as ``[text, word]`` pairs.
SPLIT_WORDS = """els => els.flatMap(el => {
  const out = [];
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const re = /[A-Za-z][A-Za-z'’-]*[A-Za-z]/g;
    for (let m = re.exec(node.data); m; m = re.exec(node.data)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
      // a hyphenated word may wrap at its hyphen; any other split is mid-word
      if (tops.size > 1 && !m[0].includes("-")) out.push([el.textContent.trim(), m[0]]);
    }
  }
  return out;
})"""


def test_on_a_phone_the_overview_indicator_names_wrap_at_spaces_only(site, new_browser_page):
    """'Candidate s', 'Communit y' at 390 px in English (a new-user pass)."""
    page = new_browser_page(width=390)
    page.page.goto(f"{site}/?lang=en")
    names = page.page.locator("#coverage-table th[scope=row]")
    assert names.count() > 10
    assert names.evaluate_all(SPLIT_WORDS) == []
    box = page.page.locator(".table-scroll:has(#coverage-table)")
    assert box.evaluate("b => b.scrollWidth <= b.clientWidth")  # whole words, still no scroll
    page.assert_clean()


@pytest.mark.parametrize("lang, step", [("en", "K"), ("zh-hans", "万")])
def test_every_value_tick_of_a_compare_chart_is_on_one_scale(site, new_browser_page, lang, step):
    """Values from 2,500 to 16,000: the English axis read "0, 2,000, … 8,000, 10K, 12K"
    (a new-user pass); every tick but 0 is now in thousands (万 in Chinese)."""
    for i, (adcode, value) in enumerate(
        [("510821", 16000), ("510822", 9000), ("510823", 4000), ("510824", 2500)]
    ):
        volunteer_metric(adcode, value, date(2024, 3, 1 + i))
    page = new_browser_page(width=1280)
    page.page.goto(f"{site}/compare/?indicator=registered-volunteers&level=county&lang={lang}")
    canvas = page.page.locator("#compare-chart")
    page.page.locator("p.chart-actions a[data-chart-download]").wait_for()
    ticks = canvas.evaluate(AXIS.replace("AXIS_ID", "'y'"))["ticks"]
    assert len(ticks) >= 3 and all(t == "0" or t.endswith(step) for t in ticks), ticks


def test_on_a_phone_turned_region_labels_are_one_line_each(site, new_browser_page):
    """Nine English county names under bars 40 px wide: Chart.js turns the labels, and a
    turned label of two lines ran into its neighbour's (a new-user pass at 390 px); under
    narrow bars each is one line. Two bars leave room, and a long name still wraps."""
    volunteer_metric("510822", 9000, date(2024, 3, 1))  # 青川县, Qingchuan County
    page = new_browser_page(width=390, height=844)
    url = f"{site}/compare/?indicator=registered-volunteers&level=county&lang=en"
    labels = "c => Chart.getChart(c).scales.x.ticks.map(t => t.label)"

    def drawn() -> list:
        page.page.goto(url)
        page.page.locator("#compare-chart[data-chart-ready]").wait_for()
        return page.page.locator("#compare-chart").evaluate(labels)

    roomy = drawn()  # 旺苍县 from the seed page and 青川县
    assert len(roomy) == 2 and ["Qingchuan", "County"] in roomy, roomy
    for i, adcode in enumerate(["510811", "510812", "510823", "510824", "510802", "510681"]):
        volunteer_metric(adcode, 1000 + i, date(2024, 3, 2))
    narrow = drawn()
    assert len(narrow) >= 8 and all(isinstance(label, str) for label in narrow), narrow
    assert "Qingchuan County" in narrow
    page.assert_clean()


@pytest.mark.parametrize("width, lines", [(390, 2), (1280, 1)])
def test_a_per_resident_chart_says_its_blank_places_on_lines_of_their_own_on_a_phone(
    site, new_browser_page, width, lines
):
    """A county without a census row is a blank place in the per-1,000 chart; the
    subtitle says so (in the PNG too), its clause on a line of its own on a phone, where
    one line ran the chart's width (a new-user pass)."""
    from articles.models import Population

    Population.objects.filter(region__adcode="510822").delete()
    volunteer_metric("510822", 9000, date(2024, 3, 1))
    page = new_browser_page(width=width, height=844)
    page.page.goto(
        f"{site}/compare/?indicator=registered-volunteers&level=county&per=per_1000&lang=en"
    )
    page.page.locator("#compare-chart[data-chart-ready]").wait_for()
    subtitle = page.page.locator("#compare-chart").evaluate(
        "c => Chart.getChart(c).options.plugins.subtitle.text"
    )
    text = [subtitle] if isinstance(subtitle, str) else subtitle
    assert len(text) == lines, subtitle
    assert "".join(text).endswith("1 region without population data, left blank")
    page.assert_clean()
