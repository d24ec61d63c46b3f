"""Responsiveness: the longest stall of the GUI event loop while an article is opened.

    python tests/benchmarks/responsiveness.py FOLDER [--chars 1000000] [--runs 1] [--file F]

Builds an article of about ``--chars`` characters from FOLDER's articles (or takes ``--file``),
opens it in a window with an empty library (so the model loads, then the article is analysed,
both off the GUI thread, then the facts are shown), and meanwhile a ``QTimer`` ticks every 10 ms:
the largest gap between ticks, minus the 10 ms, is the longest stall (target: never over
100 ms). Gaps are reported per phase, as the window's status messages announce them (model
load, analysis, showing the facts), with the slowest moments' phases. Then the same article is
opened again and Cancel pressed once its first chunk is done: the time until the analysis stops.

    python tests/benchmarks/responsiveness.py --library DIR --file F [--runs 5]

Only the showing: F is already analysed in the library DIR (``broadsheet extract --library DIR
F``), so opening it takes its facts from there; each run opens it in a new window and reports
the longest stall from ``open_path`` until ``factsShown`` (all facts on screen) and 300 ms after,
also counted only from when the facts reach the window (reading them from the library is a
worker thread's, but holds the GIL at times), the time to that signal, when stalls over 50 ms
and garbage-collector pauses happened; medians over the runs.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import big_article  # noqa: E402

TICK_MS = 10


def pump(
    app: Any, seconds: float = 0.0, until: Callable[[], object] | None = None, limit: float = 900.0
) -> None:
    """Run the event loop for ``seconds``, or until ``until()`` is true (at most ``limit`` s)."""
    end = time.perf_counter() + (seconds if until is None else limit)
    while time.perf_counter() < end and not (until is not None and until()):
        app.processEvents()
        time.sleep(0.001)


class CollectorPauses:
    """Garbage-collector passes over 20 ms, as (``label(start)``, ms): a pass holds the GIL in
    whichever thread runs it, so it stalls the window too."""

    def __init__(self, label: Callable[[float], Any]) -> None:
        self.label, self.found, self._start = label, [], 0.0

    def start(self) -> None:
        gc.callbacks.append(self._seen)

    def stop(self) -> None:
        gc.callbacks.remove(self._seen)

    def _seen(self, phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        elif (ms := (time.perf_counter() - self._start) * 1000) > 20:
            self.found.append((self.label(self._start), round(ms)))


def run_once(path: Path) -> dict[str, Any]:
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from broadsheet.ui.app import create_window

    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as home:
        window = create_window(home)
        window.show()
        app.processEvents()
        phase = ["open"]
        worst: dict[str, float] = {}
        stalls: list[tuple[float, str]] = []
        last = [time.perf_counter()]

        def tick() -> None:
            now = time.perf_counter()
            gap = (now - last[0]) * 1000 - TICK_MS
            last[0] = now
            worst[phase[0]] = max(worst.get(phase[0], 0.0), gap)
            if gap > 50:
                stalls.append((gap, phase[0]))

        def status(_rid: int, message: str) -> None:
            phase[0] = "model load" if message.startswith("Loading") else "analysis"

        done: list[float] = []
        pauses = CollectorPauses(lambda _start: phase[0])
        pauses.start()
        timer = QTimer()
        timer.setInterval(TICK_MS)
        timer.timeout.connect(tick)
        timer.start()
        # Three idle seconds first: the stalls this machine causes on its own (other processes).
        phase[0] = "idle"
        pump(app, 3)
        phase[0] = "open"
        t0 = time.perf_counter()
        rid = window.open_path(path)
        window._jobs[rid].signals.status.connect(status)

        # The facts arrive: everything from the signal to the next tick is "showing".
        def analysed(*_: object) -> None:
            # In the worker thread as it emits, before the GUI thread shows the facts; printed
            # now too, in case showing them fails.
            print(
                f"  analysed after {time.perf_counter() - t0:.1f}s; longest stall so far "
                f"{max(worst.values()):.0f} ms; by phase: "
                + ", ".join(f"{k} {v:.0f} ms" for k, v in worst.items()),
                flush=True,
            )
            phase[0] = "show facts"

        window._jobs[rid].signals.finished.connect(analysed, Qt.ConnectionType.DirectConnection)
        window.factsShown.connect(lambda _f: done.append(time.perf_counter() - t0))
        window.openFailed.connect(lambda m: (print("failed:", m), done.append(-1)))
        pump(app, until=lambda: done)
        pump(app, 0.3)  # the ticks just after showing belong to it too
        result = {
            "seconds": done[0],
            "worst": dict(worst),
            "stalls": sorted(stalls, reverse=True)[:5],
            "gc": list(pauses.found),
        }

        # Cancel: the same article again (removed from the library; the model is loaded now),
        # Cancel pressed once the first chunk is back; how long until the window says so.
        if window.facts is not None:
            t_remove = time.perf_counter()
            window.library.remove(window.facts.sha256)
            result["remove_ms"] = (time.perf_counter() - t_remove) * 1000
        last[0] = time.perf_counter()  # the removal is this script's, not part of the cancel run
        phase[0], cancelled, pressed = "analysis (cancel run)", [], []

        def progress(_rid: int, done_chars: int, _total: int) -> None:
            if done_chars and not pressed:
                pressed.append(time.perf_counter())
                window.cancel_analysis()

        rid = window.open_path(path)
        job = window._jobs[rid]
        job.signals.progress.connect(progress)
        job.signals.cancelled.connect(lambda _r: cancelled.append(time.perf_counter()))
        job.signals.finished.connect(lambda *_: cancelled.append(-1.0))
        pump(app, until=lambda: cancelled)
        if pressed and cancelled and cancelled[0] > 0:
            result["cancel_ms"] = (cancelled[0] - pressed[0]) * 1000
        result["cancel_stall"] = worst.get("analysis (cancel run)", 0.0)
        pauses.stop()
        timer.stop()
        window.close()
        window.library.close()
    return result


def show_once(path: Path, library: Path) -> dict[str, Any]:
    """The longest stall and the time until factsShown (ms), whether the facts came from the
    library, and when (ms after ``open_path``) the stalls over 50 ms and the garbage
    collector's pauses over 20 ms happened."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from broadsheet.ui.app import create_window

    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = create_window(library)
    window.show()
    pump(app, 0.5)  # let the window settle before the clock starts
    gaps: list[float] = []
    shown_gaps: list[float] = []  # those once the facts are in the GUI thread
    last = [time.perf_counter()]
    t0 = time.perf_counter()
    stalls: list[tuple[int, int]] = []  # (ms after open, ms)
    pauses = CollectorPauses(lambda start: round((start - t0) * 1000))

    def tick() -> None:
        now = time.perf_counter()
        gaps.append((now - last[0]) * 1000 - TICK_MS)
        if arrived:
            shown_gaps.append(gaps[-1])
        if gaps[-1] > 50:
            stalls.append((round((last[0] - t0) * 1000), round(gaps[-1])))
        last[0] = now

    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(tick)
    shown: list[float] = []
    arrived: list[float] = []
    show_facts = window.show_facts
    window.show_facts = lambda f: (arrived.append(time.perf_counter()), show_facts(f))
    pauses.start()
    t0 = time.perf_counter()
    window.open_path(path)
    window.factsShown.connect(lambda _f: shown.append(time.perf_counter()))
    window.openFailed.connect(lambda m: (print("failed:", m), shown.append(-1.0)))
    last[0] = time.perf_counter()
    timer.start()
    pump(app, until=lambda: shown)
    pump(app, 0.3)  # the ticks just after showing belong to it too
    cached = "from the library" in window.statusBar().currentMessage()
    pauses.stop()
    timer.stop()
    window.close()
    window.library.close()
    window.deleteLater()
    app.processEvents()
    return {
        "stall": max(gaps, default=0.0),
        "ms": (shown[0] - t0) * 1000,
        "cached": cached,
        "showing": max(shown_gaps, default=0.0),
        "arrived": round((arrived[0] - t0) * 1000) if arrived else None,
        "stalls": stalls,
        "gc": pauses.found,
    }


