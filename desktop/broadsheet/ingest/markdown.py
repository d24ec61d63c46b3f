"""Markdown to the readable text it stands for, parsed as CommonMark (with tables).

No syntax is shown: headings, emphasis, links (their text), images (their alt text), quotes,
code fences and tables read as plain paragraphs, list items as bulleted or numbered lines, and
HTML comments, tags and scripts are dropped. Blocks are separated by one blank line; a
paragraph's wrapped lines are joined. The title is the first level-1 heading (``#`` or a
Setext ``===``), the first block if it is a heading, or a front matter's ``title``.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

BULLET = "• "
CELL_SEPARATOR = " | "

# Jekyll/Hugo front matter: "---" (YAML) or "+++" (TOML) lines around "key: value" lines.
_FRONT_MATTER = re.compile(r"\A(---|\+\+\+)[ \t]*\r?\n(.*?)\r?\n\1[ \t]*(?:\r?\n|\Z)", re.S)
_FRONT_KEY = re.compile(r"^[A-Za-z_][\w-]*\s*[:=]")
_FRONT_TITLE = re.compile(r"^title\s*[:=]\s*(.*?)\s*$", re.M | re.I)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_SCRIPT = re.compile(r"<(script|style|template)\b.*?(?:</\1\s*>|\Z)", re.S | re.I)
_TAG = re.compile(r"<[^>]*>")
_BREAK_TAG = re.compile(r"<br\s*/?>", re.I)
_SPACES = re.compile(r"[ \t]{2,}")
_DROPPED = "\x00"  # where an image without alt text or a tag was: no space left before "."
_DROPPED_BEFORE_PUNCTUATION = re.compile(r"[ \t]*\x00[ \t\x00]*(?=[.,;:!?)])")


@dataclass
class Rendered:
    text: str
    title: str | None  # None when the document names none


def render(source: str) -> Rendered:
    """The text a Markdown document shows and its title, if it has one."""
    title = None
    front = _FRONT_MATTER.match(source)
    if front and all(
        _FRONT_KEY.match(line) or line[:1] in (" ", "\t", "-") or not line.strip()
        for line in front.group(2).splitlines()
    ):
        found = _FRONT_TITLE.search(front.group(2))
        if found:
            title = found.group(1).strip("\"'").strip() or None
        source = source[front.end() :]
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    root = SyntaxTreeNode(md.parse(source))
    blocks: list[str] = []
    for node in root.children:
        blocks.extend(_blocks(node))
    if title is None:
        title = _heading_title(root)
    return Rendered("\n\n".join(b for b in blocks if b.strip()), title)


def _heading_title(root: SyntaxTreeNode) -> str | None:
    heading = next((n for n in root.children if n.type == "heading" and n.tag == "h1"), None)
    if heading is None and root.children and root.children[0].type == "heading":
        heading = root.children[0]
    if heading is None:
        return None
    return " ".join(_inline(heading).split()) or None


def _blocks(node: SyntaxTreeNode) -> list[str]:
    """The node's blocks of text, each one paragraph (or one list, one table)."""
    kind = node.type
    if kind in ("paragraph", "heading"):
        return [_inline(node)]
    if kind == "blockquote":
        return [b for child in node.children for b in _blocks(child)]
    if kind in ("bullet_list", "ordered_list"):
        return ["\n".join(_list_lines(node))]
    if kind in ("fence", "code_block"):
        return [node.content.rstrip("\n")]
    if kind == "html_block":
        return [_html_text(node.content)]
    if kind == "table":
        return ["\n".join(_table_rows(node))]
    return []  # hr, and anything without text


def _list_lines(node: SyntaxTreeNode) -> list[str]:
    lines: list[str] = []
    number = int(node.attrs.get("start", 1) or 1)
    for item in node.children:
        if node.type == "ordered_list":
            marker = f"{int(item.info) if item.info.isdigit() else number}. "
            number += 1
        else:
            marker = BULLET
        item_lines = [
            line for child in item.children for b in _blocks(child) for line in b.split("\n")
        ]
        item_lines = [line for line in item_lines if line.strip()] or [""]
        lines.append(marker + item_lines[0])
        lines.extend(" " * len(marker) + line for line in item_lines[1:])
    return lines


def _table_rows(node: SyntaxTreeNode) -> list[str]:
    rows: list[str] = []
    for section in node.children:  # thead, tbody
        for row in section.children:
            cells = [" ".join(_inline(cell).split()) for cell in row.children]
            if any(cells):
                rows.append(CELL_SEPARATOR.join(cells))
    return rows


def _inline(node: SyntaxTreeNode) -> str:
    """A paragraph's, heading's or cell's text: its lines joined, hard breaks kept."""
    parts: list[str] = []
    _collect(node, parts)
    joined = _DROPPED_BEFORE_PUNCTUATION.sub("", "".join(parts)).replace(_DROPPED, " ")
    lines = joined.split("\n")
    return "\n".join(_SPACES.sub(" ", line).strip() for line in lines).strip()


def _collect(node: SyntaxTreeNode, parts: list[str]) -> None:
    kind = node.type
    if kind in ("text", "text_special", "code_inline"):
        parts.append(node.content)
    elif kind == "softbreak":
        parts.append(" ")
    elif kind == "hardbreak":
        parts.append("\n")
    elif kind == "html_inline":
        parts.append("\n" if _BREAK_TAG.fullmatch(node.content.strip()) else _DROPPED)
    elif kind == "image" and not node.children:
        parts.append(_DROPPED)
    else:  # inline, strong, em, s, link, image (its alt text), cells
        for child in node.children:
            _collect(child, parts)


def _html_text(block: str) -> str:
    """An HTML block's words: comments, scripts and tags dropped, entities decoded."""
    block = _SCRIPT.sub("", _COMMENT.sub("", block))
    block = html.unescape(_TAG.sub(" ", _BREAK_TAG.sub("\n", block)))
    lines = (" ".join(line.split()) for line in block.split("\n"))
    return "\n".join(line for line in lines if line)
