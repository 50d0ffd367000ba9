"""Bad query parameters a new-user pass found taken for good ones or answered badly:

- ``?verified=maybe`` was checked (Django's checkbox takes any value but false/0 as true);
- ``?q=%00`` got a bare, untranslated 400 from the NUL middleware;
- ``?page=99999`` / ``0`` / ``abc`` silently showed page 1 (or the last);
- ``?year=99999`` showed its error above a list of every article.

Now a bad filter value is a form error with no list (django-filter's strict
``FilterView``: an empty list), a NUL is such a form error on the pages whose form reads
every parameter, and a page that does not exist (``abc``, ``0``, beyond the last) is the
same 400 naming the parameter on the list, a search, a region's articles and metrics,
compare's table, the review queue's list and their exports (it was Django's 404, a yellow
page with DEBUG on: a new-user pass).
"""

from datetime import date

import pytest
from django.urls import reverse

from tests.factories import ArticleFactory, forget_language, json_of, region, volunteer_metric

pytestmark = pytest.mark.django_db

LIST = reverse("articles:list")
COMPARE = reverse("articles:compare")


@pytest.fixture
def thirty():
    """30 articles in 旺苍县 (two list pages), all holding 志愿; one volunteer figure."""
    for i in range(30):
        ArticleFactory(
            title=f"旺苍志愿{i:02d}",
            body="全县志愿服务。",
            region=region("510821"),
            published=date(2024, 1, 1 + i % 28),
        )
    volunteer_metric("510821", 51104, date(2024, 3, 5))


def listed(response) -> list[str]:
    return [a.title for a in response.context["articles"]]


# -- a bad filter value: its error, and no list ------------------------------------------


@pytest.mark.parametrize(
    "params, field",
    [
        ({"year": "99999"}, "year"),
        ({"verified": "maybe"}, "verified"),
        ({"q": "\x00"}, "q"),
        ({"region": "510821\x00"}, "region"),
        ({"source": "\x00"}, "source"),
        ({"published_after": "2024-13-45"}, "published_after"),
        ({"region": "510821", "kind": "poem"}, "kind"),
    ],
)
def test_a_bad_filter_value_is_its_error_with_no_list(client, thirty, params, field):
    response = client.get(LIST, params)
    assert response.status_code == 400  # as region pages, compare and exports answer
    assert list(response.context["filter"].form.errors) == [field]
    assert listed(response) == []
    html = response.content.decode()
    assert f'id="id_{field}-errors"' in html
    assert "筛选条件有误：请修改上面标出的条件后再筛选。" in html
    assert "共 30 篇文章" not in html and 'class="pagination"' not in html


@pytest.mark.parametrize(
    "lang, message",
    [
        ("zh-hans", "“2024-13-45”不是有效的日期：请写成 年-月-日，如 2024-01-16。"),
        ("en", "“2024-13-45” is not a valid date: write it as year-month-day, e.g. 2024-01-16."),
    ],
)
def test_a_bad_date_is_named_in_its_error(client, thirty, lang, message):
    """A browser's date input shows an invalid date as empty: the error names it (only
    "Enter a valid date." was shown: a new-user pass), and never a hostile value whole."""
    response = client.get(LIST, {"published_after": "2024-13-45", "lang": lang})
    errors = response.content.decode().split('id="id_published_after-errors"')[1]
    assert message in errors.split("</div>")[0]
    forget_language(client)
    long = client.get(LIST, {"published_before": "<b>" + "9" * 5000})
    errors = long.content.decode().split('id="id_published_before-errors"')[1]
    errors = errors.split("</div>")[0]
    assert "“&lt;b&gt;999" in errors and "9" * 100 not in errors and "<b>" not in errors
    compare = client.get(
        "/compare/", {"indicator": "registered-volunteers", "published_after": "2024-13-45"}
    )
    assert "“2024-13-45”不是有效的日期" in compare.content.decode()


