"""The review queue in headless Chromium (issue 11, points 1 and 8): the sample page's
metrics reviewed by keyboard alone, under the Content-Security-Policy, with the public
pages following each decision; screenshots at 1,280 px and phone width."""

import pytest

from articles.models import Metric, MetricStatus
from tests.factories import StaffUserFactory
from tests.test_browser import compare_table_rows, site  # noqa: F401  (the seeded live server)
from tests.test_browser_csp import RECORD_VIOLATIONS, violations

pytestmark = pytest.mark.browser


def log_in(page) -> None:
    StaffUserFactory(username="reviewer1")
    page.goto("/admin/login/?next=/admin/")
    page.fill("#id_username", "reviewer1")
    page.fill("#id_password", "pw")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")


def press_and_wait(page, key: str) -> None:
    with page.expect_navigation():
        page.keyboard.press(key)


def test_the_sample_pages_metrics_are_reviewed_by_keyboard_alone(
    site,  # noqa: F811
    new_browser_page,
):
    browser_page = new_browser_page(base_url=site)
    page = browser_page.page
    page.add_init_script(RECORD_VIOLATIONS)
    log_in(page)
    waiting = Metric.objects.filter(status=MetricStatus.EXTRACTED).count()
    assert waiting > 3
    assert f"审核队列：{waiting} 条指标值待审核" in page.locator("#review-queue-link").inner_text()
    page.click("#review-queue-link a")
    page.wait_for_selector("#review-current")
    assert violations(page) == []
    browser_page.screenshot("queue-1280")

    # 1: reject the first metric with R
    first = int(page.locator("input[name=metric]").first.get_attribute("value"))
    press_and_wait(page, "r")
    assert Metric.objects.get(pk=first).status == MetricStatus.REJECTED
    # 2: correct the second with C, typing the value, Enter
    second = int(page.locator("input[name=metric]").first.get_attribute("value"))
    old = Metric.objects.get(pk=second).value
    page.keyboard.press("c")
    assert page.evaluate("document.activeElement.id") == "id_fix-value"
    page.keyboard.type(str(old + 1))
    press_and_wait(page, "Enter")
    corrected = Metric.objects.get(pk=second)
    assert (corrected.status, corrected.value) == (MetricStatus.CORRECTED, old + 1)
    assert corrected.reviews.get().changes["value"][0] == format(old.normalize(), "f")
    # the rest: A each, one keystroke per metric
    keystrokes = 0
    while page.locator("#review-current").count():
        press_and_wait(page, "a")
        keystrokes += 1
    assert keystrokes == waiting - 2
    assert not Metric.objects.filter(status=MetricStatus.EXTRACTED).exists()
    assert "没有待审核的指标值" in page.content()
    assert violations(page) == []

    # the public article page shows the verdicts at once; the rejected one is gone
    article = corrected.article
    page.goto(article.get_absolute_url())
    assert page.locator(f"#m-{first}").count() == 0
    states = page.locator("td.review-state").all_inner_texts()
    assert "已更正" in states and "待审核" not in states
    browser_page.assert_clean()


def test_queue_screenshots_at_desktop_and_phone_width(site, new_browser_page):  # noqa: F811
    for width, height in ((1280, 900), (390, 844)):
        browser_page = new_browser_page(base_url=site, width=width, height=height)
        page = browser_page.page
        page.add_init_script(RECORD_VIOLATIONS)
        log_in(page)
        browser_page.visit("/admin/articles/metric/review/", f"queue-{width}")
        # nothing wider than the viewport: the page never scrolls sideways
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        browser_page.visit("/admin/articles/metric/review/?view=list", f"list-{width}")
        assert violations(page) == []
        browser_page.assert_clean()


def test_the_article_change_page_fits_1280_px_without_offsets(site, new_browser_page):  # noqa: F811
    from articles.models import Article

    browser_page = new_browser_page(base_url=site, width=1280, height=900)
    page = browser_page.page
    page.add_init_script(RECORD_VIOLATIONS)
    log_in(page)
    article = max(Article.objects.all(), key=lambda a: a.metrics.count())
    browser_page.visit(f"/admin/articles/article/{article.pk}/change/", "article-change-1280")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    header = page.locator("#metrics-group thead").inner_text()
    assert "证据起点" not in header and "证据终点" not in header
    values = page.locator("#metrics-group input[name$='-value']").evaluate_all(
        "els => els.map(e => e.value)"
    )
    assert values and not any(v.endswith(".0000") for v in values)
    assert violations(page) == []
    browser_page.assert_clean()


