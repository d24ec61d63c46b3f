"""File ▸ Connect to Team Library…: a PostgreSQL URL in place of the desktop library.

The URL is kept in the settings so the window connects to it at its next start, but never with
a password: libpq's own means carry that (``~/.pgpass``, a service file, ``PGPASSWORD``). A
password typed into the URL is used for this connection only, and the reader is told so.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from ..paths import is_server_url

ASK = (
    "The team library's address, e.g. postgresql://you@server/news\n"
    "(its password belongs in ~/.pgpass, a service file or PGPASSWORD, not in the address):"
)


def without_password(url: str) -> str:
    """The URL as it may be kept: ``postgresql://ann:secret@h/db`` is ``postgresql://ann@h/db``."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    user = parts.username or ""
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    netloc = f"{user}@{host}{port}" if user else f"{host}{port}"
    return urlunsplit(parts._replace(netloc=netloc))


def problem(url: str) -> str:
    """Why this is no team library's address ("" when it is one)."""
    if not url.strip():
        return "Type the address of a team library."
    if not is_server_url(url.strip()):
        return "A team library's address starts with postgresql:// (a folder is a desktop library)."
    return ""