@pytest.mark.parametrize(
    "params, field, lang, message",
    [
        ({"topic": "nope"}, "topic", "zh-hans", "没有“nope”这一项：请从列表中选择。"),
        ({"topic": "nope"}, "topic", "en", "There is no “nope” to choose: pick one from the list."),
        ({"year": "abc"}, "year", "zh-hans", "“abc”不是年份：请写四位数字，如 2024。"),
        ({"year": "abc"}, "year", "en", "“abc” is not a year: write four digits, e.g. 2024."),
        ({"year": "99999"}, "year", "zh-hans", "没有99999年的文章：年份须在1949到2100之间。"),
        ({"year": "1800"}, "year", "en", "No articles from 1800: the year must be 1949 to 2100."),
        ({"topic": "<i>" + "x" * 500}, "topic", "zh-hans", "没有“&lt;i&gt;xxx"),
    ],
)
def test_a_bad_topic_or_year_is_named_in_its_error(client, thirty, params, field, lang, message):
    """A new-user pass: ?topic=nope read "That choice is not one of the available
    choices." and ?year=abc "Enter a whole number." beside an empty box (a number input
    cannot hold abc): each error now names the value, cut and escaped."""
    response = client.get(LIST, {**params, "lang": lang})
    assert response.status_code == 400
    errors = response.content.decode().split(f'id="id_{field}-errors"')[1].split("</div>")[0]
    assert message in errors and "x" * 100 not in errors and "<i>" not in errors


def test_the_refusal_is_in_english_on_an_english_page(client, thirty):
    html = client.get(LIST, {"year": "99999", "lang": "en"}).content.decode()
    assert "Some filters are not valid: correct the ones marked above" in html
    assert "筛选条件有误" not in html


def test_a_nul_is_a_translated_form_error_not_a_bare_400(client, thirty):
    for lang, message in (("zh-hans", "含有空字符（NUL），无法使用：请删去它。"),
                          ("en", "Contains a NUL character")):  # fmt: skip
        response = client.get(LIST, {"q": "志愿\x00", "lang": lang})
        assert response.status_code == 400  # with the page and its translated error
        errors = response.content.decode().split('id="id_q-errors"')[1].split("</div>")[0]
        assert message in errors
    client.cookies.clear()  # ``lang`` kept English in the language cookie
    compare = client.get(COMPARE, {"indicator": "registered-volunteers", "regions": "旺苍县\x00"})
    assert compare.status_code == 400  # compare's answer to any form error
    assert "含有空字符（NUL）" in compare.content.decode()


@pytest.mark.parametrize("field", ["source", "region", "q"])
def test_a_nul_is_refused_and_not_echoed_into_the_input(client, thirty, field):
    response = client.get(LIST, {field: "旺苍\x00县"})
    assert list(response.context["filter"].form.errors) == [field]
    html = response.content.decode()
    assert "\x00" not in html and "&#x0;" not in html and "&#0;" not in html
    assert f'name="{field}" value="旺苍县"' in html  # the rest of what was typed is kept


@pytest.mark.parametrize("value", ["\x00", "-published\x00"])
def test_a_nul_in_the_order_is_its_own_error_not_echoed_by_the_choice_error(client, thirty, value):
    """A choice names a value it does not know in its error (``… 不在可用的选项中``): with
    a NUL the error is the NUL's, and the page holds no NUL (found by a helper's probe)."""
    response = client.get(LIST, {"o": value})
    html = response.content.decode()
    assert "\x00" not in html and "&#x0;" not in html
    errors = html.split('id="id_o-errors"')[1].split("</div>")[0]
    assert "含有空字符（NUL），无法使用：请删去它。" in errors and "不在可用的选项中" not in errors


def test_a_nul_where_no_form_reads_it_is_a_400_in_the_readers_language(client, thirty):
    """Naming the parameters that hold it (the general message named none: a new-user
    pass), or, in a header, the request."""
    messages = {
        "zh-hans": "地址中的参数“mpage、xy”含有空字符（NUL），无法处理：请删去它。",
        "en": "The parameter “mpage, xy” in the address contains a NUL character",
    }
    for lang, message in messages.items():
        params = {"mpage": "\x00", "page": "2", "x\x00y": "1", "lang": lang}
        response = client.get("/regions/510821/", params)
        assert response.status_code == 400
        assert message in response.content.decode()
    response = client.get(LIST, {"q": "x"}, headers={"X-Anything": "\x00"})
    assert response.status_code == 400
    assert "请求中含有空字符（NUL），无法处理：请检查地址。" in response.content.decode()


