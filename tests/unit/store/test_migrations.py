"""Old libraries upgraded step by step end as a new one would be: names, indexes, reader data."""

import shutil
import sqlite3
import threading
from pathlib import Path

import psycopg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from broadsheet.errors import LibraryError
from broadsheet.facts import norm_name
from broadsheet.store.library import Library
from broadsheet.store.migrations import HEAD, SCHEMA_VERSION
from broadsheet.store.models import Base

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
# Libraries written by earlier versions: schema 1, schema 4, and schema 6 (the last written by
# the hand-made steps, before Alembic).
FIXTURE_FILES = ["library-v1.sqlite3", "library-v4.sqlite3", "library-v6.sqlite3"]


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
    """(name, table, columns, unique) of every index of the file (Alembic's own table aside)."""
    con = sqlite3.connect(path)
    try:
        out = set()
        for name, table in con.execute(
            "SELECT name, tbl_name FROM sqlite_master "
            "WHERE type = 'index' AND tbl_name != 'alembic_version'"
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


@pytest.mark.parametrize("fixture", FIXTURE_FILES)
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


@pytest.mark.parametrize("fixture", FIXTURE_FILES)
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


def columns(path: Path) -> dict[str, list[tuple[str, str, int, int]]]:
    """(name, type, not null, primary key) of each column of each table but the search's."""
    con = sqlite3.connect(path)
    try:
        tables = [
            t
            for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not t.startswith(("document_fts", "alembic_"))
        ]
        return {
            t: sorted((r[1], r[2], r[3], r[5]) for r in con.execute(f"PRAGMA table_info('{t}')"))
            for t in tables
        }
    finally:
        con.close()


def test_a_new_library_has_the_schema_the_hand_made_steps_left(tmp_path):
    """The revisions make what schema 6 was: the same tables, columns and indexes as a library
    written by the last version before Alembic, and then schema 7's queue and schema 8's
    authors of corrections."""
    new = Library(tmp_path)
    written = FIXTURES / "library-v6.sqlite3"
    assert {i for i in indexes(new.path) if i[1] != "pending"} == indexes(written)
    made = columns(new.path)
    authors = ("author", "VARCHAR(128)", 1, 0)
    assert authors in made["corrections"]
    made["corrections"].remove(authors)
    assert {t: c for t, c in made.items() if t != "pending"} == columns(written)
    assert [c[0] for c in made["pending"]] == sorted(
        ["id", "sha256", "path", "title", "chars", "article_json", "added_at"]
        + ["leased_until", "worker", "attempts", "error"]
    )


def test_a_schema_6_team_library_gets_the_queue_and_keeps_its_documents(pg_url):
    """s6 → s7 on a server: a library made at schema 6 (stamped back, its queue gone) is
    upgraded in place; its documents stay and documents can be queued."""
    lib = Library(pg_url)
    lib.put(_facts("Kept"))
    lib.close()
    with psycopg.connect(pg_url) as con:
        con.execute("DROP TABLE pending")
        con.execute("UPDATE alembic_version SET version_num = 's6'")
    lib = Library(pg_url)
    assert [d.title for d in lib.documents()] == ["Kept"]
    from broadsheet.facts import Article

    assert lib.enqueue(Article("Queued text.", "q.txt", "Queued"))
    assert [(w.title, w.state) for w in lib.waiting()] == [("Queued", "pending")]
    lib.close()


def _facts(title: str):
    from broadsheet.facts import Facts

    return Facts(text=f"{title} text.", path=f"{title}.txt", title=title, pipeline="p")


def test_a_schema_6_library_keeps_everything_of_the_readers(tmp_path):
    lib = opened("library-v6.sqlite3", tmp_path)
    con = sqlite3.connect(lib.path)
    assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [(HEAD,)]
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    docs = {d.title: d for d in lib.documents()}
    hyphen, spaced = docs["Hyphenated"], docs["Spaced"]
    log = lib.correction_log(hyphen.sha256)
    assert [(c.action, c.active, c.undoable) for c in log] == [
        ("rename", True, True),
        ("hide", False, True),  # undone, still to redo
    ]
    assert [(c.action, c.active, c.undoable) for c in lib.correction_log(spaced.sha256)] == [
        ("kind", False, False)  # reverted from the Corrections panel
    ]
    assert lib.position(spaced.sha256) == 17
    assert lib.recent_files() == ["/home/reader/news/hyphenated.txt"]
    assert [d.title for d in lib.documents(search="zurich")] == ["Hyphenated"]
    [hit] = lib.also_in(["Kim Jong Un"], exclude_sha=spaced.sha256, kind="person")
    assert hit.claims == ["sanctions on the U.S. side would fail"]
    lib.close()
    assert Library(tmp_path).notice == ""


def test_a_library_from_a_newer_broadsheet_is_refused(library_at):
    """A revision this version does not know: a newer Broadsheet wrote the library."""
    Library(library_at).close()
    if isinstance(library_at, str):
        with psycopg.connect(library_at) as con:
            con.execute("UPDATE alembic_version SET version_num = 's99'")
    else:
        con = sqlite3.connect(library_at / "library.sqlite3")
        with con:
            con.execute("UPDATE alembic_version SET version_num = 's99'")
        con.close()
    with pytest.raises(LibraryError, match="newer version of Broadsheet"):
        Library(library_at)


def test_the_revisions_make_the_tables_the_models_declare(library_at):
    """Alembic's own comparison of the upgraded schema with ``models.py`` finds nothing to do,
    on both backends (the search's tables are the backends' own)."""
    lib = Library(library_at)

    def ours(name, type_, *_):
        return type_ != "table" or name in Base.metadata.tables

    with lib._engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": ours})
        assert compare_metadata(context, Base.metadata) == []
        assert context.get_current_revision() == HEAD
    lib.close()


def test_machines_opening_a_new_team_library_at_once_make_it_once(pg_url):
    libs, errors = [], []

    def open_it():
        try:
            libs.append(Library(pg_url))
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=open_it) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and len(libs) == 4
    for lib in libs:
        lib.close()
