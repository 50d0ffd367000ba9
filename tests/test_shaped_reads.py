"""The article list's statements compiled once per filter shape (articles/shaped_reads.py,
articles/list_reads.py): for every filter, alone and combined, with every sort, the
same facet counts and the same page of rows as the ORM's statements of the FilterSet's
queryset (``selectors._counts``, ``list_rows.page_rows`` + ``plain_rows``), also when a
shape compiled for one value runs with another; and what is not placed is refused."""

from datetime import date

import pytest
from django.http import QueryDict
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from articles import list_reads, selectors, shaped_reads
from articles.filters import ArticleFilter
from articles.list_rows import page_rows, plain_rows
from articles.models import Appearance, Article, MetricStatus, Publication
from tests.factories import (
    ArticleFactory,
    MetricFactory,
    PublicationFactory,
    SourcePageFactory,
    region,
    topic,
)

pytestmark = pytest.mark.django_db

ADCODES = ["510821", "510824", "510104", "110101", "510000", None]
SLUGS = ["volunteering", "education", None]


@pytest.fixture
def corpus():
    """36 articles over regions at three levels, topics, kinds, five years (some
    undated), three publications (one with LIKE's wildcards in its name), reprints and
    reviewed metrics."""
    pages = [
        SourcePageFactory(publication=PublicationFactory(name=name))
        for name in ("广元日报", "四川日报", "100%_报")
    ]
    articles = []
    for i in range(36):
        adcode, slug = ADCODES[i % 6], SLUGS[i % 3]
        article = ArticleFactory(
            page=pages[i % 3],
            title=f"标题{(i * 7) % 36:02d}",
            region=region(adcode) if adcode else None,
            topic=topic(slug) if slug else None,
            kind=["news", "feature", "photo"][i % 3],
            published=None if i % 8 == 0 else date(2020 + i % 5, 1 + i % 12, 1 + i % 28),
        )
        articles.append(article)
        if i % 4 == 1:
            MetricFactory(article=article, status=MetricStatus.APPROVED)
    for i, article in enumerate(articles[::4]):
        Appearance.objects.create(article=article, page=pages[1], position=100 + i, match="same")
    return articles


def filterset(params: dict) -> ArticleFilter:
    query = QueryDict(mutable=True)
    for name, value in params.items():
        if value is not None:
            query[name] = value
    f = ArticleFilter(query, queryset=Article.objects.list_rows())
    assert f.is_valid(), f.form.errors
    return f


def orm_reads(f: ArticleFilter, digits: int, bottom: int, top: int):
    """What the ORM's statements of the FilterSet's queryset give."""
    return selectors._counts(f.qs, digits), plain_rows(page_rows(f.qs, bottom, top))


def shaped(f: ArticleFilter, digits: int, bottom: int, top: int):
    values = f.shape_values()
    assert values is not None
    return (
        list_reads.facet_counts(f, values, digits),
        list_reads.page(f, values, bottom, top),
    )


#: Values of each filter (None: absent); an example sets at most three filters and the
#: sort, so that most lists are not empty.
VALUES = {
    "region": ["510000", "510800", "510821", "110101", "110000"],
    "topic": ["volunteering", "education"],
    "kind": ["news", "photo"],
    "year": ["2021", "2024"],
    "published_after": ["2021-03-01", "2022-12-31"],
    "published_before": ["2023-06-30", "2024-01-01"],
    "source": ["日报", "四川", "100%", "%", "_", "0%_报"],
    "verified": ["1", "0"],
}
PARAMS = st.tuples(
    st.lists(st.sampled_from(sorted(VALUES)), max_size=3, unique=True).flatmap(
        lambda names: st.fixed_dictionaries({n: st.sampled_from(VALUES[n]) for n in names})
    ),
    st.sampled_from([None, "", "-published", "published", "title", "-title", "region"]),
).map(lambda pair: {**pair[0], "o": pair[1]})


@settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(params=PARAMS, digits=st.sampled_from([2, 4, 6]), page=st.sampled_from([(0, 5), (5, 11)]))
@example(
    params={"region": "510000", "topic": "volunteering", "source": "100%", "o": "-title"},
    digits=4,
    page=(0, 5),
)
def test_every_filter_and_sort_reads_what_the_orm_reads(corpus, params, digits, page):
    f = filterset(params)
    assert shaped(f, digits, *page) == orm_reads(f, digits, *page)


def test_a_shape_compiled_for_one_value_reads_another(corpus):
    """Each kind of value placed anew: region, topic, text, year and dates."""
    pairs = [
        ({"region": "510821"}, {"region": "110101"}),
        ({"region": "510800"}, {"region": "510100"}),
        ({"topic": "volunteering"}, {"topic": "education"}),
        ({"kind": "news"}, {"kind": "photo"}),
        ({"source": "广元"}, {"source": "100%_"}),
        ({"year": "2021"}, {"year": "2023"}),
        ({"published_after": "2021-01-01"}, {"published_after": "2023-05-02"}),
        ({"published_before": "2024-01-01"}, {"published_before": "2021-07-07"}),
    ]
    for first, second in pairs:
        one, other = filterset(first), filterset(second)
        assert shaped_reads.shape_of(one.shape_values()) == shaped_reads.shape_of(
            other.shape_values()
        )
        shaped(one, 2, 0, 40)
        compiled = len(list_reads._PAGE._local.by)
        counts, rows = shaped(other, 2, 0, 40)
        assert len(list_reads._PAGE._local.by) == compiled  # read, not compiled again
        assert (counts, rows) == orm_reads(other, 2, 0, 40)
        assert rows, second  # each second value lists articles


def test_like_wildcards_in_a_source_match_themselves(corpus):
    f = filterset({"source": "100%"})
    counts, rows = shaped(f, 2, 0, 40)
    wildcard = Publication.objects.get(name="100%_报")
    assert counts.total == Article.objects.filter(page__publication=wildcard).count() == 12
    assert {row.page.publication for row in rows} == {"100%_报"}


def test_a_search_that_runs_has_no_shape(corpus):
    assert filterset({"q": "标题"}).shape_values() is None
    assert filterset({"q": "？"}).shape_values() is not None  # filters nothing


def test_values_of_an_unknown_kind_have_no_shape():
    assert shaped_reads.shape_of({"region": 1.5}) is None
    assert shaped_reads.shape_of({"ids": {1, 2}}) is None
    assert shaped_reads.shape_of({"kind": "news", "o": ["title"]}) == (
        ("kind", ("text",)),
        ("o", ("sort", ("title",))),
    )


def test_a_value_its_statement_does_not_carry_is_refused(corpus):
    read = shaped_reads.ShapedRead(Article)
    with pytest.raises(ValueError, match="markers not found"):
        read.rows(lambda marked: Article.objects.values_list("pk"), "ignores", {"kind": "news"})


def test_a_marker_in_a_form_it_cannot_place_is_refused(corpus):
    read = shaped_reads.ShapedRead(Article)

    def starts(marked):
        return Article.objects.filter(title__startswith=marked["title"]).values_list("pk")

    with pytest.raises(ValueError, match="text marker"):
        read.rows(starts, "startswith", {"title": "标题"})

    def shifted(marked):
        # a date computed from the marker: its year is a marker's, its day none
        return Article.objects.filter(published=marked["day"].replace(day=9)).values_list("pk")

    with pytest.raises(ValueError, match="date marker"):
        read.rows(shifted, "shifted", {"day": date(2024, 5, 5)})


def test_shapes_kept_are_bounded(corpus, monkeypatch):
    monkeypatch.setattr(shaped_reads, "SHAPES_KEPT", 2)
    read = shaped_reads.ShapedRead(Article)
    for key in (0, 1, 0, 2):  # the least recently read is dropped: 1
        rows = read.rows(
            lambda marked: Article.objects.filter(kind=marked["kind"]).values_list("pk"),
            key,
            {"kind": "photo"},
        )
        assert len(rows) == 12
    assert [k[1] for k in read._local.by] == [0, 2]
