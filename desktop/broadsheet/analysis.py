"""The analysis service: paths in, ``Facts`` out, through the library cache.

The spaCy model is loaded only when a document is not already in the library with the current
pipeline, so reopening a document never imports spaCy.

Progress and cancelling (for a progress bar and a Cancel button)::

    cancel = threading.Event()
    facts = analyzer.analyse_articles([article], progress=on_progress, cancel=cancel)

``on_progress(done, total)`` gets characters analysed so far and in all; ``cancel.set()`` from
any thread makes the call raise ``Cancelled`` soon after (within one batch of chunks). Both run
on the analysing thread.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .facts import Article, Facts
from .ingest import ReadError, read_article
from .nlp.extract import CancelFlag, Cancelled, Progress
from .nlp.pipeline import choose_model, fingerprint

if TYPE_CHECKING:
    from spacy.language import Language

    from .library import Library

__all__ = ["Analyzer", "Cancelled", "CancelFlag", "Outcome", "Progress"]


@dataclass
class Outcome:
    """The result for one input path: facts, or a message saying why there are none."""

    path: str
    facts: Facts | None = None
    error: str | None = None
    from_library: bool = False


class Analyzer:
    def __init__(self, library: Library | None, model: str | None = None) -> None:
        self.library = library
        self.model = choose_model(model)
        self.pipeline = fingerprint(self.model)
        self._nlp: Language | None = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._nlp is not None

    def nlp(self) -> Language:
        """The pipeline, loaded once (thread-safe: the UI may ask from a worker)."""
        with self._lock:
            if self._nlp is None:
                from .nlp.pipeline import load_pipeline

                self._nlp = load_pipeline(self.model)
            return self._nlp

    def cached(self, article: Article) -> Facts | None:
        if self.library is None:
            return None
        facts = self.library.get(article.sha256, self.pipeline)
        if facts is not None:
            # The same text may have been opened from another place under another name.
            facts.path, facts.title = article.path, article.title or facts.title
            facts.meta = dict(article.meta) or facts.meta
        return facts

    def analyse_articles(
        self,
        articles: list[Article],
        progress: Progress | None = None,
        cancel: CancelFlag | None = None,
    ) -> list[Facts]:
        """Analyse with the model (loading it if needed) and keep the facts in the library.

        ``progress(done, total)``: characters analysed so far / in all, from this thread.
        ``cancel``: a ``threading.Event`` (anything with ``is_set()``); once set, ``Cancelled``
        is raised and the articles not finished by then are not stored.
        """
        from .nlp.extract import analyse

        if cancel is not None and cancel.is_set():
            raise Cancelled()
        out: list[Facts] = []
        for f in analyse(self.nlp(), articles, progress=progress, cancel=cancel):
            if self.library is not None:
                self.library.put(f)
            out.append(f)
        return out

    def analyse_article(
        self,
        article: Article,
        progress: Progress | None = None,
        cancel: CancelFlag | None = None,
    ) -> Facts:
        """The library's facts for this text, else a fresh analysis (see ``analyse_articles``)."""
        cached = self.cached(article)
        if cached is not None:
            return cached
        return self.analyse_articles([article], progress=progress, cancel=cancel)[0]

    def run(
        self, paths: Iterable[str | Path], batch: int = 16, cancel: CancelFlag | None = None
    ) -> Iterator[Outcome]:
        """Outcomes in input order; documents not in the library are analysed in batches.

        ``cancel`` as in ``analyse_articles``: ``Cancelled`` is raised out of the iteration.
        """
        pending: list[tuple[Outcome, Article]] = []
        queue: list[Outcome] = []  # outcomes not yet yielded, in input order

        def flush() -> None:
            fresh = self.analyse_articles([a for _, a in pending], cancel=cancel)
            for (o, _), f in zip(pending, fresh, strict=True):
                o.facts = f
            pending.clear()

        for path in paths:
            if cancel is not None and cancel.is_set():
                raise Cancelled()
            o = Outcome(str(path))
            queue.append(o)
            try:
                art = read_article(path)
            except ReadError as e:
                o.error = str(e)
            else:
                hit = self.cached(art)
                if hit is not None:
                    o.facts, o.from_library = hit, True
                else:
                    pending.append((o, art))
            if len(pending) >= batch:
                flush()
            if not pending:
                yield from queue
                queue.clear()
        if pending:
            flush()
        yield from queue
