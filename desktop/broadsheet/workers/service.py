"""One long-lived worker process that loads the spaCy pipeline and analyses articles for a window.

spaCy's loading and its Cython pipeline hold the GIL for hundreds of milliseconds at a time, so a
thread of the window's process cannot analyse without freezing the window; a process can. It is
started when the application starts (``start()``), so the model loads while the window is being
built, and it is kept for the session.

The client is used from one thread at a time (the window's job thread)::

    worker = AnalysisProcess(model)
    worker.start()                      # returns at once; the model loads in the background
    worker.wait_ready()                 # ModelNotFound / AnalysisFailed if it cannot load
    facts = worker.analyse(article, progress=on_progress, cancel=event)

A cancel returns at once (``Cancelled``): the worker drops that request after the batch it is
on, and replies to requests that are no longer awaited are skipped. A worker that dies (out of
memory, a crash in native code) fails the request in hand and is started afresh for the next.
A worker that is stuck is replaced: one still on a cancelled request ``CANCEL_GRACE_S`` after
the cancel, when the next request waits for it, or one that says nothing about a request for
``STALL_S`` (its own step limit, ``nlp.deadline``, should have ended the step long before).
It is forked only while the process has no Qt and no other thread yet (see ``_start_method``),
else spawned: a forked Qt application is unsafe.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import queue
import sys
import threading
import time
from typing import TYPE_CHECKING, Any

from ..errors import AnalysisFailed, Cancelled, ModelNotFound
from ..nlp.chunks import CHUNK_CHARS, CancelFlag, Progress
from ..nlp.deadline import step_limit
from ..store import codec
from .child import prepare_child

if TYPE_CHECKING:
    from ..facts import Article, Facts

__all__ = ["AnalysisFailed", "AnalysisProcess"]

POLL_S = 0.05  # how often a waiting client looks at its cancel flag and at the worker's health
# A batch is a few seconds' work: a worker still on a cancelled request after this is stuck,
# and starting a new one (the model loads again in a few seconds) is quicker than waiting.
CANCEL_GRACE_S = 5.0
STALL_S = 2 * step_limit(CHUNK_CHARS)  # silence about a request in hand: the worker is stuck
log = logging.getLogger(__name__)


class _Stuck(Exception):
    """The worker is still on a request that was cancelled a while ago."""


# -- the worker side ------------------------------------------------------------------------------
class _Cancelled:
    """The cancel flag for one request: the parent raises the shared "cancelled up to" id."""

    def __init__(self, upto: Any, request: int) -> None:
        self.upto, self.request = upto, request

    def is_set(self) -> bool:
        return self.upto.value >= self.request


def _serve(model: str | None, requests: Any, replies: Any, cancelled_upto: Any) -> None:
    """The worker's main loop: load the model once, then answer requests until ``None``."""
    prepare_child()
    try:
        from ..nlp.extract import analyse
        from ..nlp.pipeline import load_pipeline

        nlp = load_pipeline(model)
    except ModelNotFound as e:
        replies.put(("missing", 0, str(e)))
        return
    except Exception as e:  # a broken install: the reader gets a sentence
        log.exception("loading the model failed")
        replies.put(("failed", 0, f"The language model could not be loaded: {e}"))
        return
    replies.put(("ready", 0, nlp.meta.get("broadsheet_fingerprint", "")))
    while (msg := requests.get()) is not None:
        rid, article = msg
        flag = _Cancelled(cancelled_upto, rid)

        def progress(done: int, total: int, rid: int = rid) -> None:
            replies.put(("progress", rid, (done, total)))

        try:
            facts = next(analyse(nlp, [article], progress=progress, cancel=flag))
            # As JSON text: one string to unpickle (objects made there, in the window's process,
            # would set off collector passes), and no class identity to keep across processes.
            replies.put(("done", rid, json.dumps(facts.to_json(), ensure_ascii=False)))
        except Cancelled:
            replies.put(("cancelled", rid, None))
        except Exception as e:
            log.exception("analysis of %s failed", article.path)
            replies.put(("failed", rid, f"Broadsheet could not analyse this article: {e}"))


# -- the parent side ------------------------------------------------------------------------------
def _start_method() -> str:
    """ "fork" while that is safe, "spawn" otherwise.

    At launch (``broadsheet`` starts the worker before anything else) this process has one
    thread and no Qt: a forked child starts at once, where a spawned one first spends a few
    tenths of a second starting Python and importing again what the parent had. Later (a worker
    started again, or by a window) Qt's threads exist, and forking would copy them half-done.
    macOS and Windows always spawn (macOS frameworks are not fork-safe; Windows cannot fork).
    """
    if (
        sys.platform.startswith("linux")
        and threading.active_count() == 1
        and not any(m.startswith("PySide6") for m in sys.modules)
    ):
        return "fork"
    return "spawn"


