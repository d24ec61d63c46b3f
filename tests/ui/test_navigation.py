"""From document to document: Also In opens at the claim or the mention, with the entity
selected; Back and Forward (Alt+Left, Alt+Right) return to where the reader was."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from broadsheet.ui.also_in_panel import PLACE_ROLE
from broadsheet.ui.history import History, Place


def _putin(facts):
    return next(e for e in facts.entities if e.kind == "person" and "Putin" in e.name)


def _also_in_row(w, title, claim_words=None):
    model = w.also_in.model
    for r in range(model.rowCount()):
        doc = model.item(r, 0)
        if doc.data(PLACE_ROLE).sha256 != next(
            h.document.sha256 for h in w.also_in.hits if h.document.title == title
        ):
            continue
        if claim_words is None:
            return doc.index()
        for k in range(doc.rowCount()):
            if claim_words in doc.child(k, 0).text():
                return doc.child(k, 0).index()
    raise AssertionError(f"no row for {title!r} {claim_words!r}")


def _open_from_also_in(w, qtbot, index):
    with qtbot.waitSignal(w.factsShown, timeout=60_000):
        w.also_in.view.activated.emit(index)
    return w.facts


def test_a_claim_in_also_in_opens_at_that_claim_with_its_source_selected(
    make_window, open_and_wait, qtbot, research_library, sample_path
):
    w = make_window(research_library)
    facts = open_and_wait(w, sample_path)
    w.also_in.show()
    w.also_in.raise_()
    w.select_entity(_putin(facts).id)
    there = _open_from_also_in(w, qtbot, _also_in_row(w, "Sanctions", "sanctions would fail"))
    assert there.title == "Sanctions"
    claim = next(c for c in there.claims if "sanctions would fail" in c.content.text)
    assert w.claims.current_claim().id == claim.id
    assert (claim.content.start, claim.content.end) in w.view.highlighted_ranges()
    putin = _putin(there)
    assert w.panels["person"].current_id() == putin.id
    assert "Alt+Left" in w.statusBar().currentMessage()


def test_a_document_in_also_in_opens_with_the_entity_selected_and_its_mentions_lit(
    make_window, open_and_wait, qtbot, research_library, sample_path
):
    w = make_window(research_library)
    facts = open_and_wait(w, sample_path)
    w.also_in.show()
    w.also_in.raise_()
    w.select_entity(_putin(facts).id)
    there = _open_from_also_in(w, qtbot, _also_in_row(w, "Summit"))
    putin = _putin(there)
    assert w.panels["person"].current_id() == putin.id
    assert sorted(w.view.highlighted_ranges()) == sorted((m.start, m.end) for m in putin.mentions)


def test_back_and_forward_return_to_the_place_and_the_selection(
    make_window, open_and_wait, qtbot, research_library, sample_path
):
    w = make_window(research_library)
    w.resize(1100, 600)
    facts = open_and_wait(w, sample_path)
    back, forward = w.action_table.action["back"], w.action_table.action["forward"]
    assert not back.isEnabled() and not forward.isEnabled()
    w.also_in.show()
    w.also_in.raise_()
    putin = _putin(facts)
    w.select_entity(putin.id)
    w.view.scroll_to_top_offset(len(facts.text) // 2)
    QApplication.processEvents()
    top = w.view.top_offset()
    assert top > 0
    _open_from_also_in(w, qtbot, _also_in_row(w, "Summit"))
    assert back.isEnabled() and not forward.isEnabled()

    with qtbot.waitSignal(w.factsShown, timeout=60_000):
        qtbot.keyClick(w, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert w.facts.sha256 == facts.sha256
    QApplication.processEvents()
    assert w.view.top_offset() == top  # where the reader was, not the remembered start
    assert w.panels["person"].current_id() == putin.id
    assert not back.isEnabled() and forward.isEnabled()

    with qtbot.waitSignal(w.factsShown, timeout=60_000):
        qtbot.keyClick(w, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert w.facts.title == "Summit"
    assert w.panels["person"].current_id() == _putin(w.facts).id
    assert back.isEnabled() and not forward.isEnabled()


def test_history_drops_what_was_ahead_on_a_new_visit():
    h = History()
    a, b, c = Place("a"), Place("b"), Place("c")
    h.visit(a)  # a -> b
    assert h.back(b) == a and h.can_go_forward()
    assert h.forward(a) == b
    h.visit(b)  # b -> c
    assert h.back(c) == b
    h.visit(b)  # from b, somewhere new: c is no longer ahead
    assert not h.can_go_forward() and h.back(None) == b


def test_a_place_finds_its_entity_and_claim_by_name_when_ids_differ(sample_facts):
    peskov = next(e for e in sample_facts.entities if e.name == "Dmitry Peskov")
    claim = next(c for c in sample_facts.claims if c.source and c.source.entity == peskov.id)
    place = Place(
        sample_facts.sha256,
        entity_id="e999",
        names=("Dmitry Peskov",),
        kind="person",
        claim_text=" ".join(claim.content.text.split()),
    )
    assert place.entity(sample_facts) == peskov
    assert place.claim(sample_facts, peskov) == claim
