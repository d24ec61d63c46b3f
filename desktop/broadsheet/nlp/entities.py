"""The ``broadsheet_entities`` spaCy component: NER mentions consolidated into people, places and
organisations. Results go to ``doc._.bs_entities`` (a list of ``facts.Entity``, ids "e1", …, in
order of salience).

Steps: clean the NER spans (``entity_mentions``) and add proper nouns NER missed; group them by
a spelling-insensitive key; join acronyms, "the Church"-style short forms and short person names
to the full names they stand for (the latter one mention at a time, so that two people sharing a
family name stay apart); find further mentions of known names, also inside longer names; give
each entity one kind (votes, context, gazetteer), a display name, roles and a salience; drop
what is no person, place or organisation (faiths, feasts, events, websites, accounts, products,
lists of fields); link clear pronouns and repeated titles ("the North Korean leader") to people.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from spacy.attrs import SPACY
from spacy.language import Language
from spacy.tokens import Doc

from ..facts import Entity, Mention
from .entity_finds import nested_names, scan_more, untagged_names
from .entity_groups import (
    Groups,
    Resolver,
    assign_short_names,
    merge_acronyms,
    merge_name_variants,
    merge_org_parts,
    merge_org_variants,
    person_groups,
)
from .entity_mentions import RawMention, mention_key, ner_mentions, place_context, said_to_be
from .entity_pronouns import inside_quotes, link_pronouns, pronoun_votes
from .gazetteer import gazetteer, is_given_name, is_place, is_strong_place
from .names import (
    AGENT_SUFFIXES,
    COMMON_ACRONYMS,
    EVENT_HEADS,
    FACILITY_HEADS,
    GENERIC_ORG_HEADS,
    KNOWN_ORGANISATIONS,
    LAW_HEADS,
    MODEL_WORDS,
    NOT_ENTITIES,
    ORG_PART_WORDS,
    ORG_SUFFIXES,
    PERSON_NOUNS,
    PRODUCT_WORDS,
    ROLE_NOUNS,
    SOFTWARE_HEADS,
    TITLE_WORDS,
    looks_acronym,
)

if not Doc.has_extension("bs_entities"):
    Doc.set_extension("bs_entities", default=None)

_KIND_ORDER = ("person", "organisation", "place")  # ties go to the earlier kind
# NER labels of things that are no person, place or organisation.
_OTHER_LABELS = frozenset(("PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE"))
_WEBSITE = re.compile(r"\w\.(?:com|org|net|gov|edu|info|io)$", re.IGNORECASE)
# Ticker and quote codes ("Brent LCOc1", "EUR=", "Page A8"), code ("console.log(x", "Node.js")
# and accounts inside a name ("Twitter @LucasNolan"): no names.
_CODE = re.compile(r"=|\b[A-Z]{2,}[a-z]\d|^Page [A-Z]?\d+$|\w\(|\.js$|.@\w")
# Parts of speech of a word used as a common word ("the request headers", "select").
_COMMON_POS = frozenset(("NOUN", "VERB", "ADJ", "ADV"))


def _listed_field(doc: Doc, m: RawMention) -> bool:
    """The name is one of a list of capitalised fields that qualify a common noun ("the
    Architectural, Surveying, Planning and Landscape constituency"): subjects, not entities."""
    root = doc[m.start : m.end].root
    conjuncts = 1
    while root.dep_ == "conj" and root.head.i < root.i:
        root = root.head
        conjuncts += 1
    if conjuncts == 1:  # the first of the list: count what hangs on it
        conjuncts += sum(1 for t in root.subtree if t.dep_ == "conj" and t.i > root.i)
    head = root.head
    return (
        conjuncts >= 3
        and root.dep_ in ("compound", "nmod")
        and head.i >= m.end
        and head.pos_ == "NOUN"
        and head.text.islower()
        and head.lemma_ not in PERSON_NOUNS
        and not head.text.endswith(AGENT_SUFFIXES)
    )


def _common_uses(doc: Doc, text: str, by_root: dict[int, list[RawMention]]) -> Counter[str]:
    """How often each one-word name ("Headers", "SELECT") is also used in lower case as a common
    word: one pass over the text for all such names at once. Only names that may be terms are
    counted: every mention one word, no title or role, no known place or company."""
    words: set[str] = set()
    for ms in by_root.values():
        names = [m for m in ms if m.label not in ("pronoun", "nominal")]
        if names and all(m.end - m.start == 1 and not m.role_words for m in names):
            words.update(w for m in names if (w := doc[m.start].text.lower()).isalpha())
    words = {w for w in words if len(w) > 2 and not is_place(w) and w not in KNOWN_ORGANISATIONS}
    uses: Counter[str] = Counter()
    if not words:
        return uses
    pattern = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, words))) + r")\b")
    for hit in pattern.finditer(text):
        span = doc.char_span(hit.start(), hit.end())
        if span is not None and len(span) == 1 and span[0].pos_ in _COMMON_POS:
            uses[hit.group()] += 1
    return uses


