"""The text of a Word body as a reader sees it: blocks (paragraphs, table rows) in reading order.

What the page shows, not what the file holds:

- tracked changes read as accepted: insertions and moves' destinations in, deletions and moves'
  sources out (a paragraph whose mark was deleted runs on into the next one);
- content controls (``w:sdt``) read through to their content, never their placeholder settings;
- text boxes read where they are anchored, once: of ``mc:AlternateContent`` only the first
  choice (DrawingML), never the VML fallback that repeats it;
- fields show their result, not their code (``instrText``); hidden text (``w:vanish``) is out;
- list and heading numbers are made as Word makes them; footnote references are noted so that
  the notes can follow the body in the order they are cited.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .word_math import equation
from .word_numbering import Numbering
from .word_styles import Styles, numbering_of
from .word_xml import Element, attr, child, key, on

# Inside these the walkers never look: properties (which hold marks of tracked changes and
# placeholder text), deleted text, and field codes.
_SKIP = frozenset(
    {
        "w:pPr", "w:rPr", "w:tblPr", "w:trPr", "w:tcPr", "w:sectPr", "w:sdtPr", "w:sdtEndPr",
        "w:del", "w:moveFrom", "w:delText", "w:delInstrText", "w:instrText", "w:tblGrid",
        "w:customXmlPr", "w:smartTagPr", "w:rubyPr", "w:bookmarkStart", "w:bookmarkEnd",
        "w:commentReference", "w:annotationRef", "w:altChunk", "m:oMathParaPr", "m:rPr",
        "m:ctrlPr", "w:fldData", "w:separator", "w:continuationSeparator",
    }
)  # fmt: skip
# Elements that only wrap others of the same level: read what is inside.
_WRAPPERS = frozenset(
    {"w:sdt", "w:sdtContent", "w:customXml", "w:ins", "w:moveTo", "w:smartTag", "w:dir", "w:bdo"}
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class Block:
    text: str
    label: str = ""  # the list or heading number shown before the text
    kind: str = ""  # "title", "heading" or ""

    @property
    def shown(self) -> str:
        return f"{self.label} {self.text}" if self.label else self.text


class BodyReader:
    def __init__(
        self,
        styles: Styles,
        numbering: Numbering,
        charts: Callable[[str], list[Block]] | None = None,
    ) -> None:
        self.styles = styles
        self.numbering = numbering
        self.charts = charts  # a chart's blocks from its relationship id
        self.notes: list[tuple[str, str]] = []  # ("footnote" | "endnote", id) as cited
        self._carry = ""  # text of a paragraph whose mark was deleted: it joins the next one

    def blocks(self, container: Element) -> list[Block]:
        """The blocks of a body, a table cell, a text box or a note, without empty ones."""
        out: list[Block] = []
        self._blocks(container, out)
        if self._carry:  # the last paragraph's mark deleted: nothing to join, keep the text
            out.append(Block(self._carry))
            self._carry = ""
        return out

    def _blocks(self, container: Element, out: list[Block]) -> None:
        for el in container:
            k = key(el)
            if k == "w:p":
                self._paragraph(el, out)
            elif k == "w:tbl":
                self._table(el, out)
            elif k in _WRAPPERS and not _placeholder(el):
                self._blocks(el, out)
            elif k == "mc:AlternateContent":
                if (branch := _branch(el)) is not None:
                    self._blocks(branch, out)

    def _paragraph(self, p: Element, out: list[Block]) -> None:
        parts: list[str] = []
        boxes: list[Block] = []  # text boxes anchored here, read after the paragraph's text
        self._inline(p, parts, boxes, [])
        text = self._carry + "".join(parts)
        self._carry = ""
        ppr = child(p, "w:pPr")
        style_el = child(ppr, "w:pStyle") if ppr is not None else None
        style_id = attr(style_el, "val") if style_el is not None else None
        if ppr is not None and _mark_deleted(ppr):
            self._carry = text
            out.extend(boxes)
            return
        label = self._label(ppr, style_id)
        text = _clean(text)
        if text:
            kind = self.styles.kind(style_id)
            if not kind and ppr is not None and (lvl := child(ppr, "w:outlineLvl")) is not None:
                kind = "heading" if attr(lvl, "val") in tuple("012345678") else ""
            out.append(Block(text, label, kind))
        out.extend(boxes)

    def _label(self, ppr: Element | None, style_id: str | None) -> str:
        num_id, ilvl = numbering_of(ppr) if ppr is not None else (None, None)
        if num_id is None:
            num_id, style_lvl = self.styles.numbering(style_id)
            if num_id is None:
                return ""
            if ilvl is None:
                ilvl = style_lvl
            if ilvl is None:
                ilvl = self.numbering.level_of_style(num_id, style_id)
        return self.numbering.label(num_id, ilvl or 0)

    def _inline(
        self, el: Element, parts: list[str], boxes: list[Block], fields: list[bool]
    ) -> None:
        """Text of runs under ``el``. ``fields``: one entry per open field, True once its
        result has begun (before that the runs are its code)."""
        for c in el:
            k = key(c)
            if k in _SKIP or _placeholder(c):
                continue
            if k == "w:r":
                rpr = child(c, "w:rPr")
                if rpr is not None and on(child(rpr, "w:vanish")):
                    continue
                self._inline(c, parts, boxes, fields)
                continue
            if k == "w:fldChar":
                kind = attr(c, "fldCharType")
                if kind == "begin":
                    fields.append(False)
                elif kind == "separate" and fields:
                    fields[-1] = True
                elif kind == "end" and fields:
                    fields.pop()
                continue
            if fields and not all(fields):
                continue  # a field's code, or a field nested in one
            if k == "w:t":
                parts.append(c.text or "")
            elif k in ("w:tab", "w:ptab"):
                parts.append("\t")
            elif k in ("w:br", "w:cr"):
                parts.append("\n")
            elif k == "w:noBreakHyphen":
                parts.append("-")
            elif k == "w:sym":
                parts.append(_symbol(attr(c, "char")))
            elif k in ("w:footnoteReference", "w:endnoteReference"):
                self.notes.append((k[2:-9], attr(c, "id") or ""))
            elif k == "w:txbxContent":
                boxes.extend(self._box(c))
            elif k == "c:chart" and self.charts is not None:
                boxes.extend(self.charts(attr(c, "id") or ""))
            elif k == "mc:AlternateContent":
                if (branch := _branch(c)) is not None:
                    self._inline(branch, parts, boxes, fields)
            elif k == "m:oMathPara":  # equations on lines of their own
                parts.append(" " + " ".join(equation(m) for m in c if key(m) == "m:oMath") + " ")
            elif k == "m:oMath":
                parts.append(equation(c))
            else:  # runs' wrappers: hyperlinks, insertions, inline controls, drawings, math
                self._inline(c, parts, boxes, fields)

    def _box(self, content: Element) -> list[Block]:
        carry, self._carry = self._carry, ""  # a text box is not part of the paragraph around
        blocks = self.blocks(content)
        self._carry = carry
        return blocks

    def _table(self, tbl: Element, out: list[Block]) -> None:
        for tr in _children(tbl, "w:tr"):
            trpr = child(tr, "w:trPr")
            if trpr is not None and (
                child(trpr, "w:del") is not None or child(trpr, "w:moveFrom") is not None
            ):
                continue  # a deleted row
            cells = [self._cell(tc) for tc in _children(tr, "w:tc") if not _merged_on(tc)]
            cells = [c for c in cells if c]
            # A row of one-line cells reads as one line; richer cells (several paragraphs, a
            # table inside) read cell after cell.
            if len(cells) > 1 and all(len(c) == 1 and "\n" not in c[0].shown for c in cells):
                out.append(Block(" | ".join(c[0].shown for c in cells)))
            else:
                for c in cells:
                    out.extend(c)

    def _cell(self, tc: Element) -> list[Block]:
        carry, self._carry = self._carry, ""
        blocks = self.blocks(tc)
        self._carry = carry
        return blocks


def _children(el: Element, name: str) -> list[Element]:
    """Children named ``name``, also those inside content controls and custom XML."""
    found = []
    for c in el:
        k = key(c)
        if k == name:
            found.append(c)
        elif k in _WRAPPERS and not _placeholder(c):
            found.extend(_children(c, name))
        elif k == "mc:AlternateContent" and (branch := _branch(c)) is not None:
            found.extend(_children(branch, name))
    return found


def _placeholder(el: Element) -> bool:
    """A content control still showing its prompt ("Click or tap here to enter text."): the
    grey words are Word's, not the author's."""
    if key(el) != "w:sdt":
        return False
    pr = child(el, "w:sdtPr")
    return pr is not None and on(child(pr, "w:showingPlcHdr"))


def _branch(alternate: Element) -> Element | None:
    """The one branch of ``mc:AlternateContent`` to read: the first choice, which Word wrote
    for itself; the fallback only when there is no choice."""
    choice = child(alternate, "mc:Choice")
    return choice if choice is not None else child(alternate, "mc:Fallback")


def _merged_on(tc: Element) -> bool:
    """The cell continues a merge from above or the left: its text is the first cell's."""
    tcpr = child(tc, "w:tcPr")
    if tcpr is None:
        return False
    for name in ("w:vMerge", "w:hMerge"):
        m = child(tcpr, name)
        if m is not None and (attr(m, "val") or "continue") == "continue":
            return True
    return False


def _mark_deleted(ppr: Element) -> bool:
    rpr = child(ppr, "w:rPr")
    return rpr is not None and (
        child(rpr, "w:del") is not None or child(rpr, "w:moveFrom") is not None
    )


def _symbol(code: str | None) -> str:
    """A ``w:sym`` character; Symbol and Wingdings glyphs (private use, F0xx) are no letters a
    reader could use, so they are left out."""
    try:
        ch = chr(int(code or "", 16))
    except ValueError:
        return ""
    return "" if "\ue000" <= ch <= "\uf8ff" else ch


def _clean(text: str) -> str:
    text = _CONTROL.sub("", text)
    return "\n".join(line.strip() for line in text.strip().split("\n"))
