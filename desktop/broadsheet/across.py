"""Across the library: what has been said about someone, by whom, and when.

The documents that name the entity come from the library's name index (as Also In finds
them); each is read with the reader's corrections applied, so a claim marked "not a claim" or a
source changed by the reader counts as the reader left it. A claim is about the entity when
its content names it (``about.claims_about``); by it when the entity is its source.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import corrections
from .about import claims_about, source_name
from .facts import Claim, Entity, Facts, norm_name

if TYPE_CHECKING:
    from .store.library import Library

BY, ABOUT = "by", "about"
DOCUMENTS = 500  # documents read for one question, newest first


@dataclass(frozen=True)
class Said:
    """One claim of one document, by or about the entity asked for."""

    sha256: str
    title: str
    path: str
    claim: Claim
    source: str  # who said it, as the Claims panel names them
    role: str  # BY or ABOUT (a source speaking of itself is ABOUT)
    date: str  # when it was said, ISO at its precision ("" if the document gives no date)

    def to_json(self) -> dict[str, object]:
        c = self.claim
        return {
            "document": {"sha256": self.sha256, "title": self.title, "path": self.path},
            "role": self.role,
            "source": self.source,
            "cue": c.cue.text if c.cue else "",
            "content": c.content.shown,
            "kind": c.kind,
            "certainty": c.certainty,
            "when": c.when.to_json() if c.when else None,
        }


def _entity(facts: Facts, names: set[str], kind: str) -> Entity | None:
    for e in facts.entities:
        if (not kind or e.kind == kind) and names & {norm_name(n) for n in (e.name, *e.aliases)}:
            return e
    return None


def _corrected(library: Library, sha256: str) -> Facts | None:
    """A document's newest facts with the reader's corrections applied."""
    raw = library.newest_facts(sha256)
    return corrections.apply(raw, library.corrections(sha256)) if raw is not None else None


def _naming(
    library: Library, name: str, kind: str, documents: int
) -> Iterator[tuple[str, Facts, Entity]]:
    """Each document naming the entity (newest first, as Also In finds them): its listed
    title, its corrected facts and the entity there. One whose corrections took the entity
    away is left out."""
    names = {norm_name(name)}
    for hit in library.also_in([name], "", kind, limit=documents):
        facts = _corrected(library, hit.document.sha256)
        ent = _entity(facts, names, kind) if facts is not None else None
        if facts is not None and ent is not None:
            yield hit.document.title, facts, ent


def said(
    library: Library,
    name: str,
    kind: str = "",
    roles: tuple[str, ...] = (ABOUT,),
    documents: int = DOCUMENTS,
) -> list[Said]:
    """The claims about (and, with ``BY`` in ``roles``, by) the entity of this name, in every
    document of the library that names it (the newest ``documents``), newest first."""
    out: list[Said] = []
    for title, facts, ent in _naming(library, name, kind, documents):
        picked: dict[str, str] = {}
        if ABOUT in roles:
            picked |= {c.id: ABOUT for c in claims_about(facts, ent.id)}
        if BY in roles:
            picked |= {c.id: BY for c in facts.claims_by(ent.id) if c.id not in picked}
        for c in facts.claims:
            if c.id in picked:
                out.append(
                    Said(
                        facts.sha256,
                        facts.title or title,
                        facts.path,
                        c,
                        source_name(c, facts),
                        picked[c.id],
                        c.when.date if c.when else "",
                    )
                )
    return out


def by_source(found: list[Said]) -> list[tuple[str, list[Said]]]:
    """Grouped by who said it, the most prolific first."""
    groups: dict[str, list[Said]] = {}
    for s in found:
        groups.setdefault(s.source, []).append(s)
    return sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0].lower()))


def timeline(found: list[Said]) -> list[Said]:
    """In the order they were said; undated ones last (ISO dates of any precision sort as
    text: "1953" before "2023-09" before "2023-09-12")."""
    return sorted(found, key=lambda s: (s.date == "", s.date, s.title, s.claim.content.start))


def places_with(
    library: Library, name: str, kind: str = "", documents: int = DOCUMENTS
) -> dict[str, int]:
    """The places named in the documents that name this entity, each with how many of those
    documents name it (the reader's corrections applied; the entity itself left out)."""
    names = {norm_name(name)}
    counts: dict[str, int] = {}
    shown: dict[str, str] = {}
    for _title, facts, _ent in _naming(library, name, kind, documents):
        for e in facts.entities_of("place"):
            key = norm_name(e.name)
            if key in names:
                continue
            shown.setdefault(key, e.name)
            counts[key] = counts.get(key, 0) + 1
    return {shown[k]: n for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))}


def corrected_documents(library: Library, documents: int = DOCUMENTS) -> Iterator[Facts]:
    """The library's newest documents, each with the reader's corrections applied."""
    for d in library.documents(limit=documents):
        facts = _corrected(library, d.sha256)
        if facts is not None:
            yield facts
