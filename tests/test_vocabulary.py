"""The parser's one vocabulary (articles/ingest/vocabulary/): every list it holds is read
by the stages, so a word added there is recognised everywhere without a second edit.

Each test walks a list of the vocabulary and asks a stage about every word in it; a stage
that kept its own (older, shorter) copy of a list fails here as soon as a word is added.
"""

from decimal import Decimal

import pytest

from articles.ingest import vocabulary as vocab
from articles.ingest.extract import extract_quantities
from articles.ingest.split.marks import ends_sentence
from articles.ingest.types import Bound
from articles.text import sentence_span


def only(body):
    found = extract_quantities(body)
    assert len(found) == 1, (body, found)
    return found[0]


def test_the_vocabulary_lists_are_named_and_free_of_repeats():
    lists = {
        "CLASSIFIERS": vocab.CLASSIFIERS,
        "PRE_BOUND_WORDS": [w for w, _ in vocab.PRE_BOUND_WORDS],
        "CHANGE_BY_VERBS": vocab.CHANGE_BY_VERBS,
        "CHANGE_TO_VERBS": vocab.CHANGE_TO_VERBS,
        "DISTRIBUTED_CHANGE_VERBS": vocab.DISTRIBUTED_CHANGE_VERBS,
        "PLAN_WORDS": vocab.PLAN_WORDS,
        "FACT_WORDS": vocab.FACT_WORDS,
    }
    for name, words in lists.items():
        assert words, name
        assert len(set(words)) == len(words), name
    assert set(vocab.DISTRIBUTED_CHANGE_VERBS) < set(vocab.CHANGE_BY_VERBS)
    assert set(vocab.SENTENCE_FINAL) < set(vocab.SENTENCE_MARKS) < set(vocab.CLAUSE_MARKS)
    assert set(vocab.CLASSIFIERS) < set(vocab.UNIT_FORMS)


@pytest.mark.parametrize("written", sorted(vocab.UNIT_FORMS))
def test_every_unit_of_the_vocabulary_is_read_after_a_number(written):
    # an age is a measurement only as an average or expectancy (extract/contexts.py)
    noun = "职工平均年龄" if vocab.UNIT_FORMS[written] == "岁" else "今年该项数量"
    q = only(f"{noun}为35{written}。")
    assert q.value == Decimal(35)
    assert q.unit == vocab.UNIT_FORMS[written]


def test_measure_units_are_normalized_units_of_the_vocabulary():
    assert vocab.MEASURE_UNITS <= set(vocab.UNIT_FORMS.values()) | set(vocab.PREFIX_UNITS.values())


@pytest.mark.parametrize("written", sorted(vocab.PREFIX_UNITS))
def test_every_unit_written_before_a_number_is_read(written):
    q = only(f"今年空气质量综合{written}为5.73，较上年改善。")
    assert (q.value, q.unit) == (Decimal("5.73"), vocab.PREFIX_UNITS[written])


@pytest.mark.parametrize("word,bound", vocab.PRE_BOUND_WORDS)
def test_every_bound_word_before_a_number_gives_its_bound(word, bound):
    q = only(f"参加活动的志愿者{word}300人。")
    assert (q.value, q.unit, q.bound, q.approx) == (Decimal(300), "人", bound, True)


@pytest.mark.parametrize("word,bound", vocab.POST_BOUND_WORDS.items())
def test_every_bound_word_after_a_unit_gives_its_bound(word, bound):
    q = only(f"参加活动的志愿者300人{word}。")
    assert (q.value, q.bound) == (Decimal(300), bound)


@pytest.mark.parametrize("word", vocab.LOWER_BOUND_AFTER_NUMBER)
def test_more_words_between_number_and_unit_give_a_lower_bound(word):
    q = only(f"参加活动的志愿者300{word}人。")
    assert (q.value, q.bound) == (Decimal(300), Bound.LOWER)


@pytest.mark.parametrize("verb", vocab.CHANGE_TO_VERBS)
def test_every_change_to_verb_joins_a_change_with_and_without_an_opener(verb):
    for body in (f"补助标准由1800元{verb}至2000元。", f"补助标准1800元{verb}到2000元。"):
        q = only(body)
        assert (q.previous_value, q.value, q.unit) == (Decimal(1800), Decimal(2000), "元"), body


@pytest.mark.parametrize("verb", vocab.CHANGE_BY_VERBS)
def test_every_change_by_verb_keeps_by_and_to_apart(verb):
    """增加300人至3500人 is "by 300, to 3500": two quantities, not a range 300..3500; the
    change of a fall verb is negative (减少300人至3500人: by −300, to 3500)."""
    found = extract_quantities(f"全县志愿者{verb}300人至3500人。")
    by = Decimal(-300) if verb in vocab.FALL_VERBS else Decimal(300)
    assert [(q.value, q.value_max) for q in found] == [(by, None), (Decimal(3500), None)]


@pytest.mark.parametrize("verb", vocab.DISTRIBUTED_CHANGE_VERBS)
def test_every_distributed_change_verb_goes_into_each_label(verb):
    found = extract_quantities(f"事故起数、死亡人数同比分别{verb}15%、20%。")
    assert [q.label for q in found] == [f"事故起数同比{verb}", f"死亡人数同比{verb}"]


@pytest.mark.parametrize("word", vocab.PLAN_WORDS)
def test_every_plan_word_makes_a_target(word):
    assert only(f"{word}新建学校5所。").target is True


@pytest.mark.parametrize("word", [w for w in vocab.FACT_WORDS if w != "完成"])
def test_every_fact_word_after_a_plan_word_makes_a_fact(word):
    assert only(f"力争明年{word}新建学校5所。").target is False


@pytest.mark.parametrize("mark", vocab.LINE_SENTENCE_ENDS)
def test_every_line_sentence_end_ends_a_printed_line(mark):
    assert ends_sentence(f"全县新建学校五所{mark}")
    assert ends_sentence(f"全县新建学校五所{mark}”")
    assert not ends_sentence("全县新建学校五所，")


@pytest.mark.parametrize("mark", vocab.EVIDENCE_SENTENCE_ENDS)
def test_every_evidence_sentence_end_bounds_the_evidence_sentence(mark):
    body = f"前一句{mark}新建学校5所{mark}后一句"
    start = body.index("5")
    left, right = sentence_span(body, start, start + 2)
    assert left == 4
    assert body[left:right].rstrip("\n") == f"新建学校5所{mark}".rstrip("\n")


@pytest.mark.parametrize("mark", vocab.CLAUSE_MARKS)
def test_every_clause_mark_ends_a_label(mark):
    q = only(f"开展培训{mark}志愿者300人。")
    assert q.label == "志愿者"


def test_a_word_trie_finds_what_the_longest_first_alternation_finds():
    import re

    words = list(vocab.TOOLBAR_WORDS + vocab.PAGE_LIST_HEADINGS)
    trie, alt = re.compile(vocab.word_trie(words)), re.compile(vocab.alternation(words))
    text = "首页 | 无障碍浏览 | 打印本页 | 关闭窗口 | 相关阅读 | 手机版 | 分享到微信 | 默认大中小"
    found = [(m.start(), m.group()) for m in trie.finditer(text)]
    assert found == [(m.start(), m.group()) for m in alt.finditer(text)]
    assert (5, "无障碍浏览") in found and (27, "相关阅读") in found  # the longest word
