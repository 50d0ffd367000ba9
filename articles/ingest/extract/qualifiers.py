"""Qualifiers: bound words before a number (约, 超过, 不足 ...) and after it (左右, 以上 ...)."""

from __future__ import annotations

#: Qualifiers written before the number, longest first: (word, bound).
_PREFIXES = (
    ("不低于", "lower"),
    ("不少于", "lower"),
    ("不高于", "upper"),
    ("不超过", "upper"),
    ("将近", "upper"),
    ("接近", "upper"),
    ("不足", "upper"),
    ("不到", "upper"),
    ("少于", "upper"),
    ("近", "upper"),
    ("超过", "lower"),
    ("超出", "lower"),
    ("多达", "lower"),
    ("突破", "lower"),
    ("逾", "lower"),
    ("超", "lower"),
    ("大约", "about"),
    ("大概", "about"),
    ("约", "about"),
)
#: Verbs that may stand between a qualifier and its number (约有3000名, 约为1.2万人,
#: 将近达5000人). Only the qualifiers in ``_LINKABLE`` take them: 近有/近为 more often reads
#: "recently there were" than "nearly", and 超为/逾有 are not idiomatic.
_LINKS = "有为达计"
_LINKABLE = frozenset({"约", "大约", "大概", "将近", "接近"})
POST_BOUND = {"左右": "about", "上下": "about", "以上": "lower", "以下": "upper", "以内": "upper"}
_NOT_NEAR = frozenset("附最临靠")  # 附近/最近/临近/靠近 are not 近 "nearly"
_NOT_ABOUT = frozenset("节制预签契履违公特相邀")  # 节约/签约/相约 ... are not 约 "about"


def _qualifier_at(text: str, pos: int) -> tuple[str, str]:
    """The ``_PREFIXES`` word ending exactly at ``pos`` and its bound, or ("", "")."""
    head = text[max(0, pos - 3) : pos]
    for word, bound in _PREFIXES:
        if head.endswith(word):
            before = text[pos - len(word) - 1] if pos - len(word) >= 1 else ""
            if word == "近" and before in _NOT_NEAR:
                continue
            if word == "约" and before in _NOT_ABOUT:
                continue
            return word, bound
    return "", ""


def qualifier_before(text: str, pos: int, chinese_bare: bool) -> tuple[str, str]:
    """The qualifier written before the number at ``pos`` and its bound, or ("", "").

    The returned word is the whole evidence prefix: a qualifier (约, 超过, 不低于 ...) right
    before the number, or an about/nearly word and a linking verb (约有, 约为, 大约达,
    将近有; see ``_LINKS``). 上百名/上千人 are lower bounds.
    """
    word, bound = _qualifier_at(text, pos)
    if word:
        return word, bound
    if pos >= 2 and text[pos - 1] in _LINKS:
        word, bound = _qualifier_at(text, pos - 1)
        if word in _LINKABLE:
            return word + text[pos - 1], bound
    if chinese_bare and text[max(0, pos - 1) : pos] == "上":  # 上百名, 上千人
        return "上", "lower"
    return "", ""
