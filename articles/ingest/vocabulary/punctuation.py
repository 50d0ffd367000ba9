"""Punctuation: the marks that end a sentence or a clause, and the subsets each stage
reads as "a sentence end" (split, extract and indicators, evidence sentences)."""

# -- punctuation ---------------------------------------------------------------------------

#: Marks that end a sentence: full stop, exclamation and question marks (full- and
#: half-width). The core of every "sentence end" below.
SENTENCE_FINAL = "。！？!?"
#: Semicolons: in reports they separate list-like clauses that read as sentences.
SEMICOLONS = "；;"
#: Commas that close a clause (the enumeration comma 、 does not).
COMMAS = "，,"
#: Colons that close a clause (a lead-in: 主要措施：…).
COLONS = "：:"
#: The ellipsis, which ends a printed line's sentence in split (``lines``/``segments``).
ELLIPSIS = "…"
#: Closing quotes and brackets that may follow a sentence end (。” ends a sentence too).
CLOSERS = "”’」』）)》\"'"

#: split: a line ending in one of these (closers allowed after) ends a sentence.
LINE_SENTENCE_ENDS = SENTENCE_FINAL + ELLIPSIS
#: extract and indicators: the scope of "the same sentence" for targets and compounds.
SENTENCE_MARKS = SENTENCE_FINAL + SEMICOLONS
#: extract and indicators: the scope of "the same clause" (labels, changes, contexts).
CLAUSE_MARKS = COMMAS + SENTENCE_MARKS + COLONS
#: articles.text.sentence_span: where an evidence sentence ends (a paragraph break too).
EVIDENCE_SENTENCE_ENDS = SENTENCE_FINAL + SEMICOLONS + "\n"
