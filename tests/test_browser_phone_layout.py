"""Phone layout at 390 px, measured from element boxes and Chart.js's own geometry (new-user
passes at 390 px): the overview's province names wrap so the counts stay on screen, the
region page's indicator names keep 8em, a long latest value wraps before its note and never
inside its number, the overview chart's long English province names are drawn whole, and
the compare map's legend covers no province. On the seed page plus province figures made
here (the seed has none at province level)."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from articles.reference import sync_reference_data
from articles.services import ingest_page
from tests.factories import ArticleFactory, MetricFactory, indicator, region
from tests.test_browser import site  # noqa: F401  (the seeded live server: five provinces)
from tests.test_browser_compare_map import PROVINCES

pytestmark = pytest.mark.browser

SEED = Path(__file__).parent / "data" / "seed_page.txt"
PHONE = {"width": 390, "height": 844}
WANGCANG = "510821"

# The count cells of the overview's province table and its scrolling box.
PROVINCE_TABLE = """() => { const t = document.querySelector('#province-table');
  const box = t.closest('.table-scroll');
  return {scroll: box.scrollWidth, client: box.clientWidth, width: window.innerWidth,
    rights: [...t.querySelectorAll('td.num')].map(td => td.getBoundingClientRect().right)}; }"""
# The indicator index's first column and the longest latest value: the lines (their tops)
# of its number and unit (before the note) and of the whole text.
INDICATOR_INDEX = """() => { const index = document.querySelector('.indicator-index');
  const name = index.querySelector('tbody td:first-child');
  const cells = [...index.querySelectorAll('tbody td.num')];
  const cell = cells.reduce((a, b) => (b.textContent.length > a.textContent.length ? b : a));
  const text = cell.firstChild, s = cell.textContent;
  const note = Math.max(s.indexOf('（'), s.indexOf(' ('));
  const tops = (end) => { const r = document.createRange(); r.setStart(text, 0); r.setEnd(text, end);
    return [...new Set([...r.getClientRects()].map(x => Math.round(x.top)))]; };
  return {name: name.getBoundingClientRect().width, em: parseFloat(getComputedStyle(name).fontSize),
    value: s, note: note, number: tops(note), whole: tops(s.length)}; }"""
# Each category label of a chart: its lines and the x of its left end (Chart.js's label
# items, measured in the chart's own font), and the canvas width.
CHART_LABELS = """(id) => { const c = Chart.getChart(document.getElementById(id));
  const axis = c.options.indexAxis, ctx = c.ctx;
  const labels = c.scales[axis].getLabelItems().map(item => {
    ctx.save(); ctx.font = item.font.string;
    const lines = [].concat(item.label);
    const w = Math.max(...lines.map(l => ctx.measureText(l).width)); ctx.restore();
    const x = item.options.translation[0], rot = Math.abs(item.options.rotation);
    const align = item.options.textAlign;
    const left = rot ? x - w * Math.cos(rot) : align === 'right' ? x - w : align === 'center' ? x - w / 2 : x;
    return {lines: lines, left: left, rotation: rot}; });
  return {axis: axis, width: c.width, labels: labels}; }"""
# The compare map's legend box (from its own options and size) and the boxes of the
# provinces' shapes (the 南海诸岛 inset left out) that it overlaps.
MAP_LEGEND = """() => { const c = Chart.getChart(document.querySelector('#compare-map'));
  const scale = c.scales.color, legend = c.options.scales.color.legend, size = scale.legendSize;
  let box;
  if (typeof legend.position === 'object') {
    box = {left: legend.position.x, top: legend.position.y, right: legend.position.x + size.w,
      bottom: legend.position.y + size.h};
  } else {  // 'bottom-left', as chartjs-chart-geo places it in the chart area
    const area = c.chartArea, m = legend.margin ?? 8;
    box = {left: m, top: area.bottom - size.h - m, right: m + size.w + 10, bottom: area.bottom - m};
  }
  const path = c.scales.projection.geoPath;
  const covered = c.data.datasets[0].data.filter(p => !p.feature.properties.inset).filter(p => {
    const [[x0, y0], [x1, y1]] = path.bounds(p.feature);
    return x0 < box.right && x1 > box.left && y0 < box.bottom && y1 > box.top; })
    .map(p => p.feature.properties.name);
  return {box: box, covered: covered, height: c.height, position: legend.position}; }"""


@pytest.fixture(scope="module")
def phone_site(read_only_live_server):
    """The seed page and registered volunteers of seven provinces, stored once."""
    sync_reference_data()
    report = ingest_page(
        text=SEED.read_text("utf-8"), publication="样例报", issue_date=date(2024, 1, 16)
    )
    assert report.articles_created == 8
    for adcode, value in PROVINCES.items():
        article = ArticleFactory(region=region(adcode), published=date(2024, 3, 1))
        MetricFactory(
            article=article, indicator=indicator("registered-volunteers"), value=Decimal(value)
        )
    return read_only_live_server.url


def test_the_overview_keeps_every_province_count_on_a_phone(phone_site, new_browser_page):
    """Long English names (Guangxi Zhuang Autonomous Region) wrap at spaces: no count is
    pushed past the screen's edge and the table needs no sideways scroll."""
    browser_page = new_browser_page(base_url=phone_site, **PHONE)
    browser_page.visit("/?lang=en", "overview-en")
    table = browser_page.page.evaluate(PROVINCE_TABLE)
    assert len(table["rights"]) == 11
    assert max(table["rights"]) <= table["width"], table
    assert table["scroll"] <= table["client"], table
    browser_page.assert_clean()


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_region_indicator_names_keep_8em_and_a_long_value_wraps_before_its_note(
    phone_site, new_browser_page, lang
):
    browser_page = new_browser_page(base_url=phone_site, **PHONE)
    browser_page.visit(f"/regions/{WANGCANG}/?lang={lang}", f"region-{lang}")
    index = browser_page.page.evaluate(INDICATOR_INDEX)
    assert index["name"] >= 8 * index["em"] - 0.5, index  # 8em, to a rounding of the box
    assert index["note"] > 0, index  # the value has a note: 30 persons (sum of 2 parts)
    assert len(index["number"]) == 1, index  # its number and unit on one line
    assert len(index["whole"]) >= 2, index  # the note on a line of its own
    browser_page.assert_clean()


