"""Panels of real documents, for checking by eye: each file's most-mentioned entities.

    python tests/benchmarks/panels.py FOLDER [--top 10] [--kind html] [--judged FILE] [--only RE]

FOLDER is a folder of documents, or one holding ``html/NAME/source.html`` pages (as the
reading benchmark's data does). For each file it prints the ``--top`` entities with the most
mentions, as ``kind  mentions  name  [aliases]``, so that a reader can say which rows are of the
wrong kind or no entity at all.

``--judged FILE`` scores such a reading: FILE has lines ``NAME<TAB>ENTITY<TAB>TRUTH`` where
TRUTH is what the row really is: ``person``, ``place``, ``organisation``, ``not`` (no person,
place or organisation: a product, a term, a work) or ``merged`` (two people in one row). The
truth does not depend on the kind shown, so one reading scores every later version; printed are
the share of listed rows of the right kind, of non-entities, and the rows not judged yet (new
names, to be read and added). ``--only RE`` keeps the files whose name matches RE (the pages of
news outlets, say).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "desktop"))


def documents(folder: Path, kind: str | None) -> list[tuple[str, Path]]:
    if (folder / "html").is_dir() and kind in (None, "html"):
        return [(d.name, d / "source.html") for d in sorted((folder / "html").iterdir())]
    if kind and (folder / kind).is_dir():
        folder = folder / kind
    return [(p.name, p) for p in sorted(folder.iterdir()) if p.is_file()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--top", type=int, default=10)
    ap.add_argument("--kind", default=None, help="html, pdf or docx under FOLDER")
    ap.add_argument("--judged", type=Path, default=None)
    ap.add_argument("--model", default=None)
    ap.add_argument("--only", default=None, help="a regular expression on the file names")
    args = ap.parse_args(argv)

    from broadsheet.errors import ReadError
    from broadsheet.ingest import read_article
    from broadsheet.nlp.extract import analyse
    from broadsheet.nlp.pipeline import load_pipeline

    docs = documents(args.folder, args.kind)
    if args.only:
        docs = [(name, path) for name, path in docs if re.match(args.only, name)]
    names, articles = [], []
    for name, path in docs:
        try:
            articles.append(read_article(path))
            names.append(name)
        except ReadError as e:
            print(f"{name}: not read ({e})", file=sys.stderr)
    nlp = load_pipeline(args.model)
    judged: dict[tuple[str, str], str] = {}
    if args.judged:
        for line in args.judged.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) == 3:
                judged[parts[0], parts[1]] = parts[2].strip()
    verdicts: Counter[str] = Counter()
    for name, facts in zip(names, analyse(nlp, articles), strict=True):
        rows = sorted(facts.entities, key=lambda e: (-len(e.mentions), e.mentions[0].start))
        print(f"== {name}")
        for e in rows[: args.top]:
            truth = judged.get((name, e.name), "?")
            verdict = (
                "ok" if truth == e.kind else truth if truth in ("not", "merged", "?") else "kind"
            )
            verdicts[verdict] += 1
            aliases = f"  [{', '.join(e.aliases[:4])}]" if e.aliases else ""
            mark = f"  <{truth}>" if args.judged and verdict != "ok" else ""
            print(f"  {e.kind:<12} {len(e.mentions):>3}  {e.name}{aliases}{mark}")
    if args.judged:
        n = sum(verdicts.values())
        print(
            f"rows {n}: right kind {verdicts['ok'] / n:.1%}, wrong kind {verdicts['kind']}, "
            f"not entities {verdicts['not'] / n:.1%}, people merged {verdicts['merged']}, "
            f"not judged {verdicts['?']}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
