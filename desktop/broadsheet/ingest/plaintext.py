"""Plain text and Markdown files.

A ``.txt`` file's text is its decoded content, unchanged — no line is dropped, joined or moved,
not even a headline taken as the title: the facts JSON's contract is that offsets index the file's
own text, and scripts that compare Broadsheet's offsets with the file rely on it (a text with one
sentence a line must stay one sentence a line). Decoding (and the repair of mojibake, see
``encoding``) is the only change. Only a Markdown file is turned into the readable text it
stands for (``markdown``).
"""

from __future__ import annotations

import re
from pathlib import Path

from ..facts import Article
from .encoding import decode
from .errors import ReadError
from .files import MB, read_bytes

MAX_BYTES = 50 * MB
MARKDOWN_SUFFIXES = (".md", ".markdown")
MAX_TITLE_WORDS = 20
MAX_TITLE_CHARS = 200

__all__ = ["MAX_BYTES", "decode", "headline", "read_plaintext", "title_of"]

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
# A date, a time stamp or a byline: lines that come before or after a headline, never one.
_NOT_A_HEADLINE = re.compile(
    rf"""^(?:
        {_WEEKDAY}(?:,|\s+\d|\s*$)
      | {_MONTH}\s+\d{{1,2}}\b
      | \d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:\s|,|$)
      | \d{{4}}-\d{{2}}-\d{{2}}
      | \d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}
      | (?:posted|published|updated|last\s+updated)\b
      | by\s+\S
    )""",
    re.I | re.X,
)
# "WASHINGTON (Reuters) -", "LONDON, March 3 —"
_DATELINE_CAPS = re.compile(r"^[A-Z][A-Z.'’ -]{1,40}(?:,\s|\s*\(|\s+[-–—]\s)")
_LIST_ITEM = re.compile(r"^(?:[-*+•·–—>]\s|\d{1,3}[.)]\s|[a-z][.)]\s|\(\w{1,3}\)\s)")
# A line ending with one of these, or followed by one starting with a small letter, is a wrapped
# line of a paragraph.
_CONTINUED = {
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "of", "on", "or", "that",
    "the", "to", "with", "-", "–", "—",
}  # fmt: skip
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’)]?\s+[A-Z\"“]")


def headline(text: str) -> str | None:
    """The first line of ``text`` if it reads as a headline, else None.

    A headline is short (at most 20 words and 200 characters) and followed by more text, not by
    the rest of a wrapped line; it does not end with a full stop (or a comma, colon, semicolon,
    or a word such as "and") nor hold a sentence break; its first word is not all small
    letters; and it is not a date, dateline, byline or list item.
    """
    head = text[:4096].lstrip()  # not the whole text: it may be 50 MB
    line, _, rest = head.partition("\n")
    line = " ".join(line.split())
    if not line or not rest.strip():
        return None
    words = line.split()
    following = rest.lstrip(" \t").partition("\n")[0].strip()
    if words[-1].lower() in _CONTINUED or following[:1].islower():
        return None
    if len(words) > MAX_TITLE_WORDS or len(line) > MAX_TITLE_CHARS:
        return None
    if line[-1] in ".,;:…":
        return None
    if _LIST_ITEM.match(line) or _SENTENCE_BREAK.search(line):
        return None
    if _NOT_A_HEADLINE.match(line) or _DATELINE_CAPS.match(line):
        return None
    first = "".join(c for c in words[0] if c.isalnum())
    if not first or first.islower() or not any(c.isalpha() for c in line):
        return None
    return line


def title_of(text: str, path: Path) -> str:
    """The headline on the text's first line, else a title made from the file name."""
    return headline(text) or title_from_name(path)


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
    if path.suffix.lower() in MARKDOWN_SUFFIXES:
        from .markdown import render

        shown = render(text)
        if not shown.text.strip():
            raise ReadError(str(path), "it holds only Markdown markup, no text to read.")
        title = shown.title or title_of(shown.text, path)
        return Article(text=shown.text, path=str(path), title=title)
    return Article(text=text, path=str(path), title=title_of(text, path))
