"""HTML article pages: main text by trafilatura, headline and details from the page's markup.

- **Body**: ``trafilatura.extract`` (main-content extraction; it drops navigation, lists
  and footers by link density and page structure); a line it runs several of the page's
  block elements into is cut where each ends (``html_lines.split_at_blocks``: its short-page
  fallback joins an ``<article>`` into one line); then ``furniture.drop_furniture`` as a
  safety net for breadcrumbs, toolbars and footers a template leaves in the main block.
  The byline or date-and-source line above the first paragraph (``记者 张三 2024-01-05``,
  ``2024-01-10 来源：县林业局``) is taken out of the text (``html_lines.is_byline_line``).
- **Headline**: ``<meta name="ArticleTitle">`` (the field government-site CMSs fill), else
  the page's ``<h1>``, ``og:title``, or ``<title>`` without its site suffix. The kicker
  (引题) and subtitle (副题) are the heading elements just before and after the headline
  (``h2``-``h6`` or an e-paper class such as ``yinti``/``futi``); trafilatura drops them.
- **Date**: ``PubDate``/``publishdate``/``article:published_time`` meta, else the date on
  the byline line, else trafilatura's (htmldate) reading of the page. **Byline**:
  ``Author`` meta, an ``author`` element, the byline line, or an ``作者：`` info line;
  ``◎``/``作者：``/``文/``/``记者``/``By`` marks, dates and ``来源：…`` removed. **Address**: ``--url``,
  else ``<link rel="canonical">``, else ``og:url``. **Publication**: ``SiteName`` meta,
  ``og:site_name``, else the ``<title>`` suffix after the headline.

The page text handed to the splitter is the headline block (kicker, headline, ``——``
subtitle), a ``◎ byline`` line when the body does not carry the names itself, then one
line per paragraph.
"""

from __future__ import annotations

import codecs
import copy
import re
from datetime import date

import lxml.html
import trafilatura
from lxml import etree

from ..normalize import PageDecodeError, decode_page
from .base import PageText, SourceError, SourceFormat
from .furniture import drop_furniture, is_furniture
from .html_lines import (
    block_texts,
    byline_elements,
    byline_names,
    is_byline_line,
    line_date,
    split_at_blocks,
    squash,
)

__all__ = ["read_html"]

_DATE_RE = re.compile(r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
_TITLE_SPLIT_RE = re.compile(r"\s*(?:--|_|\||｜| - | — |——)\s*")
_KICKER_CLASS_RE = re.compile(r"yinti|yt\b|kicker|pre-?title|intro-?title|in-?title", re.I)
_SUBTITLE_CLASS_RE = re.compile(r"futi|ft\b|sub-?title", re.I)
_AUTHOR_CLASS_RE = re.compile(r"author|byline|zuozhe|editor-?name", re.I)
_BYLINE_MARK_RE = re.compile(r"^(?:[◎⊙■□●]\s*|作者\s*[:：]\s*|[文图]\s*[/／]\s*)+")
_AUTHOR_IN_INFO_RE = re.compile(
    r"作者\s*[:：]\s*([\u4e00-\u9fff·]{2,4}(?:[ \u3000、][\u4e00-\u9fff·]{2,4})*)"
)
#: class/id names of site furniture blocks (whole names: ``article-header`` is no furniture)
_FURNITURE_CLASS_RE = re.compile(
    r"^(?:site-?|page-?)?(?:nav\w*|menu\w*|header|head|top-?bar|tool-?bar|tools?|footer|foot"
    r"|masthead|logo|banner|bread-?crumbs?|crumbs?|location|position|related\w*|share\w*"
    r"|prev-?next|page-?list|title-?list|sidebar|side)$",
    re.I,
)
#: Elements that are never article text.
_FURNITURE_TAGS = ("nav", "footer", "aside", "script", "style", "form", "button", "iframe")
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_CHARSET_RE = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_-]+)", re.I)
#: What ``decode_page`` already reads (UTF-8, and GB18030 with its subsets GBK and GB2312).
_DECODE_PAGE_CODECS = {"utf-8", "utf-8-sig", "gb2312", "gbk", "gb18030", "ascii"}
_MIN_BODY = 20  # characters of main text below which a page has no article


