import sqlite3
from pathlib import Path

import psycopg
import pytest

from broadsheet.facts import Claim, Correction, Entity, Facts, Mention, Source, Span
from broadsheet.store.library import Library
from broadsheet.store.migrations import SCHEMA_VERSION


def raw(lib: Library, sql: str) -> list[tuple]:
    """Run SQL on the library's database behind its back (SQLite's file or the server)."""
    if lib.url:
        with psycopg.connect(lib.url) as con:
            cur = con.execute(sql)
            return cur.fetchall() if cur.description else []
    con = sqlite3.connect(lib.path)
    try:
        with con:
            return con.execute(sql).fetchall()
    finally:
        con.close()


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


def test_put_then_get_is_a_cache_hit(library_at):
    lib = Library(library_at)
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


def test_reanalysis_replaces_and_keeps_one_document(library_at):
    lib = Library(library_at)
    lib.put(facts())
    lib.put(facts())
    lib.put(facts(pipeline="m-2+broadsheet-0.2.0"))
    assert len(lib.documents()) == 1


def test_recent_files_newest_first_without_duplicates(library_at, tmp_path):
    lib = Library(library_at)
    for name in ("a.txt", "b.txt", "a.txt"):
        lib.add_recent(tmp_path / name)
    assert [p.rsplit("/", 1)[-1] for p in lib.recent_files()] == ["a.txt", "b.txt"]


def test_recent_documents_have_titles_and_include_documents_opened_from_the_library(tmp_path):
    lib = Library(tmp_path)
    a, b = facts(), facts("Merkel met Macron in Paris.")
    a.path, b.path = str(tmp_path / "a.txt"), str(tmp_path / "b.txt")
    b.title = "B"
    lib.put(a)
    lib.put(b)
    lib.add_recent(tmp_path / "a.txt", a.sha256)
    lib.add_recent_document(b.sha256)  # from the Library dock: no file needed
    lib.add_recent(tmp_path / "unknown.txt")  # a file the library has no document for
    got = [(d.title, Path(d.path).name, d.sha256, d.from_library) for d in lib.recent_documents()]
    assert got == [
        ("", "unknown.txt", "", False),
        ("B", "b.txt", b.sha256, True),
        ("A", "a.txt", a.sha256, False),
    ]
    # Kept as text in the one column (and the sidecar's list): the library entry is no path.
    assert "library:" + b.sha256 in lib.recent_files()


def test_a_document_is_listed_once_however_it_was_opened(tmp_path):
    lib = Library(tmp_path)
    a = facts()
    lib.put(a)
    lib.add_recent(tmp_path / "a.txt", a.sha256)
    lib.add_recent_document(a.sha256)
    assert [d.from_library for d in lib.recent_documents()] == [True]
    lib.add_recent(tmp_path / "a.txt", a.sha256)
    assert [d.from_library for d in lib.recent_documents()] == [False]
    assert lib.recent_documents()[0].path == str((tmp_path / "a.txt").resolve())
    # Gone from the library: a library entry has nothing to open, and is not listed.
    lib.add_recent_document(a.sha256)
    lib.remove(a.sha256)
    assert lib.recent_documents() == []


def test_library_dir_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("BROADSHEET_HOME", str(tmp_path / "home"))
    lib = Library()
    assert lib.path == tmp_path / "home" / "library.sqlite3"


def test_search_by_words_and_entity_names(library_at):
    lib = Library(library_at)
    lib.put(facts())
    lib.put(facts(text="Angela Merkel spoke in Berlin about tariffs."))
    assert [d.sha256 for d in lib.documents(search="putin")] == [facts().sha256]
    assert len(lib.documents(search="tarif")) == 1  # prefix match
    assert lib.documents(search='"unbalanced AND (') == []  # no syntax error for odd input
    assert len(lib.documents(search="")) == 2


def test_also_in_finds_the_same_name_in_other_documents(library_at):
    lib = Library(library_at)
    a, b = facts(), facts(text="Kim arrived in Vladivostok by train.")
    lib.put(a)
    lib.put(b)
    hits = lib.also_in(["Kim"], exclude_sha=a.sha256, kind="person")
    assert [h.document.sha256 for h in hits] == [b.sha256]
    assert hits[0].name == "Kim"
    assert lib.also_in(["Nobody"]) == []


