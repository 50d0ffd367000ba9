"""Find where an article is about: a GB/T 2260 adcode and every division it names.

Primary choice rule (``locate``), first that applies:

1. **Headline**: the most specific division named in title_prefix + title + subtitle
   (several different ones at the same level: their common ancestor). If that is a
   province or prefecture and the lead (dateline and first two sentences of the body)
   names exactly one division inside it at a deeper level, that one (南充市 in the
   headline, 嘉陵区 in the first sentence -> 嘉陵区).
2. **Lead**: the same rule over the lead alone.
2a. **Dateline**: the place an agency dateline names (成都 in 新华社成都2月20日电,
   ``ParsedArticle.dateline_place``). It is a hint, weaker than the text: a bureau
   files stories about its whole area, so it answers only when headline and lead name
   nothing, and it is context for resolving shared names (鼓楼区 under 南京).
3. **Home**: 我县/本县/全县, 我市/本市/全市, 我区/全区, 我省/全省 ... answer
   ``home_region`` (the publication's home), widened to the level the phrase says
   (a county paper's 全市 is its prefecture).
4. **Body**: the division named most often in the body, counting mentions of divisions
   inside it; ties go to the more specific, then the first named.
5. Otherwise None: nothing is guessed.

How a mention resolves (every rule keeps what the text supports and no more):

- a name several divisions share (鼓楼区, 朝阳区, 东兴) keeps the candidates under the
  province/prefecture printed just before it (江苏省鼓楼区), else under any division
  the article names unambiguously or the home region's lineage; still several, it
  resolves to their common ancestor (江苏省鼓楼区 -> 320000), or to nothing; context
  that names the prefecture beats context that names only the province;
- a risky short name (an everyday word, see ``Gazetteer``) counts only right after
  its province/prefecture (成都锦江), never alone;
- roads, streets and estates named after places (成都路, 海北街道) are not mentions;
- renamed divisions (襄樊) resolve to today's code.

Matching runs on the Simplified view of the text (全縣 reads as 全县).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter

from ..text import to_simplified
from .gazetteer import Gazetteer, Mention, names_venue
from .types import ParsedArticle, RegionMatch
from .vocabulary import CLAUSE_MARKS, SENTENCE_FINAL, char_class

__all__ = ["assign_metric_regions", "locate", "resolve_mentions"]

_HOME_RE = re.compile(r"(?:我|本|全)(县|市|区|旗|州|盟|省)")
_SENTENCE_END_RE = re.compile(char_class(SENTENCE_FINAL))


def locate(
    article: ParsedArticle, gazetteer: Gazetteer, *, home_region: str | None = None
) -> RegionMatch:
    """The article's primary adcode and the adcodes of every division it names.

    Returns ``RegionMatch(adcode, mentioned)``: ``adcode`` is a 6-digit code or None,
    ``mentioned`` the resolved codes in order of first mention (no duplicates). See the
    module docstring for the rule. ``home_region`` must be an adcode in the gazetteer;
    an unknown one raises ``ValueError``.
    """
    if home_region is not None and home_region not in gazetteer:
        raise ValueError(f"home_region {home_region!r} is not a known adcode")
    headline = " ".join(p for p in (article.title_prefix, article.title, article.subtitle) if p)
    body = article.body or ""
    place = article.dateline_place
    # the dateline place sits between headline and body: context, and its own rule
    text = to_simplified(headline + "\n" + place + "\n" + body)
    # the body's own scan, for assign_metric_regions, is the tail of this one
    gazetteer.scan_tail(text, len(headline) + len(place) + 2)
    resolved = resolve_mentions(text, gazetteer, home_region=home_region)
    mentioned: list[str] = []
    for _m, code in resolved:
        if code and code not in mentioned:
            mentioned.append(code)
    # venues (海曙区天一广场) are where things happen, not what the figures are about:
    # they decide the region only when nothing else is named
    subjects = [(m, c) for m, c in resolved if c and not names_venue(text, m.end)]
    if not subjects:
        subjects = [(m, c) for m, c in resolved if c]
    codes = _codes_by_part(subjects, len(headline), len(place), len(_lead(body)))
    primary = _primary(codes, text, gazetteer, home_region)
    return RegionMatch(primary, mentioned)


def _codes_by_part(
    resolved: list[tuple[Mention, str | None]], head_len: int, place_len: int, lead_len: int
) -> dict[str, list[str]]:
    """The resolved codes of each part of ``headline \n place \n body``: ``head``,
    ``place`` (the dateline place), ``lead`` and ``body``, each in text order."""
    head_end = head_len
    place_end = head_end + 1 + place_len
    lead_end = place_end + 1 + lead_len
    return {
        "head": [c for m, c in resolved if c and m.end <= head_end],
        "place": [c for m, c in resolved if c and head_end < m.start < place_end],
        "lead": [c for m, c in resolved if c and place_end < m.start < lead_end],
        "body": [c for m, c in resolved if c and m.start > place_end],
    }


def _primary(
    codes: dict[str, list[str]], text: str, gazetteer: Gazetteer, home_region: str | None
) -> str | None:
    """The primary adcode by the module docstring's rules 1-5, first that applies."""
    primary = _most_specific(codes["head"], gazetteer)
    if primary is not None:
        primary = _refine(primary, codes["lead"], gazetteer)
    else:
        primary = _most_specific(codes["lead"], gazetteer) or _most_specific(
            codes["place"], gazetteer
        )
    if home_region is not None and (primary is None or primary in gazetteer.ancestors(home_region)):
        named = codes["head"] + codes["place"] + codes["body"]
        primary = _home(text, home_region, named, gazetteer) or primary
    if primary is None and codes["body"]:
        primary = _most_named(codes["body"], gazetteer)
    return primary


