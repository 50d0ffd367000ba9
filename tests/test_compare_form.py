"""The compare form as a browser without JavaScript submits it: every named control in
order, empty ones included, and the region picker's search under ``regions`` beside the
regions field (a new-user pass found the picker unnamed, so a pick was never sent)."""

import json
import re
from datetime import date
from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from tests.factories import volunteer_metric

pytestmark = pytest.mark.django_db

WANGCANG, CANGXI, JINJIANG = "510821", "510824", "510104"


@pytest.fixture
def volunteers():
    volunteer_metric(WANGCANG, 51104, date(2024, 3, 5))
    volunteer_metric(CANGXI, 114500, date(2024, 2, 1))
    volunteer_metric(JINJIANG, 931000000, date(2024, 1, 1))


class FormSubmission(HTMLParser):
    """The ``(name, value)`` pairs a browser without JavaScript sends for the page's
    compare form (``form.chart-form``), in document order: text-like inputs with their
    value (``typed[id]`` when given), checked checkboxes, each select's selected option
    (else its first); disabled and unnamed controls are not sent."""

    def __init__(self, typed: dict[str, str]):
        super().__init__()
        self.typed = typed
        self.pairs: list[tuple[str, str]] = []
        self._in_form = False
        self._select: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and "chart-form" in (a.get("class") or "").split():
            self._in_form = True
        if not self._in_form or "disabled" in a:
            return
        if tag == "input" and a.get("name"):
            if a.get("type") == "checkbox":
                if "checked" in a:
                    self.pairs.append((a["name"], a.get("value") or "on"))
            elif a.get("type") not in {"submit", "button"}:
                self.pairs.append((a["name"], self.typed.get(a.get("id"), a.get("value") or "")))
        elif tag == "select" and a.get("name"):
            self._select = {"name": a["name"], "first": None, "selected": None}
        elif tag == "option" and self._select is not None:
            value = a.get("value") or ""
            if self._select["first"] is None:
                self._select["first"] = value
            if "selected" in a:
                self._select["selected"] = value

    def handle_endtag(self, tag):
        if tag == "select" and self._select is not None:
            chosen = self._select["selected"]
            value = chosen if chosen is not None else self._select["first"]
            self.pairs.append((self._select["name"], value or ""))
            self._select = None
        elif tag == "form":
            self._in_form = False


def submitted(html: str, **typed: str) -> list[tuple[str, str]]:
    """What the compare form sends without JavaScript, ``typed`` by element id."""
    parser = FormSubmission({key.replace("_", "-"): v for key, v in typed.items()})
    parser.feed(html)
    return parser.pairs


def page(client, query: str):
    return client.get(f"{reverse('articles:compare')}?{query}")


def shown_adcodes(html: str) -> list[str]:
    return re.findall(r'<tr data-adcode="(\d+)">', html)


def regions_field(html: str) -> str:
    """The value the page's regions field shows."""
    field = re.search(r'<input[^>]*id="id_regions"[^>]*>', html).group(0)
    return re.search(r'value="([^"]*)"', field).group(1)


def test_a_pick_from_the_all_regions_view_is_sent_without_javascript(client, volunteers):
    # on the table tab: the form keeps it (the chart tab leaves the rows to compare-tabs.js)
    first = page(client, "indicator=registered-volunteers&level=county&tab=table").content.decode()
    pairs = submitted(first, region_add="旺苍县")
    # the regions field (empty) and the picker, both under the parameter the view reads
    assert [v for k, v in pairs if k == "regions"] == ["", "旺苍县"]
    response = page(client, urlencode(pairs))
    html = response.content.decode()
    assert response.status_code == 200
    assert shown_adcodes(html) == [WANGCANG]
    assert regions_field(html) == "旺苍县"


def test_a_pick_added_to_chosen_regions_joins_them_without_javascript(client, volunteers):
    first = page(client, f"indicator=registered-volunteers&regions={WANGCANG}&tab=table")
    first = first.content.decode()
    pairs = submitted(first, region_add=CANGXI)  # a datalist option's value: an adcode
    assert [v for k, v in pairs if k == "regions"] == [WANGCANG, CANGXI]
    html = page(client, urlencode(pairs)).content.decode()
    assert shown_adcodes(html) == [CANGXI, WANGCANG]
    assert regions_field(html) == f"{WANGCANG},{CANGXI}"
    # the tabs and the table's search echo the joined value, once
    tab = re.search(r'<a class="tab"[^>]*id="tab-table" href="([^"]*)"', html).group(1)
    assert f"regions={WANGCANG}%2C{CANGXI}&amp;" in tab and tab.count("regions=") == 1
    hidden = re.findall(r'<input type="hidden" name="regions" value="([^"]*)">', html)
    assert hidden == [f"{WANGCANG},{CANGXI}"]


def test_the_links_of_a_submitted_view_carry_no_empty_parameters(client, volunteers):
    """A submitted form sends every field, most of them empty; a new-user pass found the
    tabs, level links and the table's search repeating '&level=&within=&regions=&…'. The
    view reads an empty parameter as an absent one and echoes only the filled ones."""
    first = page(client, "indicator=registered-volunteers&tab=table").content.decode()
    pairs = submitted(first)
    assert ("within", "") in pairs and ("published_after", "") in pairs  # as a browser sends
    response = page(client, urlencode(pairs))
    html = response.content.decode()
    assert response.status_code == 200
    assert shown_adcodes(html) == [JINJIANG, CANGXI, WANGCANG]
    hrefs = re.findall(r'href="(\?[^"]*)"', html)
    tab = next(h for h in hrefs if "tab=table" in h)
    assert tab == "?tab=table&amp;indicator=registered-volunteers&amp;per=total&amp;view=latest"
    assert hrefs and not [h for h in hrefs if re.search(r"=(&|$)", h)]
    hidden = re.findall(r'<input type="hidden" name="([^"]*)" value="([^"]*)">', html)
    assert ("indicator", "registered-volunteers") in hidden
    assert not [name for name, value in hidden if not value]
    citation = re.search(r'<textarea id="citation"[^>]*>([^<]*)</textarea>', html).group(1)
    # the view, without its tab or default measure and view (compare_map.permalink)
    assert citation.endswith("http://testserver/compare/?indicator=registered-volunteers")


def test_the_ratios_each_indicator_takes_are_in_the_page_and_made_once(client, volunteers):
    """static/js/per-options.js reads which ratios each indicator takes from the page;
    the JSON is made once for the coverage rows read, again when they change."""
    from articles import selectors
    from articles.compare_filter import per_allowed_script

    html = page(client, "indicator=registered-volunteers").content.decode()
    found = re.search(r'<script id="per-allowed" type="application/json">(.*?)</script>', html)
    assert json.loads(found.group(1)) == {"registered-volunteers": ["total", "per_1000"]}
    first = per_allowed_script(selectors.indicator_coverage(fresh=True))
    assert per_allowed_script(selectors.indicator_coverage(fresh=True)) is first
    paid = {"unit": "元", "indicator_slug": "pension-benefits-paid"}  # money: per resident
    volunteer_metric(WANGCANG, 20000, date(2024, 3, 5), **paid)
    later = per_allowed_script(selectors.indicator_coverage(fresh=True))
    assert later is not first and '"pension-benefits-paid": ["total", "per_resident"]' in later
