"""Lines of a generic article page: paragraphs kept apart, the byline and dateline taken out.

trafilatura reads the e-paper and portal templates the project was built on well, but on a
plain ``<article>``/``<div class="article">``/``<div id="content">`` page it can return the
whole block as one line (its baseline fallback for short pages joins ``text_content()``),
and it keeps the byline or info line (``记者 张三 2024-01-05``, ``2024-01-05 来源：县政府办``)
as the first body line, where the splitter reads it as part of the text. Two repairs:

- ``split_at_blocks``: a line that runs several of the page's block elements together
  (``<p>``, ``<h1>``-``<h6>``, ``<li>``, a ``<div>`` holding no other block) is cut where
  each block ends: in HTML each block is its own paragraph.
- ``is_byline_line``/``byline_names``: the short line under the headline naming the author
  (``<p class="byline">``, ``By …``, ``记者 …``, ``作者：…``, ``文/…``) or giving only the date and
  source; the names in it become the page's byline, its date the page's date.
"""

from __future__ import annotations

import itertools
import re
from datetime import date

__all__ = [
    "block_texts",
    "byline_elements",
    "byline_names",
    "is_byline_line",
    "line_date",
    "split_at_blocks",
    "squash",
]

#: Elements that are their own paragraph on screen.
_BLOCK_TAGS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "div", "section", "article", "header",
    "blockquote", "pre", "address", "figcaption", "dd", "dt", "td", "th",
}  # fmt: skip
#: class/id words of the element printing the byline or the date-and-source line.
_BYLINE_CLASS_RE = re.compile(
    r"author|byline|zuozhe|writer|reporter|dateline|pub-?(?:date|time|info)|post-?(?:date|meta)"
    r"|article-?(?:info|meta|attr)|^(?:info|meta|attr|date|time|source|laiyuan)$",
    re.I,
)
#: longest byline line (characters): a line under the headline longer than this is text.
BYLINE_MAX = 80
_MONTHS = (
    "January February March April May June July August September October November December"
).split()
_MONTH = "(?:" + "|".join(_MONTHS) + ")"
_DATE_RE = re.compile(
    r"\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}\s*日?(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?"
    rf"|\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}"
)
#: A line's byline mark: 记者/作者/通讯员/撰稿/文/图 (with 本报/本台 before it), or English ``By``.
_BYLINE_MARK_RE = re.compile(
    r"^(?:[◎⊙■□●]\s*)?(?:(?:本报|本台|本网|融媒体中心)?(?:特约)?(?:记者|通讯员|作者|撰稿|撰文|供稿)"
    r"|[文图]\s*[/／]|[Bb]y\s+|BY\s+)"
)
#: Labels of a date-and-source line (发布时间：…, 来源：…) and of the names in a byline.
_LABEL_RE = re.compile(
    r"(?:发布时间|发布日期|更新时间|日期|时间|来源|信息来源|文章来源|稿件来源|编辑|责任编辑|浏览次数|点击数"
    r"|阅读数|字号|Source|Published|Updated|Posted)\s*[:：]?",
    re.I,
)
_SENTENCE_RE = re.compile(r"[。！？；!?;]|[，,].*[，,]")


def squash(text: str) -> str:
    """``text`` without whitespace (for comparing a line with the markup it came from)."""
    return re.sub(r"\s+", "", text or "")


def block_texts(tree) -> set[str]:
    """The squashed texts of ``tree``'s innermost block elements (a block holding no other
    block), each one paragraph as the page shows it; empty ones left out."""
    found = set()
    for el in tree.iter(*_BLOCK_TAGS):
        if any(isinstance(d.tag, str) and d.tag in _BLOCK_TAGS for d in el.iterdescendants()):
            continue
        text = squash(el.text_content())
        if text:
            found.add(text)
    return found


def split_at_blocks(lines: list[str], blocks: set[str]) -> list[str]:
    """``lines`` with each line that begins with one or more whole ``blocks`` (squashed
    texts, see ``block_texts``) cut after each of them; the rest of such a line stays one
    line. A line that is one block, or starts with none, is kept as it is."""
    if not blocks:
        return lines
    sizes = sorted({len(b) for b in blocks}, reverse=True)  # a few dozen lengths
    out: list[str] = []
    for line in lines:
        out.extend(_split_line(line, blocks, sizes))
    return out


