"""Counts in words: "1 mention", "2 mentions", "1 person", "3 people"."""

from __future__ import annotations

# The plurals that are not the word and an "s".
IRREGULAR = {"person": "people", "entity": "entities", "body": "bodies"}


def counted(n: int, noun: str) -> str:
    """``n`` and the noun, singular for one (the noun is given in the singular)."""
    if n == 1:
        return f"1 {noun}"
    return f"{n:,} {IRREGULAR.get(noun, noun + 's')}"


def fact_counts(people: int, places: int, organisations: int, claims: int) -> list[str]:
    """ "8 people", "1 place", "5 organisations", "22 claims": a document's counts in words."""
    return [
        counted(people, "person"),
        counted(places, "place"),
        counted(organisations, "organisation"),
        counted(claims, "claim"),
    ]
