"""One instance per user and library: a second process hands its file to the first and exits."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtNetwork import QLocalServer

from broadsheet.ui.app import open_from_outside
from broadsheet.ui.single_instance import SingleInstance, send_to_running, server_name

CLIENT = (
    "import sys; from broadsheet.ui.single_instance import send_to_running; "
    "sys.exit(0 if send_to_running(sys.argv[1], sys.argv[2:]) else 3)"
)


@pytest.fixture
def instance(qtbot, tmp_path):
    si = SingleInstance(server_name(tmp_path / f"lib-{time.monotonic_ns()}"))
    assert si.listen()
    yield si
    si.close()


def test_names_differ_by_library_folder(tmp_path):
    a, b = server_name(tmp_path / "a"), server_name(tmp_path / "b")
    assert a != b and len(os.fsencode(a)) <= 103  # a Unix socket path fits in sun_path
    assert server_name(tmp_path / "a") == a
    assert server_name(str(tmp_path / "x" / ".." / "a")) == a


def test_nobody_listening_means_no_instance(tmp_path):
    assert not send_to_running(server_name(tmp_path / "nobody"), ["x.txt"], timeout_ms=500)


def test_a_client_process_hands_over_an_absolute_path(qtbot, instance, tmp_path):
    with qtbot.waitSignal(instance.filesReceived, timeout=30_000) as blocker:
        p = subprocess.Popen(
            [sys.executable, "-c", CLIENT, instance.name, "relative/article.txt"], cwd=tmp_path
        )
        qtbot.waitUntil(lambda: p.poll() is not None, timeout=30_000)
    assert p.returncode == 0
    assert blocker.args[0] == [str(tmp_path / "relative" / "article.txt")]


def test_a_second_server_with_the_same_name_does_not_listen(qtbot, instance):
    other = SingleInstance(instance.name)
    assert not other.listen()


def test_a_stale_socket_is_taken_over(qtbot, tmp_path):
    if sys.platform == "win32":
        pytest.skip("named pipes leave nothing behind")
    name = server_name(tmp_path / "stale")
    first = SingleInstance(name)
    assert first.listen()
    path = Path(first.server.fullServerName())
    # A crashed process leaves its socket file: keep the file, drop the listener.
    first.server.setParent(None)
    os.rename(path, path.with_name(path.name + ".keep"))
    first.close()
    os.rename(path.with_name(path.name + ".keep"), path)
    assert path.exists()
    second = SingleInstance(name)
    assert second.listen()
    second.close()
    QLocalServer.removeServer(name)


def test_received_files_open_in_the_window_and_raise_it(
    qtbot, make_window, seeded_copy, sample_path, monkeypatch
):
    w = make_window(seeded_copy)
    opened, raised = [], []
    monkeypatch.setattr(w, "open_path", lambda p: opened.append(p))
    monkeypatch.setattr(w, "raise_", lambda: raised.append(True))
    w.showMinimized()
    open_from_outside(w, [str(sample_path)])
    assert opened == [str(sample_path)] and raised
    assert not w.isMinimized()


def _wait_for_line(path: Path, text: str, proc: subprocess.Popen, timeout: float = 120) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if path.exists() and text in path.read_text(encoding="utf-8", errors="replace"):
            return
        if proc.poll() is not None:
            raise AssertionError(f"the first process exited with {proc.returncode}")
        time.sleep(0.2)
    raise AssertionError(f"{text!r} never appeared in {path}")


def test_two_real_processes(tmp_path, seeded_copy, sample_path):
    home = tmp_path / "home"
    log = home / "logs" / "broadsheet.log"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "BROADSHEET_HOME": str(home)}
    cmd = [sys.executable, "-m", "broadsheet.cli", "--library", str(seeded_copy)]
    first = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_for_line(log, "single instance: listening", first)
        copy = tmp_path / "second.txt"
        copy.write_text(sample_path.read_text(encoding="utf-8"), encoding="utf-8")
        second = subprocess.run(
            [*cmd, "second.txt"],
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert second.returncode == 0, second.stderr
        _wait_for_line(log, f"single instance: received ['{copy}']", first)
        assert first.poll() is None  # still running, with the file
        # A screenshot run with the same library never joins in: it makes its own window.
        shot = tmp_path / "shot.png"
        third = subprocess.run(
            [*cmd, "--screenshot", str(shot), str(sample_path)],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert third.returncode == 0, third.stderr
        assert shot.exists()
        text = log.read_text(encoding="utf-8")
        assert text.count("single instance: received") == 1
        assert f"handed ['{copy}'] to the running instance" in text
    finally:
        first.terminate()
        try:
            first.wait(30)
        except subprocess.TimeoutExpired:
            first.kill()
            first.wait(30)


def test_file_open_events_wait_for_the_window_then_go_straight_to_it(qtbot, tmp_path):
    from PySide6.QtGui import QFileOpenEvent

    from broadsheet.ui.app import FileOpenRouter

    router = FileOpenRouter()
    first, second = str(tmp_path / "a.txt"), str(tmp_path / "b.pdf")
    assert router.handle(QFileOpenEvent(first))
    assert router.take_pending() == [first] and router.pending == []
    router.connected = True
    with qtbot.waitSignal(router.fileOpenRequested) as blocker:
        assert router.handle(QFileOpenEvent(second))
    assert blocker.args == [second]
    from PySide6.QtCore import QEvent

    assert not router.handle(QEvent(QEvent.Type.Show))


def test_the_application_routes_file_open_events(tmp_path):
    # BroadsheetApp can only be created where no QApplication exists: a process of its own.
    script = (
        "import sys; from PySide6.QtCore import QCoreApplication; "
        "from PySide6.QtGui import QFileOpenEvent; from broadsheet.ui.app import BroadsheetApp; "
        "app = BroadsheetApp(['t']); "
        "QCoreApplication.sendEvent(app, QFileOpenEvent(sys.argv[1])); "
        "print(app.file_router.take_pending())"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    target = str(tmp_path / "doc.txt")
    p = subprocess.run(
        [sys.executable, "-c", script, target], capture_output=True, text=True, env=env, timeout=120
    )
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == repr([target])


@pytest.mark.skipif(os.name != "posix", reason="Unix sockets")
def test_the_socket_is_in_a_folder_of_this_users_alone(tmp_path, monkeypatch):
    """Not a name in /tmp that another local user could create first."""
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "run"))
    (tmp_path / "run").mkdir(mode=0o700)
    name = Path(server_name(tmp_path / "lib"))
    assert name.parent == tmp_path / "run" / "broadsheet"
    assert name.parent.stat().st_mode & 0o777 == 0o700


@pytest.mark.skipif(os.name != "posix", reason="Unix sockets")
def test_a_runtime_folder_open_to_others_is_not_used(tmp_path, monkeypatch):
    shared = tmp_path / "shared"
    (shared / "broadsheet").mkdir(parents=True)
    os.chmod(shared / "broadsheet", 0o777)  # as one made by someone else would be
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(shared))
    name = Path(server_name(tmp_path / "lib"))
    assert shared not in name.parents
    assert name.parent.stat().st_mode & 0o077 == 0


@pytest.mark.skipif(not hasattr(socket, "SO_PEERCRED"), reason="peer credentials: Linux")
def test_both_ends_know_the_other_is_this_user(qtbot, instance):
    from PySide6.QtNetwork import QLocalSocket

    from broadsheet.ui.single_instance import peer_uid

    client = QLocalSocket()
    client.connectToServer(instance.name)
    assert client.waitForConnected(2000)
    assert peer_uid(client) == os.getuid()
    client.abort()


@pytest.mark.skipif(os.name != "posix", reason="Unix sockets")
def test_a_socket_owned_by_another_user_gets_no_files(tmp_path, monkeypatch):
    import broadsheet.ui.single_instance as si

    name = server_name(tmp_path / "lib")
    Path(name).write_text("")  # stands for a socket file someone else created
    real_ours = si._ours
    monkeypatch.setattr(
        si, "_ours", lambda p, private=True: p != Path(name) and real_ours(p, private)
    )
    assert not send_to_running(name, ["x.txt"], timeout_ms=500)


@pytest.mark.skipif(os.name != "posix", reason="Unix sockets")
def test_a_folder_too_deep_for_a_socket_path_is_passed_over(tmp_path, monkeypatch):
    deep = tmp_path / ("d" * 90)
    deep.mkdir()
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(deep))
    monkeypatch.setenv("BROADSHEET_HOME", str(deep))
    name = server_name(tmp_path / "lib")
    assert len(os.fsencode(name)) <= 103 and deep not in Path(name).parents
