"""Plain text and Markdown files.

A ``.txt`` file's text is its decoded content, unchanged — no line is dropped, joined or moved,
not even a headline taken as the title: the facts JSON's contract is that offsets index the file's
own text, and scripts that compare Broadsheet's offsets with the file rely on it (a text with one
sentence a line must stay one sentence a line). Only a Markdown file is turned into the readable
text it stands for.
"""

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
