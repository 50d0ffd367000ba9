"""Decode page bytes and normalize page text, keeping the text's own characters.

Rules (the source of each is given with it):

- ``decode_page``: UTF-8 (with or without the BOM ``EF BB BF``), else GB18030 (the
  national standard superset of GBK/GB2312 that Chinese exports use). A decoding that
  succeeds but yields implausible text (control characters, private-use or unassigned
  code points, or mostly characters outside GB2312's common hanzi) is refused, because
  a lenient legacy decoder turns any bytes into *some* characters: we never return
  mojibake.
- ``normalize_text``: line endings to ``\\n``, Unicode NFC, BOM and NUL removed. NFC
  (not NFKC) keeps full-width digits and punctuation as printed, so offsets into the
  stored body stay valid for the metric extractor.
- ``to_simplified``: a Traditional-to-Simplified *view* for matching only, character by
  character so ``len(view) == len(text)`` and offsets line up; jionlp's ``tra2sim``
  (char mode) provides the table and is imported lazily.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

__all__ = [
    "PageDecodeError",
    "decode_page",
    "normalize_text",
    "to_simplified",
    "text_width",
    "sentence_span",
    "to_traditional",
    "jionlp_data_lines",
]


class PageDecodeError(ValueError):
    """The bytes are not a text page in an encoding we read (UTF-8 or GB18030)."""


_UTF8_BOM = b"\xef\xbb\xbf"


def decode_page(data: bytes) -> str:
    """Decode a page's bytes to ``str``.

    Tries UTF-8 (BOM stripped), then GB18030. Returns the decoded text unchanged
    otherwise (apply ``normalize_text`` for line endings/NFC). Raises ``PageDecodeError``
    (a ``ValueError``) naming the problem when the bytes are empty, binary, or decode
    under neither encoding to plausible Chinese/ASCII text.
    """
    if not isinstance(data, bytes | bytearray):
        raise TypeError(f"decode_page() takes bytes, not {type(data).__name__}")
    data = bytes(data)
    if data.startswith(_UTF8_BOM):
        try:
            text = data[len(_UTF8_BOM) :].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise PageDecodeError(
                f"page starts with a UTF-8 byte-order mark but is not valid UTF-8 "
                f"(byte {exc.start}: {exc.reason})"
            ) from exc
        _check_plausible(text, "UTF-8")
        return text
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise PageDecodeError("page is UTF-16 (byte-order mark found); save it as UTF-8")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError as exc:
            raise PageDecodeError(
                f"page is neither UTF-8 (byte {utf8_error.start}: {utf8_error.reason}) "
                f"nor GB18030 (byte {exc.start}: {exc.reason})"
            ) from exc
        _check_plausible(text, "GB18030")
        return text
    _check_plausible(text, "UTF-8")
    return text


def _check_plausible(text: str, encoding: str) -> None:
    """Refuse text that decoded but is not readable Chinese/ASCII (mojibake or binary)."""
    if not text.strip():
        raise PageDecodeError(f"page decoded as {encoding} is empty")
    bad = 0
    rare = 0
    hanzi = 0
    for ch, n in Counter(text).items():  # each distinct character once (a page has ~1,000)
        if ch in "\n\r\t":
            continue
        cat = unicodedata.category(ch)
        if ch == "\ufffd" or cat in ("Cc", "Co", "Cn", "Cs"):
            bad += n
            continue
        if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or ch >= "\U00020000":
            hanzi += n
            if not _is_common_hanzi(ch):
                rare += n
    if bad:
        raise PageDecodeError(
            f"page decoded as {encoding} contains {bad} control, private-use or "
            f"replacement character(s): not a text page, or a wrong encoding"
        )
    # Real text, Simplified or Traditional, is overwhelmingly common hanzi; text decoded
    # with the wrong legacy codec is a soup of rare ones.
    if hanzi >= 8 and rare / hanzi > 0.4:
        raise PageDecodeError(
            f"page decoded as {encoding} is mostly rare characters ({rare} of {hanzi} "
            f"hanzi): looks like mojibake from a wrong encoding"
        )


def _is_common_hanzi(ch: str) -> bool:
    """GB2312 hanzi, or a Traditional form of one (Big5 covers common Traditional)."""
    for codec in ("gb2312", "big5"):
        try:
            ch.encode(codec)
            return True
        except UnicodeEncodeError:
            continue
    return False


def normalize_text(text: str) -> str:
    """Line endings to ``\\n``, NFC, BOM/NUL removed; characters otherwise kept as printed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\ufeff", "").replace("\x00", "")
    return unicodedata.normalize("NFC", text)


