"""The action table: one shortcut per action, menus and the shortcuts dialog built from it."""

from collections import Counter

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox

from broadsheet.ui.actions import (
    ACTIONS,
    FIND_BAR_KEYS,
    LIST_KEYS,
    key_sequences,
    plain,
    shortcuts,
)


def _native(seq: QKeySequence) -> str:
    return seq.toString(QKeySequence.SequenceFormat.NativeText)


# QKeySequence.keyBindings needs the application (without one it crashes): ``qapp`` makes it.
def test_ids_are_unique_and_every_shortcut_belongs_to_one_action(qapp):
    ids = Counter(d.id for d in ACTIONS)
    assert [i for i, n in ids.items() if n > 1] == []
    keys = Counter(k.toString() for d in ACTIONS for k in key_sequences(d.shortcuts))
    assert keys, "the table declares shortcuts"
    assert [k for k, n in keys.items() if n > 1] == []


def test_the_find_bar_keys_are_not_taken_by_a_menu_action(qapp):
    taken = {k.toString() for d in ACTIONS for k in key_sequences(d.shortcuts)}
    assert not taken & {"Return", "Enter", "Shift+Return", "Esc"}


def test_every_table_row_is_in_the_menus_with_its_shortcuts(make_window, seeded_copy):
    w = make_window(seeded_copy)
    table = w.action_table
    for d in ACTIONS:
        if d.kind == "menu":
            assert plain(table.menu[d.id].title()) == plain(d.text)
        elif d.kind == "action":
            act = table.action[d.id]
            assert plain(act.text()) == plain(d.text) or d.make  # Undo/Redo name their step
            assert act.shortcuts() == key_sequences(d.shortcuts), d.id
            assert act.isCheckable() == d.checkable or bool(d.make)
    # The docks' own show/hide actions sit in View, where the "slot" row puts them.
    view = next(a.menu() for a in w.menuBar().actions() if a.text() == "&View")
    assert all(dock.toggleViewAction() in view.actions() for dock in w.docks())


def test_a_shortcut_runs_its_handler(make_window, seeded_copy, qtbot):
    w = make_window(seeded_copy)
    zoom = w.view.zoom
    w.action_table.action["zoom_in"].trigger()
    assert w.view.zoom == zoom + 1
    w.action_table.action["zoom_reset"].trigger()
    assert w.view.zoom == 0
    w.action_table.action["theme_dark"].trigger()
    assert w.theme == "dark" and w.action_table.action["theme_dark"].isChecked()
    w.action_table.action["theme_system"].trigger()
    assert not w.action_table.action["theme_dark"].isChecked()


def test_the_shortcuts_dialog_lists_every_shortcut_of_the_table(make_window, seeded_copy):
    w = make_window(seeded_copy)
    w._shortcuts()
    box = w.findChild(QMessageBox, "shortcutsDialog")
    assert box is not None and box.isVisible()
    text = box.text()
    listed = shortcuts()
    menus = sum(1 for d in ACTIONS if key_sequences(d.shortcuts))
    assert len(listed) == menus + len(FIND_BAR_KEYS) + len(LIST_KEYS)
    assert "Remove from Library" in text
    for d in ACTIONS:
        for k in key_sequences(d.shortcuts):
            if "+" in _native(k) or len(_native(k)) <= 3:
                assert _native(k) in text, d.id
        if key_sequences(d.shortcuts):
            assert d.path in text
    # A keyboard's own Redo key works but is not listed as if it were a combination to type.
    redo = next(keys for keys, where in listed if where == "Edit ▸ Redo")
    assert "Ctrl+Shift+Z" in redo and not redo.endswith(", Redo")
    assert "Edit ▸ Undo" in text and "Go ▸ Next Mention" in text and "Find bar ▸ Close" in text
    box.close()
