"""The domain: what an article says, as plain dataclasses with a JSON round-trip.

No Qt, no spaCy, no SQLAlchemy here; every other layer speaks in these types.
Offsets are character offsets into ``Facts.text``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any, Self

SCHEMA = "broadsheet.facts/2"
# Schema 1 had no ``parts``; a document written with it reads the same.
READABLE_SCHEMAS = frozenset((SCHEMA, "broadsheet.facts/1"))

ENTITY_KINDS = ("person", "place", "organisation")
CLAIM_KINDS = ("direct", "indirect", "according_to", "unattributed")
CERTAINTIES = ("asserted", "hedged")


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def norm_name(name: str) -> str:
    """One key per spelling of a name: lower case, straight quotes, no leading "the" nor
    possessive, no periods ("U.S." is "US"), hyphens as spaces ("Kim Jong-un" is "Kim Jong Un").
    Mentions are grouped within a document by it, and looked up across documents by it, so
    "Also in" finds what the panel shows as one entity."""
    s = name.replace("\u2019", "'").replace("\u2018", "'").lower()
    s = re.sub(r"'s$|'$", "", s.strip())
    s = re.sub(r"^the\s+", "", s)
    s = s.replace("'s ", " ")  # "New People's Party" is "New People Party"
    s = s.replace(".", "").replace("-", " ").replace("\u2010", " ")
    return re.sub(r"\s+", " ", s).strip()


# What a reader knows about a document besides its text: ``author`` (a list of names), ``date``
# (ISO), ``source`` (the site or publisher), ``url``, ``pages``, ``language`` (ISO 639-1),
# ``modified`` (the file's modification day, ISO); only the keys that were found.
Meta = dict[str, str | list[str]]


def read_meta(raw: Any) -> Meta:
    """``Meta`` from JSON (or an older library): ``author`` always a list, the rest strings."""
    out: Meta = {}
    for k, v in (raw or {}).items():
        if isinstance(v, list):
            out[str(k)] = [str(x) for x in v if str(x).strip()]
        elif k == "author":
            out["author"] = [str(v)] if str(v).strip() else []
        else:
            out[str(k)] = str(v)
    return out


def meta_text(meta: Meta, key: str) -> str:
    """One line for a metadata value: a list's items joined ("Ann Lee, Bo Chen")."""
    v = meta.get(key, "")
    return ", ".join(v) if isinstance(v, list) else v


@dataclass
class Article:
    """A document as read from disk: the text the view shows, and what we know about it.

    ``warnings``: short sentences the reader should know about the text itself ("The saved
    page may hold only part of the article"), shown in the article header and kept in the facts.
    """

    text: str
    path: str = ""
    title: str = ""
    meta: Meta = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def sha256(self) -> str:
        return sha256_text(self.text)


@dataclass
class Part:
    """One range of a discontinuous span."""

    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass
class Span:
    """A range of the text. A discontinuous one (a quote interrupted by "he said") has its
    ranges in ``parts``; ``start``/``end``/``text`` are then the hull, so that a reader of
    schema 1 still finds the whole."""

    start: int
    end: int
    text: str
    parts: list[Part] = field(default_factory=list, kw_only=True)

    @property
    def ranges(self) -> list[tuple[int, int]]:
        return [(p.start, p.end) for p in self.parts] or [(self.start, self.end)]

    @property
    def shown(self) -> str:
        """The words as a reader is shown them: the parts joined with " … "."""
        return " … ".join(p.text for p in self.parts) if self.parts else self.text

    def to_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text}
        if self.parts:
            d["parts"] = [p.to_json() for p in self.parts]
        return d

    @staticmethod
    def parts_of(d: dict[str, Any]) -> list[Part]:
        return [Part(int(p["start"]), int(p["end"]), str(p["text"])) for p in d.get("parts") or []]

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Self:
        return cls(int(d["start"]), int(d["end"]), str(d["text"]), parts=cls.parts_of(d))


@dataclass
class Mention(Span):
    pass


