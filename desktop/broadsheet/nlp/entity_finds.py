"""Mentions NER missed: known names found again, names inside longer names, and proper nouns
that no NER span covers."""

from __future__ import annotations

from collections import defaultdict

from spacy.tokens import Doc

from .cues import SAYING_VERBS
from .entity_groups import Groups, Resolver
from .entity_mentions import LABELS, RawMention, honorific_before, mention_key, person_noun
from .gazetteer import is_place, is_strong_place
from .names import DIRECTIONS, TITLE_WORDS, family_name_first, surname
from .quotes import ALL_MARKS, SINGLE_CLOSE, SINGLE_OPEN

_ARGUMENT = frozenset(("nsubj", "dobj", "pobj", "nsubjpass", "conj"))
_QUOTE_MARKS = frozenset(ALL_MARKS + "'" + SINGLE_OPEN + SINGLE_CLOSE)
_NAME_GLUE = frozenset(("of", "and", "&", "for", "de"))


def scan_more(
    gs: Groups, res: Resolver, raws: list[RawMention], texts: list[str]
) -> list[RawMention]:
    """Occurrences of known names that NER missed ("Montalvo" in a sentence it did not tag)."""
    doc = gs.doc
    covered = bytearray(len(doc))
    for m in raws:
        covered[m.start : m.end] = b"\x01" * (m.end - m.start)
    forms: dict[str, list[tuple[tuple[str, ...], int | None, str, str]]] = defaultdict(list)
    seen: set[tuple[str, ...]] = set()
    for m in raws:
        toks = tuple(t.text for t in doc[m.start : m.end])
        if toks in seen or len(toks) > 5:
            continue
        seen.add(toks)
        target = None if " " not in m.key and len(res.candidates(m.key)) > 1 else gs.find(m.group)
        forms[toks[0]].append((toks, target, m.key, m.label))
    for g in res.weight:  # family names of people, for "Mr Key" when only "John Key" was tagged
        name = gs.longest_text(g)
        key_words = gs.keys[g].split()
        fam = surname(name, key_words)
        word = name.split()[0 if family_name_first(name) else -1]
        if word.lower() == fam and (word,) not in seen:
            seen.add((word,))
            forms[word].append(((word,), None, fam, "person"))
    out: list[RawMention] = []
    i, n = 0, len(doc)
    while i < n:
        cands = forms.get(texts[i]) if not covered[i] else None
        hit = None
        for toks, target, key, label in cands or ():
            j = i + len(toks)
            if (
                j <= n
                and not any(covered[i:j])
                and all(texts[i + k] == t for k, t in enumerate(toks))
            ):
                if len(toks) == 1 and not _isolated_name(doc, i):
                    continue
                if hit is None or len(toks) > len(hit[0]):
                    hit = (toks, target, key, label)
        if hit is None:
            i += 1
            continue
        toks, target, key, label = hit
        m = RawMention(i, i + len(toks), label, key, from_ner=False)
        if target is None:
            words = {h} if (h := honorific_before(doc, i)) else set()
            target = res.pick(key, words, i)
        if target is None:
            i += len(toks)
            continue
        m.group = target
        out.append(m)
        i += len(toks)
    return out


