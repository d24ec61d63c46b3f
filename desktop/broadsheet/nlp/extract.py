"""Turn analysed spaCy docs into ``Facts``: chunking long texts, checking and merging the results.

spaCy is not imported here (only typed against): the service layer imports ``Cancelled`` from
this module without paying for spaCy.

Long documents are cut into chunks (``chunks.split_text``), all chunks of all articles go through
one ``nlp.pipe``, every offset is shifted back into the whole text, and the chunks' entities are
merged: the same kind and name is one entity (and a name that is another entity's alias joins
it); ids are renumbered ``e1…`` by salience and claims ``c1…`` in text order.

Every span is checked against the text before it becomes a fact: a mention, source, cue or
content whose text is not ``text[start:end]`` is dropped (with its claim), so whatever a
component gets wrong, the facts' offsets are always valid.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import Cancelled, StepTimeout
from ..facts import Article, Claim, Entity, Facts, Mention, Part, Source, Span, When
from .chunks import CHUNK_CHARS, CancelFlag, Chunk, Progress, split_text
from .dating import date_facts
from .deadline import deadline, step_limit
from .language import ENGLISH, language_of

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

BATCH_CHARS = 50_000

__all__ = ["Cancelled", "CancelFlag", "Progress", "StepTimeout", "analyse", "facts_from_doc"]


def facts_from_doc(doc: Doc, article: Article, pipeline: str) -> Facts:
    """The facts of an article analysed as one doc (its text must be the article's text)."""
    part = _Part(
        0,
        list(doc._.bs_entities or []),
        list(doc._.bs_claims or []),
        len(doc.text),
        list(doc._.bs_dates or []),
    )
    return _assemble(article, pipeline, [part])


def analyse(
    nlp: Language,
    articles: Iterable[Article],
    batch_size: int = 8,
    progress: Progress | None = None,
    cancel: CancelFlag | None = None,
    chunk_chars: int = CHUNK_CHARS,
    step_seconds: float | None = None,
) -> Iterator[Facts]:
    """Analyse articles in order with one ``nlp.pipe``; the model is loaded once by the caller.

    ``progress(done, total)`` is called with characters analysed so far and in all articles:
    once with ``done == 0`` before any work, after each chunk, and with ``done == total`` at the
    end. ``cancel`` is anything with ``is_set()`` (a ``threading.Event``); it is checked before
    each chunk goes to spaCy and after each comes back, and when set, ``Cancelled`` is raised
    within one batch (about 50,000 characters), never with partial facts. Both are called from
    the thread that iterates, so a UI must hand progress over to its own thread (a Qt signal
    does). Texts longer than ``chunk_chars`` (or ``nlp.max_length``) are analysed in chunks.

    Each batch must come back within ``step_seconds`` (default: ``deadline.step_limit`` of a
    batch's characters), else ``StepTimeout`` is raised (see ``deadline`` for where it can be).
    """
    pipeline = nlp.meta.get("broadsheet_fingerprint", "")
    arts = list(articles)
    limit = max(2, min(chunk_chars, nlp.max_length))
    # Text in another language never goes through the English components (see ``foreign``).
    languages = [language_of(a.text) for a in arts]
    plans = [
        split_text(a.text, limit) if lang in (None, ENGLISH) else []
        for a, lang in zip(arts, languages, strict=True)
    ]
    total = sum(len(c.text) for plan in plans for c in plan)
    longest = max((len(c.text) for plan in plans for c in plan), default=1)
    # spaCy hands back a whole batch at once: keep batches small enough (in characters) that
    # progress moves and a cancel is honoured within seconds, not minutes.
    batch_size = max(1, min(batch_size, BATCH_CHARS // longest))
    if step_seconds is None:
        step_seconds = step_limit(min(total, max(BATCH_CHARS, longest)))
    done = 0
    if progress is not None:
        progress(0, total)

    def feed() -> Iterator[tuple[str, tuple[int, Chunk]]]:
        for i, plan in enumerate(plans):
            for chunk in plan:
                if cancel is not None and cancel.is_set():
                    raise Cancelled()
                yield chunk.text, (i, chunk)

    parts: list[list[_Part]] = [[] for _ in arts]
    emitted = 0

    def finish(i: int) -> Facts:
        lang = languages[i]
        if lang is not None and lang != ENGLISH:
            from .foreign import foreign_facts

            return foreign_facts(arts[i], lang, pipeline)
        facts = _assemble(arts[i], pipeline, parts[i])
        if lang == ENGLISH:  # sure of it: over what the page declared
            facts.meta["language"] = ENGLISH
        return facts

    docs = _bounded(nlp.pipe(feed(), batch_size=batch_size, as_tuples=True), step_seconds)
    for doc, (i, chunk) in docs:
        if cancel is not None and cancel.is_set():
            raise Cancelled()
        parts[i].append(
            _Part(
                chunk.start,
                list(doc._.bs_entities or []),
                list(doc._.bs_claims or []),
                len(chunk.text),
                list(doc._.bs_dates or []),
            )
        )
        done += len(chunk.text)
        if progress is not None:
            progress(done, total)
            if cancel is not None and cancel.is_set():  # pressed while the chunk was analysed
                raise Cancelled()
        # Articles are finished in order: hand each out as soon as its last chunk is back.
        while emitted < len(arts) and len(parts[emitted]) == len(plans[emitted]):
            yield finish(emitted)
            parts[emitted] = []
            emitted += 1
    while emitted < len(arts):  # articles with nothing to analyse (blank, or not English)
        yield finish(emitted)
        emitted += 1


def _bounded(
    docs: Iterator[tuple[Doc, tuple[int, Chunk]]], seconds: float
) -> Iterator[tuple[Doc, tuple[int, Chunk]]]:
    """``docs`` with a time limit on each step: spaCy works a batch out when its first doc is
    asked for, so each ``next`` is timed, and nothing of ours runs under the timer."""
    it = iter(docs)
    while True:
        with deadline(seconds):
            item = next(it, None)
        if item is None:
            return
        yield item


@dataclass
class _Part:
    """The results of one chunk, with offsets relative to the chunk."""

    start: int
    entities: list[Entity]
    claims: list[Claim]
    length: int
    dates: list[Span] = field(default_factory=list)  # words that name a point in time


@dataclass
class _Merged:
    kind: str
    name: str
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    weight: float = 0.0  # salience × chunk length, summed over chunks
    mentions: dict[tuple[int, int], Mention] = field(default_factory=dict)


def _parts(text: str, s: Span | None, shift: int) -> list[Part]:
    """A discontinuous span's parts moved into the whole text; none unless all match."""
    if s is None or not s.parts:
        return []
    moved = [Part(p.start + shift, p.end + shift, p.text) for p in s.parts]
    if all(text[p.start : p.end] == p.text for p in moved):
        return moved
    return []


def _span(text: str, s: Span | None, shift: int) -> tuple[int, int, str] | None:
    """The span moved into the whole text, if it is a real span whose text matches."""
    if s is None:
        return None
    start, end = s.start + shift, s.end + shift
    if not (0 <= start < end <= len(text)) or text[start:end] != s.text:
        return None
    return start, end, s.text


def _assemble(article: Article, pipeline: str, parts: list[_Part]) -> Facts:
    text = article.text
    merged: dict[tuple[str, str], _Merged] = {}
    local: list[dict[str, tuple[str, str]]] = []  # per part: chunk entity id -> merged key
    for part in parts:
        # One chunk keeps the component's salience exactly; chunks weigh theirs by length.
        scale = part.length if len(parts) > 1 else 1
        ids: dict[str, tuple[str, str]] = {}
        for ent in part.entities:
            mentions = []
            for m in ent.mentions:
                ok = _span(text, m, part.start)
                if ok is not None:
                    mentions.append(Mention(*ok))
            if not mentions:
                continue
            key = (ent.kind, ent.name)
            mg = merged.setdefault(key, _Merged(ent.kind, ent.name))
            mg.aliases.extend(a for a in ent.aliases if a not in mg.aliases)
            mg.roles.extend(r for r in ent.roles if r not in mg.roles)
            mg.weight += ent.salience * scale
            for m in mentions:
                mg.mentions.setdefault((m.start, m.end), m)
            ids[ent.id] = key
        local.append(ids)
    if len(parts) > 1:
        _join_aliases(merged, local)

    entities: list[Entity] = []
    total = sum(mg.weight for mg in merged.values()) or 1.0
    for mg in merged.values():
        mentions = sorted(mg.mentions.values(), key=lambda m: (m.start, m.end))
        entities.append(
            Entity(
                id="",
                kind=mg.kind,
                name=mg.name,
                aliases=[a for a in mg.aliases if a != mg.name],
                roles=mg.roles,
                salience=mg.weight / total if len(parts) > 1 else mg.weight,
                mentions=mentions,
            )
        )
    entities.sort(key=lambda e: (-e.salience, e.mentions[0].start))
    new_id: dict[tuple[str, str], str] = {}
    for n, e in enumerate(entities, 1):
        e.id = f"e{n}"
        new_id[(e.kind, e.name)] = e.id

    claims: list[Claim] = []
    for part, ids in zip(parts, local, strict=True):
        for c in part.claims:
            content = _span(text, c.content, part.start)
            cue = _span(text, c.cue, part.start)
            source = _span(text, c.source, part.start)
            if content is None or (c.cue is not None and cue is None):
                continue
            if c.source is not None and source is None:
                continue
            src = None
            if source is not None and c.source is not None:
                merged_key = ids.get(c.source.entity) if c.source.entity else None
                src = Source(
                    *source,
                    new_id.get(merged_key) if merged_key else None,
                    parts=_parts(text, c.source, part.start),
                )
            words = _span(text, c.when.words, part.start) if c.when else None
            claims.append(
                Claim(
                    id="",
                    kind=c.kind,
                    certainty=c.certainty,
                    source=src,
                    cue=Span(*cue, parts=_parts(text, c.cue, part.start)) if cue else None,
                    content=Span(*content, parts=_parts(text, c.content, part.start)),
                    when=When("", "", "sentence", Span(*words)) if words else None,
                )
            )
    if len(parts) > 1:
        claims.sort(key=lambda c: (c.content.start, c.content.end))
    for n, c in enumerate(claims, 1):
        c.id = f"c{n}"
    date_words = [
        Span(*ok) for part in parts for d in part.dates if (ok := _span(text, d, part.start))
    ]
    dates = date_facts(date_words, claims, article.meta)
    return Facts(
        text=text,
        path=article.path,
        title=article.title,
        pipeline=pipeline,
        entities=entities,
        claims=claims,
        meta=dict(article.meta),
        warnings=list(article.warnings),
        dates=dates,
    )


def _join_aliases(
    merged: dict[tuple[str, str], _Merged], local: list[dict[str, tuple[str, str]]]
) -> None:
    """A chunk that only says "Peskov" gets its own entity; join it to the one "Dmitry Peskov"
    of the same kind whose aliases name it, when exactly one does."""
    by_alias: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for key, mg in merged.items():
        for a in mg.aliases:
            by_alias.setdefault((mg.kind, a), []).append(key)
    moved: dict[tuple[str, str], tuple[str, str]] = {}
    for key, mg in list(merged.items()):
        owners = [k for k in by_alias.get(key, []) if k != key and k not in moved]
        if len(owners) != 1 or key in by_alias.get(owners[0], []):
            continue
        target = merged[owners[0]]
        target.weight += mg.weight
        for span, m in mg.mentions.items():
            target.mentions.setdefault(span, m)
        target.roles.extend(r for r in mg.roles if r not in target.roles)
        moved[key] = owners[0]
        del merged[key]
    for ids in local:
        for eid, key in ids.items():
            ids[eid] = moved.get(key, key)
