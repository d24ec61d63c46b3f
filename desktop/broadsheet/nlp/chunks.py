"""Splitting long texts into pieces spaCy can analyse, and the progress/cancel vocabulary.

spaCy refuses texts over ``nlp.max_length`` characters (1,000,000 by default) and the parser
needs about 1 GB of memory per 100,000 characters; our components also slow down faster than
linearly with length. So a long document is cut into chunks of at most ``CHUNK_CHARS``, at the
best boundary available: a blank line, a line break, a sentence end, a space, in that order.

No spaCy here: the service layer imports ``Cancelled`` without loading the model.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

CHUNK_CHARS = 50_000

# (characters analysed so far, characters in all) — called from the analysing thread.
Progress = Callable[[int, int], None]


class CancelFlag(Protocol):
    """Anything with ``is_set()``, such as ``threading.Event``."""

    def is_set(self) -> bool: ...


@dataclass(frozen=True)
class Chunk:
    start: int  # offset of ``text`` in the whole document
    text: str


_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s")
_SPACE = re.compile(r"\s")


def split_text(text: str, limit: int = CHUNK_CHARS) -> list[Chunk]:
    """Chunks that cover ``text`` in order, each at most ``limit`` chars, trimmed of blank edges.

    Chunks that are only whitespace are left out (there is nothing to analyse in them), so the
    chunks' texts, placed at their offsets, give back every non-blank character of ``text``.
    """
    if limit < 2:
        raise ValueError("limit must be at least 2")
    out: list[Chunk] = []
    pos, n = 0, len(text)
    while pos < n:
        end = n if n - pos <= limit else _cut(text, pos, pos + limit)
        piece = text[pos:end]
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            out.append(Chunk(pos + lead, stripped))
        pos = end
    return out


def _cut(text: str, start: int, hard: int) -> int:
    """The end of a chunk starting at ``start``: the last good boundary before ``hard``."""
    floor = start + (hard - start) // 2  # never make a chunk less than half the limit
    # Searching backwards from the limit: a text of blank lines has a boundary at every char.
    i = text.rfind("\n", floor, hard)
    first_newline = i
    while i > floor:  # a blank line: "\n", spaces or tabs, "\n"
        j = i - 1
        while j > floor and text[j] in " \t":
            j -= 1
        if text[j] == "\n":
            return i + 1
        i = text.rfind("\n", floor, j + 1)
    if first_newline >= floor:
        return first_newline + 1
    for pattern in (_SENTENCE_END, _SPACE):
        last = None
        for m in pattern.finditer(text, floor, hard):
            last = m
        if last is not None:
            return last.end()
    return hard
