"""Logging to a rotating file under the user's log folder; tracebacks go there, not to the user."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

from .paths import log_dir

log = logging.getLogger("broadsheet")


def setup_logging() -> Path | None:
    """Attach the file handler once; returns the log file path (None if it cannot be written)."""
    folder = log_dir()
    path = folder / "broadsheet.log"
    if any(isinstance(h, RotatingFileHandler) for h in log.handlers):
        return path
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return path
