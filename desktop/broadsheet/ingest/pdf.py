"""PDF files: the text as a careful reader takes it, with the document's title, author and date.

PDFium (pypdfium2) gives the text with each character's box and size. From those: running heads,
page numbers and slugs dropped (``pdf_edges``), columns read in order (``pdf_layout``), lines
joined into paragraphs with the line-end hyphens settled (``pdf_paragraphs``, ``pdf_hyphens``),
footnotes read after the body, and a title from the first page's largest type when the file's own
title is a leftover of the software that made it. PDFium rather than pypdf: it gives each
character's box and size, and reads a page about ten times faster.
"""

from __future__ import annotations

import logging
import re
import threading
from collections import Counter
from pathlib import Path
from typing import Any

from ..facts import Article, Meta
from .errors import ReadError
from .files import MB, read_bytes
from .pdf_chars import Piece, page_pieces
from .pdf_edges import split_footnotes, strip_edges
from .pdf_hyphens import Hyphens
from .pdf_layout import reading_order, rows
from .pdf_paragraphs import Paragraph, continues, join_two, paragraphs
from .pdf_title import first_heading, is_junk_title
from .plaintext import title_from_name

log = logging.getLogger(__name__)

MAX_BYTES = 200 * MB
MAX_CHARS = 50 * MB  # the most text Broadsheet analyses

_NO_TEXT = (
    "it has no text layer (it looks like a scanned image), and Broadsheet cannot read text "
    "from images."
)
# PDFium is not thread-safe: the window reads files on a pool of threads, one PDF at a time here.
_PDFIUM = threading.Lock()
_ENCRYPTED = "the PDF is encrypted; save an unprotected copy and try again."
_DAMAGED = "the PDF could not be read; it may be damaged."


def read_pdf(path: Path) -> Article:
    data = read_bytes(path, MAX_BYTES)
    if not data.lstrip()[:1024].startswith(b"%PDF") and b"%PDF-" not in data[:1024]:
        raise ReadError(str(path), "it is not a PDF file.")
    # A complete PDF ends with %%EOF; without it the file was cut off (an interrupted download),
    # and a reader would quietly give the text of whatever pages survived.
    if b"%%EOF" not in data[-4096:]:
        raise ReadError(str(path), "the PDF is incomplete; it may have been cut off while saving.")
    with _PDFIUM:
        pages, sizes, scanned, info = _open(data, path)
    if not any(pages):
        raise ReadError(str(path), _NO_TEXT)
    text, heading = _text(pages, sizes)
    if not text:  # nothing but page numbers and running heads
        raise ReadError(str(path), _NO_TEXT)
    meta: Meta = {}
    title = info.get("Title", "")
    if is_junk_title(title, path):
        title = heading or title_from_name(path)
    if author := info.get("Author", ""):
        meta["author"] = [author]
    if date := _pdf_date(info.get("CreationDate", "")):
        meta["date"] = date
    meta["pages"] = str(len(pages))
    warnings = []
    if scanned:
        which = ", ".join(str(n) for n in scanned)
        noun = "pages" if len(scanned) > 1 else "page"
        warnings.append(f"Scanned pages without text were skipped ({noun} {which}).")
    return Article(text=text, path=str(path), title=title, meta=meta, warnings=warnings)


def _open(
    data: bytes, path: Path
) -> tuple[list[list[Piece]], list[tuple[float, float]], list[int], dict[str, str]]:
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    try:
        # Many PDFs are encrypted only to restrict printing, with an empty password: PDFium
        # opens those as they are.
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        if "password" in str(e).lower():
            raise ReadError(str(path), _ENCRYPTED) from e
        log.info("cannot read %s", path, exc_info=True)  # the details, for a bug report
        raise ReadError(str(path), _DAMAGED) from e
    try:
        pages, sizes, scanned, info = _read_pages(doc, path)
    except ReadError:
        raise
    except Exception as e:  # PDFium's many ways of failing on a broken file all mean "damaged"
        log.info("cannot read %s", path, exc_info=True)
        raise ReadError(str(path), _DAMAGED) from e
    finally:
        doc.close()
    return pages, sizes, scanned, info


def _read_pages(
    doc: Any, path: Path
) -> tuple[list[list[Piece]], list[tuple[float, float]], list[int], dict[str, str]]:
    import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

    pages: list[list[Piece]] = []
    sizes: list[tuple[float, float]] = []
    scanned: list[int] = []
    chars = 0
    for i in range(len(doc)):
        page = doc[i]
        try:
            pieces = page_pieces(page, i)
            sizes.append((page.get_width(), page.get_height()))
            if not pieces and any(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE])):
                scanned.append(i + 1)
        finally:
            page.close()
        pages.append(pieces)
        chars += sum(len(p.text) + 1 for p in pieces)
        if chars > MAX_CHARS:
            raise ReadError(str(path), "its text is longer than 50 million characters.")
    info = {k: " ".join(str(v).split()) for k, v in doc.get_metadata_dict(skip_empty=True).items()}
    return pages, sizes, scanned, info


def _text(pages: list[list[Piece]], sizes: list[tuple[float, float]]) -> tuple[str, str]:
    """The document's text (paragraphs, then footnotes) and its first page's heading."""
    pages = strip_edges(pages, [h for _, h in sizes], [w for w, _ in sizes])
    weights: Counter[float] = Counter()
    for page in pages:
        for p in page:
            weights[round(p.size * 2) / 2] += len(p.text)
    body_size = weights.most_common(1)[0][0] if weights else 0.0
    hyphens = Hyphens(p.text for page in pages for p in page)
    body: list[Paragraph] = []
    notes: list[Paragraph] = []
    heading = ""
    for n, page in enumerate(pages):
        main, foot = split_footnotes(rows(page), body_size)
        if n == 0 or not heading and not body:
            heading = first_heading(main, body_size)
        foot_pieces = {id(p) for ln in foot for p in ln.pieces}
        for block in reading_order([p for p in page if id(p) not in foot_pieces]):
            _extend(body, paragraphs(block, hyphens), hyphens)
        _extend(notes, paragraphs(foot, hyphens), hyphens)
    text = "\n\n".join(p.text for p in body + notes if p.text)
    return _clean(text), heading


def _extend(out: list[Paragraph], new: list[Paragraph], hyphens: Hyphens) -> None:
    for p in new:
        if out and continues(out[-1], p):
            out[-1].text = join_two(out[-1].text, p.text, hyphens)
            out[-1].lines.extend(p.lines)
        else:
            out.append(p)


def _clean(text: str) -> str:
    # Controls come from fonts without a Unicode map; they are not text.
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]", "", text)
    return re.sub(r"[ \t]+", " ", text).strip()


def _pdf_date(value: str) -> str:
    """A PDF date ("D:20240822125427Z00'00'") as an ISO date, or ""."""
    m = re.match(r"(?:D:)?(\d{4})(\d{2})(\d{2})", value.strip())
    if not m:
        return ""
    year, month, day = (int(g) for g in m.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31 and 1900 <= year <= 2200):
        return ""
    return f"{year:04d}-{month:02d}-{day:02d}"
