"""The parser's shortcuts answer as the full tests they stand in front of (issue 8, point 5).

Each quick test of the parser skips work only where the full test gives the same answer.
Here the full tests run with the shortcut switched off, over every line of the sample
pages, the case texts and the web-furniture examples, and must agree line by line; each
test also checks that the shortcut does skip something on these lines, so it is tried.
"""

import json
import random
import re
from pathlib import Path

import pytest

from articles.ingest.gazetteer import Gazetteer
from articles.ingest.gazetteer.scan import _inside_common_word
from articles.ingest.indicators import IndicatorCatalog
from articles.ingest.pipeline import parse_page
from articles.ingest.split import furniture, furniture_kinds, lines
from articles.ingest.split.lines import Line, LineKind, line_kind, mark_widths
from articles.ingest.split.marks import FULL_TOLERANCE
from articles.ingest.vocabulary import word_trie
from articles.text import needs_simplifying, to_simplified
from tests.test_split_furniture import BREADCRUMBS, FOOTERS, PAGE_LINKS, PUBLISH_LINES, TOOLBARS

DATA = Path(__file__).parent / "data"
#: Everything matches it: a shortcut given it decides nothing.
_ALWAYS = re.compile("")


def _texts() -> list[str]:
    cases = json.loads((DATA / "cases.json").read_text("utf-8"))["cases"]
    return [
        (DATA / "seed_page.txt").read_text("utf-8"),
        (DATA / "golmud_2022_page.txt").read_text("utf-8"),
        *(case["text"] for case in cases),
    ]


def _raw_lines() -> list[str]:
    examples = BREADCRUMBS + PUBLISH_LINES + TOOLBARS + FOOTERS + PAGE_LINKS
    bylines = ["◎ 汤红红", "本报记者 王五", "（记者 王五 通讯员 孙七）", "文/图 王五", "记者1"]
    others = ["——四川旺苍县2023年精神文明建设工作综述", "本报讯（记者 王五）近日，", "◆ 简讯"]
    return [ln for text in _texts() for ln in text.split("\n")] + examples + bylines + others


def test_the_furniture_prefilter_never_changes_a_lines_kind(monkeypatch):
    raws = _raw_lines()
    quick = [furniture_kinds.furniture_kind(ln) for ln in raws]
    skipped = sum(
        1
        for ln in raws
        if ln.strip() and not furniture_kinds._MAY_BE_FURNITURE_RE.search(to_simplified(ln.strip()))
    )
    monkeypatch.setattr(furniture_kinds, "_MAY_BE_FURNITURE_RE", _ALWAYS)
    full = [furniture_kinds.furniture_kind(ln) for ln in raws]
    assert quick == full
    assert skipped > 50  # the prefilter answers most prose lines of the sample page alone
    assert sum(k is not None for k in full) >= len(BREADCRUMBS + PUBLISH_LINES + TOOLBARS)


def test_the_word_trie_over_chrome_finds_what_the_squeezed_line_holds():
    words = [w for w in furniture_kinds._NEEDED_WORDS if furniture_kinds._all_hanzi(w)]
    plain = re.compile(word_trie(words))
    spaced = [
        "发 布 时 间：2024-03-05",
        "来|源：县政府办",
        "【 打 印 】",
        "作，者",
        "首页·政务公开",
    ]
    hits = 0
    for line in [ln.strip() for ln in _raw_lines()] + spaced:
        squeezed = furniture_kinds._CHROME_CHARS_RE.sub("", line)
        found = furniture_kinds._HANZI_WORDS_RE.search(line) is not None
        assert found == (plain.search(squeezed) is not None), line
        hits += found
    assert hits > 50


def test_a_page_without_traditional_characters_reads_its_lines_as_they_are():
    assert needs_simplifying("來源：旺蒼縣人民政府")
    assert to_simplified("來源：旺蒼縣人民政府") == "来源：旺苍县人民政府"
    assert not needs_simplifying("来源：旺苍县人民政府")
    assert not needs_simplifying("")
    page = ["來源：縣政府辦", "旺苍县新开发城乡公益性岗位"]
    assert furniture.strip_web_furniture(page).lines == ["", "旺苍县新开发城乡公益性岗位"]


def test_the_line_kind_quick_test_never_changes_a_kind(monkeypatch):
    stripped = [ln.strip() for ln in _raw_lines() if ln.strip()]
    quick = [line_kind(t) for t in stripped]
    monkeypatch.setattr(lines, "_KIND_WORDS_RE", _ALWAYS)
    full = [line_kind(t) for t in stripped]
    assert quick == full
    assert {LineKind.BYLINE, LineKind.SUBTITLE, LineKind.DATELINE, LineKind.BULLET} <= set(full)
    assert full.count(LineKind.BODY) > 300


