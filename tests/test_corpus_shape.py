"""``manage.py generate_corpus``: the synthetic corpus for measuring at scale (issue 9)."""

import pytest
from django.core.management import call_command

from articles import search
from articles.corpus import SYNTHETIC, delete_corpus, generate_corpus
from articles.models import Article, Metric, Publication, SourcePage

pytestmark = pytest.mark.django_db


def test_the_corpus_lives_under_its_own_publication_and_is_searchable():
    made = generate_corpus(articles=40, seed=3)
    assert made == 40
    publication = Publication.objects.get(name=SYNTHETIC)
    articles = Article.objects.filter(page__publication=publication)
    assert articles.count() == 40
    metrics = Metric.objects.filter(article__in=articles)
    assert 8 * 40 <= metrics.count() <= 12 * 40
    assert metrics.values("indicator").distinct().count() >= 40
    assert articles.values("published__year").distinct().count() >= 2
    some = articles.order_by("pk").first()
    assert some.pk in search.matches(some.title[:4]).ids


def test_the_same_seed_gives_the_same_corpus_and_delete_removes_it_all():
    generate_corpus(articles=12, seed=7)
    first = list(Article.objects.order_by("pk").values_list("title", "body", "region_id"))
    assert delete_corpus() == 12
    assert not SourcePage.objects.filter(publication__name=SYNTHETIC).exists()
    assert not Publication.objects.filter(name=SYNTHETIC).exists()
    assert not Metric.objects.exists()
    call_command("generate_corpus", articles=12, seed=7)
    again = list(Article.objects.order_by("pk").values_list("title", "body", "region_id"))
    assert again == first
