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
STEP_S = 0.01  # how long the import runs between two looks at the library


def _stat(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the command name (state first), or None if gone."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            return f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None


def _group(pgid: int) -> dict[int, str]:
    """The processes of a process group: pid -> start time (which tells a reused pid)."""
    out = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            fields = _stat(int(entry))
            if fields is not None and int(fields[2]) == pgid and fields[0] not in "ZX":
                out[int(entry)] = fields[19]
    return out


def _gone(pid: int, started: str) -> bool:
    fields = _stat(pid)
    return fields is None or fields[0] in "ZX" or fields[19] != started


def _stopped(pid: int) -> bool:
    """Every thread of the process stopped (or the process gone)."""
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return True
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/stat", encoding="ascii", errors="replace") as f:
                if f.read().rsplit(")", 1)[1].split()[0] not in "TtZX":
                    return False
        except OSError:
            continue  # that thread has ended
    return True


def _stop(pgid: int) -> dict[int, str]:
    """Stop every process of the group and return them once the kernel shows all their threads
    stopped: nothing in it runs, reads or writes until ``_resume``."""
    while True:
        os.killpg(pgid, signal.SIGSTOP)
        settled = time.monotonic() + 0.5
        while time.monotonic() < settled:
            members = _group(pgid)
            if all(_stopped(pid) for pid in members):
                return members
            os.killpg(pgid, signal.SIGSTOP)  # again: a process started meanwhile
        # One cannot stop while another is stopped: a parent waits, unstoppable, for the child
        # it has just vfork()ed to run its program. Let them go on a moment, and try again.
        _resume(pgid)
        time.sleep(STEP_S)


def _resume(pgid: int) -> None:
    try:
        os.killpg(pgid, signal.SIGCONT)
    except ProcessLookupError:
        pass


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
    cmd = [
        sys.executable,
        "-m",
        "broadsheet.cli",
        "import",
        str(folder),
        "--library",
        str(lib),
        "-j",
        "2",
    ]  # worker processes on any machine, however many cores it has
    # A session of its own: its process group holds the import and every process it starts.
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    pgid = proc.pid
    members: dict[int, str] = {}
    try:
        # The import runs in short steps, stopped whole between them: what the library holds
        # is read while nothing writes, and the kill comes at that very state, never later.
        deadline = time.monotonic() + 240
        members = _stop(pgid)
        while (stored := _count(db)) < 3:
            assert proc.poll() is None, "the import ended before it had stored 3 documents"
            assert time.monotonic() < deadline, "no 3 documents stored in 240 s"
            _resume(pgid)
            time.sleep(STEP_S)
            members = _stop(pgid)
        assert stored < n, "the import finished within one step"
        workers = {pid: t for pid, t in members.items() if pid != proc.pid}
        os.kill(proc.pid, signal.SIGKILL)  # stopped, perhaps half-way through a transaction
        proc.wait(30)
        _resume(pgid)  # the workers go on, and find their parent gone
        assert proc.returncode == -signal.SIGKILL
        # The analysing processes end with their parent, never left holding the model's memory.
        assert workers
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not all(_gone(*w) for w in workers.items()):
            time.sleep(0.1)
        assert all(_gone(*w) for w in workers.items())
    finally:
        for pid, started in members.items():  # after a failure: nothing of it left behind
            if not _gone(pid, started):
                os.kill(pid, signal.SIGKILL)
        _resume(pgid)
        if proc.poll() is None:
            proc.wait(30)

    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    docs = con.execute("SELECT id, sha256 FROM documents").fetchall()
    assert 3 <= len(docs) < n
    for doc_id, sha in docs:  # every stored document is whole: analysis, names, search row
        [(facts_json,)] = con.execute(
            "SELECT facts_json FROM analyses WHERE document_id = ?", (doc_id,)
        ).fetchall()
        facts = json.loads(facts_json)
        assert facts["entities"] and facts["document"]["sha256"] == sha
        assert (
            con.execute("SELECT count(*) FROM document_fts WHERE sha256 = ?", (sha,)).fetchone()[0]
            == 1
        )
    con.close()

    again = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    assert len(Library(lib).documents()) == n  # resumed: the rest imported, nothing twice
