"""The command line: a thin front over the same services as the window.

broadsheet [FILE…]                         open the window (on the sample without a file)
broadsheet extract FILE… [--format …]      print the facts
broadsheet list [--format json|text]       list the library's documents
broadsheet import FOLDER… [--queue]        add every article under the folders to the library
broadsheet worker --library URL [-j N]     analyse a team library's queued documents
broadsheet search WORDS… [--format …]      the library's documents with all the words
broadsheet claims --about NAME [--format …] what the library's claims say about someone, by whom
broadsheet timeline NAME [--format …]      the claims by or about someone, in the order said
broadsheet network [-o OUT.gexf|.graphml]  who is linked with whom across the library, for Gephi
broadsheet library init URL                make a team library on PostgreSQL and its roles
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from . import __version__
from .facts import ENTITY_KINDS

if TYPE_CHECKING:
    from .across import Said
    from .facts import Facts

log = logging.getLogger(__name__)

COMMANDS = (
    "extract",
    "list",
    "search",
    "claims",
    "timeline",
    "network",
    "export",
    "import",
    "worker",
    "library",
)
# Control characters (C0 but line breaks and tabs, DEL, C1): from a document's title or text they
# would reach the terminal as escape sequences (a new window title, a cleared screen, …).
# A CR before an LF only ends a line (CSV's line end): kept.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")


def plain(text: str) -> str:
    """Text from a document, safe to print on a terminal: control characters shown as
    escapes (``\\x1b``), never sent."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


def say_error(message: str) -> None:
    print(f"broadsheet: {plain(message)}", file=sys.stderr, flush=True)


def open_library(folder: str | None):  # noqa: ANN201 - a Library, imported lazily
    """Open the library, telling the user on stderr if it had to be rebuilt."""
    from .store.library import Library

    lib = Library(folder)
    if lib.notice:
        say_error(lib.notice)
    return lib


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--library",
        metavar="DIR|URL",
        help="library folder, or a team library's postgresql://user@host/dbname (default: "
        "BROADSHEET_LIBRARY, else BROADSHEET_HOME or the user data folder)",
    )


def _parser_extract() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="broadsheet extract",
        description="Print the people, places, organisations and claims of articles.",
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--format", choices=("json", "jsonl", "text"), default="json")
    p.add_argument("--model", help="spaCy pipeline package to use (default: the best installed)")
    _common(p)
    return p


def _parser_import() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="broadsheet import",
        description="Analyse every article under the folders (recursively) into the library; "
        "files the library already has are skipped.",
    )
    p.add_argument("folders", nargs="+", metavar="FOLDER")
    p.add_argument(
        "-j",
        "--processes",
        type=int,
        metavar="N",
        help="analyse in N processes (default: one per core)",
    )
    p.add_argument(
        "--queue",
        action="store_true",
        help="a team library only: read the files and store their texts as pending, for "
        "'broadsheet worker' to analyse on any machine",
    )
    p.add_argument("--model", help="spaCy pipeline package to use (default: the best installed)")
    _common(p)
    return p


def cmd_import(args: argparse.Namespace) -> int:
    from .analysis import Analyzer
    from .importer import import_folders

    library = open_library(args.library)
    if args.queue and library.url is None:
        from .store.library import NO_QUEUE

        say_error(NO_QUEUE)
        return 2
    analyzer = Analyzer(library, args.model)
    bar = _ProgressBar() if sys.stderr.isatty() else None

    def failed(_path: str, message: str) -> None:
        if bar:
            bar.clear()
        say_error(message)

    report = import_folders(
        analyzer,
        args.folders,
        progress=bar.show if bar else None,
        on_failure=failed,
        processes=args.processes,
        queue=args.queue,
    )
    if bar:
        bar.clear()
    print(plain(report.summary()))
    return 0 if report.ok else 1


class _ProgressBar:
    """One self-rewriting line on the terminal's stderr: [#####·····]  12/40  name."""

    def __init__(self, width: int = 30) -> None:
        self.width = width

    def show(self, done: int, total: int, path: str) -> None:
        from pathlib import Path

        filled = self.width * done // max(total, 1)
        name = plain(Path(path).name[:40])
        bar = "#" * filled + "·" * (self.width - filled)
        sys.stderr.write(f"\r[{bar}] {done}/{total} {name}\x1b[K")
        sys.stderr.flush()

    def clear(self) -> None:
        sys.stderr.write("\r\x1b[K")
        sys.stderr.flush()


