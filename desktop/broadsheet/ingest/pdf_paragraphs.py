"""Printed lines joined into paragraphs, as a reader takes them.

A new paragraph starts where the spacing opens, the type size changes, a line is indented, a list
item starts, or the line before ended short with room left for the next line's first word (the
writer broke the line on purpose). Across columns and pages a paragraph goes on when its last line
ends mid-sentence and the next starts in lower case.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from .pdf_hyphens import Hyphens
from .pdf_layout import Line

TERMINAL = tuple('.!?:;"”’)]…')
_LEADER_ENTRY = re.compile(r"(?:\.\s?){4,}\s*\S{1,8}$")  # "Preface . . . . . xi": a contents line
_LIST_MARK = re.compile(r"^(?:[•●▪■◦○∙·\-–—*]|\(?\d{1,3}[.)]|\(?[a-z][.)]|\([ivx]+\))(?:\s|$)")


@dataclass
class Paragraph:
    lines: list[Line] = field(default_factory=list)
    text: str = ""

    @property
    def size(self) -> float:
        return statistics.median(ln.size for ln in self.lines) if self.lines else 0.0


def paragraphs(block: list[Line], hyphens: Hyphens) -> list[Paragraph]:
    """One column block's lines as paragraphs (the text joined, hyphens settled)."""
    if not block:
        return []
    left = min(ln.x0 for ln in block)
    right = max(ln.x1 for ln in block)
    steps = [a.y0 - b.y0 for a, b in zip(block, block[1:], strict=False) if a.y0 > b.y0]
    step = statistics.median(steps) if steps else 0.0
    out: list[Paragraph] = [Paragraph([block[0]])]
    for a, b in zip(block, block[1:], strict=False):
        if _breaks(a, b, left, right, step):
            out.append(Paragraph([b]))
        else:
            out[-1].lines.append(b)
    for p in out:
        p.text = join_lines([ln.text for ln in p.lines], hyphens)
    return out


def _breaks(a: Line, b: Line, left: float, right: float, step: float) -> bool:
    size = max(a.size, b.size)
    if abs(a.size - b.size) > 0.12 * size:
        return True
    if _LIST_MARK.match(b.text) or _LEADER_ENTRY.search(a.text):
        return True
    leading = a.y0 - b.y0
    if leading <= 0 or leading > 2.2 * size:
        return True  # a line beside or above the last one, or a wide space between
    if step and leading > 1.3 * step and leading - step > 0.25 * size:
        return True
    rtl = a.rtl
    indent = right - b.x1 if rtl else b.x0 - left
    a_indent = right - a.x1 if rtl else a.x0 - left
    far_end = b.x0 < left + 4 * size if rtl else b.x1 > right - 4 * size
    if indent > 1.2 * size and a_indent < 0.5 * size and far_end:
        return True  # the first line of a paragraph set in
    room = a.x0 - left if rtl else right - a.x1
    first = b.text.split(" ", 1)[0]
    width = (b.x1 - b.x0) / max(len(b.text), 1) * (len(first) + 1)
    if room > width + size and (b.text[:1].isupper() or a.text.endswith(TERMINAL)):
        return True  # the next line's first word would have fitted
    return False


def join_lines(lines: list[str], hyphens: Hyphens) -> str:
    text = ""
    for ln in lines:
        ln = ln.strip()
        if not ln:
            continue
        text = join_two(text, ln, hyphens) if text else ln
    return text


def join_two(a: str, b: str, hyphens: Hyphens) -> str:
    """Two stretches of text across a line break: a space, or a word whose hyphen was the break."""
    m = re.search(r"(\w+)[-\u2010]$", a)
    if m and not m.group(1).isdigit():
        n = re.match(r"[^\W\d_]+", b)
        if n and b[:1].islower():
            if hyphens.join(m.group(1), n.group(0)):
                return a[:-1] + b
            return a + b
    return a + " " + b


def continues(a: Paragraph, b: Paragraph) -> bool:
    """Whether ``b`` (at the top of the next column or page) goes on with ``a``."""
    if not a.text or not b.text:
        return False
    if a.text.endswith(TERMINAL) or not b.text[:1].islower():
        return False
    return abs(a.size - b.size) <= 0.12 * max(a.size, b.size)
