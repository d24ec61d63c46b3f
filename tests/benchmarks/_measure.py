"""Helpers the speed benchmarks share: medians, paired ratios, peak memory, article folders.

The benchmarks run on shared machines, so every comparison is made inside one run: the two
things compared alternate, and ratios are taken per round before their median is taken.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path


def median(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def spread(xs: list[float]) -> str:
    """``median (min–max, n)`` for printing."""
    if not xs:
        return "n/a"
    return f"{median(xs):.3f} (min {min(xs):.3f}, max {max(xs):.3f}, n={len(xs)})"


def timed(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def texts(folder: Path, limit: int | None = None) -> list[Path]:
    """The ``*.txt`` files of a folder, sorted (so every run sees the same inputs)."""
    files = sorted(p for p in folder.iterdir() if p.suffix == ".txt")
    if not files:
        raise SystemExit(f"no .txt files in {folder}")
    return files[:limit] if limit else files


def peak_rss_mb(pid: int | str = "self") -> float:
    """A process's peak resident memory (VmHWM), in MB (0 for a process that is gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def big_article(folder: Path, chars: int) -> str:
    """About ``chars`` characters of real news: the folder's articles joined, repeated."""
    parts = [p.read_text(encoding="utf-8").strip() for p in texts(folder)]
    out: list[str] = []
    n = 0
    while n < chars:
        for t in parts:
            out.append(t)
            n += len(t) + 2
            if n >= chars:
                break
    return "\n\n".join(out)[:chars]
