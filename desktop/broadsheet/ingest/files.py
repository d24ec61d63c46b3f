"""Reading a file's bytes once, with a size limit and the operating system's errors in words.

Every reader goes through ``read_bytes``: the parsers then work on bytes in memory, so a file
that is deleted or replaced while it is being analysed cannot fail half-way through a parser.
"""

from __future__ import annotations

from pathlib import Path

from .errors import ReadError

MB = 1024 * 1024


def read_bytes(path: Path, limit: int) -> bytes:
    """The whole file, or ``ReadError`` (missing, a folder, no permission, too large, I/O)."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise ReadError(
                str(path), f"it is larger than {limit // MB} MB, the most Broadsheet opens."
            )
        with path.open("rb") as f:
            # Read one byte past the limit: the file may have grown since stat().
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
