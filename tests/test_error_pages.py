"""The site's own 404 and 500 pages (DEBUG off): found by a new user at
/regions/999999/, which showed Django's bare English "Not Found" with no way back."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_an_unknown_region_gets_the_sites_404_page_in_either_language(client):
    response = client.get("/regions/999999/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "<h1>找不到页面</h1>" in html
    assert f'href="{reverse("articles:list")}"' in html  # a way back
    assert 'name="csrfmiddlewaretoken"' in html  # the language switch works here too
    english = client.get("/regions/999999/", {"lang": "en"}).content.decode()
    assert "<h1>Page not found</h1>" in english and "Back to the overview" in english


def test_an_error_in_a_view_gets_the_sites_500_page_without_details(client, monkeypatch):
    def broken():
        raise RuntimeError("secret detail")

    monkeypatch.setattr("articles.selectors.indicator_coverage", broken)
    client.raise_request_exception = False
    response = client.get(reverse("articles:compare"), {"lang": "en"})
    html = response.content.decode()
    assert response.status_code == 500
    assert "<h1>Server error</h1>" in html
    assert "secret detail" not in html and "Traceback" not in html


@pytest.mark.parametrize("path", ["/regions/999999/", "/articles/999999/", "/no/such/page/"])
def test_with_debug_on_a_missing_page_is_still_the_sites_404_page(
    client, admin_client, settings, path
):
    """``make run`` serves with DEBUG on: a missing article, region or address showed
    Django's technical page (its URL patterns, in English, wider than a phone; a new-user
    pass). The site's page, in the reader's language; the admin keeps Django's."""
    settings.DEBUG = True
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 404
    assert "<h1>找不到页面</h1>" in html and "URLconf" not in html
    english = client.get(path, {"lang": "en"})
    assert english.status_code == 404
    assert "<h1>Page not found</h1>" in english.content.decode()
    admin = admin_client.get("/admin/no-such-page/")
    assert admin.status_code == 404 and "找不到页面" not in admin.content.decode()


@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.parametrize(
    ("path", "zh", "en"),
    [
        ("/articles/999999/", "没有编号为 999999 的文章。", "There is no article number 999999."),
        (
            "/regions/999999/",
            "没有区划代码为 999999 的地区。",
            "There is no region with the code 999999.",
        ),
        (
            "/regions/<b>51</",
            "“&lt;b&gt;51&lt;”不是区划代码：区划代码是六位数字，如 510821。",
            "“&lt;b&gt;51&lt;” is not a region code: region codes are six digits, such as 510821.",
        ),
    ],
)
def test_a_missing_page_says_which_part_of_its_address_is_wrong(
    client, settings, debug, path, zh, en
):
    """It said only that the article number, region code or page number might be wrong
    (a new-user pass); the reason is escaped, with DEBUG on or off."""
    settings.DEBUG = debug
    assert f'<p class="not-found-reason">{zh}</p>' in client.get(path).content.decode()
    english = client.get(path, {"lang": "en"})
    assert english.status_code == 404
    assert f'<p class="not-found-reason">{en}</p>' in english.content.decode()
    # an address no page has gives the general sentence alone
    assert "not-found-reason" not in client.get("/no/such/page/").content.decode()
