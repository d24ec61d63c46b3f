"""The library's one error type, importable without SQLAlchemy (the window paints before the
library opens, and importing the database layer takes a noticeable part of a second)."""


class LibraryError(Exception):
    """The library cannot be opened or written; the message is for the user."""