@dataclass
class Entity:
    id: str
    kind: str
    name: str
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    salience: float = 0.0
    mentions: list[Mention] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "name": self.name,
            "aliases": list(self.aliases),
            "roles": list(self.roles),
            "salience": self.salience,
            "mentions": [m.to_json() for m in self.mentions],
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Entity:
        return cls(
            id=d["id"],
            kind=d["kind"],
            name=d["name"],
            aliases=list(d.get("aliases", [])),
            roles=list(d.get("roles", [])),
            salience=float(d.get("salience", 0.0)),
            mentions=[Mention.from_json(m) for m in d.get("mentions", [])],
        )


@dataclass
class Source(Span):
    entity: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {**super().to_json(), "entity": self.entity}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Source:
        return cls(
            int(d["start"]), int(d["end"]), str(d["text"]), d.get("entity"), parts=cls.parts_of(d)
        )


@dataclass
class DateMention(Span):
    """Words that name a point in time, and the day, week, month or year they name (read
    against the article's date): ``date`` is ISO at its ``precision`` ("2023-09-12", "2023-09",
    "1953"; a week is the day it starts)."""

    date: str = field(default="", kw_only=True)
    precision: str = field(default="day", kw_only=True)

    def to_json(self) -> dict[str, Any]:
        return {**super().to_json(), "date": self.date, "precision": self.precision}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Self:
        return cls(
            int(d["start"]),
            int(d["end"]),
            str(d["text"]),
            date=str(d.get("date", "")),
            precision=str(d.get("precision", "day")),
        )


# Where a claim's date comes from: the words of its own sentence ("said on Tuesday"), else the
# article's date (its metadata), else its file's modification date.
WHEN_BASES = ("sentence", "article", "file")


@dataclass
class When:
    """When a claim was made, as far as the document tells: ``date`` and ``precision`` as in
    ``DateMention``; ``basis`` one of ``WHEN_BASES``; ``words`` the date's words in the text
    when the sentence gives it."""

    date: str
    precision: str
    basis: str
    words: Span | None = None
    # The date relative words ("on Tuesday") were read from: "article" or "file"; "" when the
    # words name their date themselves ("in 1953") or there are none.
    counted_from: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "precision": self.precision,
            "basis": self.basis,
            "words": self.words.to_json() if self.words else None,
            "counted_from": self.counted_from,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> When:
        words = d.get("words")
        return cls(
            date=str(d["date"]),
            precision=str(d.get("precision", "day")),
            basis=str(d.get("basis", "article")),
            words=Span.from_json(words) if words else None,
            counted_from=str(d.get("counted_from") or ""),
        )


@dataclass
class Claim:
    id: str
    kind: str
    certainty: str
    source: Source | None
    cue: Span | None
    content: Span
    when: When | None = None  # None: the document gives no date for it

    @property
    def hedged(self) -> bool:
        return self.certainty == "hedged"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "certainty": self.certainty,
            "source": self.source.to_json() if self.source else None,
            "cue": self.cue.to_json() if self.cue else None,
            "content": self.content.to_json(),
            "when": self.when.to_json() if self.when else None,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Claim:
        return cls(
            id=d["id"],
            kind=d["kind"],
            certainty=d["certainty"],
            source=Source.from_json(d["source"]) if d.get("source") else None,
            cue=Span.from_json(d["cue"]) if d.get("cue") else None,
            content=Span.from_json(d["content"]),
            when=When.from_json(d["when"]) if d.get("when") else None,
        )


