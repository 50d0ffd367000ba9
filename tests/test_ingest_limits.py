"""Bounded ingest (issue 12): size limits before parsing, junk refused, every file of a batch
tried and the bad ones named, one line each, never a traceback."""

import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.ingest_guard import (
    PageRefused,
    check_page_text,
    check_parsed_articles,
    use_ingest_statement_timeout,
)
from articles.models import Article, SourcePage
from articles.services import IngestError, ingest_page

SEED = Path(__file__).parent / "data" / "seed_page.txt"
JUNK = "。。。！！！——1234567890……\n" * 200
FILLER = ("lorem ipsum dolor sit amet " * 40 + "\n") * 50

pytestmark = pytest.mark.django_db


def ingest(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("ingest", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.parametrize("text", [JUNK, FILLER, JUNK + FILLER + "志愿服务"])
def test_junk_text_is_refused_and_not_stored(text):
    with pytest.raises(IngestError, match="no recognizable article"):
        ingest_page(text=text)
    assert SourcePage.objects.count() == Article.objects.count() == 0


def test_a_page_whose_items_are_all_too_short_is_refused_after_splitting():
    with pytest.raises(PageRefused, match="no recognizable article"):
        check_parsed_articles(["图为志愿者。", "1234567890", "摄影 张三"])
    check_parsed_articles(
        ["图为志愿者。", "旺苍县新时代文明实践志愿服务队伍今年开展活动三百余场次服务群众"]
    )


def test_an_oversized_file_is_refused_before_reading_naming_file_and_limit(tmp_path, settings):
    big = tmp_path / "whole-year.txt"
    big.write_bytes(SEED.read_bytes() * 30)  # ~620 kB
    settings.INGEST_MAX_FILE_BYTES = 512 * 1024
    with pytest.raises(CommandError, match=r"whole-year.txt: .*over the .*limit"):
        ingest(big)
    assert SourcePage.objects.count() == 0


def test_a_page_with_too_much_text_is_refused_naming_the_limit(tmp_path, settings):
    big = tmp_path / "whole-year.txt"
    big.write_bytes(SEED.read_bytes() * 30)  # ~620 kB, about 200,000 characters
    settings.INGEST_MAX_PAGE_CHARS = 100_000
    with pytest.raises(CommandError, match=r"whole-year.txt: has 2\d\d,\d\d\d characters, over"):
        ingest(big)
    assert SourcePage.objects.count() == 0


def test_a_very_long_line_is_refused_fast_before_parsing():
    line = "旺苍县志愿服务" * 10_000  # 70,000 characters on one line (took 9.4 s at 64 KB)
    started = time.monotonic()
    with pytest.raises(IngestError, match="line 2 has 70,000 characters"):
        ingest_page(text="标题\n" + line)
    assert time.monotonic() - started < 1
    with pytest.raises(PageRefused, match="over the limit of 524,288 for one page"):
        check_page_text("志" * 600_000)


def test_an_article_over_the_length_limit_is_refused(settings):
    settings.INGEST_MAX_ARTICLE_CHARS = 300
    with pytest.raises(
        IngestError, match=r"article \d+ has [\d,]+ characters, over the limit of 300"
    ):
        ingest_page(text=SEED.read_text("utf-8"))
    assert SourcePage.objects.count() == 0


def test_a_directory_and_a_missing_file_are_named_and_the_other_files_go_on(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    missing = tmp_path / "missing.txt"
    junk = tmp_path / "junk.txt"
    junk.write_text(JUNK, encoding="utf-8")
    out, err = StringIO(), StringIO()
    with pytest.raises(
        CommandError, match="3 of 4 pages refused; of the others 1 stored, 0 updated, 0 unchanged"
    ):
        call_command(
            "ingest", str(empty), str(missing), str(junk), str(SEED), stdout=out, stderr=err
        )
    lines = [line for line in err.getvalue().splitlines() if not line.startswith("ingest: ")]
    assert lines == [
        f"{empty}: refused: directory holds no files",
        f"{missing}: refused: no such file or directory",
        f"{junk}: refused: no recognizable article: no item has at least 8 Chinese characters "
        "of text (INGEST_MIN_ARTICLE_HAN); is it a newspaper page?",
    ]
    assert f"{SEED}: created: 8 articles" in out.getvalue()
    assert SourcePage.objects.count() == 1


def test_a_single_missing_file_is_a_one_line_error(tmp_path):
    with pytest.raises(CommandError, match=r"^.*missing.txt: no such file or directory$"):
        ingest(tmp_path / "missing.txt")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="statement_timeout is PostgreSQL's")
def test_web_connections_have_a_statement_timeout_and_the_ingest_its_own(settings):
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "5s"
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone()[0] == "1.1"
        settings.INGEST_STATEMENT_TIMEOUT_MS = 0
        use_ingest_statement_timeout()
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "0"
        settings.INGEST_STATEMENT_TIMEOUT_MS = 5000
        use_ingest_statement_timeout()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the memory map is SQLite's")
def test_the_ingest_command_reads_sqlite_without_the_memory_map_the_web_uses(settings):
    # the test database is in memory (no map to read back): the command's statements say it
    assert "PRAGMA mmap_size=" in settings.DATABASES["default"]["OPTIONS"]["init_command"]
    with CaptureQueriesContext(connection) as queries:
        ingest(SEED)
    statements = [q["sql"] for q in queries.captured_queries]
    assert "PRAGMA mmap_size=0" in statements
    assert SourcePage.objects.count() == 1


@pytest.mark.django_db
def test_a_queued_page_is_ingested_under_the_ingest_commands_connection_settings(settings):
    """A Celery worker's task sets what the ingest command sets: the ingest's statement
    timeout on PostgreSQL, no memory map on SQLite (then stores the page)."""
    from articles.models import IngestRun
    from articles.services.runs import IngestOptions
    from articles.tasks import ingest_page_task

    settings.INGEST_STATEMENT_TIMEOUT_MS = 0
    run = IngestRun.objects.create(pages_total=1, queued=True)
    with CaptureQueriesContext(connection) as queries:
        outcome = ingest_page_task(
            run.pk, "seed.txt", SEED.read_text("utf-8"), IngestOptions().to_json()
        )
    statements = [q["sql"] for q in queries.captured_queries]
    if connection.vendor == "sqlite":
        assert "PRAGMA mmap_size=0" in statements
    else:
        with connection.cursor() as cursor:
            cursor.execute("SHOW statement_timeout")
            assert cursor.fetchone()[0] == "0"
    assert outcome.startswith("seed.txt: created") and SourcePage.objects.count() == 1
