"""``broadsheet import --queue`` and ``broadsheet worker`` on the throwaway PostgreSQL server:
the same facts as a plain import, workers sharing a queue, a worker killed mid-document."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from broadsheet.cli import main
from broadsheet.store.library import Library

PEOPLE = ["Angela Merkel", "Emmanuel Macron", "Olaf Scholz", "Giorgia Meloni"]
CITIES = ["Berlin", "Paris", "Rome", "Madrid", "Vienna"]


def articles(folder: Path, n: int, long_first: bool = False) -> Path:
    folder.mkdir()
    for i in range(n):
        who, city = PEOPLE[i % len(PEOPLE)], CITIES[i % len(CITIES)]
        repeat = 3000 if long_first and i == 0 else 3
        body = " ".join(f"{who} said on day {i}.{k} that {city} would wait." for k in range(repeat))
        (folder / f"a{i:02d}.txt").write_text(f"News {i}\n\n{body}\n", encoding="utf-8")
    return folder


def states(where: str, capsys) -> dict[str, str]:
    capsys.readouterr()
    assert main(["list", "--library", where, "--format", "json"]) == 0
    return {Path(d["path"]).name: d["state"] for d in json.loads(capsys.readouterr().out)}


def facts_by_sha(where: str) -> dict[str, dict]:
    lib = Library(where)
    try:
        return {d.sha256: lib.newest_facts(d.sha256).to_json() for d in lib.documents()}
    finally:
        lib.close()


def worker(where: str, *more: str, lease_s: float = 60) -> subprocess.Popen[str]:
    env = {**os.environ, "BROADSHEET_QUEUE_LEASE_S": str(lease_s)}
    cmd = [sys.executable, "-m", "broadsheet.cli", "worker", "--library", where, *more]
    return subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,  # its own process group: killed with its children
    )


def analysed_by(proc: subprocess.Popen[str]) -> int:
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    [line] = [x for x in out.splitlines() if x.startswith("Analysed ")]
    return int(line.split()[1].rstrip(","))


@pytest.fixture
def second_url(pg_server):
    name = f"bs_test_{os.getpid()}_queue_plain"
    yield pg_server.create_database(name)
    pg_server.drop_database(name)


def test_import_queue_then_worker_gives_the_facts_of_a_plain_import(
    pg_url, second_url, tmp_path, capsys
):
    folder = articles(tmp_path / "in", 4)
    assert main(["import", str(folder), "--library", second_url, "-j", "1"]) == 0
    assert main(["import", str(folder), "--library", pg_url, "--queue"]) == 0
    assert "Queued 4 for analysis" in capsys.readouterr().out
    assert set(states(pg_url, capsys).values()) == {"pending"}
    assert main(["list", "--library", pg_url]) == 0
    shown = capsys.readouterr().out
    assert "Queue: 4 pending, 0 being analysed, 0 failed." in shown and "[pending]" in shown
    # Queued again: nothing new (the texts are in the queue already).
    assert main(["import", str(folder), "--library", pg_url, "--queue"]) == 0
    assert "Queued 0" not in capsys.readouterr().out  # "Imported 0, skipped 4 …"
    assert main(["worker", "--library", pg_url, "--until-idle"]) == 0
    assert "Analysed 4, 0 could not be analysed." in capsys.readouterr().out
    assert states(pg_url, capsys) == {f"a{i:02d}.txt": "analysed" for i in range(4)}
    assert facts_by_sha(pg_url) == facts_by_sha(second_url)
    # Queued once analysed: skipped, as a plain import skips them.
    assert main(["import", str(folder), "--library", pg_url, "--queue"]) == 0
    assert "skipped 4 already in the library" in capsys.readouterr().out


def test_three_workers_share_a_queue_and_analyse_each_document_once(pg_url, tmp_path, capsys):
    n = 12
    folder = articles(tmp_path / "in", n)
    assert main(["import", str(folder), "--library", pg_url, "--queue"]) == 0
    # Three worker processes on two "machines": one with -j 2, one alone.
    procs = [worker(pg_url, "-j", "2", "--until-idle"), worker(pg_url, "--until-idle")]
    assert sum(analysed_by(p) for p in procs) == n  # none analysed twice
    assert states(pg_url, capsys) == {f"a{i:02d}.txt": "analysed" for i in range(n)}
    lib = Library(pg_url)
    assert lib.waiting() == [] and len(lib.documents()) == n
    lib.close()


def test_a_worker_killed_mid_document_loses_nothing(pg_url, tmp_path, capsys):
    n = 4
    folder = articles(tmp_path / "in", n, long_first=True)  # a00.txt takes seconds
    assert main(["import", str(folder), "--library", pg_url, "--queue"]) == 0
    lease_s = 2.0
    doomed = worker(pg_url, lease_s=lease_s)
    lib = Library(pg_url)
    try:
        deadline = time.monotonic() + 300
        while [w.state for w in lib.waiting() if w.path.endswith("a00.txt")] != ["analysing"]:
            assert doomed.poll() is None, doomed.communicate()
            assert time.monotonic() < deadline, "the worker never took a document"
            time.sleep(0.05)
        time.sleep(lease_s + 0.5)  # its lease renewed meanwhile: still analysing
        assert lib.queue_counts().analysing == 1 and lib.documents() == []
        os.killpg(doomed.pid, signal.SIGKILL)
        doomed.communicate(timeout=60)
        assert len(lib.waiting()) == n and lib.documents() == []  # nothing stored, nothing lost
        heir = worker(pg_url, "--until-idle", lease_s=lease_s)
        assert analysed_by(heir) == n  # the killed worker's document too, once
        assert states(pg_url, capsys) == {f"a{i:02d}.txt": "analysed" for i in range(n)}
        assert lib.waiting() == []
    finally:
        lib.close()
        if doomed.poll() is None:
            os.killpg(doomed.pid, signal.SIGKILL)


def test_a_folders_library_says_a_queue_needs_a_team_library(tmp_path, capsys):
    folder = articles(tmp_path / "in", 1)
    where = str(tmp_path / "lib")
    assert main(["import", str(folder), "--library", where, "--queue"]) == 2
    assert main(["worker", "--library", where]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert (
        err
        == [
            "broadsheet: A queue needs a team library (--library postgresql://…): a folder's "
            "library is analysed where it is, by broadsheet import."
        ]
        * 2
    )
    assert main(["import", str(folder), "--library", where, "-j", "1"]) == 0  # as before
