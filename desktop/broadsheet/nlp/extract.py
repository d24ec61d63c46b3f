"""Turn analysed spaCy docs into ``Facts``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from ..facts import Article, Facts


def facts_from_doc(doc: Doc, article: Article, pipeline: str) -> Facts:
    return Facts(
        text=article.text,
        path=article.path,
        title=article.title,
        pipeline=pipeline,
        entities=list(doc._.bs_entities or []),
        claims=list(doc._.bs_claims or []),
    )


def analyse(nlp: Language, articles: Iterable[Article], batch_size: int = 8) -> Iterator[Facts]:
    """Analyse articles in order with ``nlp.pipe``; the model is loaded once by the caller."""
    pipeline = nlp.meta.get("broadsheet_fingerprint", "")
    arts = list(articles)
    for art, doc in zip(arts, nlp.pipe((a.text for a in arts), batch_size=batch_size), strict=True):
        yield facts_from_doc(doc, art, pipeline)
