"""Work off the GUI thread: reading, library look-ups, and waiting on the analysis.

Each job is a ``QRunnable`` on the document session's pool; the analysis itself runs in the
analyser's worker process, so this thread mostly waits. Results come back through signals, which
Qt delivers on the GUI thread. Opening a file and opening a document of the library are the same
job: both end with ``finished`` (or ``failed``), and neither parses facts on the GUI thread. A
file the library does not know is handed over as soon as it is read (``read``), before the
model runs, so the window shows its text while its facts are made.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, QRunnable, Signal

from ..analysis import Analyzer
from ..errors import AnalysisFailed, Cancelled, LibraryError, ModelNotFound, ReadError
from ..facts import Facts
from ..ingest import read_article

log = logging.getLogger(__name__)


class JobSignals(QObject):
    status = Signal(int, str)  # request id, message for the status bar
    read = Signal(int, object)  # request id, the Article: read, not yet analysed
    finished = Signal(int, object, bool)  # request id, Facts, from the library
    failed = Signal(int, str)  # request id, message for the user
    progress = Signal(int, int, int)  # request id, characters done, characters in all
    cancelled = Signal(int)  # request id


NOT_IN_LIBRARY = "That document is no longer in the library."


class OpenJob(QRunnable):
    """Open one document: a path (read it, take its facts from the library, or analyse it) or,
    with ``sha256``, a document of the library as last analysed (no file, no model)."""

    def __init__(self, request: int, path: str, analyzer: Analyzer, sha256: str = "") -> None:
        super().__init__()
        self.request, self.path, self.analyzer, self.sha256 = request, path, analyzer, sha256
        self.signals = JobSignals()
        self.cancel = threading.Event()  # set from the GUI thread; checked between chunks

    def run(self) -> None:
        if self.sha256:
            self._run_stored()
        else:
            self._run_path()

    def _run_stored(self) -> None:
        rid, sig = self.request, self.signals
        library = self.analyzer.library
        try:
            facts = library.newest_facts(self.sha256) if library is not None else None
        except LibraryError as e:
            sig.failed.emit(rid, str(e))
            return
        except Exception as e:  # a bug: the user gets a sentence, the log gets the traceback
            log.exception("opening %s from the library failed", self.sha256)
            sig.failed.emit(rid, f"Broadsheet could not open that document: {e}")
            return
        if facts is None:
            sig.failed.emit(rid, NOT_IN_LIBRARY)
        else:
            sig.finished.emit(rid, facts, True)

    def _run_path(self) -> None:
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
            # The text can be read while the model loads and analyses: the facts follow.
            sig.read.emit(rid, article)
            if not self.analyzer.loaded:
                sig.status.emit(rid, f"Loading the language model ({self.analyzer.model})…")
                self.analyzer.load(self.cancel)
            sig.status.emit(rid, f"Analysing {article.title or self.path}…")
            facts = self.analyzer.analyse_articles(
                [article],
                progress=lambda done, total: sig.progress.emit(rid, done, total),
                cancel=self.cancel,
            )[0]
            sig.finished.emit(rid, facts, False)
        except Cancelled:
            sig.cancelled.emit(rid)
        except (ReadError, ModelNotFound, LibraryError, AnalysisFailed) as e:
            sig.failed.emit(rid, str(e))
        except Exception as e:  # a bug: the user gets a sentence, the log gets the traceback
            log.exception("analysis of %s failed", self.path)
            sig.failed.emit(rid, f"Broadsheet could not analyse {self.path}: {e}")
