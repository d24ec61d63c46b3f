"""PDF files: the text layer through pypdf, with the document's title, author and date."""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path

from ..facts import Article, Meta
from .errors import ReadError
from .files import MB, read_bytes
from .plaintext import title_from_name

log = logging.getLogger(__name__)

MAX_BYTES = 200 * MB
MAX_CHARS = 50 * MB  # the most text Broadsheet analyses

_NO_TEXT = (
    "it has no text layer (it looks like a scanned image), and Broadsheet cannot read text "
    "from images."
)


def read_pdf(path: Path) -> Article:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    data = read_bytes(path, MAX_BYTES)
    if not data.lstrip()[:1024].startswith(b"%PDF") and b"%PDF-" not in data[:1024]:
        raise ReadError(str(path), "it is not a PDF file.")
    # A complete PDF ends with %%EOF; without it the file was cut off (an interrupted download),
    # and pypdf would quietly give the text of whatever pages survived.
    if b"%%EOF" not in data[-4096:]:
        raise ReadError(str(path), "the PDF is incomplete; it may have been cut off while saving.")
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings about sloppy PDFs are noise
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                # Many PDFs are encrypted only to restrict printing, with an empty password.
                if not reader.decrypt(""):
                    raise FileNotDecryptedError("password needed")
            except (FileNotDecryptedError, DependencyError, NotImplementedError) as e:
                raise ReadError(
                    str(path), "the PDF is encrypted; save an unprotected copy and try again."
                ) from e
        pages: list[str] = []
        chars = 0
        for page in reader.pages:
            pages.append(_page_text(page.extract_text() or ""))
            chars += len(pages[-1])
            if chars > MAX_CHARS:
                raise ReadError(str(path), "its text is longer than 50 million characters.")
        info = reader.metadata
    except ReadError:
        raise
    except Exception as e:  # pypdf raises many kinds on broken files; all mean "damaged"
        log.info("cannot read %s", path, exc_info=True)  # the details, for a bug report
        raise ReadError(str(path), "the PDF could not be read; it may be damaged.") from e
    text = "\n\n".join(p for p in pages if p)
    if not text.strip():
        raise ReadError(str(path), _NO_TEXT)
    meta: Meta = {}
    title = ""
    if info is not None:
        title = _field(info, "title")
        if author := _field(info, "author"):
            meta["author"] = [author]
        try:
            date = info.creation_date
        except Exception:  # a malformed date string is not worth failing the document for
            date = None
        if date is not None:
            meta["date"] = date.date().isoformat()
    meta["pages"] = str(len(pages))
    return Article(text=text, path=str(path), title=title or title_from_name(path), meta=meta)


def _field(info: object, name: str) -> str:
    try:
        value = getattr(info, name)
    except Exception:
        return ""
    return " ".join(str(value).split()) if value else ""


def _page_text(text: str) -> str:
    # NULs and other controls come from fonts without a Unicode map; they are not text.
    text = re.sub(r"[\x00-\x08\x0b\x0e-\x1f\x7f]", "", text)
    return "\n".join(line.rstrip() for line in text.splitlines()).strip()