def test_also_in_folds_the_spellings_a_document_groups_as_one(library_at):
    """ "Kim Jong-un" and "Kim Jong Un", "U.S." and "US" are one entity within a document, and
    so across documents."""
    lib = Library(library_at)
    a = said("Lee said Kim Jong-un was in the U.S. today.", "Kim Jong-un", "today", "e1")
    b = said("Lee said Kim Jong Un was in the US today.", "Kim Jong Un", "today", "e1")
    a.entities.append(Entity("e3", "place", "U.S.", mentions=[Mention(32, 36, "U.S.")]))
    b.entities.append(Entity("e3", "place", "US", mentions=[Mention(32, 34, "US")]))
    lib.put(a)
    lib.put(b)
    [hit] = lib.also_in(["Kim Jong Un"], exclude_sha=b.sha256, kind="person")
    assert (hit.document.sha256, hit.name) == (a.sha256, "Kim Jong-un")
    [hit] = lib.also_in(["Kim Jong-un"], exclude_sha=a.sha256, kind="person")
    assert (hit.document.sha256, hit.name) == (b.sha256, "Kim Jong Un")
    [hit] = lib.also_in(["US"], exclude_sha=b.sha256, kind="place")
    assert hit.document.sha256 == a.sha256
    [hit] = lib.also_in(["U.S."], exclude_sha=a.sha256, kind="place")
    assert hit.document.sha256 == b.sha256


@pytest.fixture(params=["rare", "common"])
def also_lib(request, library_at, monkeypatch) -> Library:
    """A library whose "Also in" looks for names in one of its two ways: a rare name from its
    matches, a common one by walking the documents newest first (on each backend)."""
    if request.param == "common":
        monkeypatch.setattr(Library, "_COMMON", 1)  # any name found at all is common
    return Library(library_at)


def said(
    text, who, what, entity, pipeline="m-1+broadsheet-0.1.0", kind="person", alias=""
) -> Facts:
    """A document in which ``who`` (entity e1, also called ``alias`` or by its first name) says
    ``what`` with ``entity`` as the source, and Lee (e2) and no one say other things."""
    s, c = text.index(what), text.index(who)
    other = Claim(
        "c2",
        "indirect",
        "asserted",
        Source(0, 3, "Lee", "e2"),
        None,
        Span(s, s + len(what), f"{what} (Lee)"),
    )
    nobody = Claim("c3", "unattributed", "hedged", None, None, Span(0, 4, "rumour"))
    mine = Claim(
        "c1",
        "indirect",
        "asserted",
        Source(c, c + len(who), who, entity),
        None,
        Span(s, s + len(what), what),
    )
    return Facts(
        text=text,
        path="/tmp/x.txt",
        title=text[:12],
        pipeline=pipeline,
        entities=[
            Entity(
                "e1",
                kind,
                who,
                aliases=[alias or who.split()[0]],
                mentions=[Mention(c, c + len(who), who)],
            ),
            Entity("e2", "person", "Lee", mentions=[Mention(0, 3, "Lee")]),
        ],
        claims=[mine, other, nobody],
    )


def test_also_in_is_newest_first_limited_and_excludes_the_open_document(also_lib):
    lib = also_lib
    docs = [
        said(
            f"Lee and Kim Jong Un met, day {i}: talks went well.",
            "Kim Jong Un",
            "talks went well",
            "e1",
        )
        for i in range(5)
    ]
    for f in docs:
        lib.put(f)
    lib.put(docs[0])  # re-analysed: a newer analysis, not a newer document
    newest = [f.sha256 for f in reversed(docs)]
    assert [h.document.sha256 for h in lib.also_in(["Kim"])] == newest
    assert [h.document.sha256 for h in lib.also_in(["kim jong un"], limit=2)] == newest[:2]
    hits = lib.also_in(["Kim Jong Un"], exclude_sha=docs[4].sha256, limit=3)
    assert [h.document.sha256 for h in hits] == newest[1:4]


def test_also_in_gives_that_entitys_name_and_only_its_claims(also_lib):
    lib = also_lib
    f = said("Lee and Kim Jong Un met: talks went well.", "Kim Jong Un", "talks went well", "e1")
    lib.put(f)
    [hit] = lib.also_in(["The Kim's"], kind="person")  # any of its names, normalised
    assert (hit.entity_id, hit.name, hit.claims) == ("e1", "Kim Jong Un", ["talks went well"])
    assert hit.document.title == f.title and hit.document.people == 2
    [lee] = lib.also_in(["Lee"])
    assert (lee.entity_id, lee.claims) == ("e2", ["talks went well (Lee)"])
    # Re-analysed, its source resolved to no entity: the entity is found, saying nothing.
    g = said(
        "Lee and Kim Jong Un met: talks went well.",
        "Kim Jong Un",
        "talks went well",
        None,
        pipeline="m-2",
    )
    lib.put(g)
    [hit] = lib.also_in(["Kim"])
    assert (hit.name, hit.claims) == ("Kim Jong Un", [])


