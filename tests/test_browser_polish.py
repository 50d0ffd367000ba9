"""Browser checks of a new-user pass's polish items (headless Chromium, the seed page)."""

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
def test_without_javascript_the_chart_and_map_leave_no_blank_area(
    site, new_browser_page, tab, box
):
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
