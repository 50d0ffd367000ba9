"""Split a page's text (as a PDF text extraction gives it) into its items.

A page arrives as lines hard-wrapped at column width, with headlines, bylines, bodies
and photo captions in reading order only roughly: a headline can be printed far from
its body. Blank lines are not reliable (one can sit mid-sentence), so the evidence is:

- **line shape**: a paragraph ends on a line shorter than its column (the smaller of
  the median widths of the line with its 3 neighbours before and with its 3 after,
  CJK = 1 em, ASCII = 0.5 em) that ends with sentence-final punctuation (。！？… and
  closing quotes/brackets after them); a short line without commas or sentence
  punctuation that follows a sentence end is a one-line paragraph (an intertitle);
- **structure marks**: ``◎ name`` bylines and ``——`` subtitles (features),
  ``本报讯（names）`` datelines (news; half- or full-width brackets; 记者/通讯员 labels
  dropped), ``◆`` brief items (each its own news item), captions ending ``…… 名字摄``
  (photo: byline the photographer, no title);
- **headline blocks**: 1-4 short lines without 。/；, after a paragraph end, that lead to a
  subtitle, a byline or a dateline, or open with a place prefix (``四川南充市：``, or a
  line that is only place names, ``内蒙古乌海市``);
- **orphan headlines** (a block with no body after it) get the body whose lead names
  the block's place: the first paragraph of a body with no headline, else a paragraph
  inside another body whose first sentence names that place and not the host's own,
  nearest in page order first (see ``_assign_orphans``);
- **page furniture** (版次, 第N版, 责任编辑, 放大 缩小, date headers) is dropped.

Items come out in page order of their first printed line (headline, else body start),
``position`` 0-based. Region, topic and quantities are left at their defaults.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from .gazetteer import Gazetteer
from .normalize import normalize_text, text_width, to_simplified
from .types import ParsedArticle

__all__ = ["split_page", "parse_byline"]

_TERMINAL = "。！？!?…"
_CLOSERS = "”’」』）)》\"'"
_FULL_TOLERANCE = 1.5  # em short of the column that still counts as a full line

_FURNITURE_RE = re.compile(
    r"^(?:"
    r"第\s*[0-9０-９一二三四五六七八九十百]+\s*版.{0,20}"
    r"|.{0,12}版次[:：]?.{0,20}"
    r"|(?:责任|本版|美术|版式|执行|值班)编辑[:：]?.{0,20}"
    r"|(?:责任)?校对[:：].{0,20}"
    r"|放大\s*缩小(?:\s*默认)?"
    r"|(?:上一版|下一版|上一篇|下一篇|返回目录|返回主页)(?:\s+\S+){0,3}"
    r"|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:星期|周)[一二三四五六日天].{0,30}"
    r"|[A-Za-z]?\d{1,3}"
    r")$"
)
_BYLINE_RE = re.compile(r"^[◎⊙]\s*(.+)$")
_SUBTITLE_RE = re.compile(r"^(?:——|──|－－|--|—)\s*(.+)$")
_DATELINE_RE = re.compile(r"^本报讯\s*[（(]([^）)]{0,60})[）)]\s*")
_BULLET_RE = re.compile(r"^[◆◇■□●▲]\s*")
_CREDIT_RE = re.compile(
    r"(?:(?<=[。！？!?”’）)\s])|^)"
    r"[（(]?\s*(?P<names>(?:(?:本报)?(?:记者|通讯员|特约摄影|摄影)\s*)?"
    r"[\u4e00-\u9fff·]{2,4}(?:[\s、，,]+(?:(?:本报)?(?:记者|通讯员)\s*)?[\u4e00-\u9fff·]{2,4})*)"
    r"\s*[/／]?\s*摄\s*[）)]?$"
)
_DATE_RE = re.compile(r"([0-9０-９]{1,2})\s*月\s*([0-9０-９]{1,2})\s*日")
_ROLE_RE = re.compile(r"(?:本报)?(?:见习记者|特约记者|记者|通讯员|实习生|摄影)")
_ADMIN_SUFFIX_RE = re.compile(r"(?:省|市|县|区|州|旗|盟|镇|乡|街道|村)$")


@dataclass
class _Line:
    idx: int
    text: str
    width: float
    kind: str = "P"  # P body, B byline, S subtitle, D dateline, X bullet, C credit end
    full: bool = False


@dataclass
class _Head:
    """A headline block: its lines' texts and where it sits."""

    first: int  # index into the non-blank line list
    last: int
    title: str = ""
    title_prefix: str = ""
    subtitle: str = ""
    byline: str = ""
    places: list[str] = field(default_factory=list)  # most specific adcodes named


