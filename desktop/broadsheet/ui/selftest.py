"""``broadsheet --self-test``: does this installation (a checkout or the bundle) really work?

It loads the spaCy model, analyses the bundled sample article, checks that the facts make sense
(people, places, organisations and claims found; every offset points at its own text) and, unless
told not to, builds the window offscreen, shows the facts in it and grabs it. It prints one line
and returns 0, or prints one line with the reason and returns 1. Nothing is written to the user's
library: the window part uses a temporary folder.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import cast

from .. import __version__
from ..facts import Facts, Span
from ..logs import say

log = logging.getLogger(__name__)

KINDS = (("person", "people"), ("place", "places"), ("organisation", "organisations"))


class SelfTestFailure(Exception):
    """One line saying what is wrong."""


def check_facts(facts: Facts) -> dict[str, int]:
    """Raise ``SelfTestFailure`` unless the facts are complete and consistent; returns counts."""
    text = facts.text
    counts = {label: len(facts.entities_of(kind)) for kind, label in KINDS}
    counts["claims"] = len(facts.claims)
    missing = [label for label, n in counts.items() if n == 0]
    if missing:
        raise SelfTestFailure(f"no {', no '.join(missing)} found in the sample")

    def span_ok(what: str, span: Span | None) -> None:
        if span is None:
            return
        if not (0 <= span.start < span.end <= len(text)):
            raise SelfTestFailure(f"{what} offsets {span.start}:{span.end} are out of range")
        if text[span.start : span.end] != span.text:
            raise SelfTestFailure(
                f"{what} {span.text!r} does not match the text at {span.start}:{span.end}"
            )

    ids = {e.id for e in facts.entities}
    for e in facts.entities:
        if not e.mentions:
            raise SelfTestFailure(f"entity {e.name!r} has no mentions")
        for m in e.mentions:
            span_ok(f"mention of {e.name!r}", m)
    for c in facts.claims:
        span_ok(f"claim {c.id} content", c.content)
        span_ok(f"claim {c.id} cue", c.cue)
        span_ok(f"claim {c.id} source", c.source)
        if c.source is not None and c.source.entity is not None and c.source.entity not in ids:
            raise SelfTestFailure(f"claim {c.id} names an unknown entity {c.source.entity!r}")
    return counts


def analyse_sample(model: str | None = None) -> Facts:
    """Analyse the bundled sample article (no library) as the window does: in a worker process,
    so a bundle that cannot start one fails here."""
    from ..analysis import Analyzer
    from ..errors import AnalysisFailed
    from ..ingest import read_article
    from ..nlp.pipeline import choose_model
    from ..paths import sample_article
    from ..workers.service import AnalysisProcess

    sample = sample_article()
    if sample is None:
        raise SelfTestFailure("the sample article is missing (seeds/ not found)")
    analyzer = Analyzer(None, worker=AnalysisProcess(choose_model(model)))
    try:
        return analyzer.analyse_article(read_article(sample))
    except AnalysisFailed as e:
        raise SelfTestFailure(f"the analysis process failed: {e}") from e
    finally:
        analyzer.close()


def check_window(facts: Facts, model: str | None = None) -> tuple[int, int]:
    """Build the main window offscreen on a temporary library, show the facts, grab it."""
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import qInstallMessageHandler

    # Qt's own chatter (the offscreen platform's warnings) goes to the log, not to the one line.
    previous = qInstallMessageHandler(lambda _mode, _ctx, msg: log.debug("Qt: %s", msg))
    try:
        return _grab_window(facts, model)
    finally:
        qInstallMessageHandler(previous)


def _grab_window(facts: Facts, model: str | None) -> tuple[int, int]:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from ..paths import resources_dir
    from .app import create_window

    app = cast(
        QApplication,
        QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "broadsheet"]),
    )
    icon_path = resources_dir() / "icons" / "broadsheet.svg"
    if QIcon(str(icon_path)).pixmap(64, 64).isNull():
        raise SelfTestFailure(f"the icon {icon_path} cannot be drawn (Qt SVG support missing?)")
    temp = tempfile.TemporaryDirectory(prefix="broadsheet-selftest-", ignore_cleanup_errors=True)
    with temp as folder:
        window = create_window(Path(folder), model)
        try:
            window.show_facts(facts)
            if app.platformName() == "offscreen":
                window.show()  # with a real display, grab() draws it without showing it
            app.processEvents()
            image = window.grab()
            if image.isNull() or image.width() < 100 or image.height() < 100:
                raise SelfTestFailure("the window could not be drawn")
            size = (image.width(), image.height())
        finally:
            window.hide()
            window._pool.waitForDone(10_000)
            if window.library is not None:
                window.library.close()
            window.deleteLater()
            app.processEvents()
    return size


def check_dates(facts: Facts) -> None:
    """The sample's dates were read, and the date parser's own data is there (the forms it
    reads are not the sample's: "the 3rd of March, 2021")."""
    from ..nlp.dates import parser_works

    if not facts.dates:
        raise SelfTestFailure("no dates found in the sample")
    for d in facts.dates:
        if facts.text[d.start : d.end] != d.text:
            raise SelfTestFailure(f"date {d.text!r} does not match the text at {d.start}:{d.end}")
    if not parser_works():
        raise SelfTestFailure("dates cannot be read: the date parser's data is missing")


def check_network(facts: Facts) -> None:
    """The sample's people and organisations make a network that writes as GraphML and lays
    out (networkx is there, whole)."""
    from .. import network

    g = network.build([facts])
    if g.number_of_edges() == 0:
        raise SelfTestFailure("the sample's claims link no one in the network")
    if "<graphml" not in network.to_text(g, "graphml") or not network.layout(g):
        raise SelfTestFailure("the network cannot be written or laid out")


def check_map() -> None:
    """The map's outlines are in the installation, and places are found on it."""
    from .. import geography

    try:
        n = len(geography.countries())
    except geography.NoOutlines as e:
        raise SelfTestFailure(f"the map cannot be drawn: {e}") from e
    if n < 200 or geography.locate("Moscow") is None:
        raise SelfTestFailure("the map's outlines or place coordinates are incomplete")


def run(model: str | None = None, window: bool = True) -> str:
    """Every check; returns the summary line or raises (``SelfTestFailure`` or any error)."""
    t0 = time.perf_counter()
    facts = analyse_sample(model)
    counts = check_facts(facts)
    check_dates(facts)
    check_network(facts)
    check_map()
    found = ", ".join(f"{n} {label}" for label, n in counts.items())
    where = ""
    if window:
        w, h = check_window(facts, model)
        where = f", window {w}x{h}"
    frozen = " (bundle)" if getattr(sys, "frozen", False) else ""
    return (
        f"Broadsheet {__version__}{frozen} self-test OK: {facts.pipeline}, {found}{where} "
        f"in {time.perf_counter() - t0:.1f} s"
    )


def main(model: str | None = None, window: bool = True) -> int:
    """Run the self-test, print one line, return the exit status."""
    try:
        line = run(model, window)
    except SelfTestFailure as e:
        log.error("self-test failed: %s", e)
        say(f"Broadsheet self-test FAILED: {e}", "stderr")
        return 1
    except Exception as e:  # a missing module or data file in a bundle shows up here
        log.exception("self-test failed")
        say(f"Broadsheet self-test FAILED: {type(e).__name__}: {e}", "stderr")
        return 1
    log.info("%s", line)
    say(line)
    return 0
