"""The parser's word lists, in one place: punctuation, units, bound words, change verbs,
plan words, fact words, and the furniture of web pages.

Every stage (split, extract, indicators, locate, and ``articles.text`` for evidence
sentences) reads these lists from here, and the regexes that use them are composed from
them with ``alternation`` and ``char_class``, the way Django's ``URLValidator``
(``django/core/validators.py``) composes ``host_re`` from named parts. Adding a unit, a
change verb or a bound word is therefore one edit in this package;
``tests/test_vocabulary.py`` lists the vocabulary and checks each stage recognises it.

Where two stages deliberately read different subsets (the verbs that say "changed *to*"
and those that say "changed *by*"), both subsets are named here with the reason.
Pure data: no Django import, and no import from the stages.

One module per kind of word, every name handed on here (``from ..vocabulary import
UNIT_FORMS`` stays the one way in): ``punctuation`` (sentence and clause ends),
``quantities`` (units, non-measurements, bound words, change verbs, plan and fact words,
parts and totals), ``places`` (zones, proper-name and venue ends), ``furniture`` (the
words of web-page furniture) and ``compose`` (the regex helpers the stages compose with).
"""

from .compose import (  # noqa: F401
    alternation,
    char_class,
    escaped,
    word_trie,
)
from .furniture import (  # noqa: F401
    BREADCRUMB_LABELS,
    BREADCRUMB_SEPARATORS,
    FOOTER_LABELS,
    FOOTER_MARKS,
    HOME_WORDS,
    NAV_WORDS,
    PAGE_LINK_LABELS,
    PAGE_LIST_HEADINGS,
    PUBLISH_LABELS,
    TOOLBAR_WORDS,
    WEAK_PUBLISH_LABELS,
)
from .places import (  # noqa: F401
    FEATURE_NAME_ENDS,
    PROPER_NAME_ENDS,
    SHORT_NAME_LEFT_BREAKS,
    VENUE_ENDS,
    ZONE_SUFFIXES,
)
from .punctuation import (  # noqa: F401
    CLAUSE_MARKS,
    CLOSERS,
    COLONS,
    COMMAS,
    ELLIPSIS,
    EVIDENCE_SENTENCE_ENDS,
    LINE_SENTENCE_ENDS,
    SEMICOLONS,
    SENTENCE_FINAL,
    SENTENCE_MARKS,
)
from .quantities import (  # noqa: F401
    ADDRESS_BEFORE,
    ADDRESS_UNITS,
    ADJUST_VERBS,
    AGE_MEASURE_WORDS,
    CHANGE_BY_VERBS,
    CHANGE_TO_VERBS,
    CLASSIFIERS,
    COMPLETION_WORDS,
    COVERED_PLACE_WORDS,
    DISTRIBUTED_CHANGE_VERBS,
    DURATION_WORDS,
    FACT_WORDS,
    FALL_VERBS,
    FIRM_COUNTERS,
    LINKABLE_BOUND_WORDS,
    LINKS,
    LOWER_BOUND_AFTER_NUMBER,
    MEASURE_UNITS,
    NON_ADDITIVE_UNITS,
    NUMERAL_TERM_TAILS,
    NUMERAL_TIER_BEFORE,
    PAGE_COUNTER_WORDS,
    PART_LINKS,
    PLACE_COUNTERS,
    PLACE_NAME_ENDS,
    PLAN_WORDS,
    POST_BOUND_WORDS,
    PRE_BOUND_WORDS,
    PREFIX_UNITS,
    RISE_VERBS,
    SUBSET_LINK,
    TIME_UNITS,
    TOTAL_WORDS,
    UNIT_FORMS,
    WON_WORDS,
)

__all__ = [
    "ADDRESS_BEFORE",
    "ADDRESS_UNITS",
    "AGE_MEASURE_WORDS",
    "BREADCRUMB_LABELS",
    "BREADCRUMB_SEPARATORS",
    "CHANGE_BY_VERBS",
    "CHANGE_TO_VERBS",
    "CLASSIFIERS",
    "CLAUSE_MARKS",
    "CLOSERS",
    "COMPLETION_WORDS",
    "COVERED_PLACE_WORDS",
    "DISTRIBUTED_CHANGE_VERBS",
    "DURATION_WORDS",
    "EVIDENCE_SENTENCE_ENDS",
    "FACT_WORDS",
    "FALL_VERBS",
    "FIRM_COUNTERS",
    "FOOTER_LABELS",
    "FOOTER_MARKS",
    "HOME_WORDS",
    "LINE_SENTENCE_ENDS",
    "LINKABLE_BOUND_WORDS",
    "LINKS",
    "LOWER_BOUND_AFTER_NUMBER",
    "MEASURE_UNITS",
    "NAV_WORDS",
    "PAGE_COUNTER_WORDS",
    "PAGE_LINK_LABELS",
    "PAGE_LIST_HEADINGS",
    "PLACE_COUNTERS",
    "PLACE_NAME_ENDS",
    "PLAN_WORDS",
    "POST_BOUND_WORDS",
    "PREFIX_UNITS",
    "PRE_BOUND_WORDS",
    "PUBLISH_LABELS",
    "RISE_VERBS",
    "SENTENCE_FINAL",
    "SENTENCE_MARKS",
    "TIME_UNITS",
    "TOOLBAR_WORDS",
    "UNIT_FORMS",
    "WEAK_PUBLISH_LABELS",
    "WON_WORDS",
    "alternation",
    "char_class",
    "escaped",
    "word_trie",
]
