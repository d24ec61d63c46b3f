import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDockWidget, QMessageBox

from broadsheet.ui.app import create_window

DOCKS = {
    "dock-person": "People",
    "dock-place": "Places",
    "dock-organisation": "Organisations",
    "dock-library": "Library",
    "dock-alsoin": "Also In",
    "dock-saidabout": "Said About",
    "dock-network": "Network",
    "dock-timeline": "Timeline",
    "dock-map": "Map",
    "dock-claims": "Claims",
    "dock-corrections": "Corrections",
}


def test_four_docks_fill_for_the_sample(
    make_window, qtbot, open_and_wait, seeded_copy, sample_path
):
    w = make_window(seeded_copy)
    docks = {d.objectName(): d for d in w.findChildren(QDockWidget)}
    assert set(docks) == set(DOCKS)
    facts = open_and_wait(w, sample_path)
    assert w.title_label.text()
    assert w.view.toPlainText().replace(" \n", "\n") == facts.text.replace("\r\n", "\n")
    for kind in ("person", "place", "organisation"):
        ids = w.panels[kind].ids()
        assert ids, kind
        assert ids == [e.id for e in facts.entities_of(kind)]  # salience order
    assert len(w.claims.claim_ids()) == len(facts.claims)
    assert docks["dock-person"].windowTitle().startswith("People (")


def test_docks_can_be_closed_and_restored_from_view_menu(make_window, seeded_copy):
    w = make_window(seeded_copy)
    dock = w.panels["place"]
    dock.close()
    assert not dock.isVisible()
    dock.toggleViewAction().trigger()
    assert dock.isVisible()
    view = next(a.menu() for a in w.menuBar().actions() if a.text() == "&View")
    assert dock.toggleViewAction() in view.actions()


def test_the_network_opens_from_the_view_menu_as_a_tab_and_reset_hides_it(make_window, seeded_copy):
    from PySide6.QtWidgets import QTabBar

    w = make_window(seeded_copy)
    assert not w.network.isVisible()  # five tabs keep their titles whole
    w.network.toggleViewAction().trigger()
    assert w.network.isVisible() and w.network in w.tabifiedDockWidgets(w.claims)
    assert not w.network.visibleRegion().isEmpty() and w.claims.visibleRegion().isEmpty()
    assert any(
        "Network" in [t.tabText(i) for i in range(t.count())] for t in w.findChildren(QTabBar)
    )
    w.reset_layout()
    assert not w.network.isVisible() and w.claims.isVisible() and w.said_about.isVisible()


def test_selecting_an_entity_highlights_all_its_mentions(
    make_window, qtbot, open_and_wait, seeded_copy, sample_path
):
    w = make_window(seeded_copy)
    facts = open_and_wait(w, sample_path)
    panel = w.panels["place"]
    top = facts.entity(panel.ids()[0])
    panel.view.setCurrentIndex(panel.model.index(0, 0))
    assert w.view.highlighted_ranges() == [(m.start, m.end) for m in top.mentions]
    # ...and scrolled to the first one: the cursor sits on it.
    assert w.view.textCursor().position() == top.mentions[0].start


def test_clicking_a_mention_in_the_text_selects_it_in_its_panel(
    make_window, qtbot, open_and_wait, seeded_copy, sample_path
):
    w = make_window(seeded_copy)
    facts = open_and_wait(w, sample_path)
    person = facts.entities_of("person")[-1]
    m = person.mentions[0]
    w.view.scroll_to(m.start)
    cur = QTextCursor(w.view.document())
    cur.setPosition(m.start + 1)
    rect = w.view.cursorRect(cur)
    qtbot.mouseClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    panel = w.panels["person"]
    assert panel.view.currentIndex().data() == person.name
    assert (m.start, m.end) in w.view.highlighted_ranges()