@pytest.mark.parametrize(("lang", "width"), [("en", 390), ("en", 1280), ("zh-hans", 390)])
def test_the_overview_chart_draws_every_province_name_whole(
    phone_site, new_browser_page, lang, width
):
    """A new-user pass found "Inner Mongolia Autonomous Region" cut at the canvas's left
    edge at 390 px: long names are drawn on two lines, every label inside the canvas."""
    browser_page = new_browser_page(base_url=phone_site, width=width, height=844)
    page = browser_page.page
    browser_page.visit(f"/?lang={lang}", f"overview-chart-{lang}-{width}")
    page.locator("#province-chart[data-chart-ready='1']").wait_for()
    chart = page.evaluate(CHART_LABELS, "province-chart")
    assert chart["axis"] == "y" and len(chart["labels"]) == 11  # more than 10: horizontal
    assert all(label["left"] >= 0 for label in chart["labels"]), chart
    names = [" ".join(label["lines"]) for label in chart["labels"]]
    if lang == "en":
        assert "Inner Mongolia Autonomous Region" in names
        mongolia = chart["labels"][names.index("Inner Mongolia Autonomous Region")]
        two = ["Inner Mongolia", "Autonomous Region"]
        assert mongolia["lines"] == (two if width == 390 else [" ".join(two)])
    else:
        assert "内蒙古自治区" in names
    browser_page.assert_clean()