@pytest.mark.parametrize("value", ["1", "true", "on", "TRUE", "0", "false", "off", ""])
def test_a_checkbox_takes_its_true_and_false_spellings(client, thirty, value):
    response = client.get(LIST, {"verified": value})
    assert response.context["filter"].is_valid()
    checked = 'name="verified" value="1" id="id_verified" checked' in response.content.decode()
    assert checked == (value.lower() in ("1", "true", "on"))


def test_an_unknown_checkbox_value_is_refused_on_compare_and_its_exports(client, thirty):
    page = client.get(COMPARE, {"indicator": "registered-volunteers", "verified": "maybe"})
    assert page.status_code == 400
    html = page.content.decode()
    assert "“maybe”不是有效的值" in html and 'value="maybe"' not in html
    export = client.get(LIST, {"verified": "maybe", "format": "json"})
    assert export.status_code == 400
    assert list(json_of(export)["errors"]) == ["verified"]


# -- a page that does not exist: 400 naming the parameter -------------------------------


@pytest.mark.parametrize(
    "page, message",
    [
        ("99999", "没有第 99999 页：最后一页是第 2 页。"),
        ("3", "没有第 3 页：最后一页是第 2 页。"),
        ("0", "须为从 1 起的整数页码。"),
        ("-1", "须为从 1 起的整数页码。"),
        ("abc", "须为从 1 起的整数页码。"),
        ("1.5", "须为从 1 起的整数页码。"),
    ],
)
@pytest.mark.parametrize(
    "path, params",
    [
        (LIST, {}),
        (LIST, {"q": "志愿"}),  # a search: its page is read by the search statement
        ("/regions/510821/", {}),  # the region's articles
        (COMPARE, {"indicator": "registered-volunteers"}),  # compare's table
    ],
)
def test_a_page_that_does_not_exist_is_a_400_naming_it(client, thirty, path, params, page, message):
    assert client.get(path, {**params, "page": "1"}).status_code == 200
    response = client.get(path, {**params, "page": page})
    assert response.status_code == 400
    html = response.content.decode()
    if path == COMPARE and page in ("99999", "3"):
        message = f"没有第 {page} 页：最后一页是第 1 页。"  # one volunteer figure: one table page
    assert "地址中的参数“page”有误：" in html and message in html


def test_a_bad_page_links_to_the_same_filter_without_it(client, thirty):
    html = client.get(LIST, {"region": "510821", "page": "abc", "q": "志愿"}).content.decode()
    assert (
        '<a href="/articles/?region=510821&amp;q=%E5%BF%97%E6%84%BF" id="without-param">'
        "去掉参数“page”再打开</a>"
    ) in html


def test_a_bad_page_is_named_in_english_on_an_english_page(client, thirty):
    html = client.get(LIST, {"page": "abc", "lang": "en"}).content.decode()
    assert "The parameter “page” in the address is not valid:" in html
    assert "Must be a whole page number from 1 up." in html
    html = client.get(LIST, {"page": "9", "lang": "en"}).content.decode()
    assert "There is no page 9: the last page is 2." in html


@pytest.mark.parametrize(
    "path", [LIST, "/regions/510821/", COMPARE + "?indicator=registered-volunteers"]
)
@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_an_export_refuses_a_page_that_is_no_number_and_ignores_the_range(
    client, thirty, path, fmt
):
    sep = "&" if "?" in path else "?"
    refused = client.get(f"{path}{sep}format={fmt}&page=abc")
    assert refused.status_code == 400
    assert json_of(refused)["errors"]["page"][0]["code"] == "invalid"
    # an export holds every page: a page number beyond the last exports them all
    assert client.get(f"{path}{sep}format={fmt}&page=3").status_code == 200


