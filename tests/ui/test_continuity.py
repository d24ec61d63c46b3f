"""Continuity: the app reopens the last document where the reader left it; Open Recent lists
titles and documents opened from the library; a first analysis shows the text at once."""

import threading

from broadsheet.store.library import Library
from broadsheet.ui.app import open_at_start
from broadsheet.ui.main_window import ANALYSING, NOT_ANALYSED


def _recent_titles(w):
    w._fill_recent()
    return {a.text(): a for a in w.recent_menu.actions()}


def test_starting_without_a_file_reopens_the_last_document_where_it_was_left(
    make_window, open_and_wait, qtbot, seeded_copy, sample_path
):
    w = make_window(seeded_copy)
    w.resize(900, 400)
    facts = open_and_wait(w, sample_path)
    w.view.scroll_to_top_offset(facts.text.index("Analysts believe"))
    pos = w.view.top_offset()
    assert pos > 1000
    qtbot.waitUntil(lambda: w.library.recent_documents() != [], timeout=5000)
    w.close()
    w2 = make_window(seeded_copy)
    w2.resize(900, 400)
    assert w2.facts is None  # a window opens nothing unasked: starting up asks
    with qtbot.waitSignal(w2.factsShown, timeout=30_000):
        open_at_start(w2, [])
    assert w2.facts.sha256 == facts.sha256
    assert abs(w2.view.top_offset() - pos) < 200
    assert not w2.analyzer.loaded  # from the library, without the model


def test_a_file_asked_for_wins_over_the_last_document(
    make_window, open_and_wait, qtbot, research_library, sample_path, tmp_path
):
    w = make_window(research_library)
    open_and_wait(w, tmp_path / "summit.txt")
    qtbot.waitUntil(lambda: w.library.recent_documents() != [], timeout=5000)
    with qtbot.waitSignal(w.factsShown, timeout=30_000):
        open_at_start(w, [str(sample_path)])
    assert w.facts.path == str(sample_path)


def test_a_last_document_that_is_gone_leaves_the_window_empty_without_a_word(
    make_window, qtbot, library_dir, tmp_path
):
    lib = Library(library_dir)
    lib.add_recent(tmp_path / "deleted.txt")  # no such file, and not in the library
    lib.close()
    w = make_window(library_dir)
    assert not w.reopen_last()
    open_at_start(w, [])  # neither the last document nor, since one was read, the sample
    assert w.session.jobs == {} and w.facts is None
    assert w.error_box is None


def test_a_first_start_opens_the_sample_article(make_window, qtbot, seeded_copy, sample_path):
    w = make_window(seeded_copy)  # the sample analysed, nothing read yet
    assert not w.reopen_last()
    with qtbot.waitSignal(w.factsShown, timeout=30_000):
        open_at_start(w, [])
    assert w.facts.path == str(sample_path)


def test_open_recent_lists_titles_and_documents_opened_from_the_library(
    make_window, open_and_wait, qtbot, research_library, sample_path, tmp_path
):
    w = make_window(research_library)
    sample = open_and_wait(w, sample_path)
    w.library_panel.refresh()
    summit = next(d for d in w.library.documents() if d.title == "Summit")
    with qtbot.waitSignal(w.factsShown, timeout=30_000):
        w.library_panel.openRequested.emit(summit.sha256)
    qtbot.waitUntil(lambda: len(w.library.recent_documents()) == 2, timeout=5000)
    actions = _recent_titles(w)
    assert list(actions) == ["Summit", sample.title]  # newest first, by title
    assert actions[sample.title].toolTip() == str(sample_path.resolve())
    assert actions["Summit"].statusTip() == str(tmp_path / "summit.txt")
    # Its file gone, the library's copy opens, without the model.
    (tmp_path / "summit.txt").unlink()
    with qtbot.waitSignal(w.factsShown, timeout=30_000):
        actions[sample.title].trigger()
    with qtbot.waitSignal(w.factsShown, timeout=30_000):
        _recent_titles(w)["Summit"].trigger()
    assert w.facts.sha256 == summit.sha256
    assert not w.analyzer.loaded
    # Opened from the library and from its file, the sample is listed once.
    with qtbot.waitSignal(w.factsShown, timeout=30_000):
        w.library_panel.openRequested.emit(sample.sha256)
    qtbot.waitUntil(lambda: list(_recent_titles(w))[0] == sample.title, timeout=5000)
    assert list(_recent_titles(w)) == [sample.title, "Summit"]


def _gate_analysis(w):
    """Hold the window's analyses until the returned event is set (the text is read first)."""
    gate = threading.Event()
    analyse = w.analyzer.analyse_articles

    def gated(*args, **kwargs):
        gate.wait(120)
        return analyse(*args, **kwargs)

    w.analyzer.analyse_articles = gated
    return gate


def test_a_first_analysis_shows_the_text_at_once_and_fills_the_panels_where_the_reader_is(
    make_window, qtbot, library_dir, tmp_path
):
    paragraphs = [
        f"Angela Merkel said on day {i} that Berlin would wait for Paris. "
        f"Emmanuel Macron told Le Monde that France was ready."
        for i in range(60)
    ]
    path = tmp_path / "merkel.txt"
    path.write_text("\n\n".join(paragraphs), encoding="utf-8")
    w = make_window(library_dir)
    w.resize(900, 400)
    gate = _gate_analysis(w)
    shown = []
    w.factsShown.connect(shown.append)
    try:
        w.open_path(path)
        qtbot.waitUntil(
            lambda: w.facts is not None and not w.view.loading() and w.view.top_offset() == 0,
            timeout=30_000,
        )
        assert w.view.toPlainText().startswith("Angela Merkel said on day 0")
        assert shown == [] and w.facts.entities == []  # before the analysis
        assert w.panels["person"].windowTitle() == f"People ({ANALYSING})"
        assert w.claims.windowTitle() == f"Claims ({ANALYSING})"
        assert ANALYSING.capitalize() in w.meta_label.text()
        w.view.scroll_to_top_offset(w.facts.text.index("day 30"))
        pos = w.view.top_offset()
        assert pos > 1000
    finally:
        gate.set()
    qtbot.waitUntil(lambda: shown != [], timeout=180_000)
    assert any(e.name == "Angela Merkel" for e in w.facts.entities)
    assert w.panels["person"].windowTitle().startswith("People (")
    assert ANALYSING not in w.panels["person"].windowTitle()
    assert abs(w.view.top_offset() - pos) < 100  # the view did not jump


def test_a_failed_first_analysis_leaves_the_text_marked_not_analysed(
    make_window, qtbot, library_dir, tmp_path
):
    from broadsheet.errors import AnalysisFailed

    path = tmp_path / "merkel.txt"
    path.write_text("Angela Merkel said that Berlin would wait.", encoding="utf-8")
    w = make_window(library_dir)

    def fail(*_args, **_kwargs):
        raise AnalysisFailed("The analysis stopped.")

    w.analyzer.analyse_articles = fail
    w.analyzer.load = lambda *_a, **_k: None
    with qtbot.waitSignal(w.openFailed, timeout=30_000):
        w.open_path(path)
    assert w.facts is not None and w.facts.text.startswith("Angela Merkel")
    assert w.panels["person"].windowTitle() == f"People ({NOT_ANALYSED})"
    assert NOT_ANALYSED.capitalize() in w.meta_label.text()
