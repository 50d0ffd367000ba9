"""Fingerprints of an article body, to store each article once (issue 8, point 3).

Pure functions, no database:

- ``body_sha256(body)``: the exact-duplicate key. The body is normalised with Unicode
  NFKC (full-width digits and letters become ASCII) and every whitespace character is
  dropped, so the same article re-typeset (line breaks, full-width spaces) hashes alike.
- ``band_keys(body)``: locality-sensitive keys for near duplicates. The body's character
  5-gram shingles are MinHashed with ``PERMUTATIONS`` (24) hash functions and the
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
import unicodedata
import zlib
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


def normalize_body(body: str) -> str:
    """NFKC with all whitespace removed: the form every fingerprint is taken of."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", body))


def body_sha256(body: str) -> str:
    """Hex SHA-256 of ``normalize_body(body)`` (UTF-8): an article's exact-duplicate key."""
    return hashlib.sha256(normalize_body(body).encode("utf-8")).hexdigest()


def shingles(body: str) -> set[str]:
    """The set of character 5-grams of the normalised body (empty if shorter than 5)."""
    text = normalize_body(body)
    return {text[i : i + SHINGLE] for i in range(len(text) - SHINGLE + 1)}


def numbers(body: str) -> set[str]:
    """The numbers written in the body in digits (after NFKC), e.g. {'2023', '51104'}."""
    return set(_NUMBER.findall(unicodedata.normalize("NFKC", body)))


def band_keys(body: str) -> list[int]:
    """The ``BANDS`` LSH keys of the body (signed 64-bit ints), or ``[]`` when the body
    has fewer than ``MIN_SHINGLES`` shingles (too short to compare)."""
    grams = shingles(body)
    if len(grams) < MIN_SHINGLES:
        return []
    hashes = np.fromiter(
        (zlib.crc32(g.encode("utf-8")) for g in grams), dtype=np.uint64, count=len(grams)
    )
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


def compare(a: str, b: str) -> Similarity:
    """Compare two article bodies (see ``Similarity``)."""
    short, long = sorted((a, b), key=lambda s: len(normalize_body(s)))
    short_grams, long_grams = shingles(short), shingles(long)
    if not short_grams:
        return Similarity(0.0, 0.0, False, 0)
    return Similarity(
        containment=len(short_grams & long_grams) / len(short_grams),
        length_ratio=len(normalize_body(short)) / max(1, len(normalize_body(long))),
        numbers_kept=numbers(short) <= numbers(long),
        shingles=len(short_grams),
    )


def near_duplicate(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are the same article reprinted (module docstring rule)."""
    return compare(a, b).is_near_duplicate
