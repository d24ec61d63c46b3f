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


class Cancelled(Exception):
    """Analysis was stopped through the cancel flag; nothing partial was returned."""

    def __init__(self) -> None:
        super().__init__("The analysis was cancelled.")


@dataclass(frozen=True)
class Chunk:
    start: int  # offset of ``text`` in the whole document
    text: str


_BOUNDARIES = (
    re.compile(r"\n[ \t]*\n"),  # paragraphs
    re.compile(r"\n"),  # lines
    re.compile(r"[.!?…][\"'”’)\]]*\s"),  # sentences
    re.compile(r"\s"),  # words
)


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
    for pattern in _BOUNDARIES:
        last = None
        for m in pattern.finditer(text, floor, hard):
            last = m
        if last is not None:
            return last.end()
    return hard
