"""The gazetteer's place scanner: leftmost-longest over the indexed surface forms, with
the rules that drop a match (``PlaceScanner._mention``): a road, street or estate name
(成都路, 海北街道), a development zone (临江高新区), a firm, institution or venue name
(大田粮油加工厂, ``names_venue``), a frequent word across the name's edge (共和国), a full
name that splits into two frequent words with the characters around it (新增|城区, 完成|县级) and a
county short name glued into a lake or hill name (鹤龙湖).

``PlaceScanner`` is the scanning half of ``index.Gazetteer``, which builds what it reads:
``_forms`` (surface -> form -> adcodes), ``_by_code``, ``_risky_shorts``, ``_frequent``
and, through ``_index_starts``, ``_lengths`` and ``_start_re``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from ..vocabulary import (
    FEATURE_NAME_ENDS,
    PROPER_NAME_ENDS,
    SHORT_NAME_LEFT_BREAKS,
    VENUE_ENDS,
    ZONE_SUFFIXES,
    word_trie,
)
from .divisions import Mention

# Words after a place name that make it part of another proper name: a road, street,
# town, estate, park or institution (成都路, 南京东路, 海北街道, 嘉禾小区, 东湖公园).
_NOT_REGION_AFTER_NAME = (
    "大街",
    "大道",
    "东路",
    "西路",
    "南路",
    "北路",
    "中路",
    "路",
    "街",
    "巷",
    "胡同",
)
_NOT_REGION_AFTER_SHORT = _NOT_REGION_AFTER_NAME + (
    "街道",
    "镇",
    "乡",
    "村",
    "社区",
    "小区",
    "公园",
    "广场",
    "大桥",
    "桥",
    "机场",
    "站",
    "湖",
    "大学",
    "中学",
    "小学",
    "学院",
    "医院",
    "宾馆",
    "饭店",
    "酒店",
    "花园",
    "苑",
    "体育",
    "大厦",
    "商场",
    "景区",
    "古镇",
    "湿地",
    "水库",
    "号",
)

#: How far after a bare short name a proper-name end is looked for (北京万商天勤律师事务所).
PROPER_NAME_SPAN = 10

# Characters that cannot sit inside a firm or estate name between the place and its end:
# punctuation, digits, function words and the level suffixes of a division.
_PROPER_NAME_BREAK_RE = re.compile(
    r"[\s，。；：、！？,.;:!?（）()《》“”\"'0-9０-９的了在是和与及等对将把被向从到有已共全"
    r"县市区省镇乡村旗州盟建推开举召投完启实组]"
)


class PlaceScanner:
    """Place-name mentions in a text (``scan``), for ``Gazetteer`` (see the module
    docstring for the attributes it needs)."""

    def _index_starts(self) -> None:
        """Index where a surface can start (``_lengths``, ``_start_re``), once ``_forms``
        holds every surface."""
        # the lengths of the surfaces by their first two characters, longest first, and
        # a pattern finding where a surface can start (its first two characters, or a
        # surface of one character: none in GB/T 2260), so the scan skips the other
        # characters in C
        self._lengths: dict[str, tuple[int, ...]] = {}
        for surface in self._forms:
            lens = set(self._lengths.get(surface[:2], ()))
            lens.add(len(surface))
            self._lengths[surface[:2]] = tuple(sorted(lens, reverse=True))
        longer = [s for s in self._forms if len(s) > 1]
        singles = [s for s in self._forms if len(s) == 1]
        starts = []
        if longer:
            firsts, seconds = _char_class(s[0] for s in longer), _char_class(s[1] for s in longer)
            starts.append(f"{firsts}(?={seconds})")
        if singles:
            starts.append(_char_class(singles))
        starts = "|".join(starts) or r"(?!)"  # no surface: nothing starts anywhere
        self._start_re = re.compile(starts)

    #: ``scan`` remembers this many recent texts: the splitter and the locator scan the
    #: same lines and bodies again (213 scans of 66 distinct texts on the sample page).
    SCAN_CACHE_SIZE = 512

    def scan(self, text: str) -> list[Mention]:
        """Place-name mentions in ``text``, leftmost-longest, in text order (a new list
        each call; results are remembered per text, see ``SCAN_CACHE_SIZE``).
        Same rules as ``_scan``."""
        cache = self.__dict__.setdefault("_scan_cache", {})
        found = cache.get(text)
        if found is None:
            if len(cache) >= self.SCAN_CACHE_SIZE:
                cache.clear()  # a simple bound: pages rarely share lines
            found = cache[text] = tuple(self._scan(text))
        return list(found)

    def may_name_at(self, text: str, i: int) -> bool:
        """False when no surface of the gazetteer starts at ``text[i]`` (its first two
        characters open none): then ``scan(text)`` has no mention starting at ``i``. A
        quick test for a caller that needs a name at one position only."""
        return text[i : i + 2] in self._lengths or text[i : i + 1] in self._forms

    def scan_tail(self, text: str, start: int) -> list[Mention]:
        """``scan(text[start:])`` taken from ``scan(text)`` when ``text[start - 1]`` is a
        line break (and remembered as that text's scan): the locator scans headline,
        dateline place and body as one text, then the metric regions the body alone.

        The two agree because no name holds a line break and a mention's checks look
        back only for frequent words (which hold none either): a mention before the
        break ends before it, and the scan after it starts afresh. Without a line break
        at ``start - 1`` the tail is scanned on its own.
        """
        tail = text[start:]
        if start and text[start - 1] != "\n":
            return self.scan(tail)
        found = tuple(
            Mention(m.start - start, m.end - start, m.surface, m.candidates, m.form, m.risky)
            for m in self.scan(text)
            if m.start >= start
        )
        cache = self.__dict__.setdefault("_scan_cache", {})
        if len(cache) >= self.SCAN_CACHE_SIZE:
            cache.clear()
        cache[tail] = found
        return list(found)

    def _scan(self, text: str) -> list[Mention]:
        """Place-name mentions in ``text``, leftmost-longest, in text order.

        Matches inside a road/street/estate name are dropped (成都路, 南京东路, 海北街道,
        嘉禾小区): a full name followed by 路/街/大道/巷, a short name also by 街道/镇/
        村/小区/公园 and the like. Candidates of a bare short name are cut to the highest
        level present (吉林 -> the province, 红河 -> the prefecture). ``text`` should be the
        Simplified view (``articles.text.to_simplified``) when Traditional characters may occur.
        """
        out: list[Mention] = []
        i, n = 0, len(text)
        forms_map, lengths = self._forms, self._lengths
        # every position the start pattern allows (its matches are one character wide, so
        # ``finditer`` meets each), kept when its first two characters open a surface: the
        # pattern's classes let through about nine positions in ten that open none, and
        # dropping them here, in one comprehension, spares each a turn of the loop below
        starts = [m.start() for m in self._start_re.finditer(text)]
        starts = [p for p in starts if text[p : p + 2] in lengths or text[p] in forms_map]
        for start in starts:
            if start < i:
                continue  # inside the mention found last
            i = start
            hit = None
            for length in lengths.get(text[i : i + 2], ()):
                if i + length > n:
                    continue
                surface = text[i : i + length]
                forms = forms_map.get(surface)
                if forms is not None:
                    hit = (surface, forms)
                    break
            if hit is None and text[i] in forms_map:  # a surface of one character
                hit = (text[i], forms_map[text[i]])
            if hit is None:
                i += 1
                continue
            surface, forms = hit
            end = i + len(surface)
            glued = bool(out) and out[-1].end == i  # 汕头龙湖: right after a place
            mention = self._mention(text, i, end, surface, forms, glued)
            if mention is None:
                i += 1
                continue
            out.append(mention)
            i = end
        return out

    def _mention(
        self, text: str, start: int, end: int, surface: str, forms, glued: bool = False
    ) -> Mention | None:
        after = text[end : end + 2]
        strong = [f for f in ("name", "alias", "former") if f in forms]
        if strong:
            if after.startswith(_NOT_REGION_AFTER_NAME):
                return None
            if _split_reading(text, start, surface, self._frequent):
                return None
            codes: list[str] = []
            for f in strong:
                codes.extend(c for c in forms[f] if c not in codes)
            form = strong[0]
            risky = surface in self._risky_shorts
        else:
            if after.startswith(_NOT_REGION_AFTER_SHORT):
                return None
            if text.startswith(ZONE_SUFFIXES, end) or _starts_proper_name(text, end):
                return None
            if _inside_common_word(text, start, end, self._frequent):
                return None
            codes = list(forms["short"])
            top = min(self._by_code[c].depth for c in codes)
            if top == 2 and not glued and _tail_of_feature_name(text, start, surface):
                return None
            codes = [c for c in codes if self._by_code[c].depth == top]
            form = "short"
            risky = surface in self._risky_shorts and top > 0
        return Mention(start, end, surface, tuple(codes), form, risky)


def _split_reading(text: str, start: int, surface: str, words) -> bool:
    """True if the full name ``surface`` at ``start`` reads better as two frequent words
    across it: its first character closes one with the character before it, and the rest
    of the name is another, or opens one with the character after it (新增|城区, not 新 +
    增城区; 完成|县级, not 完 + 成县: real county bulletins were located in Guangzhou's 增城区
    and Gansu's 成县 that way)."""
    if start == 0 or text[start - 1 : start + 1] not in words:
        return False
    end = start + len(surface)
    return surface[1:] in words or (len(surface) == 2 and text[end - 1 : end + 1] in words)


def _tail_of_feature_name(text: str, start: int, surface: str) -> bool:
    """True if the county short name ``surface`` at ``start`` ends like a lake, hill or
    river (``FEATURE_NAME_ENDS``) and is glued to a Chinese character that starts no word
    of its own (``SHORT_NAME_LEFT_BREAKS``): 鹤龙湖 is a lake, not 龙湖区 (see
    ``vocabulary.places``)."""
    if surface[-1] not in FEATURE_NAME_ENDS or not start:
        return False
    before = text[start - 1]
    return "\u4e00" <= before <= "\u9fff" and before not in SHORT_NAME_LEFT_BREAKS


def _char_class(chars: Iterable[str]) -> str:
    """A regex character class of ``chars`` (escaped, in code-point order)."""
    return "[" + "".join(re.escape(c) for c in sorted(set(chars))) + "]"


def _starts_proper_name(text: str, end: int, ends: tuple[str, ...] = PROPER_NAME_ENDS) -> bool:
    """True if ``text[end:]`` completes a firm, institution, street or estate name.

    Within ``PROPER_NAME_SPAN`` characters after the place name one of ``ends``
    must follow, with no ``_PROPER_NAME_BREAK_RE`` character before it (粮油加工厂,
    万商天勤律师事务所, 风情街, 城小区; not 新建污水处理厂, whose 建 is a verb).
    """
    window = text[end : end + PROPER_NAME_SPAN]
    # the leftmost end found decides: a break before it is before every other end too
    first = _ends_regex(ends).search(window)
    return first is not None and not _PROPER_NAME_BREAK_RE.search(window, 0, first.start())


@lru_cache(maxsize=8)
def _ends_regex(ends: tuple[str, ...]) -> re.Pattern:
    """One pattern finding the leftmost of ``ends`` (a trie, ``vocabulary.word_trie``)."""
    return re.compile(word_trie(ends))


def names_venue(text: str, end: int) -> bool:
    """True if a venue's name (天一广场, 市民公园, see ``VENUE_ENDS``) follows ``text[:end]``."""
    return _starts_proper_name(text, end, VENUE_ENDS)


def _inside_common_word(text: str, start: int, end: int, words) -> bool:
    """True if a frequent word overlaps ``text[start:end]`` across one of its edges."""
    # the windows text[p:q] of 2-4 characters from p >= start - 3 that hold an edge
    # inside (p < edge < q), edge by edge (``_EDGE_WINDOWS``): the same windows as
    # testing every p, q near the name for "crosses an edge", without the ones that
    # cross none
    n = len(text)
    for edge in (start, end):
        for dp, dq in _EDGE_WINDOWS:
            p, q = edge + dp, edge + dq
            if p >= 0 and q <= n and text[p:q] in words:
                return True
    return False


#: ``(p - edge, q - edge)`` of the windows ``text[p:q]`` of 2-4 characters that hold
#: ``edge`` inside: p < edge < q and q - p <= 4.
_EDGE_WINDOWS = tuple((dp, dq) for dp in (-3, -2, -1) for dq in range(1, dp + 5))
