"""A PDF page's text as pieces of lines with their boxes and type sizes, through PDFium.

PDFium gives every character its box and its transformation; the layout rules (columns, running
heads, paragraphs) need no more than pieces of one line with one size: a piece ends where the
baseline changes or where a gap wider than a column gutter's least width opens.
"""

from __future__ import annotations

import ctypes
import math
import re
from dataclasses import dataclass
from typing import Any

# U+FFFE is PDFium's mark for a hyphen it took for a word break at a line end; U+00AD a soft one.
_BREAK_HYPHENS = "\ufffe\u00ad"
_RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_CONTROLS = {chr(c) for c in (*range(0x00, 0x09), *range(0x0B, 0x0D), *range(0x0E, 0x20), 0x7F)}


@dataclass
class Piece:
    """Part of one printed line: its text, box (PDF points, y upwards) and type size."""

    text: str
    x0: float
    x1: float
    y0: float
    y1: float
    size: float
    page: int
    upright: bool = True
    rtl: int = 0  # right-to-left letters less left-to-right ones

    @property
    def mid(self) -> float:
        return (self.y0 + self.y1) / 2


def rtl_balance(text: str) -> int:
    n = len(_RTL.findall(text))
    return n - (sum(ch.isalpha() for ch in text) - n)


def page_pieces(page: Any, index: int) -> list[Piece]:
    """The pieces of lines on one page (a ``pypdfium2.PdfPage``), in PDFium's order."""
    import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

    textpage = page.get_textpage()
    try:
        return _pieces(textpage, index, pdfium_c)
    finally:
        textpage.close()


def _pieces(textpage: Any, index: int, c: Any) -> list[Piece]:
    raw = textpage.raw
    count = textpage.count_chars()
    if count <= 0:
        return []
    text = textpage.get_text_range(0, count)
    if len(text) != count:  # characters beyond the BMP: one code unit each no longer holds
        text = "".join(chr(c.FPDFText_GetUnicode(raw, i) or 32) for i in range(count))
    box = c.FS_RECTF()
    matrix = c.FS_MATRIX()
    get_box, get_matrix, get_size = (
        c.FPDFText_GetLooseCharBox,
        c.FPDFText_GetMatrix,
        c.FPDFText_GetFontSize,
    )
    pieces: list[Piece] = []
    chars: list[str] = []
    x0 = x1 = y0 = y1 = 0.0
    size = 0.0
    upright = True
    last_height = -1.0
    space = False
    last_box = (0.0, 0.0)
    last_rtl = False
    sizes: dict[float, int] = {}
    size_key = 0.0

    def close() -> None:
        nonlocal chars
        s = "".join(chars).strip()
        if s:
            # The size most of the piece is set in: a bigger bullet or a smaller note mark aside.
            common = max(sizes, key=sizes.__getitem__) if sizes else size
            pieces.append(Piece(s, x0, x1, y0, y1, common, index, upright, rtl_balance(s)))
        chars = []
        sizes.clear()

    for i in range(count):
        ch = text[i]
        if ch in "\r\n":
            close()
            space = False
            continue
        if ch.isspace():
            space = True
            continue
        if ch in _CONTROLS or "\ue000" <= ch <= "\uf8ff":
            continue  # private-use code points: a symbol font's boxes and ticks, not text
        if not get_box(raw, i, ctypes.byref(box)):
            continue
        left, right, bottom, top = box.left, box.right, box.bottom, box.top
        height = top - bottom
        if height != last_height:  # the size and slant change only where the box height does
            last_height = height
            get_matrix(raw, i, ctypes.byref(matrix))
            scale = math.hypot(matrix.c, matrix.d) or 1.0
            char_size = (get_size(raw, i) or 1.0) * scale
            char_upright = abs(matrix.b) < 0.1 * scale and abs(matrix.c) < 0.1 * scale
            size_key = round(char_size, 1)
        rtl = ch >= "\u0590" and bool(_RTL.match(ch))
        if chars:
            mid = (bottom + top) / 2
            # Right-to-left text runs leftwards: its gap is on the other side.
            gap = x0 - right if rtl else left - x1
            new_line = (
                not (y0 <= mid <= y1)
                and not (bottom <= (y0 + y1) / 2 <= top)
                or (right > x1 + size if rtl else left < x0 - size)  # a line PDFium did not mark
            )
            if not (upright or char_upright):
                # Text set sideways runs along its own baseline: PDFium's line breaks and
                # spaces alone divide it.
                if space:
                    chars.append(" ")
            elif new_line or char_upright != upright:
                close()
            elif gap > (size if size > char_size else char_size):  # a gutter, a table's gap
                close()
            elif space or gap > 0.18 * (size if size > char_size else char_size):
                chars.append(" ")
            elif rtl != last_rtl and ch.isalpha() and chars[-1].isalpha():
                chars.append(" ")  # a Latin name in Arabic text: the boxes overlap, no space
            elif (
                ch.isdigit()
                and char_size < 0.8 * size
                and bottom > y0 + 0.2 * (y1 - y0)
                and chars[-1].isalpha()
            ):
                chars.append(" ")  # a raised note mark ("center¹") is not part of the word
        space = False
        if ch in _BREAK_HYPHENS:
            ch = "-"
        if not chars:
            x0, x1, y0, y1 = left, right, bottom, top
            size, upright = char_size, char_upright
        else:
            if right > x1:
                x1 = right
            if left < x0:
                x0 = left
            if char_size > size:
                size = char_size
            if bottom < y0:
                y0 = bottom
            if top > y1:
                y1 = top
        if rtl and chars and (left, right) == last_box and _RTL.match(chars[-1]):
            # One glyph for two letters (lam-alef): PDFium gives them in visual order.
            chars.insert(len(chars) - 1, ch)
        else:
            chars.append(ch)
        last_box = (left, right)
        last_rtl = rtl
        sizes[size_key] = sizes.get(size_key, 0) + 1
    close()
    return pieces
