"""Wide tables on a 390 px phone show that they scroll sideways (a new-user pass found the
region page's values table and the article page's metric table scrolled inside their box
with no sign that more columns exist).

The sign is a shadow at each edge of the box that has more columns beyond it
(``.table-scroll`` in static/css/site.css). It is measured from screenshots of the box
with the table hidden (only the box's background is painted): a strip at an edge is
darker than white where the shadow shows.
"""

import io
from datetime import date
from pathlib import Path

import pytest
from PIL import Image, ImageStat

from articles.reference import sync_reference_data
from articles.services import ingest_page

pytestmark = pytest.mark.browser

SEED = Path(__file__).parent / "data" / "seed_page.txt"
WANGCANG_TITLE = "文明耀旺苍 新风拂茶乡"


@pytest.fixture(scope="module")
def seeded_site(read_only_live_server):
    sync_reference_data()
    report = ingest_page(
        text=SEED.read_text("utf-8"), publication="样例报", issue_date=date(2024, 1, 16)
    )
    assert report.articles_created == 8
    return read_only_live_server.url


def edge_darkness(page, box) -> dict[str, float]:
    """How far below white (0-255, mean over the strip) the 6 px strips just inside the
    box's left and right edges are, the table inside hidden."""
    shot = Image.open(io.BytesIO(box.screenshot())).convert("L")
    width, height = shot.size
    strips = {"left": (1, 7), "right": (width - 7, width - 1)}
    return {
        side: 255 - ImageStat.Stat(shot.crop((x0, 0, x1, height))).mean[0]
        for side, (x0, x1) in strips.items()
    }


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
@pytest.mark.parametrize(
    ("path", "table"),
    [
        ("/regions/510821/", "table.indicator-index"),  # 各指标数值 / Values by indicator
        ("/regions/510821/", "table.region-metrics"),
        # the article page's table.metrics is a list of cards on a phone, no scroll
        # (tests/test_browser_polish.py)
    ],
)
def test_a_wide_table_shows_a_shadow_at_the_edge_with_more_columns(
    seeded_site, new_browser_page, path, table, lang
):
    browser_page = new_browser_page(base_url=seeded_site, width=390, height=844)
    page = browser_page.page
    browser_page.visit(f"{path}?lang={lang}", f"w390-{lang}")
    box = page.locator(f".table-scroll:has({table})").first
    box.scroll_into_view_if_needed()
    sizes = box.evaluate("b => ({scroll: b.scrollWidth, client: b.clientWidth})")
    overflow = sizes["scroll"] - sizes["client"]
    assert overflow > 0  # it does scroll at 390 px
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # the page does not
    browser_page.screenshot(f"table-start-{lang}")
    box.evaluate("b => { b.querySelector('table').style.visibility = 'hidden'; }")
    at_start = edge_darkness(page, box)
    box.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
    at_end = edge_darkness(page, box)
    box.evaluate("b => { b.scrollLeft = (b.scrollWidth - b.clientWidth) / 2; }")
    midway = edge_darkness(page, box)
    # at the start: a shadow on the right (more columns there), none on the left
    assert at_start["right"] > 15 and at_start["left"] < 2
    # scrolled to the end: the other way round; in between: both
    assert at_end["left"] > 15 and at_end["right"] < 2
    if overflow > 100:  # the shadows grow in over the first 2rem scrolled
        assert midway["left"] > 15 and midway["right"] > 15
    box.evaluate("b => { b.querySelector('table').style.visibility = ''; }")
    browser_page.screenshot(f"table-middle-{lang}")
    browser_page.assert_clean()


