"""The /compare/ page: form, chart data, table, CSV/JSON exports and refusals."""

import csv
import io
import json
import mimetypes
import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from articles.models import Indicator, Metric, MetricStatus
from tests.factories import (
    ArticleFactory,
    MetricFactory,
    body_of,
    forget_language,
    indicator,
    json_of,
    picker_options,
    region,
    volunteer_metric,
)

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent

WANGCANG, CANGXI, JINJIANG, HAIBOWAN, JINMEN = "510821", "510824", "510104", "150302", "350527"


@pytest.fixture
def volunteers():
    volunteer_metric(WANGCANG, 40000, date(2023, 3, 5))
    volunteer_metric(WANGCANG, 51104, date(2024, 3, 5), approx=True, bound="lower")
    volunteer_metric(CANGXI, 114500, date(2024, 2, 1))
    volunteer_metric(JINJIANG, 931000000, date(2024, 1, 1))
    volunteer_metric(HAIBOWAN, 30000, date(2024, 1, 1))
    volunteer_metric(JINMEN, 800, date(2024, 1, 1))


def get(client, **params):
    """The compare page for ``params``; each stands alone (a ``lang`` is not kept). On
    the table tab unless ``tab`` is given: the chart and map tabs leave the table's rows
    to static/js/compare-tabs.js (``test_compare_lazy``)."""
    forget_language(client)
    params.setdefault("tab", "table")
    return client.get(reverse("articles:compare"), params)


def table_rows(html: str) -> list[tuple[str, list[str]]]:
    """(adcode, cell texts) of each row of the compare table, tags stripped."""
    rows = []
    for adcode, body in re.findall(r'<tr data-adcode="(\d+)">(.*?)</tr>', html, re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", body, re.S)
        rows.append((adcode, [re.sub(r"<[^>]+>", "", c).strip() for c in cells]))
    return rows


def chart_payload(html: str) -> dict:
    text = html.split('<script id="compare-chart-data" type="application/json">')[1]
    return json.loads(text.split("</script>")[0], parse_constant=lambda c: 1 / 0)


def test_the_page_without_choices_lists_indicators_with_data(client, volunteers):
    response = get(client)
    html = response.content.decode()
    assert response.status_code == 200
    assert "实名注册志愿者（人）· 5个地区" in html  # picker label with the region count
    assert "?indicator=registered-volunteers" in html
    assert '<label for="id_indicator">' in html


def test_the_indicator_list_names_units_in_english_on_an_english_page(client, volunteers):
    # The list under "Indicators with data" said "(人) · 5 regions" on English pages.
    html = get(client, lang="en").content.decode()
    item = re.search(r'<ul class="coverage-list">.*?</ul>', html, re.S).group(0)
    assert "Registered volunteers</a> (persons) · 5 regions" in item
    assert "（人）" not in item and "(人)" not in item


def test_json_without_a_choice_lists_the_indicators_with_data(client, volunteers):
    data = json_of(get(client, format="json"))
    assert data["indicators"] == [
        {
            "slug": "registered-volunteers",
            "name": "实名注册志愿者",
            "unit": "人",
            "regions": 5,
            "metrics": 6,
            "compare_url": "http://testserver/compare/?indicator=registered-volunteers",
        }
    ]


def test_csv_without_a_choice_lists_the_indicators_with_data(client, volunteers):
    """``format=csv`` with no indicator gave the HTML page (a new-user pass)."""
    response = get(client, format="csv")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="compare-indicators.csv"'
    text = body_of(response).decode("utf-8-sig")
    assert text.splitlines() == [
        "slug,name,unit,regions,metrics,compare_url",
        "registered-volunteers,实名注册志愿者,人,5,6,"
        "http://testserver/compare/?indicator=registered-volunteers",
    ]


def test_compare_shows_the_latest_value_per_county_inside_sichuan(client, volunteers):
    response = get(client, indicator="registered-volunteers", level="county", within="510000")
    html = response.content.decode()
    assert response.status_code == 200
    rows = table_rows(html)
    assert [adcode for adcode, _ in rows] == [JINJIANG, CANGXI, WANGCANG]
    assert rows[0][1][:2] == ["四川省 › 成都市 › 锦江区", "931,000,000人"]
    assert rows[2][1][:2] == ["四川省 › 广元市 › 旺苍县", "≥51,104人"]
    chart = chart_payload(html)
    assert chart["labels"] == ["锦江区", "苍溪县", "旺苍县"]
    assert chart["values"] == [931000000.0, 114500.0, 51104.0]
    assert chart["points"][2]["url"] in html  # each bar's article is linked in the table too
    # the caption stays the table's for screen readers; the one shown sits above the
    # scrolling table (inside it, it scrolled away on a phone)
    caption = "实名注册志愿者：3个地区的最新值"
    assert f'<caption class="visually-hidden">{caption}</caption>' in html
    assert (
        f'<p class="table-caption" aria-hidden="true">{caption}</p>\n    <div class="table-scroll">'
        in html
    )
    assert "static/vendor/chartjs/chart.umd.min.js" in html
    assert 'data-chart-download="compare-chart"' in html


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_value_column_shows_every_value_in_one_form(client, volunteers, lang):
    """Every digit, grouped, in every row: 114,500人 beside ≥51,104人, never the exact
    11.45万人 or 9.31亿人 there (a new-user pass found 6.3万人 beside 51,104人); the
    exports' ``display`` is the cell's text, their ``value`` the exact Decimal."""
    params = {"indicator": "registered-volunteers", "level": "county", "lang": lang}
    cells = [c[1] for _, c in table_rows(get(client, **params).content.decode())]
    unit = "人" if lang == "zh" else " persons"
    assert cells == [
        "931,000,000" + unit,
        "114,500" + unit,
        "≥51,104" + unit,
        "30,000" + unit,
        "800" + unit,
    ]
    data = json.loads(body_of(get(client, format="json", **params)))
    assert [r["display"] for r in data["rows"]] == cells
    assert [r["value"] for r in data["rows"]] == ["931000000", "114500", "51104", "30000", "800"]
    text = body_of(get(client, format="csv", **params)).decode("utf-8-sig")
    assert [r["display"] for r in csv.DictReader(io.StringIO(text))] == cells


def test_the_region_picker_says_a_pick_narrows_the_all_regions_view(client, volunteers):
    """With no regions chosen every county is shown, and a pick shows only what was
    picked: the picker says so (a new-user pass read 添加地区 as "add to what is shown");
    once regions are chosen a pick adds to them, and it says 添加地区."""
    html = get(client, indicator="registered-volunteers", level="county").content.decode()
    assert '<label for="region-add">只比较所选地区</label>' in html
    assert 'aria-describedby="region-add-hint region-picked"' in html
    assert "现在显示全部地区；选择地区后只比较所选的地区。" in html
    # what a pick adds is named beside the picker (region-picker.js fills it in)
    assert 'data-text="已选：{regions}。点“显示”比较。" data-separator="、"' in html
    english = get(client, indicator="registered-volunteers", level="county", lang="en")
    assert "Compare only regions you pick" in english.content.decode()
    assert "only those are compared" in english.content.decode()
    chosen = get(client, indicator="registered-volunteers", regions=f"{WANGCANG},{CANGXI}")
    html = chosen.content.decode()
    assert [adcode for adcode, _ in table_rows(html)] == [CANGXI, WANGCANG]
    assert '<label for="region-add">添加地区</label>' in html
    assert "region-add-hint" not in html


def test_the_picked_regions_are_listed_by_name_each_with_a_button_to_drop_it(client, volunteers):
    """Two boxes, one of codes and one to search, read as two ways to choose regions (a
    new-user pass): the page lists what is picked by name, in the order asked, with a
    button that drops each (region-picker.js shows the list and hides the box of codes).
    A region without a value is listed too; names in the reader's language."""
    import re

    def chips(html):
        listed = re.search(
            r'<ul class="region-chips" id="region-chips" hidden [^>]*>(.*?)</ul>', html, re.S
        )
        return re.findall(
            r'<li data-picked="(\d+)"><span title="([^"]*)">([^<]*)</span>'
            r'<button type="button" class="region-chips__remove" aria-label="([^"]*)">×</button>',
            listed.group(1),
        )

    html = get(
        client, indicator="registered-volunteers", regions=f"苍溪县,昭化区,{WANGCANG}"
    ).content.decode()
    assert chips(html) == [
        (CANGXI, "四川省 › 广元市 › 苍溪县", "苍溪县", "移除苍溪县"),
        ("510811", "昭化区", "昭化区", "移除昭化区"),  # no value: named, not pathed
        (WANGCANG, "四川省 › 广元市 › 旺苍县", "旺苍县", "移除旺苍县"),
    ]
    assert 'data-remove="移除{name}"' in html
    english = get(client, indicator="registered-volunteers", regions=WANGCANG, lang="en")
    html = english.content.decode()
    assert chips(html) == [
        (
            WANGCANG,
            "Sichuan Province › Guangyuan City › Wangcang County",
            "Wangcang County",
            "Remove Wangcang County",
        )
    ]
    assert 'data-remove="Remove {name}"' in html
    none = get(client, indicator="registered-volunteers").content.decode()
    assert chips(none) == []


def test_json_export_equals_the_rows_shown(client, volunteers):
    params = {"indicator": "registered-volunteers", "level": "county", "within": "510000"}
    shown = table_rows(get(client, **params).content.decode())
    response = get(client, format="json", **params)
    assert response.status_code == 200
    data = json.loads(body_of(response), parse_constant=lambda c: 1 / 0)
    assert [r["region_adcode"] for r in data["rows"]] == [adcode for adcode, _ in shown]
    assert [r["display"] for r in data["rows"]] == [cells[1] for _, cells in shown]
    assert [r["region_path"] for r in data["rows"]] == [cells[0] for _, cells in shown]
    wangcang = data["rows"][2]
    assert wangcang["value"] == "51104"
    assert wangcang["bound"] == "lower"
    assert wangcang["published"] == "2024-03-05"


def test_csv_export_equals_the_rows_shown(client, volunteers):
    params = {"indicator": "registered-volunteers", "level": "county", "within": "510000"}
    shown = table_rows(get(client, **params).content.decode())
    response = get(client, format="csv", **params)
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(body_of(response).decode("utf-8-sig"))))
    assert [(r["region_adcode"], r["display"]) for r in rows] == [
        (adcode, cells[1]) for adcode, cells in shown
    ]


