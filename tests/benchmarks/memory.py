"""Memory: peak resident memory (VmHWM) of the window until an article's facts show.

    python tests/benchmarks/memory.py FOLDER [--chars 1000000] [--sample SAMPLE]

Each case runs in its own process with an empty library (so the model loads and the article is
analysed) and prints the peak RSS once the facts are on screen of the window's process and of
its analysis process, and their sum (what is compared with the target: an upper bound, as the
two peaks need not coincide): the window alone (no document), the window with the sample
(target under 500 MB) and with an article of about ``--chars`` characters made from FOLDER's
articles (target under 1.5 GB).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import big_article, peak_rss_mb  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "seeds" / "kim-jong-un-arrives-in-russia.txt"


def child(path: str) -> None:
    """Open ``path`` (or nothing) in a window on an empty library; print the peak RSS."""
    import time

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from broadsheet.ui.app import create_window

    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as home:
        window = create_window(home)
        window.show()
        app.processEvents()
        done: list[float] = []
        if path:
            window.factsShown.connect(lambda _f: done.append(1))
            window.openFailed.connect(lambda _m: done.append(-1))
            rid = window.open_path(path)
            # Also the peak when the analysis is done, before the facts are shown (printed from
            # the worker thread): showing them is a separate step that may fail on its own.
            window._jobs[rid].signals.finished.connect(
                lambda *_: print(json.dumps({"analysed_mb": peak_rss_mb()}), flush=True),
                Qt.ConnectionType.DirectConnection,
            )
            while not done:
                app.processEvents()
                time.sleep(0.005)
        app.processEvents()
        worker = window.analyzer.worker
        print(
            json.dumps(
                {
                    "peak_mb": peak_rss_mb(),
                    "ok": done != [-1],
                    "worker_mb": peak_rss_mb(worker.pid) if worker and worker.pid else 0,
                }
            ),
            flush=True,
        )
        window.close()


def run(path: str) -> str:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    code = (
        f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); import memory; "
        f"memory.child({path!r})"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=1800
    )
    analysed = float("nan")
    for line in proc.stdout.splitlines():
        if line.startswith("{"):
            got = json.loads(line)
            if "analysed_mb" in got:
                analysed = float(got["analysed_mb"])
                continue
            if not got["ok"]:
                raise SystemExit(f"opening {path} failed")
            window, worker = float(got["peak_mb"]), float(got["worker_mb"])
            return f"{window + worker:7.0f} MB (window {window:.0f} + analysis {worker:.0f})"
    # The window died showing the facts: say so, with the peak reached until then.
    crash = next((ln for ln in proc.stderr.splitlines() if "Fatal" in ln or "Error" in ln), "")
    print(
        f"  (the window process ended with status {proc.returncode} after the analysis, "
        f"peak {analysed:.0f} MB by then: {crash[:160]})"
    )
    return f"{analysed:7.0f} MB (window only)"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--chars", type=int, default=1_000_000)
    ap.add_argument("--sample", type=Path, default=SAMPLE)
    args = ap.parse_args()
    print(f"window, no document       : {run('')} peak RSS")
    print(f"window + sample           : {run(str(args.sample))} peak RSS  [target < 500]")
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big-article.txt"
        big.write_text(big_article(args.folder, args.chars), encoding="utf-8")
        print(
            f"window + {args.chars / 1e6:.1f} M-char article: {run(str(big))} peak RSS  "
            f"[target < 1500]"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
