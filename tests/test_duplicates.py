"""Once each (issue 8, point 3): an article printed on several pages or in several
publications is stored once, with one Appearance per printing; near duplicates (a new
headline, a trimmed paragraph) are linked to the first; different facts are not."""

import pytest
from django.urls import reverse

from articles.ingest import fingerprint
from articles.models import Appearance, AppearanceMatch, Article, ArticleFingerprint, Metric
from articles.services import ingest_page
from tests.factories import json_of

pytestmark = pytest.mark.django_db

TITLE = "扎实推进清廉机关建设"


@pytest.fixture
def seed_article(seed_text):
    """The seed page stored; returns its 清廉机关 article (655 characters, 5 paragraphs)."""
    ingest_page(text=seed_text, publication="样例报")
    return Article.objects.get(title=TITLE)


def reprint(body: str, title: str = "清廉机关建设见实效") -> str:
    return f"{title}\n\n{body}"


def test_the_same_article_in_another_publication_is_stored_once(seed_article):
    metrics = Metric.objects.count()
    report = ingest_page(text=reprint(seed_article.body), publication="另一报")
    assert report.status == "created"
    assert report.articles_created == 0 and report.articles_duplicate == 1
    assert "already stored from another page" in report.summary()
    assert Article.objects.count() == 8 and Metric.objects.count() == metrics
    printed = seed_article.appearances.order_by("pk")
    assert [(a.page.publication.name, a.match) for a in printed] == [
        ("样例报", AppearanceMatch.FIRST),
        ("另一报", AppearanceMatch.SAME),
    ]


def test_counts_and_facets_count_a_reprinted_article_once(seed_article, client):
    ingest_page(text=reprint(seed_article.body), publication="另一报")
    assert Article.objects.filter(region__adcode="450603").count() == 1
    qs = Article.objects.all()
    assert sum(qs.region_counts().values()) == 8
    assert {r["publication"]: r["n"] for r in qs.source_counts()} == {"样例报": 8, "另一报": 1}
    listed = json_of(client.get(reverse("articles:list"), {"source": "另一报", "format": "json"}))
    rows = listed["articles"] if isinstance(listed, dict) else listed
    assert [row["title"] for row in rows] == [TITLE]


def test_a_reprint_with_a_new_headline_and_a_trimmed_paragraph_is_linked(seed_article):
    trimmed = "\n".join(seed_article.body.split("\n")[:-1])
    report = ingest_page(text=reprint(trimmed, "防城区清廉机关建设走深走实"), publication="另一报")
    assert report.articles_duplicate == 1 and report.articles_created == 0
    appearance = Appearance.objects.get(page=report.page)
    assert appearance.article == seed_article
    assert appearance.match == AppearanceMatch.NEAR
    assert appearance.similarity == 1


def test_the_same_words_with_other_figures_are_a_new_article(seed_article):
    changed = seed_article.body.replace("150 余期", "160 余期")
    assert changed != seed_article.body
    report = ingest_page(text=reprint(changed), publication="另一报")
    assert report.articles_created == 1 and report.articles_duplicate == 0
    assert Article.objects.count() == 9


def test_a_short_extract_of_an_article_is_not_a_duplicate(seed_article):
    extract = seed_article.body.split("\n")[0]  # the first paragraph only, under half
    report = ingest_page(text=reprint(extract), publication="另一报")
    assert report.articles_created == 1 and report.articles_duplicate == 0


def test_reingesting_a_page_of_reprints_changes_nothing(seed_article):
    text = reprint(seed_article.body)
    ingest_page(text=text, publication="另一报")
    before = list(Appearance.objects.order_by("pk").values())
    again = ingest_page(text=text, publication="另一报")
    assert again.status == "unchanged"
    assert again.articles_unchanged == 1 and again.articles_duplicate == 0
    assert list(Appearance.objects.order_by("pk").values()) == before


def test_every_stored_article_has_its_fingerprints_and_first_appearance(seed_text):
    ingest_page(text=seed_text)
    for article in Article.objects.all():
        assert article.body_sha256 == fingerprint.body_sha256(article.body)
        keys = set(ArticleFingerprint.objects.filter(article=article).values_list("key", flat=True))
        assert keys == set(fingerprint.band_keys(article.body))
        assert article.appearances.get().match == AppearanceMatch.FIRST


# --- the rule, without the database ------------------------------------------------------

BODY = (
    "截至目前，全县实名注册志愿者总数51104人，占常住人口的15%。今年以来，全县各级志愿服务"
    "组织开展活动1200余场次，服务群众8万余人次，涌现出一批先进典型。"
)


def test_the_same_text_with_other_line_breaks_and_full_width_digits_hashes_alike():
    assert fingerprint.body_sha256(BODY) == fingerprint.body_sha256(
        BODY.replace("。", "。\n").replace("51104", "５１１０４")
    )


def test_near_duplicate_rule_both_ways():
    trimmed = BODY.split("。今年")[0] + "。今年以来，全县各级志愿服务组织开展活动1200余场次。"
    assert fingerprint.near_duplicate(BODY, trimmed)
    assert not fingerprint.near_duplicate(BODY, BODY.replace("51104", "52210"))
    assert not fingerprint.near_duplicate(BODY, "全县实名注册志愿者总数51104人。")  # too short
    assert not fingerprint.near_duplicate(BODY, BODY[:30])


def test_near_duplicates_share_a_band_key_and_unrelated_texts_do_not():
    trimmed = BODY[: int(len(BODY) * 0.9)]
    assert set(fingerprint.band_keys(BODY)) & set(fingerprint.band_keys(trimmed))
    other = "近日，四川省江油市关工委在该市逸夫小学组织开展了暖冬关爱活动，营造全社会关心下一代健康成长的良好氛围。"
    assert not set(fingerprint.band_keys(BODY)) & set(fingerprint.band_keys(other))
    assert fingerprint.band_keys("太短了") == []


def test_a_filtered_lists_source_facet_counts_first_printings_and_reprints(seed_article, client):
    """The source facet of a filtered list (read with the other facets' GROUP BY, plus
    the reprints) is ``source_counts`` of that filter: each publication that printed an
    article, first printing or reprint, most first, then by name."""
    from django.core.cache import cache

    from articles.selectors import facet_counts

    ingest_page(text=reprint(seed_article.body), publication="另一报")
    cache.clear()
    for params in ({"region": "450000"}, {"region": "450603"}, {"kind": "news"}):
        facets = client.get(reverse("articles:list"), params).context["facets"]
        shown = {f.name: [(i.label, i.count) for i in f.items] for f in facets}
        expected = [
            (r["publication"], r["n"])
            for r in client.get(reverse("articles:list"), params)
            .context["filter"]
            .qs.source_counts()
        ]
        assert shown["source"] == expected, params
    region = facet_counts(
        articles=Article.objects.filter(region__adcode="450603"), filters={"x": 1}
    )
    assert [(s.value, s.n) for s in region.source] == [("另一报", 1), ("样例报", 1)]
