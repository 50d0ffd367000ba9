"""File names of the article list's exports, named after the filter they hold, as region
(``wangcang-510821-articles.csv``) and compare (``compare-registered-volunteers-county``)
exports are named after what they show; and the ``Content-Disposition`` that carries a
name with Chinese in it."""

from __future__ import annotations

import re
from urllib.parse import quote

from django.utils.text import slugify

#: Characters no file name may hold on some system, and control characters.
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')


def _words(text: str) -> str:
    """``text`` as a file-name part: its words joined by '-', unsafe characters dropped
    ('志愿者 服务' -> '志愿者-服务'); Chinese kept."""
    return "-".join(w for w in _UNSAFE.sub(" ", text).split() if w)[:40]


def list_file_name(cleaned: dict, fmt: str) -> str:
    """``articles[-<adcode>][-<topic>][-<kind>][-<year>][-source-<name>][-search-<words>]
    [-from-<date>][-to-<date>][-reviewed].<fmt>`` for the list's valid filter
    ``cleaned`` (``ArticleFilter.form.cleaned_data``): 'articles-510000-social-security.csv';
    'articles.csv' with no filter. The publication's name and the search words stay as
    typed (Chinese: see ``content_disposition``); everything else is ASCII."""
    parts = ["articles"]
    if cleaned.get("region") is not None:
        parts.append(cleaned["region"].adcode)
    if cleaned.get("topic") is not None:
        parts.append(cleaned["topic"].slug)
    if cleaned.get("kind"):
        parts.append(slugify(cleaned["kind"]))
    if cleaned.get("year"):
        parts.append(str(cleaned["year"]))
    if (cleaned.get("source") or "").strip() and _words(cleaned["source"]):
        parts.append("source-" + _words(cleaned["source"]))
    if (cleaned.get("q") or "").strip() and _words(cleaned["q"]):
        parts.append("search-" + _words(cleaned["q"]))
    for key, word in (("published_after", "from"), ("published_before", "to")):
        if cleaned.get(key):
            parts.append(f"{word}-{cleaned[key].isoformat()}")
    if cleaned.get("verified"):
        parts.append("reviewed")
    return "-".join(parts) + f".{fmt}"


def content_disposition(filename: str) -> str:
    """``attachment; filename="…"`` for an ASCII name; for any other, an ASCII
    ``filename`` (each run of other characters a '_') for old clients and the whole name
    in ``filename*`` (RFC 6266 / 5987, UTF-8, percent-encoded), which browsers prefer."""
    ascii_name = re.sub(r"[^\x20-\x7e]+", "_", filename).replace('"', "_").replace("\\", "_")
    if ascii_name == filename:
        return f'attachment; filename="{filename}"'
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"
