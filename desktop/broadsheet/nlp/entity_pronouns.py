"""Personal pronouns linked to the person they clearly refer to.

Only "he"/"she" and their forms, and only when the current sentence (before the pronoun) or the
previous one leaves a single candidate, or a single grammatical subject among several people.
The links feed claim sources and mention counts, never entity names.
"""

from __future__ import annotations

from spacy.tokens import Doc

from .entity_mentions import RawMention

# Reflexives and "hers" are left out: rarely a claim source, easily mislinked.
PERSONAL = frozenset("he him his she her".split())
_SUBJECT = ("nsubj", "nsubjpass")


def link_pronouns(doc: Doc, people: dict[int, list[RawMention]]) -> dict[int, list[RawMention]]:
    """Map entity root -> pronoun mentions; ``people`` maps person entity roots to mentions."""
    if not people:
        return {}
    owner: dict[int, int] = {}  # token index of a person mention's head -> entity root
    for r, ms in people.items():
        for m in ms:
            owner[doc[m.start:m.end].root.i] = r
    out: dict[int, list[RawMention]] = {}
    prev_sent: list[tuple[int, int]] = []  # (token, root) of people in the previous sentence
    for sent in doc.sents:
        cur: list[tuple[int, int]] = []
        for tok in sent:
            if tok.i in owner:
                cur.append((tok.i, owner[tok.i]))
                continue
            if tok.lower_ not in PERSONAL or tok.pos_ != "PRON":
                continue
            window = cur + prev_sent
            roots = {r for _, r in window}
            target = None
            if len(roots) == 1:
                target = roots.pop()
            elif roots:
                subjects = {r for i, r in cur if doc[i].dep_ in _SUBJECT} or {
                    r for i, r in prev_sent if doc[i].dep_ in _SUBJECT}
                if len(subjects) == 1:
                    target = subjects.pop()
            if target is not None:
                out.setdefault(target, []).append(
                    RawMention(tok.i, tok.i + 1, "pronoun", tok.lower_, from_ner=False))
        if cur:
            prev_sent = cur
        elif any(not t.is_space for t in sent):
            prev_sent = []
    return out