def test_per_1000_residents_lists_a_county_without_population(client, volunteers):
    response = get(client, indicator="registered-volunteers", level="county", per="per_1000")
    html = response.content.decode()
    assert response.status_code == 200
    rows = dict(table_rows(html))
    # residents with every digit, grouped, as the values column (not 33.01万人)
    # the ratio first, the figure the view is about (it was off a phone's screen)
    assert rows[WANGCANG][1:4] == ["≥154.8人/千人", "≥51,104人", "330,108人"]
    assert rows[JINMEN][1] == "—" and rows[JINMEN][3] == "无人口数据"
    assert "国家统计局第七次全国人口普查" in html and "2020年常住人口" in html
    chart = chart_payload(html)
    assert chart["values"][-1] is None  # 金门县 is a gap, not 0
    assert chart["labels"][-1] == "金门县"
    assert chart["series"] == "实名注册志愿者（每千名常住人口，2020年人口普查）"
    # its blank place is said under the title, in the PNG too (a new-user pass)
    assert chart["subtitle"].endswith("；1个地区无人口数据，留空")
    english = get(
        client, indicator="registered-volunteers", level="county", per="per_1000", lang="en"
    )
    subtitle = chart_payload(english.content.decode())["subtitle"]
    assert subtitle.endswith("; 1 region without population data, left blank")
    total = chart_payload(
        get(client, indicator="registered-volunteers", level="county").content.decode()
    )
    assert "人口" not in total["subtitle"]

    data = json_of(
        get(
            client, indicator="registered-volunteers", level="county", per="per_1000", format="json"
        )
    )
    jinmen = next(r for r in data["rows"] if r["region_adcode"] == JINMEN)
    assert jinmen["ratio"] is None and jinmen["residents"] is None
    # no census figure of 2020 (a new-user pass read "2020" beside an empty population)
    assert jinmen["population_year"] is None
    wangcang = next(r for r in data["rows"] if r["region_adcode"] == WANGCANG)
    assert (wangcang["residents"], wangcang["population_year"]) == (330108, 2020)
    assert data["population_year"] == 2020


