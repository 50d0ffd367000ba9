"""Split a page's text (a PDF text extraction, or text saved from the web) into items.

A PDF page arrives as lines hard-wrapped at column width, with headlines, bylines,
bodies and photo captions in reading order only roughly: a headline can be printed far
from its body. Blank lines are not reliable (one can sit mid-sentence), so the evidence is:

- **hard wrapping**, decided per body block (``_hard_wrapped``): the block is
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
  ``□ 记者 王五``, ``文/图 王五``: a role label or credit is needed except after ◎/⊙),
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
  nearest in page order first (see ``_assign_orphans``);
- **page furniture** (版次, 第N版, 责任编辑, 放大 缩小, date headers) and column rubrics
  (图片新闻, 要闻简报, 简讯 ...) are dropped.

Items come out in page order of their first printed line (headline, else body start),
``position`` 0-based. Region, topic and quantities are left at their defaults.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from ..text import to_simplified
from .gazetteer import Gazetteer
from .normalize import normalize_text, text_width
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
    r"|[（(]\s*上?接(?:第\s*)?[0-9０-９一二三四五六七八九十]+\s*版\s*[）)]"
    r")$"
)
_SUBTITLE_RE = re.compile(r"^(?:——|──|－－|--|—)\s*(.+)$")
_BULLET_RE = re.compile(r"^[◆◇■□●▲]\s*")
_CREDIT_RE = re.compile(
    r"(?:(?<=[。！？!?”’）)\s])|^)"
    r"[（(]?\s*(?P<names>(?:(?:本报)?(?:记者|通讯员|特约摄影|摄影)\s*)?"
    r"[\u4e00-\u9fff·]{2,4}(?:[\s、，,]+(?:(?:本报)?(?:记者|通讯员)\s*)?[\u4e00-\u9fff·]{2,4})*)"
    r"\s*[/／]?\s*摄\s*[）)]?$"
)
_NAME = r"[\u4e00-\u9fff·]{2,4}"
#: Role labels printed before reporters' names (dropped from bylines).
_ROLE = (
    r"(?:本报|新华社|中新社|本台)?"
    r"(?:见习记者|特约记者|首席记者|摄影记者|记者|特约通讯员|通讯员|实习生|摄影|撰稿)"
)
#: ``文/图``, ``文/``, ``图：`` credit prefixes of a byline line.
_CREDIT_PREFIX = r"(?:[文图]\s*[/／·、]\s*[文图]\s*[/／:：]?|[文图]\s*[/／:：])"
_BYLINE_LINE_RE = re.compile(
    rf"^(?P<mark>[◎⊙■□●▲]\s*)?(?P<credit>{_CREDIT_PREFIX})?\s*"
    rf"(?P<names>(?:{_ROLE}\s*)?{_NAME}(?:[\s\u3000、，,]+(?:{_ROLE}\s*)?{_NAME})*)"
    r"\s*(?:报道)?$"
)
#: A byline printed on its own line in brackets after a body: ``（记者 王五）``,
#: ``（本报记者 王五 通讯员 孙七）``, ``(记者 王五)``, or bare names ``（王五 孙七）``.
_BRACKETED_BYLINE_RE = re.compile(
    rf"^[（(]\s*(?P<names>(?:{_ROLE}\s*)?{_NAME}(?:[\s\u3000、，,]+(?:{_ROLE}\s*)?{_NAME})*)"
    r"\s*[）)]$"
)
#: Bare bracketed names: 2-4 hanzi names separated by spaces only.
_BARE_NAMES_RE = re.compile(rf"^{_NAME}(?:[ \u3000]+{_NAME})*$")
#: Bracketed editorial notes of 2-4 hanzi that are no names (``（待续）``, ``（全文完）``).
_NOTES = frozenset(
    "待续 未完 未完待续 全文完 续完 完结 连载 摘编 摘录 节选 编者按 编后 编后语 附表 附件 附图 "
    "图文 图片 原创 转载 来源 供稿 整理 有删节 评论员 新华社 中新社 据新华社 据中新社".split()
)
_NUMERALS_RE = re.compile(r"^[一二三四五六七八九十百千零〇两]+$")
#: Words that follow 记者 in column headings (记者手记, 记者观察), never a name.
_NOT_NAMES = frozenset("手记 观察 调查 探访 走访 体验 札记 视点 一线 在线 来信 感言 连线".split())
#: A role-labelled credit in brackets closing a body line: ``…开展。（记者 王五 通讯员 赵六）``.
_TRAILING_CREDIT_RE = re.compile(
    rf"(?<=[。！？!?”’])\s*[（(]\s*(?P<names>{_ROLE}\s*{_NAME}"
    rf"(?:[\s\u3000、，,]+(?:{_ROLE}\s*)?{_NAME})*)\s*[）)]$"
)
#: End marks printed after an item: ``（完）``, ``（待续）``, ``（责任编辑：李四）``,
#: ``【编辑：李四】``, and jump lines ``（下转第2版）`` (the item goes on elsewhere).
_END_MARK_RE = re.compile(
    r"\s*[（(【\[]\s*(?:完|全文完|未完待续|待续|(?:责任|本版|值班)?编辑[:：][^）)】\]]{0,20}"
    r"|下?转(?:第\s*)?[0-9０-９一二三四五六七八九十]+\s*版)\s*[）)】\]]$"
)
#: Column rubrics printed over a group of items; they are no item's headline.
_RUBRIC_RE = re.compile(
    r"^(?:图片新闻|新闻图片|图片报道|要闻简报|新闻简报|新闻速递|简讯|快讯|短讯|一周要闻|"
    r"本版导读|导读|资讯|动态|地方动态|基层动态)$"
)
#: Local datelines: ``本报讯（names）``, ``本报讯 记者王五 通讯员赵六``, bare ``本报讯``.
_LOCAL_DATELINE_RE = re.compile(
    r"^本报讯\s*(?:[（(](?P<names>[^）)]{0,60})[）)]"
    rf"|(?P<bare>(?:{_ROLE}\s*{_NAME}?"
    rf"(?=[\s\u3000]|[0-9０-９]|{_ROLE}|近日|日前|昨天|昨日|今天|今年|目前|$)\s*)+))?"
    r"[\s\u3000]*"
)
#: Agency and place datelines: ``新华社成都2月20日电（记者王五）``, ``本报成都2月20日讯``.
_AGENCY_DATELINE_RE = re.compile(
    r"^(?P<agency>新华社|中新社|中新网|人民网|央视网|央广网|光明网|中国日报网|本报)"
    r"(?P<place>[\u4e00-\u9fff]{2,10}?)\s*"
    r"(?P<month>[0-9０-９]{1,2})\s*月\s*(?P<day>[0-9０-９]{1,2})\s*日\s*(?:电|讯)"
    r"\s*(?:[（(](?P<names>[^）)]{0,60})[）)])?[\s\u3000]*"
)
_DATE_RE = re.compile(r"([0-9０-９]{1,2})\s*月\s*([0-9０-９]{1,2})\s*日")
_ROLE_RE = re.compile(r"(?:本报)?(?:见习记者|特约记者|记者|通讯员|实习生|摄影)")
_ADMIN_SUFFIX_RE = re.compile(r"(?:省|市|县|区|州|旗|盟|镇|乡|街道|村)$")


@dataclass
class _Line:
    idx: int
    text: str
    width: float
    kind: str = "P"  # P body, B byline, T trailing byline, S subtitle, D dateline, X bullet,
    # C credit end
    full: bool = False
    blank_before: bool = False  # a blank line (or page start) precedes it
    indent: bool = False  # printed with a paragraph indent (full-width or 2+ spaces)
    item_end: bool = False  # an end mark (（完）, （责任编辑：…）) closed it


@dataclass
class _Head:
    """A headline block: its lines' texts and where it sits."""

    first: int  # index into the non-blank line list
    last: int
    title: str = ""
    title_prefix: str = ""
    subtitle: str = ""
    byline: str = ""
    marked: bool = False  # the byline is a feature's ◎/⊙ byline
    places: list[str] = field(default_factory=list)  # most specific adcodes named


