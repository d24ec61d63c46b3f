"""Hostile files through the window: the open dialog's formats, one error dialog each, the
app keeps running, the library gets nothing; a web page shows only its extracted text."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from broadsheet.ingest import SUFFIXES


def _shas(window) -> list[str]:
    return sorted(d.sha256 for d in window.library.documents())


def test_the_open_dialog_offers_every_format():
    from broadsheet.ui.main_window import FILE_FILTER

    for suffix in SUFFIXES:
        assert f"*{suffix}" in FILE_FILTER
    assert {".html", ".htm", ".pdf", ".docx"} <= set(SUFFIXES)


def test_each_hostile_file_gives_one_dialog_and_the_app_goes_on(
    hostile_corpus, make_window, qtbot, open_and_wait, seeded_copy, sample_path, tmp_path
):
    w = make_window(seeded_copy)
    before = _shas(w)
    for path, words in hostile_corpus.build(tmp_path / "hostile").items():
        with qtbot.waitSignal(w.openFailed, timeout=30_000) as blocker:
            w.open_path(path)
        message = blocker.args[0]
        assert words in message and "\n" not in message, (path.name, message)
        box = w.error_box
        assert isinstance(box, QMessageBox) and box.isVisible() and box.text() == message
        assert w.isVisible()
        box.accept()
    assert _shas(w) == before
    open_and_wait(w, sample_path)  # and the app still works


def test_a_dropped_encrypted_pdf_gives_the_error_dialog(
    hostile_corpus, make_window, qtbot, seeded_copy, tmp_path, file_drop
):
    w = make_window(seeded_copy)
    pdf = tmp_path / "dropped secret.pdf"
    pdf.write_bytes(hostile_corpus.text_pdf(["Secret."], password="pw"))
    drop = file_drop(pdf)
    with qtbot.waitSignal(w.openFailed, timeout=30_000) as blocker:
        w.dropEvent(drop)
    assert "encrypted" in blocker.args[0]


def test_a_file_that_vanishes_before_it_is_read(
    make_window, qtbot, seeded_copy, tmp_path, monkeypatch
):
    import broadsheet.ui.workers as workers

    real = workers.read_article

    def vanish_then_read(path):
        Path(path).unlink()  # deleted between the choice and the reading
        return real(path)

    monkeypatch.setattr(workers, "read_article", vanish_then_read)
    p = tmp_path / "here and gone.txt"
    p.write_text("Angela Merkel said that Berlin would wait.", encoding="utf-8")
    w = make_window(seeded_copy)
    before = _shas(w)
    with qtbot.waitSignal(w.openFailed, timeout=30_000) as blocker:
        w.open_path(p)
    assert "does not exist" in blocker.args[0]
    assert _shas(w) == before


def test_a_web_page_shows_its_text_never_its_scripts(
    hostile_corpus,
    make_window,
    qtbot,
    open_and_wait,
    library_dir,
    tmp_path,
    analyzer_session,
    no_network,
):
    page = tmp_path / "Talks — saved page.html"
    page.write_text(hostile_corpus.HTML_WITH_SCRIPTS, encoding="utf-8")
    w = make_window(library_dir)
    w.analyzer.use_pipeline(analyzer_session.nlp())  # share the loaded model
    facts = open_and_wait(w, page)
    assert "Angela Merkel arrived in Vladivostok" in facts.text
    shown = w.view.toPlainText()
    assert "Angela Merkel arrived in Vladivostok" in shown
    rich = w.view.toHtml()
    for leak in hostile_corpus.LEAKS[:-1]:
        assert leak not in facts.text and leak not in shown and leak not in rich, leak
    assert "<script" not in rich.lower() and "<iframe" not in rich.lower()
    assert "<img" not in rich.lower()
    assert w.title_label.text() == "Talks in Vladivostok"
    assert no_network == []
    assert len(w.library.documents()) == 1


def test_html_article_header_shows_its_byline(hostile_corpus, make_window, open_and_wait, tmp_path):
    page = tmp_path / "talks.html"
    page.write_text(hostile_corpus.HTML_WITH_SCRIPTS, encoding="utf-8")
    w = make_window(tmp_path / "lib")
    facts = open_and_wait(w, page)
    assert w.title_label.text() == "Talks in Vladivostok"
    assert "Jane Reporter" in w.meta_label.text() and "Daily Planet" in w.meta_label.text()
    assert facts.meta["date"] == "2023-09-12"
    # Kept in the library: reopened without the file's metadata being read again.
    lib_facts = w.library.newest_facts(facts.sha256)
    assert lib_facts.meta["author"] == ["Jane Reporter"]


def test_a_file_name_with_markup_is_shown_as_it_is(make_window, qtbot, seeded_copy, tmp_path):
    """Markup such as "<b>" or "<img src=…>" in a name must not be read as rich text."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    w = make_window(seeded_copy)
    name = "<b>bold<img src='nowhere.png'><br>.txt"  # no slash: a possible name
    path = tmp_path / name
    path.write_bytes(b"\x00\x01\x02 binary")
    with qtbot.waitSignal(w.openFailed, timeout=30_000):
        w.open_path(path)
    box = w.error_box
    assert box.textFormat() == Qt.TextFormat.PlainText and name in box.text()
    shown = [lab.text() for lab in box.findChildren(QLabel) if name in lab.text()]
    assert shown and all(
        lab.textFormat() == Qt.TextFormat.PlainText
        for lab in box.findChildren(QLabel)
        if name in lab.text()
    )
