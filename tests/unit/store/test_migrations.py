"""Old libraries upgraded step by step end as a new one would be: names, indexes, reader data."""

import shutil
import sqlite3
from pathlib import Path

import pytest

from broadsheet.facts import norm_name
from broadsheet.store.library import Library
from broadsheet.store.migrations import SCHEMA_VERSION

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def opened(fixture: str, folder: Path) -> Library:
    shutil.copy(FIXTURES / fixture, folder / "library.sqlite3")
    return Library(folder)


def name_rows(lib: Library) -> set[tuple[str, str, str, str]]:
    """(document, entity, kind, norm) of every stored name."""
    con = sqlite3.connect(lib.path)
    try:
        return set(
            con.execute(
                "SELECT d.sha256, e.entity_id, e.kind, e.norm FROM entity_names e "
                "JOIN analyses a ON a.id = e.analysis_id JOIN documents d ON d.id = a.document_id"
            )
        )
    finally:
        con.close()


def indexes(path: Path) -> set[tuple[str, str, tuple[str, ...], int]]:
    """(name, table, columns, unique) of every index of the file."""
    con = sqlite3.connect(path)
    try:
        out = set()
        for name, table in con.execute(
            "SELECT name, tbl_name FROM sqlite_master WHERE type = 'index'"
        ):
            cols = tuple(r[2] for r in con.execute(f"PRAGMA index_info('{name}')"))
            unique = next(
                r[2] for r in con.execute(f"PRAGMA index_list('{table}')") if r[1] == name
            )
            out.add((name, table, cols, unique))
        return out
    finally:
        con.close()


def test_a_schema_4_library_finds_kim_jong_un_in_a_document_saying_kim_jong_un(tmp_path):
    """Written by schema 4, whose names kept hyphens and dots ("kim jong-un", "u.s.")."""
    lib = opened("library-v4.sqlite3", tmp_path)
    con = sqlite3.connect(lib.path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    docs = {d.title: d for d in lib.documents()}
    hyphen, spaced = docs["Hyphenated"], docs["Spaced"]
    [hit] = lib.also_in(["Kim Jong Un"], exclude_sha=spaced.sha256, kind="person")
    assert (hit.document.title, hit.name) == ("Hyphenated", "Kim Jong-un")
    assert hit.claims == ["sanctions on the U.S. side would fail"]
    [hit] = lib.also_in(["Kim Jong-un"], exclude_sha=hyphen.sha256, kind="person")
    assert (hit.document.title, hit.claims) == ("Spaced", ["talks would resume"])
    [hit] = lib.also_in(["U.S."], exclude_sha=hyphen.sha256, kind="place")
    assert hit.document.title == "Spaced"
    assert {r[3] for r in name_rows(lib)} == {"kim jong un", "kim", "us"}


def test_a_schema_4_library_keeps_the_readers_data_and_its_documents(tmp_path):
    lib = opened("library-v4.sqlite3", tmp_path)
    docs = {d.title: d for d in lib.documents()}
    hyphen, spaced = docs["Hyphenated"], docs["Spaced"]
    assert (hyphen.people, hyphen.places, hyphen.claims) == (1, 1, 1)
    [c] = lib.corrections(hyphen.sha256)
    assert (c.action, c.payload["name"]) == ("rename", "Chairman Kim")
    assert lib.position(spaced.sha256) == 17
    assert lib.recent_files() == ["/home/reader/news/hyphen.txt"]
    f = lib.newest_facts(hyphen.sha256)
    assert f is not None and f.text.startswith("Kim Jong-un said")
    assert [e.name for e in f.entities] == ["Kim Jong-un", "U.S."]
    assert [d.title for d in lib.documents(search="sanctions")] == ["Hyphenated"]
    lib.close()
    assert Library(tmp_path).notice == ""  # nothing left to migrate or report


@pytest.mark.parametrize("fixture", ["library-v1.sqlite3", "library-v4.sqlite3"])
def test_migrated_names_are_those_a_new_library_stores(tmp_path, fixture):
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    old = opened(fixture, tmp_path / "old")
    new = Library(tmp_path / "new")
    for d in old.documents():
        f = old.newest_facts(d.sha256)
        assert f is not None
        new.put(f)
    assert name_rows(old) == name_rows(new)
    assert all(n == norm_name(n) for *_, n in name_rows(old))


@pytest.mark.parametrize("fixture", ["library-v1.sqlite3", "library-v4.sqlite3"])
def test_a_migrated_library_has_exactly_the_indexes_of_a_new_one(tmp_path, fixture):
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    old = opened(fixture, tmp_path / "old")
    new = Library(tmp_path / "new")
    assert indexes(old.path) == indexes(new.path)
    assert {"ix_entity_names_lookup", "ix_documents_listing"} <= {i[0] for i in indexes(new.path)}


def test_a_schema_4_library_upgraded_keeps_its_corrections_with_an_undo_history(tmp_path):
    """Schema 6 keeps the undo history in the library: what was active can be undone after
    the upgrade; what was undone before it stays undone, and out of the history."""
    shutil.copy(FIXTURES / "library-v4.sqlite3", tmp_path / "library.sqlite3")
    con = sqlite3.connect(tmp_path / "library.sqlite3")
    [(sha, payload)] = con.execute("SELECT sha256, payload FROM corrections").fetchall()
    con.execute(
        "INSERT INTO corrections (sha256, action, payload, active, created_at) "
        "VALUES (?, 'hide', ?, 0, '2024-01-02 03:04:05.000000')",
        (sha, payload),
    )
    con.commit()
    con.close()
    lib = Library(tmp_path)
    log = lib.correction_log(sha)
    assert [(c.action, c.active, c.undoable) for c in log] == [
        ("rename", True, True),
        ("hide", False, False),
    ]
    assert log[0].payload["name"] == "Chairman Kim"
    assert log[1].made_at.startswith("2024-01-02T03:04:05")
    assert [c.action for c in lib.corrections(sha)] == ["rename"]
    lib.revert_correction(log[0].id)
    assert lib.corrections(sha) == []
    assert not lib.correction_log(sha)[0].undoable
    lib.restore_correction(log[0].id)
    assert [c.action for c in lib.corrections(sha)] == ["rename"]
