"""The compare page's chart/table/map tabs, the map, the sources panel and the SVG download
(issue 10.5 and 10.6), in headless Chromium on the seed page plus province figures made
here (the seed has none at province level)."""

import re
from datetime import date
from decimal import Decimal

import pytest

from tests.factories import ArticleFactory, MetricFactory, indicator, region
from tests.test_browser import query, site  # noqa: F401  (the live server with the seed)

pytestmark = pytest.mark.browser

# Registered volunteers of seven provincial divisions (persons; made up, round numbers).
PROVINCES = {
    "440000": 15_000_000,
    "510000": 9_500_000,
    "530000": 5_200_000,
    "110000": 4_500_000,
    "230000": 2_800_000,
    "650000": 2_100_000,
    "540000": 300_000,
}
URL = "/compare/?indicator=registered-volunteers&level=province"
MAP_DRAWN = "#compare-map[data-chart-ready='1']"  # waited for by selector: CSP forbids eval
# Pixels of the map canvas that are neither white nor transparent.
INK = """() => { const c = document.querySelector('#compare-map');
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
  for (let i = 0; i < d.length; i += 4) if (d[i + 3] && (d[i] < 250 || d[i + 1] < 250 || d[i + 2] < 250)) n++;
  return n; }"""


@pytest.fixture
def provinces(site):  # noqa: F811
    for adcode, value in PROVINCES.items():
        article = ArticleFactory(region=region(adcode), published=date(2024, 3, 1))
        MetricFactory(
            article=article, indicator=indicator("registered-volunteers"), value=Decimal(value)
        )
    return site


