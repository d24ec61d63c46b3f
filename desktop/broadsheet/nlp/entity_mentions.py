"""Named mentions from spaCy's NER: cleaned spans, their titles and appositive roles.

A raw NER span often carries words that are not the name ("the", "'s", "President"), glues two
names together ("DAB's Elizabeth Quat", "Irving, Texas") or is a fragment of a title ("Kremlin
Press" in "Kremlin Press Secretary Dmitry Peskov"). This module turns ``doc.ents`` into clean
``RawMention``s; titles and appositives become roles.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .cues import SAYING_VERBS
from .gazetteer import country_key, gazetteer, is_place, is_strong_place
from .names import (
    AGENT_SUFFIXES,
    DEGREES,
    DIRECTIONS,
    GENERIC_ORG_HEADS,
    HONORIFICS,
    NAME_PARTICLES,
    ORG_NOUNS,
    PERSON_NOUNS,
    PERSON_TITLES,
    PLACE_NOUNS,
    ROLE_NOUNS,
    THING_NOUNS,
    TITLE_WORDS,
    norm_text,
)
from .quotes import ALL_MARKS, SINGLE_OPEN

LABELS = {"PERSON": "person", "GPE": "place", "LOC": "place", "FAC": "place", "ORG": "organisation"}
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}
_STANCE_PREFIXES = {"pro", "anti", "pan", "non", "ex"}
_SPOKES = {"spokesperson", "spokesman", "spokeswoman", "spokespeople", "spokespersons"}
_ADDRESS = {"mr", "mrs", "ms", "miss", "sir", "dame", "dr"}
_QUOTES = ALL_MARKS + SINGLE_OPEN  # (a closing single mark is also an apostrophe)
# Prepositions after which a known place name is a place even if a person shares the name.
LOCATIVE = {
    "in",
    "at",
    "near",
    "to",
    "from",
    "into",
    "outside",
    "across",
    "throughout",
    "around",
    "toward",
    "towards",
    "via",
    "inside",
    "within",
}


@dataclass
class RawMention:
    start: int  # token indices into the doc
    end: int
    label: str  # person / place / organisation, as NER (or our repair) says
    key: str = ""
    roles: list[str] = field(default_factory=list)
    role_words: set[str] = field(default_factory=set)
    from_ner: bool = True
    group: int = -1  # index of the entity group it is assigned to
    within: tuple[int, int] | None = None  # the longer name it was found inside, if any

    def text(self, doc: Doc) -> str:
        return doc[self.start : self.end].text


def mention_key(text: str) -> str:
    key = country_key(norm_text(text))
    # "Taipei City" is Taipei; "Mexico City" is a city of its own.
    if key.endswith(" city") and not is_place(key) and is_place(key[:-5]):
        key = key[:-5]
    return key


def _is_name_word(tok: Token) -> bool:
    t = tok.text
    return bool(t) and (
        t[0].isupper()
        or t[0].isdigit()
        or tok.lower_ in NAME_PARTICLES
        or any(c.isupper() for c in t[1:])
    )


Piece = tuple[int, int, str, list[int]]  # (start, end, label, title token indices)


def _split(doc: Doc, ent: Span) -> list[Piece]:
    """Clean one NER span into pieces, step by step: each step trims the token range or
    splits it into names of their own."""
    label = LABELS[ent.label_]
    s, e = _one_line(doc, ent.start, ent.end)
    if label != "person" and s < e and _titled_person(doc, s, e):
        label = "person"  # "Detective Tsukauchi", "Mr. Forte" tagged as a place or company
    if label == "person":
        s = _given_name_back(doc, s, e)
    s, titles = _leading_words(doc, s, e, label)
    e = _trailing_junk(doc, s, e)
    if s >= e:
        return []
    stance = _after_stance_prefix(doc, s, e)
    if stance is None:
        return []
    s = _after_adjectives(doc, stance, e)
    e = _trailing_junk(doc, s, _name_end(doc, s, e, label))
    for split in (_brackets, _owner_and_owned, _compass_pair, _comma_places):
        pieces = split(doc, s, e, label, titles)
        if pieces is not None:
            return pieces
    e = _before_following_phrase(doc, s, e, label)
    if e - s > 1 and doc[e - 1].like_num and is_place(mention_key(doc[s : e - 1].text)):
        e -= 1  # "Sweden 1" (a score)
    return [(s, e, label, titles)]


def _titled_person(doc: Doc, s: int, e: int) -> bool:
    """A person's title leads the span, or comes just before it, and one to three proper nouns
    that are no known place follow."""
    if doc[s].lower_ in PERSON_TITLES and e - s > 1:
        s += 1
    elif not (s > 0 and doc[s - 1].lower_ in PERSON_TITLES):
        return False
    return (
        e - s <= 3
        and all(
            doc[i].pos_ == "PROPN"
            and doc[i].lower_ not in TITLE_WORDS
            and doc[i].lower_ not in GENERIC_ORG_HEADS
            for i in range(s, e)
        )
        and not is_place(mention_key(doc[s:e].text))
    )


def _one_line(doc: Doc, s: int, e: int) -> tuple[int, int]:
    """A name never runs across a line break (headline, caption and body are separate lines)."""
    while s < e and (doc[s].is_space or doc[s].is_punct):
        s += 1
    for i in range(s, e):
        if doc[i].is_space:
            return s, i
    return s, e


def _given_name_back(doc: Doc, s: int, e: int) -> int:
    """NER often drops a sentence-initial given name ("Dmitry Peskov spoke"): take back proper
    nouns compounded onto the name that are neither titles nor other entities."""
    while (
        s > 0
        and (t := doc[s - 1]).pos_ == "PROPN"
        and t.dep_ == "compound"
        and s <= t.head.i < e
        and not t.ent_type_
        and t.lower_ not in TITLE_WORDS
        and t.text[:1].isupper()
        and t.whitespace_
    ):
        s -= 1
    return s


def _leading_words(doc: Doc, s: int, e: int, label: str) -> tuple[int, list[int]]:
    """Past determiners and punctuation; a person's title words are noted as its titles."""
    titles: list[int] = []
    while s < e:
        low = doc[s].lower_
        if low in _DETERMINERS or doc[s].is_punct:
            s += 1
        elif label == "person" and low in TITLE_WORDS and e - s > 1:
            titles.append(s)
            s += 1
        else:
            break
    return s, titles


