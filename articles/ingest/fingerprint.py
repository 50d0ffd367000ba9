"""Fingerprints of an article body, to store each article once (issue 8, point 3).

Pure functions, no database:

- ``body_sha256(body)``: the exact-duplicate key. The body is normalised by dropping
  every whitespace character and writing full-width digits, Latin letters and the
  full-width full stop in ASCII (the part of NFKC that matters for comparing newspaper
  text: １２３ -> 123), so the same article re-typeset (line breaks, full-width digits
  or spaces) hashes alike. Full-width punctuation (，。（）) is kept: it is how Chinese
  is printed. A regex substitution that finds nothing to do in most bodies, many times
  cheaper than ``unicodedata.normalize``.
- ``band_keys(body)``: locality-sensitive keys for near duplicates. The body's character
  5-gram shingles (hashed to 32 bits) are MinHashed with ``PERMUTATIONS`` (24) hash functions and the
  signature is cut into ``BANDS`` (6) bands of 4 values; each band gives one signed 64-bit
  key (a ``BigIntegerField``). Two bodies whose shingle sets have Jaccard similarity J
  share at least one key with probability 1 - (1 - J^4)^6: 0.96 at J = 0.8, 0.32 at
  J = 0.5, 0.05 at J = 0.3 (Leskovec, Rajaraman & Ullman, *Mining of Massive Datasets*,
  ch. 3.4). The keys only pick candidates; ``near_duplicate`` decides.
- ``near_duplicate(a, b)``: the rule. Two bodies are the same article reprinted when

  1. the shorter has at least ``MIN_SHINGLES`` (20) shingles (a caption of a dozen
     characters is too short to judge),
  2. the shorter is at least half as long as the longer (``MIN_LENGTH_RATIO``),
  3. at least ``CONTAINMENT`` (80 %) of the shorter's shingles occur in the longer
     (a reprint with a trimmed paragraph keeps all its shingles; a new headline is not
     part of the body at all), and
  4. every number written in the shorter also occurs in the longer: a monthly report
     in the same words with this month's figures is a new article with new facts, never
     a duplicate of last month's.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import numpy as np

SHINGLE = 5
PERMUTATIONS = 24
BANDS = 6
ROWS = PERMUTATIONS // BANDS
MIN_SHINGLES = 20
MIN_LENGTH_RATIO = 0.5
CONTAINMENT = 0.8

# (a * h + b) mod P over 32-bit shingle hashes h: P is the first prime above 2**32, and
# a, b < 2**32 keep a * h + b below 2**64 (no uint64 overflow).
_P = np.uint64(4294967311)
_rng = np.random.default_rng(20261201)  # fixed: keys must be the same in every process
_A = _rng.integers(1, 2**32 - 1, size=(PERMUTATIONS, 1), dtype=np.uint64)
_B = _rng.integers(0, 2**32 - 1, size=(PERMUTATIONS, 1), dtype=np.uint64)

_SPACE = re.compile(r"\s+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


_FULLWIDTH_ALNUM = re.compile("[\uff0e\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")


def normalize_body(body: str) -> str:
    """Whitespace removed, full-width digits and letters made ASCII: the form every
    fingerprint is taken of (see the module docstring)."""
    return _FULLWIDTH_ALNUM.sub(lambda m: chr(ord(m.group(0)) - 0xFEE0), _SPACE.sub("", body))


def body_sha256(body: str | Prepared) -> str:
    """Hex SHA-256 of ``normalize_body(body)`` (UTF-8): an article's exact-duplicate key."""
    text = body.text if isinstance(body, Prepared) else normalize_body(body)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def shingles(body: str) -> set[str]:
    """The set of character 5-grams of the normalised body (empty if shorter than 5)."""
    text = normalize_body(body)
    return {text[i : i + SHINGLE] for i in range(len(text) - SHINGLE + 1)}


def numbers(body: str) -> set[str]:
    """The numbers written in the body in digits (full-width ones too), e.g.
    {'2023', '51104'}."""
    return set(_NUMBER.findall(normalize_body(body)))


