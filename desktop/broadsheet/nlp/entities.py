"""The ``broadsheet_entities`` spaCy component: NER mentions consolidated into people, places and
organisations. Results go to ``doc._.bs_entities`` (a list of ``facts.Entity``, ids "e1", …, in
order of salience).

Steps: clean the NER spans (``entity_mentions``) and add proper nouns NER missed; group them by
a spelling-insensitive key; join acronyms, "the Church"-style short forms and short person names
to the full names they stand for (the latter one mention at a time, so that two people sharing a
family name stay apart); find further mentions of known names, also inside longer names; give
each entity one kind (votes, context, gazetteer), a display name, roles and a salience; link
clear pronouns and repeated titles ("the North Korean leader") to people.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from spacy.attrs import SPACY
from spacy.language import Language
from spacy.tokens import Doc

from ..facts import Entity, Mention
from .entity_mentions import (
    LABELS,
    RawMention,
    honorific_before,
    mention_key,
    ner_mentions,
    place_context,
)
from .entity_pronouns import link_pronouns
from .gazetteer import gazetteer, is_place, is_strong_place
from .names import (
    GENERIC_ORG_HEADS,
    ROLE_NOUNS,
    SPEECH_VERBS,
    TITLE_MODIFIERS,
    acronym,
    family_name_first,
    given_name,
    looks_acronym,
    surname,
)

if not Doc.has_extension("bs_entities"):
    Doc.set_extension("bs_entities", default=None)

_TITLE_ALL = ROLE_NOUNS | TITLE_MODIFIERS
_ARGUMENT = frozenset(("nsubj", "dobj", "pobj", "nsubjpass", "conj"))
_NAME_GLUE = frozenset(("of", "and", "&", "for", "de"))
_DIRECTIONS = frozenset(("north", "south", "east", "west"))
_KIND_ORDER = ("person", "organisation", "place")  # ties go to the earlier kind


class _Groups:
    """Mentions grouped by key, with a union-find over the groups."""

    def __init__(self, doc: Doc, raws: list[RawMention]) -> None:
        self.doc = doc
        self.keys: list[str] = []
        self.index: dict[str, int] = {}
        self.members: list[list[RawMention]] = []
        for m in raws:
            g = self.index.get(m.key)
            if g is None:
                g = self.index[m.key] = len(self.keys)
                self.keys.append(m.key)
                self.members.append([])
            self.members[g].append(m)
            m.group = g
        self.parent = list(range(len(self.keys)))

    def add(self, m: RawMention) -> RawMention:
        """File a mention found late under its key, creating its group if need be."""
        g = self.index.get(m.key)
        if g is None:
            g = self.index[m.key] = len(self.keys)
            self.keys.append(m.key)
            self.members.append([])
            self.parent.append(g)
        self.members[g].append(m)
        m.group = self.find(g)
        return m

    def find(self, g: int) -> int:
        while self.parent[g] != g:
            self.parent[g] = self.parent[self.parent[g]]
            g = self.parent[g]
        return g

    def union(self, a: int, b: int) -> None:
        """Join group ``a`` into ``b`` (``b`` stays the root)."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[ra] = rb

    def longest_text(self, g: int) -> str:
        return max((m.text(self.doc) for m in self.members[g]), key=len)

    def votes(self, groups: list[int]) -> Counter[str]:
        c: Counter[str] = Counter()
        for g in groups:
            for m in self.members[g]:
                c[m.label] += 1 + (m.end - m.start > 1 and m.label == "person")
        return c


def _merge_acronyms(gs: _Groups) -> None:
    """"KPA" joins "Korean People's Army", "DPRK" joins a group of that name's initials."""
    by_initials: dict[str, list[int]] = defaultdict(list)
    for g, key in enumerate(gs.keys):
        if " " in key:
            by_initials[acronym(gs.longest_text(g)).lower()].append(g)
    for g, key in enumerate(gs.keys):
        if " " in key or not any(looks_acronym(m.text(gs.doc)) for m in gs.members[g]):
            continue
        if (root := _dominant(gs, set(by_initials.get(key, ())))) is not None:
            gs.union(g, root)


