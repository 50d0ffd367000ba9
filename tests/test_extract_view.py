"""The extraction view (``extract.view.normalize``) looks only at the characters its
quick pattern picks; every other character must be one the view leaves as it is."""

import pytest

from articles.ingest.extract import view


def test_the_characters_the_view_skips_are_those_it_never_changes():
    skipped_but_changed = [
        hex(c)
        for c in range(0x110000)
        if not view._MAYBE_SPECIAL_RE.match(chr(c))
        and (view._replacement(chr(c)) != chr(c) or chr(c) == "，")
    ]
    assert skipped_but_changed == []


def test_the_view_folds_what_it_must():
    body = "全县共有志愿者１，２３４人\u3000（约）、馀额３％"
    assert view.normalize(body).text == "全县共有志愿者1,234人(约)、余额3%"


@pytest.mark.parametrize("digit", "０１２３４５６７８９")
def test_a_comma_between_any_full_width_digits_is_a_thousands_separator(digit):
    ascii_digit = str("０１２３４５６７８９".index(digit))
    text = view.normalize(f"全县共有{digit}，{digit}{digit}{digit}名志愿者，同比增长").text
    assert text == f"全县共有{ascii_digit},{ascii_digit * 3}名志愿者，同比增长"
