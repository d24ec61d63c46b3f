"""Files to articles: one module per format, one entry point."""

from __future__ import annotations

from pathlib import Path

from ..facts import Article
from .errors import ReadError
from .plaintext import read_plaintext

READERS = {".txt": read_plaintext, ".md": read_plaintext, ".markdown": read_plaintext}
SUFFIXES = tuple(READERS)

__all__ = ["ReadError", "SUFFIXES", "read_article"]


def read_article(path: str | Path) -> Article:
    """Read a supported file into an ``Article``; any failure is a ``ReadError`` for the user."""
    p = Path(path)
    if p.is_dir():
        raise ReadError(str(p), "it is a folder, not a file.")
    if not p.exists():
        raise ReadError(str(p), "the file does not exist.")
    reader = READERS.get(p.suffix.lower())
    if reader is None:
        kinds = ", ".join(SUFFIXES)
        raise ReadError(
            str(p),
            f"{p.suffix or 'files without an extension'} is not a supported "
            f"format (Broadsheet opens {kinds}).",
        )
    return reader(p)
