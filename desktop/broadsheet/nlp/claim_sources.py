"""Which entity a claim's source names: by mention overlap first, then our own fallback for
pronouns ("He added" → the person last quoted) and short names ("Professor Kim" → Kim Dong-yup).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span

from ..facts import Entity

PERSON_PRONOUNS = {"he", "she", "him", "her", "i", "we"}
GROUP_PRONOUNS = {"they", "who", "it"}
TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "president", "senator", "sen", "rep",
    "gov", "governor", "general", "gen", "minister", "secretary", "judge", "justice", "mayor",
    "chairman", "chairwoman", "director", "spokesman", "spokeswoman", "ambassador", "leader",
    "speaker", "lord", "sir", "dame", "rev", "father", "sister", "king", "queen", "prince",
}


def _words(text: str) -> list[str]:
    return [w.strip(".,'\u2019").lower() for w in text.replace("\u2019s", "").split() if w.strip()]


class SourceResolver:
    """Resolves source spans of one document, in document order (it remembers earlier sources)."""

    def __init__(self, doc: Doc, entities: Sequence[Entity], text: str) -> None:
        self.doc = doc
        self.text = text
        self.entities = list(entities)
        self.history: list[tuple[int, str, str | None]] = []  # (char offset, kind, entity id)

    def remember(self, span: Span, entity: str | None) -> None:
        ent = next((e for e in self.entities if e.id == entity), None)
        self.history.append((span.start_char, ent.kind if ent else "", entity))

    def _by_overlap(self, start: int, end: int, head_start: int, head_end: int) -> str | None:
        best, best_score = None, 0
        for e in self.entities:
            for m in e.mentions:
                if m.start < end and start < m.end:
                    # a mention on the source's head word beats one inside a modifier
                    score = 2 if (m.start < head_end and head_start < m.end) else 1
                    if score > best_score:
                        best, best_score = e.id, score
        return best

    def resolve(self, span: Span, before: int) -> str | None:
        root = span.root
        if root.lower_ == "who" and root.head is not root:
            # the noun a relative clause hangs on: "Peskov, who said"
            noun = root.head.head if root.head.dep_ == "relcl" else root.head
            return self._by_overlap(noun.idx, noun.idx + len(noun), noun.idx, noun.idx + len(noun))
        head_s, head_e = root.idx, root.idx + len(root.text)
        ent = self._by_overlap(span.start_char, span.end_char, head_s, head_e)
        if ent is not None:
            ent_obj = next(e for e in self.entities if e.id == ent)
            # an entity in the source that is not the source's head ("a professor at the
            # University") only counts if nothing better fits the head below
            if ent_obj.kind == "person" or (head_s < ent_obj.mentions[0].end or True):
                if self._head_in_mention(ent_obj, head_s, head_e):
                    return ent
        low = root.lower_
        if low in PERSON_PRONOUNS and len(span) <= 2:
            return self._last_person(span.start_char)
        if low in GROUP_PRONOUNS and len(span) <= 2:
            return self._last_any(span.start_char)
        short = self._short_name(span)
        if short is not None:
            return short
        return ent if ent is not None and self._entity_named_by_head(ent, span) else None

    def _head_in_mention(self, ent: Entity, head_s: int, head_e: int) -> bool:
        return any(m.start < head_e and head_s < m.end for m in ent.mentions)

    def _entity_named_by_head(self, ent_id: str, span: Span) -> bool:
        # "a professor at the University of X": the organisation is not the speaker
        root = span.root
        return root.pos_ == "PROPN"

    def _last_person(self, pos: int) -> str | None:
        for off, kind, ent in reversed(self.history):
            if off < pos and ent is not None and kind == "person":
                return ent
        # no earlier person source: the nearest person mentioned before
        best, best_pos = None, -1
        for e in self.entities:
            if e.kind != "person":
                continue
            for m in e.mentions:
                if best_pos < m.start < pos and self.text[m.start : m.end].lower() not in (
                    PERSON_PRONOUNS
                ):
                    best, best_pos = e.id, m.start
        return best

    def _last_any(self, pos: int) -> str | None:
        for off, _kind, ent in reversed(self.history):
            if off < pos and ent is not None:
                return ent
        return None

    def _short_name(self, span: Span) -> str | None:
        """ "Professor Kim" → the entity whose name ends or starts with Kim, preferring one whose
        roles or appositive mention the title."""
        words = [w for w in _words(span.text) if w not in ("the", "a", "an")]
        if not words:
            return None
        title = [w for w in words if w in TITLES]
        names = [w for w in words if w not in TITLES]
        if not names or len(names) > 3:
            return None
        fits = []
        for e in self.entities:
            if e.kind != "person":
                continue
            parts = _words(e.name)
            for alias in e.aliases:
                parts += _words(alias)
            if all(n in parts for n in names):
                fits.append(e)
        if not fits:
            return None
        if title and len(fits) > 1:
            titled = [
                e for e in fits if any(t in " ".join(e.roles).lower() for t in title)
                or self._apposition_has(e, title)
            ]
            fits = titled or fits
        return fits[0].id if len(fits) == 1 or title else fits[0].id

    def _apposition_has(self, ent: Entity, title: list[str]) -> bool:
        for m in ent.mentions:
            after = self.text[m.end : m.end + 60].lower()
            if after.startswith(",") and any(t in after for t in title):
                return True
        return False