def _common_word(key: str, ms: list[RawMention], uses: Counter[str]) -> bool:
    """A one-word name the text also uses as a common word at least half as often ("the request
    headers" beside "Headers"): a term, not a name (``uses`` counts only such candidates)."""
    names = sum(m.label not in ("pronoun", "nominal") for m in ms)
    return 2 * uses[key] >= names > 0


def _other_thing(
    gs: Groups,
    key: str,
    ms: list[RawMention],
    labels: dict[tuple[int, int], str],
    text: str,
    uses: Counter[str],
) -> bool:
    """A product, work, event, faith or website rather than a person, place or organisation:
    its name (a feast, a faith, "… Festival"), its form ("Gawker.com") or spaCy's own labels on
    its use (one of a list of fields) or spaCy's own labels on its mentions (tagged
    PRODUCT or WORK_OF_ART at least as often as a person, place or organisation) say so."""
    words = key.split()
    if words[0] in PRODUCT_WORDS or "shuttle" in words or words[-1] in SOFTWARE_HEADS:
        return True  # "Windows Vista", "Covid-19", "Space Shuttle Atlantis"
    doc = gs.doc
    if any(_CODE.search(doc[m.start : m.end].text) for m in ms if m.from_ner):
        return True
    if key in COMMON_ACRONYMS and all(m.end - m.start == 1 for m in ms):
        return True  # "the CPU", "VR"
    if len(words) > 1 and (_product_of_company(words) or words[-1] in LAW_HEADS):
        return True  # "Apple Vision", "Meta Quest Pro", "Data Retention Bill"
    if len(words) == 1 and key.endswith("ists") and len(key) > 6:
        return True  # "Islamists": a group of people, no organisation
    if key in NOT_ENTITIES or is_place(key) or any(m.role_words for m in ms):
        return key in NOT_ENTITIES
    if _common_word(key, ms, uses):
        return True
    if (
        len(words) > 1
        and words[-1] in EVENT_HEADS
        and any(
            " ".join(words[:k]) in gs.index or mention_key(" ".join(words[:k])) in gs.index
            for k in range(1, len(words) - 1)
        )
    ):
        return True  # "Google Science Fair" when Google is named: Google is the entity
    if len(words) == 1 and key.endswith(("ism", "phobia")) and len(key) > 6:
        return True  # "Islamophobia", "Communism": ideas
    named = [m for m in ms if m.from_ner]
    if named and all(
        _WEBSITE.search(text[doc[m.start].idx : doc[m.end - 1].idx + len(doc[m.end - 1])])
        for m in named
    ):
        return True
    names = [m for m in ms if m.label not in ("pronoun", "nominal")]
    if names and all(_listed_field(doc, m) for m in names):
        return True
    if named and all(text[doc[m.start].idx] in "@#" for m in named):
        return True  # "@POTUS", "#IStandWithAhmed": an account or a hashtag
    other = same = 0
    for m in named:
        label = labels.get((m.start, m.end))
        if label in _OTHER_LABELS:
            other += 1
        elif label is not None:
            same += 1
    return other > 0 and other >= same