def _trailing_junk(doc: Doc, s: int, e: int) -> int:
    """Before a possessive ending, punctuation or a conjunction at the end ("Killer Instinct
    and")."""
    while e > s and (
        doc[e - 1].tag_ == "POS"
        or doc[e - 1].is_punct
        or doc[e - 1].is_space
        or doc[e - 1].lower_ in ("and", "or", "&")
    ):
        e -= 1
    return e


def _after_stance_prefix(doc: Doc, s: int, e: int) -> int | None:
    """Past "Pro-" of "Pro-Beijing DAB"; None when the prefixed word is all there is."""
    if s + 1 < e and doc[s].lower_ in _STANCE_PREFIXES and doc[s + 1].text == "-":
        return s + 3 if s + 2 < e else None
    return s


def _after_adjectives(doc: Doc, s: int, e: int) -> int:
    """Past sentence-initial adjectives glued to a name ("Nonpartisan Paul Tse") and the
    group before "of" ("Critics of Scientology")."""
    if (
        e - s > 2
        and doc[s].is_sent_start
        and doc[s].tag_ in ("NNS", "JJ")
        and doc[s + 1].lower_ == "of"
    ):
        s += 2
    while e - s > 1 and (
        doc[s].pos_ == "ADJ"
        and doc[s].is_sent_start
        or doc[s].lower_.split("-")[0] in _STANCE_PREFIXES
        and "-" in doc[s].text
    ):
        s += 1
    return s


