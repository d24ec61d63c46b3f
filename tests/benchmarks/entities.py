"""Entity benchmark: mention, pairwise-consolidation and panel P/R/F1 on GUM-style CoNLL-U files
or on CoNLL-2003 NER files, and the time our entity component adds to the spaCy pipeline.

    python tests/benchmarks/entities.py DATA_FOLDER [--errors]
    python tests/benchmarks/entities.py conll2003/eng.testa [--limit N] [--errors]

GUM: the figures follow the definitions of the shared reference scorer: gold mentions are the
named (PROPN-headed) person/place/organization mentions; a predicted mention matches a gold one
when it overlaps it and covers its head word; pronoun mentions are not scored.

CoNLL-2003 (a file, or a folder holding ``eng.testa``): each ``-DOCSTART-`` document's tokens
joined by spaces, one sentence a line; gold mentions are the PER, LOC and ORG spans (MISC is
neither). Mentions match on exact spans: F1 per type (the kind must agree) and micro over the
three. The files link no mention to an entity, so for pairwise and panel figures a document's
gold entities are its distinct names, a one-word person name joining the one longer person name
that ends with it ("Clinton" after "Bill Clinton").
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

GOLD_KINDS = {"person": "person", "place": "place", "organization": "organisation"}
PRONOUNS = {
    "he",
    "she",
    "they",
    "him",
    "her",
    "them",
    "his",
    "its",
    "it",
    "their",
    "we",
    "i",
    "you",
}


@dataclass
class GoldMention:
    start: int
    end: int
    kind: str
    cluster: str
    head_start: int
    head_end: int


@dataclass
class GoldDoc:
    name: str
    text: str
    mentions: list[GoldMention]


def _events(value: str) -> list[tuple[str, str, str, bool]]:
    """Parse a GUM ``Entity=`` value into (open|close, id, type, closes-at-once) events."""
    out: list[tuple[str, str, str, bool]] = []
    for m in re.finditer(r"\(([^()]*)(\)?)|(\d+)\)", value):
        if m.group(3) is not None:
            out.append(("close", m.group(3), "", False))
        else:
            parts = m.group(1).split("-")
            out.append(("open", parts[0], parts[1] if len(parts) > 1 else "", bool(m.group(2))))
    return out


def read_conllu(path: Path) -> GoldDoc:
    """Rebuild the text (one sentence a line) and the named gold mentions of one file."""
    text: list[str] = []
    pos = 0
    mentions: list[GoldMention] = []
    sentences: list[list[dict[str, str | int]]] = [[]]
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line:
            sentences.append([])
        elif not line.startswith("#"):
            cols = line.split("\t")
            if "-" not in cols[0] and "." not in cols[0]:
                sentences[-1].append(
                    {
                        "id": cols[0],
                        "form": cols[1],
                        "upos": cols[3],
                        "head": cols[6],
                        "misc": cols[9],
                    }
                )
    for sent in sentences:
        if not sent:
            continue
        for tok in sent:
            tok["start"] = pos
            pos += len(str(tok["form"]))
            tok["end"] = pos
            space = "SpaceAfter=No" not in str(tok["misc"])
            text.append(str(tok["form"]) + (" " if space else ""))
            pos += int(space)
        text.append("\n")
        pos += 1
        open_: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for k, tok in enumerate(sent):
            m = re.search(r"Entity=([^|]+)", str(tok["misc"]))
            if not m:
                continue
            for what, eid, etype, closes in _events(m.group(1)):
                if what == "open" and not closes:
                    open_[eid].append((k, etype))
                    continue
                if what == "open":
                    a = k
                elif open_[eid]:
                    a, etype = open_[eid].pop()
                else:
                    continue
                if etype not in GOLD_KINDS:
                    continue
                ids = {sent[x]["id"] for x in range(a, k + 1)}
                heads = [sent[x] for x in range(a, k + 1) if sent[x]["head"] not in ids]
                if heads and heads[0]["upos"] == "PROPN":
                    h = heads[0]
                    mentions.append(
                        GoldMention(
                            int(sent[a]["start"]),
                            int(sent[k]["end"]),
                            GOLD_KINDS[etype],
                            eid,
                            int(h["start"]),
                            int(h["end"]),
                        )
                    )
    return GoldDoc(path.name.removesuffix(".conllu"), "".join(text), mentions)


CONLL_KINDS = {"PER": "person", "LOC": "place", "ORG": "organisation"}


def _conll_docs(path: Path) -> list[list[list[tuple[str, str]]]]:
    """Documents as sentences of (token, NER tag)."""
    docs: list[list[list[tuple[str, str]]]] = []
    sent: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        cols = line.split()
        if cols and cols[0] == "-DOCSTART-":
            docs.append([])
            continue
        if not cols:
            if sent:
                if not docs:  # a file need not begin with -DOCSTART-
                    docs.append([])
                docs[-1].append(sent)
            sent = []
            continue
        sent.append((cols[0], cols[-1]))
    return [d for d in docs if d]


def read_conll2003(path: Path) -> list[GoldDoc]:
    """The documents of one CoNLL-2003 file (IOB1 tags: I- continues a span of its type, B-
    starts a second one right after the first)."""
    out = []
    for n, sents in enumerate(_conll_docs(path), 1):
        text: list[str] = []
        pos = 0
        spans: list[tuple[int, int, str, str]] = []  # start, end, kind, text
        for sent in sents:
            cur: list[int] | None = None  # [start, end, type]
            cur_type = ""
            for k, (form, tag) in enumerate(sent):
                start = pos
                pos += len(form)
                text.append(form)
                typ = tag[2:] if tag[:2] in ("I-", "B-") else ""
                if cur is not None and (typ != cur_type or tag.startswith("B-")):
                    spans.append((cur[0], cur[1], cur_type, ""))
                    cur = None
                if typ:
                    if cur is None:
                        cur, cur_type = [start, pos], typ
                    else:
                        cur[1] = pos
                if k < len(sent) - 1:
                    text.append(" ")
                    pos += 1
            if cur is not None:
                spans.append((cur[0], cur[1], cur_type, ""))
            text.append("\n")
            pos += 1
        doc_text = "".join(text)
        named = [(a, b, CONLL_KINDS[t], doc_text[a:b]) for a, b, t, _ in spans if t in CONLL_KINDS]
        long_people = [x[3] for x in named if x[2] == "person" and " " in x[3]]
        clusters: dict[str, str] = {}
        mentions = []
        for a, b, kind, name in named:
            key = _conll_cluster_key(name, kind, long_people)
            mentions.append(
                GoldMention(a, b, kind, clusters.setdefault(key, str(len(clusters))), a, b)
            )
        out.append(GoldDoc(f"{path.name}#{n}", doc_text, mentions))
    return out


def _conll_cluster_key(name: str, kind: str, long_people: list[str]) -> str:
    if kind == "person" and " " not in name:
        ends = {p.lower() for p in long_people if p.split()[-1] == name}
        if len(ends) == 1:
            return ends.pop()
    return name.lower()


def prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


class Score:
    def __init__(self, exact: bool = False) -> None:
        self.c: defaultdict[str, int] = defaultdict(int)
        self.exact = exact  # CoNLL: spans must be equal, and typed figures are counted

    def add(self, gold: GoldDoc, entities: list, show: bool) -> None:
        text = gold.text
        pred = []  # (start, end, entity id, entity name, kind)
        for e in entities:
            for m in e.mentions:
                assert text[m.start : m.end] == m.text, (gold.name, m)
                if m.text.strip().lower() in PRONOUNS:
                    continue
                s = m.start + 4 if text[m.start : m.start + 4].lower() == "the " else m.start
                pred.append((s, m.end, e.id, e.name, e.kind))
        # one-to-one greedy matching in gold order, as the reference scorer does
        used: set[int] = set()
        match: dict[int, int] = {}
        for gi, g in enumerate(gold.mentions):
            for pi, p in enumerate(pred):
                if pi not in used and (
                    (p[0], p[1]) == (g.start, g.end)
                    if self.exact
                    else p[0] < g.end
                    and g.start < p[1]
                    and p[0] <= g.head_start
                    and g.head_end <= p[1]
                ):
                    match[gi] = pi
                    used.add(pi)
                    break
        c = self.c
        c["m_tp"] += len(match)
        c["m_pred"] += len(pred)
        c["m_gold"] += len(gold.mentions)
        if self.exact:
            for kind in CONLL_KINDS.values():
                c[f"{kind}_pred"] += sum(1 for p in pred if p[4] == kind)
                c[f"{kind}_gold"] += sum(1 for g in gold.mentions if g.kind == kind)
            for gi, pi in match.items():
                if pred[pi][4] == gold.mentions[gi].kind:
                    c[f"{pred[pi][4]}_tp"] += 1
                    c["typed_tp"] += 1
                elif show:
                    g = gold.mentions[gi]
                    print(f"  {gold.name}: {text[g.start : g.end]!r} {g.kind} as {pred[pi][4]}")
        gold_cl: dict[str, set[int]] = defaultdict(set)
        pred_cl: dict[object, set[int]] = defaultdict(set)
        for gi, g in enumerate(gold.mentions):
            gold_cl[g.cluster].add(gi)
            pred_cl[pred[match[gi]][2] if gi in match else ("unmatched", gi)].add(gi)
        for mem in pred_cl.values():
            c["p_pred"] += len(mem) * (len(mem) - 1) // 2
            c["p_tp"] += sum(
                1
                for x in mem
                for y in mem
                if x < y and gold.mentions[x].cluster == gold.mentions[y].cluster
            )
        for mem in gold_cl.values():
            c["p_gold"] += len(mem) * (len(mem) - 1) // 2
        votes: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for gi, pi in match.items():
            votes[pred[pi][2]][gold.mentions[gi].cluster] += 1
        claimed: set[str] = set()
        ids = list(dict.fromkeys(p[2] for p in pred))
        for eid in ids:
            v = votes.get(eid)
            best = max(v, key=v.get) if v else None
            ok = best is not None and best not in claimed
            if ok:
                claimed.add(best)
                c["e_tp"] += 1
            if show and not ok:
                name = next(p[3] for p in pred if p[2] == eid)
                print(
                    f"  {gold.name}: extra panel row {eid} {name!r}"
                    + (f" (duplicate of cluster {best})" if best else " (no gold)")
                )
        c["e_pred"] += len(ids)
        c["e_gold"] += len(gold_cl)
        if show:
            for cl, mem in gold_cl.items():
                found = {pred[match[gi]][2] for gi in mem if gi in match}
                if cl not in claimed:
                    names = sorted(
                        {text[gold.mentions[gi].start : gold.mentions[gi].end] for gi in mem}
                    )
                    print(f"  {gold.name}: missed entity {names}")
                elif len(found) > 1 or any(gi not in match for gi in mem):
                    parts = defaultdict(list)
                    for gi in mem:
                        g = gold.mentions[gi]
                        parts[pred[match[gi]][2] if gi in match else "-"].append(
                            text[g.start : g.end]
                        )
                    print(f"  {gold.name}: split {dict(parts)}")
            for pi, p in enumerate(pred):
                if pi not in used:
                    print(f"  {gold.name}: extra mention {text[p[0] : p[1]]!r} ({p[3]})")

    def report(self) -> None:
        c = self.c
        if self.exact:
            for kind, typ in (("person", "PER"), ("organisation", "ORG"), ("place", "LOC")):
                p, r, f = prf(c[kind + "_tp"], c[kind + "_pred"], c[kind + "_gold"])
                print(f"{typ:<10} P={p:.3f} R={r:.3f} F1={f:.3f} (exact span and kind)")
            p, r, f = prf(c["typed_tp"], c["m_pred"], c["m_gold"])
            print(
                f"{'micro':<10} P={p:.3f} R={r:.3f} F1={f:.3f} (PER/ORG/LOC, exact span and kind)"
            )
        for label, key, note in (
            ("mentions", "m", ""),
            ("pairwise", "p", "   (same-entity links between gold mentions)"),
            ("panel", "e", "   (distinct entities listed vs gold entities)"),
        ):
            p, r, f = prf(c[key + "_tp"], c[key + "_pred"], c[key + "_gold"])
            counts = f"[{c[key + '_tp']}/{c[key + '_pred']} pred, {c[key + '_gold']} gold]"
            print(f"{label:<10} P={p:.3f} R={r:.3f} F1={f:.3f}{note} {counts}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--errors", action="store_true", help="list the errors of each document")
    ap.add_argument("--model", default=None)
    ap.add_argument("--repeat", type=int, default=3, help="timing runs (the best one is kept)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N documents")
    args = ap.parse_args(argv)

    from broadsheet.nlp.pipeline import load_pipeline

    conll = args.folder / "eng.testa" if args.folder.is_dir() else args.folder
    if conll.is_file():
        golds = read_conll2003(conll)[: args.limit]
    else:
        golds = [read_conllu(p) for p in sorted(args.folder.glob("*.conllu"))][: args.limit]
    if not golds:
        print(f"no .conllu files or CoNLL-2003 file in {args.folder}", file=sys.stderr)
        return 2
    nlp = load_pipeline(args.model)
    ours = nlp.get_pipe("broadsheet_entities")
    spacy_only = [n for n in nlp.pipe_names if not n.startswith("broadsheet_")]
    texts = [g.text for g in golds]
    list(nlp.pipe(texts[:2]))  # warm up (and build the gazetteers) before timing
    base = extra = float("inf")
    docs = []
    for _ in range(max(args.repeat, 1)):
        t0 = time.perf_counter()
        with nlp.select_pipes(enable=spacy_only):
            docs = list(nlp.pipe(texts))
        t1 = time.perf_counter()
        docs = [ours(d) for d in docs]
        t2 = time.perf_counter()
        base, extra = min(base, t1 - t0), min(extra, t2 - t1)

    score = Score(exact=conll.is_file())
    for gold, doc in zip(golds, docs, strict=True):
        score.add(gold, doc._.bs_entities or [], args.errors)
    n = sum(len(g.mentions) for g in golds)
    label = f"CoNLL-2003 {conll.name}" if conll.is_file() else f"GUM {args.folder.name}"
    print(f"{label}: {len(golds)} docs, {n} named mentions")
    score.report()
    print(
        f"time       spaCy pipeline {base:.2f}s, with broadsheet_entities {base + extra:.2f}s "
        f"(+{extra:.3f}s, ratio {(base + extra) / base:.3f})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
