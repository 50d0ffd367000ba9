"""``services.rows``: the executemany inserts of ingest store exactly what ``bulk_create``
stores (same conversions, same defaults), without model instances for ``insert_values``."""

from decimal import Decimal

import pytest

from articles.models import Appearance, AppearanceMatch, Metric, MetricStatus, SourcePage
from articles.services.rows import insert_rows, insert_values
from tests.factories import ArticleFactory, region

pytestmark = pytest.mark.django_db

STORED = [
    "position",
    "region_id",
    "indicator_id",
    "label",
    "value",
    "value_max",
    "unit",
    "approx",
    "bound",
    "previous_value",
    "period",
    "part_group",
    "part_role",
    "evidence_start",
    "evidence_end",
    "sentence_start",
    "sentence_end",
    "target",
    "status",
    "extractor_version",
]


def _values(article, n: int) -> dict:
    return {
        "article_id": article.pk,
        "position": n,
        "region_id": region("510821").pk if n % 2 else None,
        "indicator_id": None,
        "label": f"标签{n % 2}",
        "value": Decimal("9.31") * n,
        "value_max": Decimal("12.5000") if n == 1 else None,
        "unit": "人",
        "approx": bool(n % 2),
        "bound": Metric.Bound.LOWER if n == 2 else "",
        "previous_value": None,
        "evidence_start": n,
        "evidence_end": n + 3,
        "sentence_start": 0,
        "sentence_end": n + 5,
        "target": n == 3,
        "part_group": 1 if n else None,
        "part_role": "part" if n else "",
    }


def _stored(article) -> list[tuple]:
    return list(article.metrics.order_by("position").values_list(*STORED))


def test_insert_values_stores_what_bulk_create_stores():
    by_bulk, by_values, by_rows = ArticleFactory(), ArticleFactory(), ArticleFactory()
    Metric.objects.bulk_create([Metric(**_values(by_bulk, n)) for n in range(5)])
    assert insert_values(Metric, [_values(by_values, n) for n in range(5)]) == 5
    assert insert_rows([Metric(**_values(by_rows, n)) for n in range(5)]) == 5
    expected = _stored(by_bulk)
    assert expected[2][4] == Decimal("18.62") and expected[2][8] == "lower"
    assert _stored(by_values) == expected
    assert _stored(by_rows) == expected


def test_insert_values_gives_left_out_fields_their_defaults():
    article = ArticleFactory()
    insert_values(Metric, [_values(article, 1)])
    metric = article.metrics.get()
    assert (metric.status, metric.period, metric.extractor_version) == (
        MetricStatus.EXTRACTED,
        "",
        "",
    )
    insert_values(
        Appearance,
        [{"article_id": article.pk, "page_id": article.page_id, "position": 7, "url": ""}],
    )
    assert article.appearances.get(position=7).match == AppearanceMatch.FIRST


def test_a_remembered_conversion_keeps_true_and_one_apart():
    """The per-statement memo is keyed by type and value: ``1`` and ``True`` are equal
    and hash alike, but a CharField stores them as '1' and 'True'."""
    article = ArticleFactory()
    rows = [_values(article, n) for n in range(3)]
    rows[0]["label"], rows[1]["label"], rows[2]["label"] = 1, True, 1
    insert_values(Metric, rows)
    assert [m.label for m in article.metrics.order_by("position")] == ["1", "True", "1"]


def test_insert_values_refuses_rows_it_cannot_store_as_asked():
    article = ArticleFactory()
    with pytest.raises(ValueError, match="no field"):
        insert_values(Metric, [{**_values(article, 1), "colour": "red"}])
    with pytest.raises(ValueError, match="same fields"):
        insert_values(Metric, [_values(article, 1), {"article_id": article.pk}])
    # a page's ingested_at is set on save (auto_now_add): not from plain values
    with pytest.raises(ValueError, match="set on save"):
        insert_values(SourcePage, [{"sha256": "0" * 64, "raw_text": "版面"}])
    assert not article.metrics.exists() and not SourcePage.objects.filter(sha256="0" * 64)


def _prepared_long_way(field, value):
    from django.db import connection

    return field.get_db_prep_save(value, connection)


def _prepared_by_insert_values(field, value):
    """What ``insert_values`` hands the driver for ``value`` in ``field``'s column."""
    from articles.services import rows

    how = rows._shortcuts(field).get(type(value), _LONG)
    if how is _LONG:
        return _prepared_long_way(field, value)
    return value if how is rows._AS_IS else how(value)


_LONG = object()


