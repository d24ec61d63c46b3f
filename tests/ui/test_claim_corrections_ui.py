"""Claim corrections from the Claims panel and the article text: applied at once, kept in the
library, undoable, and in every export."""

import json

from PySide6.QtCore import Qt

from broadsheet.cli import main
from broadsheet.ui.claim_dialogs import NO_SOURCE, AddClaimDialog, SourceDialog


def claim_by(w, words):
    return next(c for c in w.facts.claims if c.content.text.startswith(words))


def listed(w):
    return [w.claims._claims[i].content.text for i in w.claims.claim_ids()]


def undo(qtbot, w):
    qtbot.keyClick(w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def test_not_a_claim_kind_and_certainty_from_the_claims_menu(
    make_window, menu_action, open_and_wait, qtbot, seeded_copy, sample_path, tmp_path
):
    w = make_window(seeded_copy)
    facts = open_and_wait(w, sample_path)
    c = claim_by(w, "to support each other")
    n = len(facts.claims)
    menu_action(w.claims.context_menu_for(c.id), "Not a Claim").trigger()
    assert len(w.facts.claims) == n - 1 and c.content.text not in listed(w)
    assert "Not a claim" in w.statusBar().currentMessage()
    undo(qtbot, w)
    assert c.content.text in listed(w)

    hedged = claim_by(w, "Kim could also ask")
    menu = w.claims.context_menu_for(hedged.id)
    assert menu_action(menu, "Hedged").isChecked()
    menu_action(menu, "Asserted").trigger()
    menu_action(w.claims.context_menu_for(hedged.id), "Direct").trigger()
    shown = claim_by(w, "Kim could also ask")
    assert (shown.certainty, shown.kind) == ("asserted", "direct")
    assert len(w.library.corrections(facts.sha256)) == 2  # the undone one is not applied

    # The exports and the CLI's say so too.
    [out] = w.export("json", str(tmp_path / "x.json"))
    exported = json.loads(out.read_text(encoding="utf-8"))
    again = next(x for x in exported["claims"] if x["content"]["text"].startswith("Kim could"))
    assert (again["certainty"], again["kind"]) == ("asserted", "direct")
    w.close()
    w.library.close()
    md = tmp_path / "x.md"
    assert (
        main(
            [
                "export",
                str(sample_path),
                "--format",
                "md",
                "-o",
                str(md),
                "--library",
                str(seeded_copy),
            ]
        )
        == 0
    )
    text = md.read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if "Kim could also ask" in x)
    assert "(hedged)" not in line


def test_change_source_to_an_entity_or_a_typed_name(
    make_window, open_and_wait, qtbot, seeded_copy, sample_path
):
    w = make_window(seeded_copy)
    open_and_wait(w, sample_path)
    c = claim_by(w, "to support each other")  # by "they": nobody the panel knows
    assert c.source.entity is None
    w.change_claim_source(c.id)
    dialog = w.findChild(SourceDialog)
    assert dialog is not None and dialog.isVisible()
    putin = next(e for e in w.facts.entities if e.name == "Vladimir Putin")
    dialog.picker.choose_entity(putin.id)
    dialog.accept()
    shown = claim_by(w, "to support each other")
    assert shown.source.entity == putin.id
    assert shown in w.facts.claims_by(putin.id)
    assert any(s.label == "Vladimir Putin" and shown in s.claims for s in w.claims.groups)
    qtbot.waitUntil(lambda: w.findChild(SourceDialog) is None)  # closed and gone

    w.change_claim_source(c.id)
    dialog = w.findChild(SourceDialog)
    dialog.picker.setEditText("North Korean officials")
    dialog.accept()
    shown = claim_by(w, "to support each other")
    assert (shown.source.text, shown.source.entity) == ("North Korean officials", None)
    assert any(s.label == "North Korean officials" for s in w.claims.groups)

    w.change_claim_source(shown.id)
    qtbot.waitUntil(lambda: w.findChild(SourceDialog) is not None)
    dialog = w.findChild(SourceDialog)
    dialog.picker.setCurrentIndex(dialog.picker.findText(NO_SOURCE))
    dialog.accept()
    shown = claim_by(w, "to support each other")
    assert (shown.source, shown.kind) == (None, "unattributed")
    assert w.undo_stack.count() == 3


def test_add_a_claim_from_a_selection_in_the_text(
    make_window, menu_action, open_and_wait, qtbot, seeded_copy, sample_path
):
    w = make_window(seeded_copy)
    facts = open_and_wait(w, sample_path)
    s = facts.text.index("Kim Jong Un has arrived")
    e = s + len("Kim Jong Un has arrived")
    w.view.select_range(s, e)
    assert w.view.selected_range() == (s, e)
    cur = w.view.textCursor()
    menu = w.view.context_menu_at(w.view.cursorRect(cur).center())
    menu_action(menu, "Add Claim").trigger()
    dialog = w.findChild(AddClaimDialog)
    assert dialog is not None
    dialog.picker.setEditText("Kremlin")
    dialog.cue.setText("according to")
    dialog.accept()
    added = [c for c in w.facts.claims if (c.content.start, c.content.end) == (s, e)]
    assert len(added) == 1
    c = added[0]
    kremlin = next(x for x in w.facts.entities if x.name == "Kremlin")
    assert c.source.entity == kremlin.id and c.cue.text == "according to"
    assert c.id in w.claims.claim_ids()
    undo(qtbot, w)
    assert not [c for c in w.facts.claims if (c.content.start, c.content.end) == (s, e)]


def test_add_claim_without_a_selection_says_what_to_do(
    make_window, open_and_wait, seeded_copy, sample_path
):
    w = make_window(seeded_copy)
    open_and_wait(w, sample_path)
    w.action_table.action["add_claim"].trigger()
    assert "Select the words" in w.statusBar().currentMessage()
    assert w.findChild(AddClaimDialog) is None
