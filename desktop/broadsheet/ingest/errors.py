"""The one error type the readers raise: its message is shown to the user as it is."""

from __future__ import annotations

import unicodedata


def display_path(path: str) -> str:
    """The path as one printable line: undecodable bytes and control characters become visible.

    File names may hold bytes that are not UTF-8 (kept by Python as lone surrogates) or even a
    newline; printed raw they would break the one-line message or the terminal's encoding.
    """
    fixed = path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return "".join(
        c if unicodedata.category(c) not in ("Cc", "Cs") else repr(c)[1:-1] for c in fixed
    )


class ReadError(Exception):
    """A file could not be turned into an article; ``str(err)`` is a sentence for the user."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"Cannot open {display_path(path)}: {reason}")
        self.path = path
        self.reason = reason
