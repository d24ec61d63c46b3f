"""Analysing many articles on every core: a pool of worker processes, one pipeline each.

spaCy releases little of the GIL, so threads do not help; processes do. Each worker loads the
pipeline once (the pool's initializer) and analyses chunks of articles with one ``nlp.pipe``
(``nlp.extract.analyse``); facts come back as JSON dicts (small to pickle, and what the library
stores). The parent gets each chunk's results as soon as that chunk is done, in whatever order
the chunks finish, so a caller can store each document in its own transaction and move a
progress bar; an interrupted import loses at most the chunks in flight (resume by skipping what
the library already has).

    from broadsheet.workers.pool import analyse_paths_parallel

    def stored(r: BatchResult) -> None:      # runs in the calling thread
        if r.facts is not None:
            library.put(Facts.from_json(r.facts))

    analyse_paths_parallel(paths, model=analyzer.model, on_result=stored)

Workers are started with the ``spawn`` method (``fork`` would copy a Qt application or the
parent's threads), so a script that calls this must guard its top level with
``if __name__ == "__main__":``. Nothing heavy is imported at module level here: the parent never
loads spaCy through this module.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sized
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Cancelled
from ..facts import Article
from ..nlp.chunks import CancelFlag
from ..nlp.deadline import step_limit
from .child import prepare_child

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = [
    "BatchResult",
    "Cancelled",
    "analyse_articles_parallel",
    "analyse_paths_parallel",
    "default_processes",
]

log = logging.getLogger(__name__)

CHUNK_FILES = 8  # articles per task: enough for nlp.pipe batching, small enough to balance
CHUNK_CHARS = 100_000  # ... or fewer when they are long, so one task never holds a huge text


@dataclass(frozen=True)
class BatchResult:
    """One input: its facts (``Facts.to_json()``), or a message for the user saying why not."""

    index: int  # position in the input sequence
    path: str
    facts: dict[str, Any] | None = None
    error: str | None = None


OnResult = Callable[[BatchResult], None]
Job = tuple[int, "str | Article"]  # (input index, a path to read or an article already read)


def default_processes() -> int:
    """One worker per core this process may use (the affinity mask, where the OS has one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


# -- the worker side ------------------------------------------------------------------------------
_nlp: Language | None = None


def _init_worker(model: str | None) -> None:
    """Pool initializer: one thread per native library, an exit with the parent, then the
    pipeline, once per process."""
    global _nlp
    prepare_child()
    from ..nlp.pipeline import load_pipeline

    _nlp = load_pipeline(model)


def _analyse_chunk(jobs: list[Job]) -> list[BatchResult]:
    """Read (if needed) and analyse one chunk; a failing article never sinks its neighbours."""
    from ..errors import ReadError
    from ..ingest import display_path, read_article
    from ..nlp.extract import analyse

    assert _nlp is not None, "the worker's initializer did not run"
    out: dict[int, BatchResult] = {}
    articles: list[tuple[int, Article]] = []
    for index, item in jobs:
        if isinstance(item, Article):
            articles.append((index, item))
            continue
        try:
            articles.append((index, read_article(item)))
        except ReadError as e:
            out[index] = BatchResult(index, str(item), error=str(e))
    from ..errors import StepTimeout

    failure: Exception | None = None
    try:
        facts = list(analyse(_nlp, [a for _, a in articles]))
    except Exception as e:
        if len(articles) <= 1:
            failure = e
        else:  # find the one that fails: analyse them one by one
            for index, art in articles:
                out.update({r.index: r for r in _analyse_chunk([(index, art)])})
            return [out[i] for i, _ in jobs]
    if failure is not None:
        index, art = articles[0]
        log.error("analysis of %s failed", art.path, exc_info=failure)
        why = f": {failure}" if isinstance(failure, StepTimeout) else " (see the log)."
        out[index] = BatchResult(
            index, art.path, error=f"Broadsheet could not analyse {display_path(art.path)}{why}"
        )
    else:
        for (index, art), f in zip(articles, facts, strict=True):
            out[index] = BatchResult(index, art.path, facts=f.to_json())
    return [out[i] for i, _ in jobs]


# -- the parent side ------------------------------------------------------------------------------
def _chunks(jobs: Iterable[Job]) -> Iterator[list[Job]]:
    chunk: list[Job] = []
    size = 0
    for job in jobs:
        item = job[1]
        chars = len(item.text) if isinstance(item, Article) else _file_size(item)
        if chunk and (len(chunk) >= CHUNK_FILES or size + chars > CHUNK_CHARS):
            yield chunk
            chunk, size = [], 0
        chunk.append(job)
        size += chars
    if chunk:
        yield chunk


def _file_size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


MAX_RESTARTS = 3
# No chunk finished for this long: a worker is stuck where its own step limit cannot reach
# (native code). A chunk with one article over its limit takes about two limits (the chunk,
# then that article alone); this is twice that.
STALL_S = 4 * step_limit(CHUNK_CHARS)


def _run(
    jobs: Iterable[Job],
    model: str | None,
    processes: int | None,
    on_result: OnResult | None,
    cancel: CancelFlag | None,
) -> list[BatchResult]:
    results: dict[int, BatchResult] = {}
    workers = max(1, processes or default_processes())
    if isinstance(jobs, Sized):
        if not len(jobs):
            return []
        workers = min(workers, len(jobs))  # never load the model in a worker with nothing to do
    # Consumed lazily: a generator that reads files (and skips some) runs as workers need more.
    pending = _chunks(jobs)
    in_flight: dict[Future[list[BatchResult]], list[Job]] = {}
    ctx = multiprocessing.get_context("spawn")

    def deliver(rs: Iterable[BatchResult]) -> None:
        for r in rs:
            results[r.index] = r
            if on_result is not None:
                on_result(r)

    def start() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            workers, mp_context=ctx, initializer=_init_worker, initargs=(model,)
        )

    def submit(pool: ProcessPoolExecutor) -> None:
        # Two chunks per worker in flight: the workers never wait for the parent, and articles
        # already read stay in the parent until a worker is about to need them.
        while len(in_flight) < 2 * workers:
            chunk = next(pending, None)
            if chunk is None:
                return
            in_flight[pool.submit(_analyse_chunk, chunk)] = chunk

    def fail(chunk: list[Job], message: str) -> None:
        deliver(BatchResult(i, _path(item), error=message) for i, item in chunk)

    restarts = 0
    pool = start()
    progressed, stalled = time.monotonic(), False
    try:
        submit(pool)
        while in_flight:
            if cancel is not None and cancel.is_set():
                raise Cancelled()
            # A timeout so that a cancel is seen while a long chunk is still being analysed.
            done, _ = wait(in_flight, timeout=0.2, return_when=FIRST_COMPLETED)
            if done:
                progressed = time.monotonic()
            elif time.monotonic() - progressed > STALL_S:
                _end_workers(pool)  # they are seen as a broken pool below
                progressed, stalled = time.monotonic(), True
            broken = False
            for fut in done:
                chunk = in_flight.pop(fut)
                try:
                    deliver(fut.result())
                except BrokenProcessPool:
                    broken = True
                    in_flight[fut] = chunk  # failed below with the others in flight
                except Exception as e:  # the chunk could not be sent or returned
                    log.error("a chunk of %d files failed", len(chunk), exc_info=True)
                    fail(chunk, f"Analysis failed: {e}")
            if broken:
                # A worker died (out of memory, a crash in native code). Which chunk killed it
                # is unknown: those in flight fail, the rest go on in a new pool.
                why = (
                    f"Not analysed: the analysis stopped making progress for {STALL_S:.0f} seconds."
                    if stalled
                    else "The analysing process ended unexpectedly (out of memory?)."
                )
                for chunk in in_flight.values():
                    fail(chunk, why)
                in_flight.clear()
                stalled = False
                pool.shutdown(wait=True, cancel_futures=True)
                restarts += 1
                if restarts > MAX_RESTARTS:
                    for chunk in pending:
                        fail(chunk, "Not analysed: the analysing processes kept ending.")
                    break
                pool = start()
            submit(pool)
    finally:
        # On cancel or error, drop what has not started; workers finish their current chunk.
        pool.shutdown(wait=True, cancel_futures=True)
    return [results[i] for i in sorted(results)]


