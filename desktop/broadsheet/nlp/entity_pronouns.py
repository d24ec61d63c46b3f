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
from .names import gender_of
from .quotes import CLOSE_MARKS, OPEN_MARKS

# Reflexives and "hers" are left out: rarely a claim source, easily mislinked.
PERSONAL = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
_SUBJECT = ("nsubj", "nsubjpass")
_OPEN_QUOTES = {m: 1 for m in OPEN_MARKS} | {m: -1 for m in CLOSE_MARKS}


def _gender(ms: list[RawMention]) -> str | None:
    words: set[str] = set()
    for m in ms:
        words |= m.role_words
        for role in m.roles:
            words.update(role.lower().split())
    return gender_of(words)


def inside_quotes(texts: list[str]) -> bytearray:
    """Per token: 1 inside a quotation. Straight quotes toggle; a line break ends a quote."""
    out = bytearray(len(texts))
    depth = 0
    for i, t in enumerate(texts):
        if "\n" in t:
            depth = 0
        elif t in _OPEN_QUOTES:
            depth = max(0, depth + _OPEN_QUOTES[t])
        elif t == '"':
            depth = 0 if depth else 1
        else:
            out[i] = depth > 0
    return out


def link_pronouns(
    doc: Doc, texts: list[str], quoted: bytearray, people: dict[int, list[RawMention]]
) -> dict[int, list[RawMention]]:
    """Map entity root -> pronoun mentions; ``people`` maps person entity roots to mentions,
    ``quoted`` is ``inside_quotes(texts)``."""
    if not people or not doc.has_annotation("SENT_START"):
        return {}  # no parser in this pipeline: no sentences, no evidence
    owner: dict[int, int] = {}  # token index of a person mention's head -> entity root
    for r, ms in people.items():
        for m in ms:
            owner[doc[m.start : m.end].root.i] = r
    gender = {r: _gender(ms) for r, ms in people.items()}
    out: dict[int, list[RawMention]] = {}
    prev_sent: list[tuple[int, int]] = []  # (token, root) of people in the previous sentence
    for sent in doc.sents:
        cur: list[tuple[int, int]] = []
        for i in range(sent.start, sent.end):
            if i in owner:
                cur.append((i, owner[i]))
                continue
            g = PERSONAL.get(texts[i].lower())
            if g is None or quoted[i] or doc[i].pos_ != "PRON":
                continue
            window = [(k, r) for k, r in cur + prev_sent if gender[r] in (None, g)]
            roots = {r for _, r in window}
            target = None
            if len(roots) == 1:
                target = roots.pop()
            elif roots:
                here = dict(cur)
                subjects = {r for k, r in window if k in here and doc[k].dep_ in _SUBJECT}
                subjects = subjects or {r for k, r in window if doc[k].dep_ in _SUBJECT}
                if len(subjects) == 1:
                    target = subjects.pop()
            if target is not None:
                out.setdefault(target, []).append(
                    RawMention(i, i + 1, "pronoun", texts[i].lower(), from_ner=False)
                )
        if cur:
            prev_sent = cur
        elif any(not t.isspace() for t in texts[sent.start : sent.end]):
            prev_sent = []
    # "his" and "her" for one person: the evidence was not clear, keep only a clear majority.
    for r, ms in out.items():
        male = sum(PERSONAL[m.key] == "m" for m in ms)
        female = len(ms) - male
        if male and female:
            keep = "m" if male > 2 * female else "f" if female > 2 * male else None
            out[r] = [m for m in ms if PERSONAL[m.key] == keep]
    return {r: ms for r, ms in out.items() if ms}


# "They" is left out: in stories it is often a group the person is part of.
_NEUTER = frozenset(("it", "its"))


def pronoun_votes(
    doc: Doc,
    texts: list[str],
    quoted: bytearray,
    groups: dict[int, list[RawMention]],
    name_starts: set[int],
) -> dict[int, tuple[int, int]]:
    """Per entity root: how often the first pronoun after a mention of it as a subject (in that
    sentence or the next, before any other name) is "he"/"she", and how often "it".
    "Parata said … He carved" is evidence of a person that NER's label may not give."""
    if not groups or not doc.has_annotation("SENT_START"):
        return {}
    subjects = {
        r: subj
        for r, ms in groups.items()
        if (
            subj := [
                m
                for m in ms
                if m.label not in ("pronoun", "nominal")
                and doc[m.start : m.end].root.dep_ in _SUBJECT
            ]
        )
    }
    if not subjects:
        return {}
    # Where the sentence after each token's own ends: one pass over the sentences.
    next_end = [0] * len(doc)
    sents = list(doc.sents)
    for k, sent in enumerate(sents):
        stop = sents[k + 1].end if k + 1 < len(sents) else sent.end
        next_end[sent.start : sent.end] = [stop] * (sent.end - sent.start)
    out: dict[int, tuple[int, int]] = {}
    for r, ms in subjects.items():
        personal = neuter = 0
        for m in ms:
            for i in range(m.end, next_end[m.start]):
                if i in name_starts:
                    break
                low = texts[i].lower()
                if quoted[i] or doc[i].pos_ != "PRON":
                    continue
                if low in PERSONAL:
                    personal += 1
                    break
                if low in _NEUTER:
                    neuter += 1
                    break
        if personal or neuter:
            out[r] = (personal, neuter)
    return out