def test_the_population_column_shows_every_digit_in_both_languages(client, volunteers):
    """The residents column read 33.01万人 / 330.11K persons beside values with every
    digit (a new-user pass); the exports keep the exact integer."""
    params = {"indicator": "registered-volunteers", "level": "county", "per": "per_1000"}
    english = dict(table_rows(get(client, lang="en", **params).content.decode()))
    assert english[WANGCANG][3] == "330,108 persons"
    data = json_of(get(client, format="json", **params))
    wangcang = next(r for r in data["rows"] if r["region_adcode"] == WANGCANG)
    assert wangcang["residents"] == 330108
    response = get(client, format="csv", **params)
    rows = list(csv.DictReader(io.StringIO(body_of(response).decode("utf-8-sig"))))
    assert next(r for r in rows if r["region_adcode"] == WANGCANG)["residents"] == "330108"


def test_mixing_units_is_refused_with_400_and_the_message(client, volunteers):
    volunteer_metric(HAIBOWAN, 6000, date(2024, 5, 1), unit="人次")
    response = get(client, indicator="registered-volunteers", level="county")
    assert response.status_code == 400
    assert "所选数据混有不同单位（人、人次）" in response.content.decode()
    json_response = get(client, indicator="registered-volunteers", level="county", format="json")
    assert json_response.status_code == 400
    assert "人、人次" in json_response.json()["errors"]["__all__"][0]["message"]


@pytest.mark.parametrize(
    "params",
    [
        {"indicator": "no-such-indicator"},
        {"indicator": "registered-volunteers", "level": "galaxy"},
        {"indicator": "registered-volunteers", "within": "999999"},
        {"indicator": "registered-volunteers", "within": "510821"},  # a county: not offered
        {"indicator": "registered-volunteers", "published_after": "2024-13-45"},
        {"indicator": "registered-volunteers", "per": "per_cow"},
        {"indicator": "registered-volunteers", "per": "per_1000", "level": "province"},
        {
            "indicator": "registered-volunteers",
            "published_after": "2024-05-01",
            "published_before": "2024-01-01",
        },
    ],
)
def test_an_invalid_choice_is_a_form_error_on_the_page_not_a_500(client, volunteers, params):
    response = get(client, **params)
    assert response.status_code == 400
    assert 'class="form-errors"' in response.content.decode()


def test_per_resident_for_a_unit_that_is_not_money_is_refused(client, volunteers):
    response = get(client, indicator="registered-volunteers", level="county", per="per_resident")
    assert response.status_code == 400
    assert "只适用于金额" in response.content.decode()
    # an export names the parameter at fault (it said "__all__": a new-user pass)
    params = {"indicator": "registered-volunteers", "level": "county", "format": "json"}
    errors = get(client, per="per_resident", **params).json()["errors"]
    assert list(errors) == ["per"] and "只适用于金额" in errors["per"][0]["message"]


def test_the_form_keeps_every_choice_in_the_query_string(client, volunteers):
    html = get(
        client,
        indicator="registered-volunteers",
        level="county",
        within="510800",
        published_after="2024-01-01",
    ).content.decode()
    assert 'method="get"' in html
    assert '<option value="510800" selected>广元市</option>' in html
    assert 'value="2024-01-01"' in html
    assert [adcode for adcode, _ in table_rows(html)] == [CANGXI, WANGCANG]


def test_compare_page_query_count_is_pinned(client, volunteers, django_assert_num_queries):
    # the coverage rows kept at write time, within regions, topics, indicator, the winners
    # kept at write time (with their regions' names, their articles' publications, for
    # the sources panel, and their census rows, in ratio order), the shown rows' titles
    # and evidence (no map query: counties have no map)
    with django_assert_num_queries(6):
        response = get(client, indicator="registered-volunteers", level="county", per="per_1000")
    assert response.status_code == 200
    # a filtered view ranks the winners at read time, then reads their regions' names
    # and the census on their own
    with django_assert_num_queries(8):
        response = get(
            client,
            indicator="registered-volunteers",
            level="county",
            per="per_1000",
            verified="1",
        )
    assert response.status_code == 200


def test_the_picker_options_query_count_is_pinned(client, volunteers, django_assert_num_queries):
    # the coverage rows, within regions, topics, the indicator, the winners kept at write
    # time with their regions' names; a date filter ranks the winners at read time
    # instead, then reads their regions' names: as many at 100,000 articles as here
    url = reverse("articles:compare_regions")
    for params, queries in (
        ({}, 5),
        ({"within": "510000", "lang": "en"}, 5),
        ({"published_after": "2024-01-01"}, 6),
    ):
        with django_assert_num_queries(queries):
            response = client.get(url, {"indicator": "registered-volunteers", **params})
        assert response.status_code == 200 and json_of(response)["regions"], params


def test_the_english_page_names_regions_their_paths_and_the_picker_in_english(client, volunteers):
    """The Chinese page reads no English name (``compare_winner_reads._kept_sql``); the English
    page reads and shows them all: the table's paths, the chart and the region picker."""
    params = {"indicator": "registered-volunteers", "level": "county", "within": "510000"}
    html = get(client, **params, lang="en").content.decode()
    rows = dict(table_rows(html))
    assert rows[WANGCANG][0] == "Sichuan Province › Guangyuan City › Wangcang County"
    assert "Wangcang County" in chart_payload(html)["labels"]
    options = {a: (name, path) for a, name, path in picker_options(client, html)}
    assert options[WANGCANG] == (
        "Wangcang County",
        "Sichuan Province › Guangyuan City › Wangcang County",
    )
    html = get(client, **params).content.decode()
    assert dict(table_rows(html))[WANGCANG][0] == "四川省 › 广元市 › 旺苍县"
    options = {a: (name, path) for a, name, path in picker_options(client, html)}
    assert options[WANGCANG] == ("旺苍县", "四川省 › 广元市 › 旺苍县")


