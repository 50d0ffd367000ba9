"""The synthetic corpus (``manage.py generate_corpus``, issue 9.1): same output for a
seed, every metric's evidence in its body, indexed for search, removable in one go."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection

from articles import search
from articles.corpus import SYNTHETIC, delete_corpus, generate_corpus, wan_text
from articles.ingest.numbers import parse_number
from articles.models import Article, Metric, Publication

pytestmark = pytest.mark.django_db


def snapshot() -> list[tuple]:
    articles = Article.objects.filter(page__publication__name=SYNTHETIC).order_by(
        "page__sha256", "position"
    )
    rows = []
    for a in articles.prefetch_related("metrics"):
        metrics = [
            (
                m.position,
                m.label,
                str(m.value),
                m.unit,
                m.bound,
                a.body[m.evidence_start : m.evidence_end],
            )
            for m in a.metrics.order_by("position")
        ]
        rows.append((a.title, a.body, a.region.adcode, a.published.isoformat(), metrics))
    return rows


def index_table() -> list[tuple]:
    """Every row of the search index, as stored (PostgreSQL: vectors as text, and the
    copied columns; SQLite: the FTS5 table's texts)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT article_id, title::text, body::text, region_id, topic_id, kind,"
                " published, page_id, year, publication_id FROM articles_search ORDER BY 1"
            )
        else:
            cursor.execute("SELECT rowid, title, body FROM articles_search ORDER BY 1")
        return cursor.fetchall()


def session_settings() -> tuple:
    if connection.vendor != "postgresql":
        return ()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('statement_timeout'), current_setting('synchronous_commit')"
        )
        return cursor.fetchone()


def test_a_seed_gives_the_same_corpus_and_delete_removes_only_it(seed_text):
    from articles.services import ingest_page

    ingest_page(text=seed_text, publication="旺苍报")
    demo = Article.objects.count()
    before = session_settings()
    assert generate_corpus(articles=30, seed=7) == 30
    assert session_settings() == before  # PostgreSQL: synchronous_commit, statement_timeout
    first = snapshot()
    assert len(first) == 30
    assert Metric.objects.filter(article__page__publication__name=SYNTHETIC).count() == 300
    for _title, body, _adcode, published, metrics in first:
        assert "2020-01-01" <= published <= "2024-12-31"
        for _pos, _label, value, unit, _bound, evidence in metrics:
            assert evidence.endswith(unit) and evidence in body
            # the text says the value stored (30万 under 300,000, never 3万)
            assert parse_number(evidence.removesuffix(unit).lstrip("约超")) == Decimal(value)
    title = first[0][0]
    found = search.matches(title).ids
    assert any(Article.objects.get(pk=pk).title == title for pk in found)
    # the generator's index rows (COPY on PostgreSQL, copied columns given) are the rows
    # index_articles writes from the stored articles
    written = index_table()
    search.index_articles()
    assert index_table() == written and len(written) == demo + 30

    assert delete_corpus() == 30
    assert Article.objects.count() == demo
    assert not Publication.objects.filter(name=SYNTHETIC).exists()
    generate_corpus(articles=30, seed=7)
    assert snapshot() == first
    call_command("generate_corpus", "--delete", verbosity=0)
    generate_corpus(articles=30, seed=8)
    assert snapshot() != first


@pytest.mark.parametrize(
    ("value", "text"),
    [(300000, "30万"), (1000000, "100万"), (1234500, "123.45万"), (10100, "1.01万")],
)
def test_round_values_in_wan_keep_their_zeros(value, text):
    assert wan_text(Decimal(value)) == text
