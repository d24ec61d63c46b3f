"""Continuity: the app reopens the last document where the reader left it; Open Recent lists
titles and documents opened from the library."""

from broadsheet.store.library import Library
from broadsheet.ui.app import open_at_start


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
