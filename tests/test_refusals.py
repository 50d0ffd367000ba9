"""Refusal reasons in the reader's language (a new-user pass: the Chinese admin showed the
readers' English reasons). The ingest code keeps writing one English line (the CLI, the
log and ``IngestRun.errors``); ``articles.refusals.refusal_text`` translates it at display.
"""

import ast
import io
import re
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from articles.ingest.sources import ArchiveLimits, iter_pages
from articles.refusals import refusal_text

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "tests" / "data" / "pages"
#: Where the ingest code writes refusal reasons.
SOURCES = [
    *sorted((ROOT / "articles" / "ingest" / "sources").glob("*.py")),
    ROOT / "articles" / "ingest" / "normalize.py",
    ROOT / "articles" / "ingest_guard.py",
    ROOT / "articles" / "services" / "ingest.py",
    ROOT / "articles" / "services" / "runs.py",
    ROOT / "articles" / "services" / "metrics.py",  # warnings of a stored page
    ROOT / "articles" / "services" / "page_store.py",
]
REFUSING = {"SourceError", "PageDecodeError", "IngestError", "PageRefused", "PageOutcome"}


def refusals(*paths, **kwargs) -> list[str]:
    """The reasons (without the file name) the readers give for ``paths``."""
    items = iter_pages(paths, max_bytes=kwargs.pop("max_bytes", 8 << 20), **kwargs)
    return [item.reason for item in items if isinstance(item, Exception)]


def zh(reason: str) -> str:
    with translation.override("zh-hans"):
        return refusal_text(reason)


def en(reason: str) -> str:
    with translation.override("en"):
        return refusal_text(reason)


def test_the_bad_files_are_refused_in_chinese_with_their_values(tmp_path):
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (tmp_path / "utf16.txt").write_bytes("旺苍县".encode("utf-16"))
    (tmp_path / "cut.pdf").write_bytes((PAGES / "pdf").glob("*.pdf").__next__().read_bytes()[:3000])
    reasons = refusals(
        *(PAGES / "bad" / n for n in ("scanned.pdf", "empty.txt", "broken.html", "escape.zip")),
        *(tmp_path / n for n in ("photo.png", "utf16.txt", "cut.pdf", "gone.txt")),
    )
    assert [zh(r) for r in reasons] == [
        "没有文字层（扫描的 PDF？）；不支持文字识别（OCR）",
        "空文件",
        "没有找到正文（HTML 已损坏，或页面上没有文章）",
        "路径指向压缩包之外（绝对路径或含 ..），未读取",
        "是PNG 图片，不是版面（应为文本、HTML、PDF 或 zip）",
        "页面是 UTF-16 编码（有字节顺序标记），请另存为 UTF-8",
        "不是可读的 PDF，文件已损坏或不完整（Unexpected EOF）",
        "没有这个文件或目录",
    ]
    assert [en(r) for r in reasons] == reasons  # English is the line the CLI prints


def test_values_and_nested_reasons_are_kept_and_translated(tmp_path):
    archive = tmp_path / "pages.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("big.txt", "旺苍县".encode() * 400)
        zf.writestr("inner.zip", b"PK\x05\x06" + bytes(18))
        zf.writestr("zeros.txt", bytes(500_000))
    reasons = refusals(archive, limits=ArchiveLimits(max_bytes=2000, max_ratio=100))
    assert [zh(r) for r in reasons] == [
        "有 3600 字节，超过上限 2000 字节",
        "不读取压缩包里的压缩包，请先解压",
        "有 500000 字节，超过上限 2000 字节",
    ]
    [whole] = refusals(archive, limits=ArchiveLimits(max_bytes=1 << 20, max_members=2))
    assert zh(whole) == "有 3 个文件，超过上限 2 个"
    binary = refusals(PAGES / "bad" / "binary.txt")[0]
    assert zh(binary) == (
        "页面既不是 UTF-8 也不是 GB18030 文本：按 UTF-8 读到偏移 128 处（字节 0x80）出错，"
        "按 GB18030 读到偏移 128 处（字节 0x80）出错"
    )
    nested = "HTML page decoded as GB18030 is empty"
    assert zh(nested) == "HTML：按 GB18030 解码后页面为空"
    assert en(nested) == nested
    same = "HTML declares charset big5 but byte 12 is not big5"
    assert zh(same) == "HTML 声明的字符集是 big5，但第 12 字节不是 big5"
    # a form whose repeated value differs is not that form (here: only "HTML …" is)
    other = "HTML declares charset big5 but byte 12 is not cp950"
    assert zh(other) == "HTML：declares charset big5 but byte 12 is not cp950"
    assert zh("a reason nobody wrote") == "a reason nobody wrote"
    assert zh(None) == ""