def _merge_org_parts(gs: _Groups) -> None:
    """"the Church" joins "Church of Scientology", "Scientology" joins it too, "Freedom" joins
    "Freedom Magazine": a short name that is the head or the "of" part of one longer name."""
    multi = [g for g, k in enumerate(gs.keys) if " " in k]
    by_first: dict[str, set[int]] = defaultdict(set)
    by_last: dict[str, set[int]] = defaultdict(set)
    by_tail: dict[str, set[int]] = defaultdict(set)
    by_stem: dict[str, set[int]] = defaultdict(set)
    for g in multi:
        v = gs.votes([g])
        if v["person"] > v["organisation"] + v["place"]:
            continue
        toks = gs.keys[g].split()
        by_first[toks[0]].add(g)
        by_last[toks[-1]].add(g)
        if "of" in toks[1:-1]:
            by_tail[" ".join(toks[toks.index("of") + 1:])].add(g)
        if toks[-1] in GENERIC_ORG_HEADS:
            by_stem[" ".join(toks[:-1])].add(g)
    for g, key in enumerate(gs.keys):
        v = gs.votes([g])
        if " " in key or v["person"] > v["organisation"] + v["place"]:
            continue
        if key in _DIRECTIONS:  # "the North" in a text about North Korea
            found = by_first.get(key, set())
        elif key in gazetteer().country_of_key:
            continue
        elif is_place(key) or v["place"] > v["organisation"]:
            # "Korea" in a text about South Korea; never a country ("Sudan", "South Sudan")
            found = {h for h in by_last.get(key, ()) if gs.votes([h])["place"]}
        elif key in GENERIC_ORG_HEADS:
            found = by_first.get(key) or by_last.get(key) or set()
        else:
            found = by_tail.get(key) or by_stem.get(key) or set()
        if (root := _dominant(gs, found)) is not None:
            gs.union(g, root)


def _dominant(gs: _Groups, found: set[int]) -> int | None:
    """The one candidate, or the one mentioned at least twice as often as any other."""
    sizes: Counter[int] = Counter()
    for h in found:
        sizes[gs.find(h)] += len(gs.members[h])
    if not sizes:
        return None
    ranked = sizes.most_common(2)
    if len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]:
        return ranked[0][0]
    return None


def _person_groups(gs: _Groups) -> list[int]:
    out = []
    for g, key in enumerate(gs.keys):
        if " " in key and gs.find(g) == g:
            v = gs.votes([h for h in range(len(gs.keys)) if gs.find(h) == g])
            if v["person"] and (v["person"] >= max(v.values()) or not is_place(key)):
                out.append(g)
    return out


def _merge_name_variants(gs: _Groups, people: list[int]) -> None:
    """"Donald Trump" joins "Donald J. Trump": same first and last word, one a subset."""
    toks = {g: gs.keys[g].split() for g in people}
    for a in people:
        for b in people:
            ta, tb = toks[a], toks[b]
            if len(ta) < len(tb) and ta[-1] == tb[-1] and (
                    ta[0] == tb[0] and set(ta) <= set(tb) or ta == tb[-len(ta):]):
                gs.union(a, b)  # "Donald J. Trump", "Scientologist Tom Cruise"
            elif a < b and len(ta) == len(tb) == 2 and ta[-1] == tb[-1] and _one_edit(ta[0], tb[0]):
                gs.union(a, b)  # "Kristen Wilkins" / "Kristin Wilkins": a misspelt given name


def _one_edit(a: str, b: str) -> bool:
    if min(len(a), len(b)) < 4 or abs(len(a) - len(b)) > 1 or a[0] != b[0]:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


class _Resolver:
    """Chooses the person a short name ("Kim", "Professor Kim", "Ahmed") stands for."""

    def __init__(self, gs: _Groups, people: list[int]) -> None:
        self.gs = gs
        self.by_surname: dict[str, set[int]] = defaultdict(set)
        self.by_given: dict[str, set[int]] = defaultdict(set)
        roots = {gs.find(g) for g in people}
        self.weight: dict[int, float] = {}
        self.role_words: dict[int, set[str]] = defaultdict(set)
        for g in range(len(gs.keys)):
            r = gs.find(g)
            if r in roots:
                for m in gs.members[g]:
                    self.role_words[r] |= m.role_words
                # Salience of a candidate: mentions, with earlier first mention breaking ties.
                self.weight[r] = self.weight.get(r, 0.0) + len(gs.members[g]) \
                    - gs.members[g][0].start * 1e-7
        for g in people:
            name, toks = gs.longest_text(g), gs.keys[g].split()
            r = gs.find(g)
            self.by_surname[surname(name, toks)].add(r)
            if (given := given_name(name, toks)) is not None:
                self.by_given[given].add(r)

    def candidates(self, key: str) -> set[int]:
        return self.by_surname.get(key) or self.by_given.get(key) or set()

    def pick(self, key: str, role_words: set[str]) -> int | None:
        cands = self.candidates(key)
        if not cands:
            return None
        if len(cands) > 1 and role_words:
            # "Professor Kim" is the Kim the text introduced as a professor.
            fitting = [c for c in cands if self.role_words[c] & role_words]
            if len(fitting) == 1:
                return fitting[0]
        return max(cands, key=lambda c: self.weight.get(c, 0.0))


