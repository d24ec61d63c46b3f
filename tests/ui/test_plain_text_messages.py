"""Names from the reader's files ("<b>x</b>.txt", "<img src=…>") show as typed in every
dialog and label, never as HTML."""

from __future__ import annotations

import dataclasses
import sys

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QDialog, QLabel

from broadsheet.errors import LibraryError
from broadsheet.store.library import Library, RecentDocument
from broadsheet.ui.crash import CrashHandler

# A possible file name (no slash), which Qt would read as bold text and a picture.
HOSTILE = '<b>x<img src="nowhere.png"><br>.txt'


def seen(label: QLabel) -> str:
    """The characters a label puts on screen (its text read as HTML if Qt reads it so)."""
    text, fmt = label.text(), label.textFormat()
    rich = fmt == Qt.TextFormat.RichText or (
        fmt == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text)
    )
    if not rich:
        return text
    doc = QTextDocument()
    doc.setHtml(text)
    return doc.toPlainText()


def box_text(box: QDialog) -> str:
    label = box.findChild(QLabel, "qt_msgbox_label")
    assert label is not None
    return seen(label)


def on_next_dialog(qtbot, inspect) -> list[str]:
    """Run ``inspect(dialog)`` on the next modal dialog, then close it; what it returned."""
    got: list[str] = []

    def look() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(20, look)
            return
        try:
            got.append(inspect(box))
        finally:
            box.reject()  # an inspection that fails must not leave the test waiting

    QTimer.singleShot(0, look)
    return got


@pytest.fixture
def hostile_library(tmp_path, sample_facts):
    folder = tmp_path / "lib"
    lib = Library(folder)
    facts = dataclasses.replace(sample_facts, title=HOSTILE, path=str(tmp_path / HOSTILE))
    lib.put(facts)
    lib.close()
    return folder, facts


def test_the_error_dialog_shows_a_file_name_as_typed(qtbot, make_window, seeded_copy):
    w = make_window(seeded_copy)
    w.show_error("Cannot open article", f"Cannot open {HOSTILE}: it is not an article.")
    assert box_text(w.error_box) == f"Cannot open {HOSTILE}: it is not an article."
    w.error_box.close()


def test_removing_a_document_asks_with_its_title_as_typed(qtbot, make_window, hostile_library):
    folder, facts = hostile_library
    w = make_window(folder)
    w.library_panel.refresh()
    got = on_next_dialog(qtbot, box_text)
    assert not w.library_panel.remove(facts.sha256, confirm=True)
    assert got and got[0].startswith(f"Remove “{HOSTILE}” from the library?")


def test_a_library_error_is_shown_as_typed(qtbot, make_window, hostile_library, monkeypatch):
    folder, facts = hostile_library
    w = make_window(folder)
    w.library_panel.refresh()
    message = f"The library cannot remove {HOSTILE}."

    def fail(*_args: object, **_kw: object) -> None:
        raise LibraryError(message)

    monkeypatch.setattr(w.library_panel.library, "remove", fail)
    got = on_next_dialog(qtbot, box_text)
    assert not w.library_panel.remove(facts.sha256, confirm=False)
    assert got == [message]
    monkeypatch.setattr(w.library_panel.library, "documents", fail)
    w.library_panel.refresh()
    assert seen(w.library_panel.status) == message


def test_the_also_in_heading_shows_an_error_and_a_name_as_typed(
    qtbot, make_window, hostile_library, monkeypatch
):
    folder, facts = hostile_library
    w = make_window(folder)
    ent = dataclasses.replace(facts.entities[0], name=HOSTILE)
    w.also_in.show_entity(ent, facts.sha256)
    assert seen(w.also_in.heading).startswith(HOSTILE)

    def fail(*_args: object, **_kw: object) -> None:
        raise LibraryError(f"The library cannot be read: {HOSTILE}.")

    monkeypatch.setattr(w.also_in.library, "also_in", fail)
    w.also_in.show_entity(ent, facts.sha256)
    assert seen(w.also_in.heading) == f"The library cannot be read: {HOSTILE}."


def test_the_crash_dialog_shows_the_error_as_typed(qtbot):
    handler = CrashHandler(None)
    handler.show_dialog(f"OSError: {HOSTILE}", "details")
    try:
        assert f"OSError: {HOSTILE}" in box_text(handler.dialog)
    finally:
        handler.dialog.close()
        handler.dialog.deleteLater()


def test_the_rename_dialog_shows_the_name_as_typed(qtbot, make_window, hostile_library):
    folder, facts = hostile_library
    w = make_window(folder)
    ent = dataclasses.replace(facts.entities[0], name=HOSTILE)
    others = [e for e in facts.entities if e.id != ent.id]
    with qtbot.waitSignal(w.factsShown, timeout=60_000):
        w.show_facts(dataclasses.replace(facts, entities=[ent, *others]))

    def label_text(dialog: QDialog) -> str:
        return " ".join(seen(lb) for lb in dialog.findChildren(QLabel))

    got = on_next_dialog(qtbot, label_text)
    w.rename_entity(ent.id)
    assert got and f"New name for “{HOSTILE}”:" in got[0]


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS menus show no tooltips")
def test_a_recent_file_tooltip_shows_the_path_as_typed(
    qtbot, make_window, seeded_copy, tmp_path, monkeypatch
):
    w = make_window(seeded_copy)
    path = str(tmp_path / HOSTILE)
    monkeypatch.setattr(w.session, "recent_documents", lambda: [RecentDocument(path, path)])
    w._fill_recent()
    [act] = [a for a in w.recent_menu.actions() if a.text() == HOSTILE]
    tip = act.toolTip()
    if GuiQt.mightBeRichText(tip):
        doc = QTextDocument()
        doc.setHtml(tip)
        tip = doc.toPlainText()
    assert tip == path