def _name_end(doc: Doc, s: int, e: int, label: str) -> int:
    """ "Rathbun the Scientology": a lower-case word after a space ends a person's name, and
    "the" ends any name unless it follows a preposition ("Bank of the West")."""
    for i in range(s + 1, e):
        if doc[i - 1].whitespace_ and (
            label == "person"
            and not _is_name_word(doc[i])
            or doc[i].lower_ == "the"
            and doc[i - 1].pos_ not in ("ADP", "CCONJ")
        ):
            return i
    return e


def _owner_and_owned(doc: Doc, s: int, e: int, label: str, titles: list[int]) -> list[Piece] | None:
    """ "DAB's Elizabeth Quat", "Saudi Arabia's Civil Defense Authority": two names; but "New
    People's Party" is one: the owner must be a place or own a person."""
    for i in range(s + 1, e - 1):
        if (doc[i].tag_ == "POS" or doc[i].lower_ in ("'s", "\u2019s")) and (
            label == "person" or e - i > 2 or is_place(mention_key(doc[s:i].text))
        ):
            olabel = "place" if is_place(mention_key(doc[s:i].text)) else "organisation"
            return [(s, i, olabel, []), *_split_rest(doc, i + 1, e, label, titles)]
    return None


def _compass_pair(doc: Doc, s: int, e: int, label: str, _titles: list[int]) -> list[Piece] | None:
    """ "North and South Korea": two places, "North" standing for "North Korea"."""
    if (
        label == "place"
        and e - s >= 4
        and doc[s + 1].lower_ == "and"
        and doc[s].lower_ in DIRECTIONS
        and doc[s + 2].lower_ in DIRECTIONS
    ):
        return [(s, s + 1, label, []), (s + 2, e, label, [])]
    return None


def _brackets(doc: Doc, s: int, e: int, label: str, titles: list[int]) -> list[Piece] | None:
    """ "World Health Organisation (WHO": the name ends at the bracket, and what it holds is a
    name of its own (an acronym then joins the full name)."""
    for i in range(s + 1, e):
        if doc[i].text in ("(", "["):
            j = next((k for k in range(i + 1, e) if doc[k].text in (")", "]")), e)
            return [(s, i, label, titles)] + ([(i + 1, j, label, [])] if j > i + 1 else [])
    return None


def _comma_places(doc: Doc, s: int, e: int, label: str, _titles: list[int]) -> list[Piece] | None:
    """ "Irving, Texas": two places; but "Scranton, Pa." and "Kanata, Ontario" are one mention
    of the town (``city_state``)."""
    if label != "place" or city_state(doc, s, e) is not None:
        return None
    pieces: list[Piece] = []
    a = s
    for i in range(s, e):
        if doc[i].text == ",":
            if i > a:
                pieces.append((a, i, label, []))
            a = i + 1
    if not pieces:
        return None
    if e > a:
        pieces.append((a, e, label, []))
    return pieces


def city_state(doc: Doc, s: int, e: int) -> int | None:
    """Where "City" ends in "City, State" or "City, Country" (the state a known place or an
    abbreviation such as "Pa." or "N.Y."); None for any other span."""
    commas = [i for i in range(s, e) if doc[i].text == ","]
    if len(commas) != 1 or not s < commas[0] < e - 1 or e - commas[0] - 1 > 3:
        return None
    c = commas[0]
    town, region = mention_key(doc[s:c].text), doc[c + 1 : e].text
    if town in gazetteer().country_of_key or not region[:1].isupper():
        return None
    abbreviation = len(region) <= 6 and (region.endswith(".") or region.isupper())
    return c if abbreviation or is_strong_place(mention_key(region)) else None


