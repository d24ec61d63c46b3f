"""The Library dock and "Also in": a research tool across several articles."""

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from broadsheet import corrections as corr
from broadsheet.facts import Facts
from broadsheet.store.library import Library
from broadsheet.ui.library_panel import CURRENT_ROLE as CURRENT
from broadsheet.ui.library_panel import SNIPPET_ROLE as SNIPPET
from broadsheet.ui.library_panel import fit_snippet, locate

DESKTOP = Path(__file__).resolve().parents[2] / "desktop"


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


# -- a live library -------------------------------------------------------------------------------
def _shown_library(w):
    w.library_panel.show()
    w.library_panel.raise_()
    w.library_panel.refresh()
    return w.library_panel


def _row(panel, sha):
    return next(i for i, d in enumerate(panel.model.rows) if d.sha256 == sha)


def test_documents_another_process_adds_show_without_a_search(make_window, research_library):
    w = make_window(research_library)
    panel = _shown_library(w)
    assert panel.model.rowCount() == 4
    assert not panel.check_for_changes()  # nothing new: the list is left alone
    script = (
        "import sys; from broadsheet.store.library import Library; "
        "from broadsheet.facts import Facts; "
        "lib = Library(sys.argv[1]); "
        "lib.put(Facts(text='Snow closed the roads of Tromso on Friday.', path='/x/snow.txt', "
        "title='Snow in Tromso')); lib.close()"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(DESKTOP), *sys.path])}
    subprocess.run([sys.executable, "-c", script, str(research_library)], check=True, env=env)
    assert panel.check_for_changes()
    assert panel.model.rowCount() == 5
    assert panel.model.index(0, 0).data() == "Snow in Tromso"  # newest first
    assert panel._watch.isActive()  # asked on a timer while the dock is on screen
    panel.hide()
    assert not panel._watch.isActive()


def test_counts_are_the_corrected_ones_and_the_open_document_is_marked(
    make_window, open_and_wait, research_library, sample_path
):
    w = make_window(research_library)
    facts = open_and_wait(w, sample_path)
    panel = _shown_library(w)
    row = _row(panel, facts.sha256)
    people = len(facts.entities_of("person"))
    assert panel.model.index(row, 1).data() == str(people)
    w.apply_correction(corr.hide(facts.entities_of("person")[0]))
    assert panel.check_for_changes()  # the window's own correction changed the library too
    row = _row(panel, facts.sha256)
    assert panel.model.index(row, 1).data() == str(people - 1)
    assert panel.model.index(row, 1).data() == str(len(w.facts.entities_of("person")))
    marked = [r for r in range(panel.model.rowCount()) if panel.model.index(r, 0).data(CURRENT)]
    assert marked == [row]
    assert "Open now" in panel.model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)


def test_titles_have_the_room_and_the_tooltip_shows_them_whole(make_window, tmp_path):
    lib = Library(tmp_path / "long")
    title = "Heavy rain floods Oslo as the Norwegian Meteorological Institute warns of more"
    lib.put(Facts(text="Heavy rain fell on Oslo.", path="/x/rain.txt", title=title))
    lib.close()
    w = make_window(tmp_path / "long")
    panel = _shown_library(w)
    header = panel.view.header()
    counts = sum(header.sectionSize(c) for c in range(1, header.count()))
    assert header.sectionSize(0) > counts  # the title takes most of the row
    fm = panel.view.fontMetrics()
    assert header.sectionSize(0) >= fm.horizontalAdvance("Heavy rain floods Oslo as the")
    assert title in panel.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)


def test_delete_removes_the_selected_document_after_asking(make_window, research_library, qtbot):
    w = make_window(research_library)
    panel = _shown_library(w)
    sha = panel.shas()[1]
    panel.view.setCurrentIndex(panel.model.index(1, 0))
    panel.view.setFocus()
    qtbot.waitUntil(panel.view.hasFocus)
    _answer_the_next_question(QMessageBox.StandardButton.Cancel)
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert sha in panel.shas() and len(panel.shas()) == 4
    w.activateWindow()  # back from the question box
    qtbot.waitUntil(w.isActiveWindow)
    panel.view.setFocus()
    qtbot.waitUntil(panel.view.hasFocus)
    _answer_the_next_question(QMessageBox.StandardButton.Yes)
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert sha not in panel.shas() and len(panel.shas()) == 3


