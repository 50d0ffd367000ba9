"""Runs of many pages (issue 8, point 5): every page is tried, a refused one is one line
naming it and the reason, the run ends with a summary and is an IngestRun row; progress
is a tqdm bar on a terminal and plain lines otherwise."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.models import IngestRun, IngestRunStatus, SourcePage
from articles.services.runs import IngestOptions, PageInput, Progress, run_pages

pytestmark = pytest.mark.django_db
SEED = Path(__file__).parent / "data" / "seed_page.txt"


def page(tmp_path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_run_tries_every_page_reports_refusals_in_one_line_and_sums_up(tmp_path):
    good = page(tmp_path, "good.txt", "本报讯 3月10日，仪陇县新增就业岗位1200个。")
    empty = page(tmp_path, "empty.txt", "   \n")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    out, err = io.StringIO(), io.StringIO()
    args = [str(SEED), good, empty, str(binary), str(tmp_path / "missing.txt"), str(SEED)]
    with pytest.raises(
        CommandError, match="3 of 6 pages refused; of the others 2 stored, 0 updated, 1 unchanged"
    ):
        call_command("ingest", *args, stdout=out, stderr=err)
    refusals = [line for line in err.getvalue().splitlines() if ": refused: " in line]
    assert [line.split(": refused: ")[0] for line in refusals] == [empty, str(binary), args[4]]
    assert "Traceback" not in err.getvalue()
    summary = out.getvalue().splitlines()
    assert (
        "6 pages: 2 stored, 0 updated, 1 unchanged, 3 refused; 9 articles created, "
        "0 already stored from another page (recorded as appearances)"
    ) in summary
    assert "  refused 1×: no such file or directory" in summary
    assert SourcePage.objects.count() == 2
    run = IngestRun.objects.get()
    assert (run.pages_total, run.pages_stored, run.pages_unchanged, run.pages_refused) == (
        6,
        2,
        1,
        3,
    )
    assert run.status == IngestRunStatus.DONE_WITH_ERRORS and run.finished_at is not None
    assert run.progress == 100
    assert {e["file"] for e in run.errors} == {empty, str(binary), args[4]}


def test_a_directory_given_as_a_page_is_refused_by_name_not_a_traceback(tmp_path):
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 of 2 pages refused"):
        call_command("ingest", str(SEED), str(tmp_path), stdout=io.StringIO(), stderr=err)
    assert f"{tmp_path}: refused: directory holds no files" in err.getvalue()


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_a_bar_on_a_terminal_and_plain_lines_in_a_log():
    bar = Terminal()
    progress = Progress(3, bar)
    for _ in range(3):
        progress.step()
    progress.close()
    assert "3/3" in bar.getvalue() and "page" in bar.getvalue()
    log = io.StringIO()
    progress = Progress(3, log, every=0)
    for _ in range(3):
        progress.step()
    progress.close()
    lines = log.getvalue().splitlines()
    assert lines[0].startswith("ingest: 1/3 pages (33%), ")
    assert lines[-1].startswith("ingest: 3/3 pages (100%), ") and lines[-1].endswith("pages/s")


def test_run_pages_counts_articles_recorded_as_appearances(parsed_seed, seed_text):
    reprint = "清廉机关建设见实效\n\n" + parsed_seed.articles[3].body
    summary = run_pages(
        [PageInput("seed", text=seed_text), PageInput("reprint", text=reprint)],
        IngestOptions(publication="样例报"),
    )
    assert (summary.stored, summary.articles_created, summary.duplicates) == (2, 8, 1)
    assert summary.lines()[0].endswith(
        "8 articles created, 1 already stored from another page (recorded as appearances)"
    )


def test_a_run_says_how_many_stored_pages_have_no_date(tmp_path):
    """A new user followed the README without --date: 495 of 504 articles had no year,
    and nothing said so. The summary does."""
    one = page(tmp_path, "one.txt", "本报讯 3月10日，仪陇县新增就业岗位1200个。")
    two = page(tmp_path, "two.txt", "本报讯 3月11日，苍溪县新增就业岗位800个。")
    out = io.StringIO()
    call_command("ingest", str(SEED), one, stdout=out, stderr=io.StringIO())
    assert "  2 of the stored pages have no date (give --date" in out.getvalue()
    out = io.StringIO()
    call_command("ingest", two, str(SEED), "--date", "2024-03-10", stdout=out, stderr=io.StringIO())
    assert "1 stored, 1 updated" in out.getvalue() and "have no date" not in out.getvalue()


def test_a_zip_inside_a_directory_counts_its_members_in_the_runs_total(tmp_path):
    """A new-user pass: a directory of 6 files and a zip of 2 pages showed "8/7" in the
    admin (the zip counted as one file) and the run finished one page early."""
    import zipfile

    folder = tmp_path / "pages"
    folder.mkdir()
    page(folder, "a.txt", "本报讯 3月10日，仪陇县新增就业岗位1200个。")
    with zipfile.ZipFile(folder / "more.zip", "w") as archive:
        archive.writestr("b.txt", "本报讯 3月11日，苍溪县新增就业岗位800个。")
        archive.writestr("c.txt", "本报讯 3月12日，剑阁县新增就业岗位600个。")
    call_command("ingest", str(folder), stdout=io.StringIO(), stderr=io.StringIO())
    run = IngestRun.objects.get()
    assert (run.pages_total, run.pages_done, run.pages_stored) == (3, 3, 3)
    assert run.progress == 100 and run.status == IngestRunStatus.DONE


def test_a_run_whose_total_was_counted_low_ends_with_the_pages_it_read():
    """A PDF of several pages counts once before reading (``count_files`` is a floor): the
    run's total becomes the number of pages read."""
    from articles.services.runs import start_run

    options = IngestOptions()
    run = start_run(total=1, options=options)
    texts = [f"本报讯 3月1{n}日，仪陇县新增就业岗位{n}00个。" for n in range(1, 4)]
    run_pages([PageInput(name=f"doc.pdf#page={n}", text=t) for n, t in enumerate(texts, 1)],
              options, run=run)  # fmt: skip
    run.refresh_from_db()
    assert (run.pages_total, run.pages_done) == (3, 3)
