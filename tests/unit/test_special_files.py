"""Files that are not regular files (a named pipe called x.txt) are refused at once by the
commands that walk folders or read files, never waited on."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")


@pytest.mark.parametrize("command", ["import", "extract"])
def test_a_named_pipe_among_articles_is_reported_and_the_rest_done(tmp_path, command):
    folder = tmp_path / "articles"
    folder.mkdir()
    os.mkfifo(folder / "x.txt")
    (folder / "y.txt").write_text("Angela Merkel said Berlin would wait.", encoding="utf-8")
    targets = (
        [str(folder)] if command == "import" else [str(folder / "x.txt"), str(folder / "y.txt")]
    )
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "broadsheet",
            command,
            "--library",
            str(tmp_path / "lib"),
            *(["-j", "1"] if command == "import" else ["--format", "jsonl"]),
            *targets,
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert proc.returncode == 1
    assert "x.txt" in proc.stderr and "not a regular file" in proc.stderr
    if command == "import":
        assert "Imported 1" in proc.stdout
    else:
        assert '"error"' in proc.stdout.splitlines()[0] and "Merkel" in proc.stdout
