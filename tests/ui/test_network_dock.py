"""The Network dock: the article's people and organisations as nodes, claims as links."""

from PySide6.QtWidgets import QApplication

from broadsheet import network
from broadsheet.ui.network_panel import CLAIM_ROLE


def _shown(make_window, open_and_wait, seeded_copy, sample_path):
    w = make_window(seeded_copy)
    facts = open_and_wait(w, sample_path)
    w.network.show()
    w.network.raise_()
    QApplication.processEvents()
    return w, facts


def test_the_network_draws_the_articles_links_and_a_node_selects_its_entity(
    make_window, open_and_wait, seeded_copy, sample_path
):
    w, facts = _shown(make_window, open_and_wait, seeded_copy, sample_path)
    g = network.build([w.facts])
    assert set(w.network.nodes) == {n for n in g if g.degree(n) > 0}  # the linked ones
    assert len(w.network.links) == g.number_of_edges()
    assert "link" in w.network.heading.text()
    peskov = next(e for e in facts.entities if e.name == "Dmitry Peskov")
    w.network.node_clicked(network.node_id("person", "Dmitry Peskov"))
    assert w.session.selected_entity().id == peskov.id
    assert w.panels["person"].view.selectionModel().selectedRows()


def test_a_link_lists_its_claims_and_one_opens_in_the_text(
    make_window, open_and_wait, seeded_copy, sample_path
):
    w, facts = _shown(make_window, open_and_wait, seeded_copy, sample_path)
    key = next(k for k in w.network.links if k[2] == network.SAID_ABOUT)
    w.network.link_clicked(key)
    rows = [w.network.claims.item(i) for i in range(w.network.claims.count())]
    ids = [r.data(CLAIM_ROLE).claim_id for r in rows[1:]]
    assert ids and all(any(c.id == i for c in w.facts.claims) for i in ids)
    assert " about " in rows[0].text()
    w.network.claims.itemClicked.emit(rows[1])
    claim = next(c for c in w.facts.claims if c.id == ids[0])
    spans = {(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in w.view.extraSelections()}
    assert any(a <= claim.content.start < b for a, b in spans)


def test_the_network_across_the_library_links_people_of_every_document(
    make_window, open_and_wait, qtbot, tmp_path, library_of
):
    folder = library_of(
        {
            "visit.txt": "Vladimir Putin said that Kim Jong Un would visit Moscow.",
            "talks.txt": "Dmitry Peskov said that Vladimir Putin had met Xi Jinping.",
        }
    )
    w = make_window(folder)
    open_and_wait(w, tmp_path / "visit.txt")
    w.network.show()
    w.network.raise_()
    QApplication.processEvents()
    peskov = network.node_id("person", "Dmitry Peskov")
    assert peskov not in w.network.nodes
    w.network.everywhere.setChecked(True)
    putin = network.node_id("person", "Vladimir Putin")
    assert {peskov, putin} <= set(w.network.nodes)
    assert "The 2 documents' claims" in w.network.heading.text()
    w.network.link_clicked((peskov, putin, network.SAID_ABOUT))
    row = w.network.claims.item(1)
    assert "Talks" in row.text()
    with qtbot.waitSignal(w.factsShown, timeout=60_000):
        w.network.claims.itemClicked.emit(row)
    assert w.facts.title == "Talks"