def _parser_worker() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="broadsheet worker",
        description="Analyse the documents a team library holds as pending (broadsheet import "
        "--queue), one at a time per process, on this machine; as many machines as you like may "
        "run workers on the same library. A worker that is killed loses nothing: its document "
        "goes back to the queue.",
    )
    p.add_argument(
        "-j",
        "--processes",
        type=int,
        default=1,
        metavar="N",
        help="analyse in N processes, each with its own model (default: 1)",
    )
    p.add_argument(
        "--until-idle",
        action="store_true",
        help="exit (status 0) once no document is left to analyse; without it, wait for more",
    )
    p.add_argument("--model", help="spaCy pipeline package to use (default: the best installed)")
    _common(p)
    return p


def cmd_worker(args: argparse.Namespace) -> int:
    from .workers.queue import run_workers, work

    library = open_library(args.library)
    try:
        if library.url is None:
            from .store.library import NO_QUEUE

            say_error(NO_QUEUE)
            return 2
        url = library.url
    finally:
        library.close()
    if args.processes > 1:
        report, errors = run_workers(url, args.processes, args.model, args.until_idle)
        for e in errors:
            say_error(e)
        print(report.summary())
        return 1 if errors else 0

    def done(path: str, error: str | None) -> None:
        if error:
            say_error(error)

    print(work(url, args.model, args.until_idle, on_done=done).summary())
    return 0


def _parser_list() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="broadsheet list", description="List the library's documents.")
    p.add_argument("--format", choices=("json", "text"), default="text")
    _common(p)
    return p


def _parser_search() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="broadsheet search",
        description="List the library's documents whose title, text or entity names have words "
        "starting with each of the words, newest first, with the words round each hit.",
    )
    p.add_argument("words", nargs="+", metavar="WORD")
    p.add_argument("--format", choices=("json", "text"), default="text")
    p.add_argument("--limit", type=int, metavar="N", help="at most N documents")
    _common(p)
    return p


def cmd_search(args: argparse.Namespace) -> int:
    docs = open_library(args.library).documents(" ".join(args.words), limit=args.limit)
    if args.format == "json":
        out = [
            {**d.to_json(), "snippet": [{"text": t, "hit": hit} for t, hit in d.snippet]}
            for d in docs
        ]
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    if not docs:
        print("No document has those words.")
    for d in docs:
        shown = "".join(f"[{t}]" if hit else t for t, hit in d.snippet)
        print(plain(f"{d.added_at:%Y-%m-%d %H:%M}  {d.title}  {d.path}\n    {shown}"))
    return 0


def _parser_claims() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="broadsheet claims",
        description="What the library's claims say about someone (the claims whose reported "
        "words name them), grouped by who said it, with the reader's corrections.",
    )
    p.add_argument("--about", required=True, metavar="NAME", help="a person, place or organisation")
    p.add_argument("--kind", choices=ENTITY_KINDS, help="only an entity of this kind")
    p.add_argument("--format", choices=("text", "json", "csv"), default="text")
    _common(p)
    return p


def _parser_timeline() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="broadsheet timeline",
        description="The library's claims by or about someone, in the order they were said "
        "(the date their sentence gives, else the article's).",
    )
    p.add_argument("name", metavar="NAME")
    p.add_argument("--kind", choices=ENTITY_KINDS, help="only an entity of this kind")
    p.add_argument("--format", choices=("text", "json", "csv"), default="text")
    _common(p)
    return p


def _said_csv(found: list[Said]) -> str:
    import csv
    import io

    from .export import cell

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["date", "date_from", "role", "source", "cue", "content", "title", "path", "sha256"])
    for s in found:
        c = s.claim
        w.writerow(
            [
                s.date,
                c.when.basis if c.when else "",
                s.role,
                cell(s.source),
                cell(c.cue.text if c.cue else ""),
                cell(c.content.shown),
                cell(s.title),
                cell(s.path),
                s.sha256,
            ]
        )
    return buf.getvalue()


def _said_line(s: Said, who: bool = False) -> str:
    """ "confirmed: that … (Title)", with the source first when ``who``."""
    from .about import cue_and_words

    cue, words = cue_and_words(s.claim)
    said = " ".join(x for x in (s.source if who else "", cue) if x)
    return f"{said + ': ' if said else ''}{words}  ({s.title or s.path})"


