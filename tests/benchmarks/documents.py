"""Reading benchmark: what Broadsheet shows of real saved pages, PDFs and Word files, against what
a careful reader should get out of them.

    python tests/benchmarks/documents.py DATA_FOLDER [--kind html|pdf|docx] [--files] [--speed]

DATA_FOLDER holds ``html/NAME/`` (source.html, expected.html, expected-metadata.json) and
``pdf/``, ``docx/`` (NAME.pdf or NAME.docx beside NAME.expected.md). Printed per kind:

- body: precision, recall and F1 of word 4-gram shingles (a multiset: a paragraph shown twice
  counts twice) of the text against the expected text; the mean over files and the worst file;
- refused: files the reader refused (every one of them is a valid file);
- web pages: title, byline and site name agreement with expected-metadata.json, and pages whose
  first paragraph repeats the headline; a byline is right when Broadsheet names people and every
  word of theirs is in the expected byline (which keeps the outlet and job titles around them);
- PDFs: the share of shown lines that are broken (end mid-sentence, the next starting in lower
  case), line-end hyphens left ("Ex- isting", or "pre-sentation" where the expected text has
  "presentation"), and running header and footer lines left (lines at the top or bottom of two or
  more pages, or page numbers, that the expected text does not have);
- ``--speed``: seconds to read a 100-page PDF made of the folder's PDF pages (median of 3).

``--files`` lists every file's figures. Words are ``\\w+`` runs, case-folded, so Markdown and
table syntax of the expected text does not count.
"""

from __future__ import annotations

import argparse
import html as htmllib
import json
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "desktop"))

from broadsheet.facts import Article, meta_text  # noqa: E402
from broadsheet.ingest import ReadError, read_article  # noqa: E402

N = 4  # shingle length
# Words of a byline that are not names (Readability's expected bylines keep them).
BYLINE_NOISE = {
    "by", "par", "and", "et", "avec", "written", "edited", "und", "y", "e", "von", "at",
}  # fmt: skip
MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec updated last am pm"
).split()


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def shingles(ws: list[str]) -> Counter[tuple[str, ...]]:
    if len(ws) < N:
        return Counter([tuple(ws)]) if ws else Counter()
    return Counter(tuple(ws[i : i + N]) for i in range(len(ws) - N + 1))


def prf(got: str, want: str) -> tuple[float, float, float]:
    g, w = shingles(words(got)), shingles(words(want))
    common = sum((g & w).values())
    p = common / sum(g.values()) if g else 0.0
    r = common / sum(w.values()) if w else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def html_text(markup: str) -> str:
    import lxml.html

    tree = lxml.html.fromstring(markup or "<div></div>")
    for bad in tree.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    return " ".join(t.strip() for t in tree.itertext())


def md_text(md: str) -> str:
    md = re.sub(r"<!--.*?-->", " ", md, flags=re.S)
    md = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", md)
    md = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", md)
    return htmllib.unescape(md)


def norm(s: str) -> str:
    s = (
        s.replace("\u2019", "'")
        .replace("\u2018", "'")
        .replace("\u201c", '"')
        .replace("\u201d", '"')
    )
    s = re.sub(r"[\u2010-\u2015]", "-", s)
    return " ".join(s.casefold().split())


def name_words(s: str) -> set[str]:
    """The words of a byline that name people: no "By", dates, times or links."""
    s = re.sub(r"\(?https?://\S+\)?", " ", s)
    s = re.sub(r"(?<=[^\W\d_])(?=\d)", " ", s)  # "Nolan22 Dec": a name glued to a date
    return {
        w
        for w in words(s)
        if w not in BYLINE_NOISE and w not in MONTHS and not any(c.isdigit() for c in w)
    }


@dataclass
class Row:
    name: str
    p: float = 0.0
    r: float = 0.0
    f: float = 0.0
    refused: str = ""
    notes: dict[str, object] = field(default_factory=dict)


def read(path: Path) -> tuple[Article | None, str]:
    try:
        return read_article(path), ""
    except ReadError as e:
        return None, str(e)


def first_paragraph(text: str) -> str:
    return next((p for p in re.split(r"\n\s*\n", text) if p.strip()), "")