def _before_following_phrase(doc: Doc, s: int, e: int, label: str) -> int:
    """ "Scientology on French" of "Scientology on French television": the span ends inside a
    phrase that follows the name; the name ends before its preposition."""
    if (
        label != "person"
        and e < len(doc)
        and doc[e - 1].tag_ == "JJ"
        and doc[e].pos_ == "NOUN"
        and doc[e].text.islower()
    ):
        for i in range(e - 2, s, -1):
            if doc[i].pos_ == "ADP" and doc[i].text.islower():
                return i
    return e


def _split_rest(doc: Doc, s: int, e: int, label: str, titles: list[int]) -> list[Piece]:
    while s < e and doc[s].lower_ in TITLE_WORDS and e - s > 1:
        titles.append(s)
        s += 1
    return [(s, e, label, titles)] if s < e else []


def _title_fragment(doc: Doc, s: int, e: int, person_starts: set[int]) -> tuple[int, int]:
    """Trim the title words off an organisation glued to a title ("Kremlin Press" before
    "Secretary Dmitry Peskov"); an empty result means the span was only a title fragment."""
    while e - s > 1 and doc[e - 1].lower_ in _SPOKES:
        e -= 1  # "State Department Spokesperson": the office, without its speaker
    nxt = doc[e] if e < len(doc) else None
    if nxt is None or not (nxt.lower_ in ROLE_NOUNS or e in person_starts):
        return s, e
    while e > s and doc[e - 1].lower_ in TITLE_WORDS:
        e -= 1
    return s, e


def _keep(doc: Doc, s: int, e: int) -> bool:
    span = doc[s:e]
    words = [t for t in span if t.is_alpha or any(c.isalpha() for c in t.text)]
    if not words:
        return False
    first = words[0]
    if len(words) == 1 and len(first.text) == 2 and first.text[1] == ".":
        return False  # "S.": an initial alone ("X", the platform, stays)
    if not _is_name_word(first):  # "pro-Beijing", "disco club"
        return False
    if s > 0 and doc[s - 1].lower_ == "et" and first.lower_.rstrip(".") == "al":
        return False  # "et al."
    if len(words) == 1 and (first.lower_ in TITLE_WORDS or first.is_stop and not first.is_upper):
        return False  # "Defense", "State", a sentence-initial "Most"
    if (
        s >= 2
        and doc[s - 1].text == ","
        and doc[s - 2].ent_type_ == "PERSON"
        and span.text.replace(".", "").lower() in DEGREES
    ):
        return False  # "Katie Allen, MD": a degree
    if e - s == 1 and "-" in first.text and first.lower_.split("-")[0] in _STANCE_PREFIXES:
        return False  # "Pro-Beijing" is a stance, not a place
    if (
        s >= 2
        and doc[s - 1].text == "-"
        and not doc[s - 2].whitespace_
        and doc[s - 2].lower_ in _STANCE_PREFIXES
    ):
        return False  # "Beijing" in "pro-Beijing", "Pyongyang" in "anti-Pyongyang"
    if not any(t.pos_ == "PROPN" for t in words) and not any(t.is_upper for t in words):
        return False  # capitalised common nouns of a heading: "Election Results", "Photographs"
    return True


def _of_fragment(doc: Doc, s: int, e: int) -> bool:
    """ "State" in "Secretary of State", "Education" in "Minister of Education"."""
    if s < 2 or doc[s - 1].lower_ != "of" or e - s > 2:
        return False
    return doc[s - 2].lower_ in ROLE_NOUNS and not is_place(mention_key(doc[s:e].text))


def person_noun(tok: Token) -> bool:
    """A noun that describes a person: a title, a known person noun or an agent noun."""
    low = tok.lower_.rstrip(".")
    if low in ROLE_NOUNS or tok.lemma_.lower() in PERSON_NOUNS:
        return True
    return tok.pos_ == "NOUN" and low.endswith(AGENT_SUFFIXES) and len(low) > 5


def _role_text(text: str) -> str | None:
    text = text.strip()
    if not text or "\n" in text or any(q in text for q in _QUOTES):
        return None
    return text


