"""The reader's corrections to a document's facts, and applying them to any analysis of it.

A correction names entities by *anchors* (the character offsets of their mentions when the
correction was made), not by ids: ids change when the document is analysed again by a newer
pipeline, the words in the text do not. Applying finds, for each anchor, the entity now holding
most of those mentions, so corrections survive re-analysis.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace

from .facts import ENTITY_KINDS, Correction, Entity, Facts, Mention


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
    # Every mention by its start, so each span looks only near itself: a long document has
    # thousands of entities, and an anchor may name hundreds of mentions.
    index = sorted((m.start, m.end, i) for i, e in enumerate(facts.entities) for m in e.mentions)
    starts = [start for start, _, _ in index]
    longest = max((end - start for start, end, _ in index), default=0)
    votes: dict[int, int] = {}
    for s, t in spans:
        j = bisect_left(starts, t)  # mentions from here on start at or after the span's end
        k = bisect_left(starts, s - longest)  # ...and those before this one end before it
        for _start, end, i in index[k:j]:
            if s < end:
                votes[i] = votes.get(i, 0) + 1
    if not votes:
        return None
    # Most votes; on a tie the entity listed first, as a scan in order would have chosen.
    best = min(votes, key=lambda i: (-votes[i], i))
    return facts.entities[best]


def _next_id(facts: Facts) -> str:
    nums = [int(e.id[1:]) for e in facts.entities if e.id[1:].isdigit()]
    return f"e{max(nums, default=0) + 1}"


def _copy(facts: Facts) -> Facts:
    """A copy that ``apply`` may change: new entities (with their own lists) and claim sources.
    Mentions and other spans are never changed, so they are shared (a deep copy of a long
    document's facts took most of a second)."""
    return replace(
        facts,
        entities=[
            replace(e, aliases=list(e.aliases), roles=list(e.roles), mentions=list(e.mentions))
            for e in facts.entities
        ],
        claims=[
            replace(c, source=replace(c.source)) if c.source is not None else c
            for c in facts.claims
        ],
        meta=dict(facts.meta),
        warnings=list(facts.warnings),
    )


def apply(facts: Facts, corrections: list[Correction]) -> Facts:
    """The facts with the corrections applied in order; the input is never changed. Corrections
    that no longer fit are skipped (the text they named is gone), never an error."""
    if not corrections:
        return facts  # nothing to change: no copy (reopening a document stays quick)
    out = _copy(facts)
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
                if (
                    cl.source
                    and cl.source.entity == target.id
                    and any(m.start < cl.source.end and cl.source.start < m.end for m in moved)
                ):
                    cl.source.entity = new.id
    return out