def html_rows(folder: Path) -> list[Row]:
    rows = []
    for d in sorted(p for p in folder.iterdir() if (p / "source.html").exists()):
        row = Row(d.name)
        art, row.refused = read(d / "source.html")
        want = html_text((d / "expected.html").read_text(encoding="utf-8"))
        meta = json.loads((d / "expected-metadata.json").read_text(encoding="utf-8"))
        if art is not None:
            row.p, row.r, row.f = prf(art.text, want)
            gold_title = norm(meta.get("title") or "")
            if gold_title:
                row.notes["title"] = norm(art.title) == gold_title
            first = norm(first_paragraph(art.text))
            if first and first in {norm(art.title), gold_title}:
                row.notes["headline repeated"] = True
            gold_by = name_words(meta.get("byline") or "")
            if gold_by:
                # Right: people's names, all of them words of the printed byline, which also
                # holds outlets, credentials and editors ("By Brenda Goodman, MA WebMD Health
                # News"); showing no one is wrong.
                got_by = name_words(meta_text(art.meta, "author"))
                row.notes["byline"] = bool(got_by) and got_by <= gold_by
            if meta.get("siteName"):
                row.notes["site"] = norm(meta_text(art.meta, "source")) == norm(meta["siteName"])
        rows.append(row)
    return rows


def word_rows(folder: Path, suffix: str) -> list[Row]:
    rows = []
    for src in sorted(folder.glob(f"*{suffix}")):
        row = Row(src.name)
        art, row.refused = read(src)
        expected = src.with_name(src.stem + ".expected.md")
        if art is not None and expected.exists():
            want = md_text(expected.read_text(encoding="utf-8"))
            row.p, row.r, row.f = prf(art.text, want)
            if suffix == ".pdf":
                row.notes.update(pdf_layout(src, art.text, want))
        elif art is not None:
            row.notes["no expected text"] = True
        rows.append(row)
    return rows


# -- PDF layout -----------------------------------------------------------------------------------
PAGE_NUMBER = re.compile(r"^(page\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?(\s*(of|/)\s*\d{1,4})?$", re.I)
TERMINAL = tuple('.!?:;"”’)]…')


def broken_lines(text: str) -> tuple[int, int]:
    """(lines ending mid-sentence with the next starting in lower case, lines shown)."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    broken = sum(
        1
        for a, b in zip(lines, lines[1:], strict=False)
        if not a.endswith(TERMINAL) and b[:1].islower()
    )
    return broken, len(lines)


def hyphens_left(text: str, want: str) -> int:
    gold = set(words(want))
    gold_text = norm(want)
    n = len(re.findall(r"[^\W\d_]-[ \t]*\n[ \t]*[a-z]", text))  # a hyphen still at a line end
    n += len(re.findall(r"[^\W\d_]- [a-z]", text))  # "Ex- isting": the break became a space
    for a, b in re.findall(r"\b([^\W\d_]+)-([a-z]+)\b", text):
        if (a + b).casefold() in gold and f"{a}-{b}".casefold() not in gold_text:
            n += 1
    return n


def edge_lines(pdf: Path) -> list[str]:
    """The running headers and footers of a PDF: lines among the first or last two of a page
    that recur on another page (digits aside), and page numbers."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    per_page: list[list[str]] = []
    try:
        for page in doc:
            lines = [ln.strip() for ln in page.get_textpage().get_text_range().splitlines()]
            lines = [ln for ln in lines if ln]
            per_page.append(lines[:2] + lines[-2:] if len(lines) > 4 else lines)
    finally:
        doc.close()
    shape = Counter(re.sub(r"\d+", "0", norm(ln)) for lines in per_page for ln in set(lines))
    out = []
    for lines in per_page:
        for ln in dict.fromkeys(lines):
            if PAGE_NUMBER.match(ln) or (
                len(per_page) > 1 and shape[re.sub(r"\d+", "0", norm(ln))] > 1
            ):
                out.append(ln)
    return out


def headers_left(pdf: Path, text: str, want: str) -> int:
    shown = [norm(ln) for ln in text.splitlines()]
    shown_text = norm(text)
    gold = norm(want)
    n = 0
    for ln in edge_lines(pdf):
        key = norm(ln)
        if PAGE_NUMBER.match(ln):
            n += key in shown  # a number is in any text: only a line of its own counts
        elif len(key) > 3 and key not in gold and key in shown_text:
            n += 1
    return n


