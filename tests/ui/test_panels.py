"""The fact panels: filter, sort, context menu, claims by source, keyboard access."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox


def test_filter_box_narrows_the_list(make_window, open_and_wait, qtbot, seeded_copy, sample_path):
    w = make_window(seeded_copy)
    facts = open_and_wait(w, sample_path)
    panel = w.panels["place"]
    panel.filter.setText("kor")
    shown = [facts.entity(i).name for i in panel.ids()]
    assert shown and all("kor" in n.lower() for n in shown)
    panel.filter.clear()
    assert len(panel.ids()) == len(facts.entities_of("place"))


def test_sort_by_name_and_by_mentions(make_window, open_and_wait, seeded_copy, sample_path):
    w = make_window(seeded_copy)
    facts = open_and_wait(w, sample_path)
    panel = w.panels["place"]  # places by their name; people by family name (test_feedback)
    panel.sort.setCurrentIndex(panel.sort.findData("name"))
    names = [facts.entity(i).name.lower() for i in panel.ids()]
    assert names == sorted(names)
    panel = w.panels["person"]
    panel.sort.setCurrentIndex(panel.sort.findData("mentions"))
    counts = [len(facts.entity(i).mentions) for i in panel.ids()]
    assert counts == sorted(counts, reverse=True)
    panel.sort.setCurrentIndex(panel.sort.findData("salience"))
    assert panel.ids() == [e.id for e in facts.entities_of("person")]


def test_context_menu_copies_and_shows_claims(
    make_window, menu_action, open_and_wait, seeded_copy, sample_path
):
    w = make_window(seeded_copy)
    facts = open_and_wait(w, sample_path)
    ent = max(facts.entities, key=lambda e: len(facts.claims_by(e.id)))
    assert facts.claims_by(ent.id)
    menu = w.panels[ent.kind].context_menu_for(ent.id)
    menu_action(menu, "Copy Name").trigger()
    assert QApplication.clipboard().text() == ent.name
    menu_action(menu, "Show Claims by").trigger()
    assert set(w.claims.claim_ids()) == {c.id for c in facts.claims_by(ent.id)}
    w.claims.show_source("")
    assert len(w.claims.claim_ids()) == len(facts.claims)
    menu_action(menu, "Show All Mentions").trigger()
    assert w.view.highlighted_ranges() == [(m.start, m.end) for m in ent.mentions]


def test_entity_rows_show_claim_counts(make_window, open_and_wait, seeded_copy, sample_path):
    w = make_window(seeded_copy)
    facts = open_and_wait(w, sample_path)
    ent = max(facts.entities, key=lambda e: len(facts.claims_by(e.id)))
    panel = w.panels[ent.kind]
    row = panel.ids().index(ent.id)
    assert panel.model.index(row, 1).data() == str(len(facts.claims_by(ent.id)))


def test_copy_claim_as_quotation(make_window, open_and_wait, seeded_copy, sample_path):
    w = make_window(seeded_copy)
    facts = open_and_wait(w, sample_path)
    claim = next(c for c in facts.claims if c.source and c.source.entity)
    w.claims.select_claim(claim.id)
    text = w.claims.copy_quotation()
    assert QApplication.clipboard().text() == text
    assert facts.title in text and facts.entity(claim.source.entity).name in text


def test_ctrl_number_focuses_the_panels(make_window, qtbot, seeded_copy):
    w = make_window(seeded_copy)
    for n, dock in enumerate(
        [w.panels["person"], w.panels["place"], w.panels["organisation"], w.claims], 1
    ):
        qtbot.keyClick(w, getattr(Qt.Key, f"Key_{n}"), Qt.KeyboardModifier.ControlModifier)
        assert dock.view.hasFocus(), dock.objectName()


def test_controls_have_accessible_names(make_window, seeded_copy):
    w = make_window(seeded_copy)
    for widget in (
        w.view,
        w.claims.view,
        w.claims.search,
        w.claims.certainty,
        w.claims.sources,
        w.library_panel.search,
        w.find_bar.edit,
        *[p.view for p in w.panels.values()],
        *[p.filter for p in w.panels.values()],
    ):
        assert widget.accessibleName(), widget.objectName()


def test_help_dialogs_list_shortcuts_and_versions(make_window, seeded_copy):
    w = make_window(seeded_copy)
    w._shortcuts()
    box = w.findChild(QMessageBox, "shortcutsDialog")
    for key in ("Ctrl+O", "Ctrl+F", "F3", "Shift+F3", "Ctrl+Z", "Ctrl+Shift+Z", "Ctrl+1"):
        assert f"<b>{key}" in box.text() or f"{key}</b>" in box.text() or key in box.text()
    box.close()
    w._about()
    about = w.findChild(QMessageBox, "aboutDialog")
    assert "spaCy" in about.text() and "Qt" in about.text() and w.analyzer.model in about.text()


def test_a_claims_tooltip_says_when_it_was_said_and_from_what(
    make_window, open_and_wait, seeded_copy, sample_path
):
    from broadsheet.ui.claims_panel import CLAIM_ROLE

    w = make_window(seeded_copy)
    facts = open_and_wait(w, sample_path)
    tips = {}
    m = w.claims.model
    for r in range(m.rowCount()):
        head = m.index(r, 0)
        for i in range(m.rowCount(head)):
            idx = m.index(i, 0, head)
            tips[idx.data(CLAIM_ROLE)] = idx.data(Qt.ItemDataRole.ToolTipRole)
    confirmed = next(c for c in facts.claims if c.cue and c.cue.text == "confirmed")
    assert "the early hours of Tuesday morning" in tips[confirmed.id]
    dated = [c for c in facts.claims if c.when and c.when.basis != "sentence"]
    assert dated and all("'s date" in tips[c.id] for c in dated)