@dataclass
class _Para:
    lines: list[_Line]
    text: str = ""
    kind: str = "P"  # P, D (opens with dateline), X (bullet), C (photo caption)

    @property
    def first(self) -> int:
        return self.lines[0].idx


@dataclass
class _Segment:
    paras: list[_Para]
    head: _Head | None = None
    order: int = 0  # non-blank line index used for page order


def split_page(
    text: str,
    *,
    published: datetime.date | None = None,
    gazetteer: Gazetteer | None = None,
) -> list[ParsedArticle]:
    """Split page text into ``ParsedArticle`` items in page order.

    ``text`` is the decoded page (``normalize.decode_page``); line endings and NFC are
    normalized here. ``published`` (the issue date) gives the year for datelines'
    ``1月11日``; without it ``event_date`` is None. ``gazetteer`` (default
    ``Gazetteer.load()``) recognizes place prefixes and matches orphan headlines.
    Returns ``[]`` for a page with no text. Fills position, kind (news | feature | photo),
    title, title_prefix, subtitle, byline, body (paragraphs joined by ``\\n``, wrapped
    lines joined, characters as printed) and event_date.
    """
    gazetteer = gazetteer or Gazetteer.load()
    lines = _read_lines(text)
    if not lines:
        return []
    _mark_widths(lines)
    heads = _find_heads(lines, gazetteer)
    segments = _segments(lines, heads)
    segments = _assign_orphans(segments, heads, gazetteer)
    items = []
    for seg in sorted(segments, key=lambda s: s.order):
        item = _to_article(seg, published)
        if item is not None:
            items.append(item)
    for position, item in enumerate(items):
        item.position = position
    return items


# -- lines ---------------------------------------------------------------------------


def _read_lines(text: str) -> list[_Line]:
    """Non-blank, non-furniture lines, stripped, with their structural kind."""
    out: list[_Line] = []
    for raw in normalize_text(text).split("\n"):
        line = raw.strip().strip("\u3000").strip()
        if not line or _FURNITURE_RE.match(line):
            continue
        item = _Line(len(out), line, text_width(line))
        if _BYLINE_RE.match(line):
            item.kind = "B"
        elif _SUBTITLE_RE.match(line):
            item.kind = "S"
        elif _DATELINE_RE.match(line):
            item.kind = "D"
        elif _BULLET_RE.match(line):
            item.kind = "X"
        elif _CREDIT_RE.search(line):
            item.kind = "C"
        out.append(item)
    return out