def _kind(gs: Groups, key: str, ms: list[RawMention]) -> str:
    votes: Counter[str] = Counter()
    person_evidence = False
    # A bare surname after the full name ("Daniel Rothman … Rothman") is often tagged as a
    # company or a place: it votes with the full name.
    full_words = {
        t.text
        for m in ms
        if m.label == "person" and m.end - m.start > 1
        for t in gs.doc[m.start : m.end]
    }
    for m in ms:
        label = m.label
        if label != "person" and m.end - m.start == 1 and gs.doc[m.start].text in full_words:
            label = "person"
        votes[label] += 1 + (m.end - m.start > 1 and label == "person")
        person_evidence |= bool(m.role_words) or (
            m.label == "person" and " " in m.key and not is_place(m.key)
        )
    if key in gazetteer().country_of_key:
        return "place"  # a country named as an actor ("Russia warned") stays a place
    words = key.split()
    if key in KNOWN_ORGANISATIONS or len(words) > 1 and words[-1] in ORG_SUFFIXES:
        return "organisation"  # "Twitter", "Screen Actors Guild", "Manchester United"
    if len(words) > 1 and words[-1] in GENERIC_ORG_HEADS:
        votes["organisation"] += votes["person"] + 1  # "John Birch Society" is no person
        person_evidence = False
    kind = max(_KIND_ORDER, key=lambda k: (votes[k], -_KIND_ORDER.index(k)))
    if (
        kind == "person"
        and not person_evidence
        and is_place(key)
        and (
            votes["place"]
            or is_strong_place(key)
            or any(place_context(gs.doc, m) for m in ms)
            or not any(
                m.label == "person"
                and m.from_ner
                and gs.doc[m.start : m.end].root.dep_ in ("nsubj", "nsubjpass")
                for m in ms
            )
        )
    ):
        kind = "place"  # "visited Vladivostok" tagged PERSON
    if (
        kind == "person"
        and len(words) > 1
        and words[-1] in FACILITY_HEADS
        and not any(m.role_words for m in ms)
    ):
        kind = "place"  # "Castlefrank Road", "the Udvar-Hazy Center"
    return kind


def _said_kinds(
    gs: Groups, by_root: dict[int, list[RawMention]], kinds: dict[int, str]
) -> set[int]:
    """Kinds the text states ("Silego, a chip company"; "Tallon IV, a planet") override the
    label; the roots it calls a work or a product ("the game Tron") are returned: not listed.
    A known company stays one, a country a place."""
    things: set[int] = set()
    for r, ms in by_root.items():
        said: Counter[str] = Counter()
        for m in ms:
            if m.label not in ("pronoun", "nominal"):
                kind = said_to_be(gs.doc, m)
                if kind is not None:
                    said[kind] += 1
        if not said:
            continue
        key = gs.keys[r]
        if key in KNOWN_ORGANISATIONS or key in gazetteer().country_of_key:
            continue
        kind, n = said.most_common(1)[0]
        if 2 * n <= sum(said.values()):
            continue  # no clear majority
        if kind == "thing":
            if not any(m.role_words for m in ms):
                things.add(r)
        else:
            kinds[r] = kind
    return things


def _short_org_names(
    gs: Groups, by_root: dict[int, list[RawMention]], kinds: dict[int, str]
) -> None:
    """A one-word "person" that is the first word of an organisation the text names in full
    ("Silego Technology is a company … Silego's software"), with no title or role, is that
    organisation's short name."""
    firsts = {
        gs.keys[r].split()[0]
        for r, kind in kinds.items()
        if kind == "organisation" and " " in gs.keys[r]
    }
    for r, ms in by_root.items():
        key = gs.keys[r]
        if (
            kinds[r] == "person"
            and " " not in key
            and key in firsts
            and not any(m.role_words or m.end - m.start > 1 for m in ms)
        ):
            kinds[r] = "organisation"


def _product_of_company(words: list[str]) -> bool:
    """ "Apple Vision", "Meta Quest Pro": a model name, or a known company's name with words
    that name no part of it and no place ("Yahoo Japan", "Microsoft Research" are companies)."""
    if words[-1] in MODEL_WORDS:
        return True
    rest = words[1:]
    return (
        words[0] in KNOWN_ORGANISATIONS
        and not any(
            w in ORG_SUFFIXES or w in GENERIC_ORG_HEADS or w in ORG_PART_WORDS for w in rest
        )
        and not is_place(" ".join(rest))
    )


