"""Search on the index (articles/search.py): the same ids as a plain substring test on
both databases, phrase-exact, Traditional = Simplified, spaces between Chinese characters
ignored, headline hits first, hits marked, bounded queries, a fixed number of queries."""

import io

import pytest
from django.urls import reverse

from articles import search
from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

LIST = reverse("articles:list")

TEXTS = [
    # (title, body)
    ("旺苍县志愿服务", "全县实名注册志愿者达5.11万人，1530名志愿者参与社会保险宣传。"),
    ("昭化區推進鄉村振興見實效", "全區投入銜接資金1.2億元，低保對象每月領取養老金。"),
    ("苍溪县社会保险", "社 会 保 险 覆盖率提高，PDF 抽取 在 汉字 之间 留下 空格。"),
    ("散落的字", "社会活动与会保持联系，保险公司参加。"),  # 社会/会保/保险 apart
    ("Volunteer Week 2024", "Registered volunteers: 51104 in Wangcang, 低保 enrolment up."),
    ("养老金发放", "全县发放养老金931000000元，惠及居民近3万人，苍"),
    # runs of up to four characters are one index lexeme on PostgreSQL, longer ones a
    # phrase of them: neither may join two runs (实名注册 | 志愿者多)
    ("跨越的词", "实名注册，志愿者多。老年人优待证办理。敬老爱老，服务到家"),
    # PostgreSQL reads headline || body on one index, where the body's first position
    # follows the headline's last: a phrase must not join the two (名单实名注册 | 志愿者)
    ("名单实名注册", "志愿者名单公布"),
]
QUERIES = [
    "苍",
    "低保",
    "养老金",
    "社会保险",
    "实名注册志愿者",
    "1530",
    "volunteer",
    "VOLUNTEERS",
    "社会 保险",
    "昭化区",
    "鄉村振興",
    "衔接资金 1.2",
    "低保 enrolment",
    "苍溪 旺苍",
    "week 2024",
    "注册志愿者",
    "名注册志",
    "年人优待",
    "老年人优待证",
    "优待证办理",
    "1530名志愿者参与社会保险宣传",
    "敬老爱老服务到家",  # two runs of four, side by side: not one run of eight
    "实名注册志愿者名",  # two windows: headline's last and body's first, not one run
    "实名注册 志愿者名单",  # one run in the headline, one in the body: found
    "名单 志愿者",
]


@pytest.fixture
def corpus():
    return [ArticleFactory(title=t, body=b).pk for t, b in TEXTS]


def reference(q: str) -> set[int]:
    """What the index must find: every run of ``q`` is a substring of the normalized
    headline or body (the LIKE rule, with Traditional folded and spaces between Chinese
    characters dropped)."""
    runs = search.query_runs(q)
    found = set()
    for a in Article.objects.all():
        head = search.normalize(f"{a.title_prefix}\n{a.title}\n{a.subtitle}")
        body = search.normalize(a.body)
        if all(run in head or run in body for run in runs):
            found.add(a.pk)
    return found


@pytest.mark.parametrize("q", QUERIES)
def test_the_index_finds_exactly_what_a_substring_test_finds(corpus, q):
    assert set(search.matches(q).ids) == reference(q)


def test_a_phrase_is_exact_not_its_bigrams_scattered(corpus):
    found = set(search.matches("社会保险").ids)
    assert corpus[3] not in found  # 社会…会保…保险 apart
    assert {corpus[0], corpus[2]} <= found  # 社会保险; 社 会 保 险 with PDF spaces


def test_a_phrase_never_joins_the_headline_to_the_body(corpus):
    assert corpus[7] not in search.matches("实名注册志愿者名").ids
    assert corpus[7] not in search.matches("实名注册志愿者").ids
    assert corpus[7] not in search.matches("注册志愿者").ids
    assert corpus[7] in search.matches("实名注册 志愿者").ids


def test_a_headline_hit_is_the_phrase_in_the_headline_not_its_windows_apart():
    apart = ArticleFactory(title="实名注册的志愿者名单", body="全县实名注册志愿者名单公布").pk
    whole = ArticleFactory(title="实名注册志愿者名单公布", body="全县公布").pk
    found = search.matches("实名注册志愿者名")
    assert sorted(found.ids) == sorted([apart, whole])
    assert found.title_ids == [whole]


def test_traditional_and_simplified_find_the_same_articles(corpus):
    assert search.matches("昭化区").ids == search.matches("昭化區").ids == [corpus[1]]
    assert search.matches("养老金").ids == [corpus[5], corpus[1]]


def test_a_single_character_is_found_at_the_end_of_a_text_too(corpus):
    assert search.matches("苍").ids == [corpus[5], corpus[2], corpus[0]]


def test_the_index_follows_edits_and_deletes(corpus):
    article = Article.objects.get(pk=corpus[0])
    article.title = "新标题"
    article.body = "没有那个词"
    article.save()
    assert corpus[0] not in search.matches("志愿者").ids
    Article.objects.filter(pk=corpus[5]).delete()  # queryset delete: signals per article
    assert search.matches("养老金").ids == [corpus[1]]


