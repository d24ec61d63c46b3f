"""Where Broadsheet keeps things: the library folder, logs, bundled seeds and resources."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP = "broadsheet"


# A team's shared library is named by a libpq URL instead of a folder.
SERVER_SCHEMES = ("postgresql://", "postgres://")


def is_server_url(where: str | os.PathLike[str] | None) -> bool:
    """Whether ``--library`` names a library on a PostgreSQL server rather than a folder."""
    return isinstance(where, str) and where.lower().startswith(SERVER_SCHEMES)


def library_location(override: str | os.PathLike[str] | None = None) -> str | Path:
    """The library to open: ``--library`` (a folder or a ``postgresql://`` URL), else
    ``BROADSHEET_LIBRARY`` (either too), else the folder of ``library_dir``."""
    for where in (override, os.environ.get("BROADSHEET_LIBRARY")):
        if where and is_server_url(where):
            return str(where)
        if where:
            return Path(where).expanduser()
    return library_dir()


def library_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """``--library DIR``, else ``BROADSHEET_LIBRARY`` naming a folder, else ``BROADSHEET_HOME``,
    else the user's data folder. With a URL instead (a team's library on a server), the folder
    is the local one: it keeps this user's window settings, never the library."""
    for where in (override, os.environ.get("BROADSHEET_LIBRARY")):
        if where and is_server_url(where):
            break
        if where:
            return Path(where).expanduser()
    env = os.environ.get("BROADSHEET_HOME")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP))


def log_dir() -> Path:
    env = os.environ.get("BROADSHEET_HOME")
    return Path(env) / "logs" if env else Path(platformdirs.user_log_dir(APP))


def cache_dir() -> Path:
    """Data Broadsheet can rebuild at any time (deleting it only costs time)."""
    env = os.environ.get("BROADSHEET_HOME")
    return Path(env) / "cache" if env else Path(platformdirs.user_cache_dir(APP))


def private_dir(folder: Path) -> Path:
    """``folder``, created readable by this user alone (0700) if it is not there, and so is
    every folder above it that has to be made; a folder that exists (perhaps one the user
    chose) is left as it is."""
    missing = [f for f in (folder, *folder.parents) if not f.is_dir()]
    for f in reversed(missing):
        try:
            f.mkdir(mode=0o700)
        except FileExistsError:
            continue  # made by another process meanwhile
        os.chmod(f, 0o700)  # mkdir's mode is narrowed by the umask, never widened
    return folder


def _root() -> Path:
    # A PyInstaller bundle unpacks next to the executable; a checkout has them at the top level.
    frozen = getattr(sys, "_MEIPASS", None)
    return Path(frozen) if frozen else Path(__file__).resolve().parents[2]


def resources_dir() -> Path:
    return _root() / "resources"


def seeds_dir() -> Path:
    return _root() / "seeds"


def sample_article() -> Path | None:
    seeds = sorted(seeds_dir().glob("*.txt"))
    return seeds[0] if seeds else None