def _shingle_hashes(text: str) -> np.ndarray:
    """Distinct 32-bit hashes of the text's 5-grams, vectorised: a polynomial hash over
    the code points (base 1000003, mod 2**32), so no Python loop per shingle."""
    points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = len(points) - SHINGLE + 1
    if n <= 0:
        return np.empty(0, dtype=np.uint64)
    hashes = np.zeros(n, dtype=np.uint64)
    for k in range(SHINGLE):
        hashes = (hashes * np.uint64(1000003) + points[k : k + n]) & np.uint64(0xFFFFFFFF)
    # np.unique's answer (sorted, distinct) by a sort and a neighbour test: numpy 2's
    # np.unique hashes integer arrays, ten times slower on a body's few hundred values
    hashes.sort()
    return hashes[np.concatenate(([True], hashes[1:] != hashes[:-1]))]


def band_keys(body: str | Prepared) -> list[int]:
    """The ``BANDS`` LSH keys of the body (signed 64-bit ints), or ``[]`` when the body
    has fewer than ``MIN_SHINGLES`` shingles (too short to compare)."""
    text = body.text if isinstance(body, Prepared) else normalize_body(body)
    hashes = _shingle_hashes(text)
    if len(hashes) < MIN_SHINGLES:
        return []
    signature = ((_A * hashes[np.newaxis, :] + _B) % _P).min(axis=1)
    keys = []
    for band in range(BANDS):
        chunk = signature[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(bytes([band]) + chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return keys


@dataclass(frozen=True)
class Similarity:
    """How two bodies compare: ``containment`` is the share of the shorter body's
    shingles found in the longer (0..1), ``length_ratio`` shorter/longer length (0..1),
    ``numbers_kept`` whether every number of the shorter occurs in the longer."""

    containment: float
    length_ratio: float
    numbers_kept: bool
    shingles: int

    @property
    def is_near_duplicate(self) -> bool:
        """The rule of the module docstring (points 1-4)."""
        return (
            self.shingles >= MIN_SHINGLES
            and self.length_ratio >= MIN_LENGTH_RATIO
            and self.containment >= CONTAINMENT
            and self.numbers_kept
        )


@dataclass
class Prepared:
    """A body with what comparing it needs, computed once: the normalised text, its
    numbers and (lazily) its shingles. Comparing one new article with many candidates
    then costs one normalisation per body, and most candidates are ruled out by length or
    numbers before any shingle set is built."""

    text: str
    numbers: set[str]
    _shingles: set[str] | None = None

    @classmethod
    def of(cls, body: str) -> Prepared:
        text = normalize_body(body)
        return cls(text=text, numbers=set(_NUMBER.findall(text)))

    @property
    def shingles(self) -> set[str]:
        if self._shingles is None:
            t = self.text
            self._shingles = {t[i : i + SHINGLE] for i in range(len(t) - SHINGLE + 1)}
        return self._shingles


def compare(a: str | Prepared, b: str | Prepared, *, full: bool = True) -> Similarity:
    """Compare two article bodies (see ``Similarity``); ``a``/``b`` may be prepared.

    With ``full=False`` the shingle containment is computed only when the cheap tests
    (length ratio, numbers) pass; otherwise it is reported as 0.
    """
    a = a if isinstance(a, Prepared) else Prepared.of(a)
    b = b if isinstance(b, Prepared) else Prepared.of(b)
    short, long = sorted((a, b), key=lambda p: len(p.text))
    ratio = len(short.text) / max(1, len(long.text))
    kept = short.numbers <= long.numbers
    if not full and (ratio < MIN_LENGTH_RATIO or not kept):
        return Similarity(0.0, ratio, kept, len(short.text) - SHINGLE + 1)
    if not short.shingles:
        return Similarity(0.0, 0.0, False, 0)
    return Similarity(
        containment=len(short.shingles & long.shingles) / len(short.shingles),
        length_ratio=ratio,
        numbers_kept=kept,
        shingles=len(short.shingles),
    )


def near_duplicate(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are the same article reprinted (module docstring rule)."""
    return compare(a, b).is_near_duplicate
