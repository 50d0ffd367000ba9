"""Which kind of web-page furniture one line is (``furniture_kind``, ``WebFurniture``):
navigation, breadcrumbs, publish lines, reader toolbars, page links and list headings,
and footers. ``furniture.strip_web_furniture`` blanks the lines of a page these rules
find.

A line is furniture when it is at most ``FURNITURE_MAX_CHARS`` long, ends no sentence
(no 。！？; a labelled breadcrumb may) and is one of:

- a **breadcrumb**: it opens with a ``vocabulary.BREADCRUMB_LABELS`` label and a colon
  (``当前位置：首页 > 县域要闻``), or a home word is followed by a breadcrumb separator
  (``首页 > 新闻中心 > 县域要闻``);
- a **publish line**: it opens with a ``vocabulary.PUBLISH_LABELS`` field
  (``发布时间：2024-03-05  来源：…  浏览次数：58次``, ``信息来源：县政府办``), or holds two
  labelled fields of either publish list (``作者：王五  编辑：李四``), or is a bare time
  stamp (``2024-03-05 10:23``), or a field after a time of day
  (``2013-10-28 10:06  【字号:``), or a document number (``旺府办发〔2024〕12号``);
- a **toolbar or navigation bar**: at least ``TOOLBAR_SHARE`` of its characters are
  ``vocabulary.TOOLBAR_WORDS`` and ``NAV_WORDS`` (``手机终端下载 | 关怀版 | 无障碍``,
  ``【字体：大 中 小】``, ``首页 政务公开 政务服务 互动交流``), and it is not one
  navigation word alone (``政务公开`` can be a report's intertitle);
- a **page link** (``上一篇：…``, ``下一篇：…``) or a **page-list heading** (``相关阅读``,
  ``热点新闻``); the link lines under a heading are furniture too
  (``furniture._strip_page_lists``);
- a **footer** line: it opens with a ``vocabulary.FOOTER_LABELS`` label
  (``主办单位：…``, ``技术支持：…``) or holds a ``vocabulary.FOOTER_MARKS`` mark
  (``蜀ICP备12345678号``, ``网站标识码``, ``©``), or is only bracketed buttons, two
  or more (``【打印本页】【关闭窗口】``, ``【返回列表】【收藏】``).

A row of ``LINK_BAR_MIN`` or more short links between ``|`` marks is a navigation bar too.
Letter-spaced labels (``发 布 机 构``, ``首     页``) are read with their spaces closed up,
and Traditional characters (``來源``, ``責任編輯``) as Simplified.
The word lists live in ``vocabulary``; the rules here only compose them.
"""

from __future__ import annotations

import re
from enum import StrEnum

from ...text import needs_simplifying, to_simplified
from ..vocabulary import (
    BREADCRUMB_LABELS,
    BREADCRUMB_SEPARATORS,
    FOOTER_LABELS,
    FOOTER_MARKS,
    HOME_WORDS,
    NAV_WORDS,
    PAGE_LINK_LABELS,
    PAGE_LIST_HEADINGS,
    PUBLISH_LABELS,
    SENTENCE_FINAL,
    TOOLBAR_WORDS,
    WEAK_PUBLISH_LABELS,
    alternation,
    char_class,
    word_trie,
)


class WebFurniture(StrEnum):
    """The kind of a furniture line of a web page (``furniture_kind``)."""

    BREADCRUMB = "breadcrumb"  # 当前位置：首页 > 县域要闻
    PUBLISH = "publish"  # 发布时间：… 来源：… 浏览次数：…; a document number
    PAGE_LIST = "page-list"  # 上一篇：…, 相关阅读 and its links
    FOOTER = "footer"  # 版权所有, 主办单位, ICP备, 【打印本页】【关闭窗口】
    TOOLBAR = "toolbar"  # 手机终端下载 | 关怀版 | 无障碍, navigation bars


#: Share of a line's characters (spaces, brackets and separators left out) that toolbar
#: words must cover for the line to be a toolbar or navigation bar. ``首页 政务公开 政务服务
#: 互动交流 走进旺苍`` is 78% covered; a headline that merely mentions 无障碍 or 关怀 is far
#: below (``无障碍设施建设提速`` 33%).
TOOLBAR_SHARE = 0.7
#: Fewest links in a row between ``|`` marks that make a navigation bar.
LINK_BAR_MIN = 5
#: Longest line (characters) that can be furniture: a publish line or a footer with all
#: its fields runs to about 100; a longer line is text.
FURNITURE_MAX_CHARS = 200

