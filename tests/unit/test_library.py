import sqlite3

from broadsheet.facts import Entity, Facts, Mention
from broadsheet.library import Library


def facts(text="Kim met Putin in Vladivostok.", pipeline="m-1+broadsheet-0.1.0") -> Facts:
    return Facts(
        text=text,
        path="/tmp/a.txt",
        title="A",
        pipeline=pipeline,
        entities=[
            Entity("e1", "person", "Kim", mentions=[Mention(0, 3, "Kim")]),
            Entity("e2", "place", "Vladivostok", mentions=[Mention(17, 28, "Vladivostok")]),
        ],
    )


def test_put_then_get_is_a_cache_hit(tmp_path):
    lib = Library(tmp_path)
    f = facts()
    assert lib.get(f.sha256, f.pipeline) is None
    lib.put(f)
    assert lib.get(f.sha256, f.pipeline) == f
    # Another pipeline (a newer model or component) must analyse again.
    assert lib.get(f.sha256, "m-2+broadsheet-0.2.0") is None


def test_library_persists_across_opens_in_wal_mode(tmp_path):
    Library(tmp_path).put(facts())
    lib = Library(tmp_path)
    docs = lib.documents()
    assert [(d.title, d.people, d.places, d.organisations) for d in docs] == [("A", 1, 1, 0)]
    mode = sqlite3.connect(lib.path).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_reanalysis_replaces_and_keeps_one_document(tmp_path):
    lib = Library(tmp_path)
    lib.put(facts())
    lib.put(facts())
    lib.put(facts(pipeline="m-2+broadsheet-0.2.0"))
    assert len(lib.documents()) == 1


def test_recent_files_newest_first_without_duplicates(tmp_path):
    lib = Library(tmp_path)
    for name in ("a.txt", "b.txt", "a.txt"):
        lib.add_recent(tmp_path / name)
    assert [p.rsplit("/", 1)[-1] for p in lib.recent_files()] == ["a.txt", "b.txt"]


def test_library_dir_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("BROADSHEET_HOME", str(tmp_path / "home"))
    lib = Library()
    assert lib.path == tmp_path / "home" / "library.sqlite3"


def test_search_by_words_and_entity_names(tmp_path):
    lib = Library(tmp_path)
    lib.put(facts())
    lib.put(facts(text="Angela Merkel spoke in Berlin about tariffs."))
    assert [d.sha256 for d in lib.documents(search="putin")] == [facts().sha256]
    assert len(lib.documents(search="tarif")) == 1  # prefix match
    assert lib.documents(search='"unbalanced AND (') == []  # no syntax error for odd input
    assert len(lib.documents(search="")) == 2


def test_also_in_finds_the_same_name_in_other_documents(tmp_path):
    lib = Library(tmp_path)
    a, b = facts(), facts(text="Kim arrived in Vladivostok by train.")
    lib.put(a)
    lib.put(b)
    hits = lib.also_in(["Kim"], exclude_sha=a.sha256, kind="person")
    assert [h.document.sha256 for h in hits] == [b.sha256]
    assert hits[0].name == "Kim"
    assert lib.also_in(["Nobody"]) == []


def test_reading_position_is_remembered(tmp_path):
    lib = Library(tmp_path)
    assert lib.position("abc") is None
    lib.set_position("abc", 120)
    lib.set_position("abc", 340)
    assert Library(tmp_path).position("abc") == 340


def test_search_rows_follow_replaces_and_removals(tmp_path):
    """One search row per document, keyed by the document's id, through puts and removals."""
    lib = Library(tmp_path)
    a, b = facts(), facts(text="Angela Merkel spoke in Berlin about tariffs.")
    lib.put(a)
    lib.put(b)
    lib.put(a)  # re-analysed: its row is replaced, not added
    con = sqlite3.connect(lib.path)
    rows = con.execute("SELECT f.rowid, f.sha256, d.id FROM document_fts f "
                       "JOIN documents d ON d.sha256 = f.sha256").fetchall()
    assert sorted(r[1] for r in rows) == sorted([a.sha256, b.sha256])
    assert all(rowid == doc_id for rowid, _, doc_id in rows)
    lib.remove(a.sha256)
    assert lib.documents(search="putin") == []
    assert [d.sha256 for d in lib.documents(search="merkel")] == [b.sha256]
    assert con.execute("SELECT count(*) FROM document_fts").fetchone()[0] == 1


NEW_INDEXES = ("ix_entity_names_analysis", "ix_entity_names_lookup", "ix_documents_listing",
               "ix_analyses_listing", "ix_analyses_document")


def test_schema_2_search_rows_are_rekeyed(tmp_path):
    """A library whose search rows were numbered on their own (schema 2) gets them keyed by
    document id, and search, replace and remove work on it."""
    lib = Library(tmp_path)
    a, b = facts(), facts(text="Angela Merkel spoke in Berlin about tariffs.")
    lib.put(a)
    lib.put(b)
    lib.close()
    con = sqlite3.connect(tmp_path / "library.sqlite3")
    with con:  # as schema 2 left it: other rowids, no index by analysis
        rows = con.execute("SELECT sha256, title, text, names FROM document_fts "
                           "ORDER BY rowid").fetchall()
        con.execute("DELETE FROM document_fts")
        for i, r in enumerate(rows):
            con.execute("INSERT INTO document_fts (rowid, sha256, title, text, names) "
                        "VALUES (?, ?, ?, ?, ?)", (100 + i, *r))
        for index in NEW_INDEXES:
            con.execute(f"DROP INDEX {index}")
        con.execute("PRAGMA user_version = 2")
    con.close()
    lib = Library(tmp_path)
    con = sqlite3.connect(lib.path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == 3
    assert con.execute("SELECT count(*) FROM document_fts f JOIN documents d "
                       "ON d.sha256 = f.sha256 AND d.id = f.rowid").fetchone()[0] == 2
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert set(NEW_INDEXES) <= names
    lib.put(b)
    lib.remove(a.sha256)
    assert [d.sha256 for d in lib.documents(search="berlin")] == [b.sha256]
    assert con.execute("SELECT count(*) FROM document_fts").fetchone()[0] == 1
