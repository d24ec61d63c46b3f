"""Batch analysis: one worker process against one per core, on the same files, in one run.

    python tests/benchmarks/batch.py FOLDER [--limit N] [--processes N] [--rounds 2] [--model M]

Each round runs ``broadsheet.workers.pool.analyse_paths_parallel`` over the files with 1 process and
with N (default: one per core), alternating. Times are wall-clock from the call to the last
result, so they include starting the workers and loading the model in each (what an import
pays); "first result" shows that start-up cost. The ratio of throughputs is taken per round
(target: at least 1.6 on 200+ articles with 2 cores). The workers' CPU time shows how many
cores they actually got: on a machine other work shares, the ratio can be no better than that.
Nothing is written to any library.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import median, spread, texts  # noqa: E402


def run(paths: list[Path], processes: int, model: str | None) -> tuple[float, float, int, float]:
    """(seconds in all, seconds to the first result, failures, CPU seconds of the workers)."""
    import resource

    from broadsheet.workers.pool import BatchResult, analyse_paths_parallel

    cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    first: list[float] = []

    def got(r: BatchResult) -> None:
        if not first:
            first.append(time.perf_counter() - t0)

    results = analyse_paths_parallel(paths, model=model, processes=processes, on_result=got)
    wall = time.perf_counter() - t0
    cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)  # the workers, reaped at shutdown
    cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
    return wall, first[0], sum(1 for r in results if r.error), cpu


def main() -> int:
    from broadsheet.workers.pool import default_processes

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--processes", type=int, default=default_processes())
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--model")
    args = ap.parse_args()
    paths = texts(args.folder, args.limit)
    chars = sum(p.stat().st_size for p in paths)
    n = args.processes
    print(f"{len(paths)} files, {chars:,} bytes; 1 process vs {n} processes, {args.rounds} rounds")
    one, many, ratios = [], [], []
    for r in range(args.rounds):
        order = [1, n] if r % 2 == 0 else [n, 1]
        got = {}
        for p in order:
            total, first, failed, cpu = run(paths, p, args.model)
            got[p] = total
            # CPU seconds per wall second: how many cores the workers really got.
            print(
                f"  round {r + 1}: {p} process{'es' if p > 1 else ''}: {total:6.1f}s "
                f"({len(paths) / total:5.2f} files/s; first result after {first:.1f}s; "
                f"{failed} failed; workers' CPU {cpu:.0f}s = {cpu / total:.2f} cores)",
                flush=True,
            )
        one.append(got[1])
        many.append(got[n])
        ratios.append(got[1] / got[n])
    print(f"1 process : {spread(one)} s  -> {len(paths) / median(one):.2f} files/s")
    print(f"{n} processes: {spread(many)} s  -> {len(paths) / median(many):.2f} files/s")
    print(
        f"throughput ratio {n}/1 (median of per-round ratios): {median(ratios):.2f}  "
        f"[target >= 1.6]"
    )
    return 0


if __name__ == "__main__":  # spawn workers import this module: the guard is required
    sys.exit(main())
