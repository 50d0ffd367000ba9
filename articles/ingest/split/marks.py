"""Structure marks of a printed page: furniture, rubrics, bylines, datelines, credits,
end marks, and what ends a sentence. Regexes and small readers over one line's text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..vocabulary import CLOSERS, LINE_SENTENCE_ENDS, SENTENCE_FINAL, escaped

FULL_TOLERANCE = 1.5  # em short of the column that still counts as a full line

FURNITURE_RE = re.compile(
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
SUBTITLE_RE = re.compile(r"^(?:——|──|－－|--|—)\s*(.+)$")
BULLET_RE = re.compile(r"^[◆◇■□●▲]\s*")
CREDIT_RE = re.compile(
    rf"(?:(?<=[{escaped(SENTENCE_FINAL)}”’）)\s])|^)"
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
#: A number or Latin tag printed straight after a name or a role label (``张三1``,
#: ``记者1``, ``王五A``): a byline is still a byline with one.
_TAG = r"[0-9０-９A-Za-z]"
#: One credited person: an optional role label, a 2-4 hanzi name and an optional tag
#: (``本报记者 张三1``), or a role label with only a tag (``记者1``).
_PERSON = rf"(?:(?:{_ROLE}\s*)?{_NAME}{_TAG}{{0,4}}|{_ROLE}\s*{_TAG}{{1,4}})"
#: The names part of a byline: persons separated by spaces or 、，,
_PEOPLE = rf"{_PERSON}(?:[\s\u3000、，,]+{_PERSON})*"
#: ``文/图``, ``文/``, ``图：`` credit prefixes of a byline line.
_CREDIT_PREFIX = r"(?:[文图]\s*[/／·、]\s*[文图]\s*[/／:：]?|[文图]\s*[/／:：])"
_BYLINE_LINE_RE = re.compile(
    rf"^(?P<mark>[◎⊙■□●▲]\s*)?(?P<credit>{_CREDIT_PREFIX})?\s*"
    rf"(?P<names>{_PEOPLE})"
    r"\s*(?:报道)?$"
)
#: A byline printed on its own line in brackets after a body: ``（记者 王五）``,
#: ``（本报记者 王五 通讯员 孙七）``, ``(记者 王五)``, or bare names ``（王五 孙七）``.
_BRACKETED_BYLINE_RE = re.compile(
    rf"^[（(]\s*(?P<names>{_PEOPLE})"
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
TRAILING_CREDIT_RE = re.compile(
    rf"(?<=[{escaped(SENTENCE_FINAL)}”’])\s*[（(]\s*(?P<names>{_ROLE}\s*{_NAME}{_TAG}{{0,4}}"
    rf"(?:[\s\u3000、，,]+{_PERSON})*)\s*[）)]$"
)
#: End marks printed after an item: ``（完）``, ``（待续）``, ``（责任编辑：李四）``,
#: ``【编辑：李四】``, and jump lines ``（下转第2版）`` (the item goes on elsewhere).
END_MARK_RE = re.compile(
    r"\s*[（(【\[]\s*(?:完|全文完|未完待续|待续|(?:责任|本版|值班)?编辑[:：][^）)】\]]{0,20}"
    r"|下?转(?:第\s*)?[0-9０-９一二三四五六七八九十]+\s*版)\s*[）)】\]]$"
)
#: Column rubrics printed over a group of items; they are no item's headline.
RUBRIC_RE = re.compile(
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
DATE_RE = re.compile(r"([0-9０-９]{1,2})\s*月\s*([0-9０-９]{1,2})\s*日")
ROLE_RE = re.compile(r"(?:本报)?(?:见习记者|特约记者|记者|通讯员|实习生|摄影)")
#: A role label ``parse_byline`` drops: not one a tag follows with no name (``记者1`` is
#: kept whole, it is all the byline names).
_DROPPED_ROLE_RE = re.compile(ROLE_RE.pattern + rf"(?!{_TAG})")
ADMIN_SUFFIX_RE = re.compile(r"(?:省|市|县|区|州|旗|盟|镇|乡|街道|村)$")


@dataclass
class Dateline:
    """A dateline opening a body: where the body starts and what it says."""

    end: int
    names: str = ""  # reporters, role labels dropped
    place: str = ""  # 成都 in 新华社成都2月20日电
    month: str = ""
    day: str = ""


def read_dateline(text: str) -> Dateline | None:
    """The dateline at the start of ``text``, or None.

    Forms: ``本报讯（记者 王五 通讯员 赵六）``, ``本报讯 记者王五 2月20日，…``, bare
    ``本报讯 2月20日，…``, and agency/place datelines ``新华社成都2月20日电（记者王五）``,
    ``本报成都2月20日讯``.
    """
    m = _AGENCY_DATELINE_RE.match(text)
    if m:
        return Dateline(
            m.end(), parse_byline(m.group("names") or ""), m.group("place"),
            m.group("month"), m.group("day"),
        )  # fmt: skip
    m = _LOCAL_DATELINE_RE.match(text)
    if m:
        return Dateline(m.end(), parse_byline(m.group("names") or m.group("bare") or ""))
    return None


#: A line can only be a byline when it opens with a mark, a bracket or a 文/图 credit, or
#: holds a role label (``ROLE_RE``'s words): a substring test that spares the other
#: lines of a page every byline regex.
_BYLINE_OPENERS = frozenset("（(◎⊙■□●▲文图")
_ROLE_WORDS = ("记者", "通讯员", "实习生", "摄影")
_ROLE_WORD_RE = re.compile("|".join(_ROLE_WORDS))  # one C scan for the four
#: Characters no byline holds: sentence and clause punctuation, quotes, brackets.
_NOT_IN_BYLINE = frozenset('。！？!?；;，,：:“”"（）()《》【】…')
#: A role label opening a line, followed by a space or a tag (``记者 李四``, ``记者1``),
#: not by more hanzi (``通讯员培训班开班`` is a headline).
_ROLE_OPENING_RE = re.compile(rf"^{_ROLE}(?=[\s\u3000]|{_TAG})")
#: A line that is only role labels behind a mark: a staff byline with no name
#: (``◎ 本报记者``, ``■本报记者 通讯员``).
_ROLES_ONLY_RE = re.compile(rf"^[◎⊙■□●▲]\s*{_ROLE}(?:[\s\u3000、，,]+{_ROLE})*$")
#: The longest line, and the longest name, a byline of unusual form is read from.
_LOOSE_BYLINE_MAX_CHARS = 40
_LOOSE_NAME_MAX_CHARS = 12


def byline_line(text: str) -> str | None:
    """The names of a line that is only a byline, else None.

    A byline line is names (2-4 hanzi each, a number or Latin tag after one allowed:
    ``张三1``, ``记者1``) with at least one sign that they are names: a ``◎``/``⊙`` mark,
    a role label (``本报记者``, ``通讯员``) or a ``文/图`` credit; ``■ □ ●`` marks need a
    role or credit too (they also mark brief items).

    A line of that shape whose names are of another form (longer names, Latin names,
    ``◎ 2号记者``) still counts when it is short, has no punctuation, and opens with a
    ``◎``/``⊙`` mark or with a role label followed by a space or a tag
    (``_loose_byline``): a headline's evidence, and the end of the body before it, must
    not hinge on a byline's exact form. A mark followed by role labels only (``◎ 本报
    记者``: a staff byline with no name) is a byline of no names: ``""``.

    A line that is only a bracketed byline (``（记者 王五）``, ``(本报记者 王五 通讯员 孙七)``)
    counts too; bare names in brackets (``（王五）``, ``（王五 孙七）``) count only when every
    part is a 2-4 hanzi name separated by spaces, so ``（完）``, ``（待续）``, ``（二十）`` and
    ``（下转第2版）`` are no byline.
    """
    if not text or (text[0] not in _BYLINE_OPENERS and not _ROLE_WORD_RE.search(text)):
        return None
    bracketed = _BRACKETED_BYLINE_RE.match(text)
    if bracketed:
        return _bracketed_names(bracketed.group("names"))
    if _ROLES_ONLY_RE.match(text):
        return ""
    m = _BYLINE_LINE_RE.match(text)
    if not m:
        return _loose_byline(text)
    names = m.group("names")
    mark = (m.group("mark") or "").strip()
    labelled = bool(m.group("credit")) or bool(ROLE_RE.search(names))
    if not (labelled or mark in ("◎", "⊙")):
        return None
    parsed = parse_byline(names)
    if not parsed or any(n in _NOT_NAMES for n in parsed.split()):
        return None
    return parsed


def _loose_byline(text: str) -> str | None:
    """The names of a byline-shaped line the strict pattern missed, else None.

    The line (at most ``_LOOSE_BYLINE_MAX_CHARS``) opens with ``◎``/``⊙``, or with an
    optional ``■ □ ● ▲`` mark and a role label followed by a space or a tag, and has no
    punctuation (``_NOT_IN_BYLINE``); each name, role labels dropped, is at most
    ``_LOOSE_NAME_MAX_CHARS`` long and none is a column word (``记者手记``).
    """
    if len(text) > _LOOSE_BYLINE_MAX_CHARS or not _NOT_IN_BYLINE.isdisjoint(text):
        return None
    rest = text[1:].lstrip() if text[0] in "◎⊙■□●▲" else text
    if text[0] not in "◎⊙" and not _ROLE_OPENING_RE.match(rest):
        return None
    parsed = parse_byline(rest)
    names = parsed.split()
    if not names or any(
        len(n) > _LOOSE_NAME_MAX_CHARS or n in _NOT_NAMES or n in _NOTES for n in names
    ):
        return None
    return parsed


def _bracketed_names(names: str) -> str | None:
    """Names of a bracketed byline's inside (``记者 王五``, ``王五 孙七``), else None.

    Role-labelled names are always a byline; bare ones need every part to be a 2-4 hanzi
    name (no numerals, no editorial note from ``_NOTES``) separated by spaces only.
    """
    if not ROLE_RE.search(names):
        if not _BARE_NAMES_RE.match(names):
            return None
        parts = names.split()
        if any(p in _NOTES or _NUMERALS_RE.match(p) for p in parts):
            return None
    parsed = parse_byline(names)
    if not parsed or any(n in _NOT_NAMES or n in _NOTES for n in parsed.split()):
        return None
    return parsed


def parse_byline(raw: str) -> str:
    """Names from a byline or dateline bracket, space-separated, role labels dropped.

    ``记者 王某 李某`` -> ``王某 李某``; ``苑长军 马祎颖`` unchanged; separators 、，, and
    full-width spaces become single spaces. A role label with a tag and no name after it
    stays: ``◎ 记者1`` -> ``记者1``.
    """
    text = _DROPPED_ROLE_RE.sub(" ", raw)
    text = re.sub(r"[、，,;；/／\s\u3000]+", " ", text)
    return text.strip()


@lru_cache(maxsize=4096)
def ends_sentence(line: str) -> bool:
    """True if the line ends with sentence-final punctuation (closers allowed after).

    A full stop ``.`` ends a sentence after a Latin letter (English text), not after a
    digit (``14.`` of a wrapped ``14.99``). Remembered per line: the splitter asks about
    each line of a page about five times (head_like, clean_break_before, segments)."""
    stripped = line.rstrip(CLOSERS + " ")
    if stripped.endswith(".") and len(stripped) > 1:
        return stripped[-2].isascii() and stripped[-2].isalpha()  # English, not 1.5
    return bool(stripped) and stripped[-1] in LINE_SENTENCE_ENDS
