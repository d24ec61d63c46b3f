"""Plain text and Markdown files. The text is the decoded file content, unchanged."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..facts import Article
from .errors import ReadError

MAX_BYTES = 50 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes, path: str) -> str:
    """Decode bytes as the text a reader expects, or raise ``ReadError`` saying why not."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc)
            except UnicodeDecodeError as e:
                raise ReadError(path, f"the text is not valid {enc.upper()} ({e.reason}).") from e
    if b"\x00" in data:
        raise ReadError(path, "it looks like a binary file, not a text article.")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ReadError(
            path, f"the text is not valid UTF-8 (byte {e.start}); save it as UTF-8 and try again."
        ) from e


def title_of(text: str, path: Path) -> str:
    """A Markdown heading if the file starts with one, else a title made from the file name."""
    for line in text.splitlines()[:5]:
        m = re.match(r"^\s*#\s+(.+?)\s*#*\s*$", line)
        if m:
            return m.group(1)
    stem = re.sub(r"[-_]+", " ", path.stem).strip()
    if stem.islower():  # "kim-jong-un-arrives" reads better as "Kim Jong Un Arrives"
        stem = stem.title()
    return stem or path.name


def read_plaintext(path: Path) -> Article:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ReadError(str(path), f"it is larger than {MAX_BYTES // (1024 * 1024)} MB.")
        data = path.read_bytes()
    except ReadError:
        raise
    except IsADirectoryError as e:
        raise ReadError(str(path), "it is a folder, not a file.") from e
    except FileNotFoundError as e:
        raise ReadError(str(path), "the file does not exist.") from e
    except PermissionError as e:
        raise ReadError(str(path), "permission denied.") from e
    except OSError as e:
        raise ReadError(str(path), e.strerror or str(e)) from e
    text = decode(data, str(path))
    if not text.strip():
        raise ReadError(str(path), "the file is empty.")
    return Article(text=text, path=str(path), title=title_of(text, path))