@dataclass
class _Para:
    lines: list[_Line]
    text: str = ""
    kind: str = "P"  # P, D (opens with dateline), X (bullet), C (photo caption), T (byline)

    @property
    def first(self) -> int:
        return self.lines[0].idx


@dataclass
class _Segment:
    paras: list[_Para]
    head: _Head | None = None
    order: int = 0  # non-blank line index used for page order
    trailer: str = ""  # names of a byline printed after the body


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


@dataclass
class _Dateline:
    """A dateline opening a body: where the body starts and what it says."""

    end: int
    names: str = ""  # reporters, role labels dropped
    place: str = ""  # 成都 in 新华社成都2月20日电
    month: str = ""
    day: str = ""


def _dateline(text: str) -> _Dateline | None:
    """The dateline at the start of ``text``, or None.

    Forms: ``本报讯（记者 王五 通讯员 赵六）``, ``本报讯 记者王五 2月20日，…``, bare
    ``本报讯 2月20日，…``, and agency/place datelines ``新华社成都2月20日电（记者王五）``,
    ``本报成都2月20日讯``.
    """
    m = _AGENCY_DATELINE_RE.match(text)
    if m:
        return _Dateline(
            m.end(), parse_byline(m.group("names") or ""), m.group("place"),
            m.group("month"), m.group("day"),
        )  # fmt: skip
    m = _LOCAL_DATELINE_RE.match(text)
    if m:
        return _Dateline(m.end(), parse_byline(m.group("names") or m.group("bare") or ""))
    return None


