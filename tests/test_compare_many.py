"""Compare with many regions (issue 10.4): the chart draws the largest and smallest
``CHART_EACH_END`` and says so; the table is searched, sorted and paginated in the URL;
exports keep every row."""

import csv
import io
import json
import re
from html import unescape as html_unescape
from urllib.parse import parse_qs

import pytest
from django.urls import reverse

from articles.charts import CHART_EACH_END, charted
from tests.factories import body_of, county_metrics, json_of

pytestmark = pytest.mark.django_db


def page(client, **params):
    """The compare page of ``params``, on the table tab unless ``tab`` is given (the
    other tabs leave the table's rows to compare-tabs.js)."""
    params = {"indicator": "registered-volunteers", "tab": "table", **params}
    return client.get(reverse("articles:compare"), params)


def chart_payload(html: str) -> dict:
    text = html.split('<script id="compare-chart-data" type="application/json">')[1]
    return json.loads(text.split("</script>")[0])


def table_adcodes(html: str) -> list[str]:
    return re.findall(r'<tr data-adcode="(\d+)">', html)


def test_charted_keeps_every_row_up_to_twice_the_end_size():
    rows = list(range(2 * CHART_EACH_END))
    assert charted(rows, ratio=False) == (rows, 0)


def test_a_long_compare_charts_the_largest_and_smallest_with_a_gap_and_says_so(client):
    adcodes = county_metrics(120)
    html = page(client).content.decode()
    chart = chart_payload(html)
    assert len(chart["labels"]) == 2 * CHART_EACH_END + 1
    assert chart["values"][CHART_EACH_END] is None and chart["labels"][CHART_EACH_END] == "⋯"
    assert chart["values"][0] == 1000 + 7 * 119 and chart["values"][-1] == 1000
    assert (chart["omitted"], chart["total"]) == (70, 120)
    # the table is another tab, not "below" (a new-user pass)
    assert chart["points"][CHART_EACH_END]["display"] == "此处省略70个地区，见“表格”标签页"
    assert "（共120个地区）；全部地区见“表格”标签页，可搜索、排序、翻页。" in html
    assert "各地区最新值条形图；数值见“表格”标签页" in html
    assert table_adcodes(html) == adcodes[:100]  # page 1 of the table, largest first


def test_the_table_pages_sorts_and_searches_in_the_url(client):
    adcodes = county_metrics(120)
    assert table_adcodes(page(client, page=2).content.decode()) == adcodes[100:]
    ascending = page(client, o="value").content.decode()
    assert table_adcodes(ascending)[:3] == adcodes[::-1][:3]
    assert table_adcodes(page(client, o="adcode").content.decode())[:2] == sorted(adcodes)[:2]
    found = page(client, find=adcodes[5]).content.decode()
    assert table_adcodes(found) == [adcodes[5]]
    assert f'name="find" value="{adcodes[5]}"' in found
    assert f"“{adcodes[5]}”：1个地区" in found
    by_name = page(client, find="东城区").content.decode()
    assert table_adcodes(by_name) == ["110101"]
    # either language's name on either page: "Dongcheng" found nothing on a Chinese
    # page, whose rows are read without English names (a new-user pass)
    for lang in ("zh-hans", "en"):
        for find in ("Dongcheng", "dongcheng district", "东城区"):
            assert table_adcodes(page(client, find=find, lang=lang).content.decode()) == [
                "110101"
            ], (lang, find)
        # a province or prefecture named in the other language finds what is inside it
        inside = {a for a in adcodes if a.startswith("11")}
        for find in ("Beijing", "北京"):
            listed = set(table_adcodes(page(client, find=find, lang=lang).content.decode()))
            assert listed == inside, (lang, find)
    # the chart is the whole view's, not the search's
    assert len(chart_payload(found)["labels"]) == 2 * CHART_EACH_END + 1


def test_the_tables_links_open_on_the_table_whatever_tab_the_address_names(client):
    """A new-user pass: after 显示 the address says tab=chart; switching to the table in
    place kept it, so a sort header, 查找 and the page links opened on the chart again
    (the sort's ``o`` was not even read as a table parameter). Each names the table."""
    county_metrics(120)
    html = page(client, tab="chart", level="county").content.decode()
    # on the chart the table's panel is left empty, with the address it is read from
    panel = html[html.index('id="panel-table"') :]
    src = html_unescape(re.search(r'data-panel-src="([^"]*)"', panel).group(1))
    assert "<tr data-adcode" not in panel and "tab=chart" not in src
    assert parse_qs(src[1:]) == {
        "indicator": ["registered-volunteers"],
        "level": ["county"],
        "tab": ["table"],
    }
    html = client.get(reverse("articles:compare") + src).content.decode()
    panel = html[html.index('id="panel-table"') :]
    sorts = re.findall(r'<a href="([^"]*)" data-sort="', panel)
    assert sorts and all("tab=table" in href and "tab=chart" not in href for href in sorts)
    find = panel[panel.index('class="table-find"') : panel.index("</form>")]
    assert (
        find.count('name="tab"') == 1 and '<input type="hidden" name="tab" value="table">' in find
    )
    pages = re.findall(r'<nav class="pagination".*?</nav>', panel, re.S)[0]
    assert "page=2" in pages and "tab=table" in pages and "tab=chart" not in pages
    old_link = {"indicator": "registered-volunteers", "level": "county", "o": "name"}  # no tab
    opened = client.get(reverse("articles:compare"), old_link).content.decode()
    assert 'id="panel-table" role="tabpanel" aria-labelledby="tab-table">' in opened
    assert 'id="panel-chart" role="tabpanel" aria-labelledby="tab-chart" hidden>' in opened
    # the article list's pages keep their own address
    listing = client.get(reverse("articles:list"), {"page": 1}).content.decode()
    list_pages = re.findall(r'<nav class="pagination".*?</nav>', listing, re.S)[0]
    assert "page=2" in list_pages and "tab=" not in list_pages