def _home(text: str, home: str, codes: list[str], gazetteer: Gazetteer) -> str | None:
    """The page's home region when the text does not name a division of its own.

    A 我县/全市 phrase answers ``home`` widened to the level it names. Otherwise ``home``
    answers whenever ``codes`` (the divisions the text names) hold none at ``home``'s
    level or below: a county paper's item that names only its towns (徐沟镇, 集义乡) or
    its province is about the county. A division the text names at that level still
    wins (None: the other rules decide).
    """
    match = _HOME_RE.search(text)
    if match:
        return _home_at_level(home, match.group(1), gazetteer)
    depth = gazetteer[home].depth
    if any(gazetteer[c].depth >= depth for c in codes):
        return None
    return home


def assign_metric_regions(article: ParsedArticle, gazetteer: Gazetteer) -> None:
    """Set each quantity's own ``region``: the division named in its clause, if any.

    A clause runs from the last clause mark (，；。：！？ or a line break) before the
    number to the number. The divisions it names after the previous number of the same
    clause (so 苍溪县8.6万人、昭化区4.1万人 gives each figure its county) decide: one
    division -> that one, several -> their common ancestor (旺苍县、苍溪县共建成…), a
    division printed with its parents counting once, as itself (四川省广元市剑阁县…
    -> 剑阁县, not 四川省); none
    -> the last division the clause named before (旺苍县组建…15支、…80余支);
    venues (海曙区天一广场) and names inside quotation marks (“四川好人”, 《旺苍报》: an
    honour, a campaign, a title) are skipped. A quantity whose clause names none keeps
    ``region`` None: it belongs to the article's region. Names resolve with the article's
    region as context (a 鼓楼区 in a 南京 article is 南京's).
    """
    body = article.body or ""
    if not article.quantities or not body:
        return
    text = to_simplified(body)
    quoted = _quoted_spans(text)
    resolved = [
        (m, c)
        for m, c in resolve_mentions(text, gazetteer, home_region=article.region.adcode)
        if c and not names_venue(text, m.end) and not _inside(m.start, quoted)
    ]
    # everything below is found by bisection, so a page of any length stays linear
    mention_starts = [m.start for m, _c in resolved]
    marks = [m.start() for m in _CLAUSE_MARK_RE.finditer(text)]
    starts = sorted(q.start for q in article.quantities)
    for q in article.quantities:
        k = bisect_left(marks, q.start)
        clause = marks[k - 1] + 1 if k else 0
        j = bisect_left(starts, q.start)
        previous = max(clause, starts[j - 1]) if j else clause
        in_clause = resolved[
            bisect_left(mention_starts, clause) : bisect_left(mention_starts, q.start)
        ]
        in_clause = [(m, c) for m, c in in_clause if m.end <= q.start]
        codes = list(dict.fromkeys(c for m, c in in_clause if m.start >= previous))
        if not codes:  # 旺苍县组建…15支、…80余支: a later item of the list keeps its subject
            codes = [c for _m, c in in_clause][-1:]
        codes = _without_ancestors(codes, gazetteer)
        if len(codes) == 1:
            q.region = codes[0]
        elif codes:
            q.region = gazetteer.common_ancestor(codes)


def _without_ancestors(codes: list[str], gazetteer: Gazetteer) -> list[str]:
    """``codes`` less each one that is an ancestor of another: a full address
    (四川省广元市剑阁县) names one county, not the province all three share."""
    above = {a for c in codes for a in gazetteer.ancestors(c)}
    return [c for c in codes if c not in above]


_QUOTED_RE = re.compile(r"“[^”\n]{1,30}”|《[^》\n]{1,30}》|「[^」\n]{1,30}」")