def role_of(doc: Doc, s: int, e: int, titles: list[int]) -> tuple[list[str], set[str]]:
    """Titles before a person's name and appositives after it."""
    roles: list[str] = []
    words: set[str] = set()
    j = titles[0] if titles else s
    k = j
    while k > 0:
        t = doc[k - 1]
        if (
            t.is_space
            or t.is_punct
            or t.lower_ in _DETERMINERS
            or t.ent_type_ == "PERSON"
            or "\n" in t.whitespace_
            or not (t.i < t.head.i < e)
        ):
            break
        k -= 1
    start = k
    title_toks = [doc[i] for i in range(start, j)] + [doc[i] for i in titles]
    nouns = [t for t in title_toks if person_noun(t)]
    # "Mr." alone is a form of address, not a role; it still helps to pick among namesakes.
    if nouns and not all(t.lower_.rstrip(".") in _ADDRESS for t in title_toks):
        end = max(t.i for t in title_toks) + 1
        if text := _role_text(doc[start:end].text):
            roles.append(text)
    words.update(t.lower_.rstrip(".") for t in nouns)
    root = doc[s:e].root
    for child in root.children:
        if child.dep_ == "appos" and child.i >= e and person_noun(child):
            a, b = child.left_edge.i, child.right_edge.i + 1
            while b > a and (doc[b - 1].is_punct or doc[b - 1].is_space):
                b -= 1
            if text := _role_text(doc[a:b].text):
                roles.append(text)
                words.add(child.lower_)
                words.update(t.lower_ for t in doc[a : child.i] if t.lower_ in ROLE_NOUNS)
    head = root.head
    if root.dep_ == "appos" and head.i < s and person_noun(head):
        a = head.left_edge.i
        while a < head.i and (doc[a].lower_ in _DETERMINERS or "\n" in doc[a : head.i].text):
            a += 1
        if text := _role_text(doc[a : head.i + 1].text):
            roles.append(text)
            words.add(head.lower_)
    return roles, words


def _joined_ents(doc: Doc) -> list[Span]:
    """NER spans, with a one-word span joined to the name it is compounded onto ("Valeska" +
    "Paris" tagged as two places are one name)."""
    ents = list(doc.ents)
    out: list[Span] = []
    i = 0
    while i < len(ents):
        a = ents[i]
        b = ents[i + 1] if i + 1 < len(ents) else None
        if (
            b is not None
            and b.start == a.end
            and len(a) == 1
            and a.label_ in LABELS
            and b.label_ in LABELS
            and a[0].whitespace_
            and a.root.dep_ == "compound"
            and b.start <= a.root.head.i < b.end
            and a[0].pos_ == "PROPN"
        ):
            label = "PERSON" if "PERSON" in (a.label_, b.label_) else b.label_
            out.append(Span(doc, a.start, b.end, label=label))
            i += 2
            continue
        if (
            b is not None
            and b.start == a.end + 1
            and doc[a.end].text == ","
            and a.label_ in ("GPE", "LOC")
            and b.label_ in ("GPE", "LOC")
            and city_state(doc, a.start, b.end) is not None
        ):
            out.append(Span(doc, a.start, b.end, label="GPE"))  # "Scranton, Pa."
            i += 2
            continue
        out.append(a)
        i += 1
    return out


def _person_cue(doc: Doc, s: int, e: int, key: str) -> bool:
    """A name NER took for a place that the text treats as a person: an appositive such as
    "an Australian woman", or the subject of "said" when no known place has that name."""
    if is_place(key):
        return False
    root = doc[s:e].root
    if any(
        c.dep_ == "appos" and c.i >= e and c.lemma_.lower() in PERSON_NOUNS for c in root.children
    ):
        return True
    return root.dep_ == "nsubj" and root.head.lemma_ in SAYING_VERBS


