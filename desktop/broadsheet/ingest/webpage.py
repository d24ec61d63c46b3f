"""Web pages saved from a browser (.html, .htm): the article's text and metadata via trafilatura.

Offline by construction: trafilatura gets the bytes, never a URL, so it has nothing to fetch;
scripts, styles, iframes, navigation, ads and comments are dropped, and what is kept is plain
text. Nothing of the page is executed or rendered.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from ..facts import Article, Meta
from .errors import ReadError
from .files import MB, read_bytes
from .plaintext import title_from_name

log = logging.getLogger(__name__)

MAX_BYTES = 10 * MB  # saved pages are a few MB; extraction takes about 5 s per MB

# Metadata fields of trafilatura's Document and the names they get in ``Article.meta``.
_META = (("author", "author"), ("date", "date"), ("sitename", "source"), ("url", "url"))


def read_webpage(path: Path) -> Article:
    data = read_bytes(path, MAX_BYTES)
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError(str(path), "it looks like a binary file, not a web page.")
    try:
        import trafilatura

        doc = trafilatura.bare_extraction(
            data,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
        )
        text = _clean(getattr(doc, "text", None) or "")
        if not text:
            # Short or unusual pages defeat the article detector; their visible text will do
            # (html2txt also drops scripts, styles and other non-text elements).
            text = _clean(trafilatura.html2txt(data))
    except ReadError:
        raise
    except Exception as e:  # lxml and trafilatura raise many kinds; the page is unusable
        log.info("cannot read %s", path, exc_info=True)  # the details, for a bug report
        raise ReadError(str(path), "the web page could not be read; it may be damaged.") from e
    if not text:
        raise ReadError(str(path), "the web page has no article text.")
    meta: Meta = {}
    for attr, key in _META:
        value = getattr(doc, attr, None) if doc is not None else None
        if value:
            one = " ".join(str(value).split())
            meta[key] = [a.strip() for a in one.split(";") if a.strip()] if key == "author" else one
    title = " ".join(str(getattr(doc, "title", "") or "").split()) if doc is not None else ""
    return Article(text=text, path=str(path), title=title or title_from_name(path), meta=meta)


def _clean(text: str) -> str:
    """Trim each line and drop runs of blank lines: the markup's indentation is not the text."""
    lines = [ln.strip() for ln in text.replace("\r\n", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