_SENTENCE_END_RE = re.compile(char_class(SENTENCE_FINAL))
_OPEN = r"^[【\[（(〔]?\s*"
_BREADCRUMB_RE = re.compile(
    rf"{_OPEN}(?:{alternation(BREADCRUMB_LABELS)})\s*[是为]?\s*[:：]"
    rf"|(?:{alternation(HOME_WORDS)})\s*(?:{alternation(BREADCRUMB_SEPARATORS)})"
)
#: A labelled field of a publish line; the label must not continue a word (资金来源：).
_FIELD_RE = re.compile(
    rf"(?<![\u4e00-\u9fffA-Za-z])(?P<label>{alternation(PUBLISH_LABELS + WEAK_PUBLISH_LABELS)})"
    r"\s*(?:[:：]|\s(?=\s*\S))"
)
_TIME_STAMP_RE = re.compile(
    r"^[\[【（(]?\d{4}\s*[-./年]\s*\d{1,2}\s*[-./月]\s*\d{1,2}\s*日?\s*"
    r"(?:\d{1,2}:\d{2}(?::\d{2})?)?[\]】）)]?$"
)
_DATE_TIME_RE = re.compile(r"\d{4}\s*[-./年]\s*\d{1,2}\s*[-./月]\s*\d{1,2}\s*日?\s+\d{1,2}:\d{2}")
_BAR_RE = re.compile(r"[|｜]")
_PAGE_LINK_RE = re.compile(rf"{_OPEN}(?:{alternation(PAGE_LINK_LABELS)})\s*[:：]?")
_FOOTER_RE = re.compile(
    rf"{_OPEN}(?:{alternation(FOOTER_LABELS)})\s*(?:[:：©]|\s|$)"
    rf"|{alternation(FOOTER_MARKS)}",
    re.IGNORECASE,
)
_TOOLBAR_RE = re.compile(
    alternation(w.replace(" ", "") for w in TOOLBAR_WORDS + NAV_WORDS), re.IGNORECASE
)  # matched against ``_compact`` text, which has no spaces
_NAV = frozenset(NAV_WORDS)
_HANZI_RE = re.compile("[\u4e00-\u9fff]")
#: Deletes the hanzi of the toolbar and navigation words (``_toolbar``'s quick test).
_DROP_TOOLBAR_HANZI = str.maketrans(
    "", "", "".join(set(_HANZI_RE.findall("".join(TOOLBAR_WORDS + NAV_WORDS))))
)
#: A government document number on its own line: ``宁政办发〔2017〕8号``.
_DOCUMENT_NUMBER_RE = re.compile(
    r"^[\u4e00-\u9fff]{1,12}\s*[〔\[［(（【]\s*\d{4}\s*[〕\]］)）】]\s*\d{1,5}\s*号$"
)
_BREADCRUMB_START_RE = re.compile(rf"{_OPEN}(?:{alternation(BREADCRUMB_LABELS)})\s*[是为]?\s*[:：]")
_HEADINGS = frozenset(PAGE_LIST_HEADINGS)
#: The first characters of the page-list headings, as a class (a search in C).
_HEADING_STARTS_RE = re.compile(char_class("".join(sorted({h[0] for h in PAGE_LIST_HEADINGS}))))
#: Everything a toolbar prints between its words: spaces, brackets, separators, colons.
_CHROME_CLASS = r"[\s【】\[\]（）()<>《》〈〉|｜/\\·•:：\-—_,，、>＞»›→]"
_CHROME_CHARS_RE = re.compile(_CHROME_CLASS + "+")
_BUTTONS_RE = re.compile(r"^(?:[【\[][^】\]]{1,8}[】\]]\s*){2,}$")
#: ``furniture_kind``'s quick test, part 1: a mark one of its later tests needs in the
#: line: a colon (labelled breadcrumb), a breadcrumb separator, a ``|`` (link bar), a
#: digit opening it (time stamp), a bracket opening it (buttons) or 号 closing it
#: (document number).
_MARKS_NEEDED_RE = re.compile(r"[:：|｜>＞›»→》]|^[【\[（(]?\d|^[【\[]|号$")
#: Part 2: a word one of them needs (a publish, page-link or footer label, a footer
#: mark, a page-list heading, a toolbar or navigation word), looked for in the line with
#: its chrome characters removed: a word in the line is then in it too, and so is a
#: toolbar word ``_compact`` joins across a separator.
_NEEDED_WORDS = sorted(
    {
        _CHROME_CHARS_RE.sub("", w)
        for w in PUBLISH_LABELS
        + WEAK_PUBLISH_LABELS
        + PAGE_LINK_LABELS
        + PAGE_LIST_HEADINGS
        + FOOTER_LABELS
        + FOOTER_MARKS
        + TOOLBAR_WORDS
        + NAV_WORDS
    }
    - {""}
)


