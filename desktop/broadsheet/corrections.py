"""The reader's corrections to a document's facts, and applying them to any analysis of it.

A correction names entities by *anchors* (the character offsets of their mentions when the
correction was made), not by ids: ids change when the document is analysed again by a newer
pipeline, the words in the text do not. Applying finds, for each anchor, the entity now holding
most of those mentions, so corrections survive re-analysis. A claim is anchored the same way, by
the ranges of its content: applying finds the claim whose content covers most of them.

Each correction also keeps ``what`` it was about in words (a name, the start of a claim), so
that the reader's list of corrections and the undo history can say it without the facts.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace

from .facts import (
    CERTAINTIES,
    CLAIM_KINDS,
    ENTITY_KINDS,
    Claim,
    Correction,
    Entity,
    Facts,
    Mention,
    Source,
    Span,
    norm_name,
)

# How far from a claim's content a typed source or cue is looked for in the text (characters):
# about a paragraph, so that a name elsewhere in the article is not taken for this one.
NEAR = 400


def anchor(entity: Entity) -> list[list[int]]:
    return [[m.start, m.end] for m in entity.mentions]


def rename(entity: Entity, name: str) -> Correction:
    return Correction(
        "rename", {"anchor": anchor(entity), "name": name.strip(), "what": entity.name}
    )


def change_kind(entity: Entity, kind: str) -> Correction:
    if kind not in ENTITY_KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    return Correction("kind", {"anchor": anchor(entity), "kind": kind, "what": entity.name})


def hide(entity: Entity) -> Correction:
    return Correction("hide", {"anchor": anchor(entity), "what": entity.name})


def merge(into: Entity, *others: Entity) -> Correction:
    """One step merging one or more entities into ``into`` (which keeps its kind: those merged
    into it take it on)."""
    payload: dict[str, object] = {"anchor": anchor(into), "what": into.name}
    if len(others) == 1:
        payload["other"] = anchor(others[0])
    else:
        payload["others"] = [anchor(o) for o in others]
    payload["names"] = [o.name for o in others]
    return Correction("merge", payload)


def split(entity: Entity, mention: Mention) -> Correction:
    return Correction(
        "split",
        {"anchor": anchor(entity), "mention": [mention.start, mention.end], "what": mention.text},
    )


def add_entity(facts: Facts, start: int, end: int, kind: str) -> Correction:
    """The words at ``start``–``end`` name a person, place or organisation the analysis missed.
    Applying it also marks the other places the same words stand as whole words."""
    if kind not in ENTITY_KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    start, end = _trimmed(facts.text, start, end)
    if start >= end:
        raise ValueError("no words selected")
    words = facts.text[start:end]
    return Correction("add_entity", {"mention": [start, end], "kind": kind, "what": words})


# -- claims -----------------------------------------------------------------------------------
def claim_anchor(claim: Claim) -> list[list[int]]:
    return [[s, t] for s, t in claim.content.ranges]


def _claim_what(claim: Claim) -> str:
    return _short(claim.content.shown)


def _short(words: str, most: int = 60) -> str:
    words = " ".join(words.split())
    return words if len(words) <= most else words[: most - 1].rstrip() + "…"


def not_a_claim(claim: Claim) -> Correction:
    return Correction("claim_hide", {"claim": claim_anchor(claim), "what": _claim_what(claim)})


def claim_kind(claim: Claim, kind: str) -> Correction:
    if kind not in CLAIM_KINDS:
        raise ValueError(f"unknown claim kind {kind!r}")
    return Correction(
        "claim_kind", {"claim": claim_anchor(claim), "kind": kind, "what": _claim_what(claim)}
    )


def claim_certainty(claim: Claim, certainty: str) -> Correction:
    if certainty not in CERTAINTIES:
        raise ValueError(f"unknown certainty {certainty!r}")
    return Correction(
        "claim_certainty",
        {"claim": claim_anchor(claim), "certainty": certainty, "what": _claim_what(claim)},
    )


def source_of(entity: Entity | None = None, name: str = "") -> dict[str, object] | None:
    """A source as a correction keeps it: an entity (by its anchor), a typed name, or None (no
    source: the claim is unattributed)."""
    if entity is not None:
        return {"entity": anchor(entity), "name": entity.name}
    name = " ".join(name.split())
    return {"name": name} if name else None


def claim_source(claim: Claim, source: dict[str, object] | None) -> Correction:
    """Who the claim is by: ``source_of(...)``."""
    return Correction(
        "claim_source",
        {"claim": claim_anchor(claim), "source": source, "what": _claim_what(claim)},
    )


def add_claim(
    facts: Facts,
    start: int,
    end: int,
    source: dict[str, object] | None,
    cue: str = "",
    kind: str = "",
    certainty: str = "asserted",
) -> Correction:
    """A claim the analysis missed: its content is the text at ``start``–``end``; ``cue`` the
    words that report it ("said"), found near the content. ``kind`` defaults to indirect (or
    unattributed without a source)."""
    start, end = _trimmed(facts.text, start, end)
    if start >= end:
        raise ValueError("no words selected")
    kind = kind or ("indirect" if source else "unattributed")
    if kind not in CLAIM_KINDS:
        raise ValueError(f"unknown claim kind {kind!r}")
    if certainty not in CERTAINTIES:
        raise ValueError(f"unknown certainty {certainty!r}")
    return Correction(
        "claim_add",
        {
            "content": [start, end],
            "source": source,
            "cue": " ".join(cue.split()),
            "kind": kind,
            "certainty": certainty,
            "what": _short(facts.text[start:end]),
        },
    )


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """A selection without the spaces at its ends (a double-click takes the space after)."""
    start, end = max(0, start), min(len(text), end)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


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


def _next_claim_id(facts: Facts) -> str:
    nums = [int(c.id[1:]) for c in facts.claims if c.id[1:].isdigit()]
    return f"c{max(nums, default=0) + 1}"


def _find_claim(facts: Facts, spans: list[list[int]]) -> Claim | None:
    """The claim whose content covers most of the anchor's characters (a newer analysis may
    find a content a word longer or shorter)."""
    best, most = None, 0
    for c in facts.claims:
        covered = sum(max(0, min(t, b) - max(s, a)) for s, t in spans for a, b in c.content.ranges)
        if covered > most:
            best, most = c, covered
    return best


def _locate(text: str, words: str, near: int) -> tuple[int, int] | None:
    """The occurrence of ``words`` in the text (any case) nearest to ``near``, within ``NEAR``
    characters; None if they are not there."""
    if not words:
        return None
    low, hay = words.casefold(), text.casefold()
    if len(hay) != len(text):  # casefold changed the length: offsets would not match
        hay, low = text.lower(), words.lower()
        if len(hay) != len(text):
            return None
    lo = max(0, near - NEAR)
    best: tuple[int, int] | None = None
    i = hay.find(low, lo)
    while i != -1 and i <= near + NEAR:
        if best is None or abs(i - near) < abs(best[0] - near):
            best = (i, i + len(words))
        i = hay.find(low, i + 1)
    return best


def _source(out: Facts, given: object, near: int) -> Source | None:
    """The claim source a correction names: an entity's mention nearest the claim (the one
    before it if any: a source mostly comes first), or the typed name where the text has it
    near the claim (else an empty range at the claim, holding the name)."""
    if not isinstance(given, dict):
        return None
    ent = _find(out, given["entity"]) if given.get("entity") else None
    if ent is not None and ent.mentions:
        before = [m for m in ent.mentions if m.end <= near]
        m = (
            max(before, key=lambda m: m.end)
            if before
            else min(ent.mentions, key=lambda m: abs(m.start - near))
        )
        return Source(m.start, m.end, m.text, ent.id)
    name = str(given.get("name") or "")
    if not name:
        return None
    found = _locate(out.text, name, near)
    if found is None:
        return Source(near, near, name, _entity_named(out, name))
    s, t = found
    return Source(s, t, out.text[s:t], _entity_at(out, s, t) or _entity_named(out, name))


def _entity_at(facts: Facts, start: int, end: int) -> str | None:
    ent = _find(facts, [[start, end]])
    return ent.id if ent is not None else None


def _entity_named(facts: Facts, name: str) -> str | None:
    key = norm_name(name)
    return next(
        (e.id for e in facts.entities if key in {norm_name(n) for n in (e.name, *e.aliases)}),
        None,
    )


def _cue(out: Facts, words: str, content: tuple[int, int]) -> Span | None:
    if not words:
        return None
    found = _locate(out.text, words, content[0])
    if found is None:
        return Span(content[0], content[0], words)
    return Span(found[0], found[1], out.text[found[0] : found[1]])


def _apply_claim(out: Facts, c: Correction) -> None:
    p = c.payload
    if c.action == "claim_add":
        s, t = p.get("content", [0, 0])
        if not 0 <= s < t <= len(out.text):
            return
        if any(cl.content.ranges == [(s, t)] for cl in out.claims):
            return  # a newer analysis found it itself
        kind = str(p["kind"]) if p.get("kind") in CLAIM_KINDS else "indirect"
        certainty = str(p["certainty"]) if p.get("certainty") in CERTAINTIES else "asserted"
        source = _source(out, p.get("source"), s)
        out.claims.append(
            Claim(
                id=_next_claim_id(out),
                kind=kind if source is not None or kind == "unattributed" else "unattributed",
                certainty=certainty,
                source=source,
                cue=_cue(out, str(p.get("cue") or ""), (s, t)),
                content=Span(s, t, out.text[s:t]),
            )
        )
        out.claims.sort(key=lambda cl: cl.content.start)
        return
    target = _find_claim(out, p.get("claim", []))
    if target is None:
        return
    i = out.claims.index(target)
    if c.action == "claim_hide":
        del out.claims[i]
    elif c.action == "claim_kind" and p.get("kind") in CLAIM_KINDS:
        source = None if p["kind"] == "unattributed" else target.source
        out.claims[i] = replace(target, kind=p["kind"], source=source)
    elif c.action == "claim_certainty" and p.get("certainty") in CERTAINTIES:
        out.claims[i] = replace(target, certainty=p["certainty"])
    elif c.action == "claim_source":
        source = _source(out, p.get("source"), target.content.start)
        if source is None:
            kind = "unattributed"
        elif target.kind == "unattributed":
            kind = "indirect"  # a claim given a source is reported by it
        else:
            kind = target.kind
        out.claims[i] = replace(target, source=source, kind=kind)


def _add_entity(out: Facts, c: Correction) -> None:
    """The selected words, and their other whole-word occurrences that no entity holds, as
    mentions of an entity of the chosen kind: one already of that kind and name if there is
    one, else a new one. Claims whose source stands there then name it."""
    p = c.payload
    s, t = p.get("mention", [0, 0])
    kind = p.get("kind")
    if kind not in ENTITY_KINDS or not 0 <= s < t <= len(out.text):
        return
    words = out.text[s:t]
    taken = sorted((m.start, m.end) for e in out.entities for m in e.mentions)

    def free(a: int, b: int) -> bool:
        j = bisect_left(taken, (b, b))
        return not any(x < b and a < y for x, y in taken[max(0, j - 50) : j])

    spots = []
    i = out.text.find(words)
    while i != -1:
        j = i + len(words)
        whole = (i == 0 or not out.text[i - 1].isalnum()) and (
            j == len(out.text) or not out.text[j].isalnum()
        )
        if (whole or i == s) and free(i, j):
            spots.append(Mention(i, j, words))
        i = out.text.find(words, i + 1)
    if not any(m.start == s for m in spots):
        return  # an entity holds the selection already
    key = norm_name(words)
    ent = next(
        (
            e
            for e in out.entities
            if e.kind == kind and key in {norm_name(n) for n in (e.name, *e.aliases)}
        ),
        None,
    )
    if ent is None:
        ent = Entity(_next_id(out), kind, " ".join(words.split()), salience=0.0)
        out.entities.append(ent)
    ent.mentions = sorted(ent.mentions + spots, key=lambda m: m.start)
    for cl in out.claims:
        if cl.source and not cl.source.entity:
            if any(m.start < cl.source.end and cl.source.start < m.end for m in spots):
                cl.source.entity = ent.id


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


def _merge(out: Facts, target: Entity, other: Entity | None) -> None:
    """``other`` becomes part of ``target``, which keeps its kind."""
    if other is None or other is target:
        return
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


def apply(facts: Facts, corrections: list[Correction]) -> Facts:
    """The facts with the corrections applied in order; the input is never changed. Corrections
    that no longer fit are skipped (the text they named is gone), never an error."""
    if not corrections:
        return facts  # nothing to change: no copy (reopening a document stays quick)
    out = _copy(facts)
    for c in corrections:
        p = c.payload
        if c.action.startswith("claim_"):
            _apply_claim(out, c)
            continue
        if c.action == "add_entity":
            _add_entity(out, c)
            continue
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
            for spans in p["others"] if "others" in p else [p.get("other", [])]:
                _merge(out, target, _find(out, spans))
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
