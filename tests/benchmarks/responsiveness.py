"""Responsiveness: the longest stall of the GUI event loop while an article is opened.

    python tests/benchmarks/responsiveness.py FOLDER [--chars 1000000] [--runs 1] [--file F]

Builds an article of about ``--chars`` characters from FOLDER's articles (or takes ``--file``),
opens it in a window with an empty library (so the model loads, then the article is analysed,
both off the GUI thread, then the facts are shown), and meanwhile a ``QTimer`` ticks every 10 ms:
the largest gap between ticks, minus the 10 ms, is the longest stall (target: never over
100 ms). Gaps are reported per phase, as the window's status messages announce them (model
load, analysis, showing the facts), with the slowest moments' phases.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import big_article  # noqa: E402

TICK_MS = 10


def run_once(path: Path) -> dict[str, object]:
    from PySide6.QtCore import QTimer
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
        timer = QTimer()
        timer.setInterval(TICK_MS)
        timer.timeout.connect(tick)
        timer.start()
        t0 = time.perf_counter()
        rid = window.open_path(path)
        window._jobs[rid].signals.status.connect(status)
        # The facts arrive: everything from the signal to the next tick is "showing".
        window._jobs[rid].signals.finished.connect(lambda *_: phase.__setitem__(0, "show facts"))
        window.factsShown.connect(lambda _f: done.append(time.perf_counter() - t0))
        window.openFailed.connect(lambda m: (print("failed:", m), done.append(-1)))
        while not done:
            app.processEvents()
            time.sleep(0.001)
        end = time.perf_counter() + 0.3  # the ticks just after showing belong to it too
        while time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.001)
        timer.stop()
        window.close()
        window.library.close()
    return {"seconds": done[0], "worst": worst, "stalls": sorted(stalls, reverse=True)[:5]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path, nargs="?")
    ap.add_argument("--file", type=Path)
    ap.add_argument("--chars", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=1)
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
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
            assert isinstance(worst, dict)
            print(f"run {r + 1}: facts shown after {res['seconds']:.1f}s; longest stall "
                  f"{max(worst.values()):.0f} ms [target <= 100]; by phase: "
                  + ", ".join(f"{k} {v:.0f} ms" for k, v in worst.items()))
            print(f"  stalls over 50 ms (ms, phase): {res['stalls']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