def ner_mentions(doc: Doc) -> list[RawMention]:
    out: list[RawMention] = []
    person_starts = {ent.start for ent in doc.ents if ent.label_ == "PERSON"}
    for ent in _joined_ents(doc):
        if ent.label_ == "NORP":
            continue  # "Americans", "Muslims": nationalities and faiths, no organisations
        if ent.label_ not in LABELS:
            continue
        for s, e, label, titles in _split(doc, ent):
            if label != "person":
                s, e = _title_fragment(doc, s, e, person_starts)
                if s >= e or _of_fragment(doc, s, e):
                    continue
            if not _keep(doc, s, e):
                continue
            c = city_state(doc, s, e) if label == "place" else None
            m = RawMention(s, e, label, mention_key(doc[s : c or e].text))
            if not m.key:
                continue
            if label == "place" and e - s > 1 and _person_cue(doc, s, e, m.key):
                m.label = label = "person"
            if label == "person":
                m.roles, m.role_words = role_of(doc, s, e, titles)
            out.append(m)
            if c is not None and m.label == "place":
                # The state or country is mentioned too, inside the town's mention.
                key = mention_key(doc[c + 1 : e].text)
                out.append(RawMention(c + 1, e, "place", key, from_ner=False, within=(s, e)))
    return out


# Role nouns also said of companies and countries ("a leader in chips", "a member of NATO").
_NOT_ONLY_PEOPLE = frozenset(
    "head chief leader member player executive general major official representative principal "
    "chair deputy founder co-founder candidate captain manager".split()
)


def _noun_kind(tok: Token) -> str | None:
    low = tok.lemma_.lower()
    if low in ORG_NOUNS:
        return "organisation"
    if low in PLACE_NOUNS:
        return "place"
    if low in THING_NOUNS:
        return "thing"
    if low in PERSON_NOUNS and low not in _NOT_ONLY_PEOPLE:
        return "person"
    return None


def _with_article(tok: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("a", "an", "the") for c in tok.children)


def said_to_be(doc: Doc, m: RawMention) -> str | None:
    """What the text says the name is, by a noun with an article beside it: an appositive
    ("Silego, a chip company"; "the game Tron") or the complement of "is" ("Mocha is a test
    framework"): "organisation", "place", "thing" (a work, product or other object), "person".
    Beside a full name NER took for a person's, an appositive is not trusted: in lists and
    tables such nouns belong to the words around it ("the committee, Anatoly Gorokhovsky")."""
    root = doc[m.start : m.end].root
    head = root.head
    if root.dep_ == "nsubj" and head.lemma_ == "be" and head.i > root.i:
        for child in head.children:
            if child.dep_ == "attr" and child.pos_ == "NOUN" and _with_article(child):
                return _noun_kind(child)
    if m.label == "person" and m.end - m.start > 1:
        return None
    for child in root.children:
        if child.dep_ == "appos" and child.i >= m.end and child.pos_ == "NOUN":
            return _noun_kind(child) if _with_article(child) else None
    if root.dep_ in ("appos", "compound") and head.i == m.start - 1 and head.pos_ == "NOUN":
        return _noun_kind(head) if _with_article(head) else None  # "the game Tron"
    if (
        m.start > 1
        and doc[m.start - 1].pos_ == "NOUN"
        and doc[m.start - 1].is_lower
        and doc[m.start - 2].lower_ in ("the", "a", "an")
    ):
        return _noun_kind(doc[m.start - 1])  # "the company Vidyard", parsed any way
    return None


def place_context(doc: Doc, m: RawMention) -> bool:
    """The mention is the object of a locative preposition ("in Paris")."""
    root = doc[m.start : m.end].root
    return (
        root.dep_ == "pobj"
        and root.head.lower_ in LOCATIVE
        or (m.start > 0 and doc[m.start - 1].lower_ in LOCATIVE)
    )


def honorific_before(doc: Doc, i: int) -> str | None:
    if i > 0 and doc[i - 1].lower_ in HONORIFICS:
        return doc[i - 1].lower_.rstrip(".")
    return None
