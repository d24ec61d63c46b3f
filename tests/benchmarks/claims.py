"""Attribution quality and cost of the ``broadsheet_claims`` component on a PolNeAR split.

    python tests/benchmarks/claims.py POLNEAR_SPLIT_FOLDER [--limit N] [--misses FILE]

Figures (the definitions of the reference scorer): a gold attribution is found when one unused
claim's content covers more than t (0.3 / 0.8) of the gold content characters; P = found / claims,
R = found / gold; speaker accuracy = share of found attributions with a gold source whose claim
source overlaps it; content+speaker counts a hit only when the speaker matches too. Recall is also
split into direct (gold content holds a quote mark) and indirect. The time of the spaCy pipeline
without our claims component is compared with the time the component adds, in the same run.

Role by role (source, cue, content), as the published PolNeAR results are scored: every span of
that role in a document, gold and predicted, trimmed of spaces and punctuation at both ends; a
gold role in several ranges, or a predicted one with parts, is one span per range. Exact: both
ends equal; begin: the same start; token Jaccard: word tokens inside the predicted spans vs those
inside the gold spans, micro over all documents.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

QUOTE_CHARS = '"\u201c\u201d'
THRESHOLDS = (0.3, 0.8)


@dataclass
class Gold:
    content: list[tuple[int, int]]
    source: list[tuple[int, int]]
    cue: str
    direct: bool = field(default=False)
    cue_ranges: list[tuple[int, int]] = field(default_factory=list)


def read_ann(path: Path, text: str) -> list[Gold]:
    """The attributions of one brat file: each event's Content, Source and Cue text ranges."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if re.match(r"T\d+$", cols[0]) and len(cols) > 1:
            kind, _, ranges = cols[1].partition(" ")
            spans[cols[0]] = (kind, [tuple(map(int, r.split())) for r in ranges.split(";")])
        elif re.match(r"E\d+$", cols[0]) and len(cols) > 1:
            events.append(dict(arg.split(":", 1) for arg in cols[1].split()))
    out = []
    for ev in events:
        parts: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for tid in ev.values():
            kind, ranges = spans[tid]
            parts[kind].extend(ranges)
        if not parts["Content"]:
            continue
        cue = " ".join(text[s:e] for s, e in parts["Cue"]).strip().lower()
        direct = any(ch in text[s:e] for s, e in parts["Content"] for ch in QUOTE_CHARS)
        out.append(Gold(parts["Content"], parts["Source"], cue, direct, parts["Cue"]))
    return out


def load_split(folder: Path) -> dict[str, tuple[str, list[Gold]]]:
    """One annotator per article: the first .ann file in name order."""
    docs: dict[str, tuple[str, list[Gold]]] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        name = re.sub(r"_[0-9a-f]{4}$", "", ann.stem)
        if name in docs:
            continue
        text = (folder / "text" / f"{name}.txt").read_text(encoding="utf-8")
        docs[name] = (text, read_ann(ann, text))
    return docs


def chars(ranges) -> set[int]:
    return {i for s, e in ranges for i in range(s, e)}


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score(docs, predictions, t: float, misses=None) -> dict[str, float]:
    """Greedy one-to-one matching of gold attributions (in file order) to predicted claims."""
    found = n_pred = n_gold = spk_ok = spk_n = found_cs = 0
    kind_found: dict[str, int] = defaultdict(int)
    kind_all: dict[str, int] = defaultdict(int)
    for name, (_text, gold) in docs.items():
        preds = predictions[name]
        pchars = [chars([(c.content.start, c.content.end)]) for c in preds]
        used: set[int] = set()
        for g in gold:
            gc = chars(g.content)
            kind = "direct" if g.direct else "indirect"
            kind_all[kind] += 1
            best, best_cov = None, 0.0
            for i, pc in enumerate(pchars):
                if i in used or not gc:
                    continue
                cov = len(gc & pc) / len(gc)
                if cov > t and cov > best_cov:
                    best, best_cov = i, cov
            if best is None:
                if misses is not None:
                    misses.append((name, "MISS", g, None))
                continue
            used.add(best)
            found += 1
            kind_found[kind] += 1
            claim = preds[best]
            if g.source:
                spk_n += 1
                src = claim.source
                ok = bool(src) and bool(chars(g.source) & chars([(src.start, src.end)]))
                spk_ok += ok
                found_cs += ok
                if not ok and misses is not None:
                    misses.append((name, "SPEAKER", g, claim))
            else:
                found_cs += 1
        n_gold += len(gold)
        n_pred += len(preds)
        if misses is not None:
            misses.extend((name, "FP", None, preds[i]) for i in range(len(preds)) if i not in used)
    p = found / n_pred if n_pred else 0.0
    r = found / n_gold if n_gold else 0.0
    pc = found_cs / n_pred if n_pred else 0.0
    rc = found_cs / n_gold if n_gold else 0.0
    return {
        "P": p,
        "R": r,
        "F1": f1(p, r),
        "speaker": spk_ok / spk_n if spk_n else 0.0,
        "cs_F1": f1(pc, rc),
        "direct_R": kind_found["direct"] / max(1, kind_all["direct"]),
        "indirect_R": kind_found["indirect"] / max(1, kind_all["indirect"]),
        "n_gold": n_gold,
        "n_pred": n_pred,
    }


ROLES = ("source", "cue", "content")
TRIM = " \t\n\r\"'“”‘’`.,;:!?()[]—–-"


