"""The library's files are the reader's alone: a folder Broadsheet creates is 0700; the library,
its -wal and -shm, and the reader-data files are 0600, whatever the umask."""

from __future__ import annotations

import json
import os
import stat

import pytest

from broadsheet import corrections as corr
from broadsheet.facts import Entity, Facts, Mention
from broadsheet.store import sidecar
from broadsheet.store.library import Library


def facts() -> Facts:
    text = "Angela Merkel met Emmanuel Macron in Paris."
    return Facts(
        text=text,
        path="/tmp/a.txt",
        title="A",
        pipeline="m+b",
        entities=[
            Entity("e1", "person", "Angela Merkel", mentions=[Mention(0, 13, "Angela Merkel")])
        ],
    )


@pytest.fixture(autouse=True)
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode(p) -> int:  # noqa: ANN001 - a Path
    return stat.S_IMODE(p.stat().st_mode)


def test_a_new_library_is_private(tmp_path):
    folder = tmp_path / "new" / "library"
    lib = Library(folder)
    f = facts()
    lib.put(f)
    assert mode(folder) == 0o700
    assert mode(tmp_path / "new") == 0o755  # a parent is not the library's to close
    names = ["library.sqlite3", "library.sqlite3-wal", "library.sqlite3-shm"]
    assert {n: mode(folder / n) for n in names} == dict.fromkeys(names, 0o600)
    lib.add_correction(f.sha256, corr.hide(f.entities[0]))
    lib.close()
    assert mode(sidecar.path_in(folder)) == 0o600


def test_kept_reader_data_is_private(tmp_path):
    lib = Library(tmp_path)
    f = facts()
    lib.add_correction(f.sha256, corr.hide(f.entities[0]))
    lib.close()
    data = json.loads(sidecar.path_in(tmp_path).read_text(encoding="utf-8"))
    data["corrections"].append({"action": "hide"})
    sidecar.path_in(tmp_path).write_text(json.dumps(data), encoding="utf-8")
    (tmp_path / "library.sqlite3").unlink()
    Library(tmp_path).close()
    [kept] = tmp_path.glob("reader-data.unreadable-*.json")
    assert mode(kept) == 0o600


def test_a_folder_the_reader_chose_keeps_its_mode(tmp_path):
    chosen = tmp_path / "Documents"
    chosen.mkdir(mode=0o755)
    Library(chosen).close()
    assert mode(chosen) == 0o755
    assert mode(chosen / "library.sqlite3") == 0o600