def test_a_search_hit_shows_its_snippet_and_opens_at_the_hit(make_window, research_library, qtbot):
    w = make_window(research_library)
    panel = _shown_library(w)
    panel.search.setText("expected")
    panel.refresh()
    assert [panel.model.index(0, 0).data()] == ["Weather"]
    snippet = panel.model.index(0, 0).data(SNIPPET)
    assert [t for t, hit in snippet if hit] == ["expected"]
    assert "more rain was" in "".join(t for t, _ in snippet)
    with qtbot.waitSignal(w.factsShown, timeout=5000):
        panel.view.activated.emit(panel.model.index(0, 0))
    [(start, end)] = w.view.highlighted_ranges()
    assert w.facts.text[start:end] == "expected"
    assert w.view.textCursor().position() == start  # scrolled to it


def test_a_hit_past_the_rows_with_snippets_still_opens_at_the_hit(
    make_window, research_library, qtbot, monkeypatch
):
    from broadsheet.ui import library_panel

    monkeypatch.setattr(library_panel, "SNIPPETS", 0)  # no row shows its words
    w = make_window(research_library)
    panel = _shown_library(w)
    panel.search.setText("expected")
    panel.refresh()
    assert panel.model.index(0, 0).data(SNIPPET) == ()
    with qtbot.waitSignal(w.factsShown, timeout=5000):
        panel.view.activated.emit(panel.model.index(0, 0))
    [(start, end)] = w.view.highlighted_ranges()
    assert w.facts.text[start:end] == "expected"


def test_a_snippet_is_found_in_text_whose_line_breaks_it_shows_as_spaces():
    text = "Heavy rain fell.\nMore rain\n  was expected, said the institute."
    snippet = (("…More ", False), ("rain", True), (" was expected…", False))
    assert locate(snippet, text) == (text.index("rain\n"), text.index("rain\n") + 4)
    assert locate((("gone words ", False), ("Rain", True)), text) == (6, 10)
    assert locate((("no hit at all", False),), text) is None


def test_a_snippet_too_long_for_its_row_keeps_its_hit_in_sight():
    def width(text, hit):
        return 7 * len(text)

    snippet = (
        ("…A group of North Korean military officials flew to ", False),
        ("Vladivostok", True),
        (" on Monday…", False),
    )
    fitted = fit_snippet(snippet, 280, width)  # 40 characters of room
    lead, hit, tail = fitted
    assert hit == ("Vladivostok", True) and tail == snippet[2]
    assert lead[0].startswith("…") and snippet[0][0].endswith(lead[0][1:])
    assert width(lead[0], False) + width("Vladivostok", True) <= 280 - 280 // 4
    assert lead[0].endswith("flew to ")  # the words just before the hit stay
    # A snippet that fits, or that starts with its hit, is shown as it is.
    assert fit_snippet(snippet, 2000, width) == snippet
    assert fit_snippet(snippet[1:], 100, width) == snippet[1:]


def test_a_team_librarys_queue_shows_in_the_status_line(pg_url, qtbot):
    """The team's workers' progress: what waits, what is being analysed, what failed."""
    from broadsheet.facts import Article
    from broadsheet.ui.library_panel import LibraryPanel

    lib = Library(pg_url)
    for i in range(3):
        lib.enqueue(Article(f"Queued text {i}.", f"/q/{i}.txt", f"Queued {i}"))
    lib.put(Facts(text="Done.", path="/q/done.txt", title="Done"))
    panel = LibraryPanel(lib)
    qtbot.addWidget(panel)
    panel.refresh()
    assert panel.status.text() == "1 document; 3 waiting for analysis"
    taken = lib.take("w", 60)
    assert panel.check_for_changes()
    assert panel.status.text() == "1 document; 3 waiting for analysis (1 being analysed)"
    lib.fail_queued(taken.sha256, "Broadsheet could not analyse 0.txt.")
    panel.refresh()
    assert panel.status.text() == "1 document; 2 waiting for analysis, 1 failed"
    lib.close()


def test_a_folders_library_shows_no_queue(tmp_path, qtbot):
    from broadsheet.ui.library_panel import LibraryPanel

    lib = Library(tmp_path)
    panel = LibraryPanel(lib)
    qtbot.addWidget(panel)
    panel.refresh()
    assert panel.status.text() == "0 documents"
    lib.close()
