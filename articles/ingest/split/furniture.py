"""Furniture of pages saved from the web: navigation, breadcrumbs, publish lines, reader
toolbars, lists of other pages and footers, blanked from a page (``strip_web_furniture``).

Text copied from a county government or media-centre site carries the site around the
article. None of it may become a title, an article, part of a body or a metric (issue 7,
point 9), so these lines are blanked before the page is read into lines. A blanked line
counts as a blank line: on a web page a publish line stands between the headline and the
body the way a blank line does.

Which kind of furniture one line is, and the rules, are in ``furniture_kinds`` (its
names are handed on here: ``WebFurniture``, ``furniture_kind``, ``is_web_furniture``).
Here the page: the link lines under a page-list heading are furniture too
(``_strip_page_lists``), the line a publish line stands next to is marked as the page's
headline (``_web_titles``), the site's header above it is blanked (``_strip_masthead``)
and the first publish line's date is read (``_publish_date``).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from ..vocabulary import SENTENCE_FINAL, char_class
from .furniture_kinds import (  # noqa: F401
    FURNITURE_MAX_CHARS,
    LINK_BAR_MIN,
    TOOLBAR_SHARE,
    WebFurniture,
    furniture_kind,
    furniture_kinds,
    is_web_furniture,
    page_list_heading,
)
from .marks import byline_line, read_dateline

#: Longest line (characters) read as a link under a page-list heading; longer is prose.
LINK_MAX_CHARS = 60
#: Longest line (characters) a publish line marks as the page's headline. Titles of
#: government notices run long (``东阳市人民政府办公室关于印发《…实施方案(2023—2025年)》
#: 的通知``, 50 characters), longer than a newspaper headline line.
WEB_TITLE_MAX_CHARS = 80
#: How many raw lines away from a publish line its headline may stand.
WEB_TITLE_REACH = 3

_SENTENCE_END_RE = re.compile(char_class(SENTENCE_FINAL))


@dataclass
class WebPage:
    """A page's raw lines with web furniture blanked (``""``; same length and order), the
    indexes of the lines publish lines mark as headlines, and the date of the first
    publish line that gives one (``发布时间：2024-03-05`` -> 2024-03-05), else None."""

    lines: list[str]
    headlines: set[int]
    published: datetime.date | None = None


def strip_web_furniture(lines: list[str]) -> WebPage:
    """Blank the web furniture of a page's raw lines (see ``WebPage``).

    Each line is tested alone (``furniture_kinds``); then the link lines under a page-list
    heading are blanked (``_strip_page_lists``). A web page prints its headline straight
    above its publish line (or, on some sites, straight below it), so the nearest
    title-like line within ``WEB_TITLE_REACH`` lines before a publish line, else after
    it, is marked as a headline (``_web_titles``); it may be as long as
    ``WEB_TITLE_MAX_CHARS``. Short lines above the first such headline are the site's
    header and are blanked (``_strip_masthead``).
    """
    kinds = furniture_kinds(lines)
    out = ["" if kind else line for line, kind in zip(lines, kinds, strict=True)]
    out = _strip_page_lists(lines, out)
    dates = (
        _publish_date(line)
        for line, kind in zip(lines, kinds, strict=True)
        if kind == WebFurniture.PUBLISH
    )
    titles = _web_titles(out, kinds)
    if titles:
        _strip_masthead(out, min(titles))
    return WebPage(out, titles, next((d for d in dates if d), None))


def _strip_masthead(out: list[str], title: int) -> None:
    """Blank the site's name and other short lines without a sentence end printed above
    the page's first web headline (``西虹网``, ``某某新闻``): above the headline a web
    page holds only its header. In place."""
    for k in range(title):
        if _link_like(out[k]):
            out[k] = ""


_PUBLISH_DATE_RE = re.compile(r"(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})")


def _publish_date(line: str) -> datetime.date | None:
    """The first valid ``2024-03-05`` / ``2024年03月05日`` date of a publish line."""
    for m in _PUBLISH_DATE_RE.finditer(line):
        try:
            return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            continue
    return None


def _web_titles(out: list[str], kinds: list[WebFurniture | None]) -> set[int]:
    """Indexes of the lines publish lines mark as headlines (see ``strip_web_furniture``)."""
    titles: set[int] = set()
    for p, kind in enumerate(kinds):
        if kind != WebFurniture.PUBLISH or (p > 0 and kinds[p - 1] == WebFurniture.PUBLISH):
            continue
        before = _nearest_content(out, p, -1)
        after = _nearest_content(out, p, +1)
        if before is not None and _title_like(out[before]):
            titles.add(before)
        elif before is None and after is not None and _title_like(out[after]):
            titles.add(after)
    return titles


def _nearest_content(out: list[str], p: int, step: int) -> int | None:
    """The nearest line of text (not blank, not blanked furniture) from line ``p`` in
    direction ``step``, at most ``WEB_TITLE_REACH`` lines away, else None."""
    k = p + step
    while 0 <= k < len(out) and abs(k - p) <= WEB_TITLE_REACH:
        if out[k].strip():
            return k
        k += step
    return None


def _title_like(line: str) -> bool:
    """Could this line be a web page's headline: hanzi, no sentence end, not too long, no
    lead-in or clause end, no byline or dateline?"""
    text = line.strip().strip("\u3000").strip()
    return (
        0 < len(text) <= WEB_TITLE_MAX_CHARS
        and bool(re.search(r"[\u4e00-\u9fff]", text))
        and not _SENTENCE_END_RE.search(text)
        and not text.endswith(("：", ":", "，", ",", "、", "；", ";"))
        and byline_line(text) is None
        and read_dateline(text) is None
    )


def _link_like(line: str) -> bool:
    """A line that can be a link in a list of pages: short, no sentence end."""
    text = line.strip()
    return bool(text) and len(text) <= LINK_MAX_CHARS and not _SENTENCE_END_RE.search(text)


def _strip_page_lists(lines: list[str], out: list[str]) -> list[str]:
    """Blank the link lines under each page-list heading, in ``out`` (returned).

    The run of link-like lines after a heading (blank lines allowed) ends at a line that
    is prose or furniture. When the next line that is neither blank nor furniture is
    prose, the run's last line is that prose's headline and is kept (a sidebar printed
    under 相关链接 in a paper, or the article's own headline after a list of links).
    """
    k = 0
    while k < len(lines):
        if not page_list_heading(lines[k]):
            k += 1
            continue
        run, end = _link_run(lines, out, k + 1)
        after = end
        while after < len(out) and not out[after].strip():  # furniture and blanks
            after += 1
        if run and after < len(out) and not _link_like(lines[after]):
            run.pop()  # the headline of the prose below
        for r in run:
            out[r] = ""
        k = max(end, k + 1)
    return out


def _link_run(lines: list[str], out: list[str], j: int) -> tuple[list[int], int]:
    """The indexes of the link-like lines from line ``j`` on (blank lines skipped, not
    furniture) and the index where the run ends."""
    run: list[int] = []
    while j < len(lines) and (not lines[j].strip() or (out[j] and _link_like(lines[j]))):
        if lines[j].strip():
            run.append(j)
        j += 1
    return run, j
