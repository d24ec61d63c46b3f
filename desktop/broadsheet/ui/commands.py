"""Corrections as undoable commands: redo stores (or re-activates) one, undo deactivates it.

A document's undo history is rebuilt from the library when it is opened: its commands are
pushed ``quiet`` (their corrections are already as they should be), then made live."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from ..corrections import Correction


class CorrectionCommand(QUndoCommand):
    """``store(correction)`` returns its id; ``activate(id, bool)`` undoes or redoes it;
    ``refresh()`` shows the facts again. The correction row is never deleted."""

    def __init__(
        self,
        correction: Correction,
        store: Callable[[Correction], int],
        activate: Callable[[int, bool], None],
        refresh: Callable[[], None],
    ) -> None:
        super().__init__(correction.describe())
        self.correction = correction
        self._store, self._activate, self._refresh = store, activate, refresh
        self.quiet = False  # while the history is rebuilt: nothing is done, nothing shown

    def redo(self) -> None:
        if self.quiet:
            return
        if self.correction.id is None:
            self.correction.id = self._store(self.correction)
        else:
            self._activate(self.correction.id, True)
        self._refresh()

    def undo(self) -> None:
        if self.quiet:
            return
        if self.correction.id is not None:
            self._activate(self.correction.id, False)
        self._refresh()