def _byline_line(text: str) -> str | None:
    """The names of a line that is only a byline, else None.

    A byline line is names (2-4 hanzi each) with at least one sign that they are names:
    a ``◎``/``⊙`` mark, a role label (``本报记者``, ``通讯员``) or a ``文/图`` credit; ``■ □ ●``
    marks need a role or credit too (they also mark brief items).

    A line that is only a bracketed byline (``（记者 王五）``, ``(本报记者 王五 通讯员 孙七)``)
    counts too; bare names in brackets (``（王五）``, ``（王五 孙七）``) count only when every
    part is a 2-4 hanzi name separated by spaces, so ``（完）``, ``（待续）``, ``（二十）`` and
    ``（下转第2版）`` are no byline.
    """
    bracketed = _BRACKETED_BYLINE_RE.match(text)
    if bracketed:
        return _bracketed_names(bracketed.group("names"))
    m = _BYLINE_LINE_RE.match(text)
    if not m:
        return None
    names = m.group("names")
    mark = (m.group("mark") or "").strip()
    labelled = bool(m.group("credit")) or bool(_ROLE_RE.search(names))
    if not (labelled or mark in ("◎", "⊙")):
        return None
    parsed = parse_byline(names)
    if not parsed or any(n in _NOT_NAMES for n in parsed.split()):
        return None
    return parsed


def _bracketed_names(names: str) -> str | None:
    """Names of a bracketed byline's inside (``记者 王五``, ``王五 孙七``), else None.

    Role-labelled names are always a byline; bare ones need every part to be a 2-4 hanzi
    name (no numerals, no editorial note from ``_NOTES``) separated by spaces only.
    """
    if not _ROLE_RE.search(names):
        if not _BARE_NAMES_RE.match(names):
            return None
        parts = names.split()
        if any(p in _NOTES or _NUMERALS_RE.match(p) for p in parts):
            return None
    parsed = parse_byline(names)
    if not parsed or any(n in _NOT_NAMES or n in _NOTES for n in parsed.split()):
        return None
    return parsed


