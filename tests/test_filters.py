"""ArticleFilter, its facet helpers, and evidence highlighting (pure functions)."""

from datetime import date

import pytest
from django.http import QueryDict

from articles.filters import ArticleFilter, child_region_counts, region_children, url_with
from articles.formatting import grouped as group_digits
from articles.models import Article
from articles.templatetags.highlight import Span, render_segments, split_segments
from tests.factories import ArticleFactory, region, topic


def run(params: str):
    filterset = ArticleFilter(QueryDict(params), queryset=Article.objects.all())
    return filterset, sorted(a.title for a in filterset.qs)


@pytest.mark.django_db
def test_region_filter_accepts_adcode_or_short_name_and_covers_the_subtree():
    ArticleFactory(title="county", region=region("510821"))
    ArticleFactory(title="other", region=region("110101"))
    assert run("region=510000")[1] == ["county"]
    assert run("region=旺苍")[1] == ["county"]
    assert run("region=北京市")[1] == ["other"]


@pytest.mark.django_db
def test_an_invalid_value_is_a_form_error_and_is_not_applied():
    ArticleFactory(title="a", topic=topic("health"), published=date(2024, 1, 2))
    filterset, found = run("published_after=2024-02-30&topic=health")
    assert not filterset.is_valid()
    assert list(filterset.errors) == ["published_after"]
    assert found == ["a"]


@pytest.mark.django_db
def test_a_reversed_date_range_is_a_form_error():
    filterset, _ = run("published_after=2024-05-01&published_before=2024-01-01")
    assert "起始日期晚于截止日期" in filterset.form.non_field_errors()[0]


@pytest.mark.django_db
def test_ordering_puts_undated_articles_last_both_ways():
    ArticleFactory(title="undated")
    ArticleFactory(title="old", published=date(2020, 1, 1))
    ArticleFactory(title="new", published=date(2024, 1, 1))
    asc = ArticleFilter(QueryDict("o=published"), queryset=Article.objects.all()).qs
    desc = ArticleFilter(QueryDict("o=-published"), queryset=Article.objects.all()).qs
    assert [a.title for a in asc] == ["old", "new", "undated"]
    assert [a.title for a in desc] == ["new", "old", "undated"]


def test_url_with_replaces_in_place_removes_none_and_drops_page_and_format():
    params = QueryDict("region=510000&topic=health&page=3&format=csv")
    assert url_with(params, region="510800") == "?region=510800&topic=health"
    assert url_with(params, topic=None) == "?region=510000"
    assert url_with(QueryDict("page=2")) == "?"


@pytest.mark.django_db
def test_child_region_counts_sums_counties_into_prefectures_and_provinces():
    counts = {"510821": 2, "510800": 1, "510104": 4, "110101": 1, "310114": 3}
    provinces = child_region_counts(None, counts, region_children(None))
    assert [(r.adcode, n) for r, n in provinces] == [("510000", 7), ("310000", 3), ("110000", 1)]
    sichuan = region("510000")
    prefectures = child_region_counts(sichuan, counts, region_children(sichuan))
    assert [(r.adcode, n) for r, n in prefectures] == [("510100", 4), ("510800", 3)]
    shanghai = region("310000")
    counties = child_region_counts(shanghai, counts, region_children(shanghai))
    assert [(r.adcode, n) for r, n in counties] == [("310114", 3)]


# -- highlighting ------------------------------------------------------------------------


def texts(paragraphs):
    return [[(seg.text, [s.key for s in seg.spans]) for seg in p] for p in paragraphs]


def test_split_segments_keeps_paragraphs_and_marks_spans():
    body = "第一段有100人。\n\n第二段有5万元。"
    spans = [Span(4, 8, 1, "100人"), Span(body.index("5万元"), body.index("5万元") + 3, 2, "5万元")]
    assert texts(split_segments(body, spans)) == [
        [("第一段有", []), ("100人", [1]), ("。", [])],
        [("第二段有", []), ("5万元", [2]), ("。", [])],
    ]


def test_split_segments_handles_overlap_nesting_and_bad_offsets():
    body = "ABCDEFGH"
    spans = [
        Span(1, 5, "a", ""),
        Span(3, 7, "b", ""),
        Span(4, 5, "c", ""),
        Span(6, 99, "d", ""),
        Span(5, 5, "e", ""),
    ]
    assert texts(split_segments(body, spans)) == [
        [
            ("A", []),
            ("BC", ["a"]),
            ("D", ["a", "b"]),
            ("E", ["a", "b", "c"]),
            ("F", ["b"]),
            ("G", ["b", "d"]),
            ("H", ["d"]),
        ]
    ]


def test_a_span_across_a_line_break_is_marked_in_both_paragraphs_with_one_anchor():
    body = "甲乙\n丙丁"
    html = str(render_segments(split_segments(body, [Span(1, 4, 7, "x")])))
    assert html == (
        '<p>甲<mark id="m-7" class="evidence" data-metrics="m-7" title="x">乙</mark></p>\n'
        '<p><mark class="evidence" data-metrics="m-7" title="x">丙</mark>丁</p>'
    )