@pytest.mark.parametrize("model", [Metric, Appearance])
def test_a_shortcut_prepares_what_the_field_prepares(model):
    """Every column of the ingest's inserts, with values of each type a page gives: the
    shortcut's value is the field's own, type included (psycopg's Int4 for an int on
    PostgreSQL, the Decimal with its exponent, the str as it is)."""
    from articles.services.rows import _fields

    samples = [0, 7, 2**40, Decimal("1.50"), Decimal("1.5"), Decimal("-0.001"), "人", ""]
    checked = 0
    for field in _fields(model):
        for value in samples:
            try:
                expected = _prepared_long_way(field, value)
            except Exception:  # the field refuses this type: not a value a page gives
                continue
            got = _prepared_by_insert_values(field, value)
            assert (type(got), repr(got)) == (type(expected), repr(expected)), (field, value)
            checked += 1
    assert checked > 20


def test_a_field_that_overrides_its_conversion_gets_no_shortcut():
    from django.db import models

    from articles.services.rows import _shortcuts

    class Doubled(models.IntegerField):
        def get_prep_value(self, value):
            return 2 * super().get_prep_value(value)

    class Upper(models.CharField):
        pass

    assert _shortcuts(Doubled()) == {}
    assert _shortcuts(Upper(max_length=3)) == {}
    assert int in _shortcuts(models.IntegerField())


def test_a_non_finite_decimal_is_refused_as_the_field_refuses_it():
    from django.core.exceptions import ValidationError

    article = ArticleFactory()
    with pytest.raises(ValidationError):
        insert_values(Metric, [{**_values(article, 1), "value": Decimal("NaN")}])


@pytest.mark.parametrize("count", [1, 3, 64, 68, 129])
def test_any_number_of_rows_is_stored_once_each_in_order(count):
    """On SQLite rows go into a table with a trigger (the metrics' region counts) by
    multi-row statements of 64, 32 ... 1 rows; each row is stored once, in order, with
    its values, and the trigger counts every one of them."""
    from articles.models import RegionMetricCount

    article = ArticleFactory()
    rows = [_values(article, n) for n in range(count)]
    for n, row in enumerate(rows):
        row["position"], row["value"] = n, Decimal(n) + Decimal("0.5")
    assert insert_values(Metric, rows) == count
    stored = list(article.metrics.order_by("id").values_list("position", "value"))
    assert stored == [(n, Decimal(n) + Decimal("0.5")) for n in range(count)]
    odd = sum(1 for n in range(count) if n % 2)  # the rows with a region
    shown = RegionMetricCount.objects.filter(region=region("510821")).values_list(
        "shown", flat=True
    )
    assert list(shown) == ([odd] if odd else [])


def test_rows_go_in_a_few_statements_where_executemany_costs_a_statement_each():
    """PostgreSQL runs an executemany as one statement per row (parsed, planned, its
    statement triggers fired, each alone): there 129 rows go into any table in one
    statement of one array per column (``insert_arrays``), in order. SQLite keeps one
    executemany into a table without a trigger (as cheap there) and statements of 64,
    64 and 1 rows into the metric table."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    article = ArticleFactory()
    appearances = [
        {"article_id": article.pk, "page_id": article.page_id, "position": 100 + n, "url": ""}
        for n in range(129)
    ]
    metrics = [{**_values(article, n % 4), "position": n} for n in range(129)]
    with CaptureQueriesContext(connection) as captured:
        insert_values(Appearance, appearances)
        insert_values(Metric, metrics)
    into = {
        table: [q["sql"] for q in captured if f'INTO "{table}"' in q["sql"]]
        for table in ("articles_appearance", "articles_metric")
    }
    if connection.vendor == "postgresql":
        assert [len(into[t]) for t in into] == [1, 1]
        assert all("unnest(" in sql for t in into for sql in into[t])
    else:
        assert [sql.count("), (") + 1 for sql in into["articles_metric"]] == [64, 64, 1]
        assert len(into["articles_appearance"]) == 1  # "129 times: INSERT ..."
        assert into["articles_appearance"][0].startswith("129 times")
    assert list(article.appearances.order_by("id").values_list("position", flat=True)) == [
        100 + n for n in range(129)
    ]
    stored = list(article.metrics.order_by("id").values_list("position", "value", "region_id"))
    assert stored == [(n, m["value"], m["region_id"]) for n, m in enumerate(metrics)]


def test_an_over_long_value_is_refused_not_cut():
    """The arrays are cast to the column's type without its length (PostgreSQL cuts a
    value cast to ``varchar(16)`` silently): a unit longer than 16 characters is refused
    by the insert, as ``bulk_create`` refuses it."""
    from django.db import DataError, connection, transaction

    if connection.vendor != "postgresql":
        pytest.skip("SQLite does not enforce a varchar's length")
    article = ArticleFactory()
    row = {**_values(article, 1), "unit": "人" * 17}
    with pytest.raises(DataError), transaction.atomic():
        Metric.objects.bulk_create([Metric(**row)])
    with pytest.raises(DataError), transaction.atomic():
        insert_values(Metric, [row])
    assert not article.metrics.exists()
