"""Only this user can reach the single-instance socket, and it hands files to this user alone."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

import broadsheet.ui.single_instance as si
from broadsheet.ui.single_instance import SingleInstance, server_name

pytestmark = pytest.mark.skipif(os.name != "posix", reason="Unix sockets and file owners")

CLIENT = (
    "import sys; from broadsheet.ui.single_instance import send_to_running; "
    "sys.exit(0 if send_to_running(sys.argv[1], sys.argv[2:]) else 3)"
)


@pytest.fixture
def instance(qtbot, tmp_path):
    si_ = SingleInstance(server_name(tmp_path / f"lib-{time.monotonic_ns()}"))
    assert si_.listen()
    received: list[list[str]] = []
    si_.filesReceived.connect(received.append)
    si_.received = received
    yield si_
    si_.close()


def _client(qtbot, name: str, cwd: Path) -> int:
    p = subprocess.Popen([sys.executable, "-c", CLIENT, name, "article.txt"], cwd=cwd)
    qtbot.waitUntil(lambda: p.poll() is not None, timeout=30_000)
    return p.returncode


def test_the_socket_lives_in_a_private_folder_not_in_tmp(qtbot, instance):
    path = Path(instance.server.fullServerName())
    folder = path.parent.stat()
    assert path.parent != Path(tempfile.gettempdir())
    assert folder.st_uid == os.getuid() and stat.S_IMODE(folder.st_mode) == 0o700
    assert stat.S_ISSOCK(path.lstat().st_mode) and path.lstat().st_mode & 0o077 == 0


def test_without_a_runtime_folder_a_private_one_in_the_cache_is_used(tmp_path, monkeypatch):
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.setenv("BROADSHEET_HOME", str(tmp_path))
    old = os.umask(0o022)
    try:
        name = Path(server_name(tmp_path / "lib"))
    finally:
        os.umask(old)
    if sys.platform.startswith("linux"):
        assert name.parent == tmp_path / "cache" / "run"
    assert stat.S_IMODE(name.parent.stat().st_mode) == 0o700


def test_a_working_client_is_the_baseline(qtbot, instance, tmp_path):
    assert _client(qtbot, instance.name, tmp_path) == 0
    qtbot.waitUntil(lambda: instance.received == [[str(tmp_path / "article.txt")]])


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_a_client_hands_nothing_to_a_socket_another_user_owns(qtbot, instance, tmp_path):
    path = Path(instance.server.fullServerName())
    assert path.parent != Path(tempfile.gettempdir()), path
    os.chown(path, 65534, -1, follow_symlinks=False)
    try:
        assert _client(qtbot, instance.name, tmp_path) == 3
    finally:
        os.chown(path, os.getuid(), -1, follow_symlinks=False)
    qtbot.wait(200)
    assert instance.received == []


def test_a_client_hands_nothing_over_when_the_folder_is_open_to_others(qtbot, instance, tmp_path):
    folder = Path(instance.server.fullServerName()).parent
    mode = stat.S_IMODE(folder.stat().st_mode)
    # Never loosen a shared folder such as /tmp: only the instance's own one.
    assert mode == 0o700 and folder != Path(tempfile.gettempdir()), folder
    os.chmod(folder, 0o755)
    try:
        assert _client(qtbot, instance.name, tmp_path) == 3
    finally:
        os.chmod(folder, mode)
    qtbot.wait(200)
    assert instance.received == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="SO_PEERCRED is Linux's")
def test_the_instance_refuses_a_peer_of_another_user(qtbot, instance, tmp_path, monkeypatch):
    # The client process is this user; the instance is told its peer is someone else.
    monkeypatch.setattr(si, "peer_uid", lambda sock: os.getuid() + 4242)
    assert _client(qtbot, instance.name, tmp_path) == 3
    qtbot.wait(200)
    assert instance.received == []
