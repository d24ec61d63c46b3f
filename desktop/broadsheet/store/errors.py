"""What an error from SQLite or the OS says about the library file (its ``LibraryError`` is in
``broadsheet.errors``), without SQLAlchemy: only SQLite's own
"damaged" codes mean the file may be broken; a full disk, a refused permission or a failing disk
leave it as it is and get their own message.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

DAMAGED, FULL, DENIED, BUSY, DISK, OTHER = "damaged", "full", "denied", "busy", "disk", "other"

# SQLite's primary result codes (the low byte of an extended code).
_CODES = {
    11: DAMAGED,
    26: DAMAGED,  # SQLITE_CORRUPT, SQLITE_NOTADB
    13: FULL,  # SQLITE_FULL
    3: DENIED,
    8: DENIED,
    14: DENIED,
    23: DENIED,  # PERM, READONLY, CANTOPEN, AUTH
    5: BUSY,
    6: BUSY,  # SQLITE_BUSY, SQLITE_LOCKED
    10: DISK,
}  # SQLITE_IOERR
_WORDS = (
    ("malformed", DAMAGED),
    ("not a database", DAMAGED),
    ("is full", FULL),
    ("readonly", DENIED),
    ("unable to open", DENIED),
    ("permission", DENIED),
    ("locked", BUSY),
    ("busy", BUSY),
    ("i/o error", DISK),
)
_ERRNOS = {
    errno.ENOSPC: FULL,
    errno.EDQUOT: FULL,
    errno.EACCES: DENIED,
    errno.EPERM: DENIED,
    errno.EROFS: DENIED,
}


def _cause(e: BaseException) -> BaseException:
    """The driver's or the OS's own error under SQLAlchemy's wrapping."""
    orig = getattr(e, "orig", None)
    return orig if isinstance(orig, BaseException) else e


def kind(e: BaseException) -> str:
    """One of DAMAGED, FULL, DENIED, BUSY, DISK, OTHER."""
    e = _cause(e)
    if isinstance(e, sqlite3.Error):
        code = getattr(e, "sqlite_errorcode", None)
        if isinstance(code, int) and (code & 0xFF) in _CODES:
            return _CODES[code & 0xFF]
        words = str(e).lower()
        return next((k for w, k in _WORDS if w in words), OTHER)
    if isinstance(e, OSError):
        return _ERRNOS.get(e.errno or 0, DISK)
    return OTHER


def reason(e: BaseException) -> str:
    """The database's or the OS's own words ("database is locked"), without SQL."""
    e = _cause(e)
    return (e.strerror if isinstance(e, OSError) and e.strerror else str(e)) or type(e).__name__


def message(e: BaseException, path: Path, doing: str = "open") -> str:
    """One sentence for the reader about this error with the library file ``path``."""
    k = kind(e)
    if k == FULL:
        return f"The disk holding the library {path} is full; free some space and try again."
    if k == DENIED:
        return (
            f"Broadsheet may not {doing} the library {path} (or the files beside it in "
            f"{path.parent}); check the folder's permissions and try again."
        )
    if k == BUSY:
        return f"The library {path} is busy in another program; try again in a moment."
    if k == DISK:
        return (
            f"The disk holding the library {path} reported an error ({reason(e)}); check "
            "the disk and try again."
        )
    return f"Cannot {doing} the library {path}: {reason(e)}."