def _read_lines(text: str) -> list[_Line]:
    """Non-blank, non-furniture lines, stripped, with their structural kind.

    End marks (``（完）``, ``（责任编辑：…）``) are cut off the line they close, which is
    flagged ``item_end``; a bracketed credit closing a line (``…。（记者 王五）``) becomes
    a trailing-byline line of its own.
    """
    out: list[_Line] = []
    blank = True
    for raw in normalize_text(text).split("\n"):
        indent = raw.startswith(("\u3000", "  ", "\t")) and bool(raw.strip())
        line = raw.strip().strip("\u3000").strip()
        end_mark = _END_MARK_RE.search(line)
        if end_mark:
            line = line[: end_mark.start()].rstrip()
            if not line and out:
                out[-1].item_end = True
        if not line or _FURNITURE_RE.match(line) or _RUBRIC_RE.match(line):
            blank = blank or not line
            continue
        credit = _TRAILING_CREDIT_RE.search(line)
        if credit:
            line = line[: credit.start()].rstrip()
        item = _Line(len(out), line, text_width(line), blank_before=blank, indent=indent)
        item.item_end = bool(end_mark) and not credit
        blank = False
        if _byline_line(line) is not None:
            item.kind = "B"
        elif _SUBTITLE_RE.match(line):
            item.kind = "S"
        elif _dateline(line) is not None:
            item.kind = "D"
        elif _BULLET_RE.match(line):
            item.kind = "X"
        elif _CREDIT_RE.search(line):
            item.kind = "C"
        out.append(item)
        if credit:
            names = credit.group("names")
            trailer = _Line(len(out), names, text_width(names), kind="T")
            trailer.item_end = bool(end_mark)
            out.append(trailer)
    return out