def _print_said(found: list[Said], fmt: str, lines: list[str]) -> None:
    if fmt == "json":
        print(json.dumps([s.to_json() for s in found], ensure_ascii=False, indent=2))
    elif fmt == "csv":
        sys.stdout.write(_said_csv(found))
    else:
        print(plain("\n".join(lines)))


def cmd_claims(args: argparse.Namespace) -> int:
    from .across import by_source, said
    from .wording import counted

    found = said(open_library(args.library), args.about, args.kind or "")
    groups = by_source(found)
    docs = len({s.sha256 for s in found})
    lines = [
        f"Said about {args.about}: {counted(len(found), 'claim')} in "
        f"{counted(docs, 'document')}, by {counted(len(groups), 'source')}."
        if found
        else f"No claim in the library says anything about {args.about}."
    ]
    for source, group in groups:
        lines += ["", f"{source} ({len(group)})"]
        lines += [f"  {s.date or '—':<10}  {_said_line(s)}" for s in group]
    _print_said(found, args.format, lines)
    return 0


def cmd_timeline(args: argparse.Namespace) -> int:
    from .across import ABOUT, BY, said, timeline

    found = timeline(said(open_library(args.library), args.name, args.kind or "", (ABOUT, BY)))
    lines = [] if found else [f"No claim in the library is by or about {args.name}."]
    for s in found:
        lines.append(f"{s.date or '—':<10}  {s.role:<5}  {_said_line(s, who=True)}")
    _print_said(found, args.format, lines)
    return 0


def _parser_network() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="broadsheet network",
        description="The people and organisations of the library's documents (with the "
        "reader's corrections) as a network for Gephi: a link from a source to whom its claims "
        "name, and between those a claim names together.",
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="a .gexf or .graphml file; default: GraphML on standard output",
    )
    p.add_argument("--format", choices=("graphml", "gexf"), help="default: from OUT's extension")
    p.add_argument("--documents", type=int, default=10_000, metavar="N", help="the newest N")
    _common(p)
    return p


def cmd_network(args: argparse.Namespace) -> int:
    from pathlib import Path

    from . import network
    from .across import corrected_documents
    from .atomic import write_atomic

    fmt = args.format or ("gexf" if (args.output or "").lower().endswith(".gexf") else "graphml")
    g = network.build(corrected_documents(open_library(args.library), args.documents))
    out = network.to_text(g, fmt)
    if not args.output:
        sys.stdout.write(out)
        return 0
    try:
        write_atomic(Path(args.output), out, private=False)
    except OSError as e:
        say_error(f"cannot write {args.output}: {e.strerror or e}")
        return 1
    print(
        plain(f"Wrote {args.output}: {g.number_of_nodes()} nodes, {g.number_of_edges()} links."),
        file=sys.stderr,
    )
    return 0


def _parser_library() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="broadsheet library",
        description="Set up a team library on PostgreSQL: 'init URL' creates its tables (or "
        "brings them up to date) and two roles, DBNAME_readers and DBNAME_editors, to grant "
        "to people's login roles. Run it as the database's owner.",
    )
    p.add_argument("action", choices=("init",))
    p.add_argument("url", metavar="URL", help="postgresql://user@host/dbname")
    return p


def cmd_library(args: argparse.Namespace) -> int:
    from .paths import is_server_url
    from .store.roles import init_team_library

    if not is_server_url(args.url):
        say_error(f"{args.url} is not a postgresql:// URL; a folder's library needs no set-up.")
        return 2
    roles = init_team_library(args.url)
    print(f"The team library is ready. Readers: {roles.readers}; editors: {roles.editors}.")
    print(f"Grant one to each person's role, e.g. GRANT {roles.editors} TO alice;")
    return 0


def _parser_export() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="broadsheet export",
        description="Export an article's facts (with the reader's corrections) as JSON, CSV or a "
        "Markdown dossier.",
    )
    from .export import FORMATS

    p.add_argument("file", metavar="FILE")
    p.add_argument(
        "--format",
        choices=FORMATS,
        help="default: from OUT's extension (.md, .csv, .graphml, .gexf), else json; graphml "
        "and gexf are the network of people and organisations, for Gephi",
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="file to write (CSV writes OUT-entities.csv and OUT-claims.csv); "
        "default: standard output",
    )
    p.add_argument("--model", help="spaCy pipeline package to use (default: the best installed)")
    _common(p)
    return p


