"""The reader's corrections to a document's facts, and applying them to any analysis of it.

A correction names entities by *anchors* (the character offsets of their mentions when the
correction was made), not by ids: ids change when the document is analysed again by a newer
pipeline, the words in the text do not. Applying finds, for each anchor, the entity now holding
most of those mentions, so corrections survive re-analysis.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from .facts import ENTITY_KINDS, Entity, Facts, Mention


@dataclass
class Correction:
    action: str
    payload: dict[str, Any] = field(default_factory=dict)
    id: int | None = None  # the library's row id once stored

    def describe(self) -> str:
        p = self.payload
        return {
            "rename": f"Rename to “{p.get('name', '')}”",
            "kind": f"Make a {p.get('kind', '')}",
            "hide": "Not an entity",
            "merge": "Merge entities",
            "split": "Split off a mention",
        }.get(self.action, self.action)


def anchor(entity: Entity) -> list[list[int]]:
    return [[m.start, m.end] for m in entity.mentions]


def rename(entity: Entity, name: str) -> Correction:
    return Correction("rename", {"anchor": anchor(entity), "name": name.strip()})


def change_kind(entity: Entity, kind: str) -> Correction:
    if kind not in ENTITY_KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    return Correction("kind", {"anchor": anchor(entity), "kind": kind})


def hide(entity: Entity) -> Correction:
    return Correction("hide", {"anchor": anchor(entity)})


def merge(into: Entity, other: Entity) -> Correction:
    return Correction("merge", {"anchor": anchor(into), "other": anchor(other)})


def split(entity: Entity, mention: Mention) -> Correction:
    return Correction("split", {"anchor": anchor(entity), "mention": [mention.start, mention.end]})


def _find(facts: Facts, spans: list[list[int]]) -> Entity | None:
    """The entity holding most of the anchor's mentions (overlap counts, for shifted spans)."""
    best, score = None, 0
    for e in facts.entities:
        n = sum(
            1 for s, t in spans for m in e.mentions if m.start < t and s < m.end
        )
        if n > score:
            best, score = e, n
    return best


def _next_id(facts: Facts) -> str:
    nums = [int(e.id[1:]) for e in facts.entities if e.id[1:].isdigit()]
    return f"e{max(nums, default=0) + 1}"


def apply(facts: Facts, corrections: list[Correction]) -> Facts:
    """The facts with the corrections applied in order; the input is never changed. Corrections
    that no longer fit are skipped (the text they named is gone), never an error."""
    if not corrections:
        return facts  # nothing to change: no copy (reopening a document stays quick)
    out = copy.deepcopy(facts)
    for c in corrections:
        p = c.payload
        target = _find(out, p.get("anchor", []))
        if target is None:
            continue
        if c.action == "rename" and p.get("name"):
            if target.name not in target.aliases and target.name != p["name"]:
                target.aliases.append(target.name)
            target.name = p["name"]
        elif c.action == "kind" and p.get("kind") in ENTITY_KINDS:
            target.kind = p["kind"]
        elif c.action == "hide":
            out.entities.remove(target)
            for cl in out.claims:
                if cl.source and cl.source.entity == target.id:
                    cl.source.entity = None
        elif c.action == "merge":
            other = _find(out, p.get("other", []))
            if other is None or other is target:
                continue
            target.mentions = sorted(target.mentions + other.mentions, key=lambda m: m.start)
            for alias in [other.name, *other.aliases]:
                if alias != target.name and alias not in target.aliases:
                    target.aliases.append(alias)
            target.roles += [r for r in other.roles if r not in target.roles]
            target.salience += other.salience
            out.entities.remove(other)
            for cl in out.claims:
                if cl.source and cl.source.entity == other.id:
                    cl.source.entity = target.id
        elif c.action == "split":
            s, t = p.get("mention", [0, 0])
            moved = [m for m in target.mentions if m.start < t and s < m.end]
            if not moved or len(moved) == len(target.mentions):
                continue
            target.mentions = [m for m in target.mentions if m not in moved]
            new = Entity(
                id=_next_id(out),
                kind=target.kind,
                name=moved[0].text,
                salience=target.salience * len(moved) / (len(moved) + len(target.mentions)),
                mentions=moved,
            )
            out.entities.append(new)
            for cl in out.claims:
                if (cl.source and cl.source.entity == target.id
                        and any(m.start < cl.source.end and cl.source.start < m.end
                                for m in moved)):
                    cl.source.entity = new.id
    return out
