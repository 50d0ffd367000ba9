"""Parsing time is linear in the page size (issue 12, point 3, extractor part).

Before this test, a 64 KB line of text without punctuation took ~10 s, a run of Chinese
numerals 50 s per 8 KB and a page of plan words minutes: each number read every clause
before it, and some regexes backtracked over whole runs of digits. The pages here are
built from tests/data/seed_page.txt (real report text) and from the hostile shapes that
were quadratic. Timings are CPU time of this process (the CPU is shared with other
jobs), the best of a few runs.
"""

from __future__ import annotations

import gc
import re
import time
from pathlib import Path

import pytest

from articles.ingest.extract import extract_quantities

SEED = (Path(__file__).parent / "data" / "seed_page.txt").read_text("utf-8")


def _page(base: str, size: int) -> str:
    return (base * (size // len(base) + 1))[:size]


def _best_seconds(text: str, runs: int) -> float:
    """Best CPU time of ``runs`` readings of ``text``, garbage collection paused (a full
    collection walks every live object: its share grows with the heap, not the work)."""
    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        for _ in range(runs):
            start = time.process_time()
            extract_quantities(text)
            best = min(best, time.process_time() - start)
    finally:
        gc.enable()
    return best


@pytest.mark.parametrize("line_breaks", [True, False], ids=["lines", "one-line"])
def test_a_1_mb_page_takes_at_most_about_ten_times_a_100_kb_page(line_breaks):
    base = SEED if line_breaks else SEED.replace("\n", "")
    small = _best_seconds(_page(base, 100_000), runs=3)
    big = _best_seconds(_page(base, 1_000_000), runs=2)
    # Linear is 10x, quadratic 100x. Measured 10.5-12x on an idle machine (a 10x larger
    # text and its 1M-entry offset map fit the CPU caches less well) and 17.6x in CI, where
    # three suites share two cores and the caches; the margin (3x linear, as for the 64 KB
    # lines below) still fails a quadratic reader by more than 3x. Before the fix a 64 KB
    # line alone took ~10 s.
    assert big <= 10 * 3 * small, (small, big)
    assert big < 10, big


@pytest.mark.parametrize(
    "shape",
    [
        pytest.param(
            re.sub(r"[，。；：、！？,.;:]", "", SEED.replace("\n", "")), id="no-punctuation"
        ),
        pytest.param("一二三四五六七八九十百千万亿", id="numeral-run"),
        pytest.param("1234567890", id="digit-run"),
        pytest.param("将计划力争建成300个", id="plan-words"),
        pytest.param("参加活动志愿者300人开展服务50场", id="numbers-without-marks"),
        pytest.param("3万4000人25万6千人次增长-2.1%下降3.9%", id="mixed-and-signed"),
        pytest.param("千分之3.2四分之三1234分之", id="fractions"),
        pytest.param("“”《》、、、的了", id="label-punctuation"),
        pytest.param("等" * 8000 + "300人", id="long-label-of-stop-words"),
    ],
)
def test_a_64_kb_line_of_a_hostile_shape_is_read_in_linear_time(shape):
    small = _best_seconds(_page(shape, 8_000), runs=3)
    big = _best_seconds(_page(shape, 64_000), runs=2)
    # Linear is 8x, quadratic 64x. The margin (24x) and the absolute bound are for a shared,
    # slow CPU: CI runs three suites on two cores, where a parse's CPU time was seen 2-3x its
    # idle figure (a single measurement of the 64 KB line at 17-34x its 8 KB best); before
    # the fix one such line took ~10 s on an idle machine.
    assert big < 6, big
    assert big <= 8 * 3 * max(small, 0.005), (small, big)
