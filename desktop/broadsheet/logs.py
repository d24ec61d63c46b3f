"""Logging to a rotating file under the user's log folder; tracebacks go there, not to the user."""

from __future__ import annotations

import logging
import os
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

from .paths import log_dir, private_dir

# The package's logger: every module logs under it by its own name (broadsheet.ingest.pdf, …),
# so one handler here catches them all.
package_log = logging.getLogger("broadsheet")


class _PrivateFileHandler(RotatingFileHandler):
    """Log files readable by this user alone: they name the documents read (paths, titles)."""

    def _open(self):  # noqa: ANN202 - a text stream, as the base class's
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.chmod(self.baseFilename, 0o600)  # a file from before, or made under another umask
        return open(
            fd, self.mode if "a" in self.mode else "a", encoding=self.encoding, errors=self.errors
        )


def setup_logging() -> Path | None:
    """Attach the file handler once; returns the log file path (None if it cannot be written)."""
    folder = log_dir()
    path = folder / "broadsheet.log"
    if any(isinstance(h, RotatingFileHandler) for h in package_log.handlers):
        return path
    try:
        private_dir(folder)
        handler = _PrivateFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    package_log.addHandler(handler)
    package_log.setLevel(logging.INFO)
    return path


def say(line: str, stream_name: str = "stdout") -> None:
    """Print a line if there is somewhere to print it: a windowed build has no stdout or stderr
    at all, and a closed pipe must not turn a message into a crash."""
    stream = getattr(sys, stream_name, None)
    if stream is None:
        return
    try:
        print(line, file=stream, flush=True)
    except (OSError, ValueError):
        pass
