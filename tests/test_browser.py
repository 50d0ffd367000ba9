"""End-to-end checks in headless Chromium against the live server, on the real seed page.

Each test ingests tests/data/seed_page.txt with ``ingest_page`` (8 articles, 样例报,
2024-01-16) into the live server's database and drives the pages as a reader would. On
every page, console errors, uncaught page errors and dialogs (``alert(1)``...) are
collected and must be none. Screenshots of each page go to ``test-artifacts/``
(gitignored). The browser is started once per session by the ``browser`` fixture in
conftest.py; each test gets a fresh context.
"""

import re
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import translation
from playwright.sync_api import expect

from articles.reference import sync_reference_data
from articles.services import ingest_page
from tests.factories import ArticleFactory, MetricFactory, indicator, region, volunteer_metric

pytestmark = pytest.mark.browser

SEED = Path(__file__).parent / "data" / "seed_page.txt"

# The list's links as shown (place prefix, then title), newest first; all 8 share the issue
# date, so the later position comes first.
SEED_LINKS = [
    "近年来，江西省吉安市永丰县同步落实河长制、林长制，对恩江流域…",
    "四川成都市 百条生态惠民新场景示范线增色美好生活",
    "四川江油市 关工委开展暖冬关爱活动",
    "四川南充市 开展环保宣传传播文明理念",
    "广西防城港市防城区 扎实推进清廉机关建设",
    "内蒙古乌海市 推动志愿服务走深走实",
    "文明耀旺苍 新风拂茶乡",
    "托起百姓稳稳的幸福",
]
# 成都市, 江油市, 南充市嘉陵区, 旺苍县: the seed's four articles in 四川省 (510000).
SICHUAN_LINKS = [SEED_LINKS[i] for i in (1, 2, 3, 6)]
WANGCANG_TITLE = "文明耀旺苍 新风拂茶乡"
XSS_TITLE = "<img src=x onerror=alert(1)>"


@pytest.fixture
def site(live_server):
    """The live server's base URL, with the seed page ingested.

    Live-server tests run in flushed (transactional) databases, so the reference data the
    migrations loaded is gone after the first one; it is upserted again first.
    """
    sync_reference_data()
    report = ingest_page(
        text=SEED.read_text("utf-8"), publication="样例报", issue_date=date(2024, 1, 16)
    )
    assert report.articles_created == 8
    return live_server.url


@pytest.fixture(scope="module")
def read_only_site(read_only_live_server):
    """``site`` stored once for this module's tests that only read it (the pages at
    several widths and languages): the same reference data and seed page."""
    sync_reference_data()
    report = ingest_page(
        text=SEED.read_text("utf-8"),
        publication="样例报",
        issue_date=date(2024, 1, 16),
        url=LONG_URL,  # shown on each article page: it must wrap on a phone
    )
    assert report.articles_created == 8
    return read_only_live_server.url


#: A real e-paper address is one unbroken word of ~100 characters.
LONG_URL = "https://epaper.example.cn/html/2024-01/16/content_" + "0123456789" * 8 + ".htm"


@pytest.fixture
def browser_page(site, new_browser_page):
    return new_browser_page(base_url=site)


def listed_titles(page) -> list[str]:
    return page.locator("ol.article-list > li h3 a").all_inner_texts()


def result_count(page) -> str:
    return page.locator("h2.result-count").inner_text().strip()


def compare_table_rows(page):
    """The compare table's body rows, its tab opened first: a page served on the chart or
    the map reads the table's rows when its tab is opened (static/js/compare-tabs.js);
    without JavaScript the tab is a link to the page served on the table."""
    page.locator("#tab-table").click()
    page.locator("#panel-table:not([data-panel-src]):not([aria-busy])").wait_for()
    return page.locator("#compare-table tbody tr[data-adcode]")


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def test_the_list_shows_the_seed_articles_and_a_province_facet_filters_them(browser_page):
    page = browser_page.page
    browser_page.visit("/articles/", "list")
    assert result_count(page) == "共 8 篇文章"
    assert listed_titles(page) == SEED_LINKS

    facet = page.locator("#facet-region + ul a", has_text="四川省")
    assert facet.locator("xpath=..").locator(".count").inner_text() == "4"
    facet.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"region=510000"))
    browser_page.screenshot("list-sichuan")

    assert query(page.url) == {"region": ["510000"]}
    assert result_count(page) == "共 4 篇文章"
    assert listed_titles(page) == SICHUAN_LINKS
    assert page.locator("ul.active-filters a").all_inner_texts() == ["地区: 四川省 ×"]
    # The region facet now offers 四川省's prefectures that have articles.
    subdivisions = page.locator("#facet-region + ul li")
    assert page.locator("#facet-region").inner_text() == "下级地区"
    # (the brackets around each count are drawn by CSS)
    assert subdivisions.all_inner_texts() == ["成都市 1", "绵阳市 1", "广元市 1", "南充市 1"]

    page.reload()
    assert query(page.url) == {"region": ["510000"]}
    assert result_count(page) == "共 4 篇文章"
    assert listed_titles(page) == SICHUAN_LINKS
    browser_page.assert_clean()


