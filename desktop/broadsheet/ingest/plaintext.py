"""Plain text and Markdown files. The text is the decoded file content, unchanged."""

from __future__ import annotations

import re
from pathlib import Path

from ..facts import Article
from .encoding import decode
from .errors import ReadError
from .files import MB, read_bytes

MAX_BYTES = 50 * MB

__all__ = ["MAX_BYTES", "decode", "read_plaintext", "title_of"]


def title_of(text: str, path: Path) -> str:
    """A Markdown heading if the file starts with one, else a title made from the file name."""
    for line in text[:4096].splitlines()[:5]:  # not the whole text: it may be 50 MB
        m = re.match(r"^\s*#\s+(.+?)\s*#*\s*$", line)
        if m:
            return m.group(1)
    return title_from_name(path)


def title_from_name(path: Path) -> str:
    stem = " ".join(re.sub(r"[-_]+", " ", path.stem).split())  # no newlines or tabs in a title
    stem = stem.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    if stem.islower():  # "kim-jong-un-arrives" reads better as "Kim Jong Un Arrives"
        stem = stem.title()
    return stem or path.name


def read_plaintext(path: Path) -> Article:
    text = decode(read_bytes(path, MAX_BYTES), str(path))
    if not text.strip():
        raise ReadError(str(path), "the file is empty.")
    return Article(text=text, path=str(path), title=title_of(text, path))
