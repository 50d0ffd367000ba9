"""Zip archives: each member read as a file, with the limits that keep a bad archive out.

Refused, each naming ``archive.zip:member`` (the rest of the archive goes on):
a member whose path is absolute or climbs out with ``..`` (the "zip slip" of
CVE-2018-1002200-style archives; nothing is extracted to disk anyway, but such an archive
was not made from a page directory); an encrypted member; a member over ``max_bytes``
uncompressed; a member compressed more than ``max_ratio`` to 1 (zip bombs reach 1000:1,
text and HTML pages 3-15:1); a nested archive. Refused as a whole: an archive whose
members declare more than ``max_total_bytes`` together, or more than ``max_members``
members, and a file that is not a readable zip. Sizes are checked as read, not only as
declared, so a member that lies about its size is still cut off.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

from ..normalize import bad_bytes
from .base import SourceError

#: Files a saved web page or e-paper mirror keeps beside its pages (styles, scripts, images,
#: fonts, media): skipped in directories and archives, read when named on their own.
ASSET_SUFFIXES = frozenset(
    ".css .js .map .json .ico .svg .png .jpg .jpeg .gif .webp .bmp .tif .tiff "
    ".woff .woff2 .ttf .otf .eot .mp3 .mp4 .webm .swf".split()
)

__all__ = ["ArchiveLimits", "iter_members"]


@dataclass(frozen=True)
class ArchiveLimits:
    """Limits for one archive: bytes per member (uncompressed), bytes for all members
    together, compression ratio per member, number of members."""

    max_bytes: int
    max_total_bytes: int = 200 * 1024 * 1024
    max_ratio: int = 100
    max_members: int = 10_000


def iter_members(
    archive: str, file, limits: ArchiveLimits
) -> Iterator[tuple[str, bytes] | SourceError]:
    """Each readable member of the zip ``file`` (a path or binary file object) as
    ``(source name, bytes)`` in name order, or a ``SourceError`` for a refused one.

    ``archive`` is the name used in messages. Directories, ``__MACOSX/``, dot files and web
    assets are skipped. A zip that cannot be opened, or breaks the archive-wide limits, yields one
    ``SourceError`` naming ``archive`` and nothing else.
    """
    try:
        with zipfile.ZipFile(file) as zf:
            infos = [i for i in zf.infolist() if not _skipped(i.filename)]
            refusal = _check_archive(infos, limits)
            if refusal:
                yield SourceError(archive, refusal)
                return
            for info in sorted(infos, key=lambda i: _name(i)):
                source = f"{archive}:{_name(info)}"
                reason = _check_member(info, limits)
                if reason:
                    yield SourceError(source, reason)
                    continue
                yield _read_member(zf, info, source, limits)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
        yield SourceError(archive, f"not a readable zip archive ({exc})")
    except UnicodeDecodeError as exc:  # zipfile reads a name flagged UTF-8 strictly
        yield SourceError(
            archive,
            f"not a readable zip archive: a file name is marked as UTF-8 but its byte "
            f"0x{bad_bytes(exc)[1]} is not UTF-8",
        )


def _name(info: zipfile.ZipInfo) -> str:
    """The member's name; names from Chinese Windows zip tools (no UTF-8 flag) are GBK."""
    name = info.filename
    if not info.flag_bits & 0x800:
        try:
            return name.encode("cp437").decode("gb18030")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return name
    return name


def _skipped(name: str) -> bool:
    """Folders, macOS resource forks, dot files and web assets (see ``ASSET_SUFFIXES``)."""
    path = PurePosixPath(name.replace("\\", "/"))
    if name.endswith("/") or "__MACOSX" in path.parts or path.name.startswith("."):
        return True
    return path.suffix.lower() in ASSET_SUFFIXES


def _check_archive(infos: list[zipfile.ZipInfo], limits: ArchiveLimits) -> str:
    """Why the whole archive is refused, or ''."""
    if len(infos) > limits.max_members:
        return f"has {len(infos)} members, over the limit of {limits.max_members}"
    total = sum(i.file_size for i in infos)
    if total > limits.max_total_bytes:
        return f"unpacks to {total} bytes, over the limit of {limits.max_total_bytes} (zip bomb?)"
    return ""


def _check_member(info: zipfile.ZipInfo, limits: ArchiveLimits) -> str:
    """Why one member is refused, or ''."""
    name = info.filename.replace("\\", "/")
    if name.startswith("/") or (len(name) > 1 and name[1] == ":") or ".." in name.split("/"):
        return "path leads outside the archive (absolute or with ..); not read"
    if info.flag_bits & 0x1:
        return "encrypted member (needs a password)"
    if info.file_size > limits.max_bytes:
        return f"is {info.file_size} bytes, over the limit of {limits.max_bytes} bytes"
    if info.compress_size and info.file_size / info.compress_size > limits.max_ratio:
        ratio = info.file_size // info.compress_size
        return f"compressed {ratio}:1, over the limit of {limits.max_ratio}:1 (zip bomb?)"
    if name.lower().endswith((".zip", ".jar", ".7z", ".rar")):
        return "an archive inside an archive is not read; unpack it first"
    return ""


def _read_member(zf, info, source: str, limits: ArchiveLimits) -> tuple[str, bytes] | SourceError:
    """The member's bytes, at most ``max_bytes`` of them read whatever its header says."""
    try:
        with zf.open(info) as member:
            data = member.read(limits.max_bytes + 1)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError) as exc:
        return SourceError(source, f"cannot be unpacked ({exc})")
    if len(data) > limits.max_bytes:
        return SourceError(source, f"unpacks to over the limit of {limits.max_bytes} bytes")
    return source, data