def test_an_article_page_highlights_its_evidence_and_links_its_region_path(browser_page):
    page = browser_page.page
    browser_page.visit("/articles/", "list")
    page.get_by_role("link", name=WANGCANG_TITLE, exact=True).click()
    page.wait_for_url(re.compile(r"/articles/\d+/$"))
    browser_page.screenshot("wangcang")
    assert page.locator("h1").inner_text() == WANGCANG_TITLE

    mark = page.locator("div.body mark", has_text="51104")
    assert mark.count() == 1
    assert mark.inner_text() == "51104人"
    assert mark.get_attribute("title") == "实名注册志愿者: 51,104人"
    mark_id = mark.get_attribute("id")
    assert re.fullmatch(r"m-\d+", mark_id)

    row = page.locator(f"table.metrics tbody tr:has(a[href='#{mark_id}'])")
    assert row.locator("td").all_inner_texts() == [
        "实名注册志愿者",
        "实名注册志愿者总数",
        "51,104人",
        "",
        "旺苍县",  # the metric's own region
        "51104人",
        "待审核",
    ]
    assert row.locator("data").get_attribute("value") == "51104"
    row.get_by_role("link", name="51104人").click()
    assert urlsplit(page.url).fragment == mark_id
    assert page.evaluate("document.querySelector(':target').id") == mark_id

    path = page.locator("header nav.region-path li a")
    assert path.all_inner_texts() == ["四川省", "广元市", "旺苍县"]
    assert [path.nth(i).get_attribute("href") for i in range(3)] == [
        "/regions/510000/",
        "/regions/510800/",
        "/regions/510821/",
    ]
    # The separators are drawn by CSS between the items.
    separator = "getComputedStyle(document.querySelectorAll('header .region-path li')[1], '::before').content"
    assert page.evaluate(separator) == '"›"'
    browser_page.assert_clean()


def test_the_compare_chart_draws_one_bar_per_row_and_a_bar_opens_its_article(browser_page):
    """One level at a time (issue 10.1): counties by default, the prefecture one link away;
    at each level every row has its bar and a bar opens the row's article."""
    page = browser_page.page
    levels = [
        ("", "510821", "四川省 › 广元市 › 旺苍县", "旺苍县", 2103, "≥2,103支（5个分项之和）"),
        ("&level=prefecture", "150300", "内蒙古自治区 › 乌海市", "乌海市", 670, "≥670支"),
    ]
    for level, adcode, path, name, value, display in levels:
        browser_page.visit(f"/compare/?indicator=volunteer-teams{level}", "compare")
        page.wait_for_function("document.querySelector('#compare-chart').dataset.chartReady")
        chart = page.evaluate(
            """() => { const c = Chart.getChart(document.querySelector('#compare-chart'));
                       return {labels: c.data.labels, values: c.data.datasets[0].data,
                               bars: c.getDatasetMeta(0).data.length}; }"""
        )
        rows = compare_table_rows(page)
        assert rows.count() == len(chart["labels"]) == chart["bars"] == 1
        assert rows.first.get_attribute("data-adcode") == adcode
        assert rows.locator("th").all_inner_texts() == [path]
        assert (chart["labels"], chart["values"]) == ([name], [value])
        assert rows.locator("td.num").first.inner_text().startswith(display)
        # the tooltip: the value said once, the evidence (for the sum both sentences) in
        # lines that never start with closing punctuation; the click hint once drawn
        tip = page.evaluate(
            """() => { const c = Chart.getChart(document.querySelector('#compare-chart'));
                       const cb = c.options.plugins.tooltip.callbacks;
                       const item = {dataIndex: 0, parsed: {x: 0, y: 0}, label: ''};
                       return {label: cb.label(item), body: cb.afterBody([item])}; }"""
        )
        assert tip["label"] == display
        assert not [line for line in tip["body"] if line[:1] in "，。、；：？！”’）》」』】"]
        if adcode == "510821":
            evidence = "".join(tip["body"][1:])
            assert "配置15支" in evidence and "以及1728支" in evidence and " … " in evidence
        expected = rows.first.locator("td a").get_attribute("href")
        page.locator("#tab-chart").click()  # back from the table: a bar opens its article
        assert page.locator(".chart-click").is_visible()
        bar = page.evaluate(
            """() => { const b = Chart.getChart(document.querySelector('#compare-chart'))
                                    .getDatasetMeta(0).data[0];
                        return {x: b.x, y: (b.y + b.base) / 2}; }"""
        )
        page.locator("#compare-chart").click(position=bar)
        page.wait_for_url(re.compile(r"/articles/\d+/$"))
        assert urlsplit(page.url).path == expected
        browser_page.screenshot(f"bar-{adcode}-article")
    browser_page.assert_clean()


def test_the_language_switch_keeps_the_url_and_serves_the_page_in_english(browser_page):
    page = browser_page.page
    browser_page.visit("/articles/?region=510000&o=-published", "list-zh")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    browser_page.screenshot("list-en")

    assert page.locator("html").get_attribute("lang") == "en"
    assert urlsplit(page.url).path == "/articles/"
    assert query(page.url) == {"region": ["510000"], "o": ["-published"]}
    assert listed_titles(page) == SICHUAN_LINKS  # the data is not translated
    english = page.get_by_role("button", name="English")
    assert english.get_attribute("aria-pressed") == "true"
    assert page.get_by_role("button", name="简体中文").get_attribute("aria-pressed") == "false"

    page.reload()  # the choice is remembered (django_language cookie)
    assert page.locator("html").get_attribute("lang") == "en"
    browser_page.assert_clean()


def test_the_language_switch_keeps_the_compare_tables_sort_page_and_search(browser_page):
    """Nothing changed in the form: the address as it was. The form's per and view lists,
    served with no option marked selected, read as changed, and the switch rebuilt the
    address from the form alone, dropping o, page and find (a new-user pass)."""
    page = browser_page.page
    url = "/compare/?indicator=registered-volunteers&level=county&tab=table&o=name&find=县"
    browser_page.visit(f"{url}&lang=zh-hans", "compare-table-before-switch")
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    asked = query(url)
    assert {k: v for k, v in query(page.url).items() if k != "lang"} == asked
    browser_page.assert_clean()


def test_the_language_switch_keeps_a_tab_chosen_after_the_page_loaded(browser_page):
    """A tab switches in place and puts tab= in the address; the switch returned to the
    address the page was served with, on the chart (a new-user pass)."""
    page = browser_page.page
    url = "/compare/?indicator=registered-volunteers&level=county&lang=en"
    browser_page.visit(url, "compare-tab-before-switch")
    page.locator("#tab-table").click()
    page.get_by_role("button", name="简体中文").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert query(page.url) == {
        "indicator": ["registered-volunteers"],
        "level": ["county"],
        "tab": ["table"],
    }
    assert page.locator("#panel-table").is_visible()
    browser_page.assert_clean()


