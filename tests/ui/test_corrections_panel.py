"""The Corrections panel: each correction of the document in words, when it was made, and
one reverted (or restored) wherever it stands."""

from PySide6.QtCore import Qt

from broadsheet.ui.corrections_panel import CorrectionsPanel


def rows(w):
    v = w.corrections_panel.view
    return [
        (v.topLevelItem(i).text(0), v.topLevelItem(i).text(2)) for i in range(v.topLevelItemCount())
    ]


def test_the_panel_lists_corrections_and_reverts_one_in_the_middle(
    make_window, menu_action, open_and_wait, qtbot, seeded_copy, sample_path
):
    w = make_window(seeded_copy)
    facts = open_and_wait(w, sample_path)
    panel = w.findChild(CorrectionsPanel, "dock-corrections")
    assert panel is w.corrections_panel and panel.empty.isVisibleTo(panel)
    org = facts.entities_of("organisation")[0]
    place = facts.entities_of("place")[-1]
    claim = facts.claims[-1]
    menu_action(w.panels["organisation"].context_menu_for(org.id), "Not an Entity").trigger()
    menu_action(w.panels["place"].context_menu_for(place.id), "Person").trigger()
    menu_action(w.claims.context_menu_for(claim.id), "Not a Claim").trigger()
    assert [r[0] for r in rows(w)] == [
        f"“{org.name}”: Not an entity",
        f"Make “{place.name}” a person",
        f"Not a claim: “{' '.join(claim.content.text.split())[:59].rstrip()}…”"
        if len(claim.content.text) > 60
        else f"Not a claim: “{claim.content.text}”",
    ]
    assert panel.windowTitle() == "Corrections (3)"
    assert all(panel.view.topLevelItem(i).text(1) for i in range(3))  # when each was made

    # Revert the first: the two after it stay.
    ids = [c.id for c in panel.log]
    assert panel.select(ids[0])
    qtbot.mouseClick(panel.revert_button, Qt.MouseButton.LeftButton)
    assert org.name in [e.name for e in w.facts.entities_of("organisation")]
    assert place.name in [e.name for e in w.facts.entities_of("person")]
    assert claim.id not in w.claims.claim_ids()
    assert rows(w)[0][1] == "reverted" and panel.windowTitle() == "Corrections (2)"
    assert "Reverted" in w.statusBar().currentMessage()
    # Out of the undo history: undoing twice undoes the other two, not the reverted one.
    assert w.undo_stack.count() == 2
    w.undo_stack.undo()
    w.undo_stack.undo()
    assert [r[1] for r in rows(w)] == ["reverted", "undone", "undone"]
    assert org.name in [e.name for e in w.facts.entities_of("organisation")]
    # Restored, it applies again, kept across a restart.
    panel.select(ids[0])
    assert panel.restore_button.isEnabled() and not panel.revert_button.isEnabled()
    panel.restore_current()
    assert org.name not in [e.name for e in w.facts.entities_of("organisation")]
    w.close()
    w2 = make_window(seeded_copy)
    open_and_wait(w2, sample_path)
    assert [r[1] for r in rows(w2)] == ["", "undone", "undone"]
    assert org.name not in [e.name for e in w2.facts.entities_of("organisation")]
    assert w2.undo_stack.canRedo()


def test_ctrl_5_shows_the_corrections_panel(
    make_window, open_and_wait, qtbot, seeded_copy, sample_path
):
    w = make_window(seeded_copy)
    open_and_wait(w, sample_path)
    qtbot.keyClick(w, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: w.corrections_panel.isVisible())
    assert not w.corrections_panel.visibleRegion().isEmpty()


def test_the_new_shortcuts_are_in_the_help(qapp):
    from broadsheet.ui.help import shortcuts_html

    html = shortcuts_html()
    assert "Ctrl+Shift+A" in html and "Edit ▸ Add Claim from Selection…" in html
    assert "Ctrl+5" in html and "Go ▸ Corrections Panel" in html
    assert "Alt+Left" in html and "Go ▸ Back" in html
    assert "Alt+Right" in html and "Go ▸ Forward" in html


def test_when_says_the_time_today_and_the_day_before():
    from datetime import date

    from broadsheet.ui.corrections_panel import when

    made = "2024-03-05T10:20:00+00:00"
    local = __import__("datetime").datetime.fromisoformat(made).astimezone()
    short, whole = when(made, today=local.date())
    assert short == local.strftime("%H:%M") and whole.endswith(local.strftime("%H:%M"))
    assert when(made, today=date(2025, 1, 1))[0].endswith("Mar 2024")
    assert when("") == ("", "")


def test_who_made_each_correction_shows_when_several_people_did(qtbot):
    from broadsheet.facts import Correction
    from broadsheet.ui.corrections_panel import CorrectionsPanel

    panel = CorrectionsPanel()
    qtbot.addWidget(panel)
    made = "2024-03-05T10:20:00+00:00"
    mine = Correction("hide", {"what": "Kremlin"}, 1, made_at=made, author="ann")
    panel.show_log([mine])
    item = panel.view.topLevelItem(0)
    assert "ann" not in item.text(1) and "by ann" in item.toolTip(1)  # one person: no name
    theirs = Correction("hide", {"what": "BBC"}, 2, made_at=made, author="bo")
    panel.show_log([mine, theirs])
    assert panel.view.topLevelItem(0).text(1).endswith("· ann")
    assert panel.view.topLevelItem(1).text(1).endswith("· bo")