def _assign_short_names(gs: _Groups, res: _Resolver) -> None:
    doc = gs.doc
    for g, key in enumerate(gs.keys):
        if " " in key or not res.candidates(key) or gs.find(g) != g:
            continue
        for m in gs.members[g]:
            if m.label == "place" and is_place(key) and place_context(doc, m):
                continue  # "in Paris" stays the city even when a Valeska Paris is quoted
            words = set(m.role_words)
            if h := honorific_before(doc, m.start):
                words.add(h)
            target = res.pick(key, words)
            if target is not None:
                m.group = target


def _scan_more(gs: _Groups, res: _Resolver, raws: list[RawMention], texts: list[str]
               ) -> list[RawMention]:
    """Occurrences of known names that NER missed ("Montalvo" in a sentence it did not tag)."""
    doc = gs.doc
    covered = bytearray(len(doc))
    for m in raws:
        covered[m.start:m.end] = b"\x01" * (m.end - m.start)
    forms: dict[str, list[tuple[tuple[str, ...], int | None, str, str]]] = defaultdict(list)
    seen: set[tuple[str, ...]] = set()
    for m in raws:
        toks = tuple(t.text for t in doc[m.start:m.end])
        if toks in seen or len(toks) > 5:
            continue
        seen.add(toks)
        target = None if " " not in m.key and len(res.candidates(m.key)) > 1 else gs.find(m.group)
        forms[toks[0]].append((toks, target, m.key, m.label))
    for g in res.weight:  # family names of people, for "Mr Key" when only "John Key" was tagged
        name = gs.longest_text(g)
        toks = gs.keys[g].split()
        fam = surname(name, toks)
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
            if j <= n and not any(covered[i:j]) and all(
                    texts[i + k] == t for k, t in enumerate(toks)):
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
            target = res.pick(key, words)
        if target is None:
            i += len(toks)
            continue
        m.group = target
        out.append(m)
        i += len(toks)
    return out


_NOT_NAMES = frozenset(("DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL",
                        "NORP"))


def _nested(gs: _Groups, raws: list[RawMention]) -> list[RawMention]:
    """Names inside other names: "Andy Warhol" in "Andy Warhol Foundation", "Texas" in
    "University of Texas", "Google" in the product "Google Chrome". The text does mention them;
    the outer name stays whole."""
    doc = gs.doc
    known: dict[tuple[str, ...], int] = {}
    for m in raws:
        if m.end - m.start <= 4:
            known.setdefault(tuple(t.text for t in doc[m.start:m.end]), m.group)
    outers: list[tuple[int, int, int | None]] = [
        (m.start, m.end, gs.find(m.group)) for m in raws
        if m.label == "organisation" and m.end - m.start >= 2]
    # Works, products and events are not listed, but the names inside them are.
    outers += [(e.start, e.end, None) for e in doc.ents
               if e.label_ not in _NOT_NAMES and e.label_ not in LABELS and len(e) >= 2]
    out: list[RawMention] = []
    for start, end, outer in outers:
        i = start
        while i < end:
            hit = None
            if doc[i].lower_ in _DIRECTIONS or (i > start and doc[i - 1].lower_ == "of"
                                                and not is_place(mention_key(doc[i].text))):
                i += 1  # "Scientology" in "Church of Scientology" is the church itself
                continue
            for j in range(min(end, i + 4), i, -1):
                if (i, j) == (start, end):
                    continue
                g = known.get(tuple(t.text for t in doc[i:j]))
                if g is None and doc[i].text[:1].isupper() and (
                        is_strong_place(key := mention_key(doc[i:j].text))):
                    # An organisation named after a place ("University of Sheffield") lists
                    # the place only if the text names it elsewhere too.
                    g = gs.index.get(key, -1 if outer is None else None)
                if g is not None and (g < 0 or gs.find(g) != outer):
                    hit = (j, g)
                    break
            if hit is None:
                i += 1
                continue
            j, g = hit
            if g < 0:
                out.append(gs.add(RawMention(i, j, "place", mention_key(doc[i:j].text),
                                             from_ner=False)))
            else:
                out.append(RawMention(i, j, gs.members[g][0].label, gs.keys[g], from_ner=False,
                                      group=gs.find(g)))
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
    if any(t.is_stop or t.lower_ in _TITLE_ALL or t.like_num for t in doc[i:j]):
        return False
    before = doc[i - 2] if i >= 2 else None
    after = doc[j + 1] if j + 1 < len(doc) else None
    # Glued to untagged capitals, the run is part of a longer name; next to a tagged name
    # ("Frederick Fung of ADPL") it is a name of its own.
    if before is not None and doc[i - 1].lower_ in _NAME_GLUE and before.text[:1].isupper() \
            and not covered[i - 2]:
        return False
    return not (after is not None and doc[j].lower_ in _NAME_GLUE and after.text[:1].isupper()
                and not covered[j + 1])


