"""The reader's own data, also kept beside the library as a JSON file.

Written atomically (temp file + rename) on every change, so that a library that is lost or
corrupt can be rebuilt without losing corrections, reading positions or recent files.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

FILENAME = "reader-data.json"
FORMAT = "broadsheet.reader-data/1"


def path_in(folder: Path) -> Path:
    return folder / FILENAME


def write(folder: Path, data: dict[str, Any]) -> None:
    target = path_in(folder)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{FILENAME}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump({"format": FORMAT, **data}, f, ensure_ascii=False)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read(folder: Path) -> dict[str, Any] | None:
    """The saved data, or None when there is none or it cannot be read."""
    try:
        data = json.loads(path_in(folder).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("format") == FORMAT else None
