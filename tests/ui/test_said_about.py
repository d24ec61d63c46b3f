"""The Said About dock: what the article's claims say about the selected entity, by source."""

from PySide6.QtWidgets import QApplication

from broadsheet import corrections
from broadsheet.about import claims_about
from broadsheet.ui.said_about_panel import CLAIM_ROLE


def _rows(panel):
    """Source name -> the ids of its claims, as the tree lists them."""
    m = panel.model
    out = {}
    for r in range(m.rowCount()):
        head = m.index(r, 0)
        ids = [m.index(i, 0, head).data(CLAIM_ROLE) for i in range(m.rowCount(head))]
        name, count = head.data().rsplit("  (", 1)
        assert count == f"{len(ids)})"
        out[name] = ids
    return out


def test_said_about_lists_the_claims_naming_the_entity_by_source_and_shows_one(
    make_window, open_and_wait, qtbot, seeded_copy, sample_path
):
    w = make_window(seeded_copy)
    facts = open_and_wait(w, sample_path)
    kim = next(e for e in facts.entities if e.name == "Kim Jong Un")
    w.said_about.show()
    w.said_about.raise_()
    w.select_entity(kim.id)
    QApplication.processEvents()
    rows = _rows(w.said_about)
    about = {c.id for c in claims_about(w.facts, kim.id)}
    assert about and {cid for ids in rows.values() for cid in ids} == about
    assert "Dmitry Peskov" in rows  # "… the armored train carrying Kim Jong Un …"
    assert "about <b>Kim Jong Un</b>" in w.said_about.heading.text()
    # Opening a row highlights that claim in the text.
    peskov_claim = rows["Dmitry Peskov"][0]
    claim = next(c for c in w.facts.claims if c.id == peskov_claim)
    head = w.said_about.model.index(list(rows).index("Dmitry Peskov"), 0)
    w.said_about.view.clicked.emit(w.said_about.model.index(0, 0, head))
    spans = {(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in w.view.extraSelections()}
    assert any(a <= claim.content.start and claim.content.end <= b for a, b in spans) or (
        (claim.content.start, claim.content.end) in spans
    )


def test_said_about_follows_the_readers_corrections(
    make_window, open_and_wait, qtbot, seeded_copy, sample_path
):
    w = make_window(seeded_copy)
    facts = open_and_wait(w, sample_path)
    kim = next(e for e in facts.entities if e.name == "Kim Jong Un")
    w.said_about.show()
    w.said_about.raise_()
    w.select_entity(kim.id)
    before = _rows(w.said_about)
    cid = before["Dmitry Peskov"][0]
    claim = next(c for c in w.facts.claims if c.id == cid)
    w.apply_correction(corrections.not_a_claim(claim))
    left = len(before["Dmitry Peskov"]) - 1
    qtbot.waitUntil(lambda: len(_rows(w.said_about).get("Dmitry Peskov", [])) == left, timeout=5000)
    assert claim.content.text not in [c.content.text for c in claims_about(w.facts, kim.id)]
    assert w.session.selected_entity().id == kim.id  # a claim's correction keeps the choice
    w.select_entity("")
    assert "Select a person" in w.said_about.heading.text()


def test_said_about_in_every_document_opens_another_documents_claim_there(
    make_window, open_and_wait, qtbot, tmp_path, library_of
):
    folder = library_of(
        {
            "visit.txt": "The Kremlin said that Kim Jong Un would visit Moscow.",
            "arrival.txt": "Vladimir Putin said that Kim Jong Un had arrived in Vladivostok.",
        }
    )
    w = make_window(folder)
    facts = open_and_wait(w, tmp_path / "visit.txt")
    kim = next(e for e in facts.entities if e.name == "Kim Jong Un")
    w.said_about.show()
    w.said_about.raise_()
    w.select_entity(kim.id)
    assert set(_rows(w.said_about)) == {"Kremlin"}  # this document only
    w.said_about.everywhere.setChecked(True)
    rows = _rows(w.said_about)
    assert set(rows) == {"Kremlin", "Vladimir Putin"}
    assert "in 2 documents" in w.said_about.heading.text()
    assert rows["Vladimir Putin"] == [None]  # another document's: a place to open, not an id
    m = w.said_about.model
    head = m.index(list(rows).index("Vladimir Putin"), 0)
    assert "Arrival" in m.index(0, 0, head).data()
    with qtbot.waitSignal(w.factsShown, timeout=60_000):
        w.said_about.view.activated.emit(m.index(0, 0, head))
    assert w.facts.title == "Arrival"
    claim = next(c for c in w.facts.claims if "had arrived" in c.content.text)
    assert (claim.content.start, claim.content.end) in w.view.highlighted_ranges()
