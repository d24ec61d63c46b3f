"""Personal pronouns linked to the person they clearly refer to.

Only "he"/"she" and their forms outside quotations (inside one, "he" is often someone the speaker
talks about), and only when the current sentence (before the pronoun) or the previous one leaves a
single candidate of a compatible gender, or a single grammatical subject among several people.
Gender comes from the text alone: forms of address and gendered nouns in roles. The links feed
claim sources and mention counts, never entity names.
"""

from __future__ import annotations

from spacy.tokens import Doc

from .entity_mentions import RawMention

# Reflexives and "hers" are left out: rarely a claim source, easily mislinked.
PERSONAL = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
_SUBJECT = ("nsubj", "nsubjpass")
_MALE = frozenset("""
mr mr. sir lord king prince emperor man boy husband father son brother uncle grandfather
spokesman chairman congressman businessman sportsman actor
""".split())
_FEMALE = frozenset("""
mrs mrs. ms ms. miss dame lady queen princess empress woman girl wife mother daughter sister aunt
grandmother spokeswoman chairwoman congresswoman businesswoman sportswoman actress
""".split())
_OPEN_QUOTES = {"\u201c": 1, "\u201d": -1}


def _gender(ms: list[RawMention]) -> str | None:
    words: set[str] = set()
    for m in ms:
        words |= m.role_words
        for role in m.roles:
            words.update(role.lower().split())
    male, female = bool(words & _MALE), bool(words & _FEMALE)
    return "m" if male and not female else "f" if female and not male else None


def _inside_quotes(doc: Doc) -> bytearray:
    """Per token: 1 inside a quotation. Straight quotes toggle; a line break ends a quote."""
    out = bytearray(len(doc))
    depth = 0
    for tok in doc:
        t = tok.text
        if "\n" in t:
            depth = 0
        elif t in _OPEN_QUOTES:
            depth = max(0, depth + _OPEN_QUOTES[t])
        elif t == '"':
            depth = 0 if depth else 1
        else:
            out[tok.i] = depth > 0
    return out


def link_pronouns(doc: Doc, people: dict[int, list[RawMention]]) -> dict[int, list[RawMention]]:
    """Map entity root -> pronoun mentions; ``people`` maps person entity roots to mentions."""
    if not people:
        return {}
    owner: dict[int, int] = {}  # token index of a person mention's head -> entity root
    for r, ms in people.items():
        for m in ms:
            owner[doc[m.start:m.end].root.i] = r
    gender = {r: _gender(ms) for r, ms in people.items()}
    quoted = _inside_quotes(doc)
    out: dict[int, list[RawMention]] = {}
    prev_sent: list[tuple[int, int]] = []  # (token, root) of people in the previous sentence
    for sent in doc.sents:
        cur: list[tuple[int, int]] = []
        for tok in sent:
            if tok.i in owner:
                cur.append((tok.i, owner[tok.i]))
                continue
            g = PERSONAL.get(tok.lower_)
            if g is None or tok.pos_ != "PRON" or quoted[tok.i]:
                continue
            window = [(i, r) for i, r in cur + prev_sent if gender[r] in (None, g)]
            roots = {r for _, r in window}
            target = None
            if len(roots) == 1:
                target = roots.pop()
            elif roots:
                subjects = {r for i, r in window if i in dict(cur) and doc[i].dep_ in _SUBJECT}
                subjects = subjects or {r for i, r in window if doc[i].dep_ in _SUBJECT}
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