_NOT_NAMES = frozenset(
    ("DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "NORP")
)


# Words that make a part of a place out of a place: "Kowloon West" is part of Kowloon, not a
# place named after it, and "New York" holds no "York".
_REGION_WORDS = frozenset(
    """
north south east west northern southern eastern western central upper lower greater new old
island islands city county province state district region downtown metropolitan
""".split()
)


_MEDIA = frozenset(
    """
times post journal news herald tribune gazette daily magazine telegraph guardian observer
chronicle courier express mail star sun standard record review weekly
""".split()
)


def _facility_word(word: str) -> bool:
    """ "Arena", "Stadium": a word that can make a place out of a name; "D.C." cannot."""
    return word.isalpha() and word.istitle() and len(word) > 3


def _region(key: str) -> bool:
    return any(w in _REGION_WORDS for w in key.split())


def nested_names(gs: Groups, raws: list[RawMention]) -> list[RawMention]:
    """Names inside other names: "Andy Warhol" in "Andy Warhol Foundation", "Texas" in
    "University of Texas", "Google" in the product "Google Chrome". The text does mention them;
    the outer name stays whole."""
    doc = gs.doc
    known: dict[tuple[str, ...], int] = {}
    for m in raws:
        if m.end - m.start <= 4:
            known.setdefault(tuple(t.text for t in doc[m.start : m.end]), m.group)
    outers: list[tuple[int, int, int | None]] = [
        (m.start, m.end, gs.find(m.group))
        for m in raws
        if m.end - m.start >= 2
        and (
            m.label == "organisation"
            or m.label == "place"
            and not is_place(m.key)
            and not _region(m.key)
            and _facility_word(doc[m.end - 1].text)
        )
    ]
    # Works, products and events are not listed, but the names inside them are.
    outers += [
        (e.start, e.end, None)
        for e in doc.ents
        if e.label_ not in _NOT_NAMES and e.label_ not in LABELS and len(e) >= 2
    ]
    out: list[RawMention] = []
    for start, end, outer in outers:
        i = start
        while i < end:
            hit = None
            if (
                i > start
                and doc[i - 1].lower_ == "of"
                and not is_place(mention_key(doc[i].text))
                and not is_place(mention_key(doc[i : i + 2].text))
            ):
                i += 1  # "Scientology" in "Church of Scientology" is the church itself
                continue
            for j in range(min(end, i + 4), i, -1):
                if (i, j) == (start, end) or j == i + 1 and doc[i].lower_ in DIRECTIONS:
                    continue  # "North" alone is no name ("North Carolina" is)
                g = known.get(tuple(t.text for t in doc[i:j]))
                if (
                    g is None
                    and doc[i].text[:1].isupper()
                    and (is_strong_place(key := mention_key(doc[i:j].text)))
                ):
                    # A name that begins with a place ("Volgograd Arena") mentions it; one
                    # named after it ("University of Sheffield") only if the text names the
                    # place elsewhere too.
                    new = (
                        -1
                        if outer is None or i == start and doc[end - 1].lower_ not in _MEDIA
                        else None
                    )  # "The New York Times" is no news about New York
                    g = gs.index.get(key, new)
                if g is not None and (g < 0 or gs.find(g) != outer):
                    hit = (j, g)
                    break
            if hit is None:
                i += 1
                continue
            j, g = hit
            if g < 0:
                out.append(
                    gs.add(
                        RawMention(
                            i,
                            j,
                            "place",
                            mention_key(doc[i:j].text),
                            from_ner=False,
                            within=(start, end),
                        )
                    )
                )
            else:
                out.append(
                    RawMention(
                        i,
                        j,
                        gs.members[g][0].label,
                        gs.keys[g],
                        from_ner=False,
                        group=gs.find(g),
                        within=(start, end),
                    )
                )
            i = j
    return out


def _heading_tokens(doc: Doc, texts: list[str]) -> bytearray:
    """Per token: 1 on a line that reads like a heading or caption (mostly capitalised words,
    or "Image: …"), where capitals say nothing about names. Works on the token texts alone:
    creating spaCy tokens is what costs time here."""
    out = bytearray(len(texts))
    start = 0
    for i in range(len(texts) + 1):
        if i < len(texts) and "\n" not in texts[i]:
            continue
        words = [t for t in texts[start:i] if t.isalpha()]
        caps = sum(1 for w in words if w[0].isupper())
        if words and (caps >= 0.6 * len(words) or words[0].lower() in ("image", "video", "audio")):
            out[start:i] = b"\x01" * (i - start)
        start = i + 1
    return out


def _bare_name(doc: Doc, i: int, j: int, heading: bytearray, covered: bytearray) -> bool:
    """Proper nouns NER missed that still name something: in an argument position, not at the
    start of a sentence or in a heading, and not a part of a longer name ("… of Science and
    Technology")."""
    if doc[i].is_sent_start or heading[i] or doc[i:j].root.dep_ not in _ARGUMENT:
        return False
    prev = doc[i - 1] if i else None
    if prev is not None and (
        prev.is_space  # a line start
        or covered[i - 1]
        and prev.ent_type_ not in _NOT_NAMES  # "Johnnie Christmas"
        or not prev.whitespace_  # "Counter-Strike"
        or prev.tag_ == "POS"
        and i >= 2
        and not covered[i - 2]  # "Prime Minister's Questions"
        or prev.text in _QUOTE_MARKS
        and j < len(doc)
        and doc[j].text in _QUOTE_MARKS
    ):
        return False
    nxt = doc[j] if j < len(doc) else None
    if (
        nxt is not None
        and covered[j]
        and doc[j - 1].whitespace_
        and nxt.ent_type_ not in _NOT_NAMES
    ):
        return False
    if any(t.is_stop or t.lower_ in TITLE_WORDS or t.like_num for t in doc[i:j]):
        return False
    before = doc[i - 2] if i >= 2 else None
    after = doc[j + 1] if j + 1 < len(doc) else None
    # Glued to untagged capitals, the run is part of a longer name; next to a tagged name
    # ("Frederick Fung of ADPL") it is a name of its own.
    if (
        before is not None
        and doc[i - 1].lower_ in _NAME_GLUE
        and before.text[:1].isupper()
        and not covered[i - 2]
    ):
        return False
    return not (
        after is not None
        and doc[j].lower_ in _NAME_GLUE
        and after.text[:1].isupper()
        and not covered[j + 1]
    )


def _employer(doc: Doc, i: int, j: int, heading: bytearray) -> bool:
    """ "Facebook" in "Facebook creator Mark Zuckerberg": a proper noun before a title that is
    followed by a person's name names the person's organisation (or country)."""
    if heading[i] or j >= len(doc) or doc[i].is_sent_start and j - i == 1:
        return False
    title = doc[j]
    root = doc[i:j].root
    return (
        root.dep_ == "compound"
        and root.head.i == j
        and person_noun(title)
        and j + 1 < len(doc)
        and doc[j + 1].ent_type_ == "PERSON"
    )


def untagged_names(doc: Doc, texts: list[str], raws: list[RawMention]) -> list[RawMention]:
    """Names NER did not tag: a whole run of capitalised proper nouns outside any entity, as a
    place when it is a country, capital, region or big city ("Bonaire"), else by context."""
    covered = bytearray(len(doc))
    for e in doc.ents:
        covered[e.start : e.end] = b"\x01" * len(e)
    for m in raws:
        covered[m.start : m.end] = b"\x01" * (m.end - m.start)
    heading = _heading_tokens(doc, texts)
    out: list[RawMention] = []
    i, n = 0, len(doc)
    while i < n:
        if covered[i] or not texts[i][:1].isupper() or doc[i].pos_ != "PROPN":
            i += 1
            continue
        j = i
        while j < n and not covered[j] and texts[j][:1].isupper() and doc[j].pos_ == "PROPN":
            j += 1
        key = mention_key(doc[i:j].text)
        if j - i <= 3 and is_strong_place(key) and not doc[i].is_sent_start:
            out.append(RawMention(i, j, "place", key, from_ner=False))
        elif j - i <= 3 and _employer(doc, i, j, heading):
            out.append(
                RawMention(i, j, "place" if is_place(key) else "organisation", key, from_ner=False)
            )
        elif j - i <= 3 and _bare_name(doc, i, j, heading, covered):
            root = doc[i:j].root
            kind = (
                "place"
                if is_place(key)
                else "person"
                if (root.dep_ == "nsubj" and root.head.lemma_ in SAYING_VERBS)
                else "organisation"
            )
            out.append(RawMention(i, j, kind, key, from_ner=False))
        i = j
    return out


def _isolated_name(doc: Doc, i: int) -> bool:
    """A lone proper noun, not part of a longer name ("Key" yes, "Key West" no)."""
    t = doc[i]
    if t.pos_ != "PROPN":
        return False
    if i + 1 < len(doc) and doc[i + 1].pos_ == "PROPN" and doc[i + 1].text[:1].isupper():
        return False
    prev = doc[i - 1] if i > 0 else None
    return not (
        prev is not None
        and prev.pos_ == "PROPN"
        and prev.text[:1].isupper()
        and honorific_before(doc, i) is None
    )
