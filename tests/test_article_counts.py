"""Article counts kept at write time (articles.article_counts): the unfiltered list's facets
and total and the overview's bars, read from ``ArticleCount``/``PublicationCount``, always
equal the whole-table counts they replace, after every kind of write, on both databases."""

import threading
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import article_counts
from articles.corpus import delete_corpus, generate_corpus
from articles.models import (
    Article,
    ArticleCount,
    Publication,
    PublicationCount,
    Region,
    Topic,
)
from articles.selectors import _counts, overview, unfiltered_counts
from articles.services import ingest_page
from tests.factories import ArticleFactory, SourcePageFactory, region, topic

pytestmark = pytest.mark.django_db


def _same():
    """The kept counts, asserted equal to a count from scratch; returns them."""
    kept = unfiltered_counts()
    assert kept == _counts(Article.objects.all(), 2)
    return kept


def _by(rows) -> dict:
    return {row.value: row.n for row in rows}


def test_an_ingest_counts_its_articles_and_a_reingest_changes_nothing(seed_text):
    assert _same().total == 0
    ingest_page(text=seed_text, publication="样例报")
    kept = _same()
    assert kept.total == Article.objects.count() == 8
    assert _by(kept.source) == {"样例报": 8}
    assert sum(kept.region.values()) == Article.objects.filter(region__isnull=False).count()
    ingest_page(text=seed_text, publication="样例报")
    assert _same() == kept


def test_a_reprint_in_another_publication_counts_there_once(seed_text):
    ingest_page(text=seed_text, publication="样例报")
    body = Article.objects.get(title="扎实推进清廉机关建设").body
    ingest_page(text=f"清廉机关建设见实效\n\n{body}", publication="另一报")
    ingest_page(text=f"清廉机关建设再见实效\n\n{body}", publication="另一报")
    kept = _same()
    assert kept.total == 8
    assert _by(kept.source) == {"样例报": 8, "另一报": 1}


def test_saves_move_an_article_between_cells():
    first = ArticleFactory(region=region("510821"), topic=topic("volunteering"))
    ArticleFactory(region=region("110101"), topic=topic("volunteering"))
    assert _same().region == {"51": 1, "11": 1}
    article = Article.objects.get(pk=first.pk)
    article.region = region("450603")
    article.topic = topic("health")
    article.published = date(2021, 5, 1)
    article.kind = "feature"
    article.save()
    kept = _same()
    assert kept.region == {"45": 1, "11": 1}
    assert _by(kept.topic) == {"volunteering": 1, "health": 1}
    assert _by(kept.year)[2021] == 1 and _by(kept.kind) == {"news": 1, "feature": 1}
    article.region = None
    article.topic = None
    article.save()
    assert _same().region == {"11": 1}


def test_a_stale_instance_moves_the_row_from_where_it_is_stored():
    """Two copies of one article: the second saves over the first's move. The counts
    follow the stored row (read before the write), not what the copy was loaded with."""
    made = ArticleFactory(region=region("510821"), topic=topic("volunteering"))
    one, two = Article.objects.get(pk=made.pk), Article.objects.get(pk=made.pk)
    one.region = region("450603")
    one.save()
    two.region = region("110101")
    two.save()
    assert _same().region == {"11": 1}


