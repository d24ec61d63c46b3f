"""What a document says about whom: the claims whose reported words name an entity, and who
made them; and the links between people and organisations those claims make.

A claim is *about* an entity when one of the entity's mentions (a name, a short name or a
pronoun the analysis tied to it) lies inside what the claim reports, its content. The source
naming itself ("Peskov said he would …") is about itself too. Pure functions of the facts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .facts import Claim, Entity, Facts

UNATTRIBUTED = "Unattributed"
# The kinds that act in the network: places are where, not who.
ACTORS = ("person", "organisation")


def _inside(claim: Claim, start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in claim.content.ranges)


def named_in(claim: Claim, facts: Facts) -> list[Entity]:
    """The entities one of whose mentions lies inside the claim's content, in salience order."""
    return [e for e in facts.entities if any(_inside(claim, m.start, m.end) for m in e.mentions)]


def claims_about(facts: Facts, entity_id: str) -> list[Claim]:
    """The claims whose content names the entity, in text order."""
    ent = facts.entity(entity_id)
    if ent is None:
        return []
    return [c for c in facts.claims if any(_inside(c, m.start, m.end) for m in ent.mentions)]


def source_name(claim: Claim, facts: Facts) -> str:
    """Who made the claim, as a panel lists it: the entity's name, else the words that name the
    source ("Analysts"), else "Unattributed"."""
    if claim.source is None:
        return UNATTRIBUTED
    ent = facts.entity(claim.source.entity) if claim.source.entity else None
    return ent.name if ent else " ".join(claim.source.text.split())


def cue_and_words(c: Claim) -> tuple[str, str]:
    """A claim's cue ("" for a colon that brought in a quotation) and its words, each on one
    line."""
    cue = c.cue.text if c.cue and any(ch.isalpha() for ch in c.cue.text) else ""
    return " ".join(cue.split()), " ".join(c.content.shown.split())


def claim_words(c: Claim) -> str:
    """A claim as one row: its cue, then its words ("confirmed: the train had crossed …")."""
    cue, words = cue_and_words(c)
    return f"{cue}: {words}" if cue else words


def by_source(claims: list[Claim], facts: Facts) -> list[tuple[str, list[Claim]]]:
    """The claims grouped by who made them, the most prolific first (then by name)."""
    groups: dict[str, list[Claim]] = {}
    for c in claims:
        groups.setdefault(source_name(c, facts), []).append(c)
    return sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0].lower()))


@dataclass
class Edge:
    """A link between two entities of one document: ``a`` said something about ``b``
    (``directed``), or both are named in the same claim. ``claims`` are the ids that make it."""

    a: str
    b: str
    directed: bool
    claims: list[str] = field(default_factory=list)


def edges(facts: Facts) -> list[Edge]:
    """The document's links between people and organisations: from a claim's source to each
    actor its content names (directed), and between actors its content names together."""
    actors = {e.id for e in facts.entities if e.kind in ACTORS}
    found: dict[tuple[str, str, bool], Edge] = {}

    def add(a: str, b: str, directed: bool, claim: Claim) -> None:
        if a == b:
            return
        if not directed and b < a:
            a, b = b, a
        edge = found.setdefault((a, b, directed), Edge(a, b, directed))
        if claim.id not in edge.claims:
            edge.claims.append(claim.id)

    for c in facts.claims:
        named = [e.id for e in named_in(c, facts) if e.id in actors]
        source = c.source.entity if c.source and c.source.entity in actors else None
        if source is not None:
            for b in named:
                add(source, b, True, c)
        together = sorted(set(named))  # the source's own link is the directed one
        for i, a in enumerate(together):
            for b in together[i + 1 :]:
                add(a, b, False, c)
    return list(found.values())