@dataclass
class Facts:
    """Everything Broadsheet found in one document."""

    text: str
    path: str = ""
    title: str = ""
    pipeline: str = ""
    entities: list[Entity] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    meta: Meta = field(default_factory=dict)  # author, date, source… when known (see Meta)
    warnings: list[str] = field(default_factory=list)  # about the text, from reading the file
    dates: list[DateMention] = field(default_factory=list)  # points in time the text names

    @property
    def sha256(self) -> str:
        return sha256_text(self.text)

    def entity(self, entity_id: str) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)

    def entities_of(self, kind: str) -> list[Entity]:
        return sorted(
            (e for e in self.entities if e.kind == kind), key=lambda e: (-e.salience, e.name)
        )

    def claims_by(self, entity_id: str) -> list[Claim]:
        return [c for c in self.claims if c.source and c.source.entity == entity_id]

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "document": {
                "path": self.path,
                "title": self.title,
                "sha256": self.sha256,
                "chars": len(self.text),
                "pipeline": self.pipeline,
                "meta": dict(self.meta),
                "warnings": list(self.warnings),
            },
            "text": self.text,
            "entities": [e.to_json() for e in self.entities],
            "claims": [c.to_json() for c in self.claims],
            "dates": [d.to_json() for d in self.dates],
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Facts:
        if d.get("schema") not in READABLE_SCHEMAS:
            raise ValueError(f"not a {SCHEMA} document: {d.get('schema')!r}")
        doc = d.get("document", {})
        return cls(
            text=d["text"],
            path=doc.get("path", ""),
            title=doc.get("title", ""),
            pipeline=doc.get("pipeline", ""),
            entities=[Entity.from_json(e) for e in d.get("entities", [])],
            claims=[Claim.from_json(c) for c in d.get("claims", [])],
            meta=read_meta(doc.get("meta")),
            warnings=[str(w) for w in doc.get("warnings") or []],
            dates=[DateMention.from_json(x) for x in d.get("dates") or []],
        )


@dataclass
class Correction:
    """One of the reader's corrections, as the library keeps it (``corrections.apply``)."""

    action: str
    payload: dict[str, Any] = field(default_factory=dict)
    id: int | None = None  # the library's row id once stored
    active: bool = True  # False once undone or reverted
    undoable: bool = True  # in the document's undo history (reverted ones and those whose
    # redo a newer correction replaced are not)
    made_at: str = ""  # when it was made, ISO 8601 in UTC ("" if not known)
    author: str = ""  # who made it: a team library's login role, the desktop's user

    def describe(self) -> str:
        """The correction in words, as the undo history and the Corrections panel show it.
        What it was about (``what``) is kept from when it was made; older ones lack it."""
        p = self.payload
        what = str(p.get("what") or "")
        about = f" “{what}”" if what else ""
        kind_words = {
            "person": "a person",
            "place": "a place",
            "organisation": "an organisation",
            **{k: k.replace("_", " ") for k in CLAIM_KINDS},
        }
        if self.action == "rename":
            return f"Rename{about} to “{p.get('name', '')}”"
        if self.action == "kind":
            return f"Make{about or ' it'} {kind_words.get(p.get('kind', ''), p.get('kind', ''))}"
        if self.action == "hide":
            return f"{what and f'“{what}”: '}Not an entity"
        if self.action == "merge":
            names = [str(n) for n in p.get("names") or []]
            if names and what:
                return "Merge " + ", ".join(f"“{n}”" for n in names) + f" into “{what}”"
            return "Merge entities"
        if self.action == "split":
            return f"Split off{about or ' a mention'}"
        if self.action == "add_entity":
            return f"Add{about} as {kind_words.get(p.get('kind', ''), 'an entity')}"
        if self.action == "claim_hide":
            return f"Not a claim:{about}"
        if self.action == "claim_kind":
            return f"Claim{about}: make it {kind_words.get(p.get('kind', ''), '')}"
        if self.action == "claim_certainty":
            return f"Claim{about}: {p.get('certainty', '')}"
        if self.action == "claim_source":
            src = p.get("source")
            by = f"“{src.get('name', '')}”" if isinstance(src, dict) else "no one (unattributed)"
            return f"Claim{about}: source {by}"
        if self.action == "claim_add":
            return f"Add claim{about}"
        return self.action


UNATTRIBUTED = "Unattributed"


def source_label(c: Claim, facts: Facts, names: dict[str, str] | None = None) -> tuple[str, str]:
    """(group key, label): the one rule for naming a claim's source, in the Claims panel and in
    every export. Claims by one entity group together whatever words name it; others by their
    words. ``names``: entity id → name, when many claims are labelled (a search per claim is
    slow)."""
    if c.source is None:
        return ("", UNATTRIBUTED)
    if c.source.entity:
        if names is None:
            ent = facts.entity(c.source.entity)
            name = ent.name if ent is not None else None
        else:
            name = names.get(c.source.entity)
        if name is not None:
            return (c.source.entity, name)
    words = " ".join(c.source.text.split())
    return ("text:" + words.lower(), words[:1].upper() + words[1:])
