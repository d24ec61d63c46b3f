"""The Library dock and "Also in": a research tool across several articles."""

import json
import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from broadsheet.facts import Article, Facts
from broadsheet.store.library import Library

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


def test_library_lists_searches_and_opens_without_analysis(make_window, research_library, qtbot):
    w = make_window(research_library)
    w.library_panel.show()
    w.library_panel.raise_()
    w.library_panel.refresh()
    assert w.library_panel.model.rowCount() == 4
    titles = {w.library_panel.model.index(r, 0).data() for r in range(4)}
    assert {"Summit", "Sanctions", "Weather"} <= titles
    w.library_panel.search.setText("rain")
    w.library_panel.refresh()
    assert [w.library_panel.model.index(0, 0).data()] == ["Weather"]
    w.library_panel.search.setText("putin")  # an entity name
    w.library_panel.refresh()
    assert w.library_panel.model.rowCount() == 3
    sha = w.library_panel.shas()[0]
    with qtbot.waitSignal(w.factsShown, timeout=5000):
        w.library_panel.openRequested.emit(sha)
    assert w.facts.sha256 == sha
    assert not w.analyzer.loaded


def test_a_library_row_is_read_off_the_gui_thread(make_window, research_library, qtbot):
    w = make_window(research_library)
    w.library_panel.refresh()
    sha = w.library_panel.shas()[0]
    threads = []
    newest_facts = w.library.newest_facts

    def noting_thread(sha256):
        threads.append(threading.current_thread())
        return newest_facts(sha256)

    w.library.newest_facts = noting_thread
    with qtbot.waitSignal(w.factsShown, timeout=5000):
        w.library_panel.openRequested.emit(sha)
    assert threads and threading.main_thread() not in threads
    assert w.facts.sha256 == sha
    assert w.statusBar().currentMessage().endswith("opened from the library.")


def test_a_row_gone_from_the_library_says_so(make_window, research_library, qtbot):
    w = make_window(research_library)
    w.open_document("0" * 64)
    qtbot.waitUntil(lambda: w.error_box is not None and w.error_box.isVisible(), timeout=5000)
    assert "no longer in the library" in w.error_box.text()
    assert w.facts is None


def _answer_the_next_question(button, tries=250):
    """Click ``button`` in the question box about to open (however the panel makes it)."""

    def click(left=tries):
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.button(button) is not None:
            box.button(button).click()
        elif left:
            QTimer.singleShot(20, lambda: click(left - 1))

    QTimer.singleShot(0, click)


def test_remove_asks_first(make_window, research_library):
    w = make_window(research_library)
    w.library_panel.refresh()
    sha = w.library_panel.shas()[0]
    _answer_the_next_question(QMessageBox.StandardButton.Cancel)
    assert not w.library_panel.remove(sha)
    assert sha in w.library_panel.shas()
    _answer_the_next_question(QMessageBox.StandardButton.Yes)
    assert w.library_panel.remove(sha)
    assert sha not in w.library_panel.shas() and len(w.library_panel.shas()) == 3


def test_also_in_lists_other_documents_and_their_claims(
    make_window, open_and_wait, research_library, sample_path
):
    w = make_window(research_library)
    facts = open_and_wait(w, sample_path)
    w.also_in.show()
    w.also_in.raise_()
    putin = next(e for e in facts.entities if e.kind == "person" and "Putin" in e.name)
    w.select_entity(putin.id)
    titles = {h.document.title for h in w.also_in.hits}
    assert titles == {"Summit", "Sanctions"}
    said = {t for h in w.also_in.hits for t in h.claims}
    assert any("sanctions would fail" in t for t in said)
    assert w.also_in.model.rowCount() == 2


def test_export_from_the_window(make_window, open_and_wait, seeded_copy, sample_path, tmp_path):
    w = make_window(seeded_copy)
    facts = open_and_wait(w, sample_path)
    [j] = w.export("json", str(tmp_path / "facts.json"))
    assert Facts.from_json(json.loads(j.read_text(encoding="utf-8"))) == w.facts
    [md] = w.export("md", str(tmp_path / "dossier.md"))
    assert md.read_text(encoding="utf-8").startswith(f"# {facts.title}")
    files = w.export("csv", str(tmp_path / "facts.csv"))
    assert {f.name for f in files} == {"facts-entities.csv", "facts-claims.csv"}
    assert w.export("json", str(tmp_path / "missing-dir" / "x.json")) == []
    assert w.error_box is not None and "Cannot write" in w.error_box.text()


def test_a_damaged_library_is_replaced_and_the_reader_told(make_window, qtbot, tmp_path):
    folder = tmp_path / "damaged"
    folder.mkdir()
    (folder / "library.sqlite3").write_bytes(b"\x00garbage" * 500)
    w = make_window(folder)
    qtbot.waitUntil(lambda: w.error_box is not None and w.error_box.isVisible(), timeout=5000)
    assert "moved aside" in w.error_box.text()
    assert w.library is not None and w.library.documents() == []
