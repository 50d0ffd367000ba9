"""The English admin capitalises every field label and column heading, as Django's own
admin pages do (``capfirst`` of the lower-case verbose names): a new-user pass saw
"review status", "indicator", "value" on the review queue and "metrics" in its
breadcrumbs. The Chinese pages are unchanged (``capfirst`` leaves Chinese as it is)."""

from __future__ import annotations

import html as html_lib
import re

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.factories import ArticleFactory, MetricFactory, StaffUserFactory, indicator, region

pytestmark = pytest.mark.django_db

#: Where a page names a field or a column: label, column heading (not a row's: its
#: object), definition term, breadcrumbs.
_LABEL_RE = re.compile(r"<(dt|th|label|legend)(?:>|\s(?!class=\"field-)[^>]*>)(.*?)</\1>", re.S)
_BREADCRUMBS_RE = re.compile(r'<div class="breadcrumbs">(.*?)</div>', re.S)


def labels(html: str) -> list[str]:
    """The text of each label, heading, term and breadcrumb (but the last: the page's own
    title or object) of ``html``; a <label>'s select or input left out."""
    out = []
    for _tag, inner in _LABEL_RE.findall(html):
        inner = re.split(r"<(?:select|input|textarea)\b", inner)[0]
        text = html_lib.unescape(re.sub(r"<[^>]+>|\s+", " ", inner)).strip()
        if text:
            out.append(text)
    for crumbs in _BREADCRUMBS_RE.findall(html):
        text = html_lib.unescape(re.sub(r"<[^>]+>", "", crumbs))
        out += [c.strip() for c in text.split("›") if c.strip()][:-1]  # not the page's own
    return out


@pytest.fixture
def english(client):
    client.force_login(StaffUserFactory())
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def metric():
    article = ArticleFactory(region=region("510821"))
    return MetricFactory(article=article, indicator=indicator("registered-volunteers"))


def custom_pages(metric) -> list[str]:
    review = reverse("admin:articles_metric_review")
    return [
        f"{review}?status=all&metric={metric.pk}",
        f"{review}?status=all&view=list",
        reverse("admin:articles_metric_add_span", args=[metric.article.pk]),
        reverse("admin:articles_sourcepage_upload"),
    ]


def model_pages(metric) -> list[str]:
    urls = []
    for model in admin.site._registry:
        info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        urls.append(reverse(f"{info}_changelist"))
        obj = model.objects.first()
        if obj is not None:
            urls.append(reverse(f"{info}_change", args=[obj.pk]))
    return urls


def test_the_review_page_capitalises_its_labels(english, metric):
    html = english.get(custom_pages(metric)[0]).content.decode()
    terms = [html_lib.unescape(t) for t in re.findall(r"<dt>(.*?)</dt>", html)]
    assert terms == [
        "Review status",
        "Indicator",
        "Value",
        "Bound",
        "Region",
        "Previous value",
        "Target",
        "Part role",
    ]
    found = labels(html)
    assert ["Home", "Metrics"] == found[-2:]
    # the filters' and the correction form's labels, and the note's
    for label in ("Review status", "Indicator", "Topic", "Unit", "Region (adcode)", "Note"):
        assert label in found, label


def test_the_review_list_capitalises_its_column_headings(english, metric):
    html = english.get(custom_pages(metric)[1]).content.decode()
    heads = [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<th>(.*?)</th>", html)]
    assert heads == ["Evidence", "Indicator", "Value", "Region", "Review status"]


def test_no_english_admin_label_starts_lower_case(english, metric):
    from articles.models import IngestRun

    IngestRun.objects.create(
        started_by="admin", errors=[{"file": "a.txt", "reason": "empty file"}], options={}
    )
    urls = custom_pages(metric) + model_pages(metric)
    assert len([u for u in urls if u.endswith("/change/")]) >= 10  # every model's form
    lower = {}
    for url in urls:
        response = english.get(url)
        assert response.status_code == 200, url
        found = [t for t in labels(response.content.decode()) if t[:1].islower()]
        if found:
            lower[url] = found
    assert lower == {}


def test_the_chinese_review_page_is_unchanged(client, metric):
    client.force_login(StaffUserFactory())
    html = client.get(custom_pages(metric)[0], HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert re.findall(r"<dt>(.*?)</dt>", html)[:3] == ["审核状态", "指标", "数值"]
    assert "指标值</a> › " in html


@pytest.mark.parametrize(
    ("language", "header", "title"),
    [
        ("en", "govreports administration", "Data and review | govreports administration"),
        ("zh-hans", "govreports 数据管理", "数据与审核 | govreports 数据管理"),
    ],
)
def test_the_admin_names_the_site_not_django(client, language, header, title):
    client.force_login(StaffUserFactory())
    client.cookies["django_language"] = language
    page = client.get(reverse("admin:index")).content.decode()
    assert f'<a href="/admin/">{header}</a>' in page
    assert f"<title>{title}</title>" in page
    assert "Django" not in page.split("<body", 1)[1].split("</header>", 1)[0]