def test_the_last_page_and_page_one_of_nothing_exist(client, thirty):
    assert listed(client.get(LIST, {"page": "2"}))[-1] == "旺苍志愿00"
    search = client.get(LIST, {"q": "志愿", "page": "2"})
    assert len(listed(search)) == search.context["page_obj"].paginator.count - 25 > 0
    empty = client.get(LIST, {"q": "没有这个词", "page": "1"})
    assert empty.status_code == 200 and listed(empty) == []
    assert client.get("/regions/510821/", {"mpage": "1"}).status_code == 200


@pytest.mark.parametrize("mpage", ["2", "0", "abc"])
def test_a_region_metric_page_that_does_not_exist_is_a_400_naming_mpage(client, thirty, mpage):
    response = client.get("/regions/510821/", {"mpage": mpage})
    assert response.status_code == 400
    assert "地址中的参数“mpage”有误：" in response.content.decode()


def test_the_region_and_article_pages_read_verified_as_the_checkbox_does(client, thirty):
    from articles.models import Article

    article = Article.objects.filter(metrics__isnull=False).first()
    for path in ("/regions/510821/", article.get_absolute_url()):
        for value, verified in (("1", True), ("true", True), ("0", False), ("", False)):
            assert client.get(path, {"verified": value}).context["verified"] is verified
        page = client.get(path, {"verified": "maybe"})
        assert page.status_code == 400
        html = page.content.decode()
        assert "地址中的参数“verified”有误" in html and "“maybe”不是有效的值" in html
        english = client.get(path, {"verified": "maybe", "lang": "en"}).content.decode()
        assert "The parameter “verified” in the address is not valid" in english
        client.cookies.clear()  # ``lang`` kept English in the language cookie
        export = client.get(path, {"verified": "maybe", "format": "json"})
        assert export.status_code == 400
        assert json_of(export)["errors"]["verified"][0]["code"] == "invalid"


@pytest.mark.parametrize("key", ["find", "o", "tab", "lang", "x\x00y"])
def test_a_nul_in_a_compare_table_parameter_is_a_form_error_never_echoed(client, thirty, key):
    """A new-user pass: ``?find=%00`` answered 200 and wrote a raw NUL twice (the search
    input and the table's caption); ``o``, ``tab``, ``lang`` and unknown keys echoed it in
    the table form's hidden inputs. The view reads them, not the form: it refuses them."""
    params = {"indicator": "registered-volunteers", "tab": "table", key: "5108\x00"}
    name = key.replace("\x00", "")
    messages = {"zh-hans": f"参数“{name}”含有空字符（NUL），无法使用：请删去它。",
                "en": f"The parameter “{name}” contains a NUL character"}  # fmt: skip
    for lang in ("zh-hans",) if key == "lang" else ("zh-hans", "en"):
        response = client.get(COMPARE, params | ({} if key == "lang" else {"lang": lang}))
        assert response.status_code == 400
        html = response.content.decode()
        assert "\x00" not in html and "&#x0;" not in html and "&#0;" not in html
        assert messages[lang] in html
        assert response.context["result"] is None  # no table, as for any bad parameter
    response = client.get(COMPARE, params | {"format": "json"})
    assert response.status_code == 400
    assert json_of(response)["errors"]["__all__"][0]["code"] == "null_characters_not_allowed"


def test_a_compare_table_search_without_a_nul_still_finds(client, thirty):
    html = client.get(COMPARE, {"indicator": "registered-volunteers", "find": "旺苍"}).content
    assert "“旺苍”：1个地区" in html.decode()


@pytest.mark.parametrize("pk", ["9223372036854775808", "99999999999999999999", "0"])
@pytest.mark.parametrize("fmt", [None, "csv", "json"])
def test_an_article_id_no_column_holds_is_a_404_not_a_500(client, thirty, pk, fmt):
    """A new-user pass: /articles/99999999999999999999/ was a 500 (an OverflowError
    binding the id); the largest id a column holds is a plain 404."""
    params = {"format": fmt} if fmt else {}
    assert client.get(f"/articles/{pk}/", params).status_code == 404
    assert client.get("/articles/9223372036854775807/", params).status_code == 404


