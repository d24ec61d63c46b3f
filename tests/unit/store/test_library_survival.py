"""The library survives: damage, old versions, concurrent writers, and keeps the reader's data."""

import json
import multiprocessing as mp
import shutil
import sqlite3
import threading
from pathlib import Path

import pytest

from broadsheet import corrections as corr
from broadsheet.errors import LibraryError
from broadsheet.store import sidecar
from broadsheet.store.library import Library
from broadsheet.store.migrations import SCHEMA_VERSION
from reports import report_facts as facts

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def test_garbage_library_is_moved_aside_and_reader_data_restored(tmp_path):
    lib = Library(tmp_path)
    f = facts(1)
    lib.put(f)
    lib.add_correction(f.sha256, corr.rename(f.entities[0], "Chancellor Merkel"))
    lib.set_position(f.sha256, 42)
    lib.add_recent(tmp_path / "r1.txt")
    lib.close()
    db = tmp_path / "library.sqlite3"
    db.write_bytes(b"this is not a database at all" * 100)

    again = Library(tmp_path)
    aside = list(tmp_path.glob("library.sqlite3.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes().startswith(b"this is not")
    assert "moved aside" in again.notice and "restored" in again.notice
    assert again.documents() == []  # derived data is re-made by analysing again
    [c] = again.corrections(f.sha256)
    assert c.payload["name"] == "Chancellor Merkel"
    assert again.position(f.sha256) == 42
    assert again.recent_files() == [str((tmp_path / "r1.txt").resolve())]
    assert sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_the_undo_history_is_restored_from_the_sidecar_too(tmp_path):
    lib = Library(tmp_path)
    f = facts(1)
    lib.put(f)
    kept = lib.add_correction(f.sha256, corr.rename(f.entities[0], "Chancellor Merkel"))
    gone = lib.add_correction(f.sha256, corr.hide(f.entities[0]))
    lib.revert_correction(gone)
    lib.close()
    (tmp_path / "library.sqlite3").write_bytes(b"this is not a database at all" * 100)
    again = Library(tmp_path)
    log = again.correction_log(f.sha256)
    assert [(c.action, c.active, c.undoable) for c in log] == [
        ("rename", True, True),
        ("hide", False, False),
    ]
    assert kept and log[0].made_at


def test_truncated_database_is_moved_aside(tmp_path):
    lib = Library(tmp_path)
    for i in range(30):
        lib.put(facts(i))
    lib.close()
    db = tmp_path / "library.sqlite3"
    data = db.read_bytes()
    db.write_bytes(data[:100] + b"\xff" * 200)  # a valid header, then garbage
    again = Library(tmp_path)
    assert again.notice and again.documents() == []
    assert list(tmp_path.glob("library.sqlite3.corrupt-*"))


def test_sidecar_is_written_atomically_on_each_change(tmp_path):
    lib = Library(tmp_path)
    f = facts(2)
    lib.put(f)
    lib.flush()
    assert sidecar.read(tmp_path) is None  # no reader data yet: nothing written
    cid = lib.add_correction(f.sha256, corr.hide(f.entities[0]))
    lib.flush()
    data = json.loads((tmp_path / sidecar.FILENAME).read_text(encoding="utf-8"))
    assert [c["action"] for c in data["corrections"]] == ["hide"]
    lib.set_correction_active(cid, False)
    lib.flush()
    assert sidecar.read(tmp_path).corrections[0]["active"] is False
    assert not list(tmp_path.glob(".reader-data.json.*"))  # no temp files left behind


def test_library_from_schema_1_opens_with_data_intact(tmp_path):
    shutil.copy(FIXTURES / "library-v1.sqlite3", tmp_path / "library.sqlite3")
    lib = Library(tmp_path)
    con = sqlite3.connect(tmp_path / "library.sqlite3")
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    docs = lib.documents()
    assert sorted(d.title for d in docs) == ["Macron Ready", "Merkel Waits"]
    assert lib.recent_files() == ["/home/reader/news/merkel.txt"]
    # What the new schema adds works on the old data: search and "Also in".
    assert [d.title for d in lib.documents(search="berlin")] == ["Merkel Waits"]
    merkel = next(d for d in docs if d.title == "Merkel Waits")
    hits = lib.also_in(["Emmanuel Macron"], exclude_sha=merkel.sha256, kind="person")
    assert [h.document.title for h in hits] == ["Macron Ready"]
    assert hits[0].claims == ["that Paris was ready"]
    # Each entity's name and claims were filled from the old facts ("Also in" reads only them).
    rows = con.execute(
        "SELECT c.name, c.claims FROM entity_claims c "
        "JOIN analyses a ON a.id = c.analysis_id "
        "JOIN documents d ON d.id = a.document_id WHERE d.title = 'Macron Ready'"
    )
    assert ("Emmanuel Macron", '["that Paris was ready"]') in rows.fetchall()
    lib.close()
    assert Library(tmp_path).notice == ""  # a second open has nothing to migrate or report


def test_library_from_a_newer_version_is_refused_clearly(tmp_path):
    Library(tmp_path).close()
    con = sqlite3.connect(tmp_path / "library.sqlite3")
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    con.commit()
    con.close()
    with pytest.raises(LibraryError, match="newer version"):
        Library(tmp_path)


def _writer(folder: str, worker: int, n: int, q) -> None:  # noqa: ANN001 - a multiprocessing queue
    try:
        lib = Library(folder)
        for i in range(n):
            f = facts(worker * 1000 + i)
            lib.put(f)
            lib.add_correction(f.sha256, corr.rename(f.entities[0], f"Name {worker}-{i}"))
        q.put((worker, "ok"))
    except Exception as e:  # reported to the test, which fails with it
        q.put((worker, repr(e)))


def test_four_processes_write_one_library_at_once(tmp_path):
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    procs = [ctx.Process(target=_writer, args=(str(tmp_path), w, 15, q)) for w in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    results = sorted(q.get(timeout=5) for _ in procs)
    assert results == [(w, "ok") for w in range(4)]
    lib = Library(tmp_path)
    assert len(lib.documents()) == 60
    con = sqlite3.connect(tmp_path / "library.sqlite3")
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT count(*) FROM corrections").fetchone()[0] == 60


def test_two_writers_store_the_same_new_text_at_once(tmp_path):
    """Each put looks for the document, then adds it: two at once must not both add it."""
    Library(tmp_path).close()
    libs = [Library(tmp_path), Library(tmp_path)]
    docs = [facts(5000 + i) for i in range(40)]
    start = threading.Barrier(2)
    errors: list[Exception] = []

    def write(lib: Library) -> None:
        for f in docs:
            start.wait()
            try:
                lib.put(f)
            except Exception as e:  # reported to the test
                errors.append(e)

    threads = [threading.Thread(target=write, args=(lib,)) for lib in libs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    con = sqlite3.connect(tmp_path / "library.sqlite3")
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 40
    assert con.execute("SELECT count(*) FROM analyses").fetchone()[0] == 40
    assert con.execute("SELECT count(*) FROM document_fts").fetchone()[0] == 40
