"""Items: one ``ParsedArticle`` from a segment (``to_article``): kind, title, byline,
body and event date."""

from __future__ import annotations

import datetime
import re

from ..types import ArticleKind, ParsedArticle
from .heads import Head
from .lines import LineKind
from .marks import BULLET_RE, CREDIT_RE, DATE_RE, parse_byline, read_dateline
from .segments import Segment


def _resolve_date(month: str, day: str, published: datetime.date | None) -> datetime.date | None:
    """``M月D日`` in the year of ``published`` (the year before if that lands >7 days
    after publication, e.g. a December event in a January issue); None without a year."""
    if published is None:
        return None
    m = int(month.translate(_FULLWIDTH_DIGITS))
    d = int(day.translate(_FULLWIDTH_DIGITS))
    try:
        value = datetime.date(published.year, m, d)
    except ValueError:
        return None
    if value > published + datetime.timedelta(days=7):
        try:
            value = datetime.date(published.year - 1, m, d)
        except ValueError:
            return None
    return value


_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


#: What an item needs to be an article: a body of at least this many hanzi (CJK unified
#: ideographs, extensions included). The shortest real items of a county paper, a photo
#: caption (图为志愿者在社区清扫积雪) or a one-sentence brief, have more; what has fewer is
#: no article: punctuation and digits (。。。！！！——1234567890……), ASCII filler, English
#: text, a headline whose body was never found, or what is left of a page of furniture.
#: ``split_page`` drops such items, so a page of them has none and
#: ``articles.services.ingest_page`` refuses it (issue 12, point 3).
MIN_BODY_HANZI = 4

_HANZI_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def is_article(item: ParsedArticle) -> bool:
    """True if ``item``'s body holds at least ``MIN_BODY_HANZI`` hanzi."""
    count = 0
    for _ in _HANZI_RE.finditer(item.body):
        count += 1
        if count >= MIN_BODY_HANZI:
            return True
    return False


#: A brief item's lead-in: ``◆ 绵阳启动春季植树：2月20日，…`` or ``【绵阳启动春季植树】…``.
_LEAD_IN_RE = re.compile(
    r"^(?:【(?P<a>[^】]{2,30})】|(?P<b>[^，,。；;：:、！？!?（(]{2,24})[：:])\s*"
)


def to_article(seg: Segment, published: datetime.date | None) -> ParsedArticle | None:
    """One item from a segment; None if it has neither body nor title.

    Kind: ``photo`` for a lone caption, ``feature`` for a headline with a subtitle or a
    ``◎`` byline, else ``news``. The byline is the headline's, else the dateline's,
    else one printed after the body. ``published`` gives the year of ``event_date``.
    """
    item = _from_head(seg.head)
    first_kind = seg.paras[0].kind if seg.paras else None
    if first_kind == LineKind.CAPTION and len(seg.paras) == 1 and seg.head is None:
        return _photo(seg.paras[0].text, item, published)
    paras = [p.text for p in seg.paras]
    if first_kind == LineKind.DATELINE:
        paras[0] = _open_dateline(paras[0], item, published)
    elif first_kind == LineKind.BULLET:
        paras[0] = _open_bullet(paras[0], item, published)
    elif paras:
        item.event_date = _date_at_start(paras[0], published)  # 2月20日，… with no dateline
    if not item.byline and seg.trailer:
        item.byline = seg.trailer
    item.body = "\n".join(p.strip() for p in paras if p.strip())
    if not item.body and not item.title:
        return None
    return item


def _from_head(head: Head | None) -> ParsedArticle:
    """A news item with the headline's title, prefix, subtitle and byline; a feature when
    the headline has a subtitle or a ◎ byline."""
    item = ParsedArticle(position=0, kind=ArticleKind.NEWS)
    if head is not None:
        item.title = head.title
        item.title_prefix = head.title_prefix
        item.subtitle = head.subtitle
        item.byline = head.byline
        if head.marked or head.subtitle:
            item.kind = ArticleKind.FEATURE
    return item


def _photo(caption: str, item: ParsedArticle, published: datetime.date | None) -> ParsedArticle:
    """A lone caption as a photo item: the credit's names are the byline, the text before
    it the body, a date in it the event date."""
    m = CREDIT_RE.search(caption)
    item.kind = ArticleKind.PHOTO
    item.byline = parse_byline(m.group("names"))
    item.body = caption[: m.start()].rstrip()
    date = DATE_RE.search(item.body)
    if date:
        item.event_date = _resolve_date(date.group(1), date.group(2), published)
    return item


def _open_dateline(text: str, item: ParsedArticle, published: datetime.date | None) -> str:
    """The first paragraph without its dateline; the dateline's names (unless the headline
    gave a byline), place and date go to ``item``."""
    dateline = read_dateline(text)
    if not item.byline:
        item.byline = dateline.names
    item.dateline_place = dateline.place
    rest = text[dateline.end :]
    if dateline.month:
        item.event_date = _resolve_date(dateline.month, dateline.day, published)
    else:
        item.event_date = _date_at_start(rest, published)
    return rest


def _open_bullet(text: str, item: ParsedArticle, published: datetime.date | None) -> str:
    """The first paragraph of a ◆ brief item without its bullet and lead-in; the lead-in
    (``◆ 标题：``, ``【标题】``) is the title unless the item has one."""
    text = BULLET_RE.sub("", text, count=1)
    lead_in = _LEAD_IN_RE.match(text)
    if lead_in and not item.title and len(text) > lead_in.end():
        item.title = (lead_in.group("a") or lead_in.group("b")).strip()
        text = text[lead_in.end() :]
    item.event_date = _date_at_start(text, published)
    return text


def _date_at_start(text: str, published: datetime.date | None) -> datetime.date | None:
    """The date of a ``M月D日`` opening ``text``, else None."""
    date = DATE_RE.match(text)
    return _resolve_date(date.group(1), date.group(2), published) if date else None