def _untagged_names(doc: Doc, texts: list[str], raws: list[RawMention]) -> list[RawMention]:
    """Names NER did not tag: a whole run of capitalised proper nouns outside any entity, as a
    place when it is a country, capital, region or big city ("Bonaire"), else by context."""
    covered = bytearray(len(doc))
    for e in doc.ents:
        covered[e.start:e.end] = b"\x01" * len(e)
    for m in raws:
        covered[m.start:m.end] = b"\x01" * (m.end - m.start)
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
        elif j - i <= 3 and _bare_name(doc, i, j, heading, covered):
            root = doc[i:j].root
            kind = "place" if is_place(key) else "person" if (
                root.dep_ == "nsubj" and root.head.lemma_ in SPEECH_VERBS) else "organisation"
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
    return not (prev is not None and prev.pos_ == "PROPN" and prev.text[:1].isupper()
                and honorific_before(doc, i) is None)


def _kind(gs: _Groups, key: str, ms: list[RawMention]) -> str:
    votes: Counter[str] = Counter()
    person_evidence = False
    for m in ms:
        votes[m.label] += 1 + (m.end - m.start > 1 and m.label == "person")
        person_evidence |= bool(m.role_words) or (m.label == "person" and " " in m.key
                                                  and not is_place(m.key))
    if key in gazetteer().country_of_key:
        return "place"  # countries named as actors ("Washington has warned") stay places
    if key.split()[-1] in GENERIC_ORG_HEADS and " " in key:
        votes["organisation"] += votes["person"] + 1  # "John Birch Society" is no person
        person_evidence = False
    kind = max(_KIND_ORDER, key=lambda k: (votes[k], -_KIND_ORDER.index(k)))
    if kind == "person" and not person_evidence and is_place(key) and (
            votes["place"] or is_strong_place(key) or any(place_context(gs.doc, m) for m in ms)
            or not any(m.label == "person" and m.from_ner and
                       gs.doc[m.start:m.end].root.dep_ in ("nsubj", "nsubjpass") for m in ms)):
        kind = "place"  # "visited Vladivostok" tagged PERSON
    return kind


def _display_name(gs: _Groups, ms: list[RawMention], kind: str, text: str
                  ) -> tuple[str, list[str]]:
    doc = gs.doc
    ms = sorted(ms, key=lambda m: m.start)
    forms_of = [text[a:b] for a, b in (_char_span(doc, m) for m in ms)]
    counts: Counter[str] = Counter(f for f, m in zip(forms_of, ms, strict=True) if m.from_ner) \
        or Counter(forms_of)
    forms = list(counts)
    if kind == "person":
        # News names a person in full at the first mention: the first form of two words or more.
        full = [f for f in forms if len(f.split()) > 1]
        name = full[0] if full else max(forms, key=lambda f: counts[f])
    else:
        name = max(forms, key=lambda f: (not looks_acronym(f), len(f.split()), counts[f], len(f)))
    seen = {name.lower()}
    aliases = []
    for f in forms:
        if f.lower() not in seen:
            seen.add(f.lower())
            aliases.append(f)
    return name, aliases


