from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication

from broadsheet.facts import Article
from broadsheet.store.library import Library
from broadsheet.ui.app import create_window

# Three short articles for a library of several documents, two of them naming Putin.
ARTICLES = {
    "summit.txt": "Vladimir Putin met Kim Jong Un in Vladivostok. Putin said that the talks "
    "were useful. The Kremlin confirmed that a banquet was held.",
    "sanctions.txt": "The United States warned Russia on Monday. Vladimir Putin said that "
    "sanctions would fail, according to Reuters.",
    "weather.txt": "Heavy rain fell on Oslo on Tuesday. The Norwegian Meteorological Institute "
    "said that more rain was expected.",
}


@pytest.fixture
def research_library(tmp_path, analyzer_session, sample_facts):
    folder = tmp_path / "research"
    lib = Library(folder)
    lib.put(sample_facts)
    arts = []
    for name, text in ARTICLES.items():
        p = tmp_path / name
        p.write_text(text, encoding="utf-8")
        arts.append(Article(text=text, path=str(p), title=name.removesuffix(".txt").title()))
    for f in analyzer_session.analyse_articles(arts):
        lib.put(f)
    lib.close()
    return folder


@pytest.fixture
def library_of(tmp_path, analyzer_session):
    """A library folder holding these articles, each also written beside it as a file:
    ``{"visit.txt": text}`` or ``{"visit.txt": (text, ISO date)}``, titled by name ("Visit")."""

    def make(texts):
        lib = Library(tmp_path / "lib")
        arts = []
        for name, body in texts.items():
            text, day = body if isinstance(body, tuple) else (body, "")
            (tmp_path / name).write_text(text, encoding="utf-8")
            title = name.removesuffix(".txt").title()
            meta = {"date": day} if day else {}
            arts.append(Article(text=text, path=str(tmp_path / name), title=title, meta=meta))
        for f in analyzer_session.analyse_articles(arts):
            lib.put(f)
        lib.close()
        return tmp_path / "lib"

    return make


@pytest.fixture
def make_window(qtbot):
    """Build a main window on a given library folder; closed (and its layout saved) at the end."""
    made = []

    def make(folder):
        w = create_window(folder)
        # A normal article is shown in one slice only while the machine keeps up; on a loaded
        # one the panels would fill a turn later than the assertions after a correction look.
        # Tests of the slicing itself set the budget back to 0.
        w._showing.budget = w.claims._filling.budget = 30.0
        qtbot.addWidget(w)
        w.show()
        qtbot.waitExposed(w)
        # Shortcuts only reach the active window; offscreen activation is asynchronous.
        w.activateWindow()
        qtbot.waitUntil(
            lambda: w.isActiveWindow() or QApplication.activeModalWidget() is not None, timeout=5000
        )
        made.append(w)
        return w

    yield make
    for w in made:
        w._pool.waitForDone(60_000)


@pytest.fixture
def open_and_wait(qtbot):
    """Open a path in a window and wait until its facts are shown; returns the facts."""

    def run(window, path, timeout=180_000):
        with qtbot.waitSignal(window.factsShown, timeout=timeout) as blocker:
            window.open_path(path)
        return blocker.args[0]

    return run


@pytest.fixture
def file_drop():
    """A drop of one file on a window, as the system delivers it (``window.dropEvent(...)``)."""
    kept = []  # the event only points at its data: keep that alive for the test

    def make(path):
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(path))])
        kept.append(mime)
        return QDropEvent(
            QPointF(10, 10),
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
        )

    return make


def _find_action(menu, text):
    for act in menu.actions():
        if act.text().replace("&", "").startswith(text):
            return act
        if act.menu():
            found = _find_action(act.menu(), text)
            if found:
                return found
    return None


@pytest.fixture
def menu_action():
    """The action whose text starts with ``text`` in a menu or its submenus (or None)."""
    return _find_action
