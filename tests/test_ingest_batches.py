"""A run stores its pages several to a transaction (``services.ingest.store_pages``,
``services.runs.run_pages``; issue 8, point 5): what it stores is exactly what storing
each page on its own stores, a page that fails in a batch costs only itself, and the data
version moves once per batch, at its commit."""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.db import DatabaseError, models, transaction

from articles import cache
from articles.models import Article, Metric, Publication, SourcePage
from articles.services import page_store
from articles.services.runs import IngestOptions, PageInput, run_pages

pytestmark = pytest.mark.django_db
GOLMUD = Path(__file__).parent / "data" / "golmud_2022_page.txt"

#: Tables a run writes and what each dump leaves out: times of day, which differ by run.
WRITTEN = [m for m in apps.get_app_config("articles").get_models() if m.__name__ != "IngestRun"]


#: Columns that hold another table's id without being a foreign key (CompareWinner's).
PLAIN_IDS = {"metric_id": Metric, "article_id": Article, "publication_id": Publication}


def variant(text: str, n: int) -> str:
    """The page with every number shifted by ``n`` (so its metrics differ) and a line that
    makes it a page of its own."""
    return re.sub(r"\d+", lambda m: str(int(m.group(0)) + n), text) + f"\n\n（第{n}号）"


def dump() -> dict[str, list[tuple]]:
    """Every row of every table of the app, ids replaced by their rank in their table
    (PostgreSQL's sequences do not roll back with the test's savepoint) and foreign keys
    by the rank of the row they point to; timestamps left out."""
    ranks = {
        model: {
            pk: n for n, pk in enumerate(model.objects.order_by("pk").values_list("pk", flat=True))
        }
        for model in WRITTEN
        if model._meta.pk.get_internal_type() in ("AutoField", "BigAutoField")
    }
    out = {}
    for model in WRITTEN:
        fields = [f for f in model._meta.concrete_fields if not isinstance(f, models.DateTimeField)]
        rows = []
        for row in model.objects.order_by("pk").values_list(*[f.attname for f in fields]):
            cells = []
            for field, value in zip(fields, row, strict=True):
                target = (
                    field.related_model
                    if field.is_relation
                    else (model if field.primary_key else None)
                )
                target = PLAIN_IDS.get(field.attname, target)
                cells.append(ranks[target].get(value, value) if target in ranks else value)
            rows.append(tuple(cells))
        out[model._meta.db_table] = sorted(rows, key=repr)
    through = Article.regions_mentioned.through
    out["mentions"] = sorted(
        (ranks[Article][a], r) for a, r in through.objects.values_list("article_id", "region_id")
    )
    return out


def pages(seed_text: str, parsed_seed) -> list[PageInput]:
    """Twelve pages: variants of the two sample pages, a reprint of an article stored in
    the same run, the same page twice and an empty page in between."""
    golmud = GOLMUD.read_text("utf-8")
    reprint = "清廉机关建设见实效\n\n" + parsed_seed.articles[3].body
    texts = [variant(seed_text, n) for n in range(4)] + [reprint, variant(golmud, 1)]
    texts += [variant(seed_text, 1), "   \n"] + [variant(golmud, n) for n in range(2, 6)]
    return [PageInput(f"p{n:02d}", text=t) for n, t in enumerate(texts)]


def run(inputs, batch_pages):
    lines = []
    summary = run_pages(
        inputs,
        IngestOptions(publication="样例报", home_region="510821"),
        on_outcome=lambda o: lines.append((o.name, o.error or str(o.report.status))),
        batch_pages=batch_pages,
        batch_seconds=3600,
    )
    return summary, lines


def test_pages_stored_in_batches_are_the_rows_of_pages_stored_one_by_one(seed_text, parsed_seed):
    inputs = pages(seed_text, parsed_seed)
    before = transaction.savepoint()
    alone, alone_lines = run(inputs, 1)
    one_by_one = dump()
    transaction.savepoint_rollback(before)
    assert SourcePage.objects.count() == 0
    summary, lines = run(inputs, 5)
    assert lines == alone_lines  # every page's line, in order
    assert lines[6] == ("p06", "unchanged") and lines[7][0] == "p07" and "empty" in lines[7][1]
    assert (summary.stored, summary.unchanged, len(summary.refused), summary.duplicates) == (
        10,
        1,
        1,
        1,
    )
    assert (summary.stored, summary.duplicates) == (alone.stored, alone.duplicates)
    batched = dump()
    assert batched.keys() == one_by_one.keys()
    for table in batched:
        assert batched[table] == one_by_one[table], table
    assert len(batched["articles_metric"]) > 300 and len(batched["articles_comparewinner"]) > 20


def test_a_page_that_fails_in_a_batch_costs_only_itself(seed_text, parsed_seed, monkeypatch):
    inputs = pages(seed_text, parsed_seed)[:6]
    before = transaction.savepoint()
    run([p for p in inputs if p.name != "p02"], 1)
    without_it = dump()
    transaction.savepoint_rollback(before)
    store = page_store._store_articles

    def fail_on_third(page, parsed, prints, report, catalogues):
        store(page, parsed, prints, report, catalogues)  # its rows are written, then
        if page.filename == "p02":
            raise DatabaseError("disk I/O error")

    monkeypatch.setattr(page_store, "_store_articles", fail_on_third)
    summary, lines = run(inputs, 6)
    assert lines == [
        ("p00", "created"),
        ("p01", "created"),
        ("p02", "not stored, database error: disk I/O error"),
        ("p03", "created"),
        ("p04", "created"),
        ("p05", "created"),
    ]
    assert summary.stored == 5 and summary.duplicates == 1
    # the failed batch left nothing behind: every other page stored once, as it would
    # have been without the failing page
    assert dump() == without_it


def test_the_data_version_moves_once_a_batch_when_it_commits(
    seed_text, parsed_seed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        run(pages(seed_text, parsed_seed)[:5], 5)
    assert [c for c in callbacks if c is cache.bump_data_version] == [cache.bump_data_version]


def test_a_page_twice_in_one_batch_is_stored_once_by_this_run(seed_text):
    reports = []
    run_pages(
        [PageInput("a", text=seed_text), PageInput("b", text=seed_text)],
        IngestOptions(publication="样例报"),
        on_outcome=lambda o: reports.append(o.report),
        batch_pages=2,
    )
    assert [r.status for r in reports] == ["created", "unchanged"]
    assert not reports[1].stored_by_another_run  # this run stored it, a line earlier
    assert SourcePage.objects.count() == 1 and Article.objects.count() == 8