def _sample(node: ast.AST, constants: dict[str, str]) -> str | None:
    """The text a message expression writes, each value as '7' (None when not a literal)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            part.value if isinstance(part, ast.Constant) else "7" for part in node.values
        )
    if isinstance(node, ast.Name) and node.id in constants:
        return constants[node.id]
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
    ):
        text = _sample(node.func.value, constants)
        return text.replace("{}", "7") if text is not None else None
    return None


def written_reasons() -> list[tuple[str, str]]:
    """(file, text) of every literal refusal reason the ingest code writes: the message of a
    SourceError/PageDecodeError/IngestError/PageRefused/PageOutcome(error=…), the strings
    the archive checks return, the module constants they use, and the warnings appended to
    (or set as) a page's ``warnings``."""
    found = []
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = {
            t.id: n.value.value
            for n in tree.body
            if isinstance(n, ast.Assign) and isinstance(n.value, ast.Constant)
            for t in n.targets
            if isinstance(t, ast.Name) and isinstance(n.value.value, str)
        }
        for node in ast.walk(tree):
            messages = []
            called = getattr(node.func, "id", "") if isinstance(node, ast.Call) else ""
            if called == "SourceError":
                messages = node.args[1:2]
            elif called == "PageOutcome":
                messages = [k.value for k in node.keywords if k.arg == "error"]
            elif called in REFUSING:
                messages = node.args[:1]
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "append"
                and "warnings" in ast.unparse(node.func.value)
            ):
                messages = node.args[:1]
            elif (
                isinstance(node, ast.Assign)
                and ast.unparse(node.targets[0]) == "warnings"
                and isinstance(node.value, ast.Tuple)
            ):
                messages = node.value.elts
            elif isinstance(node, ast.FunctionDef) and (
                node.name.startswith("_check_") or node.name == "_no_article_message"
            ):
                messages = [r.value for r in ast.walk(node) if isinstance(r, ast.Return)]
            for message in messages:
                text = _sample(message, constants) if message is not None else None
                if text and re.search(r"[a-z]{3}", text) and "iter_pages" not in text:
                    found.append((path.name, text))
    return found


def test_every_reason_the_ingest_code_writes_has_a_translation():
    written = written_reasons()
    assert len(written) >= 40, written  # the walk finds the messages
    untranslated = [(f, text) for f, text in written if zh(text) == text]
    assert untranslated == []


@pytest.mark.django_db
def test_the_upload_preview_and_confirmation_give_chinese_reasons_and_exact_member_names(
    admin_client, settings, tmp_path
):
    settings.UPLOAD_STAGING_DIR = str(tmp_path / "staging")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("pages/nanchong.html", (PAGES / "html" / "nanchong.html").read_bytes())
        archive.writestr("pages/empty.txt", b"")
    url = reverse("admin:articles_sourcepage_upload")
    upload = SimpleUploadedFile("pages.zip", buffer.getvalue())
    response = admin_client.post(url, {"file": upload, "preview": "1"})
    html = response.content.decode()
    assert "<strong>pages.zip:pages/empty.txt</strong>: 空文件</li>" in html
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    done = admin_client.post(url, {"token": token, "confirm": "1"}, follow=True)
    shown = [str(m) for m in done.context["messages"]]
    assert "未保存 pages.zip:pages/empty.txt：空文件" in shown
    assert "未保存 pages.zip:pages/empty.txt：空文件" in done.content.decode()
    assert "Pages.zip" not in done.content.decode()  # the admin capitalises a message


@pytest.mark.django_db
def test_an_ingest_runs_options_and_refusals_are_a_list_and_a_table_not_json(admin_client):
    from articles.models import IngestRun

    run = IngestRun.objects.create(
        started_by="admin",
        options={
            "publication": "川北报",
            "issue_date": "2024-01-16",
            "page_label": "",
            "home_region": None,
            "dry_run": False,
        },
        errors=[
            {"file": "pages.zip:a/empty.txt", "reason": "empty file"},
            {"file": "pages.zip:b/<x>.html", "reason": "no such file or directory"},
        ],
    )
    url = reverse("admin:articles_ingestrun_change", args=[run.pk])
    html = admin_client.get(url).content.decode()
    assert (
        '<dl class="run-options"><dt>报刊</dt><dd>川北报</dd><dt>出版日期</dt><dd>2024-01-16</dd>'
        "<dt>版次</dt><dd>—</dd><dt>所属地区代码</dt><dd>—</dd><dt>试运行（不保存）</dt><dd>否</dd></dl>"
    ) in html
    assert "<tr><td>pages.zip:a/empty.txt</td><td>空文件</td></tr>" in html
    assert "<tr><td>pages.zip:b/&lt;x&gt;.html</td><td>没有这个文件或目录</td></tr>" in html
    assert '"publication"' not in html and "&quot;publication&quot;" not in html  # no JSON
    english = admin_client.get(url, {"lang": "en"}).content.decode()
    assert "<dt>Publication</dt><dd>川北报</dd>" in english
    assert "<dt>Dry run (store nothing)</dt><dd>No</dd>" in english
    assert '<th scope="col">File</th><th scope="col">Reason</th>' in english
    assert "<tr><td>pages.zip:a/empty.txt</td><td>empty file</td></tr>" in english


@pytest.mark.django_db
def test_the_preview_warns_in_chinese_that_a_stored_page_keeps_its_publication(
    admin_client, settings, tmp_path
):
    from datetime import date

    from articles.services.ingest import ingest_page

    settings.UPLOAD_STAGING_DIR = str(tmp_path / "staging")
    text = (ROOT / "tests" / "data" / "seed_page.txt").read_text("utf-8")
    ingest_page(text=text, publication="样例报", issue_date=date(2024, 1, 16))
    url = reverse("admin:articles_sourcepage_upload")
    response = admin_client.post(url, {"text": text, "publication": "川北报", "preview": "1"})
    [page] = response.context["good"]
    assert page["warnings"] == [
        "这个版面已作为样例报的版面保存（2024-01-16），保持不变（可在后台修改）"
    ]
    assert zh(
        "this page is already stored as 样例报's (no date); it stays so (change it in the admin)"
    ) == ("这个版面已作为样例报的版面保存（无日期），保持不变（可在后台修改）")
