"""Help texts: the keyboard shortcuts (read from the menus, so they never drift) and About."""

from __future__ import annotations

from html import escape

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from .. import __version__


def _version(dist: str) -> str:
    from importlib import metadata  # only when About is opened: 20 ms off the start-up

    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def shortcuts(window: QMainWindow) -> list[tuple[str, str]]:
    """(shortcut, action) for every menu action that has one, in menu order."""
    out: list[tuple[str, str]] = []

    def walk(menu: QMenu, prefix: str) -> None:
        for act in menu.actions():
            if act.menu():
                walk(act.menu(), prefix + act.menu().title().replace("&", "") + " ▸ ")
                continue
            keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in act.shortcuts()]
            if keys:
                out.append((", ".join(keys), prefix + act.text().replace("&", "")))

    for top in window.menuBar().actions():
        if top.menu():
            walk(top.menu(), top.menu().title().replace("&", "") + " ▸ ")
    out += [("Enter / Shift+Enter", "Find bar ▸ Next / previous match"),
            ("Esc", "Find bar ▸ Close")]
    return out


def shortcuts_html(window: QMainWindow) -> str:
    rows = "".join(f"<tr><td><b>{escape(k)}</b>&nbsp;&nbsp;</td><td>{escape(a)}</td></tr>"
                   for k, a in shortcuts(window))
    return f"<table>{rows}</table>"


def about_text(model: str, pipeline: str) -> str:
    return (
        f"<h3>Broadsheet {escape(__version__)}</h3>"
        "<p>A reader for news articles: who is involved, where, and who claims what.</p>"
        "<table>"
        f"<tr><td>Qt</td><td>{escape(qVersion())}</td></tr>"
        f"<tr><td>Qt for Python</td><td>{escape(pyside_version)}</td></tr>"
        f"<tr><td>spaCy</td><td>{escape(_version('spacy'))}</td></tr>"
        f"<tr><td>Model</td><td>{escape(model)} {escape(_version(model))}</td></tr>"
        f"<tr><td>Pipeline</td><td>{escape(pipeline)}</td></tr>"
        "</table>"
    )
