"""Word documents (.docx) through python-docx: paragraphs and tables in order, core properties."""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..facts import Article, Meta
from .errors import ReadError
from .files import MB, read_bytes
from .plaintext import title_from_name
from .zipguard import open_zip

if TYPE_CHECKING:
    from docx.document import Document

log = logging.getLogger(__name__)

MAX_BYTES = 100 * MB
# The body's XML, unpacked: parsed whole, it takes about ten times its size in memory. A long
# report's is a few MB; this is room for a book of some 5,000 pages.
MAX_BODY_XML = 64 * MB
KIND = "Word document"


def read_docx(path: Path) -> Article:
    data = read_bytes(path, MAX_BYTES)
    with open_zip(data, str(path), KIND) as zf:
        sizes = {i.filename: i.file_size for i in zf.infolist()}
    if "word/document.xml" not in sizes:
        raise ReadError(str(path), f"it is not a {KIND} (.docx).")
    if sizes["word/document.xml"] > MAX_BODY_XML:
        raise ReadError(
            str(path),
            f"the {KIND}'s text is larger than {MAX_BODY_XML // MB} MB "
            "unpacked, the most Broadsheet opens.",
        )
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        blocks = list(_blocks(document))
        props = document.core_properties
        title = " ".join((props.title or "").split())
        meta: Meta = {}
        if author := " ".join((props.author or "").split()):
            meta["author"] = [author]
        if props.created is not None:
            meta["date"] = props.created.date().isoformat()
    except ReadError:
        raise
    except Exception as e:  # python-docx and lxml raise many kinds on broken files
        log.info("cannot read %s", path, exc_info=True)  # the details, for a bug report
        raise ReadError(str(path), f"the {KIND} could not be read; it may be damaged.") from e
    if not title:
        title = next((t for style, t in blocks if style.startswith(("Title", "Heading"))), "")
    text = "\n\n".join(t for _, t in blocks)
    if not text.strip():
        raise ReadError(str(path), f"the {KIND} has no text.")
    return Article(text=text, path=str(path), title=title or title_from_name(path), meta=meta)


def _blocks(document: Document) -> Iterator[tuple[str, str]]:
    """(style name, text) of the body's paragraphs and table rows in document order, without
    empty ones."""
    # Paragraph.style looks the style up among all of them, each time (about 1 ms a
    # paragraph): names are read once, and a paragraph's style id from its own XML.
    from docx.enum.style import WD_STYLE_TYPE

    styles = document.styles
    names = {s.style_id: s.name or "" for s in styles}
    default = next(
        (s.name or "" for s in styles if s.type == WD_STYLE_TYPE.PARAGRAPH and s.element.default),
        "",
    )
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):
            for row in block.rows:
                cells = [_clean(c.text) for c in row.cells]
                line = " | ".join(dict.fromkeys(c for c in cells if c))  # merged cells repeat
                if line:
                    yield "", line
        else:
            text = _clean(block.text)
            if text:
                style_id = block._p.style  # the paragraph's pStyle value, or None
                yield (names.get(style_id, default) if style_id else default), text


def _clean(text: str) -> str:
    return re.sub(r"[\x00-\x08\x0b\x0e-\x1f\x7f]", "", text).strip()
