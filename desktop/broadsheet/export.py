"""The facts out of the app: JSON (the CLI's format), CSV tables, a Markdown dossier, quotations."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from .atomic import write_atomic
from .facts import Claim, Facts, source_label

FORMATS = ("json", "csv", "md")
KIND_HEADINGS = (("person", "People"), ("place", "Places"), ("organisation", "Organisations"))


def to_json(facts: Facts) -> str:
    return json.dumps(facts.to_json(), ensure_ascii=False, indent=2) + "\n"


# A cell a spreadsheet would read as a formula ("=HYPERLINK(…)", "+1", "-2", "@SUM"): the text
# comes from the document, so it is made plain text with a leading quote mark.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# RFC 4180's line end: the writer then quotes any cell holding a CR or an LF. With "\n" alone a
# lone CR from a document went out unquoted, and a spreadsheet starts a new row there, so
# "x\r=HYPERLINK(…)" would put a formula at the start of a cell after all.
CSV_LINE_END = "\r\n"


def _cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


def entities_csv(facts: Facts) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator=CSV_LINE_END)
    w.writerow(
        ["id", "kind", "name", "aliases", "roles", "mentions", "claims", "salience", "first_offset"]
    )
    for kind, _ in KIND_HEADINGS:
        for e in facts.entities_of(kind):
            w.writerow(
                [
                    e.id,
                    e.kind,
                    _cell(e.name),
                    _cell("; ".join(e.aliases)),
                    _cell("; ".join(e.roles)),
                    len(e.mentions),
                    len(facts.claims_by(e.id)),
                    f"{e.salience:.4f}",
                    e.mentions[0].start if e.mentions else "",
                ]
            )
    return buf.getvalue()


def claims_csv(facts: Facts) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator=CSV_LINE_END)
    w.writerow(
        [
            "id",
            "kind",
            "certainty",
            "source",
            "source_entity",
            "cue",
            "content",
            "content_start",
            "content_end",
        ]
    )
    for c in facts.claims:
        ent = facts.entity(c.source.entity) if c.source and c.source.entity else None
        w.writerow(
            [
                c.id,
                c.kind,
                c.certainty,
                _cell(c.source.text if c.source else ""),
                _cell(ent.name if ent else ""),
                _cell(c.cue.text if c.cue else ""),
                _cell(c.content.shown),
                c.content.start,
                c.content.end,
            ]
        )
    return buf.getvalue()


def source_name(c: Claim, facts: Facts) -> str:
    return source_label(c, facts)[1]


def quotation(c: Claim, facts: Facts) -> str:
    """A claim as a citable quotation: the words, who put them so, and where."""
    cue = f" ({c.cue.text})" if c.cue else ""
    hedge = ", hedged" if c.hedged else ""
    title = facts.title or Path(facts.path).name
    words = " ".join(c.content.shown.split())
    return f"“{words}” — {source_name(c, facts)}{cue}{hedge}, in “{title}”"


def _md_escape(s: str) -> str:
    return "".join("\\" + ch if ch in "\\`*_[]<>#|" else ch for ch in " ".join(s.split()))


def to_markdown(facts: Facts) -> str:
    """A dossier: title, people with roles, claims grouped by source, places, organisations."""
    title = facts.title or Path(facts.path).name
    out = [f"# {_md_escape(title)}", ""]
    if facts.path:
        out += [f"Source file: `{facts.path}`  ", f"Analysed with: `{facts.pipeline}`", ""]
    people = facts.entities_of("person")
    out += [f"## People ({len(people)})", ""]
    for e in people:
        roles = f" — {_md_escape('; '.join(e.roles))}" if e.roles else ""
        out.append(f"- **{_md_escape(e.name)}**{roles} ({len(e.mentions)} mentions)")
    out += ["", f"## Claims ({len(facts.claims)})", ""]
    groups: dict[str, tuple[str, list[Claim]]] = {}
    for c in facts.claims:
        key, label = source_label(c, facts)
        groups.setdefault(key, (label, []))[1].append(c)
    for _key, (src, claims) in sorted(groups.items(), key=lambda kv: (kv[0] == "", -len(kv[1][1]))):
        out += [f"### {_md_escape(src)}", ""]
        for c in claims:
            cue = f"*{_md_escape(c.cue.text)}*: " if c.cue else ""
            hedge = " *(hedged)*" if c.hedged else ""
            out.append(f"> {cue}“{_md_escape(c.content.shown)}”{hedge}")
            out.append("")
    for kind, heading in KIND_HEADINGS[1:]:
        ents = facts.entities_of(kind)
        out += [f"## {heading} ({len(ents)})", ""]
        out += [f"- {_md_escape(e.name)} ({len(e.mentions)} mentions)" for e in ents]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def write(facts: Facts, fmt: str, out: Path) -> list[Path]:
    """Write the export; CSV gives two files (``NAME-entities.csv`` and ``NAME-claims.csv``)."""
    out = Path(out)
    if fmt == "json":
        files = {out: to_json(facts)}
    elif fmt == "md":
        files = {out: to_markdown(facts)}
    elif fmt == "csv":
        stem = out.with_suffix("")
        files = {
            Path(f"{stem}-entities.csv"): entities_csv(facts),
            Path(f"{stem}-claims.csv"): claims_csv(facts),
        }
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    for path, content in files.items():
        write_atomic(path, content)  # a failed export never leaves half a file
    return list(files)
