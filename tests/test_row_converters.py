"""``row_converters.row_converter`` gives the values the ORM's own converters give
(``SQLCompiler.apply_converters``), a column at a time, on either database."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import BooleanField, DateField, ExpressionWrapper, F, Q, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Concat

from articles import region_metrics
from articles.models import Article, Metric
from articles.row_converters import row_converter
from tests.factories import MetricFactory, region

pytestmark = pytest.mark.django_db

FIELDS = ("pk", "value", "value_max", "approx", "target", "published", "article__published")


def _both(queryset) -> tuple[list, list]:
    """``(row_converter's rows, apply_converters' rows)`` of ``queryset``'s statement."""
    compiler = queryset.query.get_compiler(connection.alias)
    sql, params = compiler.as_sql()
    fields = [s[0] for s in compiler.select[: compiler.col_count]]
    converters = compiler.get_converters(fields)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        raw = cursor.fetchall()
    expected = [tuple(r) for r in compiler.apply_converters(raw, converters)]
    got = row_converter(compiler, converters, connection)(list(raw))
    # equal, and written alike: a Decimal's places (3 and 3.0000 are equal), the types
    assert [tuple(map(repr, r)) for r in got] == [tuple(map(repr, r)) for r in expected]
    return got, expected


def test_decimals_dates_and_booleans_come_back_as_the_orm_gives_them():
    """Values a float cannot hold exactly (0.3, 15 digits), NULLs, an undated metric,
    both booleans: each column equal to the ORM's, and typed as it types them."""
    MetricFactory(value=Decimal("0.3000"), value_max=None, approx=True, article__published=None)
    MetricFactory(
        value=Decimal("12345678901.2345"), value_max=Decimal("12345678902.1"), target=True
    )
    MetricFactory(value=Decimal("-7"), article__published=date(2024, 2, 29))
    # 16 significant digits: SQLite's double, cut to 15, reads 123456789012.3460
    MetricFactory(value=Decimal("123456789012.3456"))
    # computed ones too, which SQLite's driver gives untyped (no declared type): a
    # comparison as 0/1, a date as text
    queryset = (
        Metric.objects.order_by("pk")
        .annotate(
            big=ExpressionWrapper(Q(value__gt=1), output_field=BooleanField()),
            day=Coalesce("published", "article__published"),
            # a date as text not in ISO form, which only ``parse_date``'s pattern reads
            # (PostgreSQL's driver types a date itself)
            loose=RawSQL(
                "'2024-2-9'" if connection.vendor == "sqlite" else "DATE '2024-02-09'",
                [],
                output_field=DateField(),
            ),
        )
        .values_list(*FIELDS, "big", "day", "loose")
    )
    got, expected = _both(queryset)
    assert got == expected == [tuple(r) for r in queryset]
    assert len(got) == 4
    assert [type(row[1]) for row in got] == [Decimal] * 4
    assert got[0][1:6] == (Decimal("0.3000"), None, True, False, None)
    assert got[1][1] == Decimal("12345678901.2345") and got[1][4] is True
    assert got[2][5] == got[2][8] == date(2024, 2, 29)
    assert [row[7] for row in got] == [False, True, False, True] and got[0][8] is None
    assert {row[9] for row in got} == {date(2024, 2, 9)}


def test_an_empty_read_and_a_converter_it_does_not_know():
    """No rows stay no rows; a column it has no code for (a computed decimal, which
    SQLite's converter does not quantize, and a concatenation) is left to the ORM."""
    queryset = Metric.objects.values_list(*FIELDS)
    got, expected = _both(queryset)
    assert got == expected == []
    MetricFactory(value=Decimal("1.5"))
    computed = Metric.objects.annotate(
        doubled=F("value") * 2,
        marked=Concat("unit", Value("!")),
    ).values_list("value", "doubled", "marked")
    got, expected = _both(computed)
    assert got == expected == [(Decimal("1.5"), Decimal("3"), "人!")]


def test_a_region_pages_reads_equal_the_orms():
    """The county page's narrow rows and details through the compiled statements equal
    the ORM's reading of the same querysets."""
    wangcang = region("510821")
    MetricFactory(region=wangcang, value=Decimal("51104"), article__published=date(2024, 3, 5))
    MetricFactory(region=wangcang, value=Decimal("0.15"), approx=True, article__published=None)
    rows = region_metrics.narrow_rows(wangcang)
    queryset = region_metrics._NARROW[False, "zh"].make(wangcang.pk)
    assert rows == [tuple(r) for r in queryset] and len(rows) == 2
    ids = [row[0] for row in rows]
    details = region_metrics.details(ids)
    for pk in ids:
        metric = Metric.objects.select_related("article").get(pk=pk)
        assert (details[pk].value, details[pk].approx) == (metric.value, metric.approx)
        assert details[pk].article.published == metric.article.published
    assert Article.objects.count() >= 1
