"""Files people should not have, built in a temp folder; shared by the unit, CLI and UI tests.

Loaded by path through the ``hostile_corpus`` fixture (tests/conftest.py), so it needs no
package of its own.
Each entry: file name -> (how to make it, words its one message must contain).
"""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable
from pathlib import Path

HTML_WITH_SCRIPTS = """<!DOCTYPE html><html><head><title>Talks in Vladivostok | Daily Planet</title>
<meta name="author" content="Jane Reporter">
<meta property="article:published_time" content="2023-09-12T08:00:00Z">
<meta property="og:site_name" content="Daily Planet">
<script>var leak = "SCRIPT-TEXT-1"; fetch("http://evil.example/steal");</script>
<script src="http://evil.example/tracker.js"></script>
<link rel="stylesheet" href="http://evil.example/style.css">
<style>.ad { color: red } /* STYLE-TEXT */</style></head><body onload="alert('ONLOAD-TEXT')">
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">NAVIGATION-LINK</a></li></ul></nav>
<div class="advert">BUY-NOW-ADVERT</div>
<article><h1>Talks in Vladivostok</h1><p class="byline">By Jane Reporter</p>
<p>Angela Merkel arrived in Vladivostok on Tuesday, the chancellery said. Officials in Berlin
confirmed that talks with President Vladimir Putin would take place at the port.</p>
<img src="http://evil.example/pixel.gif" alt=""><iframe src="http://evil.example/frame">IFRAME-TEXT</iframe>
<p>Government spokesman Steffen Seibert said that the meeting could last two days.
Analysts believe that the visit may lead to an agreement on gas deliveries.</p>
<script>document.write("SCRIPT-TEXT-2")</script><noscript>NOSCRIPT-TEXT</noscript>
<p>The two leaders last met in 2019 in Sochi, where they discussed the war in eastern Ukraine
at length and agreed to meet again.</p>
</article>
<section id="comments" class="comments"><h3>Comments</h3><p>COMMENT-TEXT what a read</p></section>
<footer>FOOTER-TEXT</footer></body></html>"""
LEAKS = ("SCRIPT-TEXT", "STYLE-TEXT", "ONLOAD-TEXT", "IFRAME-TEXT", "evil.example", "<")


def text_pdf(lines: list[str], title: str = "", author: str = "", password: str = "") -> bytes:
    """A one-page PDF whose text layer holds ``lines`` (Helvetica, Latin-1 only)."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    w = PdfWriter()
    page = w.add_blank_page(612, 792)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): w._add_object(font)})}
    )
    ops = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(f"({ln}) Tj T*" for ln in lines) + " ET"
    stream = DecodedStreamObject()
    stream.set_data(ops.encode("latin-1"))
    page[NameObject("/Contents")] = w._add_object(stream)
    meta = {k: v for k, v in (("/Title", title), ("/Author", author)) if v}
    if meta:
        w.add_metadata(meta)
    if password:
        w.encrypt(password, algorithm="RC4-128")
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def blank_pdf() -> bytes:
    """A page with no text layer: what a scanner produces, minus the image."""
    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(612, 792)
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def zip_bomb(path: Path, megabytes: int = 16) -> None:
    """A .docx-shaped ZIP whose document.xml inflates ~1000:1 (16 MB from ~16 KB)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w") as f:
            block = b"\0" * (1 << 20)
            for _ in range(megabytes):
                f.write(block)


def docx_bytes(paragraphs: list[str], title: str = "", author: str = "") -> bytes:
    import docx

    d = docx.Document()
    d.core_properties.title = title
    d.core_properties.author = author
    for p in paragraphs:
        d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _noise(seed: int, n: int, nul: bool) -> bytes:
    rnd = random.Random(seed)
    data = bytes(rnd.randrange(256) for _ in range(n))
    return data if nul else data.replace(b"\0", b"\x01")


def _writer(data: bytes) -> Callable[[Path], None]:
    return lambda p: p.write_bytes(data)


def _truncated_pdf(p: Path) -> None:
    data = text_pdf(["Angela Merkel said that Berlin would wait."])
    p.write_bytes(data[: len(data) * 2 // 3])


# name -> (maker, words the message must contain)
FAILING: dict[str, tuple[Callable[[Path], None], str]] = {
    "empty.txt": (_writer(b""), "empty"),
    "blank.md": (_writer(b" \n\t\n"), "empty"),
    "noise.txt": (_writer(_noise(1, 4096, nul=True)), "binary"),
    "noise-without-nul.txt": (_writer(_noise(2, 4096, nul=False)), "encoding"),
    "nul-bytes.md": (_writer(b"Angela Merkel\x00 said\x00 so.\n"), "binary"),
    "invalid-utf8.txt": (_writer(b"The caf\xc3 is \x81 open \xe2\x82 now.\n" * 3), "encoding"),
    "truncated.pdf": (_truncated_pdf, "incomplete"),
    "encrypted.pdf": (
        lambda p: p.write_bytes(text_pdf(["Secret words."], password="s3cret")),
        "encrypted",
    ),
    "scanned.pdf": (lambda p: p.write_bytes(blank_pdf()), "no text layer"),
    "not-really.pdf": (_writer(b"Angela Merkel said so.\n"), "not a PDF"),
    "bomb.docx": (zip_bomb, "unpacks to far more data"),
    "not-a-zip.docx": (_writer(b"Angela Merkel said so.\n"), "not a valid Word document"),
    "photo.jpg": (_writer(b"\xff\xd8\xff\xe0"), "not a supported format"),
    "only-scripts.html": (
        _writer(b"<html><head><script>alert('x')</script></head><body></body></html>"),
        "no article text",
    ),
    "folder.txt": (lambda p: p.mkdir(), "folder"),
}
MISSING = "missing.txt"


def build(folder: Path) -> dict[Path, str]:
    """Make every failing file in ``folder``; returns path -> words of its message."""
    folder.mkdir(parents=True, exist_ok=True)
    out: dict[Path, str] = {}
    for name, (make, words) in FAILING.items():
        p = folder / name
        make(p)
        out[p] = words
    out[folder / MISSING] = "does not exist"
    return out