def to_simplified(text: str) -> str:
    """A Simplified-character view of ``text`` with the same length (for matching only).

    Converts character by character with jionlp's ``tra2sim`` table, so index ``i`` in the
    view is index ``i`` in ``text``. Text already in GB2312 is returned as is (fast path).
    If jionlp is not installed the text is returned unchanged.
    """
    if not text:
        return text
    try:
        text.encode("gb2312")
        return text
    except UnicodeEncodeError:
        pass
    table = _tra2sim_table()
    return text.translate(table) if table else text


def to_traditional(text: str) -> str:
    """The Traditional-character spelling of ``text``, character by character (jionlp's
    ``sim2tra_char`` table; same length). For search: a Simplified query also finds pages
    reposted in Traditional characters. Where one Simplified character has several
    Traditional ones (发: 發/髮) the table's first is used, so this is a best effort."""
    table = _sim2tra_table()
    return text.translate(table) if table else text


@lru_cache(maxsize=1)
def _sim2tra_table() -> dict[int, str]:
    """{ord(simplified): traditional} for one-to-one character pairs from jionlp."""
    return _jionlp_char_table("sim2tra_char.txt")


@lru_cache(maxsize=1)
def _tra2sim_table() -> dict[int, str]:
    """{ord(traditional): simplified} for one-to-one character pairs from jionlp."""
    return _jionlp_char_table("tra2sim_char.txt")


def _jionlp_char_table(file_name: str) -> dict[int, str]:
    """One-character-to-one-character pairs of a jionlp conversion table, read from the
    data file without importing jionlp (a one-second import)."""
    table: dict[int, str] = {}
    for line in jionlp_data_lines(file_name):
        source, _, target = line.rstrip("\n").partition("\t")
        if len(source) == 1 and len(target) == 1 and source != target:
            table[ord(source)] = target
    return table


def jionlp_data_lines(name: str) -> Iterator[str]:
    """Lines of a jionlp data file, found without importing jionlp (a slow import).

    jionlp ships some dictionaries only as ``<name>.zip`` and unzips them the first time
    its own loader runs, so the ``.txt`` may or may not be there: read whichever exists.
    Raises ``FileNotFoundError`` when jionlp or the file is missing: these words decide
    which place names are risky, so silently using none would change what is located.
    """
    import importlib.util
    import io
    import zipfile

    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("jionlp is not installed (see requirements.txt)")
    folder = Path(next(iter(spec.submodule_search_locations))) / "dictionary"
    text_path, zip_path = folder / name, folder / (Path(name).stem + ".zip")
    if text_path.exists():
        with open(text_path, encoding="utf-8") as f:
            yield from f
        return
    if not zip_path.exists():
        raise FileNotFoundError(f"jionlp data file not found: {text_path} (nor {zip_path.name})")
    with zipfile.ZipFile(zip_path) as archive, archive.open(name) as raw:
        yield from io.TextIOWrapper(raw, encoding="utf-8")


def text_width(line: str) -> float:
    """Printed width of a line in em: CJK/full-width characters 1, ASCII and spaces 0.5."""
    return sum(0.5 if ord(ch) < 0x2000 else 1.0 for ch in line)


#: Characters that end a sentence for evidence context: Chinese full stop, question and
#: exclamation marks, the semicolon that separates clauses in reports, and a paragraph break.
SENTENCE_ENDS = "。！？；!?;\n"


def sentence_span(body: str, start: int, end: int) -> tuple[int, int]:
    """The sentence of ``body`` around ``body[start:end]``, as ``(sentence_start,
    sentence_end)`` offsets: from just after the previous sentence end (see
    ``SENTENCE_ENDS``) to just after the next one (the end mark included, a paragraph
    break excluded), or the body's ends. Always ``sentence_start <= start`` and
    ``sentence_end >= end``. The body's end marks are found once and cached, since an
    article's metrics ask about the same body one after another."""
    ends = _sentence_ends(body)
    i = bisect_left(ends, start)  # ends[i - 1] is the last mark before start
    left = ends[i - 1] + 1 if i else 0
    j = bisect_left(ends, end)  # ends[j] is the first mark at or after end
    right = ends[j] if j < len(ends) else len(body)
    if right < len(body) and body[right] != "\n":
        right += 1
    return left, max(right, end)


_SENTENCE_END = re.compile("[" + re.escape(SENTENCE_ENDS) + "]")


@lru_cache(maxsize=32)
def _sentence_ends(body: str) -> list[int]:
    """Sorted offsets of every sentence-end mark in ``body``."""
    return [m.start() for m in _SENTENCE_END.finditer(body)]
