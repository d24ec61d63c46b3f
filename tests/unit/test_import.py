"""``broadsheet import FOLDER…`` and the importer service behind it."""

from __future__ import annotations

import threading

import pytest

from broadsheet.analysis import Analyzer
from broadsheet.cli import main
from broadsheet.errors import Cancelled
from broadsheet.importer import find_files, import_folders
from broadsheet.store.library import Library


@pytest.fixture
def shared_model(analyzer_session, monkeypatch):
    """Every Analyzer the CLI makes uses the session's loaded model."""
    nlp = analyzer_session.nlp()
    monkeypatch.setattr(Analyzer, "nlp", lambda self: nlp)
    return nlp


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "articles"
    (root / "2023" / "sept").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "a.txt").write_text("Angela Merkel said that Berlin would wait.", encoding="utf-8")
    (root / "2023" / "b.md").write_text("# Paris\n\nOlaf Scholz visited Paris.", encoding="utf-8")
    (root / "2023" / "sept" / "c.html").write_text(
        "<html><body><p>Emmanuel Macron met Olaf Scholz in Lyon.</p></body></html>",
        encoding="utf-8",
    )
    (root / "2023" / "sept" / "noise.txt").write_bytes(b"\x00\x01\x02binary")
    (root / "copy-of-a.txt").write_text(
        "Angela Merkel said that Berlin would wait.", encoding="utf-8"
    )
    (root / "notes.json").write_text("{}", encoding="utf-8")  # not an article format
    (root / ".git" / "HEAD.txt").write_text("hidden", encoding="utf-8")
    (root / "~$draft.docx").write_bytes(b"lock file")
    return root


def test_find_files_is_recursive_sorted_and_skips_hidden(folder):
    from broadsheet.importer import ImportReport

    report = ImportReport()
    names = [p.relative_to(folder).as_posix() for p in find_files([folder], report)]
    assert names == [
        "a.txt",
        "copy-of-a.txt",
        "2023/b.md",
        "2023/sept/c.html",
        "2023/sept/noise.txt",
    ]
    assert report.failed == []