class AnalysisProcess:
    def __init__(self, model: str) -> None:
        self.model = model
        self._proc: multiprocessing.process.BaseProcess | None = None
        self._ready = False
        self._failure: Exception | None = None  # a load failure, raised to every caller
        self._request = 0
        self._settled = 0  # the newest request the worker has finished with (any outcome)
        self._abandoned, self._abandoned_at = 0, 0.0  # the newest cancelled request, and when
        self._lock = threading.RLock()

    @property
    def started(self) -> bool:
        return self._proc is not None

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    @property
    def ready(self) -> bool:
        """The model is loaded in a live worker (a request would be analysed at once)."""
        return self._ready and self._proc is not None and self._proc.is_alive()

    def start(self) -> None:
        """Start the worker if it is not running; returns at once (the model loads there)."""
        with self._lock:
            if self._proc is not None and self._proc.is_alive():
                return
            # Each by name: the context of a method chosen at run time is typed without Process.
            ctx = (
                multiprocessing.get_context("fork")
                if _start_method() == "fork"
                else multiprocessing.get_context("spawn")
            )
            self._requests = ctx.Queue()
            self._replies = ctx.Queue()
            self._cancelled = ctx.Value("q", 0)
            self._cancelled.value = self._request  # nothing asked of an earlier worker is wanted
            self._ready, self._failure = False, None
            self._proc = ctx.Process(
                target=_serve,
                name="broadsheet-analysis",
                daemon=True,
                args=(self.model, self._requests, self._replies, self._cancelled),
            )
            self._proc.start()
            log.info("analysis process %s started for %s", self._proc.pid, self.model)

    def wait_ready(self, cancel: CancelFlag | None = None) -> None:
        """Block until the model is loaded; raises ``ModelNotFound`` or ``AnalysisFailed``."""
        with self._lock:
            self.start()
            while not self._ready:
                if self._failure is not None:
                    raise self._failure
                self._next(0, cancel)

    def analyse(
        self, article: Article, progress: Progress | None = None, cancel: CancelFlag | None = None
    ) -> Facts:
        """The article's facts, analysed in the worker. ``progress(done, total)`` is called in
        this thread; ``cancel.is_set()`` makes this raise ``Cancelled`` within ``POLL_S``."""
        with self._lock:
            while True:
                self.wait_ready(cancel)
                self._request += 1
                rid = self._request
                self._requests.put((rid, article))
                try:
                    return self._await(rid, article, progress, cancel)
                except Cancelled:
                    self._cancelled.value = rid
                    self._abandoned, self._abandoned_at = rid, time.monotonic()
                    raise
                except _Stuck:
                    log.warning(
                        "analysis process %s is stuck on request %s: replaced",
                        self.pid,
                        self._abandoned,
                    )
                    self._replace()

    def _await(
        self, rid: int, article: Article, progress: Progress | None, cancel: CancelFlag | None
    ) -> Facts:
        heard = time.monotonic()
        while True:
            try:
                kind, payload = self._next(rid, cancel)
            except TimeoutError:
                if time.monotonic() - heard < STALL_S:
                    continue
                log.error("analysis process %s said nothing for %.0f s", self.pid, STALL_S)
                self._replace(start=False)
                raise AnalysisFailed(
                    f"Broadsheet could not analyse this article: its analysis was stopped after "
                    f"{STALL_S:.0f} seconds without progress."
                ) from None
            heard = time.monotonic()
            if kind == "progress" and progress is not None:
                progress(*payload)
            elif kind == "done":
                return codec.load_facts(payload, len(article.text))

    def _next(self, rid: int, cancel: CancelFlag | None) -> tuple[str, Any]:
        """The next reply for request ``rid`` (0: the loading), skipping stale ones.

        For a request, ``TimeoutError`` after about a second without a reply (the caller
        decides when silence means trouble), ``_Stuck`` when the worker is still on a request
        cancelled more than ``CANCEL_GRACE_S`` ago."""
        waited = 0.0
        while True:
            if cancel is not None and cancel.is_set():
                raise Cancelled()
            proc = self._proc
            if proc is None:
                raise AnalysisFailed("The analysis was stopped: Broadsheet is closing.")
            try:
                kind, got, payload = self._replies.get(timeout=POLL_S)
            except queue.Empty:
                if not proc.is_alive():
                    self._died(proc)
                if (
                    rid
                    and self._settled < self._abandoned
                    and time.monotonic() - self._abandoned_at > CANCEL_GRACE_S
                ):
                    raise _Stuck() from None
                waited += POLL_S
                if rid and waited >= 1.0:
                    raise TimeoutError() from None
                continue
            except (OSError, ValueError, EOFError) as e:  # closed meanwhile by ``close()``
                raise AnalysisFailed("The analysis was stopped: Broadsheet is closing.") from e
            if kind in ("done", "failed", "cancelled") and got:
                self._settled = max(self._settled, got)
            if kind == "ready":
                self._ready = True
                if rid == 0:
                    return kind, payload
            elif kind in ("missing", "failed") and got == 0:
                self._failure = (ModelNotFound if kind == "missing" else AnalysisFailed)(payload)
                raise self._failure
            elif got != rid:
                continue  # a reply to a request that was cancelled
            elif kind == "failed":
                raise AnalysisFailed(payload)
            elif kind == "cancelled":
                raise Cancelled()
            else:
                return kind, payload

    def _died(self, proc: multiprocessing.process.BaseProcess) -> None:
        code = proc.exitcode
        self._proc, self._ready = None, False  # the next request starts a new worker
        log.error("analysis process ended with exit code %s", code)
        raise AnalysisFailed(
            "The analysing process ended unexpectedly (out of memory?). Try again, or open a "
            "shorter document."
        )

    def _replace(self, start: bool = True) -> None:
        """End a stuck worker (what it was on is not wanted) and, with ``start``, start anew."""
        proc, self._proc, self._ready = self._proc, None, False
        self._settled = self._abandoned = self._request  # nothing asked of it is awaited
        if proc is not None:
            proc.kill()
            proc.join(2.0)
            for q in (self._requests, self._replies):
                q.close()
                q.cancel_join_thread()
        if start:
            self.start()

    def close(self, timeout: float = 2.0) -> None:
        """Ask the worker to finish, and end it if it does not (it may be mid-analysis)."""
        proc, self._proc = self._proc, None
        if proc is None:
            return
        self._cancelled.value = self._request
        try:
            self._requests.put(None)
        except (OSError, ValueError):
            pass
        proc.join(timeout)
        if proc.is_alive():
            proc.terminate()
            proc.join(timeout)
        for q in (self._requests, self._replies):
            q.close()
            q.cancel_join_thread()  # never wait on a pipe nobody reads any more
