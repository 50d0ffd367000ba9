"""trafilatura's "discarding data: None" stays out of the ingest's output: it logged that
warning (no file name, on stderr beside the progress and the refusals) for every HTML page
whose main text it could not find. Its logger is set to ERROR (settings.LOGGING); the
HTML reader refuses such a page itself, naming the file and the reason."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest

from articles.ingest.sources import iter_pages
from tests.subprocesses import ROOT, database_url, env

#: A page of links and a footer, no article: trafilatura finds no main text (and says so).
NO_ARTICLE = ROOT / "tests" / "data" / "pages" / "bad" / "broken.html"


def test_the_reader_refuses_the_page_and_trafilatura_logs_no_warning(caplog):
    caplog.set_level(logging.DEBUG)  # everything the root logger would let through
    [refusal] = iter_pages([NO_ARTICLE], max_bytes=1 << 20)
    assert refusal.reason == "no article text found (broken HTML, or a page without an article)"
    assert [r.getMessage() for r in caplog.records if r.name.startswith("trafilatura")] == []
    assert logging.getLogger("trafilatura.core").getEffectiveLevel() == logging.ERROR


@pytest.mark.django_db(transaction=True)
def test_manage_py_ingest_prints_no_discarding_data_line(tmp_path, reference_data):
    page = tmp_path / "index.html"
    page.write_bytes(NO_ARTICLE.read_bytes())
    (tmp_path / "nanchong.html").write_bytes(
        (ROOT / "tests" / "data" / "pages" / "html" / "nanchong.html").read_bytes()
    )
    done = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "ingest", "--dry-run", str(tmp_path)],
        env=env(database_url(tmp_path)),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = done.stdout + done.stderr
    assert f"{page}: refused: no article text found" in output, output
    assert "discarding data" not in output
    assert "trafilatura" not in output
    assert Path(tmp_path / "nanchong.html").name in output  # the other page was read