@pytest.mark.parametrize("path", ["/articles/", "/compare/"])
def test_choices_not_yet_submitted_survive_the_language_switch(browser_page, path):
    """A new-user pass chose an indicator and a level, switched the language and lost
    both: the switch returned to the page as it was served. It now returns to the page the
    form would give; with nothing changed, to the page as it was (the test above)."""
    page = browser_page.page
    browser_page.visit(f"{path}?lang=zh-hans", "language-switch-unsubmitted")
    if path == "/articles/":
        page.select_option("select[name=topic]", index=1)
        chosen = {"topic": [page.eval_on_selector("select[name=topic]", "s => s.value")]}
    else:
        page.select_option("select[name=indicator]", "registered-volunteers")
        page.select_option("select[name=level]", "county")
        chosen = {"indicator": ["registered-volunteers"], "level": ["county"]}
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert urlsplit(page.url).path == path
    # as the submitted form gives it (with the compare form's default per and view)
    defaults = {"per": ["total"], "view": ["latest"]} if path == "/compare/" else {}
    assert query(page.url) == {**chosen, **defaults}
    for name, [value] in chosen.items():
        assert page.eval_on_selector(f"select[name={name}]", "s => s.value") == value
    browser_page.assert_clean()


def test_the_english_interface_shows_english_navigation(browser_page):
    page = browser_page.page
    browser_page.visit("/articles/", "list-zh")
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    browser_page.screenshot("list-en")
    with translation.override("en"):
        expected = [translation.gettext(s) for s in ("概览", "文章", "地区比较")]
    assert expected != ["概览", "文章", "地区比较"]
    assert page.locator("header nav a").all_inner_texts() == expected
    browser_page.assert_clean()


def test_a_title_with_markup_is_shown_as_text_and_runs_nothing(browser_page):
    page = browser_page.page
    article = ArticleFactory(title=XSS_TITLE, region=region("150300"), published=date(2024, 1, 17))
    MetricFactory(article=article, indicator=indicator("volunteer-teams"), unit="支", value=700)

    browser_page.visit("/articles/", "list")
    assert result_count(page) == "共 9 篇文章"
    link = page.get_by_role("link", name=XSS_TITLE, exact=True)
    assert link.inner_text() == XSS_TITLE
    assert page.locator("img").count() == 0

    link.click()
    page.wait_for_url(f"**{article.get_absolute_url()}")
    browser_page.screenshot("article")
    assert page.locator("h1").inner_text() == XSS_TITLE
    assert page.title() == f"{XSS_TITLE} · govreports"
    assert page.locator("img").count() == 0

    # In the compare table and the chart's JSON (the article is 乌海市's latest report).
    browser_page.visit("/compare/?indicator=volunteer-teams&level=prefecture", "compare")
    page.wait_for_function("document.querySelector('#compare-chart').dataset.chartReady")
    compare_table_rows(page)
    assert page.locator("#compare-table tr[data-adcode='150300'] td a").inner_text() == XSS_TITLE
    titles = page.evaluate(
        "Chart.getChart(document.querySelector('#compare-chart'))"
        ".data.labels.map((_, i) => JSON.parse("
        "document.getElementById('compare-chart-data').textContent).points[i].title)"
    )
    assert titles == [XSS_TITLE]
    assert page.locator("img").count() == 0
    browser_page.assert_clean()


