"""The error the readers raise (defined with every user-facing error in ``broadsheet.errors``)."""

from __future__ import annotations

from ..errors import ReadError, display_path

__all__ = ["ReadError", "display_path"]