@pytest.mark.parametrize(
    "path, query, field, message",
    [
        (
            "/compare/",
            "indicator=registered-volunteers&level=county&level=province",
            "level",
            "参数“level”给了不止一个值（county、province）：只能给一个。",
        ),
        (
            LIST,
            "year=2024&year=2023",
            "year",
            "参数“year”给了不止一个值（2024、2023）：只能给一个。",
        ),
        (
            LIST,
            "year=2024&year=2023&lang=en",
            "year",
            "The parameter “year” was given more than one value (2024, 2023): give one.",
        ),
    ],
)
def test_a_parameter_given_two_values_is_refused_naming_both(
    client, thirty, path, query, field, message
):
    """Django reads the last value of a repeated key: ?level=county&level=province showed
    "no province-level region has a value" and ?year=2024&year=2023 a year nobody asked
    for, without a word (a new-user pass)."""
    response = client.get(f"{path}?{query}")
    assert response.status_code == 400
    assert message in response.content.decode()
    export = client.get(f"{path}?{query}&format=json")
    assert export.status_code == 400 and list(json_of(export)["errors"]) == [field]


def test_repeats_of_one_value_or_beside_empty_ones_read_as_that_value(client, thirty):
    """A submitted form sends every field, empty ones too; a value repeated is one value.
    Only a second value in an empty field's place used to be read (the last), so
    ?topic=nope&topic= dropped its own error."""
    assert client.get(LIST, {"year": ["2024", "2024"]}).status_code == 200
    refused = client.get(f"{LIST}?topic=nope&topic=")
    assert refused.status_code == 400 and "没有“nope”这一项" in refused.content.decode()
    compare = client.get("/compare/?indicator=registered-volunteers&level=county&level=")
    assert compare.status_code == 200


@pytest.mark.parametrize(
    "path, params, field, message",
    [
        (
            "/compare/",
            {"indicator": "registered-volunteers", "within": "510821"},
            "within",
            "“510821”不能作为范围：请选择一个省级或地级地区。",
        ),
        (
            "/compare/",
            {"indicator": "nope"},
            "indicator",
            "没有“nope”这一指标的数据：请从列表中选择。",
        ),
        (
            "/compare/",
            {"indicator": "registered-volunteers", "level": "x" * 300},
            "level",
            "没有“xxxxxxxxxxxxxxxxxxxx",  # cut, not 300 x's
        ),
        (LIST, {"kind": "zz"}, "kind", "没有“zz”这一项：请从列表中选择。"),
        (LIST, {"o": "bogus"}, "o", "没有“bogus”这一项：请从列表中选择。"),
        (LIST, {"o": "x" * 300}, "o", "没有“xxxxxxxxxxxxxxxxxxxx"),
    ],
)
def test_a_choice_refused_is_named_in_the_sites_words(client, thirty, path, params, field, message):
    """Django's "Select a valid choice. 510821 is not one of the available choices." did
    not say that a county cannot be a scope, and echoed a value of any length."""
    response = client.get(path, {**params, "format": "json"})
    assert response.status_code == 400
    shown = json_of(response)["errors"][field][0]["message"]
    assert shown.startswith(message) and len(shown) < 80


@pytest.mark.parametrize(
    "path", [LIST, "/compare/?indicator=registered-volunteers", "/regions/510821/"]
)
def test_two_formats_are_refused_naming_both(client, thirty, path):
    """?format=csv&format=json gave the JSON silently, where every other repeated
    parameter is a 400 naming its values (a new-user pass); one format repeated, or
    beside an empty one, is that format."""
    sep = "&" if "?" in path else "?"
    refused = client.get(f"{path}{sep}format=csv&format=json")
    assert refused.status_code == 400
    assert json_of(refused)["errors"]["format"][0] == {
        "message": "参数“format”给了不止一个值（csv、json）：只能给一个。",
        "code": "repeated",
    }
    assert client.get(f"{path}{sep}format=json&format=json").status_code == 200
    assert client.get(f"{path}{sep}format=json&format=").status_code == 200
    unknown = client.get(f"{path}{sep}format=xml")
    assert json_of(unknown)["errors"]["format"][0]["code"] == "invalid_choice"
