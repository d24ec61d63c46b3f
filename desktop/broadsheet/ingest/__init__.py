"""Files to articles: one module per format, one entry point."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..facts import Article
from .errors import ReadError, display_path
from .pdf import read_pdf
from .plaintext import read_plaintext
from .webpage import read_webpage
from .word import read_docx

READERS: dict[str, Callable[[Path], Article]] = {
    ".txt": read_plaintext,
    ".md": read_plaintext,
    ".markdown": read_plaintext,
    ".html": read_webpage,
    ".htm": read_webpage,
    ".pdf": read_pdf,
    ".docx": read_docx,
}
SUFFIXES = tuple(READERS)

__all__ = ["ReadError", "SUFFIXES", "display_path", "read_article"]


def read_article(path: str | Path) -> Article:
    """Read a supported file into an ``Article``; any failure is a ``ReadError`` for the user.

    ``Article.meta`` carries what the format knows: ``author``, ``date`` (ISO), ``source`` (site
    name), ``url``, ``pages``; only the keys that were found.
    """
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
    try:
        article = reader(p)
    except ReadError:
        raise
    except MemoryError as e:
        raise ReadError(str(p), "it is too large to open.") from e
    except RecursionError as e:  # deeply nested markup in a hostile file
        raise ReadError(str(p), "its structure is too deeply nested to read.") from e
    try:
        article.path.encode("utf-8")
    except UnicodeEncodeError:
        # A name with bytes that are not UTF-8 cannot be stored in the library or printed as
        # JSON; keep a readable form (the document is still analysed and kept).
        article.path = article.path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return article