def _mark_widths(lines: list[_Line]) -> None:
    """Flag lines that fill their column.

    The column is the smaller of two medians: of the line with the 3 lines before it,
    and with the 3 lines after it. Taking the smaller side keeps a body line that follows
    a wide caption (or precedes one) measured against its own column. The page's first
    line has nothing before it and is measured against the lines after it only.
    """
    widths = [ln.width for ln in lines]
    for i, ln in enumerate(lines):
        before = sorted(widths[max(0, i - 3) : i + 1])
        after = sorted(widths[i : i + 4])
        column = (
            after[len(after) // 2]
            if i == 0
            else min(before[len(before) // 2], after[len(after) // 2])
        )
        ln.full = ln.width >= column - _FULL_TOLERANCE


def _ends_sentence(line: str) -> bool:
    """True if the line ends with sentence-final punctuation (closers allowed after).

    A full stop ``.`` ends a sentence after a Latin letter (English text), not after a
    digit (``14.`` of a wrapped ``14.99``)."""
    stripped = line.rstrip(_CLOSERS + " ")
    if stripped.endswith(".") and len(stripped) > 1:
        return stripped[-2].isascii() and stripped[-2].isalpha()  # English, not 1.5
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
    return (
        prev.kind in ("B", "T", "S", "C")
        or prev.item_end
        or _ends_sentence(prev.text)
        or not prev.full
    )


def _item_start(lines: list[_Line], i: int) -> bool:
    """True if line ``i`` must start an item: page start, after a byline that closed
    the item before, or after an end mark (（完）)."""
    return i == 0 or lines[i - 1].kind == "T" or lines[i - 1].item_end


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
        if ln.kind == "B" and i > 0 and not (heads and heads[-1].last == i - 1):
            ln.kind = "T"  # a byline after a body closes that body (and its item)
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
        marked = False
        if j < n and lines[j].kind == "B":
            byline = _byline_line(lines[j].text) or ""
            marked = lines[j].text.startswith(("◎", "⊙"))
            j += 1
        inline_subtitle = ""
        if title_lines and not subtitle_lines:
            # 主题——副题 printed on one line
            main, dash, sub = title_lines[-1].text.partition("——")
            if dash and main.strip() and sub.strip():
                inline_subtitle = sub.strip()
        prefix = _place_prefix(title_lines[0].text, gazetteer) if title_lines else None
        before_dateline = j < n and lines[j].kind == "D"
        before_bullets = j < n and lines[j].kind == "X"
        colon_prefix = bool(prefix) and any(c in title_lines[0].text for c in "：:")
        place_line = bool(prefix) and not colon_prefix and len(title_lines) >= 2
        # a headline opening an item (page start, after a closing byline or （完）) that
        # stands apart from the prose under it by a blank line or an indent
        opens_item = (
            bool(title_lines)
            and _item_start(lines, i)
            and j < n
            and lines[j].kind in ("P", "C")
            and (lines[j].blank_before or lines[j].indent)
            and not _head_like(lines[j])
        )
        evidence = (
            subtitle_lines
            or inline_subtitle
            or byline
            or before_dateline
            or colon_prefix
            or place_line
            or opens_item
        )
        if not title_lines and not (subtitle_lines or byline):
            i += 1
            continue
        if not evidence or before_bullets:
            i = max(j, i + 1) if not title_lines else i + len(title_lines)
            continue
        head = _Head(first=i, last=j - 1, byline=byline, marked=marked)
        texts = [t.text for t in title_lines]
        if inline_subtitle:
            texts[-1] = texts[-1].partition("——")[0].strip()
            head.subtitle = inline_subtitle
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


def _hard_wrapped(lines: list[_Line]) -> bool:
    """Decide whether a body block's lines are hard-wrapped at a column width.

    The rule (line shape and length together): look at the block's prose lines (P, D,
    X) except the last. A line that *fills its column* (``_mark_widths``: within 1.5 em
    of the local median width) and still *breaks mid-sentence* (does not end with
    。！？!?….：, closers allowed) can only be a wrapped line. The block is hard-wrapped
    when at least one such line exists and they are at least 20% of those lines.
    Otherwise every line is a whole paragraph (pages saved from the web or a word
    processor: one line per paragraph, blank lines or indents between them), whose
    lines end with sentence punctuation or are short intertitles. A block of one line
    is trivially either.
    """
    candidates = [ln for ln in lines[:-1] if ln.kind in ("P", "D", "X")]
    if not candidates:
        return True
    breaking = [
        ln
        for ln in candidates
        if ln.full and not _ends_sentence(ln.text) and not ln.text.endswith(("：", ":"))
    ]
    return bool(breaking) and len(breaking) >= 0.2 * len(candidates)


def _paragraphs(lines: list[_Line]) -> list[_Para]:
    """Group body lines into paragraphs by line shape and structure marks.

    In a hard-wrapped block (``_hard_wrapped``) lines join until a paragraph end: a
    short line ending a sentence, a line ending a sentence before a blank line, a
    one-line intertitle, an indented line (which starts
    a paragraph), a mark (dateline, bullet, caption credit, byline) or an end mark. In a
    block that is not hard-wrapped each line is a paragraph.
    """
    paras: list[_Para] = []
    current: list[_Line] = []
    prev_closed = True
    wrapped = _hard_wrapped(lines)

    def close() -> None:
        nonlocal current
        if current:
            paras.append(_Para(current))
        current = []

    prev_sentence_end = True
    for k, ln in enumerate(lines):
        blank_after = k + 1 < len(lines) and lines[k + 1].blank_before
        # an intertitle: a short line without sentence punctuation after a sentence end
        one_line = (
            ln.kind == "P"
            and not ln.full
            and (prev_closed or prev_sentence_end)
            and not _ends_sentence(ln.text)
            and not any(ch in ln.text for ch in "，,、；;。")
        )
        if ln.kind in ("D", "X", "T") or one_line or ln.indent:
            close()
        current.append(ln)
        # a blank line alone is no paragraph end (one can sit mid-sentence), but after a
        # sentence end it is, even when the line fills its column
        ends = _ends_sentence(ln.text) and (not ln.full or blank_after)
        if not wrapped or ln.kind in ("C", "T") or ends or one_line or ln.item_end:
            close()
            prev_closed = True
        else:
            prev_closed = False
        prev_sentence_end = _ends_sentence(ln.text)
    close()
    for p in paras:
        first = p.lines[0]
        p.kind = first.kind if first.kind in ("D", "X", "T") else "P"
        if p.lines[-1].kind == "C" and p.kind != "D":
            p.kind = "C" if p.kind == "P" else p.kind
        p.text = _join(p.lines)
    return paras


_ASCII_WORD_END = re.compile(r"[A-Za-z,.;:!?)\"']$")
_ASCII_WORD_START = re.compile(r"^[A-Za-z(\"']")


def _join(lines: list[_Line]) -> str:
    """Join wrapped lines: directly for CJK, with a space between two Latin words."""
    out = ""
    for ln in lines:
        if out and _ASCII_WORD_END.search(out) and _ASCII_WORD_START.match(ln.text):
            out += " "
        out += ln.text
    return out


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
        closed = False  # the current item ended (closing byline, end mark)
        for para in paras:
            if para.kind == "T":
                if current is None:  # a byline with no body before it in this block
                    current = _Segment([], order=para.first)
                    segments.append(current)
                if not current.trailer:
                    current.trailer = _byline_line(para.text) or parse_byline(para.text)
                closed = True
                continue
            new = (
                current is None
                or closed
                or para.kind in ("D", "X", "C")
                or current.paras[-1].kind == "C"
            )
            if (
                not closed
                and current is not None
                and current.paras[-1].kind == "X"
                and para.kind == "P"
            ):
                new = False  # a brief item wrapped onto further lines
            closed = para.lines[-1].item_end
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
        segments[:] = [seg for seg in segments if seg.paras or seg.head or seg.trailer]
        # a bare column heading straight before brief items (要闻简报) is not an item
        drop = [
            k
            for k, seg in enumerate(segments[:-1])
            if seg.head is None
            and len(seg.paras) == 1
            and seg.paras[0].kind == "P"
            and len(seg.paras[0].lines) == 1
            and _head_like(seg.paras[0].lines[0])
            and segments[k + 1].paras
            and segments[k + 1].paras[0].kind in ("X", "C")
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
    dateline = _dateline(text)
    if dateline:
        text = text[dateline.end :]
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
        orphan.trailer, host.trailer = host.trailer, ""  # a closing byline ends the body
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


#: A brief item's lead-in: ``◆ 绵阳启动春季植树：2月20日，…`` or ``【绵阳启动春季植树】…``.
_LEAD_IN_RE = re.compile(
    r"^(?:【(?P<a>[^】]{2,30})】|(?P<b>[^，,。；;：:、！？!?（(]{2,24})[：:])\s*"
)


def _to_article(seg: _Segment, published: datetime.date | None) -> ParsedArticle | None:
    """One item from a segment; None if it has neither body nor title.

    Kind: ``photo`` for a lone caption, ``feature`` for a headline with a subtitle or a
    ``◎`` byline, else ``news``. The byline is the headline's, else the dateline's,
    else one printed after the body.
    """
    head = seg.head
    paras = [p.text for p in seg.paras]
    item = ParsedArticle(position=0, kind="news")
    if head is not None:
        item.title = head.title
        item.title_prefix = head.title_prefix
        item.subtitle = head.subtitle
        item.byline = head.byline
        if head.marked or head.subtitle:
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
        dateline = _dateline(paras[0])
        if not item.byline:
            item.byline = dateline.names
        item.dateline_place = dateline.place
        paras[0] = paras[0][dateline.end :]
        date = _DATE_RE.match(paras[0])
        if dateline.month:
            item.event_date = _resolve_date(dateline.month, dateline.day, published)
        elif date:
            item.event_date = _resolve_date(date.group(1), date.group(2), published)
    elif seg.paras and seg.paras[0].kind == "X":
        paras[0] = _BULLET_RE.sub("", paras[0], count=1)
        lead_in = _LEAD_IN_RE.match(paras[0])
        if lead_in and not item.title and len(paras[0]) > lead_in.end():
            item.title = (lead_in.group("a") or lead_in.group("b")).strip()
            paras[0] = paras[0][lead_in.end() :]
        date = _DATE_RE.match(paras[0])
        if date:
            item.event_date = _resolve_date(date.group(1), date.group(2), published)
    elif paras and item.kind != "photo":
        date = _DATE_RE.match(paras[0])  # 2月20日，… opening an item without a dateline
        if date:
            item.event_date = _resolve_date(date.group(1), date.group(2), published)
    if not item.byline and seg.trailer:
        item.byline = seg.trailer
    item.body = "\n".join(p.strip() for p in paras if p.strip())
    if not item.body and not item.title:
        return None
    return item
