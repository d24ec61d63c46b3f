"""Equations (Office Math, ``m:oMath``) as one line of text a reader can follow.

The runs of an equation alone run together: "x=-b±b2-4ac2a" for the quadratic formula. Its
structure (fractions, scripts, radicals, brackets) is written out in the linear form people
type ("x=(-b±√(b^2-4ac))/(2a)").
"""

from __future__ import annotations

from .word_xml import Element, attr, child, key

_NOT_TEXT = frozenset({"w:del", "w:moveFrom", "w:rPr", "m:rPr", "m:ctrlPr"})


def equation(el: Element) -> str:
    """An ``m:oMath``'s text on one line."""
    return " ".join(math_text(el).split())


def math_text(el: Element) -> str:
    k = key(el)
    if k in _NOT_TEXT or k.endswith("Pr"):  # properties: m:fPr, m:dPr, ... hold no text
        return ""
    if k == "m:t":
        return el.text or ""
    if k == "m:f":
        return f"{_group(_arg(el, 'm:num'))}/{_group(_arg(el, 'm:den'))}"
    if k == "m:sSup":
        return f"{_group(_arg(el, 'm:e'))}^{_group(_arg(el, 'm:sup'))}"
    if k == "m:sSub":
        return f"{_group(_arg(el, 'm:e'))}_{_group(_arg(el, 'm:sub'))}"
    if k == "m:sSubSup":
        sub, sup = _group(_arg(el, "m:sub")), _group(_arg(el, "m:sup"))
        return f"{_group(_arg(el, 'm:e'))}_{sub}^{sup}"
    if k == "m:sPre":
        return f"_{_group(_arg(el, 'm:sub'))}^{_group(_arg(el, 'm:sup'))}{_arg(el, 'm:e')}"
    if k == "m:rad":
        degree = _arg(el, "m:deg")
        return f"{degree}√{_bracket(_arg(el, 'm:e'))}"
    if k == "m:d":
        return _delimited(el)
    if k == "m:nary":
        sign = _prop(el, "m:naryPr", "m:chr", "∫")
        sub, sup = _arg(el, "m:sub"), _arg(el, "m:sup")
        limits = (f"_{_group(sub)}" if sub else "") + (f"^{_group(sup)}" if sup else "")
        return f"{sign}{limits} {_arg(el, 'm:e')}"
    if k == "m:func":
        # spaced off what comes before: "a_n cos(x)", not "a_ncos(x)"
        return f" {_arg(el, 'm:fName')}{_bracket(_arg(el, 'm:e'))}"
    if k == "m:limLow":
        return f"{_arg(el, 'm:e')}_{_group(_arg(el, 'm:lim'))}"
    if k == "m:limUpp":
        return f"{_arg(el, 'm:e')}^{_group(_arg(el, 'm:lim'))}"
    if k == "m:acc":
        return _arg(el, "m:e") + _prop(el, "m:accPr", "m:chr", "\u0302")
    if k == "m:eqArr":
        return "; ".join(math_text(e) for e in el if key(e) == "m:e")
    if k == "m:m":  # a matrix: rows of cells
        rows = [" ".join(math_text(e) for e in r if key(e) == "m:e") for r in el]
        return "[" + "; ".join(r for r in rows if r) + "]"
    return "".join(math_text(c) for c in el)


def _arg(el: Element, name: str) -> str:
    part = child(el, name)
    return math_text(part) if part is not None else ""


def _prop(el: Element, props: str, name: str, default: str) -> str:
    pr = child(el, props)
    found = child(pr, name) if pr is not None else None
    value = attr(found, "val") if found is not None else None
    return default if value is None else value


def _delimited(el: Element) -> str:
    pr = child(el, "m:dPr")
    begin, end, sep = "(", ")", "|"
    if pr is not None:
        for c in pr:
            value = attr(c, "val")
            if value is None:
                continue
            if key(c) == "m:begChr":
                begin = value
            elif key(c) == "m:endChr":
                end = value
            elif key(c) == "m:sepChr":
                sep = value
    return begin + sep.join(math_text(e) for e in el if key(e) == "m:e") + end


def _group(s: str) -> str:
    """``s`` as one operand: bracketed unless it is one symbol or already bracketed."""
    return s if len(s) <= 1 or s.isalnum() or _bracketed(s) else f"({s})"


def _bracket(s: str) -> str:
    return s if _bracketed(s) else f"({s})"


def _bracketed(s: str) -> bool:
    if not (s.startswith("(") and s.endswith(")")):
        return False
    depth = 0
    for i, ch in enumerate(s):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth == 0 and i < len(s) - 1:
            return False  # "(a)+(b)": two groups, not one
    return True
