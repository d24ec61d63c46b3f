"""Opening ZIP containers (DOCX) without falling for ZIP bombs.

The central directory gives each member's sizes before anything is decompressed: the total and
the ratio are checked first. ``zipfile`` never inflates a member past its declared size, so a
directory that lies about the size cannot get past the check either.
"""

from __future__ import annotations

import io
import zipfile

from .errors import ReadError

MAX_MEMBERS = 10_000
MAX_TOTAL = 256 * 1024 * 1024  # uncompressed bytes, all members
MAX_RATIO = 100  # uncompressed / compressed, for members bigger than RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024


def open_zip(data: bytes, path: str, kind: str) -> zipfile.ZipFile:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as e:
        raise ReadError(path, f"it is not a valid {kind}; it may be damaged.") from e
    infos = zf.infolist()
    total = sum(i.file_size for i in infos)
    bomb = len(infos) > MAX_MEMBERS or total > MAX_TOTAL
    bomb = bomb or any(
        i.file_size > RATIO_FLOOR and i.file_size > MAX_RATIO * max(i.compress_size, 1)
        for i in infos
    )
    if bomb:
        zf.close()
        raise ReadError(
            path, f"it unpacks to far more data than a {kind} holds, so it was not opened."
        )
    return zf
