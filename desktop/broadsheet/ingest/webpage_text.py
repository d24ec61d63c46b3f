"""The body's text as the reader sees it: a paragraph per block, the headline not repeated.

trafilatura writes a line per block; the article view separates paragraphs by a blank line
(as the other readers do), keeping a list's items and a table's rows together.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from .webpage_tree import BLOCKS, HtmlElement

_ITEM = re.compile(r"^(?:[-*•]\s|\|)")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def paragraphs(text: str) -> list[str]:
    """Blocks of the text: each line alone, but consecutive list items or table rows together."""
    out: list[str] = []
    lines = [" ".join(ln.split()) for ln in text.replace("\r\n", "\n").split("\n")]
    for line in lines:
        if not line:
            continue
        if out and _ITEM.match(line) and _ITEM.match(out[-1].rsplit("\n", 1)[-1]):
            out[-1] += "\n" + line
        else:
            out.append(line)
    return out


def doc_paragraphs(body: Any) -> list[str]:
    """Paragraphs from trafilatura's body tree: a block each, the markup's line breaks and
    indentation gone (a ``<br>`` stays a line break), a list's items and a table's rows
    together, a line each; a table used for layout (its cells hold paragraphs) is read as the
    paragraphs it holds."""
    out: list[str] = []
    if body is not None:
        _emit(body, out)
    return out


def _emit(container: Any, out: list[str]) -> None:
    def add(text: str | None) -> None:
        """A block made by ``_flat`` (or a list, a table), whose line breaks are meant."""
        if text and text.strip():
            out.append(text)

    def add_loose(text: str | None) -> None:
        """Text between blocks: its line breaks and indentation are the markup's."""
        if text and text.strip():
            out.append(" ".join(text.split()))

    add_loose(container.text)
    for el in container:
        if el.tag == "list":
            items = (_flat(i, skip="list") for i in el.iter("item"))
            add("\n".join("- " + t for t in items if t))
        elif el.tag == "table" and any(c.tag in _BLOCKISH for c in el.iter()):
            for cell in el.iter("cell"):
                _emit(cell, out)
        elif el.tag == "table":
            rows = ([_flat(c) for c in r.iter("cell")] for r in el.iter("row"))
            add("\n".join("| " + " | ".join(cells) + " |" for cells in rows if any(cells)))
        elif el.tag != "lb":
            add(_flat(el))
        add_loose(el.tail)


_BLOCKISH = frozenset(("p", "head", "list", "quote", "code"))


def _flat(el: Any, skip: str = "") -> str:
    """An element's text on one line per ``<lb/>``; a ``skip`` child (a nested list) left out."""
    pieces: list[str] = []

    def walk(e: Any) -> None:
        if e.text:
            pieces.append(e.text)
        for child in e:
            if child.tag == "lb":
                pieces.append("\n")
            elif child.tag != skip:
                walk(child)
            if child.tail:
                pieces.append(child.tail)

    walk(el)
    lines = (" ".join(ln.split()) for ln in "".join(pieces).split("\n"))
    return "\n".join(ln for ln in lines if ln)


def key(text: str) -> str:
    """A paragraph's text for comparison: case, quotes, dashes and spacing aside."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.translate(_QUOTES).casefold()).split())


def drop_headline(paras: list[str], headlines: list[str]) -> list[str]:
    """The paragraphs without leading ones that repeat the headline (in any of its forms: the
    page's title, its Open Graph or JSON-LD headline, its first heading)."""
    keys = {key(h) for h in headlines if key(h)}
    # "Headline | Site" and "Headline - Site": the headline is the part before the separator
    for h in headlines:
        for part in re.split(r"\s[|\-–—:·•]\s", h):
            if len(key(part).split()) >= 3:
                keys.add(key(part))
    out = list(paras)
    for _ in range(2):  # a kicker or a date may come first, and then the headline
        if out and key(out[0]) in keys:
            out.pop(0)
        elif len(out) > 1 and key(out[1]) in keys and len(key(out[0]).split()) <= 4:
            out.pop(1)
    return out


def restore_repeats(paras: list[str], tree: HtmlElement) -> list[str]:
    """Paragraphs the page repeats side by side, as many times as it does: trafilatura keeps
    one copy of a repeated substantial paragraph, as it takes repeats for layout artefacts."""
    counts: Counter[str] = Counter()
    parents: dict[str, set[int]] = {}
    wanted = {key(p) for p in paras if len(p.split()) >= 20}
    if not wanted:
        return paras
    for el in tree.iter(*BLOCKS):
        if any(isinstance(c.tag, str) and c.tag in BLOCKS for c in el):
            continue  # only the innermost blocks: a paragraph, not what holds it
        k = key(el.text_content())
        if k in wanted:
            counts[k] += 1
            parent = el.getparent()
            parents.setdefault(k, set()).add(id(parent))
    have = Counter(key(p) for p in paras)
    out: list[str] = []
    for p in paras:
        out.append(p)
        k = key(p)
        if counts[k] > have[k] and len(parents.get(k, ())) == 1:
            out.extend([p] * (counts[k] - have[k]))
            have[k] = counts[k]
    return out