def test_headline_hits_come_first_and_are_marked(client, corpus):
    response = client.get(LIST, {"q": "社会保险"})
    ids = [a.pk for a in response.context["articles"]]
    assert ids == [corpus[2], corpus[0]]  # 苍溪县社会保险 (headline) before the body hit
    html = response.content.decode()
    assert '苍溪县<mark class="hit">社会保险</mark>' in html
    assert '<mark class="hit">社 会 保 险</mark>' in html  # the body snippet, spaces kept


def test_a_search_page_runs_a_fixed_number_of_queries(client, corpus, django_assert_num_queries):
    # provinces (region facet), one statement for the search, its facets, total and page
    # ids (articles.search_listing), topics (form), the page's rows
    with django_assert_num_queries(4):
        client.get(LIST, {"q": "低保"})
    for n in range(20):
        ArticleFactory(title=f"低保{n}", body="低保")
    with django_assert_num_queries(4):
        response = client.get(LIST, {"q": "低保"})
    assert response.context["page_obj"].paginator.count == 22
    # every order is read by that statement (o=title took 6: the search's ids as one
    # parameter, 2 facet statements through the ORM)
    with django_assert_num_queries(4):
        response = client.get(LIST, {"q": "低保", "o": "title"})
    assert response.context["page_obj"].paginator.count == 22


def test_a_query_beyond_the_limits_is_cut_and_the_user_told(client, corpus):
    too_many = " ".join(["低保"] * (search.MAX_TERMS + 1))
    response = client.get(LIST, {"q": too_many})
    form = response.context["filter"].form
    assert not form.errors and form.search_notice
    assert form.cleaned_data["q"] == " ".join(["低保"] * search.MAX_TERMS)
    assert client.get(LIST, {"q": too_many, "format": "csv"}).status_code == 200
    long_query = "低" * (search.MAX_QUERY_CHARS + 5)
    form = client.get(LIST, {"q": long_query}).context["filter"].form
    assert form.search_notice and len(form.cleaned_data["q"]) == search.MAX_QUERY_CHARS


def test_reindex_search_rebuilds_the_index_from_the_articles(corpus):
    from django.core.management import call_command
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM articles_search")
    assert search.matches("低保").ids == []
    call_command("reindex_search", stdout=io.StringIO())
    assert set(search.matches("低保").ids) == reference("低保") == {corpus[1], corpus[4]}


def test_spaces_that_pdf_extraction_put_between_characters_do_not_hide_a_match():
    spaced = ArticleFactory(title="无关标题", body="全县发放养 老 金9.31亿元。").pk
    ArticleFactory(title="另一篇", body="养老保险与金融服务。")
    assert search.matches("养老金").ids == [spaced]
    assert search.matches("養老金").ids == [spaced]


def test_a_query_without_letters_or_digits_filters_nothing_and_says_so(client, corpus):
    response = client.get(LIST, {"q": "！！！ (.*)*"})
    form = response.context["filter"].form
    assert form.cleaned_data["q"] == "" and "没有可搜索的文字" in form.search_notice
    assert response.context["page_obj"].paginator.count == len(corpus)


def test_an_english_word_that_finds_nothing_says_the_articles_are_chinese(client, corpus):
    english = client.get(LIST, {"q": "pension", "lang": "en"}).content.decode()
    assert "No articles match these filters." in english
    assert "The articles are in Chinese: search with Chinese words" in english
    # A Chinese search that finds nothing, and an English one that does, get no hint.
    for q in ("火星基地", "enrolment"):
        html = client.get(LIST, {"q": q}).content.decode()
        assert "search-language-hint" not in html, q


def test_operators_of_other_search_engines_are_named_as_unsupported(client, corpus):
    """低保 -养老 listed what 低保 养老 lists, and 低保 OR 养老金 nothing, without a word (a
    new-user pass): every term must occur; the notice says the operators are text."""
    minus = client.get(LIST, {"q": "低保 -养老"}).context["filter"].form
    assert (
        minus.search_notice
        == "搜索不支持运算符（-养老）：文章须包含每一个词，运算符按普通文字搜索。"
    )
    either = client.get(LIST, {"q": "低保 or 养老金 AND", "lang": "en"}).context["filter"].form
    assert either.search_notice == (
        "Search has no operators (or, AND): an article must contain every word, and these"
        " are searched as plain text."
    )
    glued = client.get(LIST, {"q": "低保OR养老金 NOT养老 低保 −养老 ||", "lang": "zh-hans"})
    assert glued.context["filter"].form.search_notice == (
        "搜索不支持运算符（OR、NOT、−养老、||）：文章须包含每一个词，运算符按普通文字搜索。"
    )
    for q in ("低保 养老", "1-2", "低保-养老", "ORG", "低保ORG", "Oregon养老"):  # no operator
        assert client.get(LIST, {"q": q}).context["filter"].form.search_notice == "", q