def test_equal_values_are_listed_by_adcode_whatever_order_they_were_stored_in(client):
    """Largest value first, ties by adcode: the kept rows come in the order they were
    written (Cangxi's tie first here), the page and the export in adcode order."""
    volunteer_metric(CANGXI, 500, date(2024, 1, 1))
    volunteer_metric(JINJIANG, 700, date(2024, 1, 1))
    volunteer_metric(WANGCANG, 500, date(2024, 1, 1))
    params = {"indicator": "registered-volunteers", "level": "county"}
    html = get(client, **params).content.decode()
    assert [adcode for adcode, _ in table_rows(html)] == [JINJIANG, WANGCANG, CANGXI]
    rows = json_of(get(client, **params, format="json"))["rows"]
    assert [r["region_adcode"] for r in rows] == [JINJIANG, WANGCANG, CANGXI]


def test_the_compare_page_writes_nothing_to_the_cache(client, volunteers):
    """The page reads the indicator coverage rows themselves: with the database cache a
    miss was six statements, a write transaction among them (on SQLite behind an
    ingest's write lock), for a read of one small table."""
    from django.core.cache import cache

    cache.clear()
    response = get(client, indicator="registered-volunteers", level="county")
    assert response.status_code == 200
    assert "registered-volunteers" in response.content.decode()  # the indicator picker
    assert list(cache._cache) == []  # LocMemCache: no key written, the data version neither


def test_article_text_is_escaped_in_the_table_and_chart_data(client):
    volunteer_metric(WANGCANG, 51104, date(2024, 3, 5), article__title="<script>alert(1)</script>")
    html = get(client, indicator="registered-volunteers").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.browser
