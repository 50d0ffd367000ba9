"""Decoding page bytes and the text views the matchers use."""

import pytest

from articles.ingest.normalize import (
    PageDecodeError,
    decode_page,
    normalize_text,
    text_width,
)
from articles.text import to_simplified

TEXT = "四川旺苍县今年发放城乡居民养老金1.2亿元。"


def test_utf8_page_decodes_unchanged():
    assert decode_page(TEXT.encode("utf-8")) == TEXT


def test_utf8_byte_order_mark_is_dropped():
    assert decode_page(b"\xef\xbb\xbf" + TEXT.encode("utf-8")) == TEXT


def test_gb18030_page_decodes_to_the_same_text():
    assert decode_page(TEXT.encode("gb18030")) == TEXT


def test_traditional_utf8_page_is_not_mistaken_for_mojibake():
    text = "全縣待遇領取人員4.36萬人，全年增加支出98萬元。"
    assert decode_page(text.encode("utf-8")) == text


def test_bytes_in_neither_encoding_raise_an_error_naming_both():
    with pytest.raises(PageDecodeError, match="neither UTF-8.*nor GB18030"):
        decode_page(bytes(range(128, 256)))


def test_big5_bytes_that_gb18030_reads_as_garbage_are_refused():
    big5 = ("全縣待遇領取人員四點三六萬人，全年增加支出九十八萬元。" * 3).encode("big5")
    with pytest.raises(PageDecodeError, match="GB18030"):
        decode_page(big5)


def test_utf16_page_is_refused_with_a_clear_message():
    with pytest.raises(PageDecodeError, match="UTF-16"):
        decode_page(TEXT.encode("utf-16"))


def test_empty_page_is_refused():
    with pytest.raises(PageDecodeError, match="empty"):
        decode_page(b"  \n ")


def test_decode_error_is_a_value_error():
    assert issubclass(PageDecodeError, ValueError)


def test_normalize_text_unifies_line_endings_and_keeps_full_width_digits():
    assert normalize_text("甲\r\n乙\r丙１２３％\ufeff") == "甲\n乙\n丙１２３％"


def test_simplified_view_keeps_offsets_aligned():
    text = "全縣待遇領取人員4.36萬人"
    view = to_simplified(text)
    assert view == "全县待遇领取人员4.36万人"
    assert len(view) == len(text)


def test_text_width_counts_ascii_as_half():
    assert text_width("1月 11日") == 4.0  # 0.5 + 1 + 0.5 + 1 + 1
