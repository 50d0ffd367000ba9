"""``manage.py ingest`` over page files of every format (issue 8 points 1 and 8): what a
file says about its page is stored, each refused file is one line naming it, the other
files go on, and the exit status says whether anything was refused."""

import shutil
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.management.commands.ingest import Command
from articles.models import Article, Metric, SourcePage

DATA = Path(__file__).parent / "data"
PAGES = DATA / "pages"
pytestmark = pytest.mark.django_db


def stored_metrics() -> list[tuple]:
    """Every stored metric as (article region, indicator, value, unit), sorted."""
    return sorted(
        (m.article.region.adcode, m.indicator.slug if m.indicator else "", str(m.value), m.unit)
        for m in Metric.objects.select_related("article__region", "indicator")
    )


def stored_from_text() -> list[tuple]:
    """The metrics the text form of the sample page stores (the database is emptied after)."""
    run(DATA / "seed_page.txt")
    metrics = stored_metrics()
    Article.objects.all().delete()
    SourcePage.objects.all().delete()
    return metrics


def run(*args) -> tuple[str, str]:
    """stdout and stderr of one ingest, without the progress lines (``ingest: n/m pages``)."""
    out, err = StringIO(), StringIO()
    call_command("ingest", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), without_progress(err.getvalue())


def without_progress(text: str) -> str:
    return "".join(line for line in text.splitlines(True) if not line.startswith("ingest: "))


def test_a_directory_of_html_pages_stores_each_item_with_its_date_and_source_link():
    from_text = stored_from_text()
    out, err = run(PAGES / "html")
    assert err == ""
    assert out.count("created: 1 article") == 8
    assert SourcePage.objects.count() == Article.objects.count() == 8
    golmud = Article.objects.get(title="托起百姓稳稳的幸福")
    assert golmud.url == "https://epaper.xibushibao.example.cn/html/2024-01/16/golmud.html"
    assert golmud.page.issue_date == date(2024, 1, 16)  # the e-paper page's date
    assert golmud.page.filename.endswith("html/golmud.html")
    nanchong = Article.objects.get(region__adcode="511304")
    assert nanchong.page.issue_date == date(2024, 1, 12)  # PubDate meta
    assert nanchong.url == ""  # no canonical link, no --url
    assert stored_metrics() == from_text


@pytest.mark.parametrize("pdf", sorted((PAGES / "pdf").glob("*.pdf")), ids=lambda p: p.stem)
def test_a_pdf_page_stores_what_the_text_page_stores(pdf):
    from_text = stored_from_text()
    out, _ = run(pdf, "--date", "2024-01-16")
    assert "created: 8 articles" in out
    assert stored_metrics() == from_text
    assert Article.objects.filter(published=date(2024, 1, 16)).count() == 8


def test_url_is_kept_as_the_source_link_and_date_wins_over_the_page_date():
    page = PAGES / "html" / "nanchong.html"
    run(page, "--url", "https://www.nanchong.gov.cn/news/1.html", "--date", "2024-01-15")
    article = Article.objects.get()
    assert article.url == "https://www.nanchong.gov.cn/news/1.html"
    assert article.page.issue_date == date(2024, 1, 15)
    again, _ = run(page)
    assert "unchanged" in again and Article.objects.get().url == article.url


def test_url_must_be_an_address_and_name_one_page():
    with pytest.raises(CommandError, match="--url: must be an http"):
        run(PAGES / "html" / "nanchong.html", "--url", "nanchong")
    with pytest.raises(CommandError, match="--url is the address of one page"):
        run(PAGES / "html", "--url", "https://example.org/")
    with pytest.raises(CommandError, match="--url is the address of one page"):
        run(PAGES / "bad" / "escape.zip", "--url", "https://example.org/")
    assert SourcePage.objects.count() == 0


def test_a_run_with_bad_files_stores_the_good_ones_and_names_each_refusal(tmp_path):
    shutil.copytree(PAGES / "bad", tmp_path / "bad")
    shutil.copy(PAGES / "html" / "nanchong.html", tmp_path / "nanchong.html")
    (tmp_path / "notes.txt").write_text("第03版\n", encoding="utf-8")  # read, but no articles
    out, err = StringIO(), StringIO()
    with pytest.raises(
        CommandError, match="6 of 8 pages refused; of the others 1 stored, 0 updated, 1 unchanged"
    ):
        call_command("ingest", str(tmp_path), stdout=out, stderr=err)
    assert without_progress(err.getvalue()).splitlines() == [
        f"{tmp_path}/bad/binary.txt: refused: page is neither UTF-8 nor GB18030 text: UTF-8 "
        "breaks at byte offset 128 (0x80), GB18030 at byte offset 128 (0x80)",
        f"{tmp_path}/bad/broken.html: refused: no article text found (broken HTML, or a page without "
        "an article)",
        f"{tmp_path}/bad/empty.txt: refused: empty file",
        f"{tmp_path}/bad/escape.zip:../../outside.txt: refused: path leads outside the archive "
        "(absolute or with ..); not read",
        f"{tmp_path}/bad/scanned.pdf: refused: no text layer (scanned PDF?); OCR is not supported",
        f"{tmp_path}/notes.txt: refused: no recognizable article: no item has at least 8 Chinese "
        "characters of text (INGEST_MIN_ARTICLE_HAN); is it a newspaper page?",
    ]
    assert "Traceback" not in err.getvalue()
    # the page in the zip and the same page beside it: stored once
    assert SourcePage.objects.count() == Article.objects.count() == 1
    assert out.getvalue().splitlines()[:2] == [
        f"{tmp_path}/bad/escape.zip:pages/nanchong.html: created: 1 article (1 new, 0 updated, "
        "0 unchanged), 1 metrics written, 0 removed",
        f"{tmp_path}/nanchong.html: unchanged: 1 article (0 new, 0 updated, 1 unchanged), "
        "0 metrics written, 0 removed",
    ]


def test_the_exit_status_is_1_when_a_file_was_refused_and_0_otherwise(capsys, monkeypatch):
    # run_from_argv is what manage.py runs; it closes the connections when done, which
    # would end the test's transaction
    monkeypatch.setattr("django.core.management.base.connections.close_all", lambda: None)
    command = Command()
    with pytest.raises(SystemExit) as exit_info:
        command.run_from_argv(["manage.py", "ingest", str(PAGES / "bad" / "scanned.pdf")])
    assert exit_info.value.code == 1
    assert "scanned.pdf: no text layer" in capsys.readouterr().err
    Command().run_from_argv(["manage.py", "ingest", str(PAGES / "html" / "jiangyou.html")])
    assert "created: 1 article" in capsys.readouterr().out
