"""The facts out of the app: JSON (the CLI's format), CSV tables, a Markdown dossier, the network
of people and organisations (GraphML, GEXF)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from . import network
from .about import by_source, claims_about
from .atomic import write_atomic
from .facts import Claim, Facts, meta_text, source_label
from .network import GRAPH_FORMATS
from .quotation import long_date, quoted
from .wording import counted

FORMATS = ("json", "csv", "md", *GRAPH_FORMATS)
_BY_SUFFIX = {
    ".md": "md",
    ".markdown": "md",
    ".csv": "csv",
    ".json": "json",
    ".graphml": "graphml",
    ".gexf": "gexf",
}


def format_for(path: str) -> str:
    """The format a file name asks for (``x.md`` is a dossier); JSON for any other."""
    return _BY_SUFFIX.get(Path(path).suffix.lower(), "json")


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


def cell(text: str) -> str:
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
                    cell(e.name),
                    cell("; ".join(e.aliases)),
                    cell("; ".join(e.roles)),
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
            "date",  # when it was said: ISO at its precision (see the facts' "when")
            "date_from",  # sentence, article or file
        ]
    )
    for c in facts.claims:
        ent = facts.entity(c.source.entity) if c.source and c.source.entity else None
        w.writerow(
            [
                c.id,
                c.kind,
                c.certainty,
                cell(c.source.text if c.source else ""),
                cell(ent.name if ent else ""),
                cell(c.cue.text if c.cue else ""),
                cell(c.content.shown),
                c.content.start,
                c.content.end,
                c.when.date if c.when else "",
                c.when.basis if c.when else "",
            ]
        )
    return buf.getvalue()


def _md_escape(s: str) -> str:
    return "".join("\\" + ch if ch in "\\`*_[]<>#|" else ch for ch in " ".join(s.split()))


def _md_code(s: str) -> str:
    """Text as a code span, whatever backticks it holds."""
    s = " ".join(s.split())
    fence = "`" * (max((len(r) for r in re.findall(r"`+", s)), default=0) + 1)
    pad = " " if s.startswith("`") or s.endswith("`") else ""
    return f"{fence}{pad}{s}{pad}{fence}"


def _md_url(url: str) -> str:
    """A web address as a link when it is a plain http(s) one; any other as code, never live."""
    url = url.strip()
    if re.fullmatch(r"https?://[^\s<>`]+", url):
        return f"<{url}>"
    return _md_code(url)


def _header(facts: Facts) -> list[str]:
    """What a citation needs, as the JSON export's ``document`` has it: byline, date, outlet,
    web address and file, then what the reader should know about the text."""
    fields = [
        ("By", _md_escape(meta_text(facts.meta, "author"))),
        ("Date", _md_escape(long_date(meta_text(facts.meta, "date")))),
        ("Outlet", _md_escape(meta_text(facts.meta, "source"))),
        ("Web address", _md_url(meta_text(facts.meta, "url")) if facts.meta.get("url") else ""),
        ("Source file", _md_code(facts.path) if facts.path else ""),
        ("Analysed with", _md_code(facts.pipeline) if facts.pipeline else ""),
    ]
    out = [f"- **{label}:** {value}" for label, value in fields if value.strip()]
    if out:
        out.append("")
    for warning in facts.warnings:
        out += [f"> **Note:** {_md_escape(warning)}", ""]
    return out


def _md_claim(c: Claim) -> str:
    """One claim as a quoted line: its cue in italics, then its words: a quotation in quote
    marks once, reported speech as the article words it (only what it quotes in marks: quote
    marks round a paraphrase would pass it off as the source's own words). A colon that
    introduced a quotation is no word of saying and is left out."""
    cue = " ".join(c.cue.text.split()) if c.cue else ""
    lead = ""
    if any(ch.isalnum() for ch in cue):
        lead = f"*{_md_escape(cue)}*" + (": " if c.kind == "direct" else " ")
    hedge = " *(hedged)*" if c.hedged else ""
    said = quoted(c.content) if c.kind == "direct" else c.content.shown
    return f"> {lead}{_md_escape(' '.join(said.split()))}{hedge}{_md_when(c)}"


def _md_when(c: Claim) -> str:
    """When the text says the claim was made ("*(12 September 2023)*"); nothing when only the
    article's date dates it (the header has that)."""
    if c.when is None or c.when.basis != "sentence":
        return ""
    day = long_date(c.when.date)
    week = "week of " if c.when.precision == "week" else ""
    # A weekday read from the file's date is a guess the reader should see as one.
    guess = ", counted from the file's date" if c.when.counted_from == "file" else ""
    return f" *({week}{day}{guess})*"


def _md_about_line(source: str, c: Claim) -> str:
    """One claim about someone, its source first: "- **Dmitry Peskov** *confirmed* that …",
    "- *According to* **the Times**: …", "- **Unattributed** (*is believed*): …"."""
    cue = " ".join(c.cue.text.split()) if c.cue else ""
    said = quoted(c.content) if c.kind == "direct" else " ".join(c.content.shown.split())
    tail = f"{_md_escape(said)}{' *(hedged)*' if c.hedged else ''}{_md_when(c)}"
    who = f"**{_md_escape(source)}**"
    if c.kind == "according_to" or cue.lower() == "according to":
        return f"- *According to* {who}: {tail}"
    if c.source is None:
        return f"- {who}{f' (*{_md_escape(cue)}*)' if cue else ''}: {tail}"
    if not any(ch.isalnum() for ch in cue):
        return f"- {who}: {tail}"
    return f"- {who} *{_md_escape(cue)}* {tail}"


def _md_said_about(facts: Facts) -> list[str]:
    """For each person and organisation the claims name, what is said about them and by whom."""
    out: list[str] = []
    for e in [*facts.entities_of("person"), *facts.entities_of("organisation")]:
        about = claims_about(facts, e.id)
        if not about:
            continue
        out += [f"### {_md_escape(e.name)}", ""]
        for source, claims in by_source(about, facts):
            for c in claims:
                out.append(_md_about_line(source, c))
        out.append("")
    return out


def to_markdown(facts: Facts) -> str:
    """A dossier: title and where it came from, people with roles, claims grouped by source,
    what is said about each person and organisation, places, organisations."""
    title = facts.title or Path(facts.path).name
    out = [f"# {_md_escape(title)}", "", *_header(facts)]
    people = facts.entities_of("person")
    out += [f"## People ({len(people)})", ""]
    for e in people:
        roles = f" — {_md_escape('; '.join(e.roles))}" if e.roles else ""
        out.append(f"- **{_md_escape(e.name)}**{roles} ({counted(len(e.mentions), 'mention')})")
    out += ["", f"## Claims ({len(facts.claims)})", ""]
    groups: dict[str, tuple[str, list[Claim]]] = {}
    for c in facts.claims:
        key, label = source_label(c, facts)
        groups.setdefault(key, (label, []))[1].append(c)
    for _key, (src, claims) in sorted(groups.items(), key=lambda kv: (kv[0] == "", -len(kv[1][1]))):
        out += [f"### {_md_escape(src)}", ""]
        for c in claims:
            out += [_md_claim(c), ""]
    said_about = _md_said_about(facts)
    if said_about:
        out += ["## Said about", "", *said_about]
    for kind, heading in KIND_HEADINGS[1:]:
        ents = facts.entities_of(kind)
        out += [f"## {heading} ({len(ents)})", ""]
        out += [f"- {_md_escape(e.name)} ({counted(len(e.mentions), 'mention')})" for e in ents]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def to_text(facts: Facts, fmt: str) -> str:
    """The export as one text (CSV: both tables, a blank line between them)."""
    if fmt == "json":
        return to_json(facts)
    if fmt == "md":
        return to_markdown(facts)
    if fmt == "csv":
        return entities_csv(facts) + "\n" + claims_csv(facts)
    if fmt in GRAPH_FORMATS:
        return network.to_text(network.build([facts]), fmt)
    raise ValueError(f"unknown export format {fmt!r}")


def write(facts: Facts, fmt: str, out: Path) -> list[Path]:
    """Write the export; CSV gives two files (``NAME-entities.csv`` and ``NAME-claims.csv``).
    The files get the permissions of any new file of the user's (0666 less the umask)."""
    out = Path(out)
    if fmt == "json":
        files = {out: to_json(facts)}
    elif fmt == "md":
        files = {out: to_markdown(facts)}
    elif fmt in GRAPH_FORMATS:
        files = {out: network.to_text(network.build([facts]), fmt)}
    elif fmt == "csv":
        files = {path: table(facts) for path, table in zip(csv_paths(out), CSV_TABLES, strict=True)}
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    for path, content in files.items():
        write_atomic(path, content, private=False)  # a failed export never leaves half a file
    return list(files)


CSV_TABLES = (entities_csv, claims_csv)


def csv_paths(out: Path) -> list[Path]:
    """The files a CSV export asked for as ``out`` writes: one table a file."""
    stem = Path(out).with_suffix("")
    return [Path(f"{stem}-entities.csv"), Path(f"{stem}-claims.csv")]


def written(asked: Path, paths: list[Path]) -> str:
    """The sentence that tells which files an export wrote, named as ``asked`` names them
    ("Wrote 2 files for x.csv: x-entities.csv (the entities) and x-claims.csv (the claims).")."""
    if len(paths) == 1 and Path(paths[0]) == Path(asked):
        return f"Wrote {asked}."
    folder = Path(asked).parent
    names = [p.name if p.parent == folder else str(p) for p in map(Path, paths)]
    what = [_TABLE_OF.get(p.name.rsplit("-", 1)[-1], "") for p in map(Path, paths)]
    listed = [f"{n} ({w})" if w else n for n, w in zip(names, what, strict=True)]
    joined = listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + " and " + listed[-1]
    return f"Wrote {counted(len(paths), 'file')} for {asked}: {joined}."


_TABLE_OF = {"entities.csv": "the entities", "claims.csv": "the claims"}
