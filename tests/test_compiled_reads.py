"""The compare form's reads written once (issue 9.3): ``indicator_lookup.indicator_by_slug``
and ``selectors.topic_rows`` give exactly what the ORM's reads they replace gave."""

import pytest

from articles import selectors
from articles.indicator_lookup import indicator_by_slug
from articles.models import Indicator, Topic

pytestmark = pytest.mark.django_db


def fields(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def test_an_indicator_read_by_slug_is_the_orms_field_for_field():
    slugs = list(Indicator.objects.values_list("slug", flat=True))
    assert len(slugs) >= 40  # the reference catalogue
    for slug in slugs:
        read, expected = indicator_by_slug(slug), Indicator.objects.get(slug=slug)
        assert fields(read) == fields(expected)
        assert (read._state.db, read._state.adding) == (expected._state.db, False)
        assert read.name == expected.name and read.get_kind_display() == expected.get_kind_display()


def test_an_unknown_slug_raises_does_not_exist(django_assert_num_queries):
    with django_assert_num_queries(1), pytest.raises(Indicator.DoesNotExist, match="no-such"):
        indicator_by_slug("no-such-indicator")


def test_the_topic_rows_are_the_catalogue_in_its_order():
    rows = selectors.topic_rows()
    assert len(rows) >= 5
    assert rows == tuple(Topic.objects.values_list("slug", "name_zh", "name_en"))