@pytest.mark.parametrize(("lang", "width"), [("zh-hans", 1280), ("en", 390)])
def test_tabs_switch_in_place_and_the_map_draws_every_province(
    provinces, new_browser_page, lang, width
):
    browser_page = new_browser_page(base_url=provinces, width=width, height=900)
    page = browser_page.page
    browser_page.visit(f"{URL}&lang={lang}", f"compare-tabs-{lang}-{width}")
    assert page.locator("[role=tablist] [role=tab]").count() == 3
    assert page.locator("#panel-chart").is_visible()
    assert page.locator("#panel-table").is_hidden() and page.locator("#panel-map").is_hidden()

    page.locator("#tab-map").click()
    page.locator(MAP_DRAWN).wait_for()
    assert query(page.url)["tab"] == ["map"]
    assert page.locator("#panel-map").is_visible() and page.locator("#panel-chart").is_hidden()
    canvas = page.locator("#compare-map")
    assert canvas.get_attribute("data-shapes") == "35"  # 34 divisions + the 南海诸岛 inset
    assert canvas.get_attribute("data-with-data") == "7"
    assert page.evaluate(INK) > 5000  # drawn, not blank
    # Guangdong, the largest value, is the darkest shape; Beijing's tooltip names it.
    names = page.evaluate("Chart.getChart(document.querySelector('#compare-map')).data.labels")
    assert ("北京市" if lang == "zh-hans" else "Beijing") in " ".join(names)
    # charts.js's white background and source line frame the map's PNG too.
    plugins = page.evaluate(
        "Chart.getChart(document.querySelector('#compare-map')).config.plugins.map(p => p.id)"
    )
    assert plugins == ["govreportsWhiteBackground", "govreportsSource"]
    page.screenshot(path=f"test-artifacts/compare-map-{lang}-{width}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    # Keyboard: ArrowLeft from the map goes to the table, Home to the chart.
    page.locator("#tab-map").focus()
    page.keyboard.press("ArrowLeft")
    assert page.locator("#tab-table").get_attribute("aria-selected") == "true"
    assert page.locator("#panel-table").is_visible()
    assert query(page.url)["tab"] == ["table"]
    # served without its rows (the page opened on another tab), read in place when shown
    rows = page.locator("#compare-table tbody tr[data-adcode]")
    rows.first.wait_for()
    assert rows.count() == 7 and page.locator("#panel-table[aria-busy]").count() == 0
    sorts = page.eval_on_selector_all(
        "#compare-table thead a[data-sort]", "a => a.map(x => x.href)"
    )
    assert sorts and all(query(href)["tab"] == ["table"] for href in sorts)
    page.keyboard.press("Home")
    assert page.locator("#panel-chart").is_visible()
    browser_page.assert_clean()


def test_a_row_without_a_previous_value_says_so_across_the_change_columns(
    provinces, new_browser_page
):
    """Beside a row with a previous value, a row without one shows one "—" across the
    three change columns, centred: it stood right-aligned under 变化率 alone, and the
    other two columns read as blank (a new-user pass)."""
    older = ArticleFactory(region=region("440000"), published=date(2023, 3, 1))
    MetricFactory(
        article=older, indicator=indicator("registered-volunteers"), value=Decimal(14_000_000)
    )
    browser_page = new_browser_page(base_url=provinces)
    page = browser_page.page
    browser_page.visit(f"{URL}&tab=table", "compare-table-no-previous")
    changed = page.locator("#compare-table tbody tr[data-adcode='440000'] td.num")
    assert "+1,000,000" in changed.all_inner_texts()[2]
    cell = page.locator("#compare-table tbody tr[data-adcode='510000'] td.missing[colspan='3']")
    assert cell.inner_text() == "—"
    assert cell.evaluate("c => getComputedStyle(c).textAlign") == "center"
    browser_page.assert_clean()


def test_a_map_link_works_without_script_state_and_counties_say_the_map_is_coarser(
    provinces, new_browser_page
):
    browser_page = new_browser_page(base_url=provinces)
    page = browser_page.page
    browser_page.visit(f"{URL}&tab=table", "compare-table-tab")
    assert page.locator("#panel-table").is_visible()
    assert page.locator("#compare-table tbody tr[data-adcode]").count() == 7
    # Counties have no boundary file: a message and a link to the province map.
    browser_page.visit(
        "/compare/?indicator=registered-volunteers&level=county&tab=map", "county-map"
    )
    note = page.locator("#map-unavailable")
    assert "省级和地级" in note.inner_text()
    note.get_by_role("link", name=re.compile("省级")).click()
    page.locator(MAP_DRAWN).wait_for()
    assert query(page.url)["level"] == ["province"]
    browser_page.assert_clean()


def test_a_table_that_cannot_be_read_in_place_is_opened_by_its_link(provinces, new_browser_page):
    """When the table's panel cannot be read in place (the request fails), its tab's link
    is followed, as without JavaScript: the reader gets the table, never an empty panel."""
    browser_page = new_browser_page(base_url=provinces)
    page = browser_page.page
    browser_page.visit(URL, "compare-table-fallback")
    assert page.locator("#panel-table[data-panel-src]").count() == 1
    page.route(
        "**/compare/**",
        lambda route: (
            route.abort() if route.request.resource_type == "fetch" else route.continue_()
        ),
    )
    page.locator("#tab-table").click()
    page.locator("#compare-table tbody tr[data-adcode]").first.wait_for()
    assert page.locator("#compare-table tbody tr[data-adcode]").count() == 7
    assert query(page.url)["tab"] == ["table"]
    # a page served on the table has its rows and nothing left to read
    assert page.locator("#panel-table[data-panel-src]").count() == 0


def test_a_table_read_that_fails_after_another_tab_was_chosen_stays_on_that_tab(
    provinces, new_browser_page
):
    """The reader chose the map while the table was being read, and the read failed: the
    page stays on the map (it followed the table's link, a new-user pass), and the table
    is read again when its tab is chosen again."""
    browser_page = new_browser_page(base_url=provinces)
    page = browser_page.page
    browser_page.visit(URL, "compare-table-failed-on-map")
    held = []
    page.route(
        "**/compare/**",
        lambda route: (
            held.append(route) if route.request.resource_type == "fetch" else route.continue_()
        ),
    )
    page.locator("#tab-table").click()
    page.wait_for_function("document.querySelector('#panel-table[aria-busy]') !== null")
    page.locator("#tab-map").click()
    assert len(held) == 1
    held.pop().abort()
    page.locator("#panel-table[data-panel-src]:not([aria-busy])").wait_for(state="attached")
    assert query(page.url)["tab"] == ["map"] and page.locator("#panel-map").is_visible()
    page.unroute("**/compare/**")
    page.locator("#tab-table").click()
    rows = page.locator("#compare-table tbody tr[data-adcode]")
    rows.first.wait_for()
    assert rows.count() == 7 and query(page.url)["tab"] == ["table"]


def test_the_tables_page_stays_in_the_address_whatever_the_tab(provinces, new_browser_page):
    """Going to the chart and back left the table on its page but took ``page`` out of the
    address: a reload, the copied link and the language switch opened page 1 (a
    new-user pass)."""
    browser_page = new_browser_page(base_url=provinces)
    page = browser_page.page
    browser_page.visit(f"{URL}&tab=table&page=1", "compare-table-page-kept")
    page.locator("#tab-chart").click()
    assert query(page.url)["page"] == ["1"] and query(page.url)["tab"] == ["chart"]
    page.locator("#tab-table").click()
    assert query(page.url)["page"] == ["1"] and query(page.url)["tab"] == ["table"]
    browser_page.assert_clean()


def test_sources_panel_citation_and_svg_download(provinces, new_browser_page):
    browser_page = new_browser_page(base_url=provinces)
    page = browser_page.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    browser_page.visit(f"{URL}&lang=en", "compare-sources-en")
    page.locator("#compare-chart[data-chart-ready]").wait_for()
    panel = page.locator(".sources-panel")
    text = panel.inner_text()
    assert "Registered volunteers: a count at a point in time, in persons." in text
    assert "Province · 7 regions, 7 articles" in text
    assert "测试报 (7 articles)" in text
    citation = page.locator("#citation").input_value()
    assert (
        citation.startswith("govreports (")
        and "Registered volunteers, province level, 2024-03-01." in citation
    )
    page.locator("button[data-copy-target=citation]").click()
    page.locator("button[data-copy-target=citation]", has_text="Citation copied").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == citation
    assert query(copied.rsplit(" from ", 1)[1]) == {  # the canonical address: no lang
        "indicator": ["registered-volunteers"],
        "level": ["province"],
    }

    with page.expect_download() as download:
        page.locator("a[data-chart-svg]").click()
    assert download.value.suggested_filename == "compare-registered-volunteers-province.svg"
    svg = open(download.value.path(), encoding="utf-8").read()
    assert svg.startswith("<?xml") or svg.startswith("<svg")
    assert "Registered volunteers" in svg and "Province · 7 regions" in svg  # title, subtitle
    assert "Source: govreports" in svg  # the source line with the date
    assert svg.count("<path") + svg.count("<rect") >= 7  # the bars, as vectors
    browser_page.assert_clean()


# The colour scale's ticks (value, label), its legend's length and the colour of each
# shape with a value.
COLOR_SCALE = """() => { const c = Chart.getChart(document.querySelector('#compare-map'));
  const s = c.scales.color;
  return {ticks: s.ticks.map(t => [t.value, t.label]), length: s.options.legend.length,
    colors: [...new Set(c.data.datasets[0].data.filter(p => p.row)
      .map(p => s.getColorForValue(p.value)))]}; }"""


@pytest.mark.parametrize(
    ("values", "lang", "width", "label", "bound"),
    [
        ({"510000": 300_000}, "zh-hans", 1280, "30万人", ""),
        ({"510000": 300_000}, "en", 390, "300K persons", ""),
        ({"510000": 300_000, "530000": 300_000}, "en", 1280, "300K persons", ""),  # all equal
        ({"510000": 300_000}, "zh-hans", 1280, "≥30万人", "lower"),  # 30余万人
    ],
)
def test_a_single_value_has_a_legend_of_that_value_alone(
    site,  # noqa: F811
    new_browser_page,
    values,
    lang,
    width,
    label,
    bound,
):
    """One province with a value had a legend bar over a range nobody reported (630 to
    710 for one city's 670, a new-user pass): one value is one swatch, one tick, its
    value with its unit and its bound sign (a lone "670" read as exact for 670余支), and
    every shape with it one colour."""
    for adcode, value in values.items():
        article = ArticleFactory(region=region(adcode), published=date(2024, 3, 1))
        MetricFactory(
            article=article,
            indicator=indicator("registered-volunteers"),
            value=Decimal(value),
            bound=bound,
        )
    browser_page = new_browser_page(base_url=site, width=width, height=900)
    page = browser_page.page
    browser_page.visit(f"{URL}&tab=map&lang={lang}", f"single-value-{lang}-{width}")
    page.locator(MAP_DRAWN).wait_for()
    scale = page.evaluate(COLOR_SCALE)
    assert scale == {"ticks": [[300_000, label]], "length": 16, "colors": ["#4a89c2"]}
    browser_page.assert_clean()


def test_several_values_keep_the_graded_legend(provinces, new_browser_page):
    browser_page = new_browser_page(base_url=provinces)
    page = browser_page.page
    browser_page.visit(f"{URL}&tab=map", "graded-legend")
    page.locator(MAP_DRAWN).wait_for()
    scale = page.evaluate(COLOR_SCALE)
    assert len(scale["ticks"]) >= 3 and scale["length"] == 120
    assert len(scale["colors"]) == 7  # seven values, seven shades
    browser_page.assert_clean()


# The inset's middle meridian (129.05°E from 18.35°N to 25°N), its sides (126°E, 132.1°E)
# and a meridian through 台湾 (121.5°E),
# each streamed as a line through the map's projection, as chartjs-chart-geo draws shapes,
# and through the plain conic at the same scale and offset.
EDGES = """() => {
  const p = Chart.getChart(document.querySelector('#compare-map')).scales.projection.projection;
  const plain = ChartGeo.geoConicEqualArea().parallels([25, 47]).rotate([-105, 0])
    .scale(p.scale()).translate(p.translate());
  function drawn(projection, lon) {
    const xs = [];
    const sink = {point: (x) => xs.push(x), lineStart() {}, lineEnd() {},
                  polygonStart() {}, polygonEnd() {}, sphere() {}};
    const s = projection.stream(sink);
    s.lineStart(); s.point(lon, 18.35); s.point(lon, 25); s.lineEnd();
    return xs;
  }
  return {inset: drawn(p, 129.05), insetPlain: drawn(plain, 129.05),
          west: drawn(p, 126), east: drawn(p, 132.1),
          taiwan: drawn(p, 121.5), taiwanPlain: drawn(plain, 121.5)};
}"""


def test_the_south_china_sea_inset_stands_upright(provinces, new_browser_page):
    """The conic projection leans a box at 129°E by about 12°; the map turns the inset
    back (a new-user pass saw it tilted) and leaves every other shape where the conic
    puts it."""
    browser_page = new_browser_page(base_url=provinces)
    page = browser_page.page
    browser_page.visit(f"{URL}&tab=map", "upright-inset")
    page.locator(MAP_DRAWN).wait_for()
    edges = page.evaluate(EDGES)
    lean = edges["insetPlain"][0] - edges["insetPlain"][-1]
    assert lean > 5  # the conic alone leans the box (its top to the left) by pixels
    assert max(edges["inset"]) - min(edges["inset"]) < 0.5  # its middle upright
    # its sides lean alike, inwards to the top (the meridians converge), a pixel or two
    west = edges["west"][0] - edges["west"][-1]
    east = edges["east"][0] - edges["east"][-1]
    assert -3 < west < 0 < east < 3 and abs(west + east) < 0.5, (west, east)
    assert edges["taiwan"] == pytest.approx(edges["taiwanPlain"])  # 台湾 is not moved
    assert edges["taiwan"][0] - edges["taiwan"][-1] > 3  # and still leans as the conic's
    browser_page.assert_clean()


@pytest.mark.parametrize("tab", ["table", "map"])
def test_the_chart_downloads_hold_the_chart_when_the_page_opens_on_another_tab(
    provinces, new_browser_page, tab
):
    """A page opened (reloaded, bookmarked, shared) on the table or map tab has never
    shown its chart: its PNG was 0 bytes and its SVG 0×0 (a new-user pass). The downloads
    draw the chart at its panel's width; the chart tab still shows it when opened."""
    browser_page = new_browser_page(base_url=provinces, width=1280, height=900)
    page = browser_page.page
    browser_page.visit(f"{URL}&tab={tab}&lang=en", f"downloads-from-{tab}")
    page.locator("#compare-chart[data-chart-ready]").wait_for(state="attached")
    assert page.locator("#panel-chart").is_hidden()
    # the link to this view is offered under every tab (it was under the chart alone)
    assert page.locator("button[data-share-url]").is_visible()
    # the SVG first, then the PNG: each must lay the chart out itself
    with page.expect_download() as svg_download:
        page.locator("a[data-chart-svg]").click()
    svg = open(svg_download.value.path(), encoding="utf-8").read()
    assert 'width="0"' not in svg and svg.count("<path") + svg.count("<rect") >= 7
    assert "Registered volunteers" in svg
    page.wait_for_timeout(300)  # a resize the panel's hiding queues has happened
    with page.expect_download() as png:
        page.locator(".sources-panel a[data-chart-download=compare-chart]").click()
    data = open(png.value.path(), "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert width >= 600 and height >= 200, (width, height)
    assert page.locator("#panel-chart").is_hidden()  # the page did not move
    page.locator("#tab-chart").click()
    assert page.evaluate("document.querySelector('#compare-chart').offsetWidth") > 600
    browser_page.assert_clean()
