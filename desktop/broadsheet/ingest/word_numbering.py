"""List and heading numbers (word/numbering.xml): the label Word shows before a paragraph
("2.", "1.3.", "b)", a bullet), counted through the document as Word counts them.

Word keeps no numbers in the text: they are made from counters, so a reader that leaves them
out loses "1.2" before a heading and the order of a numbered list.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .word_xml import Element, attr, child, key

BULLET = "•"  # what the Markdown reader shows too; Word's bullets are often Symbol-font glyphs


@dataclass
class Level:
    fmt: str = "decimal"
    text: str = ""
    start: int = 1
    legal: bool = False  # w:isLgl: every level shown in decimal ("1.1", not "I.a")
    style: str | None = None  # the paragraph style this level belongs to (numbered headings)


@dataclass
class Num:
    abstract: str
    starts: dict[int, int] = field(default_factory=dict)  # w:lvlOverride/w:startOverride
    levels: dict[int, Level] = field(default_factory=dict)  # w:lvlOverride/w:lvl


class Numbering:
    def __init__(self, root: Element | None) -> None:
        self.abstract: dict[str, dict[int, Level]] = {}
        self.nums: dict[str, Num] = {}
        self.counters: dict[str, list[int | None]] = {}
        for el in root if root is not None else ():
            k = key(el)
            if k == "w:abstractNum":
                self.abstract[attr(el, "abstractNumId") or ""] = _levels(el)
            elif k == "w:num":
                a = child(el, "w:abstractNumId")
                num = Num((attr(a, "val") or "") if a is not None else "")
                for o in el:
                    if key(o) != "w:lvlOverride":
                        continue
                    ilvl = _int(attr(o, "ilvl"), 0)
                    if (so := child(o, "w:startOverride")) is not None:
                        num.starts[ilvl] = _int(attr(so, "val"), 1)
                    if (lvl := child(o, "w:lvl")) is not None:
                        num.levels[ilvl] = _level(lvl)
                self.nums[attr(el, "numId") or ""] = num

    def level_of_style(self, num_id: str, style_id: str | None) -> int:
        """The level a numbered style sits at when the paragraph does not say (headings)."""
        num = self.nums.get(num_id)
        levels = self.abstract.get(num.abstract, {}) if num else {}
        return next((i for i, lv in levels.items() if style_id and lv.style == style_id), 0)

    def label(self, num_id: str, ilvl: int) -> str:
        """The label of the next paragraph of list ``num_id`` at level ``ilvl``, counted."""
        num = self.nums.get(num_id)
        if num is None or not 0 <= ilvl < 9:
            return ""  # numId 0, or one not defined: no numbering
        levels = {**self.abstract.get(num.abstract, {}), **num.levels}

        def lvl(i: int) -> Level:
            return levels.get(i) or Level()

        def start(i: int) -> int:
            return num.starts.get(i, lvl(i).start)

        # Lists of one abstract definition continue each other's counting (Word's behaviour)
        # unless one restarts it with a start override.
        counter_key = f"n{num_id}" if num.starts else f"a{num.abstract}"
        counts = self.counters.setdefault(counter_key, [None] * 9)
        current = counts[ilvl]
        counts[ilvl] = start(ilvl) if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = None
        this = lvl(ilvl)
        if this.fmt == "none":
            return ""
        if this.fmt == "bullet":
            return BULLET
        text = this.text
        for i in range(ilvl, -1, -1):
            value = counts[i] if counts[i] is not None else start(i)
            fmt = "decimal" if this.legal and i < ilvl else lvl(i).fmt
            text = text.replace(f"%{i + 1}", _format(value or 0, fmt))
        return text.strip()


def _levels(abstract: Element) -> dict[int, Level]:
    return {_int(attr(el, "ilvl"), 0): _level(el) for el in abstract if key(el) == "w:lvl"}


def _level(el: Element) -> Level:
    lv = Level()
    for c in el:
        k, val = key(c), attr(c, "val")
        if k == "w:numFmt" and val:
            lv.fmt = val
        elif k == "w:lvlText":
            lv.text = val or ""
        elif k == "w:start":
            lv.start = _int(val, 1)
        elif k == "w:isLgl":
            lv.legal = (val or "true").lower() not in ("0", "false", "off")
        elif k == "w:pStyle":
            lv.style = val
    return lv


def _format(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter") and n > 0:
        # a..z, then aa..zz: Word repeats the letter
        s = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman") and 0 < n < 4000:
        s = _roman(n)
        return s if fmt == "upperRoman" else s.lower()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "ordinal":
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix}"
    return str(n)  # decimal, and the many formats of other scripts shown in digits


def _roman(n: int) -> str:
    out = ""
    for value, letters in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        while n >= value:
            out, n = out + letters, n - value
    return out


def _int(s: str | None, default: int) -> int:
    try:
        return int(s) if s is not None else default
    except ValueError:
        return default
