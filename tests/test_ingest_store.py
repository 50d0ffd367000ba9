"""The write transaction of an ingest (``services.page_store.write_page``) reads what is
stored by prepared statements where the ORM compiled a query a page: the duplicate
lookup by body hash, and whether the page and its publication are stored. These tests
hold those reads to what the ORM's did, from the sample page."""

import pytest

from articles.models import Appearance, AppearanceMatch, Publication, SourcePage
from articles.services import ingest as service
from articles.services.dedupe import ItemPrint
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_a_body_stored_twice_is_a_reprint_of_the_older_article(seed_text, parsed_seed):
    """Two stored articles with the body of the page's first item (stored before the
    duplicate check, e.g. by the admin): the page's item is recorded as an appearance
    of the older one, the first printing."""
    first = parsed_seed.articles[0]
    sha = ItemPrint.of(first.body).sha256
    older, newer = ArticleFactory(body_sha256=sha), ArticleFactory(body_sha256=sha)
    assert older.pk < newer.pk
    report = service.ingest_page(text=seed_text, publication="某报")
    assert report.articles_duplicate == 1
    seen = Appearance.objects.get(page=report.page, position=first.position)
    assert (seen.article_id, seen.match) == (older.pk, AppearanceMatch.SAME)
    assert report.page.articles.count() == len(parsed_seed.articles) - 1


def test_a_publication_deleted_after_the_options_were_read_is_stored_again(seed_text, monkeypatch):
    """The publication read before the transaction is reused only if it is still
    stored under its name; otherwise it is created again, and the page is its."""
    gone = Publication.objects.create(name="某报")
    read = service._resolve_options

    def read_then_delete(*args):
        options = read(*args)
        assert options.publication == gone
        Publication.objects.filter(pk=gone.pk).delete()
        return options

    monkeypatch.setattr(service, "_resolve_options", read_then_delete)
    report = service.ingest_page(text=seed_text, publication="某报")
    publication = Publication.objects.get(name="某报")
    assert publication.pk != gone.pk
    assert SourcePage.objects.get(pk=report.page.pk).publication_id == publication.pk


def test_a_new_page_gets_its_articles_ids_by_position(seed_text, parsed_seed):
    """The articles inserted without RETURNING get the ids stored at their positions:
    each article's band keys and appearance hang off the article with its body."""
    report = service.ingest_page(text=seed_text, publication="某报")
    stored = {a.position: a for a in report.page.articles.all()}
    assert len(stored) == len(parsed_seed.articles)
    for item in parsed_seed.articles:
        article = stored[item.position]
        assert article.body == item.body
        assert article.appearances.get().position == item.position
        keys = sorted(article.fingerprints.values_list("key", flat=True))
        assert keys == sorted(ItemPrint.of(item.body).keys) and keys
