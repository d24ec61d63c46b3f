"""A library of 10,000 documents: the Library dock, search and "Also in", and the file's size.

    python tests/benchmarks/library_scale.py FOLDER [--documents 10000] [--articles 40]
                                             [--runs 9] [--keep DIR]

The first ``--articles`` articles of FOLDER are analysed for real; the library is then filled
with ``--documents`` documents made from them, each with its own text (the article plus a
numbered line, so every SHA-256 differs and the offsets stay valid), through ``Library.put`` —
the same path an import takes. Then, with the real API and median of ``--runs``:
``LibraryPanel.refresh()`` (what opening the dock does; target < 200 ms),
``Library.documents(search=…)`` for common and rare words and names (target < 50 ms, with the
dock's limit and without one), ``Library.also_in(...)`` for a frequent, an uncommon and an absent
name (< 50 ms), the database size per document, and across the library: the claims about a
frequent and an uncommon name, their timeline and the network of the newest 200 documents
(target < 100 ms each). With ``--keep``, a library built before is reused (and brought to the
current schema when it is opened).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import median, spread, texts  # noqa: E402


def build(folder: Path, home: Path, documents: int, articles: int) -> float:
    """Fill the library; returns seconds per ``put``."""
    from broadsheet.facts import Article, Facts
    from broadsheet.nlp.extract import analyse
    from broadsheet.nlp.pipeline import load_pipeline
    from broadsheet.store.library import Library

    nlp = load_pipeline()
    arts = [Article(p.read_text(encoding="utf-8"), str(p), p.stem) for p in texts(folder, articles)]
    base = list(analyse(nlp, arts))
    lib = Library(home)
    t0 = time.perf_counter()
    for i in range(documents):
        f = base[i % len(base)]
        lib.put(
            Facts(
                text=f"{f.text}\n\nCopy {i}.",
                path=f"{f.path}#{i}",
                title=f"{f.title} {i}",
                pipeline=f.pipeline,
                entities=f.entities,
                claims=f.claims,
            )
        )
        if (i + 1) % 1000 == 0:
            print(
                f"  {i + 1} documents, {(time.perf_counter() - t0) / (i + 1) * 1000:.1f} "
                f"ms per put",
                flush=True,
            )
    per_put = (time.perf_counter() - t0) / documents
    lib.close()
    return per_put


def measure(home: Path, runs: int) -> None:
    from PySide6.QtWidgets import QApplication

    from broadsheet.store.library import Library
    from broadsheet.ui.library_panel import SNIPPETS, LibraryPanel

    lib = Library(home)
    n = len(lib.documents())
    db = lib.path.stat().st_size + sum(
        p.stat().st_size for p in lib.path.parent.glob(lib.path.name + "-wal")
    )
    print(f"library: {n} documents, {db / 1e6:.1f} MB, {db / max(n, 1) / 1024:.1f} KB per document")

    # Words and names to look for: the most and least frequent names in the library.
    some = lib.newest_facts(lib.documents(limit=1)[0].sha256)
    assert some is not None
    names = Counter(e.name for e in some.entities if " " in e.name)
    frequent = names.most_common(1)[0][0]
    uncommon = names.most_common()[-1][0]  # in 1 of the --articles: 250 of 10,000 documents
    rare = "Xyzzy Nobody"

    def ms(fn) -> list[float]:  # noqa: ANN001
        out = []
        fn()  # warm: the statement cache, the first page reads
        for _ in range(runs):
            t0 = time.perf_counter()
            fn()
            out.append((time.perf_counter() - t0) * 1000)
        return out

    app = QApplication.instance() or QApplication(sys.argv[:1])
    panel = LibraryPanel(lib)
    panel.resize(500, 800)
    panel.show()

    def dock() -> None:
        panel.refresh()
        app.processEvents()  # the rows laid out and painted, as the reader sees them

    print(f"LibraryPanel.refresh() (500 rows shown): {spread(ms(dock))} ms  [target < 200]")

    def dock_search() -> None:
        panel.search.setText("president")
        panel.refresh()
        app.processEvents()
        panel.search.setText("")

    print(f"LibraryPanel.refresh() searching 'president': {spread(ms(dock_search))} ms")
    for words in ("president", "said", frequent.split()[-1], "Xyzzy", "copy 9999"):
        hits = len(lib.documents(search=words))
        # What the dock asks for: 500 rows, the first SNIPPETS with the words round the hit.
        t_lim = ms(lambda w=words: lib.documents(search=w, limit=500, snippets=SNIPPETS))
        t_all = ms(lambda w=words: lib.documents(search=w))
        print(
            f"documents(search={words!r}): {hits} hits; the dock's 500 rows, {SNIPPETS} with "
            f"snippets: {median(t_lim):.1f} ms, "
            f"no limit: {median(t_all):.1f} ms  [target < 50]"
        )
    print(f"documents() (all, no search): {median(ms(lambda: lib.documents())):.1f} ms")
    for name, kind in ((frequent, "person"), (frequent, ""), (uncommon, ""), (rare, "person")):
        got = len(lib.also_in([name], kind=kind))
        t = ms(lambda nm=name, k=kind: lib.also_in([nm], kind=k))
        print(f"also_in([{name!r}], kind={kind!r}): {got} documents, {spread(t)} ms  [target < 50]")
    t = ms(lambda: lib.newest_facts(some.sha256))
    print(f"newest_facts (open from the dock): {median(t):.1f} ms")
    across(lib, frequent, uncommon, ms)
    panel.close()
    lib.close()


def across(lib, frequent: str, uncommon: str, ms) -> None:  # noqa: ANN001
    """Across the library: claims about someone, their timeline, the network (what the Said
    About, Timeline and Network docks and the claims, timeline and network commands run)."""
    from broadsheet import network
    from broadsheet.across import ABOUT, BY, corrected_documents, said, timeline

    for name in (frequent, uncommon):
        found = said(lib, name)
        t = ms(lambda nm=name: said(lib, nm))
        print(f"claims about {name!r}: {len(found)} claims, {spread(t)} ms  [target < 100]")
        t = ms(lambda nm=name: timeline(said(lib, nm, "", (ABOUT, BY))))
        print(f"timeline of {name!r}: {spread(t)} ms  [target < 100]")
        t = ms(lambda nm=name: said(lib, nm, documents=100))
        print(f"  the docks' 100 documents: {spread(t)} ms")
    g = network.build(corrected_documents(lib, 200))
    t = ms(lambda: network.layout(network.build(corrected_documents(lib, 200))))
    print(
        f"network of the newest 200 documents: {g.number_of_nodes()} nodes, "
        f"{g.number_of_edges()} links, built and laid out in {spread(t)} ms  [target < 100]"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--documents", type=int, default=10_000)
    ap.add_argument("--articles", type=int, default=40)
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--keep", type=Path, help="build (or reuse) the library in this folder")
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        home = args.keep or Path(tmp)
        if not (home / "library.sqlite3").exists():
            per_put = build(args.folder, home, args.documents, args.articles)
            print(f"built {args.documents} documents: {per_put * 1000:.1f} ms per Library.put")
        measure(home, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
