"""One window per user and library: a second ``broadsheet FILE`` hands FILE to the first and exits.

The first process listens on a local socket (``QLocalServer``: a Unix socket, a named pipe on
Windows) whose name is derived from the user and the library folder, so runs with different
``--library`` folders never meet. On Unix the socket lives in a folder of this user's alone (the
runtime folder, else the cache folder), never at a name in /tmp that another user could take
first; both sides check that the other end is this user. A later process connects, sends one
JSON line ``{"files": [absolute paths]}``, waits for ``ok`` and exits; the first one emits
``filesReceived`` and the application opens the file in its window and raises it. No second
model is loaded.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
import os
import socket
import struct
import tempfile
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket

log = logging.getLogger(__name__)


TIMEOUT_MS = 5000
MAX_MESSAGE = 1 << 20


def server_name(library_folder: str | os.PathLike[str]) -> str:
    """The socket for this user and this library folder: a path in a private folder on Unix, a
    pipe name on Windows (where ``UserAccessOption`` keeps other users out)."""
    try:
        user = getpass.getuser()
    except Exception:  # no user name in the environment or the password database
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    folder = os.path.normcase(os.path.abspath(Path(library_folder).expanduser()))
    digest = hashlib.sha256(f"{user}\0{folder}".encode()).hexdigest()[:20]
    if os.name != "posix":
        return f"broadsheet-{digest}"
    return str(_socket_folder() / f"bs-{digest[:16]}.sock")


MAX_SOCKET_PATH = 103  # a Unix socket's path must fit in sun_path (104 bytes on macOS, 108 here)
_NAME_LEN = len("/bs-0123456789abcdef.sock")


def _socket_folder() -> Path:
    """The user's runtime folder (``$XDG_RUNTIME_DIR``, 0700 by its specification), else the
    cache folder; either only if it and the folder above it are this user's."""
    from ..paths import cache_dir, private_dir

    runtime = os.environ.get("XDG_RUNTIME_DIR")
    candidates = [Path(runtime) / "broadsheet"] if runtime else []
    # The cache folder, else (a deep one leaves no room for the socket's name) a folder of this
    # user's in the temporary folder, checked like the others: another user may have made it.
    candidates += [
        cache_dir() / "run",
        Path(tempfile.gettempdir()) / f"broadsheet-{getattr(os, 'getuid', int)()}",
    ]
    for folder in candidates:
        if len(os.fsencode(folder)) + _NAME_LEN > MAX_SOCKET_PATH:
            continue
        try:
            private_dir(folder)
            if _ours(folder) and _ours(folder.parent, private=False):
                return folder
        except OSError:
            continue
        log.warning("single instance: %s is not this user's alone; not used", folder)
    raise OSError("no private folder for the single-instance socket")


def _ours(path: Path, private: bool = True) -> bool:
    """Owned by this user and, with ``private``, open to nobody else."""
    st = path.stat()
    return st.st_uid == os.getuid() and (not private or st.st_mode & 0o077 == 0)


def peer_uid(sock: QLocalSocket) -> int | None:
    """The user id of the process at the other end of a connected Unix socket (Linux); None
    where the system does not tell."""
    opt = getattr(socket, "SO_PEERCRED", None)
    fd = int(sock.socketDescriptor())
    if opt is None or fd < 0:
        return None
    s = socket.socket(fileno=os.dup(fd))
    try:
        _pid, uid, _gid = struct.unpack(
            "3i", s.getsockopt(socket.SOL_SOCKET, opt, struct.calcsize("3i"))
        )
    except OSError:
        return None
    finally:
        s.close()
    return uid


def _stranger(sock: QLocalSocket) -> bool:
    uid = peer_uid(sock)
    return uid is not None and uid != os.getuid()


def send_to_running(name: str, files: list[str], timeout_ms: int = TIMEOUT_MS) -> bool:
    """Hand ``files`` to the instance listening on ``name``; False when there is none.

    Blocking, without an event loop: this runs in a process that is about to exit.
    """
    if os.name == "posix":
        try:
            if not _ours(Path(name), private=False) or not _ours(Path(name).parent):
                log.warning("single instance: %s is not this user's; not used", name)
                return False
        except OSError:
            return False  # no socket: nobody is listening
    sock = QLocalSocket()
    sock.connectToServer(name)
    if not sock.waitForConnected(timeout_ms):
        return False
    if _stranger(sock):
        log.warning("single instance: %s is served by another user; files not sent", name)
        sock.abort()
        return False
    message = json.dumps({"files": [os.path.abspath(f) for f in files]}) + "\n"
    sock.write(message.encode("utf-8"))
    if not sock.waitForBytesWritten(timeout_ms):
        sock.abort()
        return False
    reply = b""
    while b"\n" not in reply and sock.waitForReadyRead(timeout_ms):
        reply += bytes(sock.readAll().data())
    sock.disconnectFromServer()
    return reply.strip() == b"ok"


class SingleInstance(QObject):
    """The listening side. ``filesReceived(list[str])`` is emitted on the GUI thread."""

    filesReceived = Signal(list)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytes] = {}

    def listen(self) -> bool:
        """Become the instance; False when another live process already is."""
        # Ask first: on Unix a listen() with access restrictions replaces the socket file of a
        # live server, and on Windows two servers may share a pipe name.
        probe = QLocalSocket()
        probe.connectToServer(self.name)
        if probe.waitForConnected(500):
            probe.abort()
            return False
        if not self.server.listen(self.name):
            if self.server.serverError() != QAbstractSocket.SocketError.AddressInUseError:
                log.warning(
                    "single instance: cannot listen on %s: %s", self.name, self.server.errorString()
                )
                return False
            # A socket left behind by a process that crashed: nobody answered on it.
            QLocalServer.removeServer(self.name)
            if not self.server.listen(self.name):
                return False
        log.info("single instance: listening on %s", self.server.fullServerName())
        return True

    def close(self) -> None:
        self.server.close()

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            sock = self.server.nextPendingConnection()
            if sock is None:
                break
            if _stranger(sock):
                log.warning("single instance: a connection from another user refused")
                sock.abort()
                sock.deleteLater()
                continue
            self._buffers[sock] = b""
            sock.readyRead.connect(lambda s=sock: self._read(s))
            sock.disconnected.connect(lambda s=sock: self._drop(s))
            if sock.bytesAvailable():
                self._read(sock)

    def _drop(self, sock: QLocalSocket) -> None:
        self._buffers.pop(sock, None)
        sock.deleteLater()

    def _read(self, sock: QLocalSocket) -> None:
        if sock not in self._buffers:
            return
        data = self._buffers[sock] + bytes(sock.readAll().data())
        if len(data) > MAX_MESSAGE:
            log.warning("single instance: message too long, dropped")
            self._buffers.pop(sock, None)
            sock.abort()
            return
        self._buffers[sock] = data
        if b"\n" not in data:
            return
        line = data.split(b"\n", 1)[0]
        self._buffers.pop(sock, None)
        try:
            msg = json.loads(line.decode("utf-8"))
            files = [str(f) for f in msg.get("files", [])]
        except (ValueError, AttributeError, TypeError):
            log.warning("single instance: unreadable message %r", line[:200])
            sock.write(b"error\n")
            sock.flush()
            sock.disconnectFromServer()
            return
        sock.write(b"ok\n")
        sock.flush()
        sock.disconnectFromServer()
        log.info("single instance: received %s", files)
        self.filesReceived.emit(files)