def test_import_skips_what_the_library_has_and_reports_failures(folder, tmp_path, shared_model):
    analyzer = Analyzer(Library(tmp_path / "lib"))
    seen = []
    report = import_folders(analyzer, [folder], progress=lambda d, t, p: seen.append((d, t)))
    assert len(report.imported) == 3
    assert len(report.skipped) == 1  # the copy of a.txt has the same text
    assert [p for p, _ in report.failed] == [str(folder / "2023" / "sept" / "noise.txt")]
    assert seen[-1] == (5, 5) and [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert len(analyzer.library.documents()) == 3
    again = import_folders(analyzer, [folder])
    assert again.imported == [] and len(again.skipped) == 4 and len(again.failed) == 1


def test_import_can_be_cancelled(folder, tmp_path, shared_model):
    analyzer = Analyzer(Library(tmp_path / "lib"))
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        import_folders(analyzer, [folder], cancel=cancel)
    assert analyzer.library.documents() == []


def test_a_file_that_vanishes_during_the_import(folder, tmp_path, shared_model):
    analyzer = Analyzer(Library(tmp_path / "lib"))
    doomed = folder / "2023" / "b.md"

    def progress(done, total, path):
        if doomed.exists():
            doomed.unlink()  # after the first file: b.md was listed but is gone

    report = import_folders(analyzer, [folder], progress=progress)
    assert (str(doomed), f"Cannot open {doomed}: the file does not exist.") in report.failed


def test_cli_import(folder, tmp_path, shared_model, capsys):
    lib = tmp_path / "lib"
    assert main(["import", str(folder), str(tmp_path / "nowhere"), "--library", str(lib)]) == 1
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert len(lines) == 2 and all(x.startswith("broadsheet: Cannot open ") for x in lines)
    assert "nowhere" in lines[0] and "noise.txt" in lines[1]
    assert "Imported 3" in out and "Traceback" not in err
    assert len(Library(lib).documents()) == 3
    (folder / "2023" / "sept" / "noise.txt").unlink()
    assert main(["import", str(folder), "--library", str(lib)]) == 0
    assert "Imported 0, skipped 4" in capsys.readouterr().out


def test_cli_import_needs_a_folder(capsys):
    with pytest.raises(SystemExit) as e:
        main(["import"])
    assert e.value.code == 2


def test_progress_bar_draws_on_one_line(capsys):
    from broadsheet.cli import _ProgressBar

    bar = _ProgressBar(width=10)
    bar.show(5, 10, "/x/article.txt")
    bar.clear()
    err = capsys.readouterr().err
    assert "[#####·····] 5/10 article.txt" in err and "\n" not in err


def test_parallel_import_stores_the_same_facts_as_one_process(tmp_path, analyzer_session):
    root = tmp_path / "many"
    root.mkdir()
    people = ["Angela Merkel", "Emmanuel Macron", "Olaf Scholz"]
    for i in range(18):
        (root / f"n{i:02d}.txt").write_text(
            f"{people[i % 3]} said on day {i} that Paris would wait for Berlin.", encoding="utf-8"
        )
    (root / "bad.txt").write_bytes(b"\x00\x01binary")
    lib = Library(tmp_path / "lib")
    report = import_folders(Analyzer(lib), [root], processes=2)
    assert len(report.imported) == 18 and len(report.failed) == 1
    assert len(lib.documents()) == 18
    one = lib.get(lib.documents()[0].sha256, analyzer_session.pipeline)
    from broadsheet.ingest import read_article

    same = analyzer_session.analyse_article(read_article(one.path))
    assert one.to_json() == same.to_json()
    again = import_folders(Analyzer(lib), [root], processes=2)  # resumable: nothing new
    assert again.imported == [] and len(again.skipped) == 18


def _corrupt_tables(db) -> None:  # noqa: ANN001 - a Path
    """Garbage over the pages of the documents' tables and indexes (header and schema good)."""
    import sqlite3

    con = sqlite3.connect(db)
    roots = [
        r
        for (r,) in con.execute(
            "SELECT rootpage FROM sqlite_master WHERE tbl_name IN ('documents', 'analyses') "
            "AND rootpage > 1"
        )
    ]
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    with open(db, "r+b") as f:
        for page in roots:
            f.seek((page - 1) * 4096)
            f.write(bytes(range(256)) * 16)


def test_import_stops_when_the_library_turns_out_damaged(
    folder, tmp_path, shared_model, monkeypatch, capsys
):
    real, stored = Library.put, []

    def put(self, facts):  # noqa: ANN001, ANN202
        if len(stored) == 1:
            _corrupt_tables(self.path)
        real(self, facts)
        stored.append(facts.path)

    monkeypatch.setattr(Library, "put", put)
    lib = tmp_path / "lib"
    assert main(["import", str(folder), "--library", str(lib), "-j", "1"]) == 1
    out, err = capsys.readouterr()
    [about_library] = [x for x in err.splitlines() if "library" in x]
    assert about_library.startswith(
        f"broadsheet: The library file {lib / 'library.sqlite3'} "
        "was damaged; it was moved aside to "
    )
    assert len(stored) == 1  # nothing was stored after the damage was found
    assert out == (
        "Imported 1, skipped 1 already in the library, 1 could not be read; the "
        "import stopped with 2 of 5 files left.\n"
    )
    monkeypatch.undo()
    assert list(lib.glob("library.sqlite3.corrupt-*"))
    assert main(["import", str(folder), "--library", str(lib), "-j", "1"]) == 1  # noise.txt
    assert "Imported 3, skipped 1" in capsys.readouterr().out


def test_parallel_import_stops_at_the_first_write_that_fails(tmp_path, monkeypatch):
    """Once the library cannot be written, no more results are analysed, stored or counted."""
    from broadsheet import importer
    from broadsheet.errors import LibraryError
    from broadsheet.facts import Facts
    from broadsheet.workers.pool import BatchResult

    root = tmp_path / "many"
    root.mkdir()
    for i in range(40):
        (root / f"n{i:02d}.txt").write_text(
            f"Olaf Scholz said on day {i} that Paris would wait.", encoding="utf-8"
        )
    delivered = []

    def parallel(articles, model=None, processes=None, on_result=None, cancel=None):  # noqa: ANN001, ANN202
        # As batch._run: a result whose delivery raises fails its chunk, and the loop goes on
        # until cancelled.
        for i, a in enumerate(articles):
            if cancel is not None and cancel.is_set():
                raise Cancelled()
            delivered.append(a.path)
            f = Facts(text=a.text, path=a.path, title=a.title, pipeline="p")
            try:
                on_result(BatchResult(i, a.path, facts=f.to_json()))
            except Exception as e:
                on_result(BatchResult(i, a.path, error=f"Analysis failed: {e}"))
        return []

    full = "The disk holding the library is full; free some space and try again."
    real = Library.put

    def put(self, facts):  # noqa: ANN001, ANN202
        if len(self.documents()) == 3:
            raise LibraryError(full)
        real(self, facts)

    monkeypatch.setattr(importer, "analyse_articles_parallel", parallel)
    monkeypatch.setattr(Library, "put", put)
    lib = Library(tmp_path / "lib")
    told = []
    report = import_folders(
        Analyzer(lib), [root], processes=2, on_failure=lambda p, m: told.append((p, m))
    )
    assert (len(report.imported), report.failed, report.stopped) == (3, [], full)
    assert told == [(str(lib.path), full)] and not report.ok
    assert len(delivered) == 4 and len(lib.documents()) == 3
    assert report.summary().endswith("the import stopped with 37 of 40 files left.")
