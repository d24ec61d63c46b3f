"""The analysis service: paths in, ``Facts`` out, through the library cache.

The spaCy model is loaded only when a document is not already in the library with the current
pipeline, so reopening a document never imports spaCy.

Progress and cancelling (for a progress bar and a Cancel button)::

    cancel = threading.Event()
    facts = analyzer.analyse_articles([article], progress=on_progress, cancel=cancel)

``on_progress(done, total)`` gets characters analysed so far and in all; ``cancel.set()`` from
any thread makes the call raise ``Cancelled`` soon after (within one batch of chunks). Both run
on the analysing thread.

A window's analyser has a ``worker`` (``broadsheet.workers.service``): the model lives in that
child process, so spaCy never holds the window's GIL. The command line analyses in its own.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import AnalysisFailed, Cancelled, StepTimeout
from .facts import Article, Facts
from .nlp.chunks import CancelFlag, Progress
from .nlp.language import is_notice
from .nlp.pipeline import choose_model, fingerprint
from .workers.service import AnalysisProcess

if TYPE_CHECKING:
    from .nlp.pipeline import Pipeline
    from .store.library import Library

__all__ = [
    "AnalysisFailed",
    "Analyzer",
    "Cancelled",
    "CancelFlag",
    "Outcome",
    "Progress",
    "StepTimeout",
]

log = logging.getLogger(__name__)


@dataclass
class Outcome:
    """The result for one input path: facts, or a message saying why there are none."""

    path: str
    facts: Facts | None = None
    error: str | None = None
    from_library: bool = False


class Analyzer:
    """``worker``: analyse in that worker process (a window's); None: in this process."""

    def __init__(
        self,
        library: Library | None,
        model: str | None = None,
        worker: AnalysisProcess | None = None,
    ) -> None:
        self.library = library
        self.model = worker.model if worker is not None else choose_model(model)
        self.worker = worker
        self._nlp: Pipeline | None = None
        self._lock = threading.Lock()

    @cached_property
    def pipeline(self) -> str:
        """The fingerprint stored with each analysis (computed when first needed: it reads
        package metadata, which a window need not wait for before it is painted)."""
        return fingerprint(self.model)

    @property
    def loaded(self) -> bool:
        if self.worker is not None:
            return self.worker.ready
        return self._nlp is not None

    def load(self, cancel: CancelFlag | None = None) -> None:
        """Have the model ready (loading it if needed); ``ModelNotFound`` if it cannot be."""
        if self.worker is not None:
            self.worker.wait_ready(cancel)
        else:
            self.nlp()

    def use_pipeline(self, nlp: Pipeline) -> None:
        """Analyse in this process with a pipeline already loaded (one model for many windows)."""
        self.close()
        self.worker, self._nlp = None, nlp

    def close(self) -> None:
        """End the worker process, if there is one."""
        if self.worker is not None:
            self.worker.close()

    def nlp(self) -> Pipeline:
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
            found = facts.meta.get("language")  # what the analysis read the text as
            facts.meta = dict(article.meta) or facts.meta
            if found:
                facts.meta["language"] = found
            # Reading's warnings are the file's (read again now); the analysis's are kept.
            facts.warnings = list(article.warnings) + [
                w for w in facts.warnings if is_notice(w) and w not in article.warnings
            ]
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
        if cancel is not None and cancel.is_set():
            raise Cancelled()
        out: list[Facts] = []
        for f in self._analyse(articles, progress, cancel):
            if self.library is not None:
                self.library.put(f)
            out.append(f)
        return out

    def _analyse(
        self, articles: list[Article], progress: Progress | None, cancel: CancelFlag | None
    ) -> Iterator[Facts]:
        if self.worker is None:
            from .nlp.extract import analyse

            yield from analyse(self.nlp(), articles, progress=progress, cancel=cancel)
            return
        # One request per article; progress in characters of all of them, as in-process.
        total, base = sum(len(a.text) for a in articles), 0
        for a in articles:

            def part(done: int, of: int, base: int = base, size: int = len(a.text)) -> None:
                if progress is not None and of:
                    progress(base + done * size // of, total)

            yield self.worker.analyse(a, progress=part, cancel=cancel)
            base += len(a.text)

    def _analyse_alone(self, o: Outcome, article: Article, cancel: CancelFlag | None) -> None:
        """Analyse one article for ``run``, a failure becoming the outcome's error."""
        hit = self.cached(article)  # stored before its batch-mate failed
        if hit is not None:
            o.facts = hit
            return
        try:
            o.facts = self.analyse_articles([article], cancel=cancel)[0]
        except (StepTimeout, AnalysisFailed) as e:
            self._failed(o, article, e)

    @staticmethod
    def _failed(o: Outcome, article: Article, e: Exception) -> None:
        from .ingest.errors import display_path

        log.error("analysis of %s failed", article.path, exc_info=e)
        o.error = f"Broadsheet could not analyse {display_path(article.path)}: {e}"

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
        from .errors import ReadError
        from .ingest import read_article

        pending: list[tuple[Outcome, Article]] = []
        queue: list[Outcome] = []  # outcomes not yet yielded, in input order

        def flush() -> None:
            try:
                fresh = self.analyse_articles([a for _, a in pending], cancel=cancel)
            except (StepTimeout, AnalysisFailed) as e:
                if len(pending) == 1:
                    self._failed(*pending[0], e)
                else:  # one article that cannot be analysed must not sink the batch: find it
                    for o, art in pending:
                        self._analyse_alone(o, art, cancel)
            else:
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