def test_column_widths_are_the_medians_of_the_lines_around(monkeypatch):
    texts = [ln.strip() for ln in (DATA / "seed_page.txt").read_text("utf-8").split("\n")]
    rng = random.Random(8)
    pages = [[Line(k, t, float(len(t))) for k, t in enumerate(t for t in texts if t)]]
    pages += [
        [Line(k, "", rng.choice([1.0, 5.0, 18.0, 19.5, 20.0, 22.5])) for k in range(n)]
        for n in range(9)
        for _ in range(50)
    ]
    for page in pages:
        mark_widths(page)
        widths = [ln.width for ln in page]
        for i, ln in enumerate(page):
            before = sorted(widths[max(0, i - 3) : i + 1])
            after = sorted(widths[i : i + 4])
            column = after[len(after) // 2]
            if i:
                column = min(before[len(before) // 2], column)
            assert ln.full == (ln.width >= column - FULL_TOLERANCE)
    assert 100 < sum(ln.full for ln in pages[0]) < len(pages[0])


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def test_no_name_starts_where_may_name_at_says_none_can(gazetteer):
    assert gazetteer.may_name_at("四川南充市：", 0)
    assert not gazetteer.may_name_at("近年来，", 0)
    assert not gazetteer.may_name_at("四川", 2)  # past the end
    found = 0
    for text in _texts():
        text = to_simplified(text)
        starts = {m.start for m in gazetteer.scan(text)}
        assert starts <= {i for i in range(len(text)) if gazetteer.may_name_at(text, i)}
        found += len(starts)
    assert found > 100


def _crosses_an_edge(text: str, start: int, end: int, words) -> bool:
    """The rule as written before: any window of 2-4 characters from ``start - 3`` on
    that crosses an edge of ``text[start:end]`` is a frequent word."""
    for p in range(max(0, start - 3), end):
        for q in range(p + 2, min(p + 4, len(text)) + 1):
            if ((p < start < q) or (p < end < q)) and text[p:q] in words:
                return True
    return False


def test_the_edge_windows_find_the_frequent_words_the_rule_names(gazetteer):
    text = to_simplified((DATA / "seed_page.txt").read_text("utf-8"))
    words = gazetteer._frequent
    spans = [(s, s + n) for s in range(len(text) - 1) for n in (2, 3, 4) if s + n <= len(text)]
    answers = [_inside_common_word(text, s, e, words) for s, e in spans]
    assert answers == [_crosses_an_edge(text, s, e, words) for s, e in spans]
    assert 0 < sum(answers) < len(answers)
    # and over short texts of four letters with words of them, where every window occurs
    rng = random.Random(5)
    for _ in range(20000):
        text = "".join(rng.choice("甲乙丙丁") for _ in range(rng.randrange(2, 12)))
        start = rng.randrange(len(text) - 1)
        end = rng.randrange(start + 1, min(len(text), start + 5) + 1)
        words = {"".join(rng.choice("甲乙丙丁") for _ in range(rng.randrange(2, 5))) for _ in "abc"}
        expected = _crosses_an_edge(text, start, end, words)
        assert _inside_common_word(text, start, end, words) == expected, (text, start, end)


def test_the_indicator_prefilter_never_changes_an_indicator(monkeypatch):
    catalog = IndicatorCatalog.load()
    articles = [a for text in _texts() for a in parse_page(text).articles]
    quick = [q.indicator for a in articles for q in a.quantities]
    monkeypatch.setattr(
        catalog, "_needed_by_unit", {unit: _ALWAYS for unit in catalog._needed_by_unit}
    )
    for a in articles:
        catalog.assign(a.quantities, a.body, topic=a.topic)
    assert [q.indicator for a in articles for q in a.quantities] == quick
    assert sum(slug is not None for slug in quick) > 20


def test_the_leading_word_quick_test_never_changes_a_label(monkeypatch):
    from articles.ingest.extract import labels

    phrases = [
        a.body[max(0, q.start - k) : q.start]
        for text in _texts()
        for a in parse_page(text).articles
        for q in a.quantities
        for k in (2, 4, 8, 12)
    ]
    phrases += ["截至2024年底全县", "该县建成", "全市场", "计划新建", "今年以来", "建成了"]
    quick = [labels._strip_leading(p) for p in phrases]
    monkeypatch.setattr(labels, "_ANY_LEADING_RE", _ALWAYS)
    assert [labels._strip_leading(p) for p in phrases] == quick
    assert sum(q != p for q, p in zip(quick, phrases, strict=True)) > 20
