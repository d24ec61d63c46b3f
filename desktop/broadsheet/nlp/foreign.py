"""Facts for an article that is not in English.

Broadsheet's own components read English only, so an article the detector is sure is in another
language gets no claims; its people, places and organisations come from that language's spaCy
pipeline when one is installed (``language.model_for``), else there are none. Either way the
article's header says so (``language.notice``), and ``meta["language"]`` holds what was found.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from ..facts import Article, Entity, Facts, Mention
from .chunks import CHUNK_CHARS, split_text
from .language import KINDS, load_model, model_for, notice


def foreign_facts(article: Article, code: str, pipeline: str) -> Facts:
    """The facts of ``article``, written in the language ``code`` (not English)."""
    model = model_for(code)
    entities = _entities(article.text, model) if model else []
    meta = dict(article.meta)
    meta["language"] = code  # what the text reads as, over what the page declared
    return Facts(
        text=article.text,
        path=article.path,
        title=article.title,
        pipeline=pipeline,
        entities=entities,
        meta=meta,
        warnings=[*article.warnings, notice(code, model)],
    )


def _entities(text: str, model: str) -> list[Entity]:
    nlp = load_model(model)
    chunks = split_text(text, max(2, min(CHUNK_CHARS, nlp.max_length)))  # as in extract
    found: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    spellings: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for chunk, doc in zip(chunks, nlp.pipe(c.text for c in chunks), strict=True):
        for ent in doc.ents:
            kind = KINDS.get(ent.label_)
            name = " ".join(ent.text.split())
            if kind is None or not any(c.isalpha() for c in name):
                continue
            start = chunk.start + ent.start_char
            end = chunk.start + ent.end_char
            if text[start:end] != ent.text:  # never a mention whose offsets are not its words
                continue
            key = (kind, name.casefold())
            found[key].append(Mention(start, end, ent.text))
            spellings[key][name] += 1
    total = sum(len(m) for m in found.values()) or 1
    entities = [
        Entity(
            id="",
            kind=kind,
            name=spellings[(kind, folded)].most_common(1)[0][0],
            salience=len(mentions) / total,
            mentions=sorted(mentions, key=lambda m: (m.start, m.end)),
        )
        for (kind, folded), mentions in found.items()
    ]
    entities.sort(key=lambda e: (-e.salience, e.mentions[0].start))
    for n, e in enumerate(entities, 1):
        e.id = f"e{n}"
    return entities
