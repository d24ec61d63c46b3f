"""Across the library: the claims about someone, by whom, and in the order they were said."""

import json

import pytest

from broadsheet import corrections
from broadsheet.across import ABOUT, BY, by_source, said, timeline
from broadsheet.cli import main
from broadsheet.facts import Article
from broadsheet.store.library import Library

ARTICLES = [
    ("visit.txt", "Vladimir Putin said that Kim Jong Un would visit Moscow.", "2023-09-12"),
    (
        "summit.txt",
        "The Kremlin said on Monday that Vladimir Putin and Kim Jong Un met in Vladivostok.",
        "2023-09-14",
    ),
    ("rain.txt", "Heavy rain fell on Oslo. The institute said that more rain was expected.", ""),
]


@pytest.fixture
def library(tmp_path, analyzer_session):
    lib = Library(tmp_path / "lib")
    arts = [
        Article(text=t, path=str(tmp_path / n), title=n[:-4], meta={"date": d} if d else {})
        for n, t, d in ARTICLES
    ]
    for f in analyzer_session.analyse_articles(arts):
        lib.put(f)
    yield lib
    lib.close()


def test_the_claims_about_someone_come_from_every_document_by_source(library):
    found = said(library, "Kim Jong Un")
    assert sorted((s.title, s.source) for s in found) == [
        ("summit", "Kremlin"),
        ("visit", "Vladimir Putin"),
    ]
    assert all(s.role == ABOUT for s in found)
    assert [name for name, _ in by_source(found)] == ["Kremlin", "Vladimir Putin"]
    assert said(library, "Oslo") == []  # named, but no claim speaks of it


def test_the_timeline_has_the_claims_by_and_about_in_the_order_said(library):
    found = timeline(said(library, "Vladimir Putin", "person", (ABOUT, BY)))
    assert [(s.date, s.role, s.title) for s in found] == [
        ("2023-09-11", ABOUT, "summit"),  # "on Monday", in a paper of Thursday the 14th
        ("2023-09-12", BY, "visit"),
    ]


def test_the_readers_corrections_count(library):
    summit = next(d for d in library.documents() if d.title == "summit")
    facts = library.newest_facts(summit.sha256)
    claim = next(c for c in facts.claims if c.source and "Kremlin" in c.source.text)
    library.add_correction(summit.sha256, corrections.not_a_claim(claim))
    assert [s.title for s in said(library, "Kim Jong Un")] == ["visit"]


def test_the_commands_print_text_json_and_csv(library, capsys, tmp_path):
    folder = str(tmp_path / "lib")
    library.flush()
    assert main(["claims", "--about", "Kim Jong Un", "--library", folder]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Said about Kim Jong Un: 2 claims in 2 documents, by 2 sources.")
    assert main(["timeline", "Vladimir Putin", "--format", "json", "--library", folder]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["role"], r["when"]["date"]) for r in rows] == [
        ("about", "2023-09-11"),
        ("by", "2023-09-12"),
    ]
    assert main(["claims", "--about", "Kim Jong Un", "--format", "csv", "--library", folder]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("date,date_from,role,source") and len(lines) == 3
    assert main(["claims", "--about", "Nobody", "--library", folder]) == 0
    assert "No claim in the library says anything about Nobody." in capsys.readouterr().out


def test_the_network_command_writes_the_librarys_links_for_gephi(library, capsys, tmp_path):
    import networkx as nx

    folder = str(tmp_path / "lib")
    library.flush()
    out = tmp_path / "net.gexf"
    assert main(["network", "-o", str(out), "--library", folder]) == 0
    g = nx.read_gexf(out)
    labels = {d["label"] for _, d in g.nodes(data=True)}
    assert {"Vladimir Putin", "Kim Jong Un", "Kremlin"} <= labels
    assert "links" in capsys.readouterr().err
    assert main(["network", "--library", folder]) == 0
    assert capsys.readouterr().out.startswith("<?xml")