def _split_line(line: str, blocks: set[str], sizes: list[int]) -> list[str]:
    # ``where[i]`` is the index in ``line`` of its i-th non-space character.
    where = [i for i, ch in enumerate(line) if not ch.isspace()]
    flat = "".join(line[i] for i in where)
    if flat in blocks:  # the usual case: the line is one paragraph
        return [line]
    cuts = []
    pos = 0
    while pos < len(flat):
        size = next((n for n in sizes if n <= len(flat) - pos and flat[pos : pos + n] in blocks), 0)
        if not size or (pos == 0 and size == len(flat)):
            break
        pos += size
        if pos < len(flat):
            cuts.append(where[pos])
    if not cuts:
        return [line]
    bounds = [0, *cuts, len(line)]
    pieces = (line[a:b].strip() for a, b in itertools.pairwise(bounds))
    return [piece for piece in pieces if piece]


def byline_elements(tree) -> set[str]:
    """The squashed texts of elements marked as the byline or date line (class or id such as
    ``byline``, ``author``, ``article-info``, ``pubtime``; ``<time>``, ``<address>``)."""
    found = set()
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        tokens = f"{el.get('class') or ''} {el.get('id') or ''}".split()
        if el.tag in ("time", "address") or any(_BYLINE_CLASS_RE.search(t) for t in tokens):
            text = squash(el.text_content())
            if text and len(text) <= BYLINE_MAX:
                found.add(text)
    return found


def is_byline_line(line: str, marked: set[str]) -> bool:
    """True when ``line`` (a body line right under the headline) is the byline or the
    date-and-source line: the text of a byline element (``marked``, see
    ``byline_elements``), a short line starting with a byline mark (``记者``, ``作者：``,
    ``文/``, ``By``), or a short line holding a date and nothing but labels and names (no comma).
    A sentence (``。``, ``；``, two commas) is never one."""
    line = line.strip()
    if not line or len(line) > BYLINE_MAX or _SENTENCE_RE.search(line):
        return False
    if squash(line) in marked:
        return True
    if _BYLINE_MARK_RE.match(line) and len(line) <= 40:
        return True
    if not _DATE_RE.search(line):
        return False
    rest = _LABEL_RE.sub(" ", _DATE_RE.sub(" ", line))
    return len(squash(rest)) <= 20 and not re.search(r"[，,]", rest)


def byline_names(line: str) -> str:
    """The author names in a byline line: marks, labels, dates and the ``来源：…`` part
    removed (``记者 张三 李四 2024-01-05`` -> ``张三 李四``; ``By Zhang San, 5 January
    2024`` -> ``Zhang San``); '' when the line names no one."""
    text = re.split(r"(?:来源|信息来源|文章来源|稿件来源|Source)\s*[:：]", line, flags=re.I)[0]
    text = re.split(r"(?:编辑|责任编辑|浏览次数|点击数|阅读数|字号)\s*[:：]", text)[0]
    text = _DATE_RE.sub(" ", text)
    text = _LABEL_RE.sub(" ", text)
    text = re.sub(
        r"(?:[◎⊙■□●]|本报|本台|本网|特约|记者|通讯员|作者|撰稿|撰文|供稿|[文图]\s*[/／]|\b[Bb]y\b|\bBY\b)",
        " ",
        text,
    )
    text = re.sub(r"[\s,，:：|｜/／]+", " ", text).strip()
    return text if len(text) <= 30 else ""


def line_date(line: str) -> date | None:
    """The first date written in ``line`` (None when none, or not a calendar day):
    ``2024-01-05``, ``2024年1月5日``, ``5 January 2024``, ``January 5, 2024``."""
    match = _DATE_RE.search(line)
    if not match:
        return None
    numbers = [int(n) for n in re.findall(r"\d+", match.group(0))]
    month = next((i for i, m in enumerate(_MONTHS, 1) if m in match.group(0)), 0)
    if month:
        day, year = (numbers[0], numbers[1]) if match.group(0)[0].isdigit() else numbers
    else:
        year, month, day = numbers[:3]
    try:
        return date(year, month, day)
    except ValueError:
        return None