@pytest.mark.parametrize(("lang", "width"), [("en", 390), ("zh-hans", 390), ("en", 1280)])
def test_few_overview_bars_run_sideways_on_a_phone_with_straight_names(
    site,  # noqa: F811
    new_browser_page,
    lang,
    width,
):
    """The seed's five provinces made five upright bars at 390 px, their long English names
    slanted on four lines into each other (a new-user pass): on a phone the overview's
    count charts are horizontal, each name level beside its bar; a desktop keeps columns."""
    browser_page = new_browser_page(base_url=site, width=width, height=844)
    page = browser_page.page
    browser_page.visit(f"/?lang={lang}", f"overview-few-{lang}-{width}")
    for chart_id in ("province-chart", "topic-chart"):
        page.locator(f"#{chart_id}[data-chart-ready='1']").wait_for()
        chart = page.evaluate(CHART_LABELS, chart_id)
        assert chart["axis"] == ("y" if width == 390 else "x"), chart
        if width == 390:
            assert all(label["rotation"] == 0 for label in chart["labels"]), chart
            assert all(label["left"] >= 0 for label in chart["labels"]), chart
    chart = page.evaluate(CHART_LABELS, "province-chart")
    lines = [label["lines"] for label in chart["labels"]]
    if lang == "en" and width == 390:
        assert ["Inner Mongolia", "Autonomous Region"] in lines, lines
        assert ["Sichuan Province"] in lines, lines
    elif lang == "zh-hans":
        assert lines == [["四川省"], ["内蒙古自治区"], ["江西省"], ["广西壮族自治区"], ["青海省"]]
    browser_page.assert_clean()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_compare_map_legend_covers_no_province(phone_site, new_browser_page, width):
    """At 390 px the upright legend in the bottom-left corner covered Xizang and Xinjiang
    (a new-user pass): on a phone it is a horizontal bar in a strip below the map."""
    browser_page = new_browser_page(base_url=phone_site, width=width, height=900)
    page = browser_page.page
    url = "/compare/?indicator=registered-volunteers&level=province&tab=map"
    browser_page.visit(url, f"compare-map-{width}")
    page.locator("#compare-map[data-chart-ready='1']").wait_for()
    legend = page.evaluate(MAP_LEGEND)
    assert legend["covered"] == [], legend
    assert legend["box"]["bottom"] <= legend["height"] - 18, legend  # above the source line
    if width == 390:
        assert isinstance(legend["position"], dict), legend
    else:
        assert legend["position"] == "bottom-left", legend  # the corner the map leaves empty
    browser_page.assert_clean()


FILTER_FIELDS = """() => { const boxes = {};
  for (const f of document.querySelectorAll('.filter-form .field')) {
    const input = f.querySelector('input, select');
    const r = f.getBoundingClientRect();
    boxes[input.name] = {top: Math.round(r.top), left: Math.round(r.left), right: Math.round(r.right)};
  }
  const form = document.querySelector('.filter-form').getBoundingClientRect();
  return {boxes: boxes, formBottom: form.bottom, formRight: form.right}; }"""


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_the_list_filters_take_two_short_fields_a_row_on_a_phone(
    phone_site, new_browser_page, lang
):
    """One field a row, the form took the first 1,000 px of a search on a phone and no
    result was in sight (a new-user pass): topic and kind, the two dates, year and
    publication share rows; the search box, region and order keep a whole row; nothing
    reaches past the form's edge."""
    browser_page = new_browser_page(base_url=phone_site, **PHONE)
    browser_page.visit(f"/articles/?q=志愿者&lang={lang}", f"phone-filters-{lang}")
    form = browser_page.page.evaluate(FILTER_FIELDS)
    boxes = form["boxes"]
    for left, right in (("topic", "kind"), ("published_after", "published_before")):
        assert boxes[left]["top"] == boxes[right]["top"], boxes
        assert boxes[left]["right"] < boxes[right]["left"], boxes
    assert boxes["year"]["top"] == boxes["source"]["top"], boxes
    for whole in ("q", "region", "o"):
        assert boxes[whole]["right"] - boxes[whole]["left"] > 300, boxes
    assert max(b["right"] for b in boxes.values()) < form["formRight"], form
    assert form["formBottom"] < 844, form  # the result count shows on the first screen
    browser_page.assert_clean()
