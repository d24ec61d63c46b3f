"""File ▸ Export and Copy as Quotation as a journalist uses them: the save dialog opens where the
last export went, the status bar names every file written, a quotation names the source's role."""

from pathlib import Path

from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from broadsheet.ui import settings as keys


def test_the_export_dialog_opens_in_the_folder_of_the_last_export(
    make_window, open_and_wait, seeded_copy, sample_path, tmp_path, monkeypatch
):
    w = make_window(seeded_copy)
    open_and_wait(w, sample_path)
    chosen = tmp_path / "stories"
    chosen.mkdir()
    offered: list[str] = []

    def save_as(parent, caption, start, filt, *args, **kw):
        offered.append(start)
        return str(chosen / Path(start).name), filt

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    [first] = w.export("md")
    # first time: the article's own folder, with a name made from the article's
    assert Path(offered[0]).parent == sample_path.parent.resolve()
    assert Path(offered[0]).name == sample_path.with_suffix(".md").name
    assert first == chosen / sample_path.with_suffix(".md").name and first.exists()
    w.export("json")
    assert Path(offered[1]).parent == chosen  # then where the last export went
    w.settings.sync()
    assert keys.EXPORT_FOLDER.get(w.settings) == str(chosen)  # kept for the next start


def test_an_export_folder_that_is_gone_is_not_offered(
    make_window, open_and_wait, seeded_copy, sample_path, tmp_path, monkeypatch
):
    w = make_window(seeded_copy)
    open_and_wait(w, sample_path)
    keys.EXPORT_FOLDER.set(w.settings, str(tmp_path / "removed"))
    offered: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **kw: offered.append(a[2]) or ("", "")
    )
    assert w.export("md") == []
    assert Path(offered[0]).parent == sample_path.parent.resolve()


def test_a_csv_export_says_which_files_it_wrote(
    make_window, open_and_wait, seeded_copy, sample_path, tmp_path
):
    w = make_window(seeded_copy)
    open_and_wait(w, sample_path)
    files = w.export("csv", str(tmp_path / "x.csv"))
    assert len(files) > 1 and not (tmp_path / "x.csv").exists()
    said = w.statusBar().currentMessage()
    assert "x.csv" in said
    assert all(f.exists() and f.name in said for f in files), said


def test_a_csv_export_asks_before_replacing_the_files_it_writes(
    make_window, open_and_wait, seeded_copy, sample_path, tmp_path, monkeypatch
):
    """The save dialog asks about x.csv, which is not written; the tables beside it are."""
    w = make_window(seeded_copy)
    open_and_wait(w, sample_path)
    asked = tmp_path / "x.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **kw: (str(asked), ""))
    questions: list[str] = []
    answer = QMessageBox.StandardButton.Cancel

    def question(parent, title, text, *args):
        questions.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    written = w.export("csv")
    assert written and not questions  # nothing to replace: no question
    kept = written[-1]
    kept.write_text("the reader's own table", encoding="utf-8")
    assert w.export("csv") == []
    assert (
        kept.name in questions[-1] and kept.read_text(encoding="utf-8") == "the reader's own table"
    )
    answer = QMessageBox.StandardButton.Yes
    assert w.export("csv") == written
    assert kept.read_text(encoding="utf-8") != "the reader's own table"


def test_copy_as_quotation_names_the_source_and_role_and_drops_that(
    make_window, open_and_wait, seeded_copy, sample_path
):
    w = make_window(seeded_copy)
    facts = open_and_wait(w, sample_path)
    claim = next(
        c
        for c in facts.claims
        if c.kind == "indirect"
        and c.content.text.startswith("that ")
        and c.source
        and c.source.entity
        and facts.entity(c.source.entity).roles
    )
    ent = facts.entity(claim.source.entity)
    w.claims.select_claim(claim.id)
    text = w.claims.copy_quotation()
    assert QApplication.clipboard().text() == text
    assert ent.name in text and ent.roles[0].lower() in text.lower()
    assert not text.lower().startswith("“that")
    assert claim.content.text.removeprefix("that ")[1:] in text  # the words, from the second
    assert facts.title in text  # no outlet known for a plain-text file: the title says where


def test_the_network_exports_for_gephi_from_the_menu(
    make_window, menu_action, open_and_wait, seeded_copy, sample_path, tmp_path, monkeypatch
):
    import networkx as nx
    from PySide6.QtWidgets import QFileDialog

    w = make_window(seeded_copy)
    facts = open_and_wait(w, sample_path)
    out = tmp_path / "net.graphml"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    menu_action(w.export_menu, "Network (GraphML, for Gephi)…").trigger()
    g = nx.read_graphml(out)
    people = {e.name for e in facts.entities_of("person")}
    assert {d["label"] for _, d in g.nodes(data=True)} <= people | {
        e.name for e in facts.entities_of("organisation")
    }
    assert "Dmitry Peskov" in {d["label"] for _, d in g.nodes(data=True)}
    assert g.number_of_edges() > 0
