import os
import subprocess
import sys

from PySide6.QtGui import QImage


def test_screenshot_saves_the_window_with_facts(tmp_path, seeded_copy, sample_path):
    out = tmp_path / "shot.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    p = subprocess.run(
        [
            sys.executable,
            "-m",
            "broadsheet.cli",
            "--screenshot",
            str(out),
            "--library",
            str(seeded_copy),
            str(sample_path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert p.returncode == 0, p.stderr
    img = QImage(str(out))
    assert img.width() > 800 and img.height() > 500


def test_screenshot_of_a_missing_file_fails_cleanly(tmp_path, library_dir):
    out = tmp_path / "shot.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    p = subprocess.run(
        [
            sys.executable,
            "-m",
            "broadsheet.cli",
            "--screenshot",
            str(out),
            "--library",
            str(library_dir),
            str(tmp_path / "gone.txt"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert p.returncode == 1
    assert "does not exist" in p.stderr and "Traceback" not in p.stderr
    assert not out.exists()
