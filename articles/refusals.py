"""Why a page was refused (and what a stored page was warned of), in the reader's language.

The readers (``articles.ingest.sources``, ``ingest.normalize``) and the ingest services
(``services.runs``, ``services.ingest``, ``ingest_guard``) say why a file or page is
refused in one English line: that line is what ``manage.py ingest`` prints, what the log
holds and what ``IngestRun.errors`` stores. ``refusal_text`` translates such a line at
display (the admin's upload preview, its messages, the ingest run page): each known
English form below is matched whole, its values kept, and its marked Chinese form
(``gettext``; English from ``locale/en``) filled with them. A line of no known form is
shown as it is. Values that are themselves a reason (``HTML <decode error>``) or a file
kind (``a PNG image``) are translated too; the text of a Python exception is kept. The
warnings of a page that is stored (``IngestReport.warnings``) go the same way.
"""

from __future__ import annotations

import re
from functools import cache

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

__all__ = ["KINDS", "REFUSALS", "WORDS", "refusal_text"]

#: (the English form the ingest code writes, its marked translation). ``%(name)s`` is a
#: value; a name repeated in a form must have the same value both times.
REFUSALS = (
    # readers: any file
    ("empty file", _("空文件")),
    ("no such file or directory", _("没有这个文件或目录")),
    ("no such file", _("没有这个文件")),
    ("is a directory, not a page", _("是目录，不是版面")),
    ("directory holds no files", _("目录里没有文件")),
    ("cannot be read (%(error)s)", _("无法读取（%(error)s）")),
    ("cannot read: %(error)s", _("无法读取：%(error)s")),
    ("is %(size)s bytes, over the limit of %(max)s bytes", _("有 %(size)s 字节，超过上限 %(max)s 字节")),
    ("is %(size)s bytes, over the limit of %(max)s", _("有 %(size)s 字节，超过上限 %(max)s 字节")),
    ("is %(kind)s, not a page (text, HTML, PDF or zip)", _("是%(kind)s，不是版面（应为文本、HTML、PDF 或 zip）")),
    ("holds %(n)s pages; read it with iter_pages", _("有 %(n)s 个版面，请逐页读取")),
    ("is a zip archive; give it to iter_pages", _("是 zip 压缩包，请逐个文件读取")),
    # text encodings: the byte that is not, where it is (never Python's "'utf-8' codec
    # can't decode byte 0xb5 in position 12: invalid start byte")
    (
        "page starts with a UTF-8 byte-order mark but is not valid UTF-8: "
        "it breaks at byte offset %(byte)s (0x%(value)s)",
        _("页面以 UTF-8 字节顺序标记开头，但不是有效的 UTF-8：读到偏移 %(byte)s 处（字节 0x%(value)s）出错"),
    ),
    (
        "page is neither UTF-8 nor GB18030 text: UTF-8 breaks at byte offset %(byte)s "
        "(0x%(value)s), GB18030 at byte offset %(gb_byte)s (0x%(gb_value)s)",
        _("页面既不是 UTF-8 也不是 GB18030 文本：按 UTF-8 读到偏移 %(byte)s 处（字节 0x%(value)s）出错，"
          "按 GB18030 读到偏移 %(gb_byte)s 处（字节 0x%(gb_value)s）出错"),
    ),
    # ... and as runs refused before said it (IngestRun.errors keeps the line): Python's
    # reason left out
    (
        "page starts with a UTF-8 byte-order mark but is not valid UTF-8 (byte %(byte)s: %(error)s)",
        _("页面以 UTF-8 字节顺序标记开头，但不是有效的 UTF-8（第 %(byte)s 字节）"),
    ),
    (
        "page is UTF-16 (byte-order mark found); save it as UTF-8",
        _("页面是 UTF-16 编码（有字节顺序标记），请另存为 UTF-8"),
    ),
    (
        "page is neither UTF-8 (byte %(byte)s: %(error)s) nor GB18030 (byte %(gb_byte)s: %(gb_error)s)",
        _("页面既不是 UTF-8（第 %(byte)s 字节）也不是 GB18030（第 %(gb_byte)s 字节）编码"),
    ),
    ("page decoded as %(encoding)s is empty", _("按 %(encoding)s 解码后页面为空")),
    (
        "page decoded as %(encoding)s contains %(n)s control, private-use or replacement "
        "character(s): not a text page, or a wrong encoding",
        _("按 %(encoding)s 解码后有 %(n)s 个控制字符、私用区字符或替换字符：不是文本版面，或编码不对"),
    ),
    (
        "page decoded as %(encoding)s is mostly rare characters (%(rare)s of %(n)s hanzi): "
        "looks like mojibake from a wrong encoding",
        _("按 %(encoding)s 解码后大多是生僻字（%(n)s 个汉字中 %(rare)s 个）：像是编码不对造成的乱码"),
    ),
    # HTML
    ("broken HTML: no document could be parsed", _("HTML 已损坏：无法解析出文档")),
    (
        "no article text found (broken HTML, or a page without an article)",
        _("没有找到正文（HTML 已损坏，或页面上没有文章）"),
    ),
    (
        "HTML declares charset %(codec)s but byte %(byte)s is not %(codec)s",
        _("HTML 声明的字符集是 %(codec)s，但第 %(byte)s 字节不是 %(codec)s"),
    ),
    ("HTML %(reason)s", _("HTML：%(reason)s")),
    # PDF
    ("encrypted PDF (needs a password)", _("PDF 已加密（需要密码）")),
    (
        "not a readable PDF, damaged or truncated (byte 0x%(value)s is not %(codec)s text)",
        _("不是可读的 PDF，文件已损坏或不完整（字节 0x%(value)s 不是 %(codec)s 文本）"),
    ),
    (
        "not a readable PDF, damaged or truncated (%(error)s)",
        _("不是可读的 PDF，文件已损坏或不完整（%(error)s）"),
    ),
    ("PDF has no pages", _("PDF 没有页面")),
    (
        "no text layer (scanned PDF?); OCR is not supported",
        _("没有文字层（扫描的 PDF？）；不支持文字识别（OCR）"),
    ),
    ("page has no text layer (a photo or scan?)", _("这一页没有文字层（照片或扫描件？）")),
    (
        "text layer unreadable: %(n)s of %(total)s characters have no Unicode mapping (cid codes)",
        _("文字层无法读取：%(total)s 个字符中 %(n)s 个没有 Unicode 映射（cid 编码）"),
    ),
    # zip archives
    ("not a readable zip archive (%(error)s)", _("不是可读的 zip 压缩包（%(error)s）")),
    (
        "not a readable zip archive: a file name is marked as UTF-8 but its byte "
        "0x%(value)s is not UTF-8",
        _("不是可读的 zip 压缩包：有文件名标为 UTF-8 编码，但其中的字节 0x%(value)s 不是 UTF-8"),
    ),
    ("has %(n)s members, over the limit of %(max)s", _("有 %(n)s 个文件，超过上限 %(max)s 个")),
    (
        "unpacks to %(size)s bytes, over the limit of %(max)s (zip bomb?)",
        _("解压后有 %(size)s 字节，超过上限 %(max)s 字节（压缩炸弹？）"),
    ),
    (
        "path leads outside the archive (absolute or with ..); not read",
        _("路径指向压缩包之外（绝对路径或含 ..），未读取"),
    ),
    ("encrypted member (needs a password)", _("文件已加密（需要密码）")),
    (
        "compressed %(ratio)s:1, over the limit of %(max)s:1 (zip bomb?)",
        _("压缩比 %(ratio)s:1，超过上限 %(max)s:1（压缩炸弹？）"),
    ),
    (
        "an archive inside an archive is not read; unpack it first",
        _("不读取压缩包里的压缩包，请先解压"),
    ),
    ("cannot be unpacked (%(error)s)", _("无法解压（%(error)s）")),
    ("unpacks to over the limit of %(max)s bytes", _("解压后超过上限 %(max)s 字节")),
    # ingest services
    (
        "no articles found in the page (is it empty or not a newspaper page?)",
        _("版面上没有找到文章（是空页面，或不是报纸版面？）"),
    ),
    (
        "no recognizable article: no item has at least %(n)s Chinese characters of text "
        "(INGEST_MIN_ARTICLE_HAN); is it a newspaper page?",
        _("没有可识别的文章：没有一篇正文达到 %(n)s 个汉字（INGEST_MIN_ARTICLE_HAN）；是报纸版面吗？"),
    ),
    (
        "has %(n)s characters, over the limit of %(max)s for one page (INGEST_MAX_PAGE_CHARS)",
        _("有 %(n)s 个字符，超过单个版面的上限 %(max)s（INGEST_MAX_PAGE_CHARS）"),
    ),
    (
        "line %(line)s has %(n)s characters, over the limit of %(max)s "
        "(INGEST_MAX_LINE_CHARS); is it a newspaper page?",
        _("第 %(line)s 行有 %(n)s 个字符，超过上限 %(max)s（INGEST_MAX_LINE_CHARS）；是报纸版面吗？"),
    ),
    (
        "article %(article)s has %(n)s characters, over the limit of %(max)s "
        "(INGEST_MAX_ARTICLE_CHARS)",
        _("第 %(article)s 篇文章有 %(n)s 个字符，超过上限 %(max)s（INGEST_MAX_ARTICLE_CHARS）"),
    ),
    (
        "%(field)s is longer than %(max)s characters: %(value)s",
        _("%(field)s 超过 %(max)s 个字符：%(value)s"),
    ),
    ("unknown home region adcode: %(code)s", _("没有这个所属地区代码：%(code)s")),
    ("not stored, database error: %(error)s", _("未保存，数据库错误：%(error)s")),
    ("not stored: byte 0x%(value)s is not %(codec)s text", _("未保存：字节 0x%(value)s 不是 %(codec)s 文本")),
    (
        "not stored, internal error (%(kind)s): %(error)s",
        _("未保存，内部错误（%(kind)s）：%(error)s"),
    ),
    # warnings of a page that is stored (services.ingest, services.metrics, page_store)
    (
        "this page is already stored as %(publication)s's (%(date)s); it stays so (change it in the admin)",
        _("这个版面已作为%(publication)s的版面保存（%(date)s），保持不变（可在后台修改）"),
    ),
    (
        "article %(n)s: skipped %(text)s: %(value)s is too large to be a reported quantity",
        _("第 %(n)s 篇文章：跳过 %(text)s：%(value)s 太大，不像报道的数量"),
    ),
    ("unknown indicator slug %(slug)s; stored without it", _("未知的指标代码 %(slug)s，保存时不带指标")),
    (
        "article %(n)s (%(title)s) was edited by hand; left as it is",
        _("第 %(n)s 篇文章（%(title)s）已人工修改，保持原样"),
    ),
)  # fmt: skip

