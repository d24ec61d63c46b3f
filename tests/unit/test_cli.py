import dataclasses
import json
import subprocess
import sys

import pytest

from broadsheet import __version__
from broadsheet.cli import main
from broadsheet.store.library import Library


def run_cli(*args, timeout=300):
    return subprocess.run(
        [sys.executable, "-m", "broadsheet.cli", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_extract_json_is_the_guides_contract(seeded_copy, sample_path, sample_text, capsys):
    assert main(["extract", str(sample_path), "--library", str(seeded_copy)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "broadsheet.facts/2"
    assert data["text"] == sample_text
    doc = data["document"]
    assert doc["chars"] == len(sample_text) and len(doc["sha256"]) == 64
    assert doc["pipeline"].endswith(f"+broadsheet-{__version__}")
    kinds = {e["kind"] for e in data["entities"]}
    assert kinds == {"person", "place", "organisation"}
    for e in data["entities"]:
        for m in e["mentions"]:
            assert sample_text[m["start"] : m["end"]] == m["text"]
    assert data["claims"], "the sample reports many claims"
    for c in data["claims"]:
        assert c["kind"] in ("direct", "indirect", "according_to", "unattributed")
        assert c["certainty"] in ("asserted", "hedged")
        for role in ("source", "cue", "content"):
            if c[role]:
                assert sample_text[c[role]["start"] : c[role]["end"]] == c[role]["text"]
                for part in c[role].get("parts", []):  # inside the whole, in order
                    assert sample_text[part["start"] : part["end"]] == part["text"]
                    assert c[role]["start"] <= part["start"] < part["end"] <= c[role]["end"]


def test_extract_jsonl_keeps_order_and_marks_unreadable_files(tmp_path, seeded_copy, sample_path):
    bad = tmp_path / "noise.txt"
    bad.write_bytes(bytes(range(256)))
    p = run_cli(
        "extract",
        "--format",
        "jsonl",
        "--library",
        seeded_copy,
        bad,
        sample_path,
        tmp_path / "missing.txt",
    )
    assert p.returncode == 1
    lines = [json.loads(x) for x in p.stdout.splitlines()]
    assert [x.get("path") or x["document"]["path"] for x in lines] == [
        str(bad),
        str(sample_path),
        str(tmp_path / "missing.txt"),
    ]
    assert "error" in lines[0] and "error" in lines[2] and "entities" in lines[1]
    assert "Traceback" not in p.stderr
    assert len(p.stderr.strip().splitlines()) == 2


def test_extract_text_lists_the_panels(seeded_copy, sample_path, capsys):
    assert (
        main(["extract", str(sample_path), "--format", "text", "--library", str(seeded_copy)]) == 0
    )
    out = capsys.readouterr().out
    for heading in ("People (", "Places (", "Organisations (", "Claims ("):
        assert heading in out
    assert "Dmitry Peskov" in out


def test_list_shows_library_documents(seeded_copy, capsys):
    assert main(["list", "--library", str(seeded_copy), "--format", "json"]) == 0
    docs = json.loads(capsys.readouterr().out)
    assert len(docs) == 1 and docs[0]["people"] > 0
    assert main(["list", "--library", str(seeded_copy)]) == 0
    assert "people" in capsys.readouterr().out


def test_empty_library_list(library_dir, capsys):
    assert main(["list", "--library", str(library_dir)]) == 0
    assert "empty" in capsys.readouterr().out


@pytest.mark.parametrize(
    "args", [["extract"], ["extract", "x.txt", "--format", "xml"], ["list", "--bogus"]]
)
def test_usage_errors_exit_2(args):
    with pytest.raises(SystemExit) as e:
        main(args)
    assert e.value.code == 2


def test_extract_analyses_new_text_once_for_many_files(tmp_path, library_dir):
    files = []
    for i, who in enumerate(["Angela Merkel", "Emmanuel Macron"]):
        f = tmp_path / f"n{i}.txt"
        f.write_text(f"{who} said on Monday that Paris would wait.", encoding="utf-8")
        files.append(f)
    p = run_cli("extract", "--format", "jsonl", "--library", library_dir, *files)
    assert p.returncode == 0, p.stderr
    docs = [json.loads(x) for x in p.stdout.splitlines()]
    names = [{e["name"] for e in d["entities"]} for d in docs]
    assert "Angela Merkel" in names[0] and "Emmanuel Macron" in names[1]
    # Both are in the library now: a second run is served from it.
    p2 = run_cli("list", "--library", library_dir, "--format", "json")
    assert len(json.loads(p2.stdout)) == 2


@pytest.mark.parametrize("command", ["extract", "export", "import"])
def test_a_missing_model_is_one_line_and_exit_1(command, tmp_path, sample_path):
    p = subprocess.run(
        [
            sys.executable,
            "-m",
            "broadsheet.cli",
            command,
            str(sample_path),
            "--library",
            str(tmp_path / "lib"),
            "--model",
            "no_such_pipeline",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert p.returncode == 1
    assert p.stderr.strip() == "broadsheet: The spaCy pipeline 'no_such_pipeline' is not installed."


def test_escape_codes_from_a_document_never_reach_the_terminal(tmp_path, sample_facts, capsys):
    """A title "\\x1b]0;…\\x07" (from a page's or a PDF's metadata) would retitle the terminal,
    a "\\x1b[2J" in a file name clear it."""
    import dataclasses

    from broadsheet.store.library import Library

    lib = tmp_path / "lib"
    library = Library(lib)
    evil = str(tmp_path / "evil\x1b[2J.html")
    library.put(dataclasses.replace(sample_facts, title="\x1b]0;pwned\x07Story", path=evil))
    library.close()
    assert main(["list", "--library", str(lib)]) == 0
    assert main(["extract", str(tmp_path / "gone\x1b[2J.txt"), "--library", str(lib)]) == 1
    out, err = capsys.readouterr()
    assert "\x1b" not in out + err and "\x07" not in out
    assert "\\x1b]0;pwned\\x07Story" in out and "gone" in err
    assert main(["list", "--library", str(lib), "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)  # JSON escapes them itself, exactly
    assert listed[0]["title"] == "\x1b]0;pwned\x07Story" and listed[0]["path"] == evil


def test_escape_codes_never_reach_the_terminal_from_text_output_or_import(
    tmp_path, library_dir, sample_text, capsys
):
    """``extract --format text`` prints a title made from the file's name, ``import`` a broken
    file's name: neither may send escape codes (a new terminal title, a cleared screen)."""
    article = tmp_path / "story\x1b]0;pwned\x07\x9b2J.txt"
    article.write_text(sample_text, encoding="utf-8")
    assert main(["extract", str(article), "--format", "text", "--library", str(library_dir)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("story\\x1b]0;pwned\\x07\\x9b2J\n")
    assert not set(out) & {"\x1b", "\x07", "\x9b"}
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "broken\x1b[2J\x7f.docx").write_bytes(b"not a word document")
    main(["import", str(folder), "--library", str(library_dir), "-j", "1"])
    out, err = capsys.readouterr()
    assert "broken\\x1b[2J\\x7f" in err and not set(out + err) & {"\x1b", "\x7f"}


def test_a_csv_line_end_on_a_terminal_stays_a_line_end():
    from broadsheet.cli import plain

    assert plain("a,b\r\nc\rd\x1b[2J\n") == "a,b\r\nc\\rd\\x1b[2J\n"


def test_the_library_may_come_before_the_command(seeded_copy, sample_path, capsys):
    assert main(["--library", str(seeded_copy), "list", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert main([f"--library={seeded_copy}", "extract", str(sample_path)]) == 0
    facts = json.loads(capsys.readouterr().out)
    assert facts["document"]["sha256"] in {d["sha256"] for d in listed}


def test_list_counts_read_as_words(tmp_path, sample_facts, capsys):
    lib = tmp_path / "lib"
    library = Library(lib)
    org = next(e for e in sample_facts.entities if e.kind == "organisation")
    people = {e.id: e for e in sample_facts.entities if e.kind == "person"}
    claim = next(c for c in sample_facts.claims if c.source and c.source.entity in people)
    person = people[claim.source.entity]
    library.put(dataclasses.replace(sample_facts, entities=[org, person], claims=[claim]))
    library.close()
    assert main(["list", "--library", str(lib)]) == 0
    out = capsys.readouterr().out
    assert "(1 person, 0 places, 1 organisation, 1 claim)" in out