def test_rendering_escapes_body_text_and_titles():
    body = '<script>alert("x")</script> 共5人'
    html = str(render_segments(split_segments(body, [Span(0, 8, 1, '"><b>')])))
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html and 'title="&quot;&gt;&lt;b&gt;"' in html


@pytest.mark.parametrize(
    "text, expected",
    [("931000000", "931,000,000"), ("1234.5", "1,234.5"), ("-5", "-5"), ("0", "0"), (None, "")],
)
def test_group_digits_adds_thousands_separators(text, expected):
    assert group_digits(text) == expected


@pytest.mark.django_db
def test_text_search_finds_traditional_pages_with_a_simplified_query_and_back():
    from articles.models import Article
    from tests.factories import ArticleFactory

    ArticleFactory(title="昭化區推進鄉村振興見實效", body="全區投入銜接資金1.2億元。")
    ArticleFactory(title="旺苍县志愿服务", body="注册志愿者5万人。")
    assert [a.title for a in Article.objects.search("昭化区")] == ["昭化區推進鄉村振興見實效"]
    assert Article.objects.search("衔接资金").count() == 1
    assert Article.objects.search("旺蒼縣").count() == 1
    assert Article.objects.search("衔接资金 旺苍").count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_topic_is_validated_and_its_picker_listed_with_one_query(
    language, django_assert_num_queries
):
    """``filters.ListedChoiceField`` answers as ``ModelChoiceField`` did (the chosen
    topic, or an ``invalid_choice`` error, which names the value) from the rows its
    options show."""
    from django.utils import translation

    from articles.filters import ArticleFilter
    from articles.models import Article, Topic

    with translation.override(language):
        order = "name_en" if language == "en" else "slug"
        expected = [("", str(ArticleFilter.base_filters["topic"].extra["empty_label"]))] + [
            (t.slug, str(t)) for t in Topic.objects.order_by(order)
        ]
        health = Topic.objects.get(slug="health")
        with django_assert_num_queries(1):
            chosen = ArticleFilter({"topic": "health"}, queryset=Article.objects.all())
            assert chosen.is_valid()
            assert chosen.form.cleaned_data["topic"] == health
            field = chosen.form.fields["topic"]
            assert [(str(v), str(label)) for v, label in field.choices] == expected
        bad = ArticleFilter({"topic": "no-such-topic"}, queryset=Article.objects.all())
        assert not bad.is_valid()
        assert bad.form.errors.as_data()["topic"][0].code == "invalid_choice"
        named = {
            "en": "There is no “no-such-topic” to choose: pick one from the list.",
            "zh-hans": "没有“no-such-topic”这一项：请从列表中选择。",
        }
        assert bad.form.errors["topic"] == [named[language]]
        assert field.clean(health) == health


def test_child_region_counts_gives_an_adcode_to_the_child_with_the_longest_prefix():
    """A division directly below a province beside a prefecture whose prefix its own
    adcode starts with (as 省直辖 counties are): its articles are its own, not the
    prefecture's, whichever order the children come in."""
    from articles.models import Region

    prefecture = Region(pk=1, adcode="429000", name="直辖")
    county = Region(pk=2, adcode="429004", name="仙桃市")
    counts = {"429004": 2, "429005": 3, "420100": 7}
    for children in ([prefecture, county], [county, prefecture]):
        summed = child_region_counts(None, counts, children)
        assert [(r.adcode, n) for r, n in summed] == [("429000", 3), ("429004", 2)]


@pytest.mark.django_db
def test_the_form_class_is_built_once_and_no_request_changes_another():
    """``ArticleFilter.get_form_class`` builds the form class once; each form has its own
    fields, so the English topic order (set on one form) and one form's data and errors
    are not another's."""
    from django.utils import translation

    from articles.models import Topic

    Topic.objects.filter(slug="business-environment").update(name_en="Zoning")  # last in en
    first = ArticleFilter(QueryDict("topic=health"), queryset=Article.objects.all())
    with translation.override("en"):
        english = ArticleFilter(QueryDict("year=1"), queryset=Article.objects.all())
        assert not english.is_valid() and "year" in english.form.errors
        options = [str(v) for v, _ in english.form.fields["topic"].choices][1:]
        assert options == [t.slug for t in Topic.objects.order_by("name_en")]
    assert type(first.form) is type(english.form)
    chinese = ArticleFilter(QueryDict("topic=health"), queryset=Article.objects.all())
    assert chinese.is_valid() and first.is_valid()
    options = [str(v) for v, _ in chinese.form.fields["topic"].choices][1:]
    assert (
        options
        == [t.slug for t in Topic.objects.order_by("slug")]
        != [t.slug for t in Topic.objects.order_by("name_en")]
    )
    assert chinese.form.fields["topic"] is not first.form.fields["topic"]
    # the widget the picker renders is this form's too (``FieldCopies`` shares the other
    # fields' widgets, not the topic picker's): its options in the catalogue's order
    rendered = str(chinese.form["topic"])
    places = [rendered.index(f'value="{t.slug}"') for t in Topic.objects.order_by("slug")]
    assert places == sorted(places)
