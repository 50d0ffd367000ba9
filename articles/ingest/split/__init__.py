"""Split a page's text (a PDF text extraction, or text saved from the web) into items.

A PDF page arrives as lines hard-wrapped at column width, with headlines, bylines,
bodies and photo captions in reading order only roughly: a headline can be printed far
from its body. Blank lines are not reliable (one can sit mid-sentence), so the evidence is:

- **hard wrapping**, decided per body block (``segments.hard_wrapped``): the block is
  hard-wrapped when at least 20% of its non-final prose lines fill their column and
  still break mid-sentence; otherwise (web text) each line is a paragraph;
- **line shape** (hard-wrapped blocks): a paragraph ends on a line shorter than its
  column (the smaller of the median widths of the line with its 3 neighbours before
  and with its 3 after, CJK = 1 em, ASCII = 0.5 em) that ends with sentence-final
  punctuation (。！？… and closing quotes/brackets after them; ``.`` after a Latin
  letter), or on a sentence end before a blank line; an indented line (full-width
  ``　　`` or 2+ spaces) starts one; a short line without commas or sentence
  punctuation that follows a sentence end is a one-line paragraph (an intertitle);
- **structure marks**: byline lines (``◎ name``; ``本报记者 王五``, ``■本报记者 王五``,
  ``□ 记者 王五``, ``文/图 王五``: a role label or credit is needed except after ◎/⊙; a
  number or Latin tag after a name, ``◎ 记者1``, ``本报记者 张三1``, and any other short
  unpunctuated line opening with ◎/⊙ or a role label and a space count too, so a
  headline's evidence does not hinge on the names' form: ``marks.byline_line``),
  ``——`` subtitles (own line, or ``主题——副题`` on one line), datelines (``本报讯（names）``
  with half- or full-width brackets, ``本报讯 记者王五 …``, bare ``本报讯``, agency and
  place datelines ``新华社成都2月20日电（记者王五）`` / ``本报巴中2月19日讯``, whose place
  is kept as ``dateline_place``), ``◆`` brief items (each its own news item; a lead-in
  ``◆ 标题：`` or ``【标题】`` is its title), captions ending ``…… 名字摄`` or
  ``（记者 王五 摄）`` (photo: byline the photographer, no title);
- **closing marks**: a byline line after a body (also one in brackets on its own line,
  ``（记者 王五）``, ``(本报记者 王五 通讯员 孙七)``, or bare names ``（王五）`` when every
  part is a 2-4 hanzi name and no note like ``（待续）``), or a bracketed role-labelled
  credit closing its last line (``…。（记者 王五）``), is that item's byline and ends it; so
  do ``（完）``, ``（待续）``, jump lines ``（下转第2版）`` and ``（责任编辑：…）``, which are
  dropped (``（上接第1版）`` is furniture);
- **headline blocks**: 1-4 short lines without 。/；, after a paragraph end, that lead to a
  subtitle, a byline or a dateline, or open with a place prefix (``四川南充市：``, or a
  line that is only place names, ``内蒙古乌海市``), or that open an item (page start,
  after a closing byline or end mark) and stand apart from the prose below by a
  blank line or indent;
- **orphan headlines** (a block with no body after it) get the body whose lead names
  the block's place: the first paragraph of a body with no headline, else a paragraph
  inside another body whose first sentence names that place and not the host's own,
  nearest in page order first (see ``orphans.assign_orphans``);
- **page furniture** (版次, 第N版, 责任编辑, 放大 缩小, date headers) and column rubrics
  (图片新闻, 要闻简报, 简讯 ...) are dropped, and so is the **furniture of web pages**
  (breadcrumbs, publish lines, toolbars, page lists, footers: ``furniture``); the line
  a publish line stands next to is a headline, up to 80 characters long;
- a **vertical headline** (a PDF's one hanzi per line, 4 to 32 lines) is joined into one
  headline line (``lines.join_vertical_headlines``);
- a one-line **headline printed straight above its body** (no blank line between) at an
  item start is a headline when it is shorter than its column and the prose under it;
- an item needs a body of ``MIN_BODY_HANZI`` hanzi (``items.is_article``).

The stages are modules of this package, in the order ``split_page`` runs them:
``furniture`` (blank a web page's furniture), ``lines`` (read and measure lines, using
the ``marks``), ``heads`` (headline blocks), ``segments`` (paragraphs and bodies),
``orphans`` (headlines printed away from their body) and ``items`` (one
``ParsedArticle`` per segment). Each stage is linear in the page's size
(``tests/test_split_scaling.py``).

Items come out in page order of their first printed line (headline, else body start),
``position`` 0-based. Region, topic and quantities are left at their defaults.
"""

from __future__ import annotations

import datetime

from ..gazetteer import Gazetteer
from ..normalize import normalize_text
from ..types import ParsedArticle
from .furniture import strip_web_furniture
from .heads import find_heads
from .items import MIN_BODY_HANZI, is_article, to_article
from .lines import mark_widths, read_lines
from .marks import parse_byline
from .orphans import assign_orphans
from .segments import cut_segments

__all__ = ["MIN_BODY_HANZI", "split_page", "parse_byline"]


def split_page(
    text: str,
    *,
    published: datetime.date | None = None,
    gazetteer: Gazetteer | None = None,
) -> list[ParsedArticle]:
    """Split page text into ``ParsedArticle`` items in page order.

    ``text`` is the decoded page (``normalize.decode_page``); line endings and NFC are
    normalized here. ``published`` (the issue date) gives the year for datelines'
    ``1月11日``; without it, the date of a web page's publish line
    (``发布时间：2024-03-05``) does, else ``event_date`` is None. An item with no date of
    its own gets the publish line's date as ``event_date``. ``gazetteer`` (default
    ``Gazetteer.load()``) recognizes place prefixes and matches orphan headlines.
    Returns ``[]`` for a page with no text. An item whose body has fewer than
    ``MIN_BODY_HANZI`` hanzi is no article and is dropped, so junk text (punctuation,
    digits, ASCII filler) and pages of furniture yield ``[]``. Fills position, kind
    (news | feature | photo), title, title_prefix, subtitle, byline, body (paragraphs
    joined by ``\\n``, wrapped lines joined, characters as printed) and event_date.
    """
    gazetteer = gazetteer or Gazetteer.load()
    web = strip_web_furniture(normalize_text(text).split("\n"))
    lines = read_lines(web)
    if not lines:
        return []
    mark_widths(lines)
    heads = find_heads(lines, gazetteer)
    segments = cut_segments(lines, heads)
    segments = assign_orphans(segments, heads, gazetteer)
    items = []
    for seg in sorted(segments, key=lambda s: s.order):
        item = to_article(seg, published or web.published)
        if item is not None and is_article(item):
            item.event_date = item.event_date or web.published
            items.append(item)
    for position, item in enumerate(items):
        item.position = position
    return items