def test_the_chart_draws_without_console_errors_and_a_bar_opens_its_article(
    client, volunteers, new_browser_page
):
    """Headless Chromium over pages rendered by the test client beforehand (Playwright
    answers requests from another thread, which must not touch the test database) and
    scripts read from static/: no server or transactional database is needed."""
    compare_url = "/compare/?indicator=registered-volunteers&level=county&per=per_1000"
    pages = {compare_url: client.get(compare_url)}
    for metric in Metric.objects.select_related("article"):
        url = metric.article.get_absolute_url()
        pages[url] = client.get(url)

    def answer(route):
        url = urlsplit(route.request.url)
        if url.path.startswith("/static/"):
            path = ROOT / "static" / url.path.removeprefix("/static/")
            if path.is_file():
                kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return route.fulfill(status=200, body=path.read_bytes(), content_type=kind)
            return route.fulfill(status=404, body="")
        response = pages.get(url.path + (f"?{url.query}" if url.query else ""))
        if response is None:
            return route.fulfill(status=404, body="")
        route.fulfill(
            status=response.status_code,
            body=response.content,
            content_type=response["Content-Type"],
        )

    browser_page = new_browser_page(base_url="http://testserver", width=390, height=900)
    page = browser_page.page
    page.route("http://testserver/**", answer)
    browser_page.visit(compare_url, "compare")
    page.wait_for_function("document.querySelector('#compare-chart').dataset.chartReady")
    # Phone width: nothing wider than the screen except the scrolling table box.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    first = page.evaluate(
        """() => { const c = Chart.getChart('compare-chart');
                   const bar = c.getDatasetMeta(0).data[0];
                   return {x: bar.x, y: bar.y, base: bar.base, label: c.data.labels[0],
                           skip: c.options.scales[c.options.indexAxis].ticks.autoSkip,
                           horizontal: c.options.indexAxis === 'y'}; }"""
    )
    assert first["label"] == "锦江区" and first["skip"] is False
    with page.expect_download() as download:
        page.click("a[data-chart-download='compare-chart']")
    assert Path(download.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # The middle of the first bar, relative to the canvas (scrolled into view).
    if first["horizontal"]:
        middle = {"x": (first["x"] + first["base"]) / 2, "y": first["y"]}
    else:
        middle = {"x": first["x"], "y": (first["y"] + first["base"]) / 2}
    page.locator("#compare-chart").click(position=middle)
    page.wait_for_url("**/articles/*/")
    opened = page.url
    browser_page.assert_clean()
    assert opened.endswith(Metric.objects.get(value=931000000).article.get_absolute_url())


def test_of_several_values_in_one_article_the_largest_is_compared_and_counted():
    article = ArticleFactory(region=region("510821"), published=date(2024, 1, 16))
    for value in ["15", "1728", "257"]:
        MetricFactory(
            article=article, indicator=indicator("volunteer-teams"), value=Decimal(value), unit="支"
        )
    [row] = Metric.objects.for_indicator("volunteer-teams").latest_per_region()
    assert row.value == Decimal("1728")
    assert row.article_values == 3


def test_a_reviewer_approved_value_wins_over_a_larger_one_in_the_same_article():
    article = ArticleFactory(region=region("510821"), published=date(2024, 1, 16))
    MetricFactory(
        article=article, indicator=indicator("volunteer-teams"), value=Decimal("1728"), unit="支"
    )
    MetricFactory(
        article=article,
        indicator=indicator("volunteer-teams"),
        value=Decimal("257"),
        unit="支",
        status="approved",
    )
    [row] = Metric.objects.for_indicator("volunteer-teams").latest_per_region()
    assert row.value == Decimal("257")


def test_compare_csv_neutralises_spreadsheet_formulas_in_text_cells(client):
    volunteer_metric(
        WANGCANG, 51104, date(2024, 1, 16), article__title='=HYPERLINK("http://x","点我")'
    )
    response = client.get(
        reverse("articles:compare") + "?indicator=registered-volunteers&format=csv"
    )
    rows = list(csv.DictReader(io.StringIO(body_of(response).decode("utf-8-sig"))))
    assert rows[0]["article_title"] == '\'=HYPERLINK("http://x","点我")'
    assert rows[0]["value"] == "51104"


def test_a_level_without_values_says_so_and_offers_no_export_or_table_search(client):
    volunteer_metric(WANGCANG, 51104, date(2024, 1, 16))
    html = get(client, indicator="registered-volunteers", level="prefecture").content.decode()
    assert "没有地级地区有这项指标的数值" in html
    assert "format=csv" not in html and 'id="table-find"' not in html
    shown = get(client, indicator="registered-volunteers", level="county").content.decode()
    assert "format=csv" in shown and 'id="table-find"' in shown


def test_compare_exports_link_articles_with_absolute_urls(client):
    """An exported file is read outside the site: its article links carry the host."""
    metric = volunteer_metric(WANGCANG, 51104, date(2024, 1, 16))
    url = reverse("articles:compare") + "?indicator=registered-volunteers&format="
    rows = list(csv.DictReader(io.StringIO(body_of(client.get(url + "csv")).decode("utf-8-sig"))))
    expected = "http://testserver" + metric.article.get_absolute_url()
    assert rows[0]["article_url"] == expected
    assert json.loads(body_of(client.get(url + "json")))["rows"][0]["article_url"] == expected


def test_planned_values_are_not_compared(client):
    volunteer_metric(WANGCANG, 51104, date(2024, 1, 16))
    volunteer_metric(WANGCANG, 80000, date(2024, 3, 1), target=True)  # 力争达到8万人
    volunteer_metric(CANGXI, 90000, date(2024, 3, 1), target=True)
    rows = list(Metric.objects.for_indicator("registered-volunteers").latest_per_region())
    assert [(r.region.adcode, r.value) for r in rows] == [(WANGCANG, Decimal("51104"))]
    html = client.get(
        reverse("articles:compare") + "?indicator=registered-volunteers"
    ).content.decode()
    assert "80,000" not in html and "51,104" in html


def test_per_resident_with_all_levels_compares_counties(client):
    volunteer_metric(WANGCANG, 51104, date(2024, 1, 16))
    url = reverse("articles:compare") + "?indicator=registered-volunteers&per=per_1000"
    response = client.get(url)
    assert response.status_code == 200
    assert "154.8" in response.content.decode()
    prefecture = client.get(url + "&level=prefecture")
    assert prefecture.status_code == 400


@pytest.mark.django_db
def test_compare_shows_the_sum_of_parts_never_one_part_as_the_total(client, seed_text):
    """旺苍县 lists five kinds of volunteer teams (15, 80余, 23, 257, 1728 支): compare shows
    their sum as a lower bound, labelled as a sum of 5 parts, not 1,728."""
    from articles.selectors import compare_rows
    from articles.services import ingest_page

    ingest_page(text=seed_text, issue_date=date(2024, 1, 16))
    result = compare_rows(indicator=Indicator.objects.get(slug="volunteer-teams"), level="county")
    wangcang = next(r for r in result.rows if r.region_adcode == "510821")
    assert (wangcang.value, wangcang.parts, wangcang.bound) == (Decimal(2103), 5, "lower")
    assert "5个分项之和" in wangcang.display and "2,103" in wangcang.display
    page = get(client, indicator="volunteer-teams", level="county")
    assert "1,728" not in page.content.decode()
    # the sum cites the sentences of all five parts (15 and 80余 in the first, 23, 257,
    # 1728 in the second), in the article's order: the table, the chart and both exports
    first, second = "配置15支常备特色志愿服务队伍", "组建23支志愿服务大队"
    [cell] = re.findall(r'<td class="evidence">(.*?)<br>', page.content.decode(), re.S)
    assert first in cell and second in cell and cell.index(first) < cell.index(" … ")
    assert cell.index(" … ") < cell.index(second)
    [point] = chart_payload(page.content.decode())["points"]
    assert point["evidence"].startswith("县新时代文明实践中心组建志愿服务总队")
    # the tooltip quotes both sentences whole (cut at one sentence's length it lost the
    # 1,728), and says the sum once, with no short form beside it
    assert point["evidence"] == cell
    assert (point["display"], point["short"]) == ("≥2,103支（5个分项之和）", "")
    url = "/compare/?indicator=volunteer-teams&level=county&format="
    [row] = csv.DictReader(io.StringIO(body_of(client.get(url + "csv")).decode("utf-8-sig")))
    assert first in row["evidence"] and second in row["evidence"]
    [row] = json.loads(body_of(client.get(url + "json")))["rows"]
    assert first in row["evidence"] and second in row["evidence"]


@pytest.mark.django_db
@pytest.mark.parametrize("verified", [False, True])
def test_a_sum_cites_the_sentences_of_the_parts_it_adds_only(client, seed_text, verified):
    """Parts left out of the sum (rejected; or not reviewed, in the reviewed-only view)
    leave their sentence out of its evidence too: 23 + 257 + 1728 cite the second
    sentence alone."""
    from articles.models import MetricStatus
    from articles.services import ingest_page

    ingest_page(text=seed_text, issue_date=date(2024, 1, 16))
    parts = Metric.objects.filter(indicator__slug="volunteer-teams", region__adcode="510821")
    for metric in parts.order_by("evidence_start"):
        first = metric.value in (Decimal(15), Decimal(80))
        if first and not verified:
            metric.status = MetricStatus.REJECTED
        elif not first and verified:
            metric.status = MetricStatus.APPROVED
        else:
            continue
        metric.save()
    params = {"indicator": "volunteer-teams", "level": "county"}
    if verified:
        params["verified"] = "1"
    html = get(client, **params).content.decode()
    [cell] = re.findall(r'<td class="evidence">(.*?)<br>', html, re.S)
    assert cell.startswith("乡镇实践所（站）按照“1+5+N”要求组建23支") and " … " not in cell
    assert "2,008" in html
    [row] = json.loads(body_of(client.get("/compare/", {**params, "format": "json"})))["rows"]
    assert row["evidence"] == cell and row["value"] == "2008"


@pytest.mark.django_db
def test_compare_shows_the_total_the_text_names_not_a_sum():
    from articles.selectors import compare_rows
    from articles.services import ingest_page

    text = "旺苍县共有志愿服务队2103支，其中党员志愿服务队15支、巾帼志愿服务队80支。"
    ingest_page(text=text, issue_date=date(2024, 1, 16))
    [row] = compare_rows(indicator=Indicator.objects.get(slug="volunteer-teams")).rows
    assert (row.value, row.parts, row.bound) == (Decimal(2103), 0, "")


# --------------------------------------------------------------- one level at a time (issue 10.1)

GUANGYUAN, SICHUAN = "510800", "510000"


def test_without_a_level_compare_shows_counties_only_and_offers_the_prefectures(client, volunteers):
    volunteer_metric(GUANGYUAN, 300000, date(2024, 3, 1))
    volunteer_metric(SICHUAN, 9000000, date(2024, 3, 1))
    response = get(client, indicator="registered-volunteers")
    html = response.content.decode()
    adcodes = [adcode for adcode, _ in table_rows(html)]
    assert sorted(adcodes) == sorted([WANGCANG, CANGXI, JINJIANG, HAIBOWAN, JINMEN])
    assert "显示县级地区（5个）" in html
    assert "level=prefecture" in html and "地级（1个地区）" in html and "省级（1个地区）" in html
    assert chart_payload(html)["labels"] == ["锦江区", "苍溪县", "旺苍县", "海勃湾区", "金门县"]


def test_filters_that_leave_no_value_at_any_level_say_so_not_choose_another_level(client):
    """``published_after=2030-01-01`` read "no county has a value; choose another level",
    where no level has one (a new-user pass)."""
    volunteer_metric(WANGCANG, 51104, date(2024, 1, 16))
    html = get(client, indicator="registered-volunteers", published_after="2030-01-01")
    html = html.content.decode()
    assert "在所选的日期、主题或审核条件下，没有地区有这项指标的数值；请放宽条件。" in html
    assert "请选择其他级别" not in html
    shown = get(client, indicator="registered-volunteers", level="prefecture").content.decode()
    assert "没有地级地区有这项指标的数值；请选择其他级别。" in shown


@pytest.mark.parametrize(
    ("params", "zh", "en"),
    [
        (
            {"within": "150300"},  # 乌海市: no value inside it
            "所选地区范围内没有地区有这项指标的数值；请选择更大的范围。",
            "No region inside the region chosen has a value of this indicator",
        ),
        (
            {"within": "150300", "topic": "volunteering"},
            "在所选的地区范围、日期、主题或审核条件下，没有地区有这项指标的数值；请放宽条件。",
            "inside the region, dates, topic or review status chosen",
        ),
        (
            {"verified": "1"},
            "在所选的日期、主题或审核条件下，没有地区有这项指标的数值；请放宽条件。",
            "under the dates, topic or review status chosen",
        ),
    ],
)
def test_an_empty_comparison_names_what_left_nothing(client, params, zh, en):
    """Only a region scope and no value inside it said "the dates, topic or review
    status" left nothing, though none was chosen (a new-user pass)."""
    volunteer_metric(WANGCANG, 51104, date(2024, 1, 16))
    html = get(client, indicator="registered-volunteers", **params).content.decode()
    assert zh in html
    others = {
        "所选地区范围内没有地区有这项指标的数值；请选择更大的范围。",
        "在所选的地区范围、日期、主题或审核条件下，没有地区有这项指标的数值；请放宽条件。",
        "在所选的日期、主题或审核条件下，没有地区有这项指标的数值；请放宽条件。",
    } - {zh}
    assert not any(text in html for text in others)
    english = get(client, indicator="registered-volunteers", lang="en", **params)
    assert en in english.content.decode()


def test_an_indicator_without_any_value_says_so():
    """With no filter at all, nothing is blamed on a filter."""
    from articles.views.charts import empty_cause

    assert empty_cause({"within": None, "topic": None, "verified": False}) == "none"
    assert empty_cause({"published_before": date(2020, 1, 1)}) == "filters"


def test_without_county_data_the_finest_level_that_has_data_is_shown(client):
    volunteer_metric(GUANGYUAN, 300000, date(2024, 3, 1))
    volunteer_metric(SICHUAN, 9000000, date(2024, 3, 1))
    html = get(client, indicator="registered-volunteers").content.decode()
    assert [adcode for adcode, _ in table_rows(html)] == [GUANGYUAN]
    assert "显示地级地区（1个）" in html and "未选级别时显示有数据的最细级别" in html


def test_a_chosen_level_is_shown_alone_and_named_in_the_json_export(client, volunteers):
    volunteer_metric(GUANGYUAN, 300000, date(2024, 3, 1))
    data = json_of(get(client, indicator="registered-volunteers", level="province", format="json"))
    assert data["rows"] == [] and data["level"] == "province"
    data = json_of(
        get(client, indicator="registered-volunteers", level="prefecture", format="json")
    )
    assert [r["region_adcode"] for r in data["rows"]] == [GUANGYUAN]
    assert data["level_counts"] == {"county": 5, "prefecture": 1, "province": 0}


def test_a_prefecture_shows_its_own_figure_never_a_county_one(client):
    """广元市's value is the metric whose region is 广元市, not 旺苍县's larger figure."""
    volunteer_metric(WANGCANG, 51104, date(2024, 3, 1))
    volunteer_metric(GUANGYUAN, 30000, date(2024, 1, 1))
    data = json_of(
        get(client, indicator="registered-volunteers", level="prefecture", format="json")
    )
    assert [(r["region_adcode"], r["value"]) for r in data["rows"]] == [(GUANGYUAN, "30000")]


def test_shown_level_prefers_counties_then_the_finest_level_with_data():
    from articles.selectors import shown_level

    assert shown_level({"county": 2, "prefecture": 1}, None) == "county"
    assert shown_level({"county": 0, "prefecture": 0, "province": 3}, None) == "province"
    assert shown_level({}, None) == "county"
    assert shown_level({"county": 2}, "prefecture") == "prefecture"


# --------------------------------------------------------------- any set of regions (issue 10.2)


def test_any_set_of_regions_by_name_or_adcode_is_compared_and_kept_in_the_url(client, volunteers):
    response = get(
        client, indicator="registered-volunteers", regions=f"旺苍县，{CANGXI}、Haibowan District"
    )
    html = response.content.decode()
    assert sorted(a for a, _ in table_rows(html)) == sorted([WANGCANG, CANGXI, HAIBOWAN])
    assert f'name="regions" value="旺苍县，{CANGXI}、Haibowan District"' in html
    assert [JINJIANG, "锦江区", "四川省 › 成都市 › 锦江区"] in picker_options(client, html)
    data = json_of(get(client, indicator="registered-volunteers", regions="旺苍县", format="json"))
    assert [r["region_adcode"] for r in data["rows"]] == [WANGCANG]


def test_an_unknown_or_ambiguous_region_is_a_form_error_naming_it(client, volunteers):
    unknown = get(client, indicator="registered-volunteers", regions="旺苍县,火星县,月球市")
    assert unknown.status_code == 400
    assert "没有这些地区：火星县、月球市" in unknown.content.decode()
    ambiguous = get(client, indicator="registered-volunteers", regions="朝阳区", format="json")
    assert ambiguous.status_code == 400
    assert json_of(ambiguous)["errors"]["regions"][0]["message"] == (
        "“朝阳区”有多个地区，请用区划代码：110105 北京市 朝阳区、220104 吉林省 长春市 朝阳区"
    )
    # in English the regions' own names and paths, which tell apart the three that
    # share one (潮阳区 reads Chaoyang District too)
    english = get(client, indicator="registered-volunteers", regions="Chaoyang District", lang="en")
    assert english.status_code == 400
    assert (
        "110105 Beijing Municipality Chaoyang District, "
        "220104 Jilin Province Changchun City Chaoyang District, "
        "440513 Guangdong Province Shantou City Chaoyang District"
    ) in english.content.decode()


def test_regions_of_several_levels_are_shown_one_level_at_a_time(client, volunteers):
    volunteer_metric(GUANGYUAN, 300000, date(2024, 3, 1))
    html = get(client, indicator="registered-volunteers", regions="广元市,旺苍县").content.decode()
    assert [a for a, _ in table_rows(html)] == [WANGCANG]
    assert "地级（1个地区）" in html


def test_exports_are_named_after_the_view(client, volunteers):
    response = get(
        client, indicator="registered-volunteers", within="510000", per="per_1000", format="csv"
    )
    assert response.headers["Content-Disposition"].endswith(
        'filename="compare-registered-volunteers-county-in-510000-per_1000.csv"'
    )
    response = get(
        client, indicator="registered-volunteers", regions="旺苍县,苍溪县", format="json"
    )
    assert (
        'filename="compare-registered-volunteers-county-2-regions.json"'
        in response.headers["Content-Disposition"]
    )


def test_the_notes_offer_clicking_the_chart_only_in_the_panel_of_a_drawn_chart(client):
    """ "Click a bar to open that article" stood under a page that drew no chart, then
    under the table tab and the change view's dumbbells (new-user passes): it is a note
    of the chart's own panel, for bars and dumbbells alike."""
    hint = "点击图中的地区可打开来源文章。"
    volunteer_metric(CANGXI, 114500, date(2024, 2, 1))
    drawn = get(client, indicator="registered-volunteers", level="county").content.decode()
    panel = drawn[drawn.index('id="panel-chart"') : drawn.index('id="panel-table"')]
    assert hint in panel and drawn.count(hint) == 1
    # shown by the script once it has drawn the chart, as the download link: never
    # beside "the chart needs JavaScript"
    assert f'data-chart-actions="compare-chart" hidden>{hint}' in panel
    html = get(
        client, indicator="registered-volunteers", level="county", view="change"
    ).content.decode()
    assert 'id="chart-empty"' in html
    assert "每个地区取最新发表的文章中的数值。" in html and hint not in html
    english = get(
        client, indicator="registered-volunteers", level="county", lang="en"
    ).content.decode()
    assert "Click a region in the chart to open its article." in english


def regions_of(client, **params):
    return client.get(reverse("articles:compare_regions"), params)


def test_the_page_leaves_the_picker_options_to_their_own_url(client, volunteers):
    """The region picker's 2,700 county options were half of a county comparison's page:
    the page sends an empty list and the URL of its options, keeping only the parameters
    that decide which regions are offered (and the language), so every ratio, tab and
    page of one indicator at one level shares one URL."""
    html = get(
        client,
        lang="en",
        tab="table",
        per="per_1000",
        within="510000",
        level="county",
        indicator="registered-volunteers",
        page="1",
    ).content.decode()
    assert '<datalist id="region-options"></datalist>' in html
    assert '<option value="510821"' not in html
    [url] = set(re.findall(r'data-options-url="([^"]+)"', html))
    assert urlsplit(url).path == reverse("articles:compare_regions")
    # in one order whatever the page's: one URL, one answer kept by the browser
    assert urlsplit(url).query == (
        "indicator=registered-volunteers&amp;level=county&amp;within=510000&amp;lang=en"
    )
    # what region-picker.js reads from the form as it stands, in the same order
    params = "indicator level within topic published_after published_before verified lang"
    assert set(re.findall(r'data-options-params="([^"]+)"', html)) == {params}
    assert [a for a, *_names in picker_options(client, html)] == [JINJIANG, WANGCANG, CANGXI]


def test_the_picker_offers_only_the_level_chosen(client, volunteers):
    """One level is compared at a time: with a level chosen, a prefecture with a value was
    offered beside the counties and, once picked, only left out with a note (a new-user
    pass). Without one, every level is offered (the page shows the finest with data)."""
    volunteer_metric("510800", 300000, date(2024, 3, 1))  # 广元市, a prefecture
    counties = regions_of(client, indicator="registered-volunteers", level="county")
    assert [a for a, *_names in json_of(counties)["regions"]] == sorted(
        [WANGCANG, CANGXI, JINJIANG, HAIBOWAN, JINMEN]
    )
    prefectures = regions_of(client, indicator="registered-volunteers", level="prefecture")
    assert [a for a, *_names in json_of(prefectures)["regions"]] == ["510800"]
    every = regions_of(client, indicator="registered-volunteers")
    assert "510800" in [a for a, *_names in json_of(every)["regions"]]
    refused = regions_of(client, indicator="registered-volunteers", level="town")
    assert refused.status_code == 400 and "level" in json_of(refused)["errors"]


def test_the_picker_options_are_every_region_with_a_value_under_the_filters(client, volunteers):
    """At every level, by adcode; dates, scope and review narrow them as they narrow the
    rows (旺苍县's 2023 value is older than the filter, so it has none)."""
    volunteer_metric("510800", 300000, date(2024, 3, 1))  # 广元市, a prefecture
    data = json_of(regions_of(client, indicator="registered-volunteers"))
    assert [a for a, *_names in data["regions"]] == sorted(
        [WANGCANG, CANGXI, JINJIANG, HAIBOWAN, JINMEN, "510800"]
    )
    assert [r for r in data["regions"] if r[0] == "510800"] == [
        ["510800", "广元市", "四川省 › 广元市"]
    ]
    within = regions_of(client, indicator="registered-volunteers", within="510800")
    assert [a for a, *_names in json_of(within)["regions"]] == ["510800", WANGCANG, CANGXI]
    dated = regions_of(client, indicator="registered-volunteers", published_after="2024-02-02")
    assert [a for a, *_names in json_of(dated)["regions"]] == ["510800", WANGCANG]
    Metric.objects.filter(region__adcode=CANGXI).update(status=MetricStatus.APPROVED)
    reviewed = regions_of(client, indicator="registered-volunteers", verified="1")
    assert json_of(reviewed)["regions"] == [[CANGXI, "苍溪县", "四川省 › 广元市 › 苍溪县"]]


def test_bad_picker_parameters_are_a_400_naming_them(client, volunteers):
    missing = regions_of(client)
    assert missing.status_code == 400
    assert list(json_of(missing)["errors"]) == ["indicator"]
    for params, field in (
        ({"indicator": "no-such-indicator"}, "indicator"),
        (
            {"indicator": "registered-volunteers", "published_after": "2024-13-01"},
            "published_after",
        ),
        ({"indicator": "registered-volunteers", "within": "999999"}, "within"),
        ({"indicator": "registered-volunteers", "topic": "bad\x00"}, "topic"),
        ({"indicator": "registered-volunteers", "level": "nope"}, "level"),
    ):
        response = regions_of(client, **params)
        assert response.status_code == 400, params
        assert response["Content-Type"] == "application/json"
        assert field in json_of(response)["errors"], params
        # checked before the browser's copy: no 304 for a bad query, whatever its ETag
        for etag in ("*", regions_of(client, indicator="registered-volunteers")["ETag"]):
            response = client.get(
                reverse("articles:compare_regions"), params, HTTP_IF_NONE_MATCH=etag
            )
            assert response.status_code == 400 and "ETag" not in response, params
    # the compare page's other parameters are not the picker's: not read, not refused
    others = {"per": "x", "view": "y", "regions": "火星县", "page": "0"}
    assert regions_of(client, indicator="registered-volunteers", **others).status_code == 200


def test_the_picker_options_refuse_other_methods_with_json(volunteers):
    """Only GET and HEAD: anything else is a JSON 405 naming them (not the CSRF page)."""
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    url = reverse("articles:compare_regions") + "?indicator=registered-volunteers"
    assert strict.head(url).status_code == 200
    for method in ("post", "put", "delete", "options"):
        response = getattr(strict, method)(url)
        assert response.status_code == 405, method
        assert response["Allow"] == "GET, HEAD"
        assert json_of(response)["errors"]["__all__"][0]["message"] == "只接受 GET 和 HEAD 请求。"


def test_the_picker_options_are_revalidated_by_the_data_version_and_language(client, volunteers):
    """The browser keeps the options and asks again with their ETag (``no-cache``,
    private): 304 while no write moved the data version on and the language is the
    same; a new value, or the other language, is a full answer."""
    url = reverse("articles:compare_regions") + "?indicator=registered-volunteers"
    first = client.get(url)
    assert "no-cache" in first["Cache-Control"] and "private" in first["Cache-Control"]
    etag = first["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    english = client.get(url + "&lang=en", HTTP_IF_NONE_MATCH=etag)
    assert english.status_code == 200
    assert [WANGCANG, "Wangcang County", "Sichuan Province › Guangyuan City › Wangcang County"] in (
        json_of(english)["regions"]
    )
    volunteer_metric("510822", 2000, date(2024, 5, 1))  # 青川县: a write
    forget_language(client)  # the reader who asked for no language
    after = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert after.status_code == 200 and after["ETag"] != etag
    assert ["510822", "青川县", "四川省 › 广元市 › 青川县"] in json_of(after)["regions"]


def test_regions_of_one_name_are_told_apart_on_the_chart_axis(client, volunteers):
    """Two bars read 朝阳区 (a new-user pass): where drawn regions share a name, each is
    labelled with its path's last two steps; the others keep their names."""
    volunteer_metric("110105", 5000, date(2024, 1, 1))  # 北京市 › 朝阳区
    volunteer_metric("220104", 6000, date(2024, 1, 1))  # 吉林省 › 长春市 › 朝阳区
    html = get(client, indicator="registered-volunteers", level="county").content.decode()
    labels = chart_payload(html)["labels"]
    assert "北京市 › 朝阳区" in labels and "长春市 › 朝阳区" in labels
    assert "朝阳区" not in labels and "旺苍县" in labels
    change = get(client, indicator="registered-volunteers", level="county", view="change")
    assert "旺苍县" in chart_payload(change.content.decode())["labels"]
