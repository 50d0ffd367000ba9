"""Publications (issue 8, point 2): pages belong to a Publication, created on first use
with its home region, which reads 我县 on its later pages; lists filter by publication."""

from datetime import date

import pytest
from django.urls import reverse

from articles.models import Article, Publication, PublicationKind, SourcePage
from articles.services import ingest_page
from tests.factories import json_of, region

pytestmark = pytest.mark.django_db

OWN_COUNTY = "本报讯 3月10日，我县召开志愿服务工作推进会。截至目前，全县实名注册志愿者达到23000人。"
NAMED_COUNTY = (
    "本报讯 3月12日，仪陇县召开志愿服务工作推进会。截至目前，全县实名注册志愿者达到18000人。"
)


def test_a_publication_is_created_on_first_use_with_the_home_region():
    report = ingest_page(text=OWN_COUNTY, publication="旺苍报", home_region="510821")
    publication = Publication.objects.get(name="旺苍报")
    assert publication.home_region.adcode == "510821"
    assert publication.kind == PublicationKind.UNKNOWN
    assert report.page.publication == publication
    assert str(report.page).startswith("旺苍报")


def test_a_later_page_of_the_publication_takes_its_home_region():
    ingest_page(
        text="本报讯 今年以来，全县新增就业岗位1200个。", publication="旺苍报", home_region="510821"
    )
    report = ingest_page(text=OWN_COUNTY, publication="旺苍报")
    article = report.page.articles.get()
    assert article.region.adcode == "510821"
    assert report.page.home_region.adcode == "510821"


def test_a_page_that_names_its_own_county_keeps_it_over_the_home_region():
    Publication.objects.create(name="旺苍报", home_region=region("510821"))
    report = ingest_page(text=NAMED_COUNTY, publication="旺苍报")
    assert report.page.articles.get().region.adcode == "511324"


def test_without_a_publication_a_we_county_page_has_no_region():
    report = ingest_page(text=OWN_COUNTY)
    assert report.page.publication is None
    assert report.page.articles.get().region is None


def test_the_list_and_its_exports_filter_by_publication(client):
    ingest_page(text=OWN_COUNTY, publication="旺苍报", home_region="510821")
    ingest_page(text=NAMED_COUNTY, publication="仪陇报")
    url = reverse("articles:list")
    response = client.get(url, {"source": "旺苍报", "format": "json"})
    data = json_of(response)
    rows = data["articles"] if isinstance(data, dict) else data
    assert [row["source"] for row in rows] == ["旺苍报"]
    page = client.get(url)
    assert "仪陇报" in page.content.decode() and "旺苍报" in page.content.decode()


def test_a_source_no_publication_is_named_after_links_the_publications_there_are(client):
    ingest_page(text=OWN_COUNTY, publication="旺苍报", home_region="510821")
    ingest_page(text=NAMED_COUNTY, publication="仪陇报")
    url = reverse("articles:list")
    response = client.get(url, {"source": "广元日报", "kind": "news"})
    hint = response.context["source_hint"]
    # by name, each link the same list for that publication, the other filters kept
    assert hint == (
        '<a href="?source=%E4%BB%AA%E9%99%87%E6%8A%A5&amp;kind=news">仪陇报</a>、'
        '<a href="?source=%E6%97%BA%E8%8B%8D%E6%8A%A5&amp;kind=news">旺苍报</a>'
    )
    assert "没有名称包含“广元日报”的报刊。现有报刊：" in response.content.decode()
    english = client.get(url, {"source": "<b>x</b>", "lang": "en"}).content.decode()
    assert "No publication’s name contains “&lt;b&gt;x&lt;/b&gt;”. Publications:" in english
    # a publication that exists, left empty by another filter: no hint (the filters are
    # what leave it empty); a list that has articles: no hint
    emptied = client.get(url, {"source": "旺苍", "year": 2019})
    assert emptied.context["filter"].form.is_valid()
    assert emptied.context["page_obj"].paginator.count == 0
    assert emptied.context.get("source_hint") is None
    assert "source-hint" not in client.get(url, {"source": "旺苍"}).content.decode()


def test_the_publication_admin_lists_publications_with_their_page_counts(admin_client):
    ingest_page(text=OWN_COUNTY, publication="旺苍报", home_region="510821")
    response = admin_client.get(reverse("admin:articles_publication_changelist"))
    assert response.status_code == 200
    assert "旺苍报" in response.content.decode()
    assert SourcePage.objects.filter(publication__name="旺苍报").count() == 1
    assert Article.objects.in_publication("旺苍").count() == 1


def test_export_articles_filters_by_publication():
    import io
    import json

    from django.core.management import call_command

    ingest_page(text=OWN_COUNTY, publication="旺苍报", home_region="510821")
    ingest_page(text=NAMED_COUNTY, publication="仪陇报")
    out = io.StringIO()
    call_command("export_articles", "--publication", "仪陇报", stdout=out)
    assert [a["source"] for a in json.loads(out.getvalue())] == ["仪陇报"]


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_page_publication_names_into_publications():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("articles", "0007_sync_reference_data")]
    after = [("articles", "0008_publication_appearance_ingestrun")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        old = executor.loader.project_state(before).apps
        OldPage = old.get_model("articles", "SourcePage")
        OldArticle = old.get_model("articles", "Article")
        # (get_or_create: an earlier live-server test may have flushed the reference data)
        home, _ = old.get_model("articles", "Region").objects.get_or_create(
            adcode="510821", defaults={"name": "旺苍县", "level": "county"}
        )
        first = OldPage.objects.create(
            sha256="a" * 64, raw_text="x", publication="旺苍报", home_region=home
        )
        OldPage.objects.create(sha256="b" * 64, raw_text="x", publication="旺苍报")
        OldPage.objects.create(sha256="c" * 64, raw_text="x", publication="")
        OldArticle.objects.create(
            page=first, position=0, body="截至目前，全县实名注册志愿者总数51104人。"
        )
        executor = MigrationExecutor(connection)
        executor.migrate(after)
        new = executor.loader.project_state(after).apps
        Publication = new.get_model("articles", "Publication")
        Page = new.get_model("articles", "SourcePage")
        Appearance = new.get_model("articles", "Appearance")
        publication = Publication.objects.get()
        assert (publication.name, publication.home_region.adcode) == ("旺苍报", "510821")
        assert sorted(
            (p.sha256[0], p.publication.name if p.publication else None) for p in Page.objects.all()
        ) == [("a", "旺苍报"), ("b", "旺苍报"), ("c", None)]
        appearance = Appearance.objects.get()
        assert (appearance.page.sha256[0], appearance.position, appearance.match) == (
            "a",
            0,
            "first",
        )
    finally:  # later tests need the current schema whatever happened above
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


def test_the_same_page_under_another_publication_stays_its_first_publications(seed_text):
    from articles.services import ingest_page

    ingest_page(text=seed_text, publication="样例报", issue_date=date(2024, 1, 16))
    report = ingest_page(text=seed_text, publication="测试报", issue_date=date(2024, 1, 17))
    page = SourcePage.objects.get()
    assert (page.publication.name, page.issue_date) == ("样例报", date(2024, 1, 16))
    assert any("already stored as 样例报's" in w for w in report.warnings)
