"""Counts in words: "1 mention", "2 mentions", "1 person", "3 people"."""

from __future__ import annotations

# The plurals that are not the word and an "s".
IRREGULAR = {"person": "people", "entity": "entities", "body": "bodies"}


def counted(n: int, noun: str) -> str:
    """``n`` and the noun, singular for one (the noun is given in the singular)."""
    if n == 1:
        return f"1 {noun}"
    return f"{n:,} {IRREGULAR.get(noun, noun + 's')}"
