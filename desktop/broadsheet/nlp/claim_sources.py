"""Which entity a claim's source names: by mention overlap first, then our own fallback for
pronouns ("He added" → the person last quoted) and short names ("Professor Kim" → Kim Dong-yup).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from ..facts import Entity
from .names import HONORIFICS, ROLE_NOUNS

PERSON_PRONOUNS = {"he", "she", "him", "her", "i", "we"}
GROUP_PRONOUNS = {"they", "who", "it"}
# Words of a title before a short name ("Professor Kim", "Rep. Meadows"), without their dots.
TITLES = frozenset(w.rstrip(".") for w in HONORIFICS | ROLE_NOUNS)


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

    def _by_overlap(self, start: int, end: int) -> str | None:
        for e in self.entities:
            if any(m.start < end and start < m.end for m in e.mentions):
                return e.id
        return None

    def _core(self, span: Span) -> list[Token]:
        """Tokens of the source's own noun phrase, without prepositional phrases and clauses
        ("BBC correspondent Jean Mackenzie in Seoul" → not Seoul; "a professor at the
        University" → not the University)."""
        root = span.root
        out = []
        for t in span:
            cur, ok = t, True
            # At most one step per token of the span: a span that crosses a sentence end holds
            # a second sentence root, whose head is itself, and which never leads to ``root``.
            for _ in range(len(span) + 1):
                if cur == root or not span.start <= cur.i < span.end:
                    break
                if cur.dep_ in ("prep", "relcl", "acl", "agent", "pobj") or cur.head == cur:
                    ok = False
                    break
                cur = cur.head
            if ok:
                out.append(t)
        return out

    def resolve(self, span: Span, before: int) -> str | None:
        root = span.root
        if root.lower_ in ("who", "which", "that") and root.head.dep_ == "relcl":
            # the noun a relative clause hangs on: "Peskov, who said"
            noun = root.head.head
            return self._by_overlap(noun.idx, noun.idx + len(noun)) or self._short_name(
                self.doc[noun.left_edge.i : noun.i + 1]
            )
        low = root.lower_
        if low in PERSON_PRONOUNS | GROUP_PRONOUNS and len(span) <= 2:
            # the entities component may have linked the pronoun itself; trust it first
            linked = self._by_overlap(root.idx, root.idx + len(root.text))
            if linked is not None:
                return linked
        if low in PERSON_PRONOUNS and len(span) <= 2:
            return self._last_person(span.start_char)
        if low in GROUP_PRONOUNS and len(span) <= 2:
            # "they" and "it" are too often groups or things with no entity to risk a guess
            return None
        best, best_score = None, 0
        for t in self._core(span):
            t0, t1 = t.idx, t.idx + len(t.text)
            for e in self.entities:
                if any(m.start < t1 and t0 < m.end for m in e.mentions):
                    score = (2 if e.kind == "person" else 1) + (3 if t == root else 0)
                    if score > best_score:
                        best, best_score = e.id, score
        if best is not None:
            return best
        return self._short_name(span)

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
                e
                for e in fits
                if any(t in " ".join(e.roles).lower() for t in title)
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