def test_the_compare_form_and_the_share_button_leave_empty_parameters_out(browser_page):
    """A submitted compare form sent every empty field ('?level=&within=&regions=&…', a
    new-user pass), and the share button copied that address. The form sends only its
    filled fields (static/js/form-compact.js), a pick included; the share button copies
    only the filled parameters of an address typed or kept with empty ones."""
    page = browser_page.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    browser_page.visit("/compare/?indicator=registered-volunteers", "compare-form")
    page.locator("#region-add").fill("旺苍县")  # typed, sent with the form
    page.get_by_role("button", name="显示").click()
    page.wait_for_url(re.compile(r"regions=."))
    sent = parse_qs(urlsplit(page.url).query, keep_blank_values=True)
    assert sent == {
        "tab": ["chart"],
        "indicator": ["registered-volunteers"],
        "regions": ["旺苍县"],
        "per": ["total"],
        "view": ["latest"],
    }
    assert compare_table_rows(page).evaluate_all("rows => rows.map(r => r.dataset.adcode)") == [
        "510821"
    ]
    browser_page.visit(
        "/compare/?indicator=registered-volunteers&level=&within=&regions=&topic=&per=total",
        "compare-empty-params",
    )
    page.locator("button[data-share-url]").click()
    page.locator("button[data-share-url]", has_text="链接已复制").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert parse_qs(urlsplit(copied).query, keep_blank_values=True) == {
        "indicator": ["registered-volunteers"],
        "per": ["total"],
        "lang": ["zh-hans"],
    }
    browser_page.assert_clean()


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/articles/",
        "/articles/?region=510000",
        "ARTICLE",
        "/articles/?region=510821&topic=civilization",
        "/regions/510000/",
        "/regions/510800/",
        "/regions/510821/",
        "/compare/",
        "/compare/?indicator=volunteer-teams",
        "/compare/?indicator=registered-volunteers&per=per_1000",
        "/compare/?indicator=volunteer-teams&level=prefecture&tab=map",
        "/compare/?indicator=volunteer-teams&tab=table",
        "/articles/?region=" + "5" * 300,  # the error repeats the value: it must wrap
    ],
)
def test_pages_do_not_scroll_sideways(read_only_site, new_browser_page, path, width, lang):
    """No page scrolls sideways on a 390-pixel phone or a desktop, in either language
    (issue 10.8); the language comes from ``lang`` in the URL, as in a shared link."""
    from articles.models import Article

    if path == "ARTICLE":
        path = Article.objects.get(title=WANGCANG_TITLE).get_absolute_url()
    browser_page = new_browser_page(base_url=read_only_site, width=width, height=844)
    page = browser_page.page
    joiner = "&" if "?" in path else "?"
    response = browser_page.visit(f"{path}{joiner}lang={lang}", f"w{width}-{lang}")
    if path.startswith("/articles/?region=555"):  # a bad filter: the page is a 400
        assert response.status == 400
        # Chromium logs the document's own status as a console error; nothing else may
        browser_page.problems = [p for p in browser_page.problems if "status of 400" not in p]
    assert page.evaluate("document.documentElement.lang") == lang
    if "tab=map" in path:  # the map tab: the map drawn (by selector: CSP forbids eval)
        page.locator("#compare-map[data-chart-ready='1']").wait_for()
    elif path.startswith("/compare/?"):
        page.wait_for_function("document.querySelector('#compare-chart').dataset.chartReady")
    widths = page.evaluate(
        "({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})"
    )
    assert widths["inner"] == width
    assert widths["scroll"] <= widths["inner"]
    browser_page.assert_clean()


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_the_admin_upload_and_its_preview_fit_a_phone(site, new_browser_page, tmp_path, lang):
    """The upload form and the preview of a zip of pages (one refused member, three pages
    of articles) do not scroll sideways at 390 pixels, in either language."""
    import zipfile

    from tests.factories import StaffUserFactory

    StaffUserFactory(username="uploader")
    archive = tmp_path / "pages.zip"
    text = SEED.read_text("utf-8")
    with zipfile.ZipFile(archive, "w") as zf:
        for n in range(3):
            zf.writestr(f"版面/第{n + 1}版-一个很长的文件名用来检查换行.txt", text)
        zf.writestr("../../outside.txt", text)
    browser_page = new_browser_page(base_url=site, width=390, height=844)
    page = browser_page.page
    page.goto(f"/admin/login/?next=/admin/&lang={lang}")
    page.fill("#id_username", "uploader")
    page.fill("#id_password", "pw")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/**")
    browser_page.visit(f"/admin/articles/sourcepage/upload/?lang={lang}", f"upload-{lang}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.set_input_files("#id_file", str(archive))
    with page.expect_navigation():
        page.click("input[name=preview]")
    browser_page.screenshot(f"upload-preview-{lang}")
    assert page.locator("details.preview-page").count() == 3
    assert "outside.txt" in page.locator(".preview-refused").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    browser_page.assert_clean()


def test_an_article_page_fits_a_phone_and_its_table_columns_stay_readable(site, new_browser_page):
    browser_page = new_browser_page(base_url=site, width=390, height=844)
    page = browser_page.page
    browser_page.visit("/articles/", "phone-list")
    page.get_by_role("link", name="文明耀旺苍 新风拂茶乡").click()
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    cells = page.evaluate(  # the cells shown (a row is a card: empty cells are hidden)
        "[...document.querySelectorAll('table.metrics tbody tr:first-child td')]"
        ".filter(td => td.offsetParent !== null)"
        ".map(td => [td.getBoundingClientRect().width, td.getBoundingClientRect().height])"
    )
    # a cell never shrinks to one character a line: it is wide, or one line (a short value)
    assert len(cells) >= 4 and all(w >= 48 or h < 30 for w, h in cells), cells
    browser_page.assert_clean()


def test_the_filter_form_works_with_the_keyboard_alone(browser_page):
    page = browser_page.page
    browser_page.visit("/articles/", "list")

    def tab_to(element_id: str) -> None:
        for _ in range(40):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id") == element_id:
                return
        raise AssertionError(f"Tab never reached #{element_id}")

    tab_to("id_q")
    # The focused field shows the focus ring (site.css :focus-visible).
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    page.keyboard.type("志愿服务")
    tab_to("id_region")
    page.keyboard.type("四川省")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"region="))
    browser_page.screenshot("filtered")

    params = query(page.url)
    assert params["q"] == ["志愿服务"]
    assert params["region"] == ["四川省"]
    # only the filled fields are sent (static/js/form-compact.js): no '&topic=&kind=&…'
    assert parse_qs(urlsplit(page.url).query, keep_blank_values=True) == params
    # 江油's article has 爱心志愿服务活动, 旺苍's 志愿服务队伍; the other two have neither.
    assert result_count(page) == "共 2 篇文章"
    assert listed_titles(page) == ["四川江油市 关工委开展暖冬关爱活动", WANGCANG_TITLE]
    assert page.locator("#id_q").input_value() == "志愿服务"
    assert page.locator("#id_region").input_value() == "四川省"
    browser_page.assert_clean()


def test_the_region_picker_adds_regions_to_the_url(browser_page):
    """Any set of regions (issue 10.2): picking from the searchable list appends the
    adcode to ``regions``, which the form keeps in the URL."""
    page = browser_page.page
    browser_page.visit("/compare/?indicator=registered-volunteers", "compare")
    options = page.locator("#region-options option")
    assert options.count() == 0  # read when the picker is first used, not with the page
    page.locator("#region-add").focus()
    options.first.wait_for(state="attached")
    assert "510821" in [options.nth(i).get_attribute("value") for i in range(options.count())]
    page.locator("#region-add").fill("510821")
    assert page.locator("#id_regions").input_value() == "510821"
    assert page.locator("#region-add").input_value() == ""
    page.get_by_role("button", name="显示").click()
    page.wait_for_url(re.compile(r"regions=510821"))
    assert compare_table_rows(page).evaluate_all("rows => rows.map(r => r.dataset.adcode)") == [
        "510821"
    ]
    browser_page.assert_clean()


def test_the_picked_regions_are_chips_and_the_box_of_codes_is_hidden(browser_page):
    """Two boxes, one of codes and one to search, read as two ways to choose regions (a
    new-user pass): with JavaScript what is picked is listed by name, each with a button
    that drops it, and the box of codes is hidden (still sent); a form with an error
    has no picker, and its box stays in sight with the error."""
    page = browser_page.page
    browser_page.visit(
        "/compare/?indicator=registered-volunteers&regions=旺苍县,昭化区", "compare-chips"
    )
    chips = page.locator("#region-chips li span")
    expect(chips).to_have_text(["旺苍县", "昭化区"])
    assert page.locator("#id_regions").is_hidden()
    assert page.locator("#id_regions").input_value() == "510821,510811"  # the server's reading
    page.get_by_role("button", name="移除昭化区").click()
    expect(chips).to_have_text(["旺苍县"])
    assert page.locator("#id_regions").input_value() == "510821"
    page.locator("#region-add").fill("510821")  # picked again: listed once
    page.locator('#region-options option[value="510821"]').wait_for(state="attached")
    expect(chips).to_have_text(["旺苍县"])
    page.get_by_role("button", name="移除旺苍县").click()
    expect(chips).to_have_count(0)
    assert page.locator("#id_regions").input_value() == ""
    page.locator("#region-add").fill("510821")  # picked from the list: by name, path as title
    expect(chips).to_have_text(["旺苍县"])
    status = page.locator("#region-picked")
    expect(status).to_have_text("已选：四川省 › 广元市 › 旺苍县。点“显示”比较。")
    page.get_by_role("button", name="移除旺苍县").click()  # the status line drops it too
    expect(status).to_be_hidden()
    page.locator("#region-add").fill("510821")
    expect(status).to_be_visible()
    assert chips.first.get_attribute("title") == "四川省 › 广元市 › 旺苍县"
    assert page.locator("#id_regions").input_value() == "510821"
    page.get_by_role("button", name="显示").click()
    page.wait_for_url(re.compile(r"regions=510821(&|$)"))
    assert compare_table_rows(page).evaluate_all("rows => rows.map(r => r.dataset.adcode)") == [
        "510821"
    ]
    browser_page.assert_clean()
    browser_page.visit("/compare/?indicator=registered-volunteers&regions=无此县", "chips-error")
    assert page.locator("#id_regions").is_visible()
    assert page.locator("#region-chips li").count() == 0


@pytest.mark.parametrize(
    "lang, key", [("zh-hans", "约数（≥、≤、≈ 或范围）"), ("en", "Approximate (≥, ≤, ≈ or a range)")]
)
def test_an_approximate_value_is_a_lighter_bar_with_a_key(browser_page, lang, key):
    """A bar of ≥80支 looked like one of exactly 80 (a new-user pass): it is drawn in the
    lighter blue, and the chart's key (in the PNG too) names both kinds."""
    page = browser_page.page
    browser_page.visit(f"/compare/?indicator=volunteer-teams&lang={lang}", f"approx-{lang}")
    page.locator("#compare-chart[data-chart-ready]").wait_for()
    drawn = page.evaluate(
        """() => { const chart = Chart.getChart(document.getElementById('compare-chart'));
        return [chart.data.datasets[0].backgroundColor,
                chart.legend.legendItems.map(i => i.text)]; }"""
    )
    assert drawn[0] == ["#8fb3d6"]  # 旺苍县's 80余支
    assert drawn[1] == [key]  # the kinds drawn only
    # the SVG download draws the key too (it threw in canvas2svg: the key's text had no
    # colour; a new-user pass)
    with page.expect_download() as download:
        page.locator("a[data-chart-svg]").click()
    svg = open(download.value.path(), encoding="utf-8").read()
    assert key in svg and "<rect" in svg
    browser_page.assert_clean()


def test_an_english_axis_of_square_metres_keeps_every_digit(browser_page):
    """A new-user pass: an axis titled m² read 50K (as km²) though its cells read 50,000
    m²: the ticks of a unit of measurement keep every digit in English."""
    page = browser_page.page
    browser_page.visit("/compare/?indicator=road-surface-renovated&lang=en", "axis-m2")
    page.locator("#compare-chart[data-chart-ready]").wait_for()
    ticks = page.evaluate(
        "() => Chart.getChart(document.getElementById('compare-chart'))"
        ".scales.y.ticks.map(t => t.label)"
    )
    assert "50,000" in ticks and not [t for t in ticks if "K" in str(t)], ticks
    browser_page.assert_clean()


def test_a_region_typed_before_the_picker_list_arrives_is_still_picked(browser_page):
    """The picker's options come from their own URL when the search is first used: an
    adcode typed at once (the list still on its way) is appended when the list arrives."""
    page = browser_page.page
    browser_page.visit("/compare/?indicator=registered-volunteers", "compare-typed-early")
    held = []
    page.route("**/compare/regions/**", lambda route: held.append(route))  # held on its way
    page.locator("#region-add").fill("510821")
    page.wait_for_timeout(200)
    assert len(held) == 1
    assert page.locator("#id_regions").input_value() == ""  # not known yet
    held[0].continue_()
    expect(page.locator("#id_regions")).to_have_value("510821")
    expect(page.locator("#region-add")).to_have_value("")
    browser_page.assert_clean()


def test_a_pick_is_named_by_its_path_beside_the_picker(browser_page):
    """The options name each region by its path (朝阳区 in Beijing and in Changchun are
    told apart), and a pick is named under the picker: the field that takes its code
    can be off screen on a phone (a new-user pass)."""
    page = browser_page.page
    browser_page.visit("/compare/?indicator=registered-volunteers", "compare-picked")
    page.locator("#region-add").focus()
    option = page.locator('#region-options option[value="510821"]')
    option.wait_for(state="attached")
    assert option.text_content() == "四川省 › 广元市 › 旺苍县"
    assert page.locator("#region-picked").is_hidden()
    page.locator("#region-add").fill("510821")
    expect(page.locator("#region-picked")).to_have_text(
        "已选：四川省 › 广元市 › 旺苍县。点“显示”比较。"
    )
    browser_page.assert_clean()


def test_the_picker_follows_the_scope_chosen_before_it_is_used(browser_page):
    """The options are read with the form's filters as they stand, submitted or not: a
    scope chosen first leaves out the regions outside it, another scope reads them again,
    and a list that failed to arrive is asked for again on the next focus."""
    page = browser_page.page
    browser_page.visit("/compare/?indicator=registered-volunteers", "compare-scope")
    failed = []

    def fail(route):
        failed.append(route.request.url)
        route.fulfill(status=503, body="busy")

    page.route("**/compare/regions/**", fail, times=1)  # the first read fails
    page.locator("#id_within").select_option("510000")  # 四川省, not submitted
    page.locator("#region-add").focus()
    page.wait_for_timeout(300)
    options = page.locator("#region-options option")
    assert len(failed) == 1 and "within=510000" in failed[0]
    assert options.count() == 0
    page.locator("#id_within").focus()  # away, and back: read again
    page.locator("#region-add").focus()
    options.first.wait_for(state="attached")
    values = options.evaluate_all("os => os.map(o => o.value)")
    assert "510821" in values and all(v.startswith("51") for v in values), values
    # a failed read (another scope) leaves no list rather than the last one
    page.route("**/compare/regions/**", fail, times=1)
    page.locator("#id_within").focus()
    page.locator("#id_within").select_option("510800")  # 广元市
    page.locator("#region-add").focus()
    expect(options).to_have_count(0)
    assert len(failed) == 2 and "within=510800" in failed[1]
    page.locator("#id_within").focus()
    page.locator("#id_within").select_option("510000")
    # dates the form refuses (reversed, not submitted): no list rather than the last one
    page.locator("#id_published_after").fill("2025-01-01")
    page.locator("#id_published_before").fill("2024-01-01")
    with page.expect_response(lambda r: "published_before=2024-01-01" in r.url) as refused:
        page.locator("#region-add").focus()
    assert refused.value.status == 400
    expect(options).to_have_count(0)
    page.locator("#id_published_after").fill("")
    page.locator("#id_published_before").fill("")
    page.locator("#id_within").focus()
    page.locator("#id_within").select_option("630000")  # 青海省: no region with a value
    page.locator("#region-add").focus()
    expect(options).to_have_count(0)
    # the browser's own reports of the failed and refused reads, nothing else
    assert [p for p in browser_page.problems if "503" not in p and "400" not in p] == []


def test_without_javascript_a_region_picked_is_sent_and_compared(site, new_browser_page):
    """A new-user pass: the picker's search had no name, so without JavaScript a pick
    was never sent. It is named ``regions`` as the field beside it; the server joins the
    two values."""
    bare = new_browser_page(base_url=site, java_script=False)
    page = bare.page
    bare.visit("/compare/?indicator=registered-volunteers", "compare-no-js")
    page.locator("#region-add").fill("510821")
    page.get_by_role("button", name="显示").click()
    page.wait_for_url(re.compile(r"regions=510821"))
    assert compare_table_rows(page).evaluate_all("rows => rows.map(r => r.dataset.adcode)") == [
        "510821"
    ]
    assert page.locator("#id_regions").input_value() == "510821"
    bare.assert_clean()


@pytest.mark.parametrize(
    "lang, typed, shown",
    [("zh-hans", "旺苍县", "显示"), ("en", "Wangcang", "Show"), ("zh-hans", "苍溪县", "显示")],
)
def test_a_region_typed_without_picking_is_kept(browser_page, lang, typed, shown):
    """A new-user pass: a name typed in 添加地区 and sent with Enter, not picked from the
    list, was dropped (``regions=`` empty, no message). It goes to ``regions``, which
    resolves names (English without its type too); 苍溪县 has no value: it is named."""
    page = browser_page.page
    browser_page.visit(f"/compare/?indicator=registered-volunteers&lang={lang}", f"add-{typed}")
    page.locator("#region-add").fill(typed)
    page.locator("#region-add").press("Enter")
    page.wait_for_url(re.compile(r"regions=."))
    assert query(page.url)["regions"] == [typed]
    # the server's reading: the region's code in the (hidden) box, its name in the list
    code = "510824" if typed == "苍溪县" else "510821"
    assert page.locator("#id_regions").input_value() == code
    assert page.locator("#region-chips li span").all_inner_texts() == [
        {"Wangcang": "Wangcang County"}.get(typed, typed)
    ]
    if typed == "苍溪县":
        assert "苍溪县" in page.locator("#regions-left-out").inner_text()
    else:
        assert compare_table_rows(page).evaluate_all("rows => rows.map(r => r.dataset.adcode)") == [
            "510821"
        ]
    assert page.get_by_role("button", name=shown).count() == 1
    browser_page.assert_clean()


def test_a_typed_region_the_gazetteer_lacks_is_said_beside_the_field(browser_page):
    page = browser_page.page
    browser_page.visit("/compare/?indicator=registered-volunteers", "add-unknown")
    page.locator("#region-add").fill("不存在县")
    page.locator("#region-add").press("Enter")
    page.wait_for_url(re.compile(r"regions=."))
    error = page.locator(".chart-form__field--error:has(#id_regions) [role=alert]")
    assert "没有这些地区：不存在县" in error.inner_text()
    assert page.locator("#id_regions").input_value() == "不存在县"


def test_the_png_has_no_tooltip_and_the_share_button_copies_the_permalink(browser_page):
    """Sources and downloads (issue 10.6): the chart draws its subtitle and source line,
    the PNG is named after the view and taken without the hover tooltip, and the share
    button copies the page's URL with its language."""
    page = browser_page.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    browser_page.visit("/compare/?indicator=volunteer-teams&lang=en", "compare-en")
    page.wait_for_function("document.querySelector('#compare-chart').dataset.chartReady")
    options = page.evaluate(
        "(() => { const o = Chart.getChart(document.querySelector('#compare-chart')).options.plugins;"
        " return {subtitle: o.subtitle.text, source: o.govreportsSource.text}; })()"
    )
    assert options["subtitle"] == "County · 1 region"
    assert options["source"].startswith("Source: govreports, from 1 article (published 2024-01-16")
    bar = page.evaluate(
        "(() => { const b = Chart.getChart(document.querySelector('#compare-chart'))"
        ".getDatasetMeta(0).data[0]; return {x: b.x, y: (b.y + b.base) / 2}; })()"
    )
    page.locator("#compare-chart").hover(position=bar)
    assert (
        page.evaluate(
            "Chart.getChart(document.querySelector('#compare-chart')).tooltip.getActiveElements().length"
        )
        == 1
    )
    with page.expect_download() as download:  # clicked in place: the mouse stays on the bar
        page.evaluate("document.querySelector('a[data-chart-download]').click()")
    assert download.value.suggested_filename == "compare-volunteer-teams-county.png"
    active = page.evaluate(
        "Chart.getChart(document.querySelector('#compare-chart')).tooltip.getActiveElements().length"
    )
    assert active == 0
    page.locator("button[data-share-url]").click()
    page.locator("button[data-share-url]", has_text="Link copied").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert query(copied) == {"indicator": ["volunteer-teams"], "lang": ["en"]}
    # another tab is another address: the button offers the copy again
    page.locator("#tab-table").click()
    assert page.locator("button[data-share-url]").inner_text() == "Copy link to this view"
    browser_page.assert_clean()


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
@pytest.mark.parametrize("width", [390, 1280])
def test_region_small_charts_draw_lines_only_where_values_join(site, new_browser_page, width, lang):
    """旺苍县 with an older report: registered volunteers (a stock) is drawn as a line,
    volunteer activities (a flow with no stated period) as dots (issue 10.3, 10.7); the
    page fits a phone in both languages and runs with no error under the CSP."""
    older = ArticleFactory(
        title="旺苍县志愿服务回顾", region=region("510821"), published=date(2023, 1, 10)
    )
    MetricFactory(  # 4万余人: drawn lighter, as compare's bars
        article=older, indicator=indicator("registered-volunteers"), value=40000, bound="lower"
    )
    MetricFactory(
        article=older, indicator=indicator("volunteer-activities"), value=800, unit="场次"
    )
    browser_page = new_browser_page(base_url=site, width=width, height=844)
    page = browser_page.page
    browser_page.visit(f"/regions/510821/?lang={lang}", f"region-charts-w{width}-{lang}")
    page.wait_for_function(
        "[...document.querySelectorAll('.small-multiple canvas')].every(c => c.dataset.chartReady)"
        " && document.querySelectorAll('.small-multiple canvas').length === 2"
    )
    lines = page.evaluate(
        "Object.fromEntries([...document.querySelectorAll('.small-multiple canvas')].map(c =>"
        " [JSON.parse(document.getElementById(c.dataset.chartSource).textContent).series,"
        " Chart.getChart(c).data.datasets[0].showLine]))"
    )
    volunteers = "Registered volunteers" if lang == "en" else "实名注册志愿者"
    activities = "Volunteer activities held" if lang == "en" else "志愿服务活动"
    assert lines == {volunteers: True, activities: False}
    # the time axis is ticked on calendar years or months (2023, 2024), not on arbitrary
    # days (2023-01-26)
    ticks = page.evaluate(
        "Chart.getChart(document.querySelector('.small-multiple canvas')).scales.x.ticks"
        ".map(t => t.label)"
    )
    assert len(ticks) >= 2 and all(re.fullmatch(r"\d{4}(-\d{2})?", t) for t in ticks), ticks
    dots = page.evaluate(
        "Chart.getChart(document.querySelector('.small-multiple canvas'))"
        ".data.datasets[0].pointBackgroundColor"
    )
    assert dots == ["#8fb3d6", "#1f5f99"]  # the older 4万余人 lighter, the exact one not
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    browser_page.assert_clean()


@pytest.mark.parametrize(
    "published, ticks",
    [
        # six weeks, one month start between: the reports' own days (were 2023-04-09,
        # 2023-04-16 … by the scale's own step: a new-user pass)
        ([date(2023, 4, 5), date(2023, 5, 20)], ["2023-04-05", "2023-05-20"]),
        # ten reports in four weeks: month starts when the axis reaches over two, else
        # the 1st, 11th and 21st of the months; never an arbitrary day
        ([date(2023, 4, 3 + 3 * i) for i in range(10)], "calendar"),
        # twelve reports in three weeks, no month start inside: the 11th and 21st (were
        # 2023-03-28, 2023-04-03, 2023-04-09 … by the scale's own step)
        ([date(2023, 4, 2 + 2 * i) for i in range(12)], ["2023-04-11", "2023-04-21"]),
        # a month apart: the axis ends at the reports, not at "nice" milliseconds a month
        # past them (was 2021-12 and 2022-01, after the last report: a new-user pass)
        ([date(2021, 11, 27), date(2021, 12, 27)], ["2021-11-27", "2021-12-27"]),
    ],
)
def test_a_region_chart_over_a_few_weeks_is_ticked_on_named_days(
    site, new_browser_page, published, ticks
):
    for day in published:
        article = ArticleFactory(title="南海区志愿服务", region=region("440605"), published=day)
        MetricFactory(
            article=article,
            indicator=indicator("registered-volunteers"),
            value=1000 + day.day,
            region=region("440605"),
        )
    browser_page = new_browser_page(base_url=site, width=1280, height=844)
    page = browser_page.page
    browser_page.visit("/regions/440605/", f"region-chart-weeks-{len(published)}")
    page.wait_for_function(
        "[...document.querySelectorAll('.small-multiple canvas')].every(c => c.dataset.chartReady)"
        " && document.querySelectorAll('.small-multiple canvas').length === 1"
    )
    shown = page.evaluate(
        "Chart.getChart(document.querySelector('.small-multiple canvas')).scales.x.ticks"
        ".map(t => t.label)"
    )
    if ticks == "calendar":
        assert 2 <= len(shown) <= 8
        assert all(re.fullmatch(r"2023-0[345](-[012]1)?", t) for t in shown), shown
    else:
        assert shown == ticks
    browser_page.assert_clean()


def test_the_per_list_offers_only_the_ratios_the_chosen_indicator_takes(browser_page):
    """Per 1,000 residents and per resident were offered for every indicator and refused
    after the submit (a new-user pass): persons take per 1,000, teams neither."""
    page = browser_page.page
    browser_page.visit("/compare/?indicator=registered-volunteers", "compare-per-options")
    disabled = (
        "[...document.querySelectorAll('select[name=per] option')].map(o => [o.value, o.disabled])"
    )
    assert page.evaluate(disabled) == [
        ["total", False],
        ["per_1000", False],
        ["per_resident", True],
    ]
    page.select_option("select[name=per]", "per_1000")
    page.select_option("select[name=indicator]", "volunteer-teams")
    assert page.evaluate(disabled) == [
        ["total", False],
        ["per_1000", True],
        ["per_resident", True],
    ]
    assert page.input_value("select[name=per]") == "total"  # not a choice it would refuse
    browser_page.assert_clean()


def test_the_compare_forms_checkbox_is_a_checkbox_not_a_text_box_sized_square(browser_page):
    """The 'reviewed data only' checkbox took the text inputs' 2.5rem height and showed as a
    large empty square centred under its label (seen at 1,280 and 390 px)."""
    page = browser_page.page
    browser_page.visit("/compare/?indicator=volunteer-teams", "compare-checkbox")
    box = page.locator("#id_verified").bounding_box()
    label = page.locator("label[for=id_verified]").bounding_box()
    assert box["height"] <= 24 and box["width"] <= 24
    assert abs(box["x"] - label["x"]) < 4  # under the start of its label, like the others
    browser_page.assert_clean()


def test_the_list_filters_checkbox_is_a_checkbox_at_its_labels_start_on_a_phone(
    site, new_browser_page
):
    """The list filter's 'reviewed data only' checkbox took the text inputs' full width and
    showed as a box centred under its label on a 390 px phone (like 6e0b455 on compare)."""
    browser_page = new_browser_page(base_url=site, width=390, height=844)
    page = browser_page.page
    browser_page.visit("/articles/", "list-checkbox")
    box = page.locator("#id_verified").bounding_box()
    label = page.locator("label[for=id_verified]").bounding_box()
    assert box["height"] <= 24 and box["width"] <= 24
    assert abs(box["x"] - label["x"]) < 4
    browser_page.assert_clean()


def test_without_javascript_the_compare_chart_points_to_the_table_and_offers_no_dead_links(
    site, new_browser_page
):
    """The chart, its PNG/SVG downloads and the copy-link button are drawn by scripts:
    without JavaScript the chart panel says where the numbers are (the Table tab, not
    'below') and shows no link that does nothing (a new-user pass clicked them); with
    JavaScript they appear once the chart is drawn."""
    url = f"{site}/compare/?indicator=volunteer-teams&lang=en"
    bare = new_browser_page(java_script=False)
    bare.page.goto(url)
    assert bare.page.locator("#compare-chart").inner_text() == (
        "The chart needs JavaScript; the data are on the Table tab."
    )
    for selector in (
        "p.chart-actions",
        "dd.downloads",
        "button[data-share-url]",
        "button[data-copy-target]",
    ):
        assert not bare.page.locator(selector).is_visible(), selector
    bare.page.click("#tab-table")  # a link: the server shows the table
    assert bare.page.locator("#compare-table").is_visible()
    scripted = new_browser_page()
    scripted.page.goto(url)
    scripted.page.locator("p.chart-actions a[data-chart-download]").wait_for()
    assert scripted.page.locator("dd.downloads a[data-chart-download]").is_visible()
    assert scripted.page.locator("button[data-copy-target]").is_visible()
    scripted.assert_clean()


@pytest.mark.parametrize("width", [390, 1280])
def test_a_long_unbroken_value_typed_in_the_address_never_widens_the_page(
    site, new_browser_page, width
):
    """1,500 x's as a publication, a search, a table find or a region: the chip, the
    notice, the caption and the error echo it and stretched a phone's page to 14,240 px
    (a new-user pass). They wrap, and a chip shows only the start."""
    page = new_browser_page(base_url=site, width=width, height=844).page
    typed = "x" * 1500
    for path in (
        f"/articles/?source={typed}",
        f"/articles/?q={typed}&lang=en",
        f"/articles/?region={typed}",
        f"/compare/?indicator=registered-volunteers&tab=table&find={typed}",
        f"/compare/?indicator=registered-volunteers&regions={typed}",
    ):
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
    page.goto(f"/articles/?source={typed}")
    assert len(page.locator(".active-filters a").first.inner_text()) < 50
    page.goto(f"/articles/?region={typed}")  # the error names the start of the value
    assert "x" * 40 in page.content() and "x" * 41 not in page.locator(".errorlist").inner_text()


def test_a_two_line_label_of_the_change_chart_has_a_row_of_its_height(site, new_browser_page):
    """The change view's dumbbell chart gave every row 24 px, so a region name on two lines
    ("Yantai Economic and Technological / Development Zone") ran into its neighbours' (a
    new-user pass): rows are as tall as a bar chart's when some label wraps (36 px a row,
    with the title and legend about 32 px a row drawn; 20 before)."""
    volunteer_metric("370672", 5000, date(2024, 3, 1), previous_value=3000)
    mianyang = ("510703", "510704", "510705", "510722", "510723", "510725", "510726", "510727")
    for i, adcode in enumerate(mianyang):  # enough rows that the chart's height is theirs
        volunteer_metric(adcode, 1000 + i, date(2024, 1, 16), previous_value=900)
    browser_page = new_browser_page(base_url=site, width=1280, height=900)
    page = browser_page.page
    url = "/compare/?indicator=registered-volunteers&level=county&view=change&lang=en"
    browser_page.visit(url, "compare-dumbbell-two-lines")
    page.locator("#compare-chart[data-chart-ready]").wait_for()
    rows = page.evaluate(
        "(() => { const y = Chart.getChart(document.querySelector('#compare-chart')).scales.y;"
        " return [y.ticks.length, y.getPixelForTick(1) - y.getPixelForTick(0)]; })()"
    )
    assert rows[0] == 9 and rows[1] >= 29, rows  # two lines of 12 px text: 28.8 px
    browser_page.assert_clean()
