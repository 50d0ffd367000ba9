"""The write path's catalogue of indicators, read from the database (``catalogue``)."""

from datetime import date

import pytest

from articles.catalogue import indicator_catalogue
from articles.ingest.indicators import IndicatorCatalog
from articles.models import Metric
from articles.services import ingest_page

pytestmark = pytest.mark.django_db


def test_the_stored_catalogue_is_the_fixtures_field_for_field():
    """Every ingest reads the catalogue from the database; it had no ``kind``, so the
    rules that keep a count added off a stock's indicator held in the tests (which read
    the fixture) and in no real ingest."""
    assert list(indicator_catalogue()) == list(IndicatorCatalog.load())
    assert {spec.kind for spec in indicator_catalogue()} >= {"stock", "flow"}


def test_a_count_added_is_not_stored_as_the_stock_it_was_added_to():
    """A new-user pass: 较上年增加6000人 after 志愿者总数达到4.8万人 was stored as a second
    registered-volunteers value of 6,000."""
    text = "利州区志愿服务再上台阶\n广元市利州区实名注册志愿者总数达到4.8万人，较上年增加6000人。\n"
    ingest_page(text=text, publication="测试报", issue_date=date(2024, 2, 1))
    stored = dict(Metric.objects.values_list("value", "indicator__slug"))
    assert stored == {48000: "registered-volunteers", 6000: None}
