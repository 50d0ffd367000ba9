"""Uploading many pages in the admin (issue 8, point 7): a zip of pages and a PDF of
several pages are previewed page by page, with each refused member named with its
reason; confirming stores every good page once, through the same services as
``manage.py ingest``; cancelling stores nothing; the upload is kept on the server between
preview and confirmation behind a signed token; with a broker, a large upload is queued,
one task per page."""

import io
import os
import re
import time
import zipfile
from pathlib import Path
from unittest import mock

import pytest
from django.contrib.auth.models import Permission
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from articles import upload_staging as staging
from articles.models import Article, IngestRun, SourcePage
from tests.test_concurrent_ingest import page_text

pytestmark = pytest.mark.django_db
URL = "admin:articles_sourcepage_upload"
PAGES = Path(__file__).parent / "data" / "pages"


@pytest.fixture(autouse=True)
def staging_dir(settings, tmp_path) -> Path:
    settings.UPLOAD_STAGING_DIR = str(tmp_path / "staging")
    return Path(settings.UPLOAD_STAGING_DIR)


def zip_upload(name: str = "pages.zip") -> SimpleUploadedFile:
    """Three good pages (two text pages and an HTML page) and two bad members: one whose
    path climbs out of the archive, one binary."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a/page1.txt", page_text(1))
        archive.writestr("a/page2.txt", page_text(2).encode("gb18030"))
        archive.writestr("b/nanchong.html", (PAGES / "html" / "nanchong.html").read_bytes())
        archive.writestr("../../outside.txt", page_text(3))
        archive.writestr("c/binary.txt", bytes(range(256)) * 4)
    return SimpleUploadedFile(name, buffer.getvalue())


def preview(client, **data):
    return client.post(reverse(URL), {**data, "preview": "1"})


def token_of(response) -> str:
    match = re.search(r'name="token" value="([^"]+)"', response.content.decode())
    assert match, response.content.decode()[:2000]
    return match.group(1)


def test_a_zip_is_previewed_page_by_page_with_each_bad_member_named(admin_client):
    response = preview(admin_client, file=zip_upload(), publication="川北报")
    assert response.status_code == 200
    html = response.content.decode()
    good = [p["name"] for p in response.context["good"]]
    assert good == ["pages.zip:a/page1.txt", "pages.zip:a/page2.txt", "pages.zip:b/nanchong.html"]
    refused = {p["name"]: p["error"] for p in response.context["refused"]}
    assert set(refused) == {"pages.zip:../../outside.txt", "pages.zip:c/binary.txt"}
    assert refused["pages.zip:../../outside.txt"].startswith("path leads outside the archive")
    assert refused["pages.zip:c/binary.txt"].startswith("page is neither UTF-8")
    assert "<strong>pages.zip:c/binary.txt</strong>" in html
    titles = [[r["title"] for r in p["rows"]] for p in response.context["good"]]
    assert titles[2] == ["开展环保宣传 传播文明理念"]
    assert f"全县共建成服务站点<mark>{101}个</mark>" in html
    assert '<details class="module preview-page" open>' in html  # three pages: open
    assert SourcePage.objects.count() == Article.objects.count() == IngestRun.objects.count() == 0


def test_confirming_a_zip_stores_its_good_pages_once_as_ingest_would(admin_client, admin_user):
    token = token_of(preview(admin_client, file=zip_upload(), publication="川北报"))
    response = admin_client.post(reverse(URL), {"token": token, "confirm": "1"})
    run = IngestRun.objects.get()
    assert response["Location"] == reverse("admin:articles_ingestrun_change", args=[run.pk])
    assert sorted(SourcePage.objects.values_list("filename", flat=True)) == [
        "pages.zip:a/page1.txt",
        "pages.zip:a/page2.txt",
        "pages.zip:b/nanchong.html",
    ]
    assert {p.publication.name for p in SourcePage.objects.all()} == {"川北报"}
    assert (run.started_by, run.pages_total, run.pages_stored, run.pages_refused) == (
        admin_user.username,
        5,
        3,
        2,
    )
    assert {e["file"] for e in run.errors} == {
        "pages.zip:../../outside.txt",
        "pages.zip:c/binary.txt",
    }
    html_page = SourcePage.objects.get(filename="pages.zip:b/nanchong.html")
    assert str(html_page.issue_date) == "2024-01-12"  # the HTML page's own date
    articles = Article.objects.count()
    # confirming the same preview again stores nothing more
    again = admin_client.post(reverse(URL), {"token": token, "confirm": "1"}, follow=True)
    assert "已经保存、已取消或已过期" in again.content.decode()
    assert (SourcePage.objects.count(), Article.objects.count()) == (3, articles)
    assert IngestRun.objects.count() == 1
    # uploading and confirming the same zip again: the pages are known, nothing is added
    token = token_of(preview(admin_client, file=zip_upload(), publication="川北报"))
    admin_client.post(reverse(URL), {"token": token, "confirm": "1"})
    rerun = IngestRun.objects.latest("pk")
    assert (rerun.pages_stored, rerun.pages_unchanged) == (0, 3)
    assert (SourcePage.objects.count(), Article.objects.count()) == (3, articles)


def test_a_pdf_of_several_pages_is_previewed_and_stored_page_by_page(admin_client):
    pdf = SimpleUploadedFile("旺苍报.pdf", (PAGES / "more" / "three_pages.pdf").read_bytes())
    response = preview(admin_client, file=pdf, issue_date="2024-03-10", page_label="02")
    pages = response.context["good"]
    assert [p["name"] for p in pages] == [f"旺苍报.pdf#page={n}" for n in (1, 2, 3)]
    assert [(r["title"], r["region"].adcode) for p in pages for r in p["rows"]] == [
        ("旺苍县召开就业服务推进会", "510821"),
        ("苍溪县养老服务再上新台阶", "510824"),
        ("剑阁县推进农村公路建设", "510823"),
    ]
    assert "累计服务老年人<mark>3.6万人次</mark>" in response.content.decode()
    admin_client.post(reverse(URL), {"token": token_of(response), "confirm": "1"})
    assert SourcePage.objects.count() == Article.objects.count() == 3
    assert {(str(p.issue_date), p.page_label) for p in SourcePage.objects.all()} == {
        ("2024-03-10", "02")
    }


def test_a_pdf_with_a_scanned_page_stores_the_other_and_names_the_scan(admin_client):
    pdf = SimpleUploadedFile("two.pdf", (PAGES / "more" / "two_pages.pdf").read_bytes())
    response = preview(admin_client, file=pdf)
    assert [p["name"] for p in response.context["refused"]] == ["two.pdf#page=2"]
    assert "no text layer" in response.context["refused"][0]["error"]
    admin_client.post(reverse(URL), {"token": token_of(response), "confirm": "1"})
    assert list(SourcePage.objects.values_list("filename", flat=True)) == ["two.pdf#page=1"]


def test_many_pages_are_collapsed_in_the_preview(admin_client, settings):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for n in range(5):
            archive.writestr(f"p{n}.txt", page_text(n))
    response = preview(admin_client, file=SimpleUploadedFile("five.zip", buffer.getvalue()))
    html = response.content.decode()
    assert html.count('<details class="module preview-page">') == 5  # none open


def test_an_upload_over_the_size_limit_is_refused_before_it_is_kept(admin_client, settings):
    settings.UPLOAD_MAX_BYTES = 100
    response = preview(admin_client, file=zip_upload("big.zip"))
    assert "big.zip 太大" in " ".join(response.context["form"].non_field_errors())
    assert not Path(settings.UPLOAD_STAGING_DIR).exists() or not any(
        Path(settings.UPLOAD_STAGING_DIR).iterdir()
    )


def test_a_token_of_another_user_a_forged_or_an_expired_one_stores_nothing(
    admin_client, django_user_model, monkeypatch
):
    token = token_of(preview(admin_client, file=zip_upload()))
    other = django_user_model.objects.create_superuser("other", "o@example.com", "pw")
    client = Client()
    client.force_login(other)
    for bad in (token, token[:-2] + "xx", signing.dumps({"key": "0" * 32, "user": other.pk})):
        response = client.post(reverse(URL), {"token": bad, "confirm": "1"}, follow=True)
        assert "已经保存、已取消或已过期" in response.content.decode()
    later = time.time() + 7200
    monkeypatch.setattr(signing.time, "time", lambda: later)
    admin_client.post(reverse(URL), {"token": token, "confirm": "1"})
    assert SourcePage.objects.count() == IngestRun.objects.count() == 0


def test_old_uploads_are_swept(admin_client, settings):
    preview(admin_client, file=zip_upload())
    folder = Path(settings.UPLOAD_STAGING_DIR)
    old = time.time() - settings.UPLOAD_STAGING_MAX_AGE - 10
    for path in folder.iterdir():
        os.utime(path, (old, old))
    assert staging.sweep() == 2
    assert list(folder.iterdir()) == []


def test_the_upload_is_for_staff_with_the_add_page_permission(client, django_user_model):
    user = django_user_model.objects.create_user("reader", password="pw")
    client.force_login(user)
    response = client.post(reverse(URL), {"file": zip_upload(), "preview": "1"})
    assert response.status_code == 302 and "/login/" in response["Location"]
    user.is_staff = True
    user.save()
    response = client.post(reverse(URL), {"file": zip_upload(), "preview": "1"})
    assert response.status_code == 403
    assert "上传报纸版面需要“editor”（编辑）组" in response.content.decode()
    user.user_permissions.add(Permission.objects.get(codename="add_sourcepage"))
    response = client.post(reverse(URL), {"file": zip_upload(), "preview": "1"})
    assert response.status_code == 200
    assert SourcePage.objects.count() == 0


def test_preview_and_confirm_need_the_csrf_token(admin_client, admin_user):
    token = token_of(preview(admin_client, file=zip_upload()))
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(admin_user)
    assert strict.post(reverse(URL), {"file": zip_upload(), "preview": "1"}).status_code == 403
    assert strict.post(reverse(URL), {"token": token, "confirm": "1"}).status_code == 403
    assert SourcePage.objects.count() == 0
    page = strict.get(reverse(URL))
    csrf = page.cookies["csrftoken"].value
    response = strict.post(
        reverse(URL), {"token": token, "confirm": "1", "csrfmiddlewaretoken": csrf}
    )
    assert response.status_code == 302 and SourcePage.objects.count() == 3


def test_with_a_broker_a_large_upload_is_queued_one_task_per_page(admin_client, settings):
    settings.CELERY_BROKER_URL = "memory://"
    settings.UPLOAD_QUEUE_ABOVE_PAGES = 2
    token = token_of(preview(admin_client, file=zip_upload(), publication="川北报"))
    with mock.patch("articles.tasks.ingest_page_task.delay") as delay:
        response = admin_client.post(reverse(URL), {"token": token, "confirm": "1"})
    run = IngestRun.objects.get()
    assert response["Location"] == reverse("admin:articles_ingestrun_change", args=[run.pk])
    assert run.queued and (run.pages_total, run.pages_refused) == (5, 2)
    assert SourcePage.objects.count() == 0  # the workers store them
    names = [call.args[1] for call in delay.call_args_list]
    assert names == ["pages.zip:a/page1.txt", "pages.zip:a/page2.txt", "pages.zip:b/nanchong.html"]
    assert all(call.args[0] == run.pk for call in delay.call_args_list)
    assert delay.call_args_list[0].args[3]["publication"] == "川北报"
    from articles.tasks import ingest_page_task

    for call in delay.call_args_list:  # what a worker would do with each task
        ingest_page_task(*call.args)
    run.refresh_from_db()
    assert (run.status, run.pages_stored, run.pages_refused) == ("refused", 3, 2)
    assert SourcePage.objects.count() == 3


def test_with_a_broker_a_small_upload_is_stored_at_once(admin_client, settings):
    settings.CELERY_BROKER_URL = "memory://"
    settings.UPLOAD_QUEUE_ABOVE_PAGES = 10
    token = token_of(preview(admin_client, file=zip_upload()))
    with mock.patch("articles.tasks.ingest_page_task.delay") as delay:
        admin_client.post(reverse(URL), {"token": token, "confirm": "1"})
    assert delay.call_count == 0 and SourcePage.objects.count() == 3


def test_an_unreachable_broker_stores_nothing_and_keeps_the_preview(admin_client, settings):
    from kombu.exceptions import OperationalError

    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    settings.UPLOAD_QUEUE_ABOVE_PAGES = 1
    token = token_of(preview(admin_client, file=zip_upload()))
    with mock.patch("articles.tasks.ingest_page_task.delay", side_effect=OperationalError("x")):
        response = admin_client.post(reverse(URL), {"token": token, "confirm": "1"}, follow=True)
    assert "无法连接任务队列" in response.content.decode()
    assert IngestRun.objects.count() == SourcePage.objects.count() == 0
    settings.CELERY_BROKER_URL = ""
    admin_client.post(reverse(URL), {"token": token, "confirm": "1"})  # still confirmable
    assert SourcePage.objects.count() == 3


def test_the_same_zip_again_is_said_already_stored_in_the_preview_and_after_confirming(
    admin_client,
):
    """A new-user pass: the second upload of a zip previewed "confirming will store 3
    pages" and confirmed "Stored. Pages: 3; new articles: 0" while the run recorded 0
    stored and 3 unchanged. Both now say the pages are already stored, and name them."""
    from django.contrib.messages import get_messages

    first = token_of(preview(admin_client, file=zip_upload(), publication="川北报"))
    admin_client.post(reverse(URL), {"token": first, "confirm": "1"})
    names = ["pages.zip:a/page1.txt", "pages.zip:a/page2.txt", "pages.zip:b/nanchong.html"]
    for lang, says, stored, summary, message in (
        ("zh-hans", "确认后将保存", "已经保存过",
         "pages.zip：3 个版面已经保存过，确认后不会再保存一份（只更新与已存版面不同之处）。",
         "3 个版面已经保存过，没有再保存一份（0 个有改动、已更新，3 个没有改动）："
         + "、".join(names)),
        ("en", "confirming will store", "already stored",
         "pages.zip: 3 pages are already stored; confirming will not store them again",
         "Already stored, not stored again. Pages: 3 (updated: 0; unchanged: 3): "
         + ", ".join(names)),
    ):  # fmt: skip
        again = admin_client.post(
            reverse(URL) + f"?lang={lang}",
            {"file": zip_upload(), "publication": "川北报", "preview": "1"},
        )
        html = again.content.decode()
        assert summary in html and says not in html
        assert html.count(f'<em class="preview-stored">{stored}</em>') == 3
        assert again.context["articles"] == 0
        confirm = admin_client.post(
            reverse(URL) + f"?lang={lang}", {"token": token_of(again), "confirm": "1"}
        )
        shown = [str(m) for m in get_messages(confirm.wsgi_request)]
        assert message in shown
        stored_line = {"zh-hans": "已保存 0 个版面：0 篇新文章", "en": "Stored. Pages: 0; new"}
        assert any(m.startswith(stored_line[lang]) for m in shown)  # not 3: none was stored
        run = IngestRun.objects.latest("pk")
        assert (run.pages_stored, run.pages_unchanged) == (0, 3)


def test_a_zip_of_new_and_stored_pages_counts_only_the_new_for_storing(admin_client):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a/page1.txt", page_text(1))
    token = token_of(preview(admin_client, file=SimpleUploadedFile("one.zip", buffer.getvalue())))
    admin_client.post(reverse(URL), {"token": token, "confirm": "1"})
    html = preview(admin_client, file=zip_upload()).content.decode()
    assert "pages.zip：确认后将保存 2 个版面" in html
    assert "pages.zip：1 个版面已经保存过" in html
    assert html.count('<em class="preview-stored">已经保存过</em>') == 1