def _given_name_first(gs: Groups, key: str, ms: list[RawMention]) -> bool:
    """A name of two or three words that begins with a given name and is no known place."""
    words = key.split()
    if not 2 <= len(words) <= 3 or is_place(key) or is_place(words[0]):
        return False
    if words[0] in PRODUCT_WORDS or words[-1] in SOFTWARE_HEADS or words[-1] in MODEL_WORDS:
        return False
    firsts = {gs.doc[m.start].text for m in ms if m.end - m.start == len(words)}
    return any(is_given_name(f) for f in firsts)


def _may_be_person(key: str) -> bool:
    """Names whose form does not rule out a person: no country, known company or organisation,
    street or building name."""
    words = key.split()
    return not (
        key in gazetteer().country_of_key
        or key in KNOWN_ORGANISATIONS
        or words[-1] in ORG_SUFFIXES
        or words[-1] in GENERIC_ORG_HEADS
        or words[-1] in FACILITY_HEADS
        or is_strong_place(key)
    )


def _display_name(gs: Groups, ms: list[RawMention], kind: str, text: str) -> tuple[str, list[str]]:
    doc = gs.doc
    ms = sorted(ms, key=lambda m: m.start)
    forms_of = [text[a:b] for a, b in (_char_span(doc, m) for m in ms)]
    if kind == "place":  # "Scranton, Pa." is a mention of Scranton
        forms_of = [f.split(",")[0] for f in forms_of]
    counts: Counter[str] = Counter(
        f for f, m in zip(forms_of, ms, strict=True) if m.from_ner
    ) or Counter(forms_of)
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


