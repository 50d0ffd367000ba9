"""Upload in the admin (issue 8, point 7): staff upload a file or paste text, see the
articles it would create with each metric marked in its sentence, then confirm (stored,
as an IngestRun) or cancel (nothing stored)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Article, IngestRun, SourcePage

pytestmark = pytest.mark.django_db
URL = "admin:articles_sourcepage_upload"
BAD = Path(__file__).parent / "data" / "pages" / "bad"


@pytest.fixture(autouse=True)
def staging_dir(settings, tmp_path):
    """Each test keeps its uploads in a folder of its own."""
    settings.UPLOAD_STAGING_DIR = str(tmp_path / "staging")
    return Path(settings.UPLOAD_STAGING_DIR)


def test_preview_shows_titles_regions_and_marked_metrics_and_stores_nothing(
    admin_client, seed_text
):
    upload = SimpleUploadedFile("seed.txt", seed_text.encode("gb18030"))
    response = admin_client.post(
        reverse(URL), {"file": upload, "publication": "样例报", "preview": "1"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "托起百姓稳稳的幸福" in html and "格尔木市" in html
    assert "实名注册志愿者总数<mark>51104人</mark>" in html
    assert 'name="confirm"' in html
    assert SourcePage.objects.count() == Article.objects.count() == 0
    assert response.context["good"][0]["rows"][1]["region"].adcode == "510821"


def token_of(response) -> str:
    """The token as the browser posts it back: the hidden input of the rendered preview."""
    match = re.search(r'name="token" value="([^"]+)"', response.content.decode())
    assert match, "no token in the preview"
    return match.group(1)


def test_confirming_the_preview_stores_the_page_as_a_run_of_the_staff_member(
    admin_client, admin_user, seed_text
):
    preview = admin_client.post(
        reverse(URL),
        {"text": seed_text, "publication": "样例报", "issue_date": "2024-01-16", "preview": "1"},
    )
    response = admin_client.post(reverse(URL), {"token": token_of(preview), "confirm": "1"})
    page = SourcePage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:articles_sourcepage_change", args=[page.pk])
    assert Article.objects.count() == 8
    assert page.publication.name == "样例报" and str(page.issue_date) == "2024-01-16"
    run = IngestRun.objects.get()
    assert (run.started_by, run.pages_stored, run.status) == (admin_user.username, 1, "done")
    assert list(Path(settings.UPLOAD_STAGING_DIR).iterdir()) == []  # cleaned up


def test_cancel_stores_nothing_and_deletes_the_kept_upload(admin_client, seed_text):
    preview = admin_client.post(reverse(URL), {"text": seed_text, "preview": "1"})
    assert 'name="cancel"' in preview.content.decode()
    assert len(list(Path(settings.UPLOAD_STAGING_DIR).iterdir())) == 2  # bytes and details
    token = token_of(preview)
    response = admin_client.post(reverse(URL), {"token": token, "cancel": "1"})
    assert response["Location"] == reverse("admin:articles_sourcepage_changelist")
    assert list(Path(settings.UPLOAD_STAGING_DIR).iterdir()) == []
    again = admin_client.post(reverse(URL), {"token": token, "confirm": "1"}, follow=True)
    assert "已经保存、已取消或已过期" in again.content.decode()
    assert SourcePage.objects.count() == Article.objects.count() == IngestRun.objects.count() == 0


def test_a_binary_file_is_a_form_error_naming_it(admin_client):
    upload = SimpleUploadedFile("scan.txt", bytes(range(256)) * 4)
    response = admin_client.post(reverse(URL), {"file": upload, "preview": "1"})
    assert response.status_code == 200
    assert "scan.txt" in response.context["form"].non_field_errors()[0]
    assert SourcePage.objects.count() == 0


def test_nothing_to_ingest_and_an_unknown_region_are_form_errors(admin_client):
    response = admin_client.post(reverse(URL), {"preview": "1"})
    assert response.context["form"].non_field_errors()
    response = admin_client.post(
        reverse(URL),
        {"text": "仪陇县新增就业岗位1200个。", "home_region": "999999", "preview": "1"},
    )
    assert "999999" in str(response.context["form"].errors["home_region"])


def test_the_upload_page_is_for_staff_only_and_linked_from_the_page_list(client, admin_client):
    assert client.get(reverse(URL)).status_code == 302  # to the admin login
    listing = admin_client.get(reverse("admin:articles_sourcepage_changelist")).content.decode()
    assert reverse(URL) in listing


def test_an_html_article_page_is_read_as_the_ingest_reads_it(admin_client):
    from pathlib import Path

    html = (Path(__file__).parent / "data" / "pages" / "html" / "golmud.html").read_bytes()
    upload = SimpleUploadedFile("page.html", html)
    response = admin_client.post(reverse(URL), {"file": upload, "preview": "1"})
    assert response.status_code == 200
    [page] = response.context["good"]
    rows = page["rows"]
    assert [row["title"] for row in rows] == ["托起百姓稳稳的幸福"]
    assert "当前位置" not in response.content.decode().split("<h1")[-1]
    assert SourcePage.objects.count() == 0


def test_a_scan_is_a_form_error_naming_the_file(admin_client):
    upload = SimpleUploadedFile("scanned.pdf", (BAD / "scanned.pdf").read_bytes())
    response = admin_client.post(reverse(URL), {"file": upload, "preview": "1"})
    errors = " ".join(response.context["form"].non_field_errors())
    assert "未保存 scanned.pdf：没有文字层（扫描的 PDF？）" in errors  # the Chinese admin's reason
    assert SourcePage.objects.count() == 0
    assert list(Path(settings.UPLOAD_STAGING_DIR).iterdir()) == []  # nothing kept


def test_the_upload_breadcrumb_says_home_in_english_not_first(admin_client):
    # "首页" is also the pagination's "First" page; the admin breadcrumb has its own context.
    response = admin_client.get(reverse(URL), {"lang": "en"})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<div class="breadcrumbs"><a href="/admin/">Home</a>' in html
    assert ">First</a>" not in html


def test_the_english_preview_and_confirmation_count_without_a_wrong_plural(admin_client):
    """One page of one article: English never says "1 articles" or "1 pages" (the counts
    are labels, not nouns, so any number reads right)."""
    from django.contrib.messages import get_messages

    text = "旺苍县志愿服务再上新台阶\n\n旺苍县实名注册志愿者总数达51104人。\n"
    preview = admin_client.post(
        reverse(URL) + "?lang=en", {"text": text, "publication": "样例报", "preview": "1"}
    )
    html = preview.content.decode()
    assert "confirming will store 1 page; articles: 1." in html
    confirm = admin_client.post(
        reverse(URL) + "?lang=en", {"token": token_of(preview), "confirm": "1"}
    )
    message, listed = [str(m) for m in get_messages(confirm.wsgi_request)]
    assert "Pages: 1; new articles: 1;" in message and "1 pages" not in message
    assert listed.startswith('New articles:<span class="upload-created"><br><a href="/articles/')


def test_the_preview_shows_each_metrics_parsed_value_unit_and_previous_value(admin_client):
    # A new-user pass: the preview listed spans and indicator slugs, not what was read
    # from them, so a wrong value or unit was seen only after storing. Formatted as the
    # article page formats a stored metric.
    text = (
        "仪陇县社保工作\n\n失业保险金标准由每人每月1530元调整至每人每月1692元。"
        "全县发放宣传品5000余份。\n"
    )
    for lang, labels, value, unit, previous, indicator in (
        ("zh-hans", ("数值", "单位", "原值"), "1,692元/人/月", "元/人/月", "1,530元/人/月",
         "失业保险金标准（unemployment-benefit-monthly）"),
        ("en", ("Value", "Unit", "Previous value"), "1,692 yuan per person per month",
         "yuan per person per month", "1,530 yuan per person per month",
         "Unemployment benefit (monthly)"),
    ):  # fmt: skip
        preview = admin_client.post(
            reverse(URL) + f"?lang={lang}", {"text": text, "publication": "样例报", "preview": "1"}
        )
        html = preview.content.decode()
        parsed = re.findall(r'<div class="preview-parsed">(.*?)</div>', html, re.S)
        assert len(parsed) == 2, parsed
        change = re.sub(r"<[^>]+>", "", parsed[0])
        assert change.startswith(f"{labels[0]}: {value} · {labels[1]}: {unit} · ")
        assert f"{labels[2]}: {previous}" in change
        # Chinese: its name, then its slug; English: its English name, no slug in
        # full-width brackets (a new-user pass read '（social-security）' as a gap)
        assert change.endswith(f" · {indicator}")
        if lang == "en":
            assert "（" not in re.sub(r"<mark>.*?</mark>|<li>.*?<div", "", html, flags=re.S)
        leaflets = re.sub(r"<[^>]+>", "", parsed[1])
        assert f"{labels[0]}: ≥5,000" in leaflets and f"{labels[2]}: —" in leaflets


@pytest.mark.parametrize(
    ("issue_date", "lang", "warned"),
    [
        ("", "zh-hans", "没有刊发日期"),
        ("", "en", "No issue date: none was given (only a web page’s metadata"),
        ("2024-01-16", "en", None),
    ],
)
def test_the_preview_says_when_a_page_would_be_stored_without_a_date(
    admin_client, issue_date, lang, warned
):
    """A page with no date given (a text page's own dateline is not read as its date)
    was stored silently and then shown as published 'Unknown' (a new-user pass): the
    preview says so first."""
    text = "旺苍县实名注册志愿者总数达51104人，占全县常住人口的15%。"
    admin_client.cookies["django_language"] = lang
    response = admin_client.post(
        reverse(URL),
        {"text": text, "publication": "样例报", "issue_date": issue_date, "preview": "1"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["good"][0]["undated"] is (warned is not None)
    if warned:
        assert f'<p class="warning preview-undated">{warned}' in html
    else:
        assert "preview-undated" not in html


@pytest.mark.parametrize(
    "lang, heading, edit", [("zh-hans", "新文章：", "编辑"), ("en", "New articles:", "edit")]
)
def test_the_confirmation_links_each_new_article_to_its_page_and_its_admin_page(
    admin_client, seed_text, lang, heading, edit
):
    """After a confirmed upload nothing linked to the new articles (a new-user pass)."""
    preview = admin_client.post(
        reverse(URL),
        {"text": seed_text, "publication": "样例报", "issue_date": "2024-01-16", "preview": "1"},
    )
    response = admin_client.post(
        reverse(URL) + f"?lang={lang}", {"token": token_of(preview), "confirm": "1"}, follow=True
    )
    html = response.content.decode()
    listed = html.split('<span class="upload-created">')[1].split("</span>")[0]
    assert html.split('<span class="upload-created">')[0].endswith(heading)
    articles = list(Article.objects.order_by("page_id", "position"))
    assert len(articles) == 8
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', listed)
    expected = []
    for a in articles:
        expected += [
            (a.get_absolute_url(), a.display_title),
            (reverse("admin:articles_article_change", args=[a.pk]), edit),
        ]
    assert links == expected
    photo = "近年来，江西省吉安市永丰县同步落实河长制、林长制，对恩江流域…"  # no headline
    assert (f"/articles/{articles[-1].pk}/", photo) in links