def cmd_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from . import corrections, export
    from .analysis import Analyzer

    library = open_library(args.library)
    [outcome] = list(Analyzer(library, args.model).run([args.file]))
    if outcome.error or outcome.facts is None:
        say_error(outcome.error or "")
        return 1
    facts = corrections.apply(outcome.facts, library.corrections(outcome.facts.sha256))
    if args.format is None:
        args.format = export.format_for(args.output or "")
    if args.output:
        try:
            paths = export.write(facts, args.format, Path(args.output))
            print(plain(export.written(Path(args.output), paths)), file=sys.stderr)
        except OSError as e:
            say_error(f"cannot write {args.output}: {e.strerror or e}")
            return 1
        return 0
    if args.format == "json":
        sys.stdout.write(export.to_json(facts))
    else:
        out = export.to_text(facts, args.format)
        sys.stdout.write(plain(out) if sys.stdout.isatty() else out)  # a file gets it as it is
    return 0


def _parser_window() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="broadsheet",
        description="A reader for news articles. Commands: extract, list, search, import, "
        "worker, export, library (see broadsheet COMMAND --help).",
    )
    p.add_argument("files", nargs="*", metavar="FILE", help="articles to open")
    p.add_argument(
        "--screenshot",
        metavar="OUT.png",
        help="open the window, wait for the facts, save a PNG of it and exit",
    )
    p.add_argument(
        "--self-test",
        action="store_true",
        help="load the model, analyse the sample, check the facts and the window offscreen, "
        "print one line and exit (0 when all is well)",
    )
    p.add_argument("--model", help="spaCy pipeline package to use (default: the best installed)")
    p.add_argument("--version", action="version", version=f"Broadsheet {__version__}")
    _common(p)
    return p


def facts_as_text(f: Facts) -> str:
    """A readable listing of the panels."""
    lines = [f"{f.title or f.path}", "=" * min(len(f.title or f.path), 78)]
    headings = (("person", "People"), ("place", "Places"), ("organisation", "Organisations"))
    for kind, heading in headings:
        ents = f.entities_of(kind)
        lines.append(f"\n{heading} ({len(ents)})")
        for e in ents:
            roles = f" — {'; '.join(e.roles)}" if e.roles else ""
            lines.append(f"  {e.name}{roles}  ×{len(e.mentions)}")
    lines.append(f"\nClaims ({len(f.claims)})")
    for c in f.claims:
        src = c.source.text if c.source else "(unattributed)"
        cue = c.cue.text if c.cue else ""
        mark = " [hedged]" if c.hedged else ""
        lines.append(f"  {src} — {cue}{mark}: {c.content.shown}")
    return "\n".join(lines)


def cmd_extract(args: argparse.Namespace) -> int:
    from .analysis import Analyzer

    analyzer = Analyzer(open_library(args.library), args.model)
    status = 0
    results = []
    for o in analyzer.run(args.files):
        if o.error:
            status = 1
            say_error(o.error)
            if args.format == "jsonl":
                print(
                    json.dumps({"path": o.path, "error": o.error}, ensure_ascii=False), flush=True
                )
            continue
        assert o.facts is not None
        if args.format == "jsonl":
            print(json.dumps(o.facts.to_json(), ensure_ascii=False), flush=True)
        elif args.format == "text":
            print(plain(facts_as_text(o.facts)) + "\n", flush=True)
        else:
            results.append(o.facts.to_json())
    if args.format == "json" and results:
        out = results[0] if len(args.files) == 1 else results
        print(json.dumps(out, ensure_ascii=False, indent=2))
    return status


def cmd_list(args: argparse.Namespace) -> int:
    from .wording import fact_counts

    library = open_library(args.library)
    docs = library.documents()
    waiting = library.waiting()  # a team's queue: pending, analysing, failed
    queued = {w.sha256 for w in waiting}
    if args.format == "json":
        out = [
            {
                "sha256": w.sha256,
                "state": w.state,
                "title": w.title,
                "path": w.path,
                "chars": w.chars,
                "added_at": w.added_at.isoformat(),
                **({"error": w.error} if w.error else {}),
            }
            for w in waiting
        ]
        out += [d.to_json() for d in docs if d.sha256 not in queued]
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    if not docs and not waiting:
        print("The library is empty.")
    if waiting:
        n = library.queue_counts()
        print(f"Queue: {n.pending} pending, {n.analysing} being analysed, {n.failed} failed.")
        for w in waiting:
            when = f"{w.added_at:%Y-%m-%d %H:%M}"
            why = f"  {w.error}" if w.error else ""
            print(plain(f"{when}  [{w.state}]  {w.title}  {w.path}{why}"))
    for d in docs:
        if d.sha256 in queued:
            continue
        counts = ", ".join(fact_counts(d.people, d.places, d.organisations, d.claims))
        print(plain(f"{d.added_at:%Y-%m-%d %H:%M}  {d.title}  ({counts})  {d.path}"))
    return 0


