"""Queue workers: ``broadsheet worker --library URL [-j N] [--until-idle]`` analyses the
documents a team's library holds as pending (``store/queue.py``), on any machine.

Each worker process loads the pipeline once, then takes one document at a time (a lease on
the server's clock, renewed by a thread while it analyses), and stores its facts and takes it
off the queue in one transaction. A worker killed mid-document loses nothing: its lease runs out
and another worker takes the document. ``-j N`` starts N such processes (spawned, as the import
pool's: each exits when its parent is gone); with one, the work runs in this process.

``BROADSHEET_QUEUE_LEASE_S`` sets the lease (default 60 s, renewed every third of it): how long
a killed worker's document waits before another takes it.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue
import socket
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from ..errors import LibraryError, StepTimeout
from ..facts import Article
from .child import prepare_child

__all__ = ["WorkReport", "lease_seconds", "run_workers", "work"]

log = logging.getLogger(__name__)

LEASE_S = 60.0
IDLE_POLL_S = 2.0  # how often an idle worker looks at the queue again


def lease_seconds() -> float:
    try:
        return max(0.5, float(os.environ.get("BROADSHEET_QUEUE_LEASE_S", LEASE_S)))
    except ValueError:
        return LEASE_S


@dataclass
class WorkReport:
    analysed: int = 0
    failed: int = 0

    def summary(self) -> str:
        return f"Analysed {self.analysed}, {self.failed} could not be analysed."


# (the document's path, None or a message for the user when it could not be analysed)
OnDone = Callable[[str, str | None], None]


class _Renewing:
    """Renews a lease every third of it while the document is analysed."""

    def __init__(self, library, sha256: str, worker: str, lease_s: float) -> None:  # noqa: ANN001
        self.library, self.sha256, self.worker, self.lease_s = library, sha256, worker, lease_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="lease", daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(self.lease_s / 3):
            try:
                if not self.library.renew(self.sha256, self.worker, self.lease_s):
                    log.warning("lost the lease of %s", self.sha256)
            except LibraryError:
                log.warning("renewing the lease of %s", self.sha256, exc_info=True)

    def __enter__(self) -> _Renewing:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def work(
    url: str,
    model: str | None = None,
    until_idle: bool = False,
    on_done: OnDone | None = None,
    stop: threading.Event | None = None,
) -> WorkReport:
    """Analyse queued documents in this process until ``stop`` is set or, ``until_idle``, no
    document is left to analyse (none pending, none held by another worker)."""
    from ..ingest import display_path
    from ..nlp.extract import analyse
    from ..nlp.pipeline import load_pipeline
    from ..store.library import NO_QUEUE, Library

    lease_s = lease_seconds()
    library = Library(url)
    try:
        if not library.url:  # a folder's library: said before the model loads
            raise LibraryError(NO_QUEUE)
        nlp = load_pipeline(model)  # before the first lease: loading takes seconds
        name = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        report = WorkReport()
        while stop is None or not stop.is_set():
            article = library.take(name, lease_s)
            if article is None:
                if until_idle and library.queue_counts().left == 0:
                    break
                time.sleep(min(IDLE_POLL_S, lease_s / 2))
                continue
            error = _analyse_one(library, nlp, article, name, lease_s, analyse, display_path)
            if error is None:
                report.analysed += 1
            else:
                report.failed += 1
            if on_done is not None:
                on_done(article.path, error)
        return report
    finally:
        library.close()


def _analyse_one(library, nlp, article: Article, name, lease_s, analyse, display_path):  # noqa: ANN001, ANN202
    """Analyse and store one leased document; None, or why it could not be analysed."""
    try:
        with _Renewing(library, article.sha256, name, lease_s):
            [facts] = list(analyse(nlp, [article]))
    except Exception as e:  # a bug or a step over its limit: this document fails, not the worker
        log.error("analysis of %s failed", article.path, exc_info=True)
        why = f": {e}" if isinstance(e, StepTimeout) else " (see the log)."
        message = f"Broadsheet could not analyse {display_path(article.path)}{why}"
        library.fail_queued(article.sha256, message)
        return message
    library.finish(facts)
    return None


def _child(url: str, model: str | None, until_idle: bool, results) -> None:  # noqa: ANN001
    prepare_child()
    from ..logs import setup_logging

    setup_logging()
    try:
        report = work(url, model, until_idle)
    except LibraryError as e:
        results.put(("error", str(e)))
        raise SystemExit(1) from e
    except KeyboardInterrupt:  # Ctrl-C reaches the whole group: the parent says it
        raise SystemExit(130) from None
    results.put(("done", (report.analysed, report.failed)))


def run_workers(
    url: str, processes: int, model: str | None = None, until_idle: bool = False
) -> tuple[WorkReport, list[str]]:
    """``processes`` worker processes until each ends (``until_idle``) or this one is
    interrupted; their counts, and the errors that ended any of them."""
    ctx = multiprocessing.get_context("spawn")
    results = ctx.Queue()
    children = [
        ctx.Process(target=_child, args=(url, model, until_idle, results), name=f"worker-{i}")
        for i in range(processes)
    ]
    for child in children:
        child.start()
    report, errors = WorkReport(), []
    try:
        for child in children:
            child.join()
    finally:
        for child in children:
            if child.is_alive():
                child.terminate()
                child.join()
    for _ in children:
        try:
            what, value = results.get(timeout=1)
        except queue.Empty:  # a child killed before it could say
            break
        if what == "error":
            errors.append(value)
        else:
            report.analysed += value[0]
            report.failed += value[1]
    errors += [
        f"A worker process ended unexpectedly (exit status {c.exitcode})."
        for c in children
        if c.exitcode not in (0, 1)
    ]
    return report, list(dict.fromkeys(errors))