def test_selecting_a_claim_highlights_content_and_source(
    make_window, qtbot, open_and_wait, seeded_copy, sample_path
):
    w = make_window(seeded_copy)
    facts = open_and_wait(w, sample_path)
    claim = next(c for c in facts.claims if c.source)
    assert w.claims.select_claim(claim.id)
    ranges = w.view.highlighted_ranges()
    assert (claim.content.start, claim.content.end) in ranges
    assert (claim.source.start, claim.source.end) in ranges


def test_hedged_filter_keeps_only_hedged_claims(
    make_window, qtbot, open_and_wait, seeded_copy, sample_path
):
    w = make_window(seeded_copy)
    facts = open_and_wait(w, sample_path)
    w.claims.certainty.setCurrentIndex(w.claims.certainty.findData("hedged"))
    hedged = {c.id for c in facts.claims if c.hedged}
    assert set(w.claims.claim_ids()) == hedged
    w.claims.certainty.setCurrentIndex(0)
    w.claims.search.setText("Peskov")
    assert 0 < len(w.claims.claim_ids()) < len(facts.claims)


def test_bad_file_shows_one_error_and_the_window_survives(
    make_window, qtbot, open_and_wait, seeded_copy, sample_path, tmp_path
):
    w = make_window(seeded_copy)
    open_and_wait(w, sample_path)
    bad = tmp_path / "noise.txt"
    bad.write_bytes(bytes(range(256)) * 8)
    with qtbot.waitSignal(w.openFailed, timeout=30_000) as blocker:
        w.open_path(bad)
    assert "binary" in blocker.args[0]
    box = w.error_box
    assert isinstance(box, QMessageBox) and box.isVisible() and str(bad) in box.text()
    assert w.isVisible() and w.facts is not None  # the previous article is still shown
    box.accept()
    open_and_wait(w, sample_path)  # and the app still works


def test_new_text_is_analysed_off_the_gui_thread_then_served_from_library(
    make_window, qtbot, open_and_wait, library_dir, tmp_path
):
    f = tmp_path / "merkel.txt"
    f.write_text("Angela Merkel said on Monday that Berlin would wait for Paris.", encoding="utf-8")
    w = make_window(library_dir)
    statuses = []
    facts = open_and_wait(w, f)
    assert any(e.name == "Angela Merkel" for e in facts.entities)
    assert "analysed" in w.statusBar().currentMessage()
    w2 = make_window(library_dir)
    w2.statusBar().messageChanged.connect(statuses.append)
    open_and_wait(w2, f, timeout=20_000)
    assert not w2.analyzer.loaded  # served from the library without loading the model
    assert "from the library" in w2.statusBar().currentMessage()
    # Recorded just after the facts are shown (the reader does not wait for it).
    qtbot.waitUntil(lambda: str(f.resolve()) in w2.library.recent_files(), timeout=5000)


def test_recent_menu_lists_opened_files(
    make_window, qtbot, open_and_wait, seeded_copy, sample_path
):
    w = make_window(seeded_copy)
    open_and_wait(w, sample_path)
    qtbot.waitUntil(lambda: str(sample_path.resolve()) in w.library.recent_files(), timeout=5000)
    w._fill_recent()
    tips = [a.toolTip() for a in w.recent_menu.actions()]
    assert str(sample_path.resolve()) in tips
    [act] = [a for a in w.recent_menu.actions() if a.toolTip() == str(sample_path.resolve())]
    assert act.text() == w.facts.title  # the document's title, not its file's name


def test_dropping_a_file_opens_it(make_window, qtbot, seeded_copy, sample_path, file_drop):
    w = make_window(seeded_copy)
    drop = file_drop(sample_path)
    with qtbot.waitSignal(w.factsShown, timeout=60_000):
        w.dropEvent(drop)
    assert w.facts.path == str(sample_path)


def test_layout_is_restored_on_next_start(qtbot, seeded_copy):
    w = create_window(seeded_copy)
    qtbot.addWidget(w)
    w.show()
    w.panels["organisation"].close()
    w.resize(720, 540)  # within the offscreen 800×600 screen
    w.close()  # saves geometry and dock state
    w2 = create_window(seeded_copy)
    qtbot.addWidget(w2)
    w2.show()
    assert not w2.panels["organisation"].isVisible()
    assert w2.panels["person"].isVisible()
    assert (w2.width(), w2.height()) == (720, 540)


