"""Compare's ``regions`` field (``forms.RegionListField``) takes English names in any
letter case, as the article list's region field does: a new-user pass typed
``wangcang county`` and got "no such region" while ``Wangcang County`` and ``wangcang``
worked."""

import pytest
from django import forms

from articles.forms import RegionListField

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "adcodes"),
    [
        ("Wangcang County", ["510821"]),
        ("wangcang county", ["510821"]),
        ("WANGCANG COUNTY, golmud city", ["510821", "632801"]),
        ("sichuan province，旺苍县", ["510000", "510821"]),
        ("wangcang, Cangxi County, 510821", ["510821", "510824"]),
    ],
)
def test_english_names_are_read_in_any_letter_case(typed, adcodes):
    assert RegionListField(required=False).clean(typed) == adcodes


def test_an_unknown_name_in_any_case_is_still_named():
    with pytest.raises(forms.ValidationError) as error:
        RegionListField(required=False).clean("wangcang county, moon county")
    assert "moon county" in str(error.value) and "wangcang" not in str(error.value)
