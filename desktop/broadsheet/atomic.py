"""Writing a file whole or not at all: the one way Broadsheet replaces a file.

The content goes to a temporary file beside the target (created 0600), is flushed to disk, and
is renamed over the target; the rename is then made durable by syncing the folder. A reader
(another process, or the next start after a crash) sees the old file or the new one, never half
of one. A killed writer can leave its ``.NAME.*.tmp`` behind; ``stale_temps`` finds those.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path


def write_atomic(path: Path, data: str | bytes, *, durable: bool = True) -> None:
    """Replace ``path`` with ``data`` (text is written as UTF-8, line ends as they are).

    ``durable=False`` skips the syncs: for a cache that is only worth some time."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
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
