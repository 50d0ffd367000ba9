"""Refusals of undecodable bytes say it in the project's words, in both languages: the byte
offset in the file and the byte, never Python's codec message ("'utf-8' codec can't decode
byte 0xb5 in position 12: invalid start byte", a new-user pass). A zip archive whose file
names are flagged UTF-8 but are not is refused like any bad file (it raised out of the
readers: a server error in the upload, a traceback from ``manage.py ingest``)."""

from __future__ import annotations

import io
import re
import zipfile
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from articles.ingest.sources import iter_pages
from articles.refusals import refusal_text
from articles.services.runs import _outcome

#: A real-style line of a page (a report's sentence), UTF-8.
LINE = "旺苍县实名注册志愿者总数达到51104人，全县共组建志愿服务队670余支。".encode()
#: Python's words, in any of its codec messages.
PYTHON_WORDS = re.compile(r"codec|can't decode|invalid start|continuation|multibyte|position")


def both(reason: str) -> tuple[str, str]:
    """``reason`` as the Chinese and the English pages show it."""
    with translation.override("zh-hans"):
        zh = refusal_text(reason)
    with translation.override("en"):
        en = refusal_text(reason)
    return zh, en


def refused(tmp_path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    [item] = iter_pages([path], max_bytes=1 << 20)
    assert isinstance(item, Exception), item
    assert item.source == str(path)  # the refusal names the file
    return item.reason


def test_a_page_in_neither_encoding_names_where_each_breaks(tmp_path):
    reason = refused(tmp_path, "page.txt", LINE[:12] + b"\xb5\x00\xff" + LINE)
    assert both(reason) == (
        "页面既不是 UTF-8 也不是 GB18030 文本：按 UTF-8 读到偏移 12 处（字节 0xB5）出错，"
        "按 GB18030 读到偏移 12 处（字节 0xB5）出错",
        "page is neither UTF-8 nor GB18030 text: UTF-8 breaks at byte offset 12 (0xB5), "
        "GB18030 at byte offset 12 (0xB5)",
    )
    # a broken sequence: UTF-8 breaks where it starts (the lead byte of 旺), GB18030 later
    reason = refused(tmp_path, "page.html", b"<p>" + LINE[:10] + b"\xb5\xff" + LINE + b"</p>")
    assert both(reason)[1] == (
        "HTML page is neither UTF-8 nor GB18030 text: UTF-8 breaks at byte offset 12 (0xE5), "
        "GB18030 at byte offset 13 (0xB5)"
    )
    assert both(reason)[0].startswith("HTML：页面既不是 UTF-8 也不是 GB18030 文本：")


def test_a_bom_page_counts_its_offset_from_the_start_of_the_file(tmp_path):
    reason = refused(tmp_path, "bom.txt", b"\xef\xbb\xbf" + LINE[:6] + b"\xb5\xb5" + LINE)
    assert both(reason) == (
        "页面以 UTF-8 字节顺序标记开头，但不是有效的 UTF-8：读到偏移 9 处（字节 0xB5）出错",
        "page starts with a UTF-8 byte-order mark but is not valid UTF-8: it breaks at byte "
        "offset 9 (0xB5)",
    )


def zip_with_a_false_utf8_name() -> bytes:
    """A zip whose member name is flagged UTF-8 (bit 11) but is GBK bytes (旺.txt)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("AA.txt", LINE * 4)
    data = bytearray(buffer.getvalue().replace(b"AA.txt", "旺.txt".encode("gbk")))
    for header, flag_at in ((b"PK\x03\x04", 7), (b"PK\x01\x02", 9)):
        data[data.find(header) + flag_at] |= 0x08
    return bytes(data)


def test_a_zip_with_a_name_falsely_flagged_utf8_is_refused_not_raised(tmp_path):
    reason = refused(tmp_path, "pages.zip", zip_with_a_false_utf8_name())
    assert both(reason) == (
        "不是可读的 zip 压缩包：有文件名标为 UTF-8 编码，但其中的字节 0xCD 不是 UTF-8",
        "not a readable zip archive: a file name is marked as UTF-8 but its byte 0xCD is not UTF-8",
    )


@pytest.mark.django_db
def test_the_upload_and_the_ingest_command_name_the_file_and_the_byte(
    admin_client, settings, tmp_path
):
    settings.UPLOAD_STAGING_DIR = str(tmp_path / "staging")
    url = reverse("admin:articles_sourcepage_upload")
    for name, data, zh in (
        (
            "pages.zip",
            zip_with_a_false_utf8_name(),
            "不是可读的 zip 压缩包：有文件名标为 UTF-8 编码",
        ),
        (
            "page.txt",
            LINE[:12] + b"\xb5\x00\xff" + LINE,
            "按 UTF-8 读到偏移 12 处（字节 0xB5）出错",
        ),
    ):
        upload = SimpleUploadedFile(name, data)
        response = admin_client.post(url, {"file": upload, "preview": "1"})
        assert response.status_code == 200
        # one file, refused: the form says so, naming it
        [shown] = re.findall(
            r'<ul class="errorlist nonfield"><li>(.*?)</li>', response.content.decode()
        )
        assert shown.startswith(f"未保存 {name}：") and zh in shown, shown
        assert not PYTHON_WORDS.search(shown)
        (tmp_path / name).write_bytes(data)
    err = StringIO()
    with pytest.raises(CommandError, match="2 of 2 pages refused"):
        call_command("ingest", str(tmp_path / "pages.zip"), str(tmp_path / "page.txt"),
                     stdout=StringIO(), stderr=err)  # fmt: skip
    lines = [line for line in err.getvalue().splitlines() if ": refused: " in line]
    assert [line.split(": refused: ")[0] for line in lines] == [
        str(tmp_path / "pages.zip"),
        str(tmp_path / "page.txt"),
    ]
    assert not PYTHON_WORDS.search(err.getvalue())


def test_a_decode_error_anywhere_else_is_said_in_the_projects_words():
    exc = UnicodeDecodeError("utf-8", b"abc\xb5", 3, 4, "invalid start byte")
    assert both(_outcome("page.txt", exc).error) == (
        "未保存：字节 0xB5 不是 UTF-8 文本",
        "not stored: byte 0xB5 is not UTF-8 text",
    )


def test_a_pdf_pdfminer_cannot_decode_is_refused_in_the_projects_words(tmp_path, monkeypatch):
    import pdfplumber

    def undecodable(*_args, **_kwargs):
        raise UnicodeDecodeError("utf-8", b"\xb5", 0, 1, "invalid start byte")

    monkeypatch.setattr(pdfplumber, "open", undecodable)
    reason = refused(tmp_path, "page.pdf", b"%PDF-1.4\n" + bytes(64))
    assert both(reason) == (
        "不是可读的 PDF，文件已损坏或不完整（字节 0xB5 不是 UTF-8 文本）",
        "not a readable PDF, damaged or truncated (byte 0xB5 is not UTF-8 text)",
    )


def test_lines_stored_before_are_shown_without_pythons_words():
    old = (
        "page is neither UTF-8 (byte 128: invalid start byte) "
        "nor GB18030 (byte 128: illegal multibyte sequence)"
    )
    assert both(old) == (
        "页面既不是 UTF-8（第 128 字节）也不是 GB18030（第 128 字节）编码",
        "page is neither UTF-8 (byte 128) nor GB18030 (byte 128)",
    )
    old_bom = "page starts with a UTF-8 byte-order mark but is not valid UTF-8 (byte 6: invalid start byte)"
    assert not any(PYTHON_WORDS.search(text) for text in both(old_bom))