def test_also_in_filters_by_kind(also_lib):
    lib = also_lib
    person = said("Lee met Jordan Smith: fine.", "Jordan Smith", "fine", "e1", alias="Smith")
    place = said(
        "Lee flew to Smith Jordan: fine, too.",
        "Smith Jordan",
        "fine, too",
        "e1",
        kind="place",
        alias="Jordan",
    )
    lib.put(person)
    lib.put(place)
    assert [h.document.sha256 for h in lib.also_in(["Jordan"], kind="place")] == [place.sha256]
    assert [h.document.sha256 for h in lib.also_in(["Jordan"], kind="person")] == []
    assert [h.document.sha256 for h in lib.also_in(["Jordan Smith"], kind="person")] == [
        person.sha256
    ]
    assert [h.document.sha256 for h in lib.also_in(["Jordan"])] == [place.sha256]
    assert len(lib.also_in(["Jordan", "Jordan Smith"])) == 2


def test_also_in_counts_only_each_documents_newest_analysis(also_lib):
    lib = also_lib
    older = said("Kim Jong Un said talks went well.", "Kim Jong Un", "talks went well", "e1")
    lib.put(older)
    text = "Lee and Kim Jong Un met: talks went well."
    lib.put(said(text, "Kim Jong Un", "talks went well", "e1", pipeline="old"))
    newer = said(text, "Kim Jong Un", "talks went well", "e1", pipeline="new")
    newer.entities[0].name, newer.entities[0].aliases = "Chairman Kim", ["Chairman"]
    lib.put(newer)
    # Only the stale analysis of the newest document has that name: it takes no place in the
    # limit either.
    assert [h.document.sha256 for h in lib.also_in(["Kim Jong Un"], limit=1)] == [older.sha256]
    [hit] = lib.also_in(["Chairman Kim"])
    assert (hit.document.sha256, hit.name, hit.claims) == (
        newer.sha256,
        "Chairman Kim",
        ["talks went well"],
    )
    lib.put(said(text, "Kim Jong Un", "talks went well", "e1", pipeline="old"))  # now newest
    assert lib.also_in(["Chairman Kim"]) == []
    assert [h.document.sha256 for h in lib.also_in(["Kim Jong Un"])] == [newer.sha256, older.sha256]


def test_also_in_never_reads_the_facts_json(also_lib):
    """Names and claims come from per-entity rows: reading whole facts JSONs made "Also in"
    slow in a large library."""
    lib = also_lib
    lib.put(
        said("Lee and Kim Jong Un met: talks went well.", "Kim Jong Un", "talks went well", "e1")
    )
    raw(lib, "UPDATE analyses SET facts_json = 'not JSON'")
    [hit] = lib.also_in(["Kim"])
    assert (hit.name, hit.claims) == ("Kim Jong Un", ["talks went well"])
    lib.remove(hit.document.sha256)  # and its rows go with its analyses
    assert raw(lib, "SELECT count(*) FROM entity_claims") == [(0,)]


def test_reading_position_is_remembered(library_at):
    lib = Library(library_at)
    assert lib.position("abc") is None
    lib.set_position("abc", 120)
    lib.set_position("abc", 340)
    assert Library(library_at).position("abc") == 340


def test_search_rows_follow_replaces_and_removals(tmp_path):
    """One search row per document, keyed by the document's id, through puts and removals."""
    lib = Library(tmp_path)
    a, b = facts(), facts(text="Angela Merkel spoke in Berlin about tariffs.")
    lib.put(a)
    lib.put(b)
    lib.put(a)  # re-analysed: its row is replaced, not added
    con = sqlite3.connect(lib.path)
    rows = con.execute(
        "SELECT f.rowid, f.sha256, d.id FROM document_fts f JOIN documents d ON d.sha256 = f.sha256"
    ).fetchall()
    assert sorted(r[1] for r in rows) == sorted([a.sha256, b.sha256])
    assert all(rowid == doc_id for rowid, _, doc_id in rows)
    lib.remove(a.sha256)
    assert lib.documents(search="putin") == []
    assert [d.sha256 for d in lib.documents(search="merkel")] == [b.sha256]
    assert con.execute("SELECT count(*) FROM document_fts").fetchone()[0] == 1


