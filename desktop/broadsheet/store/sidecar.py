"""The reader's own data, also kept beside the library as a JSON file.

So that a library that is lost or damaged can be rebuilt without losing corrections, reading
positions or recent files. Always a complete file: written to a temp file, synced, renamed. A
``Saver`` writes it on a thread of its own, so a change costs its caller nothing. It is read
entry by entry: an entry that cannot be read costs only itself, and is kept in a file of its own.
"""

from __future__ import annotations

import atexit
import gc
import json
import logging
import os
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ..atomic import stale_temps, write_atomic
from . import codec

FILENAME = "reader-data.json"
FORMAT = "broadsheet.reader-data/1"
STALE_AFTER_S = 60  # a temp file this old is left by a save that was killed, not one running

log = logging.getLogger(__name__)


def path_in(folder: Path) -> Path:
    return folder / FILENAME


def write(folder: Path, data: dict[str, Any]) -> None:
    # A piece at a time: one json.dump of 20,000 corrections holds the GIL throughout.
    write_atomic(path_in(folder), codec.dumps({"format": FORMAT, **data}))


def remove_stale_temps(folder: Path) -> None:
    """Delete temp files left by saves that were killed (not one being written now)."""
    for p in stale_temps(path_in(folder), STALE_AFTER_S):
        p.unlink(missing_ok=True)


@dataclass
class ReaderData:
    """What a sidecar holds, entry by entry; ``unreadable`` holds the entries that could not be
    read, as they were in the file."""

    corrections: list[dict[str, Any]] = field(default_factory=list)
    positions: dict[str, int] = field(default_factory=dict)
    recent: list[str] = field(default_factory=list)
    unreadable: dict[str, Any] = field(default_factory=dict)
    unreadable_count: int = 0

    def __bool__(self) -> bool:
        return bool(self.corrections or self.positions or self.recent)


class NotReaderData(ValueError):
    """The file is not JSON, or not Broadsheet's reader data."""


def read(folder: Path) -> ReaderData | None:
    """The saved data, or None when there is none. ``NotReaderData`` for a file that cannot be
    read at all; ``OSError`` when the file cannot be opened."""
    try:
        raw = path_in(folder).read_bytes()
    except FileNotFoundError:
        return None
    try:
        data = json.loads(raw)
    except ValueError as e:  # also not UTF-8
        raise NotReaderData(str(e)) from e
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise NotReaderData("not Broadsheet's reader data")
    out = ReaderData()
    out.unreadable_count = (
        _entries(data, "corrections", list, _correction, out.corrections.append, out.unreadable)
        + _entries(
            data, "positions", dict, _position, lambda p: out.positions.update([p]), out.unreadable
        )
        + _entries(data, "recent", list, _recent, out.recent.append, out.unreadable)
    )
    return out


def _entries(
    data: dict[str, Any],
    key: str,
    shape: type[dict[Any, Any]] | type[list[Any]],
    parse: Callable[[Any], Any],
    add: Callable[[Any], None],
    bad: dict[str, Any],
) -> int:
    """Add each readable entry of ``data[key]``; the others go to ``bad[key]``. Returns how
    many could not be read."""
    section = data.get(key)
    if section is None:
        return 0
    if not isinstance(section, shape):
        bad[key] = section
        return 1
    items = list(section.items()) if isinstance(section, dict) else section
    unread: list[Any] = []
    for item in items:
        good = parse(item)
        if good is None:
            unread.append(item)
        else:
            add(good)
    if unread:
        bad[key] = dict(unread) if isinstance(section, dict) else unread
    return len(unread)


def _correction(c: Any) -> dict[str, Any] | None:
    if not isinstance(c, dict):
        return None
    sha, action, payload = c.get("sha256"), c.get("action"), c.get("payload")
    active = c.get("active", True)
    undoable = c.get("undoable", active)  # older sidecars kept no history: the active ones
    if not (
        isinstance(sha, str)
        and sha
        and isinstance(action, str)
        and action
        and isinstance(payload, dict)
        and isinstance(active, bool)
        and isinstance(undoable, bool)
    ):
        return None
    try:
        created = datetime.fromisoformat(c["created_at"])
    except (KeyError, TypeError, ValueError):
        created = None  # the time it was made is not worth the correction
    return {
        "sha256": sha,
        "action": action,
        "payload": payload,
        "active": active,
        "undoable": undoable,
        "created_at": created,
        "author": c["author"] if isinstance(c.get("author"), str) else "",
    }


def _position(item: tuple[Any, Any]) -> tuple[str, int] | None:
    sha, offset = item
    if isinstance(offset, int) and not isinstance(offset, bool) and offset >= 0:
        return sha, offset
    return None


def _recent(path: Any) -> str | None:
    return path if isinstance(path, str) and path else None


def _free_name(folder: Path, why: str = "unreadable") -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target, n = folder / f"reader-data.{why}-{stamp}.json", 1
    while target.exists():
        n += 1
        target = folder / f"reader-data.{why}-{stamp}-{n}.json"
    return target


def keep_unreadable(folder: Path, entries: dict[str, Any]) -> Path:
    """Write the entries that could not be read to a file of their own beside the sidecar."""
    target = _free_name(folder)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump({"format": FORMAT, **entries}, f, ensure_ascii=False, indent=1)
        f.flush()
        os.fsync(f.fileno())
    return target


def keep_aside(folder: Path, why: str = "unreadable") -> Path:
    """Rename the sidecar (one that cannot be read, or restored), so that the next save does
    not overwrite it."""
    target = _free_name(folder, why)
    os.rename(path_in(folder), target)
    return target


class Saver:
    """Writes the reader's data on a thread of its own. ``changed()`` costs its caller nothing:
    changes made while a save runs make one more save, which takes the data as it is then (the
    latest state wins). ``flush()`` writes what is pending before it returns; so does the end
    of the program. The thread lives only while there is something to save."""

    def __init__(self, folder: Path, snapshot: Callable[[], dict[str, Any]]) -> None:
        self.folder = folder
        self._snapshot = snapshot
        self._lock = threading.Lock()  # guards the two fields below
        self._dirty = False
        self._thread: threading.Thread | None = None
        self._saving = threading.Lock()  # one save at a time, on the thread or in flush()
        self.held = False  # True: never write (the file holds more than could be restored)
        _savers.add(self)

    def changed(self) -> None:
        with self._lock:
            self._dirty = True
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="reader-data saver", daemon=True
                )
                self._thread.start()

    def flush(self) -> None:
        self._save_pending()

    def _run(self) -> None:
        while True:
            with self._lock:
                if not self._dirty:
                    self._thread = None
                    return
            self._save_pending()

    def _save_pending(self) -> None:
        with self._saving:
            with self._lock:
                dirty, self._dirty = self._dirty, False
            if not dirty or self.held:
                return
            # Tens of thousands of new dicts set off a full collector pass, which holds the
            # GIL (45 ms at 20,000 corrections): the window's thread waits. They hold no
            # cycles; reference counting frees them.
            collecting = gc.isenabled()
            gc.disable()
            try:
                write(self.folder, self._snapshot())
            except Exception:
                # The change is in the library already; the next change saves it again.
                log.warning("cannot save the reader data in %s", self.folder, exc_info=True)
            finally:
                if collecting:
                    gc.enable()


_savers: weakref.WeakSet[Saver] = weakref.WeakSet()


@atexit.register
def _flush_all() -> None:
    for saver in list(_savers):
        saver.flush()