def _all_hanzi(word: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" for ch in word)


#: The words of hanzi only, as a trie (``word_trie``; an alternation of all the words cost
#: as much as every other test together) that allows chrome characters between a word's
#: characters: it finds in the line what a plain trie finds in the line squeezed of its
#: chrome, without the squeeze ...
_HANZI_WORDS_RE = re.compile(
    word_trie((w for w in _NEEDED_WORDS if _all_hanzi(w)), between=_CHROME_CLASS + "*")
)
#: ... and every other word holds one of these characters (Latin letters, ©), in any case
#: as the footer and toolbar regexes read them (a Latin word in the trie made each
#: search five times slower); none is a chrome character, so the line is searched as is.
_WORD_LETTERS_RE = re.compile(
    char_class("".join(sorted({ch for w in _NEEDED_WORDS for ch in w if not _all_hanzi(ch)}))),
    re.IGNORECASE,
)


#: About the 500 most frequent hanzi of modern Chinese, most frequent first: only to
#: pick each needed word's rarest character for ``_MAY_BE_FURNITURE_RE`` (a character
#: not listed counts as rarer than all listed). The choice changes speed, never answers.
_FREQUENT_HANZI = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动"
    "同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二"
    "理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社"
    "义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没"
    "结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活"
    "设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放"
    "决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争"
    "济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具"
    "万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石"
    "记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素"
    "技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存"
    "候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红"
    "细引听该铁价严"
)
_HANZI_RANK = {ch: k for k, ch in enumerate(_FREQUENT_HANZI)}


def _rarest(word: str) -> str:
    """The character of ``word`` least frequent in Chinese text (``_FREQUENT_HANZI``)."""
    return max(word, key=lambda ch: _HANZI_RANK.get(ch, len(_HANZI_RANK)))


#: ``furniture_kind``'s quicker test, before ``_close_letter_spacing`` and the
#: ``_CHROME_CHARS_RE`` squeeze: a line the quick test passes holds one of these
#: characters (a mark ``_MARKS_NEEDED_RE`` needs, a letter ``_WORD_LETTERS_RE`` needs,
#: or the rarest character of each hanzi word: the squeeze only removes characters, so
#: a word found in the squeezed line has all its characters in the line), or opens
#: with a digit or bracket, or ends in 号. Most prose lines hold none: the same answer
#: for a fraction of the work.
_MAY_BE_FURNITURE_RE = re.compile(
    char_class(
        ":：|｜>＞›»→》"
        + "".join(sorted({ch for w in _NEEDED_WORDS for ch in w if not _all_hanzi(ch)}))
        + "".join(sorted({_rarest(w) for w in _NEEDED_WORDS if _all_hanzi(w)}))
    ),
    re.IGNORECASE,
)
_OPENS_WITH_MARK_RE = re.compile(r"[【\[（(]?\d|[【\[]")


def is_web_furniture(line: str) -> bool:
    """True if one line (raw or stripped) is web-page furniture (see the module doc)."""
    return furniture_kind(line) is not None


def furniture_kind(line: str) -> WebFurniture | None:
    """The kind of web furniture one line (raw or stripped) is, else None."""
    return _furniture_kind(line, to_simplified)


def _as_is(text: str) -> str:
    return text


def furniture_kinds(lines: list[str]) -> list[WebFurniture | None]:
    """``furniture_kind`` of each of a page's raw lines, in order; the Simplified view of
    a line is taken only when the page holds a Traditional character."""
    # a page with no Traditional character has none in any line: no line is converted
    simplify = to_simplified if needs_simplifying("\n".join(lines)) else _as_is
    return [_furniture_kind(line, simplify) for line in lines]