def read_html(source: str, data: bytes, *, url: str = "") -> PageText:
    """One article page from HTML bytes ``data`` (the file named ``source``).

    ``url`` (``--url``) wins over the page's canonical link. Raises ``SourceError`` for
    an empty file, undecodable bytes (not UTF-8 nor GB18030) or a page with no article
    text (broken or truncated HTML, an index page).
    """
    if not data.strip():
        raise SourceError(source, "empty file")
    markup = _decode(source, data)
    tree = _parse(markup)
    if tree is None:
        raise SourceError(source, "broken HTML: no document could be parsed")
    meta = _meta(tree)
    found = trafilatura.extract_metadata(markup)
    title_el = _title_element(tree, meta.get("articletitle", ""))
    title = _clean(
        meta.get("articletitle")
        or (title_el.text_content() if title_el is not None else "")
        or meta.get("og:title")
        or (found.title if found and found.title else "")
        or _title_head(tree)
    )
    kicker, subtitle = _around_title(title_el)
    body, lead = _body(tree, (title, kicker, subtitle))
    if len("".join(body)) < _MIN_BODY:
        raise SourceError(
            source, "no article text found (broken HTML, or a page without an article)"
        )
    byline = _byline(tree, meta, found, lead)
    text = _compose(kicker, title, subtitle, byline, body)
    return PageText(
        text=text,
        source=source,
        format=SourceFormat.HTML,
        title=title,
        kicker=kicker,
        subtitle=subtitle,
        byline=byline,
        date=_page_date(meta, found, lead),
        url=url or _link(tree, "canonical") or meta.get("og:url", ""),
        publication=_publication(tree, meta, title),
    )


def _decode(source: str, data: bytes) -> str:
    """The page's characters: in the charset its ``<meta>`` declares when that is neither
    UTF-8 nor a GB encoding (Big5 pages from Hong Kong and Taiwan), else as
    ``decode_page`` reads text (UTF-8, else GB18030, mojibake refused)."""
    declared = _CHARSET_RE.search(data[:4096])
    if declared:
        try:
            codec = codecs.lookup(declared.group(1).decode("ascii")).name
        except (LookupError, UnicodeDecodeError):
            codec = ""
        if codec and codec not in _DECODE_PAGE_CODECS:
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise SourceError(
                    source, f"HTML declares charset {codec} but byte {exc.start} is not {codec}"
                ) from exc
    try:
        return decode_page(data)
    except PageDecodeError as exc:
        raise SourceError(source, f"HTML {exc}") from exc


def _parse(markup: str):
    """The lxml document of ``markup``, or None when nothing parses."""
    markup = re.sub(r"^\s*<\?xml[^>]*>", "", markup)
    try:
        return lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError):
        return None


def _clean(text: str) -> str:
    """Whitespace runs to one space, ends trimmed."""
    return re.sub(r"\s+", " ", text or "").strip()


def _meta(tree) -> dict[str, str]:
    """``<meta name|property=… content=…>`` as a dict, keys lower-cased, first one wins."""
    found: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = (el.get("name") or el.get("property") or "").strip().lower()
        content = _clean(el.get("content") or "")
        if key and content and key not in found:
            found[key] = content
    return found


def _link(tree, rel: str) -> str:
    for el in tree.iter("link"):
        if (el.get("rel") or "").strip().lower() == rel and el.get("href"):
            return el.get("href").strip()
    return ""


def _title_head(tree) -> str:
    """``<title>`` without a site suffix (``标题_网站名``, ``标题--报名``, ``标题 - 网站``)."""
    el = tree.find(".//title")
    text = _clean(el.text_content()) if el is not None else ""
    return _TITLE_SPLIT_RE.split(text)[0] if text else ""


def _title_element(tree, meta_title: str):
    """The element printing the headline: one whose text is the ``ArticleTitle`` meta, else
    the first ``h1`` outside the masthead, navigation and footer."""
    if meta_title:
        for el in tree.iter(*_HEADINGS, "div", "p", "td", "span"):
            if _clean(el.text_content()) == meta_title and not _in_furniture(el):
                return el
    for el in tree.iter("h1"):
        if _clean(el.text_content()) and not _in_furniture(el):
            return el
    return None


def _in_furniture(el) -> bool:
    """True when ``el`` is or sits in the site's header, navigation, masthead or footer (an
    HTML5 ``<header>`` inside ``<article>``/``<main>`` is the article's own)."""
    nodes = (el, *el.iterancestors())
    in_article = any(node.tag in ("article", "main") for node in nodes)
    for node in nodes:
        if node.tag in ("nav", "footer") or (node.tag == "header" and not in_article):
            return True
        tokens = f"{node.get('class') or ''} {node.get('id') or ''}".split()
        if any(_FURNITURE_CLASS_RE.match(token) for token in tokens):
            return True
    return False


def _around_title(title_el) -> tuple[str, str]:
    """(kicker, subtitle): the heading-like siblings right before and after the headline."""
    if title_el is None:
        return "", ""
    kicker = subtitle = ""
    before = title_el.getprevious()
    if before is not None and _heading_like(before, _KICKER_CLASS_RE):
        kicker = _clean(before.text_content())
    after = title_el.getnext()
    if after is not None and _heading_like(after, _SUBTITLE_CLASS_RE):
        subtitle = _clean(after.text_content()).lstrip("—－-─ ").strip()
    return kicker, subtitle


def _heading_like(el, class_re: re.Pattern) -> bool:
    text = _clean(el.text_content())
    if not text or len(text) > 60:
        return False
    return el.tag in _HEADINGS or bool(class_re.search(el.get("class") or ""))


