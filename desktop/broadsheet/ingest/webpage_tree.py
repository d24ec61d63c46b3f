"""A saved page parsed once, and made to read as a browser shows it.

The page is parsed a single time (trafilatura's loader: it guesses the encoding and repairs
common breakage); every later pass works on this tree or a copy of it. Before extraction the
tree loses what a browser would not show (elements marked hidden), and elements that the page's
style sets side by side get a space between them, or their words run together.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement  # type: ignore[import-untyped]

# Elements a browser lays out as blocks (or table cells and list items): their text never
# joins the text of a neighbour, whatever the markup's whitespace.
BLOCKS = frozenset(
    "address article aside blockquote dd details dialog div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol p pre section summary table "
    "tbody td tfoot th thead tr ul caption".split()
)
_HIDDEN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)", re.I)
# A lower-case letter (or digit, or closing punctuation) followed by a capital: two names run
# together ("NoemKristi"), which inline-block labels produce when the markup has no space.
_GLUED = re.compile(r"[a-z0-9.,;:!?)\]”’]$")
_LANG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


def load(data: bytes) -> HtmlElement | None:
    """The page's tree, or None when it holds no HTML at all."""
    from trafilatura.utils import load_html

    tree = load_html(data)
    return tree if isinstance(tree, HtmlElement) else None


def page_language(tree: HtmlElement) -> str:
    """The ISO 639-1 code the page declares (``<html lang="en-GB">`` is "en"), or ""."""
    root = tree.getroottree().getroot()
    lang = (root.get("lang") or root.get("xml:lang") or "").strip()
    if not lang:
        for meta in root.iterfind(".//meta[@http-equiv]"):
            if (meta.get("http-equiv") or "").lower() == "content-language":
                lang = (meta.get("content") or "").split(",")[0].strip()
    if not _LANG.match(lang):
        return ""
    code = re.split(r"[-_]", lang)[0].lower()
    return code if len(code) == 2 else ""


def is_hidden(el: HtmlElement) -> bool:
    """Hidden from readers: the ``hidden`` attribute, ``aria-hidden="true"`` or an inline style
    that hides it. (Fallback images are marked aria-hidden but shown, so they stay.)"""
    if el.get("hidden") is not None:
        return True
    if (el.get("aria-hidden") or "").strip().lower() == "true":
        return "fallback-image" not in (el.get("class") or "")
    style = el.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def prepare(tree: HtmlElement) -> None:
    """Drop hidden elements and space out glued neighbours, in place."""
    body = tree.find(".//body")
    scope = body if body is not None else tree
    hidden = [el for el in scope.iter() if isinstance(el, HtmlElement) and is_hidden(el)]
    for el in hidden:
        if el.getparent() is not None:
            el.drop_tree()  # keeps the tail: the text after a hidden element is not hidden
    for el in scope.iter():
        if isinstance(el, HtmlElement):
            _space_children(el)


def _space_children(parent: HtmlElement) -> None:
    children = [c for c in parent if isinstance(c, HtmlElement)]
    for left, right in zip(children, children[1:], strict=False):
        if left.tail and left.tail.strip():
            continue  # text between them: the markup decides
        if left.tail and left.tail != left.tail.lstrip():
            continue  # already spaced
        if left.tag in BLOCKS or right.tag in BLOCKS or _glued(left, right):
            left.tail = " " + (left.tail or "")


def _glued(left: HtmlElement, right: HtmlElement) -> bool:
    a = left.text_content()
    b = right.text_content()
    if not a or not b or a[-1].isspace() or b[0].isspace():
        return False
    return bool(_GLUED.search(a)) and b[0].isupper() and (" " in a.strip() or " " in b.strip())
