"""What a page prints around its text: running heads and feet, page numbers, print-shop slugs,
margin stamps, and footnotes (which are kept, but read after the body).

Told apart by where they stand (the first and last lines of a page, the side margins) and by
repetition: a line at the same edge of several pages, digits aside, is the publication's, not the
article's.
"""

from __future__ import annotations

import re
from collections import Counter

from .pdf_chars import Piece
from .pdf_layout import Line, rows

EDGE_ROWS = 3  # lines looked at from the top and from the bottom of a page

PAGE_NUMBER = re.compile(
    r"^(?:page|p\.|seite|página|pagina)?\s*[-–—]?\s*(?:\d{1,4}|[ivxlcdm]{1,7})\s*[-–—]?"
    r"(?:\s*(?:of|/|de|von|sur)\s*\d{1,4})?$",
    re.I,
)
_BARE_NUMBER = re.compile(r"^\d{1,4}$")
# A government printer's slug ("VerDate Sep<11>2014 17:01 Mar 03, 2023 Jkt 259001 PO 00000 Frm
# 00002 Fmt 4701 Sfmt 4700 E:\FR\FM\06MRR1.SGM 06MRR1"): any two of its fields.
_SLUG_FIELDS = re.compile(
    r"\bVerDate\b|\bJkt \d+|\bPO \d{5}\b|\bFrm \d+|\bFmt \d+|\bSfmt \d+|[A-Z]:\\\w+\\\w+\\",
)
# A workstation code stamped at a page's edge ("DSKJLSW7X2PROD"): capitals and digits, no word.
_CODE = re.compile(r"^(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z][A-Z0-9]*[A-Z])[A-Z0-9]{10,}$")
FOOTNOTE_MARK = re.compile(
    r"^(?:\d{1,3}|[*†‡§¶]+|[\u00b9\u00b2\u00b3\u2070-\u2079]+)(?:[\s.)]|$|[A-Za-z])"
)


def shape(text: str) -> str:
    """A line's text with its digits made alike: "Page 4 of 12" and "Page 5 of 12" are one."""
    text = re.sub(r"\d+", "0", " ".join(text.casefold().split()))
    # A page number in roman figures at either end ("All rights reserved. xi").
    return re.sub(r"^[ivxlc]+\b(?=\s)|(?<=\s)\b[ivxlc]+$", "0", text)


def is_slug(text: str) -> bool:
    return len(_SLUG_FIELDS.findall(text)) >= 2 or bool(_CODE.match(text.strip()))


def strip_edges(
    pages: list[list[Piece]], heights: list[float], widths: list[float]
) -> list[list[Piece]]:
    """Each page's pieces without running heads and feet, page numbers, slugs and stamps."""
    page_rows = [rows(_off_margins(p, w)) for p, w in zip(pages, widths, strict=True)]
    edges = [_edge_rows(r) for r in page_rows]
    seen: Counter[str] = Counter()
    for page_edges in edges:
        seen.update({shape(ln.text) for ln in page_edges})
    many = len(pages) > 1
    out: list[list[Piece]] = []
    for lines, page_edges in zip(page_rows, edges, strict=True):
        drop: set[int] = set()
        for ln in page_edges:
            text = ln.text
            if (
                PAGE_NUMBER.match(text)
                or is_slug(text)
                or (many and seen[shape(text)] > 1 and len(text) < 200)
                or _numbered_head(ln, lines)
            ):
                drop.add(id(ln))
        kept = [p for ln in lines if id(ln) not in drop for p in ln.pieces if not is_slug(p.text)]
        out.append(kept)
    return out


def _off_margins(pieces: list[Piece], width: float) -> list[Piece]:
    """Without text turned sideways in the side margins (an archive's stamp, a printer's slug)."""
    upright = sum(len(p.text) for p in pieces if p.upright)
    if upright * 2 < sum(len(p.text) for p in pieces):
        return pieces  # a page set sideways: its text is the page's
    return [p for p in pieces if p.upright or (width * 0.2 < (p.x0 + p.x1) / 2 < width * 0.8)]


def _edge_rows(lines: list[Line]) -> list[Line]:
    """The lines a page prints above and below its text: the first and last few, each group
    ending where a wider space than the text's own line spacing sets it apart."""
    if len(lines) <= 2:
        return lines
    n = min(EDGE_ROWS, max(1, (len(lines) - 1) // 2))
    top = _apart(lines[: n + 1])
    bottom = _apart(lines[::-1][: n + 1])
    return top + [ln for ln in bottom if ln not in top]


def _apart(lines: list[Line]) -> list[Line]:
    """The leading lines of ``lines`` (from an edge inwards) up to the first wide space."""
    for i in range(len(lines) - 1):
        a, b = lines[i], lines[i + 1]
        gap = max(a.y0 - b.y1, b.y0 - a.y1)
        if gap > 1.0 * min(a.size, b.size):
            return lines[: i + 1]
    return lines[:1] if PAGE_NUMBER.match(lines[0].text) or is_slug(lines[0].text) else []


def _numbered_head(line: Line, lines: list[Line]) -> bool:
    """A line at a page's edge that ends or starts with a page number set apart ("Title   9"),
    standing apart from the text below or above it."""
    ps = line.pieces
    if len(ps) < 2 or not (_BARE_NUMBER.match(ps[0].text) or _BARE_NUMBER.match(ps[-1].text)):
        return False
    i = lines.index(line)
    if i not in (0, len(lines) - 1):
        return False
    other = lines[1] if i == 0 else lines[-2]
    gap = line.y0 - other.y1 if i == 0 else other.y0 - line.y1
    return gap > 0.8 * line.size


def split_footnotes(lines: list[Line], body_size: float) -> tuple[list[Line], list[Line]]:
    """(body, footnotes): the small type at the page's foot that starts with a note's mark."""
    i = len(lines)
    while i > 0 and lines[i - 1].size < 0.9 * body_size:
        i -= 1
    if i == len(lines) or i == 0:
        return lines, []
    notes = lines[i:]
    if not FOOTNOTE_MARK.match(notes[0].text):
        return lines, []
    return lines[:i], notes