def test_a_table_that_fits_shows_no_shadow(seeded_site, new_browser_page):
    browser_page = new_browser_page(base_url=seeded_site, width=1280, height=900)
    page = browser_page.page
    browser_page.visit("/regions/510821/", "w1280")
    box = page.locator(".table-scroll:has(table.region-metrics)").first
    sizes = box.evaluate("b => ({scroll: b.scrollWidth, client: b.clientWidth})")
    assert sizes["scroll"] <= sizes["client"]
    box.evaluate("b => { b.querySelector('table').style.visibility = 'hidden'; }")
    assert max(edge_darkness(page, box).values()) < 2
    browser_page.assert_clean()


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_the_article_metrics_fit_a_desktop_window_in_both_languages(
    seeded_site, new_browser_page, lang
):
    """A new-user pass: in English the Golmud article's metrics overflowed a 1280 px window
    by 43 px, the review status cut off, because "1,692 yuan per person per month" and its
    previous value each kept to one line. English values wrap at the unit's spaces."""
    from articles.models import Article

    article = Article.objects.get(title="托起百姓稳稳的幸福")
    browser_page = new_browser_page(base_url=seeded_site, width=1280, height=900)
    page = browser_page.page
    browser_page.visit(f"/articles/{article.pk}/?lang={lang}", f"article-w1280-{lang}")
    box = page.locator(".table-scroll:has(table.metrics)").first
    sizes = box.evaluate("b => ({scroll: b.scrollWidth, client: b.clientWidth})")
    assert sizes["scroll"] <= sizes["client"], sizes
    number = page.locator("table.metrics td.num", has_text="1,692").first
    assert "1,692" in number.inner_text().splitlines()[0]  # a number is never split
    browser_page.assert_clean()


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_the_compare_table_fits_a_desktop_window_in_both_languages(
    seeded_site, new_browser_page, lang
):
    """A new-user pass: compare's one-line region path pushed the evidence column out of a
    1280 px window. The path wraps at its spaces; a Chinese name never per character."""
    browser_page = new_browser_page(base_url=seeded_site, width=1280, height=900)
    page = browser_page.page
    url = f"/compare/?indicator=volunteer-teams&level=county&tab=table&lang={lang}"
    browser_page.visit(url, f"compare-w1280-{lang}")
    box = page.locator(".table-scroll:has(#compare-table)").first
    sizes = box.evaluate("b => ({scroll: b.scrollWidth, client: b.clientWidth})")
    assert sizes["scroll"] <= sizes["client"], sizes
    heading = page.locator("#compare-table th[scope=row]").first.inner_text().splitlines()
    name = "Wangcang County" if lang == "en" else "旺苍县"
    assert any(line.endswith(name) for line in heading), heading
    browser_page.assert_clean()


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
@pytest.mark.parametrize("tab", ["table", "chart"])
def test_a_phone_shows_the_column_the_compare_table_is_sorted_by(
    seeded_site, new_browser_page, lang, tab
):
    """The change view is sorted by 变化, which a 390 px phone showed off screen to the
    right (a new-user pass): the table is scrolled to it, on load or when its tab is
    opened, and the region column stays in view (sticky) beside it."""
    browser_page = new_browser_page(base_url=seeded_site, width=390, height=844)
    page = browser_page.page
    url = (
        f"/compare/?indicator=registered-volunteers&level=county&view=change&tab={tab}&lang={lang}"
    )
    browser_page.visit(url, f"compare-sorted-column-w390-{tab}-{lang}")
    if tab == "chart":
        page.locator("[role=tab][data-tab=table]").click()
    sorted_link = page.locator("#compare-table thead a[data-sorted]")
    assert sorted_link.get_attribute("data-sort") == "change"  # sorted by -change: its flip
    box = page.locator(".table-scroll:has(#compare-table)").first
    inner = box.bounding_box()
    for _ in range(50):  # scrolled on load, or when the tab is shown
        column = sorted_link.bounding_box()
        if column["x"] + column["width"] <= inner["x"] + inner["width"] + 1:
            break
        page.wait_for_timeout(100)
    region = page.locator("#compare-table th[scope=row]").first.bounding_box()
    assert inner["x"] <= region["x"] and region["x"] + region["width"] <= column["x"] + 1
    assert column["x"] + column["width"] <= inner["x"] + inner["width"] + 1
    # no column half under the region column: a stray unit (人) showed on every row
    edge = region["x"] + region["width"]
    for head in page.locator("#compare-table thead th").all()[1:]:
        box_ = head.bounding_box()
        assert box_["x"] + box_["width"] <= edge + 1 or box_["x"] >= edge - 1, box_
    browser_page.assert_clean()


def test_a_desktop_compare_table_is_not_scrolled(seeded_site, new_browser_page):
    browser_page = new_browser_page(base_url=seeded_site, width=1280, height=900)
    page = browser_page.page
    url = "/compare/?indicator=registered-volunteers&level=county&view=change&tab=table"
    browser_page.visit(url, "compare-sorted-column-w1280")
    box = page.locator(".table-scroll:has(#compare-table)").first
    assert box.evaluate("b => b.scrollLeft") == 0
    position = page.locator("#compare-table th[scope=row]").first.evaluate(
        "th => getComputedStyle(th).position"
    )
    assert position == "static"
    browser_page.assert_clean()
