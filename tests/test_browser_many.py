"""Compare with 3,000 counties in headless Chromium at device pixel ratios 1, 2 and 3
(issue 10.4): the canvas stays inside the browser's 32,767-pixel limit, every charted bar
is painted (its centre pixel has the bar colour), the page says what the chart shows and
the console has no errors."""

import pytest

from articles.charts import CHART_EACH_END
from articles.reference import sync_reference_data
from tests.factories import county_metrics
from tests.test_browser import compare_table_rows

pytestmark = pytest.mark.browser

CANVAS_LIMIT = 32_767
BAR_RGB = (0x1F, 0x5F, 0x99)  # COLOR in static/js/charts.js

#: Per bar: its value, and the RGB of the canvas pixel at the bar's centre (device pixels).
BARS_JS = """() => {
  const canvas = document.querySelector('#compare-chart');
  const chart = Chart.getChart(canvas);
  const ctx = canvas.getContext('2d');
  const scale = canvas.width / canvas.clientWidth;
  const bars = chart.getDatasetMeta(0).data.map((bar, i) => {
    const value = chart.data.datasets[0].data[i];
    const x = Math.round(((bar.x + bar.base) / 2) * scale), y = Math.round(bar.y * scale);
    return {value, rgb: Array.from(ctx.getImageData(x, y, 1, 1).data.slice(0, 3))};
  });
  return {width: canvas.width, height: canvas.height, scale, bars};
}"""


@pytest.fixture(scope="module")
def three_thousand(read_only_live_server):
    """3,000 county metrics, stored once for the six read-only runs below (~4 s each)."""
    sync_reference_data()
    adcodes = county_metrics(3000)
    return read_only_live_server.url, adcodes


@pytest.mark.parametrize("scale", [1, 2, 3])
@pytest.mark.parametrize("width", [1280, 390])
def test_3000_counties_chart_the_ends_within_canvas_limits(
    three_thousand, new_browser_page, scale, width
):
    base, adcodes = three_thousand
    browser_page = new_browser_page(base_url=base, width=width, height=900, scale=scale)
    page = browser_page.page
    browser_page.visit("/compare/?indicator=registered-volunteers", f"compare-3000-x{scale}")
    page.wait_for_function("document.querySelector('#compare-chart').dataset.chartReady")
    drawn = page.evaluate(BARS_JS)
    assert drawn["scale"] == pytest.approx(scale, rel=0.01)
    assert 0 < drawn["width"] <= CANVAS_LIMIT and 0 < drawn["height"] <= CANVAS_LIMIT
    values = [b["value"] for b in drawn["bars"]]
    assert len(values) == 2 * CHART_EACH_END + 1 and values[CHART_EACH_END] is None
    assert values[0] == 1000 + 7 * 2999 and values[-1] == 1000
    painted = [b for b in drawn["bars"] if b["value"] is not None]
    assert all(tuple(b["rgb"]) == BAR_RGB for b in painted), [
        b for b in painted if tuple(b["rgb"]) != BAR_RGB
    ][:3]
    shown = page.locator("#chart-shown").inner_text()
    assert shown.startswith("图中只画出数值最大的25个和最小的25个地区（共3,000个地区）")
    rows = compare_table_rows(page)
    assert rows.count() == 100
    assert rows.first.get_attribute("data-adcode") == adcodes[0]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    browser_page.assert_clean()