NEW_INDEXES = (
    "ix_entity_names_analysis",
    "ix_entity_names_lookup",
    "ix_documents_listing",
    "ix_analyses_listing",
    "ix_analyses_document",
)


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
        rows = con.execute(
            "SELECT sha256, title, text, names FROM document_fts ORDER BY rowid"
        ).fetchall()
        con.execute("DELETE FROM document_fts")
        for i, r in enumerate(rows):
            con.execute(
                "INSERT INTO document_fts (rowid, sha256, title, text, names) "
                "VALUES (?, ?, ?, ?, ?)",
                (100 + i, *r),
            )
        for index in NEW_INDEXES:
            con.execute(f"DROP INDEX {index}")
        con.execute("PRAGMA user_version = 2")
        con.execute("DROP TABLE alembic_version")  # from before Alembic
    con.close()
    lib = Library(tmp_path)
    con = sqlite3.connect(lib.path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert (
        con.execute(
            "SELECT count(*) FROM document_fts f JOIN documents d "
            "ON d.sha256 = f.sha256 AND d.id = f.rowid"
        ).fetchone()[0]
        == 2
    )
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert set(NEW_INDEXES) <= names
    lib.put(b)
    lib.remove(a.sha256)
    assert [d.sha256 for d in lib.documents(search="berlin")] == [b.sha256]
    assert con.execute("SELECT count(*) FROM document_fts").fetchone()[0] == 1


def test_schema_3_gets_each_entitys_name_and_claims(tmp_path):
    """A library from before ``entity_claims`` gets it filled from the stored facts, and the
    index on names alone (the lookup index covers it) is dropped."""
    lib = Library(tmp_path)
    f = said("Lee and Kim Jong Un met: talks went well.", "Kim Jong Un", "talks went well", "e1")
    lib.put(f)
    lib.close()
    con = sqlite3.connect(tmp_path / "library.sqlite3")
    with con:  # as schema 3 left it
        con.execute("DELETE FROM entity_claims")
        con.execute("CREATE INDEX ix_entity_names_norm ON entity_names (norm)")
        con.execute("PRAGMA user_version = 3")
        con.execute("DROP TABLE alembic_version")  # from before Alembic
    lib = Library(tmp_path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    rows = con.execute("SELECT entity_id, name, claims FROM entity_claims ORDER BY entity_id")
    assert rows.fetchall() == [
        ("e1", "Kim Jong Un", '["talks went well"]'),
        ("e2", "Lee", '["talks went well (Lee)"]'),
    ]
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "ix_entity_names_norm" not in names
    [hit] = lib.also_in(["Kim"], kind="person")
    assert (hit.name, hit.claims) == ("Kim Jong Un", ["talks went well"])


def test_a_search_hit_comes_with_the_words_round_it(library_at):
    lib = Library(library_at)
    text = "Heavy rain fell on Oslo on Tuesday.\nThe institute said more rain was expected."
    lib.put(facts(text=text))
    lib.put(facts(text="Kim met Putin in Vladivostok on a dry day."))
    [hit] = lib.documents("rain expect")
    assert {t for t, is_hit in hit.snippet if is_hit} == {"rain", "expected"}
    shown = "".join(t for t, _ in hit.snippet)
    assert shown.strip("…") in " ".join(text.split())  # the text's words, a line break a space
    assert all(d.snippet == () for d in lib.documents())  # no search, no snippet
    assert "snippet" not in hit.to_json()
    # Only the first rows' snippets are made; the others' when asked for, the same words.
    lib.put(facts(text="Rain again: the rain was expected by all."))
    first, second = lib.documents("rain", snippets=1)
    assert first.snippet and second.snippet == ()
    assert lib.snippet(second.sha256, "rain") == lib.documents("rain")[1].snippet
    assert lib.snippet(second.sha256, "") == () and lib.snippet(second.sha256, "xyzzy") == ()


def test_data_version_changes_when_another_connection_writes(library_at):
    watching, other = Library(library_at), Library(library_at)
    before = watching.data_version()
    assert watching.data_version() == before  # nothing new
    other.put(facts())
    assert watching.data_version() != before
    other.close()
    watching.close()


def test_corrected_lists_the_active_corrections_of_each_document(library_at):
    lib = Library(library_at)
    f = facts()
    lib.put(f)
    assert lib.corrected() == {}
    cid = lib.add_correction(f.sha256, Correction("hide", {"mentions": [[0, 3]]}))
    assert lib.corrected() == {f.sha256: (cid,)}
    lib.set_correction_active(cid, False)
    assert lib.corrected() == {}
