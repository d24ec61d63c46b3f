"""``broadsheet library init URL``: a team library's readers may read it and nothing more, its
editors may add documents and corrections; both are told so in one sentence."""

import psycopg
import pytest

from broadsheet.cli import main
from broadsheet.errors import LibraryError
from broadsheet.facts import Correction, Entity, Facts, Mention
from broadsheet.store.library import Library


def facts(text="Kim met Putin in Vladivostok.") -> Facts:
    return Facts(
        text=text,
        path="/tmp/a.txt",
        title="A",
        pipeline="m-1",
        entities=[Entity("e1", "person", "Kim", mentions=[Mention(0, 3, "Kim")])],
    )


def as_user(url: str, user: str) -> str:
    """The same library's URL for another login role (the test server trusts its loopback)."""
    rest = url.split("@", 1)[1]
    return f"postgresql://{user}@{rest}"


@pytest.fixture
def team(pg_url, capsys):
    """A library made by ``library init``, with a reader (rita) and an editor (ed)."""
    assert main(["library", "init", pg_url]) == 0
    said = capsys.readouterr().out
    db = pg_url.rsplit("/", 1)[1]
    assert f"{db}_readers" in said and f"{db}_editors" in said
    with psycopg.connect(pg_url, autocommit=True) as con:
        for user, role in (("rita", "readers"), ("ed", "editors")):
            con.execute(f"DROP ROLE IF EXISTS {user}_{db}")
            con.execute(f"CREATE ROLE {user}_{db} LOGIN IN ROLE {db}_{role}")
    yield pg_url, as_user(pg_url, f"rita_{db}"), as_user(pg_url, f"ed_{db}")
    roles = ", ".join((f"rita_{db}", f"ed_{db}", f"{db}_readers", f"{db}_editors"))
    with psycopg.connect(pg_url, autocommit=True) as con:
        con.execute(f"DROP OWNED BY {roles}")  # roles belong to the server, not the database
        con.execute(f"DROP ROLE {roles}")


def test_an_editor_adds_documents_and_corrections_that_a_reader_sees(team):
    _, reader_url, editor_url = team
    editor = Library(editor_url)
    assert not editor.read_only and editor.notice == ""
    f = facts()
    editor.put(f)
    cid = editor.add_correction(f.sha256, Correction("rename", {"mentions": [[0, 3]], "name": "K"}))
    editor.set_position(f.sha256, 5)
    reader = Library(reader_url)
    assert reader.read_only and "may read the team library" in reader.notice
    assert [d.title for d in reader.documents(search="putin")] == ["A"]
    assert [c.id for c in reader.corrections(f.sha256)] == [cid]
    assert reader.get(f.sha256, f.pipeline) == f
    editor.close()
    reader.close()


def test_a_reader_may_not_write_and_is_told_so_in_one_sentence(team):
    _, reader_url, _ = team
    reader = Library(reader_url)
    with pytest.raises(LibraryError, match="You may not write to the team library") as caught:
        reader.put(facts())
    assert "\n" not in str(caught.value)
    with pytest.raises(LibraryError, match="editors' role"):
        reader.add_correction("abc", Correction("hide", {"mentions": [[0, 3]]}))
    reader.close()


def test_init_again_changes_nothing_and_keeps_the_documents(team, capsys):
    owner_url, reader_url, _ = team
    Library(owner_url).put(facts())
    assert main(["library", "init", owner_url]) == 0
    assert [d.title for d in Library(reader_url).documents()] == ["A"]


def test_a_reader_cannot_upgrade_an_old_library_and_says_who_can(team):
    owner_url, reader_url, _ = team
    with psycopg.connect(owner_url) as con:
        con.execute("UPDATE alembic_version SET version_num = 's5'")
    with pytest.raises(LibraryError, match="must be upgraded by its owner"):
        Library(reader_url)


def test_init_wants_a_server_url(tmp_path, capsys):
    assert main(["library", "init", str(tmp_path)]) == 2
    assert "not a postgresql:// URL" in capsys.readouterr().err
