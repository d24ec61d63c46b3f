"""Writing a file whole or not at all: the one way Broadsheet replaces a file.

The content goes to a temporary file beside the target (created 0600, or with the permissions
of a new file of the user's when it is not private), is flushed to disk, and is renamed over the
target; the rename is then made durable by syncing the folder. A reader
(another process, or the next start after a crash) sees the old file or the new one, never half
of one. A killed writer can leave its ``.NAME.*.tmp`` behind; ``stale_temps`` finds those.
"""

from __future__ import annotations

import os
import secrets
import tempfile
import time
from pathlib import Path


def write_atomic(
    path: Path, data: str | bytes, *, durable: bool = True, private: bool = True
) -> None:
    """Replace ``path`` with ``data`` (text is written as UTF-8, line ends as they are).

    ``durable=False`` skips the syncs: for a cache that is only worth some time.
    ``private=False``: a file for the user to keep and share (an export), with the permissions
    any new file of theirs gets (0666 less the umask)."""
    if private:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    else:
        fd, tmp = _usual_temp(path)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
            if durable:
                f.flush()
                os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if durable:
        sync_folder(path.parent)


def _usual_temp(path: Path) -> tuple[int, str]:
    """A new temporary file beside ``path`` made as any new file of the user's is: the system
    takes the umask from 0666 (mkstemp's would stay 0600)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    flags |= getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    while True:
        tmp = str(path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            fd = os.open(tmp, flags, 0o666)
            break
        except FileExistsError:
            continue
    return fd, tmp


def sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (where folders can be synced)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # not supported here (some file systems, Windows): the rename is still atomic
    finally:
        os.close(fd)


def stale_temps(path: Path, older_than_s: float) -> list[Path]:
    """Temporary files of ``write_atomic(path, …)`` untouched for ``older_than_s`` seconds:
    left by a writer that was killed, not by one that is writing now."""
    now = time.time()
    out = []
    for tmp in path.parent.glob(f".{path.name}.*.tmp"):
        try:
            if now - tmp.stat().st_mtime > older_than_s:
                out.append(tmp)
        except OSError:
            continue
    return out