def _without_furniture(tree):
    """A copy of ``tree`` without the blocks ``_in_furniture`` names and without lists whose
    every item is one link (menus, related-article and page lists). trafilatura drops these
    by link density on full pages, but keeps them on a short page where its fallback runs."""
    tree = copy.deepcopy(tree)
    doomed = [
        el
        for el in tree.iter()
        if isinstance(el.tag, str)
        and el.tag != "html"
        and el.tag != "body"
        and (el.tag in _FURNITURE_TAGS or _is_furniture_block(el) or _is_link_list(el))
    ]
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()
    return tree


def _is_furniture_block(el) -> bool:
    if el.tag == "header":
        return not any(node.tag in ("article", "main") for node in el.iterancestors())
    tokens = f"{el.get('class') or ''} {el.get('id') or ''}".split()
    return any(_FURNITURE_CLASS_RE.match(token) for token in tokens)


def _is_link_list(el) -> bool:
    """A ``ul``/``ol`` whose every item is a link (with at most a date or a few characters
    beside it)."""
    items = [li for li in el if li.tag == "li"] if el.tag in ("ul", "ol") else []
    return bool(items) and all(_is_link_item(li) for li in items)


def _is_link_item(li) -> bool:
    linked = _clean(" ".join(a.text_content() for a in li.iter("a")))
    return bool(linked) and len(_clean(li.text_content())) - len(linked) <= 12


def _body(tree, headings: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """(paragraphs, lead): the main text's paragraphs (trafilatura's, cut where the page's
    block elements end, furniture removed) without the headings and the byline/date lines
    above the first paragraph; ``lead`` is those byline/date lines (see ``html_lines``)."""
    cleaned = _without_furniture(tree)
    extracted = trafilatura.extract(
        cleaned,
        output_format="txt",
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        deduplicate=False,
    )
    lines = [_clean(line) for line in (extracted or "").split("\n")]
    lines = [line for line in lines if line]
    lines = split_at_blocks(lines, block_texts(cleaned))
    squashed = {squash(h).lstrip("—") for h in headings if h}
    marked = byline_elements(cleaned)
    lead = []
    while lines:
        if squash(lines[0]).lstrip("—") in squashed:
            lines.pop(0)
        elif len(lead) < 2 and is_byline_line(lines[0], marked):
            lead.append(lines.pop(0))
        elif is_furniture(lines[0]):
            lines.pop(0)
        else:
            break
    return drop_furniture(lines), lead


def _byline(tree, meta: dict[str, str], found, lead: list[str]) -> str:
    """The author names the page gives, marks, labels, dates and source removed ('' when
    none): the ``author`` meta, an author element, the byline line above the text (``lead``),
    an ``作者：`` info line, trafilatura's reading."""
    candidates = [meta.get("author", "")]
    for el in tree.iter():
        if isinstance(el.tag, str) and _AUTHOR_CLASS_RE.search(el.get("class") or ""):
            candidates.append(byline_names(_clean(el.text_content())))
            break
    candidates.extend(byline_names(line) for line in lead)
    info = _AUTHOR_IN_INFO_RE.search(tree.text_content())
    candidates.append(info.group(1) if info else "")
    candidates.append(found.author if found and found.author else "")
    for text in candidates:
        text = _BYLINE_MARK_RE.sub("", _clean(text)).strip()
        if text:
            return text
    return ""


def _page_date(meta: dict[str, str], found, lead: list[str]) -> date | None:
    """The publication date the page states, or None: its date meta, else the date on the
    byline/date line above the text (``lead``), else trafilatura's (htmldate's) reading."""
    for key in (
        "pubdate",
        "publishdate",
        "firstpublishedtime",
        "article:published_time",
        "og:release_date",
        "date",
    ):
        parsed = _to_date(meta.get(key, ""))
        if parsed:
            return parsed
    for line in lead:
        if line_date(line):
            return line_date(line)
    return _to_date(found.date) if found and found.date else None


def _to_date(text: str) -> date | None:
    match = _DATE_RE.search(text or "")
    if not match:
        return None
    try:
        return date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def _publication(tree, meta: dict[str, str], title: str) -> str:
    """The site or paper the page names itself after (a hint for the publication)."""
    name = meta.get("sitename") or meta.get("og:site_name")
    if name:
        return name
    el = tree.find(".//title")
    parts = _TITLE_SPLIT_RE.split(_clean(el.text_content())) if el is not None else []
    if len(parts) > 1 and parts[0] == title:
        return parts[-1]
    return ""


def _compose(kicker: str, title: str, subtitle: str, byline: str, body: list[str]) -> str:
    """The page text: headline block, ``◎ byline`` unless the body names the authors, body."""
    head = [line for line in (kicker, title, f"——{subtitle}" if subtitle else "") if line]
    lead = "".join(body[:1])[:60]
    names = byline.split()
    blocks = ["\n".join(head)] if head else []
    if byline and not all(name in lead for name in names):
        blocks.append(f"◎ {byline}")
    blocks.append("\n".join(body))
    return "\n\n".join(blocks) + "\n"