def _start_worker(model: str | None):  # noqa: ANN202 - an AnalysisProcess, imported lazily
    """The window's analysis process, started before anything else (Qt, logging): the model
    loads while the window is built. None when it cannot start (the window then makes its own
    when it first analyses, and reports a missing model then)."""
    try:
        from .nlp.pipeline import choose_model
        from .workers.service import AnalysisProcess

        worker = AnalysisProcess(choose_model(model))
        worker.start()
    except Exception:
        # Not swallowed: the window starts its own process when it first analyses, and a
        # missing model is reported to the reader then. Logging is not set up yet.
        log.debug("analysis process not started early", exc_info=True)
        return None
    return worker


# Options every command takes, which may also come before the command's name.
_SHARED_OPTIONS = ("--library", "--model")


def _command_first(argv: list[str]) -> list[str]:
    """``--library DIR extract x.txt`` as ``extract x.txt --library DIR``: people write the
    library first as often as last."""
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in _SHARED_OPTIONS:
            i += 2
        elif arg.startswith(tuple(f"{o}=" for o in _SHARED_OPTIONS)):
            i += 1
        elif arg in COMMANDS and i > 0:
            return [arg, *argv[i + 1 :], *argv[:i]]
        else:
            break
    return argv


def main(argv: Sequence[str] | None = None) -> int:
    argv = _command_first(list(sys.argv[1:] if argv is None else argv))
    command = argv[0] if argv and argv[0] in COMMANDS else None
    args = None if command else _parser_window().parse_args(argv)
    if args is not None and not args.self_test:
        # Asked before Qt is imported: without a display its xcb plugin aborts the process.
        from .ui.display import NO_DISPLAY, missing_display, offscreen_for_screenshot, x11_problem

        if args.screenshot:
            offscreen_for_screenshot()
            if x11_problem():  # a picture needs no screen: draw it offscreen instead
                os.environ["QT_QPA_PLATFORM"] = "offscreen"
        elif missing_display():
            say_error(NO_DISPLAY)
            return 1
        elif problem := x11_problem():
            say_error(problem)
            return 1
    worker = _start_worker(args.model) if args is not None and not args.self_test else None
    from .errors import LibraryError, ModelNotFound
    from .logs import setup_logging

    setup_logging()
    try:
        if command == "extract":
            return cmd_extract(_parser_extract().parse_args(argv[1:]))
        if command == "export":
            return cmd_export(_parser_export().parse_args(argv[1:]))
        if command == "import":
            return cmd_import(_parser_import().parse_args(argv[1:]))
        if command == "worker":
            return cmd_worker(_parser_worker().parse_args(argv[1:]))
        if command == "list":
            return cmd_list(_parser_list().parse_args(argv[1:]))
        if command == "claims":
            return cmd_claims(_parser_claims().parse_args(argv[1:]))
        if command == "timeline":
            return cmd_timeline(_parser_timeline().parse_args(argv[1:]))
        if command == "network":
            return cmd_network(_parser_network().parse_args(argv[1:]))
        if command == "search":
            return cmd_search(_parser_search().parse_args(argv[1:]))
        if command == "library":
            return cmd_library(_parser_library().parse_args(argv[1:]))
        assert args is not None
        if args.self_test:
            from .ui.selftest import main as self_test

            return self_test(args.model)
        from .ui.app import run_app

        return run_app(args, worker)
    except (LibraryError, ModelNotFound) as e:  # one sentence each, no traceback
        say_error(str(e))
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as e:  # the one place a bug surfaces: a line for the user, details in the log
        log.exception("unexpected error")
        say_error(f"unexpected error: {e} (details in the log)")
        return 1
    finally:
        if worker is not None:
            worker.close()


if __name__ == "__main__":
    sys.exit(main())