def pdf_layout(pdf: Path, text: str, want: str) -> dict[str, object]:
    broken, lines = broken_lines(text)
    return {
        "broken lines": (broken, lines),
        "hyphens left": hyphens_left(text, want),
        "headers left": headers_left(pdf, text, want),
    }


def pdf_speed(folder: Path, pages: int = 100) -> float:
    from pypdf import PdfReader, PdfWriter

    sources = [PdfReader(p) for p in sorted(folder.glob("*.pdf"))]
    all_pages = [pg for r in sources for pg in r.pages if (pg.extract_text() or "").strip()]
    writer = PdfWriter()
    for i in range(pages):
        writer.add_page(all_pages[i % len(all_pages)])
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "hundred-pages.pdf"
        with out.open("wb") as fh:
            writer.write(fh)
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            read_article(out)
            times.append(time.perf_counter() - t0)
    return statistics.median(times)


# -- report ---------------------------------------------------------------------------------------
def report(kind: str, rows: list[Row], show_files: bool) -> None:
    scored = [r for r in rows if not r.refused and "no expected text" not in r.notes]
    print(f"\n== {kind}: {len(rows)} files, {len(scored)} scored")
    if show_files:
        for r in rows:
            extra = " ".join(f"{k}={v}" for k, v in r.notes.items())
            status = (
                f"REFUSED: {r.refused}" if r.refused else f"P {r.p:.3f} R {r.r:.3f} F1 {r.f:.3f}"
            )
            print(f"  {r.name:45} {status} {extra}")
    if scored:
        mean = [statistics.mean(getattr(r, a) for r in scored) for a in ("p", "r", "f")]
        worst_f = min(scored, key=lambda r: r.f)
        worst_r = min(scored, key=lambda r: r.r)
        under = sum(r.r < 0.8 for r in scored)
        print(f"body: P {mean[0]:.3f} R {mean[1]:.3f} F1 {mean[2]:.3f} (mean of files)")
        print(f"worst F1 {worst_f.f:.3f} ({worst_f.name}); ", end="")
        print(f"worst recall {worst_r.r:.3f} ({worst_r.name})")
        print(f"files with recall under 0.8: {under}")
    refused = [r for r in rows if r.refused]
    print(f"refused: {len(refused)}" + "".join(f"\n  {r.name}: {r.refused}" for r in refused))
    for key in ("title", "byline", "site"):
        marks = [r.notes[key] for r in rows if key in r.notes]
        if marks:
            right = sum(bool(m) for m in marks)
            print(f"{key}: {right}/{len(marks)} right ({right / len(marks):.1%})")
    if kind == "html":
        repeated = sum("headline repeated" in r.notes for r in rows)
        print(f"headline repeated as first paragraph: {repeated}")
    if kind == "pdf":
        lay = [r.notes for r in rows if "broken lines" in r.notes]
        broken = sum(n["broken lines"][0] for n in lay)  # type: ignore[index]
        lines = sum(n["broken lines"][1] for n in lay)  # type: ignore[index]
        print(f"broken lines: {broken}/{lines} ({broken / max(lines, 1):.1%})")
        print(f"line-end hyphens left: {sum(n['hyphens left'] for n in lay)}")  # type: ignore[misc]
        print(f"header/footer lines left: {sum(n['headers left'] for n in lay)}")  # type: ignore[misc]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path, help="the realdocs folder (html/, pdf/, docx/)")
    ap.add_argument("--kind", choices=("html", "pdf", "docx"), action="append")
    ap.add_argument("--files", action="store_true", help="every file's figures")
    ap.add_argument("--speed", action="store_true", help="time a 100-page PDF")
    args = ap.parse_args()
    kinds = args.kind or ["html", "pdf", "docx"]
    for kind in kinds:
        folder = args.data / kind
        if not folder.is_dir():
            raise SystemExit(f"no {kind}/ folder in {args.data}")
        rows = html_rows(folder) if kind == "html" else word_rows(folder, f".{kind}")
        report(kind, rows, args.files)
    if args.speed:
        print(f"\n100-page PDF read in {pdf_speed(args.data / 'pdf'):.2f} s (median of 3)")


if __name__ == "__main__":
    main()