def test_admin_edit_and_delete_keep_the_counts(admin_client):
    article = ArticleFactory(region=region("510821"), topic=topic("volunteering"))
    ArticleFactory(region=region("510821"), topic=topic("volunteering"))
    data = {
        "page": article.page_id,
        "position": article.position,
        "kind": "feature",
        "title": article.title,
        "body": article.body,
        "region": region("450603").pk,
        "topic": topic("health").pk,
        "published": "2022-03-04",
        "metrics-TOTAL_FORMS": "0",
        "metrics-INITIAL_FORMS": "0",
        "metrics-MIN_NUM_FORMS": "0",
        "metrics-MAX_NUM_FORMS": "1000",
    }
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    kept = _same()
    assert kept.region == {"51": 1, "45": 1} and _by(kept.year)[2022] == 1
    url = reverse("admin:articles_article_delete", args=[article.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert _same().region == {"51": 1}
    url = reverse("admin:articles_sourcepage_delete", args=[Article.objects.get().page_id])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert _same().total == 0


def test_deleting_an_article_takes_its_reprints_from_their_publication(seed_text):
    ingest_page(text=seed_text, publication="样例报")
    original = Article.objects.get(title="扎实推进清廉机关建设")
    ingest_page(text=f"清廉机关建设见实效\n\n{original.body}", publication="另一报")
    assert _by(_same().source)["另一报"] == 1
    original.delete()
    assert _by(_same().source) == {"样例报": 7}


def test_deleting_the_page_of_a_reprint_takes_it_from_that_publication(seed_text):
    ingest_page(text=seed_text, publication="样例报")
    original = Article.objects.get(title="扎实推进清廉机关建设")
    report = ingest_page(text=f"清廉机关建设见实效\n\n{original.body}", publication="另一报")
    assert _by(_same().source)["另一报"] == 1
    report.page.delete()  # the reprint's appearance goes with it; no article does
    assert _by(_same().source) == {"样例报": 8}


def test_an_aggregates_batch_recounts_the_articles_at_its_end():
    from articles.aggregates import batch

    article = ArticleFactory(region=region("510821"), topic=topic("volunteering"))
    with batch():
        article.region = region("450603")
        article.save()
        assert unfiltered_counts().region == {"51": 1}  # not yet: once, at the end
    assert _same().region == {"45": 1}


def test_a_page_moved_to_another_publication_moves_its_articles():
    page = SourcePageFactory(publication=Publication.objects.create(name="原报"))
    ArticleFactory.create_batch(2, page=page)
    assert _by(_same().source) == {"原报": 2}
    page.publication = Publication.objects.create(name="另一报")
    page.save()
    assert _by(_same().source) == {"另一报": 2}


def test_corpus_generate_and_delete_keep_the_counts_exact(seed_text):
    ingest_page(text=seed_text, publication="样例报")
    generate_corpus(articles=40, seed=3)
    kept = _same()
    assert kept.total == 48 and _by(kept.source)["synthetic"] == 40
    delete_corpus()
    assert _same().total == 8
    assert not PublicationCount.objects.filter(publication__name="synthetic").exists()


def test_deleting_a_topic_and_moving_a_region_recount():
    ArticleFactory(region=region("510821"), topic=topic("volunteering"))
    ArticleFactory(region=region("510821"), topic=topic("health"))
    Topic.objects.get(slug="health").delete()
    assert _by(_same().topic) == {"volunteering": 1}
    county = Region.objects.get(adcode="510821")
    county.adcode = "459921"
    county.save()
    assert _same().region == {"45": 2}


def test_a_batch_recomputes_once_at_its_end():
    article = ArticleFactory(region=region("510821"), topic=topic("volunteering"))
    with article_counts.batch():
        Article.objects.filter(pk=article.pk).update(region=region("450603"))
        article_counts.touch(cells=[("51", article.topic_id), ("45", article.topic_id)])
        assert unfiltered_counts().region == {"51": 1}  # not yet
    assert _same().region == {"45": 1}


def test_rebuild_repairs_a_stale_table():
    ArticleFactory(region=region("510821"), topic=topic("volunteering"))
    ArticleCount.objects.all().delete()
    PublicationCount.objects.all().delete()
    assert unfiltered_counts().total == 0
    call_command("rebuild_aggregates")
    assert _same().total == 1
    article_counts.rebuild()
    _same()


def test_the_unfiltered_list_and_the_overview_show_the_kept_counts(client, seed_text):
    ingest_page(text=seed_text, publication="样例报")
    ArticleFactory(region=None, topic=None, published=None)
    scratch = _counts(Article.objects.all(), 2)
    page = client.get(reverse("articles:list"))
    assert page.context["page_obj"].paginator.count == scratch.total == 9
    facets = {f.name: {i.label: i.count for i in f.items} for f in page.context["facets"]}
    assert facets["source"] == {r.value: r.n for r in scratch.source}
    assert sum(facets["region"].values()) == sum(scratch.region.values())
    data = overview()
    assert data.total == 9
    assert {r.key: r.count for r in data.by_topic} == {
        **{r.value: r.n for r in scratch.topic},
        "": 9 - sum(r.n for r in scratch.topic),
    }
    assert {r.key: r.count for r in data.by_province} == {
        **{f"{k}0000": n for k, n in scratch.region.items()},
        "": 9 - sum(scratch.region.values()),
    }


def test_a_filtered_list_still_counts_its_own_rows(client):
    ArticleFactory(region=region("510821"), topic=topic("volunteering"))
    ArticleFactory(region=region("450603"), topic=topic("health"))
    ArticleCount.objects.all().delete()  # a filter never reads the kept counts
    page = client.get(reverse("articles:list"), {"topic": "health"})
    assert page.context["page_obj"].paginator.count == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_concurrent_edits_of_one_article_leave_exact_counts():
    """Writer A moves an article 51 -> 45 and holds its transaction open; writer B, which
    loaded the article before A committed, moves it to 11. B's read of the stored row
    waits for A and sees 45, so the 45 cell is recounted and nothing is left in it."""
    made = ArticleFactory(region=region("510821"), topic=topic("volunteering"))
    target_a, target_b = region("450603"), region("110101")
    stale = Article.objects.get(pk=made.pk)
    a_saved, b_started, errors = threading.Event(), threading.Event(), []

    def writer_a():
        try:
            with transaction.atomic():
                article = Article.objects.get(pk=made.pk)
                article.region = target_a
                article.save()
                a_saved.set()
                b_started.wait(10)
                threading.Event().wait(0.5)  # B is waiting on the row lock now
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            a_saved.set()
            connections.close_all()

    def writer_b():
        try:
            a_saved.wait(10)
            with transaction.atomic():
                stale.region = target_b
                b_started.set()
                stale.save()
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            b_started.set()
            connections.close_all()

    threads = [threading.Thread(target=writer_a), threading.Thread(target=writer_b)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not errors, errors
    assert Article.objects.get(pk=made.pk).region == target_b
    assert _same().region == {"11": 1}


def test_a_new_page_moves_its_publication_on_by_what_it_adds_without_recounting(seed_text):
    """A page created by the ingest adds its own articles and the reprints its publication
    had not printed yet; the publication is not recounted whole (O(its articles))."""
    parsed = ingest_page(text=seed_text, publication="样例报", dry_run=True).parsed
    bodies = [a.body for a in parsed.articles if a.kind == "news" and len(a.body) > 200]
    body, other = bodies[0], bodies[-1]
    ingest_page(text=f"清廉机关建设见实效\n\n{body}", publication="另一报")  # first kept row
    ingest_page(text=f"工作简讯\n\n{other}", publication="样例报")
    assert _by(_same().source) == {"另一报": 1, "样例报": 1}
    expected = [
        # the seed page: 6 new articles, body (first printed elsewhere) +1, other +0
        (seed_text, "样例报", {"另一报": 1, "样例报": 8}),
        # body again in the publication that first printed it: +0
        (f"清廉机关建设再见实效\n\n{body}", "另一报", {"另一报": 1, "样例报": 8}),
        # body again in a publication that reprinted it on another page already: +0
        (f"清廉机关建设三见实效\n\n{body}", "样例报", {"另一报": 1, "样例报": 8}),
    ]
    for text, publication, counts in expected:
        with CaptureQueriesContext(connection) as queries:
            ingest_page(text=text, publication=publication)
        assert not [
            q for q in queries.captured_queries if "FROM articles_publication p" in q["sql"]
        ]
        assert _by(_same().source) == counts
    assert Article.objects.count() == 8


def _cells() -> dict:
    """The kept cells as ``{(prefix, topic id, kind, year): n}`` (a cell kept twice would
    show as a count of rows below)."""
    rows = list(ArticleCount.objects.values_list("prefix", "topic_id", "kind", "year", "n"))
    assert len({row[:4] for row in rows}) == len(rows), "a cell is kept in two rows"
    return {row[:4]: row[4] for row in rows}


def _other_numbers(text: str) -> str:
    """The page with every digit moved on by one: other figures, so new articles (the
    near-duplicate rule keeps every number), in the same cells."""
    return text.translate(str.maketrans("0123456789", "1234567890"))


def test_a_new_page_moves_its_cells_on_without_recounting(seed_text):
    """A page created by the ingest adds one to the cell of each of its articles, read
    from the articles it built, without recounting their (province, topic) pairs: kept
    cells moved on, new cells (another year, no year) inserted, none kept twice, all
    equal to a rebuild from scratch."""
    pages = [
        (seed_text, date(2024, 3, 1)),
        (_other_numbers(seed_text), date(2024, 5, 1)),  # the same cells again: moved on
        (_other_numbers(_other_numbers(seed_text)), date(2025, 1, 2)),  # new cells
        (_other_numbers(_other_numbers(_other_numbers(seed_text))), None),  # undated
    ]
    first = {}
    for n, (text, day) in enumerate(pages, start=1):
        with CaptureQueriesContext(connection) as queries:
            report = ingest_page(text=text, publication="样例报", issue_date=day)
        assert report.articles_created == 8
        recounts = [
            q["sql"]
            for q in queries.captured_queries
            if "articles_articlecount" in q["sql"]
            and ("DELETE" in q["sql"] or "GROUP BY" in q["sql"])
        ]
        assert not recounts
        kept = _cells()
        assert sum(kept.values()) == Article.objects.count() == 8 * n
        article_counts.rebuild()
        assert _cells() == kept
        first = first or kept
        if n == 2:  # the same cells, each moved on by as many as on page 1
            assert kept == {cell: 2 * k for cell, k in first.items()}
    assert {year for _p, _t, _k, year in kept} == {2024, 2025, None}
    assert _same().total == 32


def test_a_cell_recounted_in_the_batch_is_not_moved_on_as_well():
    """A pair recounted at the end of a batch (a saved article touched it) already counts
    the new article: moving its cell on too would count it twice (the increment is left
    out for a recounted pair, and would anyway run before the recount replaces it)."""
    with article_counts.batch():
        article = ArticleFactory(region=region("510821"), topic=topic("volunteering"))
        article_counts.page_added(article.page_id, None, [article_counts.cell_of(article)])
    assert _same().total == 1
    assert sum(_cells().values()) == 1
