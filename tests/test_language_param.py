"""``?lang=`` in a shared link opens the page in that language (issue 10.8); the cookie
switch keeps working and is not overridden by a ``lang`` left in its return URL."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_lang_in_the_url_overrides_the_cookie_both_ways(client):
    english = client.get("/compare/?lang=en")
    assert '<html lang="en">' in english.content.decode()
    assert english.headers["Content-Language"] == "en"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    chinese = client.get("/compare/?lang=zh-hans").content.decode()
    assert '<html lang="zh-hans">' in chinese and "地区比较" in chinese


@pytest.mark.parametrize(
    "code, cookie, shown",
    [
        ("zh", "en", "zh-hans"),
        ("zh-CN", "en", "zh-hans"),
        ("zh_cn", "en", "zh-hans"),
        ("ZH-Hans", "en", "zh-hans"),
        ("en-US", "zh-hans", "en"),
        ("EN", "zh-hans", "en"),
    ],
)
def test_other_spellings_of_a_language_code_are_read(client, code, cookie, shown):
    # ?lang=zh was ignored: only zh-hans and en were read (a new-user pass)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = cookie
    response = client.get(f"/compare/?lang={code}")
    assert f'<html lang="{shown}">' in response.content.decode()
    assert response.headers["Content-Language"] == shown


def test_an_unknown_lang_is_ignored_not_an_error(client):
    response = client.get("/compare/?lang=xx")
    assert response.status_code == 200
    assert '<html lang="zh-hans">' in response.content.decode()


def test_the_language_switch_returns_to_the_page_without_lang(client):
    html = client.get("/articles/?region=510000&lang=en&o=-published").content.decode()
    assert 'name="next" type="hidden" value="/articles/?region=510000&amp;o=-published"' in html


def test_the_compare_form_keeps_lang_when_it_is_submitted_again(client):
    html = client.get("/compare/?lang=en").content.decode()
    assert '<input type="hidden" name="lang" value="en">' in html


def test_a_lang_link_keeps_its_language_for_the_pages_opened_from_it(client):
    """A reader whose browser asks for Chinese opens a shared English link: the next page
    they click is English too (it turned Chinese at the first click: a new-user pass)."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-CN,zh;q=0.9"
    shared = client.get("/compare/?lang=en")
    assert '<html lang="en">' in shared.content.decode()
    cookie = shared.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en" and cookie["samesite"] == "Lax"
    assert cookie["max-age"] == 365 * 24 * 60 * 60  # kept when the browser closes
    assert '<html lang="en">' in client.get("/articles/").content.decode()
    # the cookie already says so: not set again; another lang moves it
    assert settings.LANGUAGE_COOKIE_NAME not in client.get("/compare/?lang=en").cookies
    client.get("/?lang=zh-hans")
    assert '<html lang="zh-hans">' in client.get("/articles/").content.decode()


def test_an_unknown_lang_sets_no_cookie(client):
    assert settings.LANGUAGE_COOKIE_NAME not in client.get("/compare/?lang=xx").cookies