def test_a_table_parameter_on_another_tab_is_checked_and_its_table_served(client):
    """``page``, ``find`` or ``o`` with ``tab=chart`` or ``tab=map``: the table is built
    as on its own tab (a bad page is a 400 whichever tab; the chart was served and the
    table's tab then opened an error page: a new-user pass)."""
    adcodes = county_metrics(120)
    for tab in ("chart", "map"):
        for bad in ("abc", "0", "3"):
            assert page(client, tab=tab, page=bad).status_code == 400, (tab, bad)
        html = page(client, tab=tab, page="2").content.decode()
        assert table_adcodes(html) == adcodes[100:] and "data-panel-src" not in html
    assert "data-panel-src" in page(client, tab="chart").content.decode()


def test_an_unknown_sort_is_said_and_the_default_used_never_a_500(client):
    adcodes = county_metrics(60)
    response = page(client, o="galaxy")
    html = response.content.decode()
    assert response.status_code == 200
    assert "未知的排序方式“galaxy”" in html
    assert table_adcodes(html) == adcodes


def test_exports_keep_every_page_of_the_tables_rows_in_its_sort(client):
    """The table's CSV and JSON hold what the table shows, every page of it: the rows its
    ``find`` keeps, in its sort ``o`` (a new-user pass sorted and searched the table and
    got every row, largest first); the page number is no filter."""
    adcodes = county_metrics(120)
    data = json_of(page(client, format="json", page=2))
    assert [r["region_adcode"] for r in data["rows"]] == adcodes  # all 120, largest first
    assert body_of(page(client, format="csv")).decode().count("\n") == 121
    found = json_of(page(client, format="json", find=adcodes[7]))
    assert [r["region_adcode"] for r in found["rows"]] == [adcodes[7]]
    assert (found["find"], found["sort"]) == (adcodes[7], "-value")
    ascending = json_of(page(client, format="json", o="value"))
    assert [r["region_adcode"] for r in ascending["rows"]] == adcodes[::-1]
    assert ascending["sort"] == "value" and ascending["find"] is None
    text = body_of(page(client, format="csv", o="adcode")).decode("utf-8-sig")
    assert [r["region_adcode"] for r in csv.DictReader(io.StringIO(text))] == sorted(adcodes)
    # the default sort says nothing more
    assert "sort" not in json_of(page(client, format="json"))


def test_an_unknown_sort_is_a_400_in_an_export_and_left_out_of_the_pages_links(client):
    county_metrics(5)
    response = page(client, format="json", o="galaxy")
    assert response.status_code == 400
    assert json_of(response)["errors"]["o"][0]["message"].startswith(
        "未知的排序方式“galaxy”；可用："
    )
    html = page(client, o="galaxy", find="区").content.decode()
    links = re.findall(r'href="(\?[^"]*format=(?:csv|json)[^"]*)"', html)
    assert links and all("o=galaxy" not in link and "find=" in link for link in links)
    assert "o=name" in html_unescape(
        re.findall(r'href="([^"]*format=csv[^"]*)"', page(client, o="name").content.decode())[0]
    )


def test_a_long_compare_runs_the_same_queries_as_a_short_one(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(**params) -> int:
        page(client, **params)  # warm the cached coverage and the session
        with CaptureQueriesContext(connection) as captured:
            assert page(client, **params).status_code == 200
        return len(captured)

    county_metrics(5)
    short = queries()
    county_metrics(300)
    assert queries(page=2, o="name", find="区") == short


def test_the_subtitle_says_how_many_regions_a_chart_draws(client):
    """The change view draws only regions with a change: its subtitle claimed "the 25
    largest and 25 smallest" while it drew 3 of 211 (a new-user pass)."""
    from datetime import date

    from tests.factories import volunteer_metric

    adcodes = county_metrics(60)  # published 2024-01-16
    for adcode in adcodes[:2]:
        volunteer_metric(adcode, 9000, date(2024, 6, 1))
    change = chart_payload(page(client, level="county", view="change").content.decode())
    assert len(change["labels"]) == 2
    assert change["subtitle"] == "县级 · 60个地区（图中画出2个）"
    latest = chart_payload(page(client, level="county").content.decode())
    assert latest["subtitle"] == "县级 · 60个地区（图中为最大和最小各25个）"
    english = chart_payload(page(client, level="county", view="change", lang="en").content.decode())
    assert english["subtitle"] == "County · 60 regions (chart: 2 of them)"
