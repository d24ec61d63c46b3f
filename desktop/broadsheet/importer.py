"""Batch import: every supported file under some folders goes into the library.

Plain Python for the CLI (``broadsheet import``) and, later, the window. Files are found
recursively, read one by one, skipped when the library already has their text analysed with the
current pipeline, and the rest analysed in batches through one ``nlp.pipe``. A file that cannot
be read is reported and the import goes on; a library that cannot be written (a full disk, a
damaged file) stops it, with counts of what was really stored.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .analysis import Analyzer
from .errors import Cancelled, LibraryError, ReadError
from .facts import Article, Facts
from .ingest import SUFFIXES, display_path, read_article
from .nlp.extract import CancelFlag
from .workers.pool import BatchResult, analyse_articles_parallel, default_processes

# (files done, files in all, the file just done) — called from the importing thread.
ImportProgress = Callable[[int, int, str], None]

log = logging.getLogger(__name__)

BATCH_CHARS = 200_000  # analyse when this much text is waiting (or BATCH_FILES files)
BATCH_FILES = 16
PARALLEL_FROM = 16  # fewer files than this are not worth starting worker processes for

__all__ = ["Cancelled", "ImportProgress", "ImportReport", "find_files", "import_folders"]


@dataclass
class ImportReport:
    found: int = 0
    imported: list[str] = field(default_factory=list)
    queued: list[str] = field(default_factory=list)  # stored as pending, for a team's workers
    skipped: list[str] = field(default_factory=list)  # already in the library
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, message for the user)
    stopped: str = ""  # why the import stopped before the end (the library cannot be written)
    left: int = 0  # files not done when it stopped

    @property
    def ok(self) -> bool:
        return not self.failed and not self.stopped

    def summary(self) -> str:
        done = f"Queued {len(self.queued)} for analysis" if self.queued else ""
        counts = (
            f"{done or f'Imported {len(self.imported)}'}, skipped {len(self.skipped)} already "
            f"in the library, {len(self.failed)} could not be read"
        )
        if self.stopped:
            return f"{counts}; the import stopped with {self.left} of {self.found} files left."
        return counts + "."


def _hidden(name: str) -> bool:
    # Dot files and Word's "~$name.docx" lock files are never articles.
    return name.startswith((".", "~$"))


def find_files(roots: Iterable[str | Path], report: ImportReport) -> list[Path]:
    """Supported files under the roots (a root may be a file), sorted, each once.

    A root that does not exist or cannot be listed is recorded as a failure in ``report``.
    """
    found: dict[Path, None] = {}
    for root in roots:
        r = Path(root)
        if r.is_file():
            found.setdefault(r, None)
            continue
        if not r.is_dir():
            report.failed.append((str(r), str(ReadError(str(r), "no such file or folder."))))
            continue
        errors: list[OSError] = []
        for folder, dirs, files in os.walk(r, onerror=errors.append):
            dirs[:] = sorted(d for d in dirs if not _hidden(d))
            for name in sorted(files):
                if not _hidden(name) and Path(name).suffix.lower() in SUFFIXES:
                    found.setdefault(Path(folder) / name, None)
        for e in errors:
            where = str(e.filename or r)
            report.failed.append((where, str(ReadError(where, "the folder cannot be read."))))
    return list(found)


def import_folders(
    analyzer: Analyzer,
    roots: Iterable[str | Path],
    progress: ImportProgress | None = None,
    cancel: CancelFlag | None = None,
    on_failure: Callable[[str, str], None] | None = None,
    processes: int | None = None,
    queue: bool = False,
) -> ImportReport:
    """Import every supported file under ``roots`` into ``analyzer.library``.

    ``progress(done, total, path)`` after each file; ``on_failure(path, message)`` for each file
    that cannot be read, as it happens; ``cancel`` (a ``threading.Event``) stops the import with
    ``Cancelled`` — what was analysed before stays in the library. ``processes``: worker
    processes for analysis (default: one per core); each document is stored in its own
    transaction as soon as it is analysed, so an interrupted import resumes where it stopped.
    A library that cannot be written stops the import: ``report.stopped`` says why (also given
    to ``on_failure``, with the library's path).

    ``queue``: a team's library only; the files are read here and their texts stored as pending
    (``report.queued``), for ``broadsheet worker`` to analyse on any machine. A text already
    queued is skipped too.
    """
    report = ImportReport()
    files = find_files(roots, report)
    if on_failure:
        for path, message in report.failed:
            on_failure(path, message)
    report.found = len(files)
    total, done = len(files), 0
    pending: list[Article] = []

    def tick(path: str) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, total, path)

    def fail(path: str, message: str) -> None:
        report.failed.append((path, message))
        if on_failure:
            on_failure(path, message)
        tick(path)

    bare: list[Analyzer] = []

    def analyse(batch: list[Article]) -> None:
        if not bare:
            bare.append(_unstored(analyzer))
        try:
            results = bare[0].analyse_articles(batch, cancel=cancel)
        except Cancelled:
            raise
        except Exception:
            # A bug in analysis must not end a long import: retry one by one to find the file.
            if len(batch) > 1:
                for article in batch:
                    analyse([article])
                return
            log.exception("analysis of %s failed", batch[0].path)
            message = f"Broadsheet could not analyse {display_path(batch[0].path)} (see the log)."
            fail(batch[0].path, message)
            return
        for facts in results:  # stored here, one by one, so that the counts stay true
            if library is not None:
                library.put(facts)
            report.imported.append(facts.path)
            tick(facts.path)

    def flush() -> None:
        batch = list(pending)
        pending.clear()
        analyse(batch)

    library = analyzer.library
    try:
        articles = _new_articles(analyzer, files, report, tick, fail, cancel)
        if queue:
            assert library is not None
            for article in articles:
                if library.enqueue(article):
                    report.queued.append(article.path)
                else:
                    report.skipped.append(article.path)
                tick(article.path)
            return report
        n = processes or default_processes()
        if n > 1 and len(files) >= PARALLEL_FROM:
            _import_parallel(analyzer, articles, report, n, tick, fail, cancel)
            return report
        for article in articles:
            pending.append(article)
            if len(pending) >= BATCH_FILES or sum(len(a.text) for a in pending) >= BATCH_CHARS:
                flush()
        if pending:
            flush()
    except LibraryError as e:
        report.stopped, report.left = str(e), total - done
        if on_failure:
            on_failure(library.location if library else "", report.stopped)
    return report


def _unstored(analyzer: Analyzer) -> Analyzer:
    """The same model, analysing without storing: the importer stores and counts each result
    itself (a batch stored by the analyser and stopped half-way would be miscounted)."""
    if analyzer.worker is not None:
        return Analyzer(None, worker=analyzer.worker)
    bare = Analyzer(None, analyzer.model)
    bare.use_pipeline(analyzer.nlp())
    return bare


def _new_articles(
    analyzer: Analyzer,
    files: list[Path],
    report: ImportReport,
    tick: Callable[[str], None],
    fail: Callable[[str, str], None],
    cancel: CancelFlag | None,
) -> Iterator[Article]:
    """The files' articles that the library does not have yet, each text once, read lazily;
    unreadable files are reported as failures, known ones as skipped."""
    seen: set[str] = set()
    for path in files:
        if cancel is not None and cancel.is_set():
            raise Cancelled()
        try:
            article = read_article(path)
        except ReadError as e:
            fail(str(path), str(e))
            continue
        if article.sha256 in seen or analyzer.cached(article) is not None:
            report.skipped.append(str(path))
            tick(str(path))
            continue
        seen.add(article.sha256)
        yield article


def _import_parallel(
    analyzer: Analyzer,
    articles: Iterator[Article],
    report: ImportReport,
    processes: int,
    tick: Callable[[str], None],
    fail: Callable[[str, str], None],
    cancel: CancelFlag | None,
) -> None:
    """Articles are read and looked up here, a few chunks ahead of the worker processes that
    analyse them; each result is stored here, in its own transaction, as it arrives. Once the
    library cannot be written, the workers are stopped and no result counts any more."""
    library = analyzer.library
    assert library is not None
    broken: list[LibraryError] = []

    def store(r: BatchResult) -> None:
        if broken:
            return
        if r.error is not None or r.facts is None:
            fail(r.path, r.error or f"Broadsheet could not analyse {display_path(r.path)}.")
            return
        try:
            library.put(Facts.from_json(r.facts))
        except LibraryError as e:
            broken.append(e)  # seen as a cancel by the workers' loop
            return
        report.imported.append(r.path)
        tick(r.path)

    try:
        analyse_articles_parallel(
            articles,
            model=analyzer.model,
            processes=processes,
            on_result=store,
            cancel=_Either(cancel, broken),
        )
    except Cancelled:
        if not broken:
            raise
    if broken:
        raise broken[0]


class _Either:
    """A cancel flag set by the user's flag, or once ``broken`` holds an error."""

    def __init__(self, cancel: CancelFlag | None, broken: list[LibraryError]) -> None:
        self.cancel, self.broken = cancel, broken

    def is_set(self) -> bool:
        return bool(self.broken) or (self.cancel is not None and self.cancel.is_set())