def _nominals(doc: Doc, texts: list[str], people: dict[int, list[RawMention]],
              raws: list[RawMention]) -> dict[int, list[RawMention]]:
    """"the North Korean leader" after "North Korean leader Kim Jong Un": a definite noun
    phrase that repeats the title one person (and only one) was given."""
    owners: dict[str, set[int]] = defaultdict(set)
    for r, ms in people.items():
        for m in ms:
            for role in m.roles:
                words = role.split()
                if len(words) >= 2 and words[0].lower() not in ("a", "an", "the"):
                    owners[role.lower()].add(r)
    if not owners:
        return {}
    taken = {i for m in raws for i in range(m.start, m.end)}
    out: dict[int, list[RawMention]] = defaultdict(list)
    wanted = [(role.split(), next(iter(rs))) for role, rs in owners.items() if len(rs) == 1]
    lower = [t.lower() for t in texts]
    for i, word in enumerate(lower):
        if word != "the":
            continue
        for words, r in wanted:
            end = i + 1 + len(words)
            if lower[i + 1:end] == words and not taken.intersection(range(i, end)) \
                    and (end == len(doc) or doc[end].pos_ != "PROPN"):
                out[r].append(RawMention(i, end, "nominal", " ".join(words), from_ner=False))
                break
    return out


def _char_span(doc: Doc, m: RawMention) -> tuple[int, int]:
    """Character offsets; a possessive the tokenizer left on the word ("Trump’s") is cut."""
    last = doc[m.end - 1]
    end = last.idx + len(last)
    if len(last.text) > 2 and last.text[-2:].lower() in ("'s", "\u2019s"):
        end -= 2
    return doc[m.start].idx, end


def _salience(doc: Doc, ms: list[RawMention], first_line_end: int) -> float:
    """Frequency, weighted up for the headline, early mentions and grammatical subjects."""
    n = max(len(doc), 1)
    score = 0.0
    for m in ms:
        w = 1.0 if m.label != "pronoun" else 0.5
        if doc[m.start].idx < first_line_end:
            w += 1.5
        if doc[m.start:m.end].root.dep_ in ("nsubj", "nsubjpass"):
            w += 0.5
        w *= 1.5 - m.start / n
        score += w
    return score


class EntityGrouper:
    def __call__(self, doc: Doc) -> Doc:
        # Token texts and the doc's text in one pass: each spaCy token object costs time.
        with_ws = [t.text_with_ws for t in doc]
        spaces = doc.to_array(SPACY)
        texts = [w[:-1] if sp else w for w, sp in zip(with_ws, spaces, strict=True)]
        text = "".join(with_ws)
        raws = ner_mentions(doc)
        raws += _untagged_names(doc, texts, raws)
        gs = _Groups(doc, raws)
        _merge_acronyms(gs)
        _merge_org_parts(gs)
        people = _person_groups(gs)
        _merge_name_variants(gs, people)
        res = _Resolver(gs, people)
        _assign_short_names(gs, res)
        raws += _scan_more(gs, res, raws, texts)
        raws += _nested(gs, [m for m in raws if m.from_ner])
        by_root: dict[int, list[RawMention]] = defaultdict(list)
        for m in raws:
            by_root[gs.find(m.group)].append(m)
        kinds = {r: _kind(gs, gs.keys[r], ms) for r, ms in by_root.items()}
        people = {r: ms for r, ms in by_root.items() if kinds[r] == "person"}
        pronouns = link_pronouns(doc, texts, people)
        for r, ms in _nominals(doc, texts, people, raws).items():
            pronouns.setdefault(r, []).extend(ms)
        first_line_end = max(text.find("\n"), 0)
        entities: list[Entity] = []
        for r, ms in by_root.items():
            if gs.keys[r] in GENERIC_ORG_HEADS:
                continue  # "the Government" that no full name in the text explains
            name, aliases = _display_name(gs, ms, kinds[r], text)
            roles: list[str] = []
            for m in sorted(ms, key=lambda m: m.start):
                for role in m.roles:
                    if role.lower() not in (x.lower() for x in roles):
                        roles.append(role)
            all_ms = ms + pronouns.get(r, [])
            mentions = sorted({_char_span(doc, m) for m in all_ms})
            entities.append(Entity(
                id="", kind=kinds[r], name=name, aliases=aliases, roles=roles,
                salience=_salience(doc, all_ms, first_line_end),
                mentions=[Mention(s, e, text[s:e]) for s, e in mentions],
            ))
        total = sum(e.salience for e in entities) or 1.0
        for e in entities:
            e.salience /= total
        entities.sort(key=lambda e: (-e.salience, e.mentions[0].start))
        for i, e in enumerate(entities, 1):
            e.id = f"e{i}"
        doc._.bs_entities = entities
        return doc


@Language.factory("broadsheet_entities")
def make_entities(nlp: Language, name: str) -> EntityGrouper:
    return EntityGrouper()
