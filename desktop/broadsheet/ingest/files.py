"""Reading a file's bytes once, with a size limit and the operating system's errors in words.

Every reader goes through ``read_bytes``: the parsers then work on bytes in memory, so a file
that is deleted or replaced while it is being analysed cannot fail half-way through a parser.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import ReadError

# Opening a named pipe for reading waits for a writer, for ever: open without waiting, then
# read only what is a regular file.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)

MB = 1024 * 1024


def read_bytes(path: Path, limit: int) -> bytes:
    """The whole file, or ``ReadError`` (missing, a folder, no permission, too large, I/O, a
    pipe, a device or a socket)."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
        with open(fd, "rb") as f:
            st = os.fstat(fd)  # of what was opened, not of what the name meant a moment ago
            if stat.S_ISDIR(st.st_mode):
                raise IsADirectoryError(path)
            if not stat.S_ISREG(st.st_mode):
                raise ReadError(
                    str(path),
                    "it is not a regular file (a pipe, a device or a socket), so it was not read.",
                )
            if st.st_size > limit:
                raise ReadError(
                    str(path), f"it is larger than {limit // MB} MB, the most Broadsheet opens."
                )
            # Read one byte past the limit: the file may have grown since fstat().
            data = f.read(limit + 1)
    except ReadError:
        raise
    except IsADirectoryError as e:
        raise ReadError(str(path), "it is a folder, not a file.") from e
    except FileNotFoundError as e:
        raise ReadError(str(path), "the file does not exist.") from e
    except PermissionError as e:
        raise ReadError(str(path), "permission denied.") from e
    except OSError as e:
        raise ReadError(str(path), f"{e.strerror or e}.") from e
    if len(data) > limit:
        raise ReadError(
            str(path), f"it is larger than {limit // MB} MB, the most Broadsheet opens."
        )
    if not data:
        raise ReadError(str(path), "the file is empty.")
    return data