_CLAUSE_MARK_RE = re.compile(char_class(CLAUSE_MARKS + "\n"))


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each short quoted name in ``text`` (“…”, 《…》, 「…」), in order."""
    return [m.span() for m in _QUOTED_RE.finditer(text)]


def _inside(at: int, spans: list[tuple[int, int]]) -> bool:
    """True if ``at`` lies inside one of ``spans`` (sorted, not overlapping)."""
    k = bisect_left(spans, (at, at)) - 1
    return k >= 0 and spans[k][0] < at < spans[k][1]


def resolve_mentions(
    text: str, gazetteer: Gazetteer, *, home_region: str | None = None
) -> list[tuple[Mention, str | None]]:
    """Scan ``text`` and resolve each mention to one adcode (or None if it cannot be).

    See the module docstring for the rules. Returns ``(mention, adcode_or_None)`` pairs
    in text order.
    """
    mentions = gazetteer.scan(text)
    context = _context(mentions, gazetteer, home_region)
    out: list[tuple[Mention, str | None]] = []
    prev: tuple[Mention, str | None] | None = None
    for m in mentions:
        adjacent = prev[1] if prev is not None and prev[0].end == m.start else None
        candidates = _closest(_under(m, adjacent, gazetteer), context, gazetteer)
        if len(candidates) == 1:
            code = candidates[0]
        elif candidates:
            code = gazetteer.common_ancestor(candidates)
        else:
            code = None
        out.append((m, code))
        prev = (m, code)
    return out


def _context(mentions: list[Mention], gazetteer: Gazetteer, home_region: str | None) -> set[str]:
    """Adcodes the text supports as context: the lineage of every unambiguous, non-risky
    mention, and of the home region."""
    context: set[str] = set()
    for m in mentions:
        if len(m.candidates) == 1 and not m.risky:
            context.update(gazetteer.lineage(m.candidates[0]))
    if home_region:
        context.update(gazetteer.lineage(home_region))
    return context


def _under(m: Mention, adjacent: str | None, gazetteer: Gazetteer) -> list[str]:
    """The candidates of ``m`` under the division printed just before it (江苏省鼓楼区), if
    any are; a risky name counts only there (成都锦江), never alone."""
    candidates = list(m.candidates)
    if adjacent:
        under = [c for c in candidates if adjacent in gazetteer.ancestors(c)]
        if under:
            return under
    return [] if m.risky else candidates


def _closest(candidates: list[str], context: set[str], gazetteer: Gazetteer) -> list[str]:
    """Of several candidates, those whose nearest ancestor in ``context`` is the most
    specific (context naming the prefecture beats context naming only the province)."""
    if len(candidates) <= 1:
        return candidates

    def closeness(code: str) -> int:
        named = [gazetteer[a].depth for a in gazetteer.ancestors(code) if a in context]
        return max(named, default=-1)

    best = max(closeness(c) for c in candidates)
    if best < 0:
        return candidates
    return [c for c in candidates if closeness(c) == best]


def _lead(body: str, sentences: int = 2, limit: int = 160) -> str:
    """The first ``sentences`` sentences of ``body`` (at most ``limit`` characters)."""
    end = 0
    for _ in range(sentences):
        m = _SENTENCE_END_RE.search(body, end)
        if not m:
            end = len(body)
            break
        end = m.end()
    return body[: min(end, limit)]


def _most_specific(codes: list[str], gazetteer: Gazetteer) -> str | None:
    """The deepest of ``codes``; several different at that depth -> common ancestor."""
    if not codes:
        return None
    depth = max(gazetteer[c].depth for c in codes)
    deepest = list(dict.fromkeys(c for c in codes if gazetteer[c].depth == depth))
    if len(deepest) == 1:
        return deepest[0]
    common = gazetteer.common_ancestor(deepest)
    return common if common is not None else deepest[0]


def _refine(primary: str, lead_codes: list[str], gazetteer: Gazetteer) -> str:
    """A single deeper division inside ``primary`` named in the lead, else ``primary``."""
    inside = [c for c in dict.fromkeys(lead_codes) if primary in gazetteer.ancestors(c)]
    if not inside:
        return primary
    depth = max(gazetteer[c].depth for c in inside)
    deepest = [c for c in inside if gazetteer[c].depth == depth]
    return deepest[0] if len(deepest) == 1 else primary


def _home_at_level(home: str, suffix: str, gazetteer: Gazetteer) -> str:
    """``home`` widened to the level a 我X/全X phrase names (县 county, 市 prefecture...)."""
    lineage = gazetteer.lineage(home)
    division = gazetteer[home]
    if suffix == "省":
        return lineage[-1]
    if suffix in ("市", "州", "盟"):
        if division.level == "county" and not division.name.endswith(suffix):
            return lineage[1] if len(lineage) > 1 else home
        return home
    return home  # 县, 区, 旗: the home county itself


def _most_named(codes: list[str], gazetteer: Gazetteer) -> str:
    """The majority lineage of the body's mentions, as deep as a majority goes.

    Each mention counts for its division and every division above it; starting from
    the most-counted province, descend to the most-counted child while it holds more
    than half of its parent's count.
    """
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for i, c in enumerate(codes):
        for a in gazetteer.lineage(c):
            counts[a] += 1
            first.setdefault(a, i)

    def best(options: list[str]) -> str:
        return max(options, key=lambda c: (counts[c], -first[c]))

    current = best([c for c in counts if gazetteer[c].parent is None])
    while True:
        kids = [c for c in counts if gazetteer[c].parent == current]
        if not kids:
            return current
        kid = best(kids)
        if counts[kid] * 2 <= counts[current]:
            return current
        current = kid
