"""A team library's two roles: its readers, who may read everything, and its editors, who may
also add documents and corrections. ``broadsheet library init URL`` makes the library (or
brings its schema up to date) and the roles, as the database's owner; an administrator then
grants them to people's own login roles (``GRANT news_editors TO alice``).

The roles are named after the database (``news_readers``, ``news_editors`` for ``.../news``),
since a role belongs to the whole server and one server may hold several libraries. Running it
again changes nothing but what is missing; tables a later revision adds get the same rights
(default privileges of the owner).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, text
from sqlalchemy.exc import SQLAlchemyError

from ..errors import LibraryError
from .server import first_line, open_server, shown


@dataclass(frozen=True)
class Roles:
    readers: str
    editors: str


def names(database: str) -> Roles:
    return Roles(f"{database}_readers", f"{database}_editors")


def init_team_library(url: str) -> Roles:
    """Create or upgrade the library at ``url`` and its readers' and editors' roles."""
    opened = open_server(url)
    try:
        with opened.engine.begin() as conn:
            return _grant(conn)
    except SQLAlchemyError as e:
        raise LibraryError(
            f"Cannot set up the roles of the team library {shown(url)}: {first_line(e)} "
            "(run it as the database's owner, with the right to create roles)."
        ) from e
    finally:
        opened.engine.dispose()


def _grant(conn: Connection) -> Roles:
    quote = conn.dialect.identifier_preparer.quote
    database, schema = conn.execute(text("SELECT current_database(), current_schema()")).one()
    roles = names(database)
    for role in (roles.readers, roles.editors):
        there = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role})
        if there.scalar() is None:
            conn.exec_driver_sql(f"CREATE ROLE {quote(role)} NOLOGIN")
    readers, editors = quote(roles.readers), quote(roles.editors)
    both = f"{readers}, {editors}"
    s = quote(schema)
    writes = "SELECT, INSERT, UPDATE, DELETE"
    for grant in (
        f"GRANT CONNECT ON DATABASE {quote(database)} TO {both}",
        f"GRANT USAGE ON SCHEMA {s} TO {both}",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA {s} TO {readers}",
        f"GRANT {writes} ON ALL TABLES IN SCHEMA {s} TO {editors}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {s} TO {editors}",
        # Tables and sequences that later revisions make, as this owner.
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA {s} GRANT SELECT ON TABLES TO {readers}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA {s} GRANT {writes} ON TABLES TO {editors}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA {s} GRANT USAGE, SELECT ON SEQUENCES TO {editors}",
    ):
        conn.exec_driver_sql(grant)
    return roles