#: What ``sniff.binary_kind`` calls a file that is no page (the ``%(kind)s`` of a refusal).
KINDS = {
    "a PNG image": pgettext_lazy("file kind", "PNG 图片"),
    "a JPEG image": pgettext_lazy("file kind", "JPEG 图片"),
    "a GIF image": pgettext_lazy("file kind", "GIF 图片"),
    "a TIFF image": pgettext_lazy("file kind", "TIFF 图片"),
    "a gzip file": pgettext_lazy("file kind", "gzip 压缩文件"),
    "a 7-Zip archive": pgettext_lazy("file kind", "7-Zip 压缩包"),
    "a RAR archive": pgettext_lazy("file kind", "RAR 压缩包"),
    "an old Office (OLE) document": pgettext_lazy("file kind", "旧版 Office（OLE）文档"),
    "an executable": pgettext_lazy("file kind", "可执行文件"),
    "a binary file": pgettext_lazy("file kind", "二进制文件"),
}

#: Values written in words (a file kind, a page without a date), translated in place.
WORDS = {**KINDS, "no date": _("无日期")}


@cache
def _patterns() -> tuple[tuple[re.Pattern, object], ...]:
    """Each English form of ``REFUSALS`` as a whole-line regex with a group per value."""
    return tuple((_form_regex(english), translated) for english, translated in REFUSALS)


def _form_regex(english: str) -> re.Pattern:
    """``english`` with each ``%(name)s`` a lazy group, a repeated name a back-reference."""
    seen: set[str] = set()

    def group(match: re.Match) -> str:
        name = match.group(1)
        if name in seen:
            return f"(?P={name})"
        seen.add(name)
        return f"(?P<{name}>.+?)"

    regex = re.sub(r"%\\\(([a-z_]+)\\\)s", group, re.escape(english))
    return re.compile(f"^{regex}$", re.S)


def refusal_text(reason: str | None) -> str:
    """``reason`` (one refusal line as the ingest code writes it) in the active language:
    the translation of its form with its values, a nested reason and a value in words
    (``WORDS``: a file kind, ``no date``) translated as well; ``reason`` unchanged when it
    has no known form; '' for None."""
    if not reason:
        return ""
    for pattern, translated in _patterns():
        match = pattern.match(reason)
        if match:
            values = match.groupdict()
            if "reason" in values:
                values["reason"] = refusal_text(values["reason"])
            for name, value in values.items():
                if value in WORDS:
                    values[name] = str(WORDS[value])
            return str(translated) % values if values else str(translated)
    return reason