def show_only(path: Path, library: Path, runs: int) -> None:
    from _measure import median

    stalls, showing, times = [], [], []
    for r in range(runs):
        res = show_once(path, library)
        if not res["cached"]:
            print(
                "  warning: not in the library, so it was analysed; run "
                f"`broadsheet extract --library {library} {path}` first"
            )
        stalls.append(res["stall"])
        showing.append(res["showing"])
        times.append(res["ms"])
        print(
            f"  run {r + 1}: facts shown after {res['ms']:.0f} ms; longest stall "
            f"{res['stall']:.0f} ms, {res['showing']:.0f} ms once the facts were read (after "
            f"{res['arrived']} ms); stalls over 50 ms (at ms, ms): {res['stalls']}; "
            f"GC pauses over 20 ms: {res['gc']}",
            flush=True,
        )
    print(
        f"open_path -> factsShown, from the library: longest stall median "
        f"{median(stalls):.0f} ms (max {max(stalls):.0f}) [target <= 100]; while showing "
        f"(facts read) median {median(showing):.0f} ms (max {max(showing):.0f}); fully shown "
        f"after median {median(times):.0f} ms (min {min(times):.0f}, max {max(times):.0f}, "
        f"n={runs})"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path, nargs="?")
    ap.add_argument("--file", type=Path)
    ap.add_argument("--chars", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument(
        "--library", type=Path, help="only show --file, already analysed in this library"
    )
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.library:
        if not args.file:
            raise SystemExit("--library needs --file")
        print(f"article: {args.file.name}, {len(args.file.read_text(encoding='utf-8')):,} chars")
        show_only(args.file, args.library, args.runs)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        if args.file:
            path = args.file
        elif args.folder:
            path = Path(tmp) / "big-article.txt"
            path.write_text(big_article(args.folder, args.chars), encoding="utf-8")
        else:
            raise SystemExit("give FOLDER or --file")
        print(f"article: {path.name}, {len(path.read_text(encoding='utf-8')):,} chars")
        for r in range(args.runs):
            res = run_once(path)
            worst = res["worst"]
            print(
                f"run {r + 1}: facts shown after {res['seconds']:.1f}s; longest stall "
                f"{max(worst.values()):.0f} ms [target <= 100]; by phase: "
                + ", ".join(f"{k} {v:.0f} ms" for k, v in worst.items())
            )
            print(f"  stalls over 50 ms (ms, phase): {res['stalls']}")
            print(f"  collector passes over 20 ms (phase, ms): {res['gc']}")
            if "cancel_ms" in res:
                if "remove_ms" in res:
                    print(
                        f"  (Library.remove of the document before that, in this script: "
                        f"{res['remove_ms']:.0f} ms)"
                    )
                print(
                    f"  Cancel pressed after the first chunk: analysis stopped "
                    f"{res['cancel_ms']:.0f} ms later; longest stall meanwhile "
                    f"{res['cancel_stall']:.0f} ms"
                )
            else:
                print("  Cancel: the analysis finished before it could be cancelled")
    return 0


if __name__ == "__main__":
    sys.exit(main())
