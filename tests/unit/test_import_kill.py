"""A batch import killed with SIGKILL leaves a consistent library, and a second run resumes."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from broadsheet.store.library import Library

PEOPLE = ["Angela Merkel", "Emmanuel Macron", "Olaf Scholz", "Giorgia Meloni", "Pedro Sanchez"]
CITIES = ["Berlin", "Paris", "Rome", "Madrid", "Vienna", "Lisbon"]


def _children(pid: int) -> list[int]:
    out = []
    for stat in os.listdir("/proc"):
        if stat.isdigit():
            try:
                with open(f"/proc/{stat}/stat", encoding="ascii", errors="replace") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                out.append(int(stat))
    return out


def _gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            return f.read().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


def _count(db) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return con.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_kill_9_during_import_leaves_finished_documents_complete(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    n = 32
    for i in range(n):
        who, city = PEOPLE[i % len(PEOPLE)], CITIES[i % len(CITIES)]
        body = " ".join(f"{who} said on day {i}.{k} that {city} would wait." for k in range(25))
        (folder / f"a{i:02d}.txt").write_text(body, encoding="utf-8")
    lib = tmp_path / "lib"
    db = lib / "library.sqlite3"
    cmd = [sys.executable, "-m", "broadsheet.cli", "import", str(folder), "--library", str(lib)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 240
        while _count(db) < 3 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        assert proc.poll() is None, "the import finished before it could be interrupted"
        workers = _children(proc.pid)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(30)
    assert proc.returncode == -signal.SIGKILL
    # The analysing processes end with their parent, never left holding the model's memory.
    assert workers
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not all(_gone(w) for w in workers):
        time.sleep(0.1)
    assert all(_gone(w) for w in workers)

    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    docs = con.execute("SELECT id, sha256 FROM documents").fetchall()
    assert 3 <= len(docs) < n
    for doc_id, sha in docs:  # every stored document is whole: analysis, names, search row
        [(facts_json,)] = con.execute(
            "SELECT facts_json FROM analyses WHERE document_id = ?", (doc_id,)).fetchall()
        facts = json.loads(facts_json)
        assert facts["entities"] and facts["document"]["sha256"] == sha
        assert con.execute("SELECT count(*) FROM document_fts WHERE sha256 = ?",
                           (sha,)).fetchone()[0] == 1
    con.close()

    again = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    assert len(Library(lib).documents()) == n  # resumed: the rest imported, nothing twice
