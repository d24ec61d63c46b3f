"""Word documents (.docx), Transitional and Strict: the body's text as a reader sees it, then the
footnotes and endnotes; title, author and date.

The package's XML is read directly (python-docx refuses Strict files and skips content
controls, text boxes and tracked insertions): ``word_body`` walks the body, ``word_package``
finds the parts, ``word_meta`` picks the title.
"""

from __future__ import annotations

import logging
from pathlib import Path

from ..facts import Article, Meta
from .errors import ReadError
from .files import MB, read_bytes
from .plaintext import title_from_name
from .word_body import Block, BodyReader
from .word_chart import chart_blocks
from .word_meta import choose_title, core_properties
from .word_numbering import Numbering
from .word_package import Package
from .word_styles import Styles
from .word_xml import Element, attr, child, key
from .zipguard import open_zip

log = logging.getLogger(__name__)

MAX_BYTES = 100 * MB
# The body's XML, unpacked: parsed whole, it takes about ten times its size in memory. A long
# report's is a few MB; this is room for a book of some 5,000 pages.
MAX_BODY_XML = 64 * MB
KIND = "Word document"

# An encrypted .docx is not a ZIP but an OLE compound file holding the encrypted package; so is
# an old binary .doc renamed .docx.
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_NOTE_TYPES = {"footnote": "footnotes", "endnote": "endnotes"}


def read_docx(path: Path) -> Article:
    data = read_bytes(path, MAX_BYTES)
    if data.startswith(_OLE):
        if _ENCRYPTED in data:
            raise ReadError(
                str(path), f"the {KIND} is protected with a password, so it cannot be read."
            )
        raise ReadError(
            str(path),
            f"it is an older {KIND} (.doc) named .docx; save it as .docx in Word to open it.",
        )
    with open_zip(data, str(path), KIND) as zf:
        package = Package(zf, MAX_BODY_XML)
        main = package.main
        if main is None:
            raise ReadError(str(path), f"it is not a {KIND} (.docx).")
        if package.size(main) > MAX_BODY_XML:
            raise ReadError(
                str(path),
                f"the {KIND}'s text is larger than {MAX_BODY_XML // MB} MB "
                "unpacked, the most Broadsheet opens.",
            )
        try:
            blocks, notes, core = _read(package, main)
        except ReadError:
            raise
        except (MemoryError, RecursionError):
            raise  # read_article words these
        except Exception as e:  # lxml raises many kinds on broken files
            log.info("cannot read %s", path, exc_info=True)  # the details, for a bug report
            raise ReadError(str(path), f"the {KIND} could not be read; it may be damaged.") from e
    core_title, author, created = core_properties(core)
    meta: Meta = {}
    if author:
        meta["author"] = [author]
    if created:
        meta["date"] = created
    text = "\n\n".join(b.shown for b in blocks + notes)
    if not text.strip():
        raise ReadError(str(path), f"the {KIND} has no text.")
    title = choose_title(blocks, core_title, path)
    return Article(text=text, path=str(path), title=title or title_from_name(path), meta=meta)


def _read(package: Package, main: str) -> tuple[list[Block], list[Block], Element | None]:
    """The body's blocks, the notes' blocks in the order they are cited, the core properties."""
    root = package.xml(main)
    if root is None or key(root) != "w:document":
        raise ValueError(f"{main} is not a WordprocessingML document")

    def charts(rel_id: str) -> list[Block]:
        try:
            return chart_blocks(package.xml(package.target(main, rel_id)))
        except Exception:  # a broken chart is left out, the text is still there to read
            log.info("chart %s of %s left out", rel_id, main, exc_info=True)
            return []

    reader = BodyReader(
        Styles(package.xml(package.related(main, "styles"))),
        Numbering(package.xml(package.related(main, "numbering"))),
        charts,
    )
    body = child(root, "w:body")
    blocks = reader.blocks(body) if body is not None else []
    notes: list[Block] = []
    parts: dict[str, dict[str, Element]] = {}
    seen: set[tuple[str, str]] = set()
    cited = reader.notes
    i = 0
    while i < len(cited):  # notes may cite notes: the list grows while it is read
        kind, note_id = cited[i]
        i += 1
        if (kind, note_id) in seen:
            continue
        seen.add((kind, note_id))
        if kind not in parts:
            parts[kind] = _notes(package.xml(package.related(main, _NOTE_TYPES[kind])))
        if (note := parts[kind].get(note_id)) is not None:
            notes.extend(reader.blocks(note))
    core = package.xml(package.related("", "core-properties") or "docProps/core.xml")
    return blocks, notes, core


def _notes(root: Element | None) -> dict[str, Element]:
    """id -> note, without the separator lines Word keeps among the notes."""
    return {
        attr(n, "id") or "": n
        for n in (root if root is not None else ())
        if key(n) in ("w:footnote", "w:endnote") and (attr(n, "type") or "normal") == "normal"
    }
