"""The crash handler: an exception nobody caught is logged and shown, never lost.

``sys.excepthook`` (the GUI thread; PySide6 also routes exceptions raised in slots and event
handlers there) and ``threading.excepthook`` (worker threads) both write the traceback to the log
and ask the GUI thread, through a queued signal, to show a dialog with the details and the log
file's path. The dialog is non-modal, and one dialog collects the details of any further errors,
so a repeating error cannot bury the window under dialogs. Hard crashes (segfaults in a compiled
library) are written by ``faulthandler`` to ``faults.log`` beside the log.
"""

from __future__ import annotations

import faulthandler
import logging
import os
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from ..logs import say

log = logging.getLogger(__name__)

MAX_DETAILS = 20_000


class CrashHandler(QObject):
    """Install with ``install()``; ``dialog`` is the crash dialog once one is shown."""

    crashed = Signal(str, str)  # summary, details

    def __init__(self, log_path: Path | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_path = log_path
        self.dialog: QMessageBox | None = None
        self.count = 0
        self._previous: tuple[Any, Any] | None = None
        self._faults: IO[str] | None = None
        # Queued: the dialog is always built on the thread that owns this object (the GUI one).
        self.crashed.connect(self.show_dialog, Qt.ConnectionType.QueuedConnection)

    # -- hooks ------------------------------------------------------------------------------------
    def install(self) -> None:
        if self._previous is None:
            self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self.excepthook
        threading.excepthook = self.threading_excepthook

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous
            self._previous = None
        if self._faults is not None:
            faulthandler.disable()
            self._faults.close()
            self._faults = None

    def enable_faulthandler(self) -> None:
        if self.log_path is None or self._faults is not None:
            return
        try:
            self._faults = _private_append(self.log_path.with_name("faults.log"))
            faulthandler.enable(self._faults)
        except (OSError, ValueError, RuntimeError):
            self._faults = None

    def excepthook(
        self, etype: type[BaseException], value: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(etype, KeyboardInterrupt) and self._previous is not None:
            self._previous[0](etype, value, tb)
            return
        self.report(etype, value, tb, "the main thread")

    def threading_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        name = args.thread.name if args.thread is not None else "a thread"
        self.report(args.exc_type, args.exc_value, args.exc_traceback, f"thread {name}")

    def report(
        self,
        etype: type[BaseException],
        value: BaseException | None,
        tb: TracebackType | None,
        where: str,
    ) -> None:
        """Log the exception and ask for the dialog (safe from any thread)."""
        self.count += 1
        details = "".join(traceback.format_exception(etype, value, tb))
        summary = traceback.format_exception_only(etype, value)[-1].strip()
        log.critical("uncaught exception in %s:\n%s", where, details.rstrip())
        say(f"broadsheet: unexpected error in {where}: {summary}", "stderr")
        if QApplication.instance() is None:
            return  # no GUI to show it in: the log and stderr have it
        self.crashed.emit(summary, details)

    def fatal(
        self, etype: type[BaseException], value: BaseException | None, tb: TracebackType | None
    ) -> None:
        """The app cannot start: log it and wait until the user has read the dialog."""
        self.count += 1
        details = "".join(traceback.format_exception(etype, value, tb))
        summary = traceback.format_exception_only(etype, value)[-1].strip()
        log.critical("cannot start:\n%s", details.rstrip())
        say(f"broadsheet: cannot start: {summary}", "stderr")
        self.show_dialog(summary, details)
        if self.dialog is not None:
            self.dialog.exec()

    # -- the dialog -------------------------------------------------------------------------------
    def message(self, summary: str) -> str:
        where = str(self.log_path) if self.log_path else "(the log file could not be created)"
        return (
            f"Broadsheet ran into an error it did not expect:\n\n{summary}\n\n"
            f"The details are below and in the log file:\n{where}\n\n"
            "You can keep working, but saving your work and restarting is safest. "
            "Please include the log file when you report this."
        )

    def show_dialog(self, summary: str, details: str) -> None:
        """One non-modal dialog; later errors are appended to its details."""
        if self.dialog is not None and self.dialog.isVisible():
            old = self.dialog.detailedText()
            self.dialog.setDetailedText((old + "\n" + details)[-MAX_DETAILS:])
            self.dialog.setText(self.message(f"{summary} (and {self.count - 1} more)"))
            return
        parent = QApplication.activeWindow()
        box = QMessageBox(parent)
        box.setObjectName("crashDialog")
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle("Broadsheet — unexpected error")
        box.setTextFormat(Qt.TextFormat.PlainText)  # the summary may quote a file name
        box.setText(self.message(summary))
        box.setDetailedText(details[-MAX_DETAILS:])
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        box.show()
        self.dialog = box


def _private_append(path: Path) -> IO[str]:
    """Open for appending, readable by this user alone: tracebacks name the reader's files."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        os.chmod(path, 0o600)  # a file from before, or made under another umask
        return open(fd, "a", encoding="utf-8")  # noqa: SIM115 - kept open for faulthandler
    except BaseException:
        os.close(fd)
        raise


def install_crash_handler(log_path: Path | None, parent: QObject | None = None) -> CrashHandler:
    """The hooks, plus ``faulthandler`` into ``faults.log`` beside the log file."""
    handler = CrashHandler(log_path, parent)
    handler.install()
    handler.enable_faulthandler()
    return handler
