"""Beyond one machine (issue 8, point 6): ``ingest --queue`` sends each page to Celery and
returns; a real worker (``celery -A govreports worker``, a separate process) against the
real Redis stores them, reporting into the IngestRun. Without a broker the command ingests
in-process.

The Redis test is skipped only when Redis is unreachable and ``CI`` is not set; in CI an
unreachable Redis fails it (``.ci/run`` starts Redis first).
"""

import io
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.models import IngestRun, SourcePage
from tests.services import REDIS_URL, redis_or_skip
from tests.subprocesses import ROOT, database_url, env, manage, query
from tests.test_concurrent_ingest import page_text


def wait_for_run(url: str, run_id: int, seconds: float = 180) -> tuple:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        row = query(
            url,
            "SELECT status, pages_stored, pages_unchanged, pages_refused FROM articles_ingestrun"
            " WHERE id = ?",
            [run_id],
        )[0]
        if row[0] in ("done", "refused"):
            return row
        time.sleep(0.5)
    raise AssertionError(f"ingest run {run_id} not finished after {seconds} s: {row}")


@pytest.mark.django_db(transaction=True)
def test_queued_pages_are_stored_by_a_real_worker_once_each(tmp_path, reference_data):
    redis_or_skip()
    url = database_url(tmp_path)
    queue = f"govreports-test-{uuid.uuid4().hex[:12]}"  # no other run's worker takes these
    broker = {"CELERY_BROKER_URL": REDIS_URL, "CELERY_QUEUE": queue}
    paths = []
    for n in range(4):
        path = tmp_path / f"page{n}.txt"
        path.write_text(page_text(n), encoding="utf-8")
        paths.append(str(path))
    bad = tmp_path / "binary.txt"
    bad.write_bytes(bytes(range(256)) * 4)
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "govreports",
            "worker",
            "--pool=solo",
            "-Q",
            queue,
            "--without-gossip",
            "--without-mingle",
            "-l",
            "warning",
        ],
        env=env(url, **broker),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        sent = manage(
            url, "ingest", *paths, str(bad), "--queue", "--publication", "队列报", **broker
        )
        out, err = sent.communicate(timeout=120)
        assert sent.returncode == 1, err  # a page was refused: said by the exit status
        assert "queued 4 pages as ingest run" in err and "1 refused" in err
        assert f"{bad}: refused:" in err and "Traceback" not in err
        run_id = int(err.split("ingest run ")[1].split()[0])
        assert wait_for_run(url, run_id) == ("refused", 4, 0, 1)
        stored = query(url, "SELECT filename FROM articles_sourcepage ORDER BY filename")
        assert stored == [(p,) for p in sorted(paths)]

        again = manage(url, "ingest", *paths, "--queue", **broker)
        out, _ = again.communicate(timeout=120)
        assert again.returncode == 0
        run_id = int(out.split("ingest run ")[1].split()[0])
        assert wait_for_run(url, run_id) == ("done", 0, 4, 0)  # idempotent by page hash
        assert query(url, "SELECT COUNT(*) FROM articles_sourcepage") == [(4,)]
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            log, _ = worker.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            log, _ = worker.communicate()
    assert "Traceback" not in log, log


@pytest.mark.django_db
def test_without_a_broker_queue_ingests_in_process(settings):
    settings.CELERY_BROKER_URL = ""
    seed = Path(__file__).parent / "data" / "seed_page.txt"
    out, err = io.StringIO(), io.StringIO()
    call_command("ingest", str(seed), "--queue", stdout=out, stderr=err)
    assert "no CELERY_BROKER_URL set" in err.getvalue()
    assert "created: 8 articles" in out.getvalue()
    assert SourcePage.objects.count() == 1
    run = IngestRun.objects.get()
    assert run.queued is False and run.pages_stored == 1
