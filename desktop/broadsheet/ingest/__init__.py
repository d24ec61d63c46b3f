"""Files to articles: one module per format, one entry point.

A format's module is imported when the first file of that format is read: the window starts
without any of them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from ..facts import Article
from .errors import ReadError, display_path

# suffix -> (module in this package, its reader function)
READERS: dict[str, tuple[str, str]] = {
    ".txt": ("plaintext", "read_plaintext"),
    ".md": ("plaintext", "read_plaintext"),
    ".markdown": ("plaintext", "read_plaintext"),
    ".html": ("webpage", "read_webpage"),
    ".htm": ("webpage", "read_webpage"),
    ".pdf": ("pdf", "read_pdf"),
    ".docx": ("word", "read_docx"),
}
SUFFIXES = tuple(READERS)

__all__ = ["ReadError", "SUFFIXES", "display_path", "read_article"]


def read_article(path: str | Path) -> Article:
    """Read a supported file into an ``Article``; any failure is a ``ReadError`` for the user.

    ``Article.meta`` carries what the format knows: ``author``, ``date`` (ISO), ``source`` (site
    name), ``url``, ``pages``; only the keys that were found; and, when there is no
    ``date``, ``modified``: the file's modification day (ISO).
    """
    p = Path(path)
    if p.is_dir():
        raise ReadError(str(p), "it is a folder, not a file.")
    if not p.exists():
        raise ReadError(str(p), "the file does not exist.")
    where = READERS.get(p.suffix.lower())
    if where is None:
        kinds = ", ".join(SUFFIXES)
        raise ReadError(
            str(p),
            f"{p.suffix or 'files without an extension'} is not a supported "
            f"format (Broadsheet opens {kinds}).",
        )
    reader: Callable[[Path], Article] = getattr(
        importlib.import_module(f".{where[0]}", __name__), where[1]
    )
    try:
        article = reader(p)
    except ReadError:
        raise
    except MemoryError as e:
        raise ReadError(str(p), "it is too large to open.") from e
    except RecursionError as e:  # deeply nested markup in a hostile file
        raise ReadError(str(p), "its structure is too deeply nested to read.") from e
    if "date" not in article.meta:
        # The day to read "on Tuesday" against when the document carries no date of its own.
        try:
            article.meta["modified"] = datetime.fromtimestamp(p.stat().st_mtime).date().isoformat()
        except (OSError, ValueError, OverflowError):
            pass
    try:
        article.path.encode("utf-8")
    except UnicodeEncodeError:
        # A name with bytes that are not UTF-8 cannot be stored in the library or printed as
        # JSON; keep a readable form (the document is still analysed and kept).
        article.path = article.path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return article