def test_a_page_goes_from_upload_through_keyboard_review_to_a_verified_compare_chart(
    live_server, new_browser_page
):
    from pathlib import Path

    from articles.reference import sync_reference_data

    sync_reference_data()  # live-server tests run in flushed databases
    browser_page = new_browser_page(base_url=live_server.url)
    page = browser_page.page
    page.add_init_script(RECORD_VIOLATIONS)
    log_in(page)
    page.goto("/admin/articles/sourcepage/upload/")
    page.fill("#id_text", (Path(__file__).parent / "data" / "seed_page.txt").read_text("utf-8"))
    page.fill("#id_publication", "样例报")
    page.fill("#id_issue_date", "2024-01-16")
    with page.expect_navigation():
        page.click("input[name=preview]")
    with page.expect_navigation():
        page.click("input[name=confirm]")
    assert "/sourcepage/" in page.url and "已保存 1 个版面：8 篇新文章" in page.content(), page.url
    teams = Metric.objects.filter(indicator__slug="volunteer-teams")
    waiting = teams.count()
    assert waiting >= 2

    page.goto("/compare/?indicator=volunteer-teams&verified=1")
    assert page.locator("#compare-table tbody tr[data-adcode]").count() == 0  # nothing reviewed

    page.goto("/admin/articles/metric/review/?indicator=volunteer-teams")
    keystrokes = 0
    while page.locator("#review-current").count():
        press_and_wait(page, "a")
        keystrokes += 1
    assert keystrokes == waiting
    assert set(teams.values_list("status", flat=True)) == {MetricStatus.APPROVED}

    browser_page.visit("/compare/?indicator=volunteer-teams&verified=1", "verified-compare")
    page.wait_for_function("document.querySelector('#compare-chart').dataset.chartReady")
    assert "仅显示经人工审核" in page.locator("#verified-notice").inner_text()
    bars = page.evaluate(
        "() => Chart.getChart(document.querySelector('#compare-chart')).getDatasetMeta(0).data.length"
    )
    rows = compare_table_rows(page)
    assert bars == rows.count() >= 1
    assert set(rows.locator(".review-state").all_inner_texts()) == {"已确认"}
    assert violations(page) == []
    browser_page.assert_clean()


def test_the_admin_shows_a_bound_sign_as_the_site_does_without_an_underline(
    site,  # noqa: F811
    new_browser_page,
):
    """A new-user pass: the admin's dotted <abbr> underline under ≥ read as ≳ (the site's
    css drops it). The review list, the metric list and an article's metrics load
    admin-values.css; the article page is the site's own rule."""
    browser_page = new_browser_page(base_url=site)
    page = browser_page.page
    log_in(page)
    bounded = Metric.objects.exclude(bound="").select_related("article").first()
    assert bounded is not None  # the sample page has 余/多/近 values
    decorations = "els => els.map(e => [e.textContent, getComputedStyle(e).textDecorationLine])"
    for url in (
        "/admin/articles/metric/review/?view=list&status=all",
        "/admin/articles/metric/",
        f"/admin/articles/article/{bounded.article_id}/change/",
        bounded.article.get_absolute_url(),
    ):
        page.goto(url)
        signs = page.locator("abbr[title]").evaluate_all(decorations)
        assert signs, url
        assert {sign for sign, _ in signs} <= {"≥", "≤", "≈"}, url
        assert {line for _, line in signs} == {"none"}, url
    browser_page.assert_clean()


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_the_metric_list_fits_1280_px_beside_its_filters(site, new_browser_page, lang):  # noqa: F811
    """Eight columns and the filters, no sideways scroll (the list scrolled with nine
    columns beside the navigation sidebar, gone from the admin, and the filters): long
    indicator and region names wrap, the evidence keeps a readable width."""
    browser_page = new_browser_page(base_url=site, width=1280, height=900)
    page = browser_page.page
    log_in(page)
    # sorted on three columns: each sorted heading carries its sort buttons
    browser_page.visit(f"/admin/articles/metric/?o=-1.2.3&lang={lang}", f"metric-list-{lang}")
    heading = page.locator("#result_list thead").inner_text()
    assert ("EVIDENCE" if lang == "en" else "证据") in heading.upper()
    assert page.locator("#nav-sidebar").count() == 0
    widths = page.evaluate(
        "() => { const r = document.querySelector('#changelist .results');"
        " return [r.scrollWidth, r.clientWidth, document.documentElement.scrollWidth,"
        " document.querySelector('#result_list td.field-evidence_text').offsetWidth,"
        " document.querySelector('#result_list td.field-status').offsetWidth]; }"
    )
    assert widths[0] <= widths[1] and widths[2] <= 1280
    assert widths[3] >= 150  # a sentence reads on a few lines, not a character a line
    assert widths[4] >= 50  # 待审核 on one line (Chinese wraps after any character)
    browser_page.assert_clean()


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_every_admin_list_and_an_articles_metrics_fit_1280_px(site, new_browser_page, lang):  # noqa: F811
    """No admin page scrolls sideways at 1280 px: the ingest runs' list (seven counts with
    headings of two words), the indicators, the source pages, and an article's page with
    its metrics (1,344 px wide in English; a new-user pass)."""
    from django.utils import timezone

    from articles.models import Article, IngestRun

    IngestRun.objects.create(
        started_by="reviewer1",
        finished_at=timezone.now(),
        status="done",
        pages_total=1200,
        pages_stored=1150,
        pages_updated=20,
        pages_unchanged=25,
        pages_refused=5,
        articles_created=8000,
        articles_duplicate=120,
    )
    browser_page = new_browser_page(base_url=site, width=1280, height=900)
    page = browser_page.page
    log_in(page)
    article = max(Article.objects.all(), key=lambda a: a.metrics.count())
    for path in (
        "/admin/articles/ingestrun/",
        "/admin/articles/indicator/",
        "/admin/articles/sourcepage/",
        "/admin/articles/article/",
        f"/admin/articles/article/{article.pk}/change/",
    ):
        browser_page.visit(
            f"{path}?lang={lang}", f"admin-{lang}-{path.strip('/').replace('/', '-')}"
        )
        widths = page.evaluate(
            "() => { const r = document.querySelector('#changelist .results')"
            " || document.querySelector('#metrics-group .tabular');"
            " return [r ? r.scrollWidth - r.clientWidth : 0,"
            " document.documentElement.scrollWidth]; }"
        )
        assert widths[0] <= 0 and widths[1] <= 1280, (path, widths)
    browser_page.assert_clean()
