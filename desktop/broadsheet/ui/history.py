"""Where the reader has been: Back and Forward between documents, as in a browser.

A ``Place`` is a document and where in it the reader was: the offset at the top of the view and
what was selected. It also says where to arrive when a document is opened from another one's
panel (Also In): the entity, and the claim whose words were chosen.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..facts import Claim, Entity, Facts, norm_name

LIMIT = 100  # places kept each way; older ones fall off


@dataclass(frozen=True)
class Place:
    sha256: str
    path: str = ""
    top: int | None = None  # text offset at the top of the view; None: the remembered position
    entity_id: str | None = None
    names: tuple[str, ...] = ()  # the entity's names, should its id differ in this document
    kind: str = ""
    claim_id: str | None = None
    claim_text: str = ""  # the claim's words, should its id differ in this document

    def entity(self, facts: Facts) -> Entity | None:
        """The entity to select here: by id when the names agree, else by name and kind."""
        ent = facts.entity(self.entity_id) if self.entity_id else None
        wanted = {norm_name(n) for n in self.names}
        if ent is not None and (not wanted or wanted & _names(ent)):
            return ent
        if not wanted:
            return None
        return next(
            (
                e
                for e in facts.entities
                if wanted & _names(e) and (not self.kind or e.kind == self.kind)
            ),
            None,
        )

    def claim(self, facts: Facts, source: Entity | None) -> Claim | None:
        """The claim to select here: by id, else the one with these words (by this source
        first: two sources may report the same words)."""
        if self.claim_id:
            c = next((c for c in facts.claims if c.id == self.claim_id), None)
            if c is not None:
                return c
        if not self.claim_text:
            return None
        words = " ".join(self.claim_text.split())
        same = [c for c in facts.claims if " ".join(c.content.text.split()) == words]
        by = [c for c in same if source and c.source and c.source.entity == source.id]
        return by[0] if by else same[0] if same else None


def _names(e: Entity) -> set[str]:
    return {norm_name(n) for n in (e.name, *e.aliases)}


class History:
    """Two stacks of places: those behind the reader and those ahead after going back."""

    def __init__(self) -> None:
        self.behind: list[Place] = []
        self.ahead: list[Place] = []

    def visit(self, leaving: Place) -> None:
        """The reader goes on to another document from ``leaving``: what was ahead is gone."""
        self.behind.append(leaving)
        del self.behind[:-LIMIT]
        self.ahead.clear()

    def back(self, here: Place | None) -> Place | None:
        return self._step(self.behind, self.ahead, here)

    def forward(self, here: Place | None) -> Place | None:
        return self._step(self.ahead, self.behind, here)

    @staticmethod
    def _step(source: list[Place], other: list[Place], here: Place | None) -> Place | None:
        if not source:
            return None
        if here is not None:
            other.append(here)
            del other[:-LIMIT]
        return source.pop()

    def can_go_back(self) -> bool:
        return bool(self.behind)

    def can_go_forward(self) -> bool:
        return bool(self.ahead)