def _trim(text: str, s: int, e: int) -> tuple[int, int] | None:
    while s < e and text[s] in TRIM:
        s += 1
    while e > s and text[e - 1] in TRIM:
        e -= 1
    return (s, e) if e > s else None


def _tokens(text: str, spans) -> set[tuple[int, int]]:
    return {(m.start() + s, m.end() + s) for s, e in spans for m in re.finditer(r"\w+", text[s:e])}


def _prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return p, r, f1(p, r)


def role_scores(docs, predictions) -> dict[str, dict[str, object]]:
    """Exact and begin P/R/F1 and token Jaccard per role (see the module's docstring)."""
    out: dict[str, dict[str, object]] = {}
    for role in ROLES:
        ex, be, jac = [0, 0, 0], [0, 0, 0], [0, 0]
        for name, (text, gold) in docs.items():
            granges = {
                "source": lambda g: g.source,
                "cue": lambda g: g.cue_ranges,
                "content": lambda g: g.content,
            }[role]
            gs = {t for g in gold for s, e in granges(g) if (t := _trim(text, s, e))}
            ps = set()
            for c in predictions[name]:
                span = getattr(c, role)
                if span is not None:
                    ps.update(t for s, e in span.ranges if (t := _trim(text, s, e)))
            ex[0] += len(gs & ps)
            ex[1] += len(ps)
            ex[2] += len(gs)
            gb, pb = {s for s, _ in gs}, {s for s, _ in ps}
            be[0] += len(gb & pb)
            be[1] += len(pb)
            be[2] += len(gb)
            gt, pt = _tokens(text, gs), _tokens(text, ps)
            jac[0] += len(gt & pt)
            jac[1] += len(gt | pt)
        out[role] = {
            "exact": _prf(*ex),
            "begin": _prf(*be),
            "jaccard": jac[0] / jac[1] if jac[1] else 0.0,
        }
    return out


def write_misses(path: Path, docs, misses) -> None:
    with path.open("w", encoding="utf-8") as out:
        for name, what, g, claim in misses:
            text = docs[name][0]
            line = [name, what]
            if g is not None:
                line.append("GOLD src=" + "|".join(text[s:e] for s, e in g.source))
                line.append("cue=" + g.cue)
                line.append("content=" + "|".join(text[s:e] for s, e in g.content))
            if claim is not None:
                src = claim.source.text if claim.source else "-"
                cue = claim.cue.text if claim.cue else "-"
                line.append(f"PRED {claim.kind} src={src} cue={cue} content={claim.content.text}")
            out.write("\t".join(x.replace("\n", " ") for x in line) + "\n")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("folder", type=Path, help="a PolNeAR split folder (text/, attributions/)")
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles")
    ap.add_argument("--misses", type=Path, help="write misses and false positives (t=0.3) here")
    args = ap.parse_args(argv)

    from broadsheet.nlp.pipeline import load_pipeline

    docs = load_split(args.folder)
    if args.limit:
        docs = dict(list(docs.items())[: args.limit])
    nlp = load_pipeline()
    claims = nlp.get_pipe("broadsheet_claims")
    texts = [text for text, _ in docs.values()]
    # Same run: the pipeline without our claims component, then the component on those docs.
    t0 = time.perf_counter()
    with nlp.select_pipes(disable=["broadsheet_claims"]):
        parsed = list(nlp.pipe(texts, batch_size=8))
    t_base = time.perf_counter() - t0
    t0 = time.perf_counter()
    parsed = [claims(doc) for doc in parsed]
    t_claims = time.perf_counter() - t0
    predictions = {
        name: list(doc._.bs_claims or []) for name, doc in zip(docs, parsed, strict=True)
    }
    for doc in parsed:
        for c in doc._.bs_claims:
            for sp in (c.source, c.cue, c.content):
                if sp is not None and doc.text[sp.start : sp.end] != sp.text:
                    raise SystemExit(f"span offsets do not match the text: {sp}")

    n_gold = sum(len(g) for _, g in docs.values())
    print(f"PolNeAR {args.folder.name}: {len(docs)} articles, {n_gold} gold attributions")
    misses: list | None = [] if args.misses else None
    for t in THRESHOLDS:
        r = score(docs, predictions, t, misses if t == 0.3 else None)
        print(
            f"t={t}: P={r['P']:.3f} R={r['R']:.3f} F1={r['F1']:.3f} speaker={r['speaker']:.3f} "
            f"content+speaker F1={r['cs_F1']:.3f} direct R={r['direct_R']:.3f} "
            f"indirect R={r['indirect_R']:.3f} (pred {r['n_pred']})"
        )
    for role, r in role_scores(docs, predictions).items():
        (p, rc, ef), (_, _, bf), j = r["exact"], r["begin"], r["jaccard"]  # type: ignore[misc]
        print(
            f"{role:8s} exact P={p:.3f} R={rc:.3f} F1={ef:.3f}   begin F1={bf:.3f}   "
            f"token Jaccard={j:.3f}"
        )
    print(
        f"time: spaCy pipeline {t_base:.2f}s, claims component {t_claims:.2f}s, "
        f"ratio {(t_base + t_claims) / t_base:.3f} (+{100 * t_claims / t_base:.1f}%)"
    )
    if args.misses and misses is not None:
        write_misses(args.misses, docs, misses)


if __name__ == "__main__":
    sys.exit(main())
