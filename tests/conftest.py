"""Shared fixtures. Tests never touch the user's folders: BROADSHEET_HOME points at a temp dir."""

from __future__ import annotations

import importlib.util
import os
import shutil
import socket
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_HOME = tempfile.mkdtemp(prefix="broadsheet-test-home-")
os.environ["BROADSHEET_HOME"] = _HOME
os.environ.pop("BROADSHEET_MODEL", None)
os.environ.pop("BROADSHEET_LIBRARY", None)

ROOT = Path(__file__).resolve().parents[1]
# Helpers shared by test modules (``reports``), importable in them and in their spawned children.
sys.path.insert(0, str(ROOT / "tests"))
SAMPLE = ROOT / "seeds" / "kim-jong-un-arrives-in-russia.txt"


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def analyzer_session():
    """One loaded model for the whole run (loading it takes seconds)."""
    from broadsheet.analysis import Analyzer

    a = Analyzer(None)
    a.nlp()
    return a


@pytest.fixture(scope="session")
def sample_facts(analyzer_session, sample_path):
    from broadsheet.ingest import read_article

    return analyzer_session.analyse_article(read_article(sample_path))


@pytest.fixture(scope="session")
def seeded_library_dir(tmp_path_factory, sample_facts) -> Path:
    """A library folder that already holds the sample's analysis."""
    from broadsheet.store.library import Library

    folder = tmp_path_factory.mktemp("seeded-library")
    lib = Library(folder)
    lib.put(sample_facts)
    lib.close()
    return folder


@pytest.fixture
def library_dir(tmp_path) -> Path:
    return tmp_path / "library"


@pytest.fixture
def seeded_copy(tmp_path, seeded_library_dir) -> Path:
    """A private copy of the seeded library, for tests that change it."""
    dst = tmp_path / "seeded"
    shutil.copytree(seeded_library_dir, dst)
    return dst


@pytest.fixture(scope="session")
def hostile_corpus():
    """tests/unit/ingest/hostile_corpus.py: builders of hostile files (empty, binary, broken PDFs,
    ZIP bombs, pages with scripts…), shared by the reader, CLI and window tests."""
    path = ROOT / "tests" / "unit" / "ingest" / "hostile_corpus.py"
    spec = importlib.util.spec_from_file_location("broadsheet_hostile_corpus", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to connect or resolve a name is recorded and refused."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network access in a test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    return attempts


@pytest.fixture(scope="session")
def pg_server():
    """A throwaway PostgreSQL server for the run (tests/pg_server.py), started on first use.
    One that cannot start fails each test that needs it with the reason: never a skip."""
    from pg_server import ServerUnavailable, start_server, stop_server

    try:
        server = start_server()
    except ServerUnavailable as e:
        pytest.fail(f"PostgreSQL test server: {e}", pytrace=False)
    yield server
    stop_server(server)


_databases = iter(range(1, 1_000_000))


@pytest.fixture
def pg_url(pg_server) -> Iterator[str]:
    """The URL of a new, empty database on the test server, dropped after the test."""
    name = f"bs_test_{os.getpid()}_{next(_databases)}"
    yield pg_server.create_database(name)
    pg_server.drop_database(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request) -> str:
    return request.param


@pytest.fixture
def library_at(request, backend, tmp_path) -> str | Path:
    """Where a test's library is, on each backend: a folder for SQLite, a fresh database's
    URL for PostgreSQL."""
    if backend == "sqlite":
        return tmp_path
    return request.getfixturevalue("pg_url")
