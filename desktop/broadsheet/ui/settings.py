"""Every setting the window keeps, as a typed key with its default, read and written through
``QSettings`` (the file beside the library: see ``app.make_settings``).

A value of the wrong type in the file (edited by hand, written by another version) reads as the
default, so a bad settings file never stops the window from starting::

    zoom = ZOOM.get(settings)      # an int, 0 when unset or unreadable
    ZOOM.set(settings, zoom + 1)
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

from .article_view import LAYERS
from .theme import THEMES

log = logging.getLogger(__name__)

T = TypeVar("T")


def _to_int(raw: object) -> int:
    if isinstance(raw, bool):  # bool is an int to Python, never a zoom step
        raise TypeError("a bool is not an int")
    if isinstance(raw, int):
        return raw
    if isinstance(raw, str):
        return int(raw.strip())  # the INI format reads every number back as a string
    raise TypeError(f"not an int: {type(raw).__name__}")


def _to_str(raw: object) -> str:
    if isinstance(raw, str):
        return raw
    raise TypeError(f"not a string: {type(raw).__name__}")


def _to_bytes(raw: object) -> QByteArray:
    if isinstance(raw, QByteArray):
        return raw
    if isinstance(raw, bytes | bytearray):
        return QByteArray(bytes(raw))
    raise TypeError(f"not bytes: {type(raw).__name__}")


def _to_names(raw: object) -> frozenset[str]:
    """A set of names, written as one comma-separated string (an INI reader may hand back a
    list for a value with commas)."""
    if isinstance(raw, str):
        return frozenset(s for s in raw.split(",") if s)
    if isinstance(raw, list | tuple) and all(isinstance(s, str) for s in raw):
        return frozenset(s for s in raw if s)
    raise TypeError(f"not a list of names: {type(raw).__name__}")


def _names_out(value: object) -> object:
    return ",".join(sorted(value)) if isinstance(value, frozenset | set) else value


_READERS: dict[type, Callable[[object], object]] = {
    int: _to_int,
    str: _to_str,
    QByteArray: _to_bytes,
    frozenset: _to_names,
}
_WRITERS: dict[type, Callable[[object], object]] = {frozenset: _names_out}


class Setting(Generic[T]):
    """One key: ``get`` gives a ``kind`` value (the default when missing or unreadable),
    ``set`` stores one. ``choices``: the only values allowed (others read as the default)."""

    def __init__(
        self, key: str, kind: type[T], default: T, choices: tuple[T, ...] | None = None
    ) -> None:
        if kind not in _READERS:
            raise ValueError(f"no reader for settings of type {kind.__name__}")
        self.key, self.kind, self.default, self.choices = key, kind, default, choices
        REGISTRY[key] = self

    def get(self, settings: QSettings) -> T:
        raw = settings.value(self.key)
        if raw is None:
            return self.default
        try:
            value: T = _READERS[self.kind](raw)  # type: ignore[assignment]  # the reader of T
        except (TypeError, ValueError) as e:
            log.warning(
                "setting %s: %r is unreadable (%s); using %r", self.key, raw, e, self.default
            )
            return self.default
        if self.choices is not None and value not in self.choices:
            log.warning(
                "setting %s: %r is not one of %r; using %r",
                self.key,
                value,
                self.choices,
                self.default,
            )
            return self.default
        return value

    def set(self, settings: QSettings, value: T) -> None:
        write = _WRITERS.get(self.kind)
        settings.setValue(self.key, write(value) if write is not None else value)

    def __repr__(self) -> str:
        return f"Setting({self.key!r}, {self.kind.__name__}, {self.default!r})"


REGISTRY: dict[str, Setting[Any]] = {}  # every setting, by key

GEOMETRY = Setting("window/geometry", QByteArray, QByteArray())  # empty: not saved yet
STATE = Setting("window/state", QByteArray, QByteArray())  # the docks' layout
LAYERS_SHOWN = Setting("view/layers", frozenset, frozenset(LAYERS))  # highlight layers
ZOOM = Setting("view/zoom", int, 0)  # steps of 10 % from the base size
EXPORT_FOLDER = Setting("export/folder", str, "")  # where the last export went ("" none yet)
# The team library the window connects to at start ("" the desktop one); never with a password.
TEAM_LIBRARY = Setting("library/team", str, "")
THEME = Setting("view/theme", str, "system", choices=tuple(key for _, key in THEMES))
