"""Publications (issue 8, point 2): pages belong to a Publication, created on first use
with its home region, which reads 我县 on its later pages; lists filter by publication."""

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


def test_the_publication_admin_lists_publications_with_their_page_counts(admin_client):
    ingest_page(text=OWN_COUNTY, publication="旺苍报", home_region="510821")
    response = admin_client.get(reverse("admin:articles_publication_changelist"))
    assert response.status_code == 200
    assert "旺苍报" in response.content.decode()
    assert SourcePage.objects.filter(publication__name="旺苍报").count() == 1
    assert Article.objects.in_publication("旺苍").count() == 1
