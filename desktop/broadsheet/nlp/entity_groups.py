"""Mention groups of one document and the rules that join them: one key per spelling, acronyms,
short forms of organisation and place names, and short person names resolved one mention at a
time (so that two people sharing a family name stay apart)."""

from __future__ import annotations

from collections import Counter, defaultdict

from spacy.tokens import Doc

from .entity_mentions import RawMention, honorific_before, place_context
from .gazetteer import gazetteer, is_place
from .names import (
    DIRECTIONS,
    GENERIC_ORG_HEADS,
    acronym,
    gender_of,
    given_name,
    looks_acronym,
    surname,
)


class Groups:
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


def merge_acronyms(gs: Groups) -> None:
    """ "KPA" joins "Korean People's Army", "DPRK" joins a group of that name's initials."""
    by_initials: dict[str, list[int]] = defaultdict(list)
    for g, key in enumerate(gs.keys):
        if " " in key:
            by_initials[acronym(gs.longest_text(g)).lower()].append(g)
    for g, key in enumerate(gs.keys):
        if " " in key or not any(looks_acronym(m.text(gs.doc)) for m in gs.members[g]):
            continue
        if (root := _dominant(gs, set(by_initials.get(key, ())))) is not None:
            gs.union(g, root)


def merge_org_parts(gs: Groups) -> None:
    """ "the Church" joins "Church of Scientology", "Scientology" joins it too, "Freedom" joins
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
        if toks[-2] != "of":  # "Livorno" is not "the Municipality of Livorno"
            by_last[toks[-1]].add(g)
        if "of" in toks[1:-1]:
            by_tail[" ".join(toks[toks.index("of") + 1 :])].add(g)
        if toks[-1] in GENERIC_ORG_HEADS:
            by_stem[" ".join(toks[:-1])].add(g)
    for g, key in enumerate(gs.keys):
        v = gs.votes([g])
        if " " in key or v["person"] > v["organisation"] + v["place"]:
            continue
        if key in DIRECTIONS:  # "the North" in a text about North Korea
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


def _dominant(gs: Groups, found: set[int]) -> int | None:
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


def person_groups(gs: Groups) -> list[int]:
    out = []
    for g, key in enumerate(gs.keys):
        if " " in key and gs.find(g) == g:
            v = gs.votes([h for h in range(len(gs.keys)) if gs.find(h) == g])
            if v["person"] and (v["person"] >= max(v.values()) or not is_place(key)):
                out.append(g)
    return out


def merge_name_variants(gs: Groups, people: list[int]) -> None:
    """ "Donald Trump" joins "Donald J. Trump": same first and last word, one a subset."""
    toks = {g: gs.keys[g].split() for g in people}
    for a in people:
        for b in people:
            ta, tb = toks[a], toks[b]
            if (
                len(ta) < len(tb)
                and ta[-1] == tb[-1]
                and (ta[0] == tb[0] and set(ta) <= set(tb) or ta == tb[-len(ta) :])
            ):
                gs.union(a, b)  # "Donald J. Trump", "Scientologist Tom Cruise"
            elif a < b and len(ta) == len(tb) == 2 and ta[-1] == tb[-1] and _one_edit(ta[0], tb[0]):
                gs.union(a, b)  # "Kristen Wilkins" / "Kristin Wilkins": a misspelt given name


def merge_org_variants(gs: Groups) -> None:
    """Organisation and place names that differ by a misspelt word ("the Untied Nations") or by
    a leading country ("the US State Department", "the State Department")."""
    multi = [g for g, k in enumerate(gs.keys) if " " in k]
    multi = [g for g in multi if (v := gs.votes([g]))["person"] <= v["organisation"] + v["place"]]
    countries = gazetteer().country_of_key
    for a in multi:
        ta = gs.keys[a].split()
        for n in (1, 2):
            rest = " ".join(ta[n:])
            if (
                len(ta) > n + 1
                and " ".join(ta[:n]) in countries
                and rest in gs.index
                and gs.index[rest] in multi
            ):
                gs.union(gs.index[rest], a)
        for b in multi:
            tb = gs.keys[b].split()
            if a < b and len(ta) == len(tb):
                diff = [(x, y) for x, y in zip(ta, tb, strict=True) if x != y]
                if len(diff) == 1 and _one_edit(*diff[0]):
                    gs.union(a, b)


def _one_edit(a: str, b: str) -> bool:
    if min(len(a), len(b)) < 4 or abs(len(a) - len(b)) > 1 or a[0] != b[0]:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        # one letter changed, or two neighbours swapped ("Untied" for "United")
        return (
            len(diff) == 1
            or len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


class Resolver:
    """Chooses the person a short name ("Kim", "Professor Kim", "Ahmed") stands for."""

    def __init__(self, gs: Groups, people: list[int]) -> None:
        self.gs = gs
        self.by_surname: dict[str, set[int]] = defaultdict(set)
        self.by_given: dict[str, set[int]] = defaultdict(set)
        roots = {gs.find(g) for g in people}
        self.weight: dict[int, float] = {}
        self.role_words: dict[int, set[str]] = defaultdict(set)
        self.starts: dict[int, list[int]] = defaultdict(list)  # tokens where each is named
        for g in range(len(gs.keys)):
            r = gs.find(g)
            if r in roots:
                for m in gs.members[g]:
                    self.role_words[r] |= m.role_words
                    self.starts[r].append(m.start)
                # Salience of a candidate: mentions, with earlier first mention breaking ties.
                self.weight[r] = (
                    self.weight.get(r, 0.0) + len(gs.members[g]) - gs.members[g][0].start * 1e-7
                )
        for g in people:
            name, toks = gs.longest_text(g), gs.keys[g].split()
            r = gs.find(g)
            self.by_surname[surname(name, toks)].add(r)
            if (given := given_name(name, toks)) is not None:
                self.by_given[given].add(r)

    def candidates(self, key: str) -> set[int]:
        return self.by_surname.get(key) or self.by_given.get(key) or set()

    def pick(self, key: str, role_words: set[str], at: int | None = None) -> int | None:
        """The person a short name at token ``at`` stands for: the one whose title or gender
        fits the words before it ("Professor Kim", "Mrs. Meadows"), else the one named in full
        earlier in the same sentence, else the one the text introduced first (its subject;
        "his wife Debbie Meadows" comes later), never by how often each is named."""
        cands = self.candidates(key)
        if len(cands) <= 1:
            return next(iter(cands), None)
        if role_words:
            # "Professor Kim" is the Kim the text introduced as a professor.
            fitting = [c for c in cands if self.role_words[c] & role_words]
            if len(fitting) == 1:
                return fitting[0]
            g = gender_of(role_words)
            if g is not None:
                same = [c for c in cands if gender_of(self.role_words[c]) == g]
                if len(same) == 1:
                    return same[0]
                cands = {c for c in cands if gender_of(self.role_words[c]) in (None, g)} or cands
        if at is not None:
            sent = self.gs.doc[at].sent.start
            near = {c for c in cands if any(sent <= k < at for k in self.starts[c])}
            if len(near) == 1:
                return near.pop()
        return min(cands, key=lambda c: (min(self.starts[c], default=0), -self.weight.get(c, 0.0)))


def assign_short_names(gs: Groups, res: Resolver) -> None:
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
            target = res.pick(key, words, m.start)
            if target is not None:
                m.group = target
