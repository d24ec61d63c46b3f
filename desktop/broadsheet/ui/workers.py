"""Work off the GUI thread: reading, library look-ups, and waiting on the analysis.

Each job is a ``QRunnable`` on a one-thread pool (jobs run in order); the analysis itself runs in
the analyser's worker process, so this thread mostly waits. Results come back through signals,
which Qt delivers on the GUI thread.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QRunnable, Signal

from ..analysis import Analyzer
from ..errors import AnalysisFailed, Cancelled, LibraryError, ModelNotFound, ReadError
from ..facts import Facts
from ..ingest import read_article
from ..logs import log


class JobSignals(QObject):
    status = Signal(int, str)  # request id, message for the status bar
    finished = Signal(int, object, bool)  # request id, Facts, from the library
    failed = Signal(int, str)  # request id, message for the user
    progress = Signal(int, int, int)  # request id, characters done, characters in all
    cancelled = Signal(int)  # request id


class OpenJob(QRunnable):
    """Open one path: read it, take its facts from the library, or analyse it."""

    def __init__(self, request: int, path: str, analyzer: Analyzer) -> None:
        super().__init__()
        self.request, self.path, self.analyzer = request, path, analyzer
        self.signals = JobSignals()
        self.cancel = threading.Event()  # set from the GUI thread; checked between chunks

    def run(self) -> None:
        rid, sig = self.request, self.signals
        try:
            article = read_article(self.path)
            facts: Facts | None = None
            try:
                facts = self.analyzer.cached(article)
            except LibraryError as e:
                log.warning("library read failed: %s", e)
            if facts is not None:
                sig.finished.emit(rid, facts, True)
                return
            if not self.analyzer.loaded:
                sig.status.emit(rid, f"Loading the language model ({self.analyzer.model})…")
                self.analyzer.load(self.cancel)
            sig.status.emit(rid, f"Analysing {article.title or self.path}…")
            facts = self.analyzer.analyse_articles(
                [article], progress=lambda done, total: sig.progress.emit(rid, done, total),
                cancel=self.cancel)[0]
            sig.finished.emit(rid, facts, False)
        except Cancelled:
            sig.cancelled.emit(rid)
        except (ReadError, ModelNotFound, LibraryError, AnalysisFailed) as e:
            sig.failed.emit(rid, str(e))
        except Exception as e:  # a bug: the user gets a sentence, the log gets the traceback
            log.exception("analysis of %s failed", self.path)
            sig.failed.emit(rid, f"Broadsheet could not analyse {self.path}: {e}")
