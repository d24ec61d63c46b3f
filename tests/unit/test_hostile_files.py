"""Hostile files through the reader layer and the CLI: one clear message each, no traceback,
nothing added to the library. (The window's side is tests/ui/test_hostile_files.py.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from broadsheet.analysis import Analyzer
from broadsheet.cli import main
from broadsheet.errors import ReadError
from broadsheet.ingest import read_article
from broadsheet.store.library import Library

MB = 1024 * 1024


@pytest.fixture(scope="module")
def hostile(hostile_corpus, tmp_path_factory) -> dict[Path, str]:
    return hostile_corpus.build(tmp_path_factory.mktemp("hostile"))


def test_reader_gives_one_clear_message_for_each(hostile):
    for path, words in hostile.items():
        with pytest.raises(ReadError) as err:
            read_article(path)
        message = str(err.value)
        assert words in message, (path.name, message)
        assert message.startswith(f"Cannot open {path}: ") and "\n" not in message
        assert message.endswith("."), message


def test_cli_extract_says_one_line_per_file_and_adds_nothing(hostile, tmp_path, capsys):
    lib = tmp_path / "lib"
    for path, words in hostile.items():
        assert main(["extract", str(path), "--library", str(lib)]) == 1, path
        out, err = capsys.readouterr()
        assert out == ""
        lines = err.splitlines()
        assert len(lines) == 1 and lines[0].startswith("broadsheet: Cannot open "), err
        assert words in lines[0]
        assert "Traceback" not in err
    assert Library(lib).documents() == []


def test_cli_process_with_the_whole_corpus_in_jsonl(hostile, tmp_path):
    files = list(hostile)
    p = subprocess.run(
        [sys.executable, "-m", "broadsheet.cli", "extract", "--format", "jsonl",
         "--library", str(tmp_path / "lib"), *map(str, files)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert p.returncode == 1
    assert "Traceback" not in p.stderr
    assert len(p.stderr.splitlines()) == len(files)
    rows = [json.loads(line) for line in p.stdout.splitlines()]
    assert [r["path"] for r in rows] == [str(f) for f in files]
    assert all(r["error"].startswith("Cannot open ") for r in rows)


def test_a_50_mb_text_is_read_and_one_over_it_refused(tmp_path):
    big = tmp_path / "big.txt"
    line = "Angela Merkel said that Berlin would wait for the talks in Vladivostok.\n"
    with big.open("w", encoding="utf-8") as f:
        f.write(line * (50 * MB // len(line)))
    art = read_article(big)
    assert len(art.text) == big.stat().st_size and art.text.startswith(line)
    del art
    with big.open("a", encoding="utf-8") as f:
        f.write(line * 200)
    with pytest.raises(ReadError, match="larger than 50 MB"):
        read_article(big)


def test_cli_analyses_a_50_mb_text_in_chunks(tmp_path, analyzer_session, monkeypatch):
    """50 MB, mostly blank lines so the model's time stays small: it still goes through
    chunking, offsets far into the text and the merge of one name found in two chunks."""
    text = (
        "Angela Merkel said that Berlin would wait.\n"
        + "\n" * (25 * MB)
        + "Angela Merkel visited Paris on Monday.\n"
        + " \n" * (12 * MB)
        + "Olaf Scholz met Emmanuel Macron in Paris."
    )
    p = tmp_path / "long.txt"
    p.write_text(text, encoding="utf-8")
    lib = tmp_path / "lib"
    import broadsheet.analysis as analysis

    shared = analyzer_session.nlp()
    monkeypatch.setattr(analysis.Analyzer, "nlp", lambda self: shared)  # no second model load
    out = tmp_path / "out.jsonl"
    with out.open("w", encoding="utf-8") as f:
        monkeypatch.setattr(sys, "stdout", f)
        assert main(["extract", str(p), "--format", "jsonl", "--library", str(lib)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["text"] == text
    merkel = [e for e in data["entities"] if e["name"] == "Angela Merkel"]
    assert len(merkel) == 1 and len(merkel[0]["mentions"]) == 2
    assert merkel[0]["mentions"][1]["start"] > 25 * MB
    for e in data["entities"]:
        for m in e["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]
    assert [e["id"] for e in data["entities"]] == [
        f"e{i}" for i in range(1, len(data["entities"]) + 1)
    ]


ODD_NAMES = [
    "naïve café — 新闻 (1).txt",
    "-starts-with-a-dash.md",
    "  spaces  around  .txt",
    'quote\'s "double" & ampersand.txt',
    "emoji 📰 news.md",
    "UPPER.TXT",
    "x" * 200 + ".txt",
]


@pytest.mark.parametrize("name", ODD_NAMES)
def test_odd_file_names_are_read(tmp_path, name):
    p = tmp_path / name
    p.write_text("Angela Merkel said that Berlin would wait.", encoding="utf-8")
    art = read_article(p)
    assert art.path == str(p) and art.title


def test_a_name_with_a_newline_and_bytes_that_are_not_utf8(tmp_path, analyzer_session, capsys):
    raw = os.fsencode(tmp_path) + b"/bad\xff name\nsecond line.txt"
    with open(raw, "wb") as f:
        f.write(b"Angela Merkel said that Berlin would wait.")
    path = os.fsdecode(raw)
    art = read_article(path)
    assert "\n" not in art.title
    art.path.encode("utf-8")  # storable and printable
    analyzer = Analyzer(Library(tmp_path / "lib"))
    analyzer._nlp = analyzer_session.nlp()
    facts = analyzer.analyse_article(art)
    assert analyzer.library.documents()[0].sha256 == facts.sha256
    os.remove(raw)
    with pytest.raises(ReadError) as err:
        read_article(path)
    assert "\n" not in str(err.value) and "\\n" in str(err.value)
    assert main(["extract", path, "--library", str(tmp_path / "lib")]) == 1
    assert len(capsys.readouterr().err.splitlines()) == 1


def test_a_file_that_vanishes_during_a_run(tmp_path, analyzer_session):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Angela Merkel said that Berlin would wait.", encoding="utf-8")
    b.write_text("Olaf Scholz visited Paris.", encoding="utf-8")
    analyzer = Analyzer(Library(tmp_path / "lib"))
    analyzer._nlp = analyzer_session.nlp()

    def paths():
        yield a
        b.unlink()  # gone between the listing and the reading
        yield b

    outs = list(analyzer.run(paths(), batch=1))
    assert outs[0].facts is not None
    assert outs[1].error and "does not exist" in outs[1].error
    assert len(analyzer.library.documents()) == 1


def test_a_file_replaced_while_it_is_read_is_read_once(tmp_path, monkeypatch):
    """Readers read the bytes once, so a parser never sees a file change under it."""
    p = tmp_path / "x.txt"
    p.write_text("Angela Merkel said so.", encoding="utf-8")
    real_open, real_path_open = os.open, Path.open
    opened = []

    def counting_open(path, *args, **kwargs):
        opened.append(Path(path))
        return real_open(path, *args, **kwargs)

    def counting_path_open(self, *args, **kwargs):
        opened.append(self)
        return real_path_open(self, *args, **kwargs)

    monkeypatch.setattr(os, "open", counting_open)
    monkeypatch.setattr(Path, "open", counting_path_open)
    read_article(p)
    assert opened == [p]
