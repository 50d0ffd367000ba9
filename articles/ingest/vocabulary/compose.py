"""How the vocabulary's regexes are composed from its word lists: ``alternation``
(longest first), ``word_trie`` (shared prefixes once, for many words), ``escaped`` and
``char_class`` (characters of a class), after Django's ``URLValidator``, which composes
``host_re`` from named parts."""

from __future__ import annotations

import re
from collections.abc import Iterable


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, each escaped, longest first (so 增长 is tried
    before 增 and 个月 before 个). Equal lengths keep their given order."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def word_trie(words: Iterable[str], between: str = "") -> str:
    """A regex matching exactly the strings ``words`` (escaped), written as a trie: shared
    prefixes once (``发(?:布(?:时间|日期)|文机关)``), longer before shorter at each branch.
    ``between`` (a regex, e.g. ``"[ ,]*"``) is allowed between a word's characters: the
    words are then found as if those characters were removed from the text first.

    For searching many words: ``re`` tries an alternation's branches one by one at each
    position, a trie one character. It finds what ``alternation`` finds: at each
    position the branches differ in their first character, so the one path the text
    follows is tried, and its longest word wins (the optional tails are greedy).
    """
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def branch(node: dict, sep: str) -> str:
        alts = [
            sep + re.escape(ch) + branch(sub, between) for ch, sub in sorted(node.items()) if ch
        ]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return branch(trie, "")


def escaped(chars: str) -> str:
    """``chars`` escaped one by one, to stand inside a regex character class."""
    return "".join(re.escape(c) for c in chars)


def char_class(chars: str) -> str:
    """A regex character class of ``chars``, each escaped: ``"。！"`` -> ``"[。！]"``."""
    return "[" + escaped(chars) + "]"
