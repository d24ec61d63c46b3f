"""What the window tells and shows after an act of the reader's: a message after each correction
and copy, a correction that leaves the article where it was, a found mention in the middle of
the view, a source row that shows where the source is named, people sorted by family name."""

from PySide6.QtWidgets import QApplication

from broadsheet.ui.claims_panel import SOURCE_KEY_ROLE


def test_a_correction_leaves_the_article_where_it_was(
    make_window, menu_action, open_and_wait, qtbot, seeded_copy, sample_path
):
    w = make_window(seeded_copy)
    w.resize(1100, 700)
    facts = open_and_wait(w, sample_path)
    w.view.scroll_to_top_offset(len(facts.text) // 2)
    QApplication.processEvents()
    top, bar = w.view.top_offset(), w.view.verticalScrollBar().value()
    assert bar > 0
    org = facts.entities_of("organisation")[0]
    menu_action(w.panels["organisation"].context_menu_for(org.id), "Person").trigger()
    QApplication.processEvents()
    assert org.name in [w.facts.entity(i).name for i in w.panels["person"].ids()]
    assert w.view.verticalScrollBar().value() == bar and w.view.top_offset() == top
    assert "Undo with Ctrl+Z" in w.statusBar().currentMessage()


def test_a_found_mention_is_brought_to_the_middle_of_the_view(
    make_window, open_and_wait, qtbot, seeded_copy, sample_path
):
    w = make_window(seeded_copy)
    w.resize(1100, 600)
    facts = open_and_wait(w, sample_path)
    ent = max(facts.entities, key=lambda e: len(e.mentions))
    w.select_entity(ent.id)
    # F3 to a mention past the middle of the article (but not so near its end that the view
    # cannot scroll that far), out of sight when the article opens.
    far = next(i for i, m in enumerate(ent.mentions) if m.start > len(facts.text) * 0.55)
    for _ in range(far):
        w.step_mention(1)
    QApplication.processEvents()
    rect, height = w.view.cursorRect(), w.view.viewport().height()
    assert w.view.verticalScrollBar().value() > 0
    assert height * 0.2 <= rect.center().y() <= height * 0.8


def test_a_source_row_highlights_where_the_source_is_named(
    make_window, open_and_wait, qtbot, seeded_copy, sample_path
):
    w = make_window(seeded_copy)
    facts = open_and_wait(w, sample_path)
    model = w.claims.model
    heads = {
        model.item(r, 0).data(SOURCE_KEY_ROLE): model.item(r, 0) for r in range(model.rowCount())
    }
    peskov = next(e for e in facts.entities if e.name == "Dmitry Peskov")
    w.claims.view.setCurrentIndex(heads[peskov.id].index())
    assert sorted(w.view.highlighted_ranges()) == sorted((m.start, m.end) for m in peskov.mentions)
    assert "Dmitry Peskov" in w.statusBar().currentMessage()
    # A source that is no entity: the words that name it in each of its claims.
    analysts = next(k for k in heads if k.startswith("text:analysts"))
    w.claims.view.setCurrentIndex(heads[analysts].index())
    spans = w.view.highlighted_ranges()
    assert spans and all(facts.text[s:e] == "Analysts" for s, e in spans)
    # Selecting a claim then selects the claim alone: no entity row stays selected.
    claim = next(c for c in facts.claims if c.source and c.source.entity == peskov.id)
    w.claims.select_claim(claim.id)
    assert all(p.current_id() is None for p in w.panels.values())


def test_copying_says_what_was_copied(
    make_window, menu_action, open_and_wait, qtbot, seeded_copy, sample_path
):
    w = make_window(seeded_copy)
    facts = open_and_wait(w, sample_path)
    person = facts.entities_of("person")[0]
    menu_action(w.panels["person"].context_menu_for(person.id), "Copy Name").trigger()
    assert QApplication.clipboard().text() == person.name
    assert person.name in w.statusBar().currentMessage()
    claim = facts.claims[0]
    w.claims.select_claim(claim.id)
    w.copy_quotation()
    assert "quotation" in w.statusBar().currentMessage()


def test_people_sorted_by_name_go_by_family_name(
    make_window, open_and_wait, qtbot, seeded_copy, sample_path
):
    w = make_window(seeded_copy)
    open_and_wait(w, sample_path)
    panel = w.panels["person"]
    panel.sort.setCurrentIndex(panel.sort.findData("name"))
    shown = [w.facts.entity(i).name for i in panel.ids()]
    # Putin before Shoigu, and Kim Jong Un (family name first) among the Ks.
    assert shown.index("Vladimir Putin") < shown.index("Shoigu")
    assert shown.index("Dmitry Peskov") < shown.index("Vladimir Putin")
    assert shown.index("Kim Jong Un") < shown.index("Dmitry Peskov")


def test_counts_in_words_are_singular_for_one(
    make_window, open_and_wait, qtbot, seeded_copy, sample_path
):
    w = make_window(seeded_copy)
    facts = open_and_wait(w, sample_path)
    one = next(e for e in facts.entities if len(e.mentions) == 1)
    w.select_entity(one.id)
    assert "1 of 1 mention," in w.statusBar().currentMessage()
    tip = w.view.tooltip_for(one)
    assert {"person": "Person", "place": "Place", "organisation": "Organisation"}[one.kind] in tip
