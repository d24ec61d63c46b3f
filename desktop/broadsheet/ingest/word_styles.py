"""Paragraph styles (word/styles.xml): which paragraphs are the title or headings, and the list
numbering a style brings (numbered headings are numbered through their style)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .word_xml import Element, attr, child, key

# Built-in styles keep their English names in the file whatever the language of Word
# ("heading 1", "Title"); a custom style based on one inherits what it is.
_HEADING = re.compile(r"heading\s*(\d)", re.I)


@dataclass
class Style:
    name: str = ""
    based_on: str | None = None
    num_id: str | None = None
    ilvl: int | None = None
    outline: int | None = None  # w:outlineLvl, 0 for a top heading; 9 is body text


class Styles:
    def __init__(self, root: Element | None) -> None:
        self.styles: dict[str, Style] = {}
        self.default = ""
        for el in root if root is not None else ():
            if key(el) != "w:style" or (attr(el, "type") or "paragraph") != "paragraph":
                continue
            sid = attr(el, "styleId") or ""
            s = Style()
            if (name := child(el, "w:name")) is not None:
                s.name = attr(name, "val") or ""
            if (based := child(el, "w:basedOn")) is not None:
                s.based_on = attr(based, "val")
            if (ppr := child(el, "w:pPr")) is not None:
                s.num_id, s.ilvl = numbering_of(ppr)
                if (lvl := child(ppr, "w:outlineLvl")) is not None:
                    s.outline = _int(attr(lvl, "val"))
            self.styles[sid] = s
            if (attr(el, "default") or "").lower() in ("1", "true", "on"):
                self.default = sid

    def _chain(self, style_id: str | None) -> list[Style]:
        chain: list[Style] = []
        sid = style_id or self.default
        while sid in self.styles and len(chain) < 20:  # basedOn loops in broken files
            chain.append(self.styles[sid])
            sid = self.styles[sid].based_on or ""
        return chain

    def kind(self, style_id: str | None) -> str:
        """``"title"``, ``"heading"`` or ``""``."""
        for s in self._chain(style_id):
            name = s.name.strip().lower()
            if name in ("title", "titel", "titre"):
                return "title"
            if _HEADING.fullmatch(name) or (s.outline is not None and s.outline < 9):
                return "heading"
        return ""

    def numbering(self, style_id: str | None) -> tuple[str | None, int | None]:
        for s in self._chain(style_id):
            if s.num_id is not None:
                return s.num_id, s.ilvl
        return None, None


def numbering_of(ppr: Element) -> tuple[str | None, int | None]:
    """(numId, ilvl) of a w:pPr's w:numPr, each None when absent."""
    numpr = child(ppr, "w:numPr")
    if numpr is None:
        return None, None
    num = child(numpr, "w:numId")
    lvl = child(numpr, "w:ilvl")
    return (
        attr(num, "val") if num is not None else None,
        _int(attr(lvl, "val")) if lvl is not None else None,
    )


def _int(s: str | None) -> int | None:
    try:
        return int(s) if s is not None else None
    except ValueError:
        return None
