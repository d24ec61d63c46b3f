"""A team's library on PostgreSQL: opened by URL, wherever the library is named, with one
clear message when it cannot be reached, and two writers at once losing nothing."""

import json
import threading

import psycopg
import pytest

from broadsheet.cli import main
from broadsheet.errors import LibraryError
from broadsheet.facts import Entity, Facts, Mention
from broadsheet.paths import library_dir, library_location
from broadsheet.store.library import Library


def facts(text="Kim met Putin in Vladivostok.", pipeline="m-1") -> Facts:
    return Facts(
        text=text,
        path="/tmp/a.txt",
        title="A",
        pipeline=pipeline,
        entities=[Entity("e1", "person", "Kim", mentions=[Mention(0, 3, "Kim")])],
    )


def test_a_url_names_a_team_library_and_the_local_folder_keeps_the_settings(monkeypatch):
    url = "postgresql://reader@db.example/news"
    assert library_location(url) == url
    assert library_location("~/lib") != url and library_dir(url) == library_dir()
    monkeypatch.setenv("BROADSHEET_LIBRARY", url)
    assert library_location() == url
    assert library_location("/tmp/own").as_posix() == "/tmp/own"  # --library wins


def test_a_team_library_keeps_what_it_is_given_and_its_schema(pg_url):
    lib = Library(pg_url)
    f = facts()
    lib.put(f)
    lib.close()
    again = Library(pg_url)  # the schema is there: opened, not made again
    assert again.get(f.sha256, f.pipeline) == f
    assert again.location == pg_url and again.url == pg_url
    with psycopg.connect(pg_url) as con:
        [(kind,)] = con.execute(
            "SELECT amname FROM pg_class c JOIN pg_am a ON a.oid = c.relam "
            "WHERE c.relname = 'ix_document_search_words'"
        ).fetchall()
        generated = con.execute(
            "SELECT is_generated FROM information_schema.columns "
            "WHERE table_name = 'document_search' AND column_name = 'words'"
        ).fetchone()
    assert kind == "gin" and generated == ("ALWAYS",)
    again.close()


def test_a_server_that_cannot_be_reached_is_one_sentence_without_the_password():
    with pytest.raises(LibraryError) as caught:
        Library("postgresql://editor:s3cret@127.0.0.1:1/news?connect_timeout=2")
    said = str(caught.value)
    assert said.startswith("Cannot open the team library postgresql://editor:***@127.0.0.1:1/news")
    assert "s3cret" not in said and "\n" not in said


def test_two_writers_storing_the_same_document_at_once_leave_one_analysis(library_at):
    libs = [Library(library_at), Library(library_at)]
    f = facts()
    errors = []

    def write(lib):
        try:
            for _ in range(15):
                lib.put(f)
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=write, args=(lib,)) for lib in libs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert [d.sha256 for d in libs[0].documents()] == [f.sha256]
    assert libs[1].get(f.sha256, f.pipeline) == f
    for lib in libs:
        lib.close()


def test_the_command_line_lists_and_searches_a_team_library(pg_url, capsys):
    lib = Library(pg_url)
    lib.put(facts())
    lib.close()
    assert main(["list", "--library", pg_url, "--format", "json"]) == 0
    [doc] = json.loads(capsys.readouterr().out)
    assert doc["title"] == "A" and doc["people"] == 1


def test_broadsheet_library_names_the_team_library_for_every_command(pg_url, monkeypatch, capsys):
    lib = Library(pg_url)
    lib.put(facts())
    lib.close()
    monkeypatch.setenv("BROADSHEET_LIBRARY", pg_url)
    assert main(["list", "--format", "json"]) == 0
    assert [d["title"] for d in json.loads(capsys.readouterr().out)] == ["A"]


def test_broadsheet_search_finds_the_same_documents_on_both_backends(library_at, capsys):
    lib = Library(str(library_at))
    lib.put(facts())
    lib.put(facts(text="Heavy rain fell on Zürich; more rain was expected."))
    lib.close()
    where = str(library_at)
    assert main(["search", "zurich", "expect", "--library", where, "--format", "json"]) == 0
    [hit] = json.loads(capsys.readouterr().out)
    assert hit["state"] == "analysed"
    assert {p["text"] for p in hit["snippet"] if p["hit"]} == {"Zürich", "expected"}
    assert main(["search", "rain", "--library", where]) == 0
    assert "[rain]" in capsys.readouterr().out
    assert main(["search", "nowhere", "--library", where]) == 0
    assert "No document" in capsys.readouterr().out


def test_list_json_gives_each_documents_state(library_at, capsys):
    lib = Library(str(library_at))
    lib.put(facts())
    lib.close()
    assert main(["list", "--library", str(library_at), "--format", "json"]) == 0
    assert [d["state"] for d in json.loads(capsys.readouterr().out)] == ["analysed"]