def test_long_analysis_shows_progress_and_can_be_cancelled(
    make_window, qtbot, library_dir, tmp_path
):
    long = tmp_path / "long.txt"
    para = "Angela Merkel said on Monday that Berlin would wait for Paris to decide. " * 40
    long.write_text("\n\n".join([para] * 120), encoding="utf-8")  # ~350 000 characters
    w = make_window(library_dir)
    progress = []
    w.open_path(long)
    job = next(iter(w._jobs.values()))
    job.signals.progress.connect(lambda rid, done, total: progress.append((done, total)))
    qtbot.waitUntil(lambda: len(progress) >= 2 and progress[-1][0] > 0, timeout=120_000)
    assert w.cancel_button.isVisible() and w.busy.maximum() == 1000
    with qtbot.waitSignal(job.signals.cancelled, timeout=60_000):
        w.cancel_button.click()
    assert "cancelled" in w.statusBar().currentMessage()
    assert not w.cancel_button.isVisible()
    # Its text, shown while it was analysed, stays to be read; the panels say it has no facts.
    assert w.facts is not None and w.facts.entities == [] and w.facts.claims == []
    assert w.panels["person"].windowTitle() == "People (not analysed)"
    assert not w.export_menu.isEnabled()
    assert w.library.documents() == []  # nothing partial was stored
    # The analysis ran in the window's worker process, which is still there for the next one.
    worker = w.analyzer.worker
    assert worker is not None and worker.ready and worker.pid != os.getpid()
    w.close()
    assert not worker.started  # closing the window ends its worker


def test_opening_another_document_during_an_analysis_shows_it_and_drops_the_analysis(
    make_window, qtbot, seeded_copy, tmp_path, sample_path
):
    long = tmp_path / "long.txt"
    para = "Angela Merkel said on Monday that Berlin would wait for Paris to decide. " * 40
    long.write_text("\n\n".join([para] * 120), encoding="utf-8")
    short = tmp_path / "short.txt"
    short.write_text("Olaf Scholz said on Tuesday that Berlin would not wait.", encoding="utf-8")
    w = make_window(seeded_copy)
    progress = []
    first = w.open_path(long)
    w._jobs[first].signals.progress.connect(lambda *a: progress.append(a))
    qtbot.waitUntil(lambda: len(progress) >= 2, timeout=120_000)  # analysing, past the load
    # The sample is in the library: shown without waiting for the long analysis to finish.
    with qtbot.waitSignal(w.factsShown, timeout=30_000) as shown:
        w.open_path(sample_path)
    assert shown.args[0].path == str(sample_path)
    qtbot.waitUntil(lambda: first not in w._jobs, timeout=30_000)
    assert "cancelled" not in w.statusBar().currentMessage()  # the older request goes quietly
    # The worker analyses in order: had the long analysis gone on, it would be stored by the
    # time a new article is analysed after it.
    with qtbot.waitSignal(w.factsShown, timeout=120_000):
        w.open_path(short)
    assert sorted(Path(d.path).name for d in w.library.documents()) == [
        sample_path.name,
        "short.txt",
    ]


def test_selecting_an_interrupted_quote_highlights_each_of_its_parts(
    make_window, qtbot, open_and_wait, seeded_copy, tmp_path
):
    path = tmp_path / "kelly.txt"
    path.write_text(
        '"It is not over by any stretch," Mr. Kelly, a retired astronaut, said in an interview. '
        '"Strange things can happen in politics."\n',
        encoding="utf-8",
    )
    w = make_window(seeded_copy)
    facts = open_and_wait(w, path)
    claim = next(c for c in facts.claims if c.content.parts)
    assert w.claims.select_claim(claim.id)
    ranges = w.view.highlighted_ranges()
    for part in claim.content.parts:
        assert (part.start, part.end) in ranges
    assert (claim.content.start, claim.content.end) not in ranges  # not the attribution too
