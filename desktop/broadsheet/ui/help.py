"""Help texts: the keyboard shortcuts (from the action table the menus are built from, so they
never drift) and About."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion

from .. import __version__
from .actions import ACTIONS, ActionDef, shortcuts


def _version(dist: str) -> str:
    from importlib import metadata  # only when About is opened: 20 ms off the start-up

    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def shortcuts_html(defs: Iterable[ActionDef] = ACTIONS) -> str:
    """The shortcuts as a table: the keys, and the menu item they stand for."""
    rows = "".join(
        f"<tr><td><b>{escape(k)}</b>&nbsp;&nbsp;</td><td>{escape(a)}</td></tr>"
        for k, a in shortcuts(defs)
    )
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