def _mark_widths(lines: list[_Line]) -> None:
    """Flag lines that fill their column.

    The column is the smaller of two medians: of the line with the 3 lines before it,
    and with the 3 lines after it. Taking the smaller side keeps a body line that follows
    a wide caption (or precedes one) measured against its own column.
    """
    widths = [ln.width for ln in lines]
    for i, ln in enumerate(lines):
        before = sorted(widths[max(0, i - 3) : i + 1])
        after = sorted(widths[i : i + 4])
        column = min(before[len(before) // 2], after[len(after) // 2])
        ln.full = ln.width >= column - _FULL_TOLERANCE


def _ends_sentence(line: str) -> bool:
    """True if the line ends with sentence-final punctuation (closers allowed after)."""
    stripped = line.rstrip(_CLOSERS + " ")
    return bool(stripped) and stripped[-1] in _TERMINAL


def _head_like(ln: _Line) -> bool:
    """Could this line be part of a headline (short, no sentence punctuation)?"""
    t = ln.text
    return (
        ln.kind == "P"
        and len(t) <= 32
        and not any(ch in t for ch in "。；;")
        and not t.endswith(("，", ",", "、"))
        and not _ends_sentence(t)
    )


def _clean_break_before(lines: list[_Line], i: int) -> bool:
    """True if line ``i`` starts fresh: page start, or after a finished paragraph/mark."""
    if i == 0:
        return True
    prev = lines[i - 1]
    return prev.kind in ("B", "S", "C") or _ends_sentence(prev.text) or not prev.full


# -- headline blocks -----------------------------------------------------------------


def _place_prefix(text: str, gazetteer: Gazetteer) -> str | None:
    """The place part of ``四川南充市：`` / ``内蒙古乌海市`` lines, else None."""
    head, sep, _rest = text.partition("：")
    if not sep:
        head, sep, _rest = text.partition(":")
    candidate = head.strip() if sep else text.strip()
    if not candidate or len(candidate) > 16:
        return None
    compact = candidate.replace(" ", "")
    mentions = gazetteer.scan(to_simplified(compact))
    covered = sum(m.end - m.start for m in mentions)
    if mentions and covered == len(compact):
        return candidate
    if sep and _ADMIN_SUFFIX_RE.search(compact) and len(compact) <= 12:
        return candidate
    return None


def _find_heads(lines: list[_Line], gazetteer: Gazetteer) -> list[_Head]:
    """Headline blocks: head-like lines (1-4) [subtitle] [byline] with evidence."""
    heads: list[_Head] = []
    i, n = 0, len(lines)
    while i < n:
        ln = lines[i]
        starts_block = ln.kind in ("S", "B") or (_head_like(ln) and _clean_break_before(lines, i))
        if not starts_block:
            i += 1
            continue
        j = i
        title_lines: list[_Line] = []
        while j < n and len(title_lines) < 4 and _head_like(lines[j]):
            title_lines.append(lines[j])
            j += 1
        subtitle_lines: list[_Line] = []
        if j < n and lines[j].kind == "S":
            subtitle_lines.append(lines[j])
            j += 1
            while j < n and _head_like(lines[j]) and j + 1 < n and lines[j + 1].kind == "B":
                subtitle_lines.append(lines[j])
                j += 1
        byline = ""
        if j < n and lines[j].kind == "B":
            byline = parse_byline(_BYLINE_RE.match(lines[j].text).group(1))
            j += 1
        prefix = _place_prefix(title_lines[0].text, gazetteer) if title_lines else None
        before_dateline = j < n and lines[j].kind == "D"
        before_bullets = j < n and lines[j].kind == "X"
        colon_prefix = bool(prefix) and any(c in title_lines[0].text for c in "：:")
        place_line = bool(prefix) and not colon_prefix and len(title_lines) >= 2
        evidence = subtitle_lines or byline or before_dateline or colon_prefix or place_line
        if not title_lines and not (subtitle_lines or byline):
            i += 1
            continue
        if not evidence or before_bullets:
            i = max(j, i + 1) if not title_lines else i + len(title_lines)
            continue
        head = _Head(first=i, last=j - 1, byline=byline)
        texts = [t.text for t in title_lines]
        if prefix and colon_prefix:
            rest = re.split(r"[：:]", texts[0], maxsplit=1)[1].strip()
            head.title_prefix = prefix
            texts = ([rest] if rest else []) + texts[1:]
        elif place_line:
            head.title_prefix = prefix
            texts = texts[1:]
        head.title = "".join(texts)
        if subtitle_lines:
            first = _SUBTITLE_RE.match(subtitle_lines[0].text).group(1)
            head.subtitle = "".join([first] + [s.text for s in subtitle_lines[1:]]).strip()
        head.places = _specific_places(
            " ".join([head.title_prefix, head.title, head.subtitle]), gazetteer
        )
        heads.append(head)
        i = j
    return heads


def _specific_places(text: str, gazetteer: Gazetteer) -> list[str]:
    """The most specific unambiguous adcodes named in ``text`` (ancestors dropped)."""
    codes: list[str] = []
    for m in gazetteer.scan(to_simplified(text)):
        if len(m.candidates) == 1 and not m.risky and m.candidates[0] not in codes:
            codes.append(m.candidates[0])
    ancestors = {a for c in codes for a in gazetteer.ancestors(c)}
    return [c for c in codes if c not in ancestors]


# -- paragraphs and segments ---------------------------------------------------------


def _paragraphs(lines: list[_Line]) -> list[_Para]:
    """Group body lines into paragraphs by line shape and structure marks."""
    paras: list[_Para] = []
    current: list[_Line] = []
    prev_closed = True

    def close() -> None:
        nonlocal current
        if current:
            paras.append(_Para(current))
        current = []

    prev_sentence_end = True
    for ln in lines:
        # an intertitle: a short line without sentence punctuation after a sentence end
        one_line = (
            ln.kind == "P"
            and not ln.full
            and (prev_closed or prev_sentence_end)
            and not _ends_sentence(ln.text)
            and not any(ch in ln.text for ch in "，,、；;。")
        )
        if ln.kind in ("D", "X") or one_line:
            close()
        current.append(ln)
        ends = _ends_sentence(ln.text) and not ln.full
        if ln.kind == "C" or ends or one_line:
            close()
            prev_closed = True
        else:
            prev_closed = False
        prev_sentence_end = _ends_sentence(ln.text)
    close()
    for p in paras:
        first = p.lines[0]
        p.kind = first.kind if first.kind in ("D", "X") else "P"
        if p.lines[-1].kind == "C" and p.kind != "D":
            p.kind = "C" if p.kind == "P" else p.kind
        p.text = "".join(ln.text for ln in p.lines)
    return paras


def _segments(lines: list[_Line], heads: list[_Head]) -> list[_Segment]:
    """Cut the page into bodies: at headline blocks, datelines, bullets and captions."""
    head_at = {h.first: h for h in heads}
    segments: list[_Segment] = []
    body: list[_Line] = []
    pending: _Head | None = None

    def flush_body() -> None:
        nonlocal body, pending
        if not body:
            return
        paras = _paragraphs(body)
        body = []
        current: _Segment | None = None
        for para in paras:
            new = current is None or para.kind in ("D", "X", "C") or current.paras[-1].kind == "C"
            if current is not None and current.paras[-1].kind == "X" and para.kind == "P":
                new = False  # a brief item wrapped onto further lines
            if new:
                head = pending if pending is not None and para.kind != "C" else None
                if pending is not None:
                    if head is None:  # a headline over a photo caption has lost its body
                        segments.append(_Segment([], head=pending, order=pending.first))
                    pending = None
                current = _Segment([para], head=head, order=head.first if head else para.first)
                segments.append(current)
            else:
                current.paras.append(para)
        # a bare column heading straight before brief items (要闻简报) is not an item
        drop = [
            k
            for k, seg in enumerate(segments[:-1])
            if seg.head is None
            and len(seg.paras) == 1
            and seg.paras[0].kind == "P"
            and len(seg.paras[0].lines) == 1
            and _head_like(seg.paras[0].lines[0])
            and segments[k + 1].paras[0].kind == "X"
        ]
        for k in reversed(drop):
            del segments[k]

    i = 0
    while i < len(lines):
        head = head_at.get(i)
        if head is not None:
            flush_body()
            if pending is not None:
                segments.append(_Segment([], head=pending, order=pending.first))
            pending = head
            i = head.last + 1
            continue
        body.append(lines[i])
        i += 1
    flush_body()
    if pending is not None:
        segments.append(_Segment([], head=pending, order=pending.first))
    return segments


# -- orphan headlines ----------------------------------------------------------------


def _lead(text: str, limit: int = 80) -> str:
    """First sentence of a paragraph (without the dateline), at most ``limit`` chars."""
    m = _DATELINE_RE.match(text)
    if m:
        text = text[m.end() :]
    cut = re.search(r"[。！？!?]", text)
    return text[: cut.end() if cut else limit][:limit]


def _names_place(text: str, places: list[str], gazetteer: Gazetteer) -> bool:
    """True if ``text`` names one of ``places`` or a division inside one of them."""
    if not places:
        return False
    for m in gazetteer.scan(to_simplified(text)):
        if m.risky:
            continue
        for code in m.candidates:
            if code in places or any(a in places for a in gazetteer.ancestors(code)):
                return True
    return False


def _assign_orphans(
    segments: list[_Segment], heads: list[_Head], gazetteer: Gazetteer
) -> list[_Segment]:
    """Give each headline without a body the body its place names point to.

    Candidates, best first: (3) the first paragraph of a headless body whose lead names
    the headline's place; (2) a paragraph inside another body, after a finished
    paragraph, whose lead names the place but not the host headline's own places;
    (1) a headless body that names no place at all, in page order. Ties go to the
    candidate nearest the headline in page order. The host body is cut there.
    """
    orphans = [s for s in segments if s.head is not None and not s.paras]
    if not orphans:
        return segments
    taken: set[int] = set()
    for orphan in orphans:
        head = orphan.head
        best: tuple[int, int, _Segment, int] | None = None
        for seg in segments:
            if seg is orphan or not seg.paras or id(seg) in taken:
                continue
            if seg.paras[0].kind == "C":
                continue
            for k, para in enumerate(seg.paras):
                if k > 0 and (seg.paras[k - 1].kind == "C" or para.kind in ("C", "X")):
                    continue
                if k == 0 and seg.head is not None:
                    continue
                lead = _lead(para.text)
                names = _names_place(lead, head.places, gazetteer)
                if k == 0:
                    score = 3 if names else (1 if not _specific_places(lead, gazetteer) else 0)
                else:
                    host = seg.head.places if seg.head else []
                    own = _names_place(lead, host, gazetteer) if host else False
                    score = 2 if names and not own else 0
                if score == 0:
                    continue
                distance = abs(para.first - head.first)
                if best is None or (score, -distance) > (best[0], -best[1]):
                    best = (score, distance, seg, k)
        if best is None:
            continue
        _score, _dist, host, k = best
        if k == 0:
            orphan.paras = host.paras
            segments.remove(host)
        else:
            orphan.paras = host.paras[k:]
            host.paras = host.paras[:k]
        taken.add(id(orphan))
    return segments


# -- items ---------------------------------------------------------------------------


def parse_byline(raw: str) -> str:
    """Names from a byline or dateline bracket, space-separated, role labels dropped.

    ``记者 王某 李某`` -> ``王某 李某``; ``苑长军 马祎颖`` unchanged; separators 、，, and
    full-width spaces become single spaces.
    """
    text = _ROLE_RE.sub(" ", raw)
    text = re.sub(r"[、，,;；/／\s\u3000]+", " ", text)
    return text.strip()


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


def _to_article(seg: _Segment, published: datetime.date | None) -> ParsedArticle | None:
    head = seg.head
    paras = [p.text for p in seg.paras]
    item = ParsedArticle(position=0, kind="news")
    if head is not None:
        item.title = head.title
        item.title_prefix = head.title_prefix
        item.subtitle = head.subtitle
        item.byline = head.byline
        if head.byline or head.subtitle:
            item.kind = "feature"
    if seg.paras and seg.paras[0].kind == "C" and len(seg.paras) == 1 and head is None:
        caption = paras[0]
        m = _CREDIT_RE.search(caption)
        item.kind = "photo"
        item.byline = parse_byline(m.group("names"))
        item.body = caption[: m.start()].rstrip()
        date = _DATE_RE.search(item.body)
        if date:
            item.event_date = _resolve_date(date.group(1), date.group(2), published)
        return item
    if seg.paras and seg.paras[0].kind == "D":
        m = _DATELINE_RE.match(paras[0])
        if not item.byline:
            item.byline = parse_byline(m.group(1))
        paras[0] = paras[0][m.end() :]
        date = _DATE_RE.match(paras[0])
        if date:
            item.event_date = _resolve_date(date.group(1), date.group(2), published)
    elif seg.paras and seg.paras[0].kind == "X":
        paras[0] = _BULLET_RE.sub("", paras[0], count=1)
    item.body = "\n".join(p.strip() for p in paras if p.strip())
    if not item.body and not item.title:
        return None
    return item