def _nominals(
    doc: Doc, texts: list[str], people: dict[int, list[RawMention]], raws: list[RawMention]
) -> dict[int, list[RawMention]]:
    """ "the North Korean leader" after "North Korean leader Kim Jong Un": a definite noun
    phrase that repeats the title one person (and only one) was given."""
    owners: dict[str, set[int]] = defaultdict(set)
    titled: dict[str, set[int]] = defaultdict(set)  # "president" -> people given that title
    for r, ms in people.items():
        for m in ms:
            for w in m.role_words:
                if w in ROLE_NOUNS:
                    titled[w].add(r)
            for role in m.roles:
                words = role.split()
                if len(words) >= 2 and words[0].lower() not in ("a", "an", "the"):
                    owners[role.lower()].add(r)
    if not owners and not titled:
        return {}
    taken = {i for m in raws for i in range(m.start, m.end)}
    out: dict[int, list[RawMention]] = defaultdict(list)
    wanted = [(role.split(), next(iter(rs))) for role, rs in owners.items() if len(rs) == 1]
    lower = [t.lower() for t in texts]
    for i, word in enumerate(lower):
        if word != "the":
            continue
        hit = None
        for words, r in wanted:
            end = i + 1 + len(words)
            if lower[i + 1 : end] == words and (end == len(doc) or doc[end].pos_ != "PROPN"):
                hit = (end, r)
                break
        else:
            # "the President" (a capitalised title used as a name) when one person holds it
            end = i + 1
            while (
                end < len(texts)
                and end - i <= 3
                and texts[end][:1].isupper()
                and lower[end] in TITLE_WORDS
            ):
                end += 1
            if (
                end > i + 1
                and len(titled.get(lower[end - 1], ())) == 1
                and (end == len(doc) or doc[end].pos_ != "PROPN")
            ):
                hit = (end, next(iter(titled[lower[end - 1]])))
        if hit and not taken.intersection(range(i, hit[0])):
            out[hit[1]].append(RawMention(i, hit[0], "nominal", lower[hit[0] - 1], from_ner=False))
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
    for m in sorted(ms, key=lambda m: m.start):
        # A name inside a longer name is mentioned where, and as, the longer name is.
        start, end = m.within or (m.start, m.end)
        w = 1.0 if m.label != "pronoun" else 0.5
        if doc[start].idx < first_line_end:
            w += 1.5
        if doc[start:end].root.dep_ in ("nsubj", "nsubjpass"):
            w += 0.5
        w *= 1.5 - start / n
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
        raws += untagged_names(doc, texts, raws)
        gs = Groups(doc, raws)
        merge_acronyms(gs)
        merge_org_parts(gs)
        merge_org_variants(gs)
        people = person_groups(gs)
        merge_name_variants(gs, people)
        res = Resolver(gs, people)
        assign_short_names(gs, res)
        raws += scan_more(gs, res, raws, texts)
        raws += nested_names(gs, [m for m in raws if m.from_ner])
        by_root: dict[int, list[RawMention]] = defaultdict(list)
        for m in raws:
            by_root[gs.find(m.group)].append(m)
        kinds = {r: _kind(gs, gs.keys[r], ms) for r, ms in by_root.items()}
        name_starts = {m.start for m in raws if m.label not in ("pronoun", "nominal")}
        maybe = {
            r: ms
            for r, ms in by_root.items()
            if kinds[r] != "person" and _may_be_person(gs.keys[r])
        }
        quoted = inside_quotes(texts)  # for both pronoun steps
        votes = pronoun_votes(doc, texts, quoted, maybe, name_starts)
        for r, ms in maybe.items():
            personal, neuter = votes.get(r, (0, 0))
            if personal >= 2 and personal > 2 * neuter:
                kinds[r] = "person"  # "Parata said … He carved"
            elif not neuter and _given_name_first(gs, gs.keys[r], ms):
                kinds[r] = "person"  # "Leah Remini" tagged as an organisation
        said = _said_kinds(gs, by_root, kinds)
        _short_org_names(gs, by_root, kinds)
        uses = _common_uses(doc, text, by_root)
        person_mentions = {r: ms for r, ms in by_root.items() if kinds[r] == "person"}
        pronouns = link_pronouns(doc, texts, quoted, person_mentions)
        for r, ms in _nominals(doc, texts, person_mentions, raws).items():
            pronouns.setdefault(r, []).extend(ms)
        first_line_end = max(text.find("\n"), 0)
        labels: dict[tuple[int, int], str] = {}
        for ent in doc.ents:
            labels[ent.start, ent.end] = ent.label_
            if ent[0].lower_ == "the" and len(ent) > 1:
                labels[ent.start + 1, ent.end] = ent.label_
        entities: list[Entity] = []
        for r, ms in by_root.items():
            if gs.keys[r] in GENERIC_ORG_HEADS:
                continue  # "the Government" that no full name in the text explains
            if r in said or _other_thing(gs, gs.keys[r], ms, labels, text, uses):
                continue
            if kinds[r] == "person" and any(c.isdigit() for c in gs.keys[r]):
                continue  # "STS-1", "F-35": a person's name has no digits
            name, aliases = _display_name(gs, ms, kinds[r], text)
            roles = distinct_roles(
                [role for m in sorted(ms, key=lambda m: m.start) for role in m.roles]
            )
            all_ms = ms + pronouns.get(r, [])
            mentions = sorted({_char_span(doc, m) for m in all_ms})
            entities.append(
                Entity(
                    id="",
                    kind=kinds[r],
                    name=name,
                    aliases=aliases,
                    roles=roles,
                    salience=_salience(doc, all_ms, first_line_end),
                    mentions=[Mention(s, e, text[s:e]) for s, e in mentions],
                )
            )
        total = sum(e.salience for e in entities) or 1.0
        for e in entities:
            e.salience /= total
        # Equal salience and start: the shorter (inner) name first, as in reading order.
        entities.sort(key=lambda e: (-e.salience, e.mentions[0].start, e.mentions[0].end))
        for i, e in enumerate(entities, 1):
            e.id = f"e{i}"
        doc._.bs_entities = entities
        return doc


@Language.factory(
    "broadsheet_entities",
    assigns=["doc._.bs_entities"],
    requires=["doc.ents", "token.ent_iob", "token.dep", "token.tag", "token.is_sent_start"],
    default_config={},
)
def make_entities(nlp: Language, name: str) -> EntityGrouper:
    return EntityGrouper()


def distinct_roles(found: list[str]) -> list[str]:
    """The roles in the order found, each once: a role whose words run inside a longer one
    ("Professor" beside "a professor at the University of North Korean Studies") says nothing
    more and is left out."""
    words = [tuple(re.findall(r"\w+", r.lower())) for r in found]
    kept: list[int] = []
    for i, w in enumerate(words):
        if not w or any(words[k] == w for k in kept):
            continue
        if any(len(o) > len(w) and _runs_inside(w, o) for o in words):
            continue
        kept.append(i)
    return [found[i] for i in kept]


def _runs_inside(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    n = len(short)
    return any(long[i : i + n] == short for i in range(len(long) - n + 1))
