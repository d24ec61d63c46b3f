"""Corrections from the panels: kept in the library, undoable, applied on every showing."""

from PySide6.QtCore import QByteArray, QMimeData, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QInputDialog

from broadsheet.ui.entity_panel import ENTITY_MIME


def names(w, kind):
    return [w.facts.entity(i).name for i in w.panels[kind].ids()]


def test_rename_merge_kind_hide_then_undo_redo(
    make_window, menu_action, open_and_wait, qtbot, seeded_copy, sample_path, monkeypatch
):
    w = make_window(seeded_copy)
    facts = open_and_wait(w, sample_path)
    people = facts.entities_of("person")
    a, b = people[0], people[1]
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kw: ("Renamed One", True))
    menu_action(w.panels["person"].context_menu_for(a.id), "Rename").trigger()
    assert "Renamed One" in names(w, "person")
    menu = w.panels["person"].context_menu_for(b.id)
    merge_menu = next(act.menu() for act in menu.actions() if act.text() == "Merge Into")
    menu_action(merge_menu, "Renamed One").trigger()
    assert len(names(w, "person")) == len(people) - 1
    merged = next(e for e in w.facts.entities if e.name == "Renamed One")
    assert len(merged.mentions) == len(a.mentions) + len(b.mentions)
    c = people[2]
    menu_action(w.panels["person"].context_menu_for(c.id), "Place").trigger()
    assert c.name in names(w, "place") and c.name not in names(w, "person")
    org = facts.entities_of("organisation")[-1]
    menu_action(w.panels["organisation"].context_menu_for(org.id), "Not an Entity").trigger()
    assert org.name not in names(w, "organisation")
    assert w.undo_stack.count() == 4

    qtbot.keyClick(w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # un-hide
    assert org.name in names(w, "organisation")
    qtbot.keyClick(w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # kind back
    assert c.name in names(w, "person")
    qtbot.keyClick(
        w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert c.name in names(w, "place")  # redone
    assert len(w.library.corrections(facts.sha256)) == 3  # rename, merge, kind (hide undone)


def test_corrections_are_applied_when_the_document_is_shown_again(
    make_window, menu_action, open_and_wait, seeded_copy, sample_path
):
    w = make_window(seeded_copy)
    facts = open_and_wait(w, sample_path)
    org = facts.entities_of("organisation")[0]
    menu_action(w.panels["organisation"].context_menu_for(org.id), "Person").trigger()
    w.close()
    w2 = make_window(seeded_copy)
    open_and_wait(w2, sample_path)
    assert org.name in names(w2, "person")
    # The undo history outlives the session: the correction can be undone after a restart.
    assert w2.undo_stack.count() == 1 and w2.undo_stack.canUndo()
    assert w2.undo_stack.undoText() == f"Make “{org.name}” a person"
    w2.undo_stack.undo()
    assert org.name in names(w2, "organisation")
    w2.close()
    w3 = make_window(seeded_copy)
    open_and_wait(w3, sample_path)
    assert org.name in names(w3, "organisation")
    assert (w3.undo_stack.canUndo(), w3.undo_stack.canRedo()) == (False, True)
    w3.undo_stack.redo()
    assert org.name in names(w3, "person")


def test_drag_one_entity_onto_another_merges_them(
    make_window, open_and_wait, seeded_copy, sample_path
):
    w = make_window(seeded_copy)
    facts = open_and_wait(w, sample_path)
    panel = w.panels["place"]
    target, dropped = panel.ids()[0], panel.ids()[1]
    rect = panel.view.visualRect(panel.model.index(0, 0))
    mime = QMimeData()
    mime.setData(ENTITY_MIME, QByteArray(dropped.encode()))
    ev = QDropEvent(
        rect.center(),
        Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    panel.view.dropEvent(ev)
    assert facts.entity(dropped).name not in names(w, "place")
    assert facts.entity(dropped).name in w.facts.entity(target).aliases


def test_split_off_a_mention_from_the_text(
    make_window, menu_action, open_and_wait, seeded_copy, sample_path
):
    w = make_window(seeded_copy)
    facts = open_and_wait(w, sample_path)
    ent = max(facts.entities_of("person"), key=lambda e: len(e.mentions))
    m = ent.mentions[-1]
    w.view.scroll_to(m.start)
    cur = w.view.textCursor()
    cur.setPosition(m.start + 1)
    menu = w.view.context_menu_at(w.view.cursorRect(cur).center())
    split = menu_action(menu, "Split")
    assert split is not None
    split.trigger()
    after = w.facts.entity(ent.id)
    assert len(after.mentions) == len(ent.mentions) - 1
    assert any(e.mentions == [m] for e in w.facts.entities)


def test_quitting_saves_the_reader_data_and_lets_go_of_the_library(
    make_window, menu_action, open_and_wait, seeded_copy, sample_path
):
    from broadsheet.ui.app import close_library

    w = make_window(seeded_copy)
    facts = open_and_wait(w, sample_path)
    org = facts.entities_of("organisation")[0]
    menu_action(w.panels["organisation"].context_menu_for(org.id), "Not an Entity").trigger()
    close_library(w)
    saved = (seeded_copy / "reader-data.json").read_text(encoding="utf-8")
    m = org.mentions[0]
    assert '"hide"' in saved and f"[{m.start}, {m.end}]" in saved
    # The last connection gone, SQLite folds its write-ahead log into the library file.
    assert not [p.name for p in seeded_copy.iterdir() if p.name.endswith("-wal")]


def test_add_as_organisation_from_a_selection_in_the_text(
    make_window, menu_action, open_and_wait, qtbot, seeded_copy, sample_path
):
    w = make_window(seeded_copy)
    facts = open_and_wait(w, sample_path)
    by_analysts = [c.id for c in facts.claims if c.source and c.source.text == "Analysts"]
    assert by_analysts and not any(e.name == "Analysts" for e in facts.entities)
    s = facts.text.index("Analysts")
    w.view.select_range(s, s + len("Analysts "))  # a double-click takes the space after
    cur = w.view.textCursor()
    menu = w.view.context_menu_at(w.view.cursorRect(cur).center())
    menu_action(menu, "Add as Organisation").trigger()
    [ent] = [e for e in w.facts.entities if e.name == "Analysts"]
    assert ent.kind == "organisation"
    assert len(ent.mentions) == facts.text.count("Analysts")  # every place it stands
    assert "Analysts" in names(w, "organisation")
    assert sorted(c.id for c in w.facts.claims_by(ent.id)) == sorted(by_analysts)
    assert w.undo_stack.undoText() == "Add “Analysts” as an organisation"
    # Words an entity holds already: one message, nothing changed.
    kremlin = facts.entities_of("organisation")[0]
    m = kremlin.mentions[0]
    w.add_entity(m.start, m.end, "person")
    assert "marked already" in w.statusBar().currentMessage()
    assert w.undo_stack.count() == 1


def test_merge_into_an_entity_of_another_kind_and_several_at_once(
    make_window, menu_action, open_and_wait, qtbot, seeded_copy, sample_path
):
    w = make_window(seeded_copy)
    facts = open_and_wait(w, sample_path)
    place = facts.entities_of("place")[-1]
    org = facts.entities_of("organisation")[0]
    menu = w.panels["place"].context_menu_for(place.id)
    into = menu_action(menu, "Merge Into").menu()
    other_kind = next(a.menu() for a in into.actions() if a.text() == "Into an Organisation")
    menu_action(other_kind, org.name).trigger()
    assert place.name not in names(w, "place")
    merged = w.facts.entity(org.id)
    assert merged.kind == "organisation" and place.name in merged.aliases

    people = w.panels["person"]
    three = people.ids()[1:4]
    people.select_entities(three)
    assert [e.id for e in people.selected()] == three
    menu = people.context_menu_for(three[1])
    many = next(a.menu() for a in menu.actions() if a.text() == "Merge 3 Selected Into")
    target = w.facts.entity(three[0])
    menu_action(many, target.name).trigger()
    assert len(people.ids()) == len(facts.entities_of("person")) - 2
    assert len(w.facts.entity(three[0]).mentions) == sum(
        len(facts.entity(i).mentions) for i in three
    )
    assert w.undo_stack.count() == 2  # one step for the three
    w.undo_stack.undo()
    assert len(people.ids()) == len(facts.entities_of("person"))