def _furniture_kind(line: str, simplify) -> WebFurniture | None:
    """``furniture_kind`` with the Simplified view taken by ``simplify`` (``_as_is`` for
    the lines of a page ``needs_simplifying`` finds nothing to convert in)."""
    text = line.strip().strip("\u3000").strip()
    if not text or len(text) > FURNITURE_MAX_CHARS:
        return None
    if _BREADCRUMB_START_RE.match(text):
        return WebFurniture.BREADCRUMB  # a labelled trail may end in a title with a ！
    if _SENTENCE_END_RE.search(text):
        return None
    text = simplify(text)
    if not (
        _MAY_BE_FURNITURE_RE.search(text) or text.endswith("号") or _OPENS_WITH_MARK_RE.match(text)
    ):
        return None  # the quicker test: no test below can match (see its doc)
    # the quick test on the line as it is: closing its letter-spacing changes only spaces
    # (no mark at its ends, nor any mark, letter or word the tests find), and the
    # patterns step over the chrome characters the squeeze would remove
    if not (
        _MARKS_NEEDED_RE.search(text)
        or _WORD_LETTERS_RE.search(text)
        or _HANZI_WORDS_RE.search(text)
    ):
        return None  # the quick test: no test below can match (most prose lines)
    text = _close_letter_spacing(text)
    squeezed = _CHROME_CHARS_RE.sub("", text)
    if _BREADCRUMB_RE.search(text):
        return WebFurniture.BREADCRUMB
    if _DOCUMENT_NUMBER_RE.match(text) or _publish_line(text):
        return WebFurniture.PUBLISH
    compact = squeezed.removesuffix("更多")  # ``_compact(text)``
    if _PAGE_LINK_RE.match(text) or compact in _HEADINGS:
        return WebFurniture.PAGE_LIST
    if _FOOTER_RE.search(text) or _BUTTONS_RE.match(text):
        return WebFurniture.FOOTER
    if _toolbar(compact) or _link_bar(text):
        return WebFurniture.TOOLBAR
    return None


def _close_letter_spacing(text: str) -> str:
    """``发 布 机 构 市政府办`` -> ``发布机构 市政府办``: runs of single hanzi separated by
    spaces are closed up; other spacing becomes one space."""
    out: list[str] = []
    run: list[str] = []
    for token in text.split():
        if len(token) == 1 and "\u4e00" <= token <= "\u9fff":
            run.append(token)
            continue
        if run:
            out.append("".join(run))
            run = []
        out.append(token)
    if run:
        out.append("".join(run))
    return " ".join(out)


def _publish_line(text: str) -> bool:
    """A publish line: a strong field first, two fields, a field after a time of day
    (``2013-10-28 10:06 【字号:``), or a bare time stamp."""
    if _TIME_STAMP_RE.match(text):
        return True
    fields = list(_FIELD_RE.finditer(text))
    if not fields:
        return False
    first = fields[0]
    opens = not text[: first.start()].strip("【[（( \u3000")
    return (
        (opens and first.group("label") in PUBLISH_LABELS)
        or len(fields) >= 2
        or bool(_DATE_TIME_RE.search(text[: first.start()]))
    )


def _link_bar(text: str) -> bool:
    """A row of at least ``LINK_BAR_MIN`` short links between ``|`` marks
    (``直通屏山|福建|时评|大学城|台海|娱乐``)."""
    links = [t.strip() for t in _BAR_RE.split(text)]
    return len(links) >= LINK_BAR_MIN and all(0 < len(t) <= 8 for t in links)


def _compact(text: str) -> str:
    """The line without spaces, brackets, separators and colons; ``更多`` links dropped."""
    compact = _CHROME_CHARS_RE.sub("", text)
    return compact.removesuffix("更多")


def _toolbar(compact: str) -> bool:
    """At least ``TOOLBAR_SHARE`` of the line's characters (``compact``: ``_compact`` of
    the line) are toolbar and navigation words, and the line is not one navigation word
    alone (an intertitle).

    A hanzi that no toolbar word holds can lie in no match (hanzi have no case), so
    when such hanzi alone are more than the share allows, the line is prose and the
    word search (the slow part on every prose line) is skipped: the same answer."""
    if not compact:
        return False
    foreign = len(_HANZI_RE.findall(compact.translate(_DROP_TOOLBAR_HANZI)))
    if len(compact) - foreign < TOOLBAR_SHARE * len(compact):
        return False
    words = [m.group() for m in _TOOLBAR_RE.finditer(compact)]
    if len(words) == 1 and words[0] in _NAV:
        return False
    covered = sum(len(w) for w in words)
    return covered >= 2 and covered >= TOOLBAR_SHARE * len(compact)


def page_list_heading(line: str) -> bool:
    """A page-list heading (``相关阅读``, ``热点新闻 更多>>``) alone on the line. A heading's
    first character must be in the line: a set test spares most lines the ``_compact``."""
    return (
        _HEADING_STARTS_RE.search(line) is not None
        and bool(line.strip())
        and _compact(line.strip()) in _HEADINGS
    )