def _end_workers(pool: ProcessPoolExecutor) -> None:
    """Kill the pool's workers; the futures they held then fail as a broken pool."""
    log.error("no analysis finished in %.0f s: workers ended", STALL_S)
    # The executor has no public way to end its workers before Python 3.14.
    for proc in list(getattr(pool, "_processes", {}).values()):
        proc.kill()


def _path(item: str | Article) -> str:
    return item.path if isinstance(item, Article) else item


def analyse_paths_parallel(
    paths: Iterable[str | Path],
    model: str | None = None,
    processes: int | None = None,
    on_result: OnResult | None = None,
    cancel: CancelFlag | None = None,
) -> list[BatchResult]:
    """Read and analyse files in ``processes`` worker processes (default: one per core).

    ``on_result(BatchResult)`` is called in the calling thread for each file as its chunk
    finishes (completion order; ``BatchResult.index`` is the file's input position). A file that
    cannot be read or analysed gives a result with ``error`` set; the others go on. The returned
    list is in input order. ``cancel`` (a ``threading.Event``) raises ``Cancelled`` within about
    0.2 s of being set, after the workers finish the chunks they hold (results already delivered
    stay delivered). ``model``: the spaCy package name, as for ``load_pipeline``.
    """
    return _run([(i, str(p)) for i, p in enumerate(paths)], model, processes, on_result, cancel)


def analyse_articles_parallel(
    articles: Iterable[Article],
    model: str | None = None,
    processes: int | None = None,
    on_result: OnResult | None = None,
    cancel: CancelFlag | None = None,
) -> list[BatchResult]:
    """As ``analyse_paths_parallel``, for articles the caller has already read (for instance to
    look them up in the library first); their texts are sent to the workers.

    ``articles`` may be a generator: it is consumed only as workers need more work (a few
    chunks ahead), so it can read files and skip those the library has, in the calling thread,
    without holding every text in memory. The returned list is then in the order of the
    articles it yielded (``BatchResult.index`` counts them).
    """
    if isinstance(articles, Sized):
        return _run(list(enumerate(articles)), model, processes, on_result, cancel)
    return _run(enumerate(articles), model, processes, on_result, cancel)
