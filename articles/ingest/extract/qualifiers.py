"""Qualifiers: the bound word written before a number (约, 超过, 不足 ...; the words are
``vocabulary.PRE_BOUND_WORDS``), with the exceptions that make a word no qualifier."""

from __future__ import annotations

from ..types import Bound
from ..vocabulary import LINKABLE_BOUND_WORDS, LINKS, PRE_BOUND_WORDS

_NOT_NEAR = frozenset("附最临靠")  # 附近/最近/临近/靠近 are not 近 "nearly"
_NOT_ABOUT = frozenset("节制预签契履违公特相邀")  # 节约/签约/相约 ... are not 约 "about"


_WORDS = tuple(word for word, _ in PRE_BOUND_WORDS)


def _qualifier_at(text: str, pos: int) -> tuple[str, Bound]:
    """The ``vocabulary.PRE_BOUND_WORDS`` word ending exactly at ``pos`` and its bound, or
    ``("", Bound.EXACT)``."""
    head = text[max(0, pos - 3) : pos]
    if not head.endswith(_WORDS):
        return "", Bound.EXACT  # one C call for the usual case: no qualifier at all
    for word, bound in PRE_BOUND_WORDS:
        if head.endswith(word):
            before = text[pos - len(word) - 1] if pos - len(word) >= 1 else ""
            if word == "近" and before in _NOT_NEAR:
                continue
            if word == "约" and before in _NOT_ABOUT:
                continue
            return word, bound
    return "", Bound.EXACT


def qualifier_before(text: str, pos: int, chinese_bare: bool) -> tuple[str, Bound]:
    """The qualifier written before the number at ``pos`` and its bound, or
    ``("", Bound.EXACT)``.

    The returned word is the whole evidence prefix: a qualifier (约, 超过, 不低于 ...) right
    before the number, or an about/nearly word and a linking verb (约有, 约为, 大约达,
    将近有; see ``vocabulary.LINKS``). 上百名/上千人 are lower bounds.
    """
    word, bound = _qualifier_at(text, pos)
    if word:
        return word, bound
    if pos >= 2 and text[pos - 1] in LINKS:
        word, bound = _qualifier_at(text, pos - 1)
        if word in LINKABLE_BOUND_WORDS:
            return word + text[pos - 1], bound
    if chinese_bare and text[max(0, pos - 1) : pos] == "上":  # 上百名, 上千人
        return "上", Bound.LOWER
    return "", Bound.EXACT
