"""Items: one ``ParsedArticle`` from a segment (``to_article``): kind, title, byline,
body and event date."""

from __future__ import annotations

import datetime
import re

from ..types import ArticleKind, ParsedArticle
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


#: A brief item's lead-in: ``◆ 绵阳启动春季植树：2月20日，…`` or ``【绵阳启动春季植树】…``.
_LEAD_IN_RE = re.compile(
    r"^(?:【(?P<a>[^】]{2,30})】|(?P<b>[^，,。；;：:、！？!?（(]{2,24})[：:])\s*"
)


def to_article(seg: Segment, published: datetime.date | None) -> ParsedArticle | None:
    """One item from a segment; None if it has neither body nor title.

    Kind: ``photo`` for a lone caption, ``feature`` for a headline with a subtitle or a
    ``◎`` byline, else ``news``. The byline is the headline's, else the dateline's,
    else one printed after the body.
    """
    head = seg.head
    paras = [p.text for p in seg.paras]
    item = ParsedArticle(position=0, kind=ArticleKind.NEWS)
    if head is not None:
        item.title = head.title
        item.title_prefix = head.title_prefix
        item.subtitle = head.subtitle
        item.byline = head.byline
        if head.marked or head.subtitle:
            item.kind = ArticleKind.FEATURE
    if seg.paras and seg.paras[0].kind == LineKind.CAPTION and len(seg.paras) == 1 and head is None:
        caption = paras[0]
        m = CREDIT_RE.search(caption)
        item.kind = ArticleKind.PHOTO
        item.byline = parse_byline(m.group("names"))
        item.body = caption[: m.start()].rstrip()
        date = DATE_RE.search(item.body)
        if date:
            item.event_date = _resolve_date(date.group(1), date.group(2), published)
        return item
    if seg.paras and seg.paras[0].kind == LineKind.DATELINE:
        dateline = read_dateline(paras[0])
        if not item.byline:
            item.byline = dateline.names
        item.dateline_place = dateline.place
        paras[0] = paras[0][dateline.end :]
        date = DATE_RE.match(paras[0])
        if dateline.month:
            item.event_date = _resolve_date(dateline.month, dateline.day, published)
        elif date:
            item.event_date = _resolve_date(date.group(1), date.group(2), published)
    elif seg.paras and seg.paras[0].kind == LineKind.BULLET:
        paras[0] = BULLET_RE.sub("", paras[0], count=1)
        lead_in = _LEAD_IN_RE.match(paras[0])
        if lead_in and not item.title and len(paras[0]) > lead_in.end():
            item.title = (lead_in.group("a") or lead_in.group("b")).strip()
            paras[0] = paras[0][lead_in.end() :]
        date = DATE_RE.match(paras[0])
        if date:
            item.event_date = _resolve_date(date.group(1), date.group(2), published)
    elif paras and item.kind != ArticleKind.PHOTO:
        date = DATE_RE.match(paras[0])  # 2月20日，… opening an item without a dateline
        if date:
            item.event_date = _resolve_date(date.group(1), date.group(2), published)
    if not item.byline and seg.trailer:
        item.byline = seg.trailer
    item.body = "\n".join(p.strip() for p in paras if p.strip())
    if not item.body and not item.title:
        return None
    return item
