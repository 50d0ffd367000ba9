"""Keeping an admin upload between its preview and its confirmation (issue 8, point 7).

The preview stores the uploaded bytes (or the pasted text) and what the form said about
them in ``settings.UPLOAD_STAGING_DIR`` under a random key, and gives the browser only a
token signed with the site's secret (``django.core.signing``, salt ``SALT``) that names
the key, the staff member and the time. The confirmation stores what was kept here, never
text posted back by the browser; a token of another user, a forged or an expired one
(``UPLOAD_STAGING_MAX_AGE`` seconds) is refused.

``claim`` takes the upload away atomically (a rename), so confirming twice, or confirming
in two tabs at once, stores it once; ``release`` gives a claimed upload back (the broker
was unreachable), ``discard`` deletes it (cancel, or done). ``sweep`` deletes what was
never confirmed nor cancelled once it is older than the age limit; every preview calls it.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core import signing

from .services.runs import IngestOptions

SALT = "articles.upload.staging"
_KEY = re.compile(r"^[0-9a-f]{32}$")


class StagedUploadGone(LookupError):
    """The token is forged, expired, of another user, or its upload was already stored
    or cancelled (the message says which, in words for the staff member)."""


@dataclass
class StagedUpload:
    """An upload kept for its confirmation: ``name`` as on the user's machine, ``kind``
    ``"file"`` (bytes at ``path``) or ``"text"`` (pasted, UTF-8 at ``path``), and the
    form's ``options``."""

    key: str
    name: str
    kind: str
    options: IngestOptions
    path: Path

    def text(self) -> str:
        """Pasted text (``kind == "text"``)."""
        return self.path.read_text(encoding="utf-8")


def _dir() -> Path:
    path = Path(settings.UPLOAD_STAGING_DIR)
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def stage(
    user_id: int, name: str, options: IngestOptions, *, chunks=None, text: str | None = None
) -> str:
    """Keep an upload (``chunks``: an iterable of bytes, e.g. ``UploadedFile.chunks()``;
    or pasted ``text``) and return the signed token the preview form carries."""
    key = secrets.token_hex(16)
    folder = _dir()
    data = folder / f"{key}.bin"
    with data.open("xb") as handle:
        if text is not None:
            handle.write(text.encode("utf-8"))
        else:
            for chunk in chunks:
                handle.write(chunk)
    meta = {
        "name": name,
        "kind": "text" if text is not None else "file",
        "options": options.to_json(),
        "user": user_id,
    }
    (folder / f"{key}.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    return signing.dumps({"key": key, "user": user_id}, salt=SALT)


def _key(token: str, user_id: int) -> str:
    try:
        payload = signing.loads(token, salt=SALT, max_age=settings.UPLOAD_STAGING_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise StagedUploadGone("expired") from exc
    except signing.BadSignature as exc:
        raise StagedUploadGone("invalid") from exc
    key = payload.get("key", "") if isinstance(payload, dict) else ""
    if not _KEY.match(str(key)) or payload.get("user") != user_id:
        raise StagedUploadGone("invalid")
    return key


def claim(token: str, user_id: int) -> StagedUpload:
    """Take the upload named by ``token`` for storing. Raises ``StagedUploadGone`` when
    the token is not this user's, has expired, or the upload is already taken."""
    key = _key(token, user_id)
    folder = _dir()
    try:
        os.rename(folder / f"{key}.json", folder / f"{key}.claimed")
    except FileNotFoundError as exc:
        raise StagedUploadGone("gone") from exc
    meta = json.loads((folder / f"{key}.claimed").read_text(encoding="utf-8"))
    return StagedUpload(
        key=key,
        name=meta["name"],
        kind=meta["kind"],
        options=IngestOptions.from_json(meta["options"]),
        path=folder / f"{key}.bin",
    )


def release(upload: StagedUpload) -> None:
    """Give a claimed upload back, so it can be confirmed again."""
    folder = _dir()
    os.rename(folder / f"{upload.key}.claimed", folder / f"{upload.key}.json")


def discard(upload_or_token: StagedUpload | str, user_id: int | None = None) -> None:
    """Delete an upload (a claimed ``StagedUpload``, or the ``token`` of a preview, which
    must be ``user_id``'s). Deleting what is already gone is no error."""
    if isinstance(upload_or_token, StagedUpload):
        key = upload_or_token.key
    else:
        key = _key(upload_or_token, user_id)
    folder = _dir()
    for suffix in (".json", ".claimed", ".bin"):
        (folder / f"{key}{suffix}").unlink(missing_ok=True)


def sweep(now: float | None = None) -> int:
    """Delete uploads older than ``UPLOAD_STAGING_MAX_AGE`` (their tokens have expired);
    returns how many files went."""
    limit = (now or time.time()) - settings.UPLOAD_STAGING_MAX_AGE
    removed = 0
    for path in _dir().iterdir():
        try:
            if path.stat().st_mtime < limit:
                if path.is_dir():
                    shutil.rmtree(path)
                else:
                    path.unlink()
                removed += 1
        except FileNotFoundError:  # another request swept it first
            continue
    return removed
