"""Every error a user can cause, each with a message for them (``str(err)``).

Importable with no dependency at all: the window shows these before the model, the library or
any reader has loaded. The layers below raise them; ``ui/`` and ``cli.py`` catch them here.
"""

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
    """A file could not be turned into an article."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"Cannot open {display_path(path)}: {reason}")
        self.path = path
        self.reason = reason


class LibraryError(Exception):
    """The library cannot be opened or written."""


class ModelNotFound(RuntimeError):
    """The spaCy pipeline asked for is not installed."""


class AnalysisFailed(RuntimeError):
    """The analysing process could not analyse (or load the model)."""


class Cancelled(Exception):
    """Analysis was stopped through the cancel flag; nothing partial was returned."""

    def __init__(self) -> None:
        super().__init__("The analysis was cancelled.")


class StepTimeout(RuntimeError):
    """One step of an analysis ran past its limit (``nlp.deadline``)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(
            f"its analysis was stopped after {seconds:.0f} seconds without finishing a part of "
            "the text (the log says where)."
        )
        self.seconds = seconds


__all__ = [
    "AnalysisFailed",
    "Cancelled",
    "LibraryError",
    "ModelNotFound",
    "ReadError",
    "StepTimeout",
    "display_path",
]
