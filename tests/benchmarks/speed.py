"""Extraction overhead: our full analysis against the bare spaCy pipeline, same texts, one process.

    python tests/benchmarks/speed.py FOLDER [--rounds 5] [--limit N] [--model NAME]

bare = ``spacy.load(model)`` and ``nlp.pipe`` over the texts (tokenizer, tagger, parser, NER, …);
full = ``load_pipeline()`` (the same model plus ``broadsheet_entities`` and ``broadsheet_claims``)
through ``nlp.extract.analyse``, each ``Facts.to_json()`` and ``json.dumps``. The two alternate
for ``--rounds`` rounds after a warm-up; the ratio full / bare is taken per round and its median
printed (target: at most 1.25 over 80 or more articles). Then each component's share of the full
pipeline, timed one component at a time over the same docs.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import median, spread, texts  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--model")
    args = ap.parse_args()

    import spacy

    from broadsheet.facts import Article
    from broadsheet.nlp.extract import analyse
    from broadsheet.nlp.pipeline import choose_model, load_pipeline

    files = texts(args.folder, args.limit)
    articles = [Article(p.read_text(encoding="utf-8"), str(p), p.stem) for p in files]
    chars = sum(len(a.text) for a in articles)
    model = choose_model(args.model)
    t0 = time.perf_counter()
    bare = spacy.load(model)
    t_bare_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    full = load_pipeline(model)
    t_full_load = time.perf_counter() - t0
    print(f"{len(articles)} articles, {chars:,} chars; model {model}")
    print(f"load: bare {t_bare_load:.2f}s, full {t_full_load:.2f}s (full reuses the cached model)")

    def run_bare() -> float:
        t0 = time.perf_counter()
        for _ in bare.pipe((a.text for a in articles), batch_size=8):
            pass
        return time.perf_counter() - t0

    def run_full() -> float:
        t0 = time.perf_counter()
        for f in analyse(full, articles):
            json.dumps(f.to_json(), ensure_ascii=False)
        return time.perf_counter() - t0

    run_bare(), run_full()  # warm-up: lazy tables, allocator, caches
    tb, tf, ratios = [], [], []
    for r in range(args.rounds):
        # Alternate which goes first, so a slow patch of the machine hits both alike.
        if r % 2:
            f, b = run_full(), run_bare()
        else:
            b, f = run_bare(), run_full()
        tb.append(b)
        tf.append(f)
        ratios.append(f / b)
        print(f"  round {r + 1}: bare {b:.2f}s  full {f:.2f}s  ratio {f / b:.3f}", flush=True)
    print(f"bare spaCy   : {spread(tb)} s  ({len(articles) / median(tb):.1f} articles/s)")
    print(f"full analysis: {spread(tf)} s  ({len(articles) / median(tf):.1f} articles/s)")
    print(f"ratio full/bare (median of per-round ratios): {median(ratios):.3f}  [target <= 1.25]")

    # Each component's share: the docs go through the pipeline one component at a time.
    share: dict[str, float] = {name: 0.0 for name in full.pipe_names}
    t_tok = 0.0
    for _ in range(max(1, args.rounds // 2)):
        t0 = time.perf_counter()
        docs = [full.make_doc(a.text) for a in articles]
        t_tok += time.perf_counter() - t0
        for name, proc in full.pipeline:
            t0 = time.perf_counter()
            if hasattr(proc, "pipe"):
                docs = list(proc.pipe(docs, batch_size=8))
            else:
                docs = [proc(d) for d in docs]
            share[name] += time.perf_counter() - t0
    t0 = time.perf_counter()
    from broadsheet.nlp.extract import facts_from_doc

    for d, a in zip(docs, articles, strict=True):
        json.dumps(facts_from_doc(d, a, "").to_json(), ensure_ascii=False)
    t_json = (time.perf_counter() - t0) * max(1, args.rounds // 2)
    total = t_tok + sum(share.values()) + t_json
    print("share of the full analysis, component by component:")
    print(f"  {'tokenizer':22s} {100 * t_tok / total:5.1f} %")
    for name, t in share.items():
        print(f"  {name:22s} {100 * t / total:5.1f} %")
    print(f"  {'facts + JSON':22s} {100 * t_json / total:5.1f} %")
    ours = share.get("broadsheet_entities", 0) + share.get("broadsheet_claims", 0) + t_json
    print(
        f"  ours in all: {100 * ours / total:.1f} % of full = "
        f"{ours / (total - ours):.3f} x the bare pipeline"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
