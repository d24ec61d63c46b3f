"""A Word document's title, author and date: the core properties (docProps/core.xml) and the
title the document shows.

The title property is often not the document's: Word fills it from the first words, from the
template, or a converter writes the file name ("Microsoft Word - report.doc"). The paragraph
styled as the title, or the first heading, is what a reader takes for the title; the property
only when the page has neither and it does not look like a file name.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from .word_body import Block
from .word_xml import Element, key

MAX_TITLE = 300  # characters: a "title" paragraph longer than this is body text styled big

_CONVERTER = re.compile(r"^(microsoft\s+)?(word|powerpoint|excel)\s+-\s+", re.I)
_FILE_NAME = re.compile(r"\.(docx?|dot[xm]?|rtf|odt|txt|pdf|html?|wpd|pages)$", re.I)
_PLACEHOLDER = re.compile(
    r"(untitled|title|document|doc|word document|microsoft word document|template|"
    r"normal|draft|no title|new document|sans titre|ohne titel)\s*\d*",
    re.I,
)


def core_properties(root: Element | None) -> tuple[str, str, str]:
    """(title, author, ISO date created), each "" when absent."""
    found = {"dc:title": "", "dc:creator": "", "dcterms:created": ""}
    for el in root if root is not None else ():
        k = key(el)
        if k in found and not found[k]:
            found[k] = " ".join((el.text or "").split())
    return found["dc:title"], found["dc:creator"], _date(found["dcterms:created"])


def choose_title(blocks: list[Block], core_title: str, path: Path) -> str:
    """The Title-styled paragraph, else the first heading, else a core title that is not junk;
    "" when none (the caller falls back to the file name)."""
    for kind in ("title", "heading"):
        for b in blocks:
            if b.kind == kind and len(b.text) <= MAX_TITLE:
                return " ".join(b.text.split())
    return "" if is_junk_title(core_title, path) else core_title


def is_junk_title(title: str, path: Path) -> bool:
    t = title.strip()
    if not t or not re.search(r"\w", t) or len(t) > MAX_TITLE:
        return True
    if _CONVERTER.match(t) or _FILE_NAME.search(t) or _PLACEHOLDER.fullmatch(t):
        return True
    if "\\" in t or (("/" in t or "_" in t) and " " not in t):  # a path or a file's stem
        return True
    return t.casefold() == path.stem.casefold()


def _date(value: str) -> str:
    m = re.match(r"\d{4}-\d{2}-\d{2}", value)
    if not m:
        return ""
    try:
        return dt.date.fromisoformat(m.group()).isoformat()
    except ValueError:
        return ""
