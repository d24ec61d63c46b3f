"""The Word package's XML: parsed without entities or network, and its element names as short
keys (``"w:p"``) that are the same for Transitional and Strict Open XML.

Strict files name the same elements in other namespaces (``purl.oclc.org/ooxml/...``); mapping
both URIs to one prefix lets one walker read both.
"""

from __future__ import annotations

from typing import Any

from lxml import etree  # type: ignore[import-untyped]

# namespace URI -> the prefix the walkers use; Transitional and Strict URIs share a prefix
PREFIXES = {
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main": "w",
    "http://purl.oclc.org/ooxml/wordprocessingml/main": "w",
    "http://schemas.openxmlformats.org/officeDocument/2006/math": "m",
    "http://purl.oclc.org/ooxml/officeDocument/math": "m",
    "http://schemas.openxmlformats.org/markup-compatibility/2006": "mc",
    "http://schemas.openxmlformats.org/drawingml/2006/main": "a",
    "http://purl.oclc.org/ooxml/drawingml/main": "a",
    "http://schemas.openxmlformats.org/drawingml/2006/chart": "c",
    "http://purl.oclc.org/ooxml/drawingml/chart": "c",
    "http://schemas.openxmlformats.org/package/2006/relationships": "rel",
    "http://schemas.openxmlformats.org/package/2006/metadata/core-properties": "cp",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://purl.org/dc/terms/": "dcterms",
}

_keys: dict[str, str] = {}

# Element is lxml's _Element; lxml ships no types, so it stays Any.
Element = Any


def parse(data: bytes) -> Element:
    """The root element; lxml's XMLSyntaxError on a broken part."""
    parser = etree.XMLParser(
        resolve_entities=False,  # no entity expansion (billion laughs) and no external files
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    return etree.fromstring(data, parser)


def key(el: Element) -> str:
    """``"w:p"`` for a paragraph of either namespace; ``"?:name"`` for namespaces not read."""
    tag = el.tag
    if not isinstance(tag, str):  # comments and processing instructions left by a parser
        return ""
    k = _keys.get(tag)
    if k is None:
        uri, _, local = tag[1:].rpartition("}") if tag.startswith("{") else ("", "", tag)
        k = _keys[tag] = f"{PREFIXES.get(uri, '?')}:{local}"
    return k


def attr(el: Element, name: str) -> str | None:
    """The attribute ``name`` in any namespace (``w:val`` in Transitional or Strict)."""
    for k, v in el.attrib.items():
        if k == name or k.endswith("}" + name):
            return str(v)
    return None


def child(el: Element, name: str) -> Element | None:
    """The first child whose key is ``name``."""
    for c in el:
        if key(c) == name:
            return c
    return None


def on(el: Element | None) -> bool:
    """A toggle property (``<w:vanish/>``, ``w:val="false"``) is set."""
    if el is None:
        return False
    return (attr(el, "val") or "true").lower() not in ("0", "false", "off")
