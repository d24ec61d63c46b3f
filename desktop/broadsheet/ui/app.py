"""Starting the window: the application object, settings, the library, the first document."""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import cast

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QFileOpenEvent, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from .. import __version__
from ..analysis import Analyzer
from ..errors import LibraryError, ModelNotFound
from ..facts import Facts
from ..logs import setup_logging
from ..paths import library_dir, library_location, resources_dir, sample_article
from ..workers.service import AnalysisProcess
from . import settings as keys
from .crash import install_crash_handler
from .main_window import MainWindow
from .messages import warn
from .single_instance import SingleInstance, send_to_running, server_name

log = logging.getLogger(__name__)

SCREENSHOT_TIMEOUT_MS = 180_000
SCREENSHOT_SIZE = (1360, 860)


def make_settings(folder: Path) -> QSettings:
    """Window settings live beside the library, so ``--library`` keeps everything together (a
    team's library on a server: in this user's own library folder)."""
    return QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)


def create_window(
    library_folder: str | Path | None = None,
    model: str | None = None,
    open_library: bool = True,
    worker: AnalysisProcess | None = None,
) -> MainWindow:
    """Build the main window, with its library unless ``open_library`` is False (then call
    ``attach_library`` once the window is on screen: opening it imports the database layer).

    It analyses in ``worker`` (already started, so the model loads meanwhile), or in a worker
    process of its own started on the first analysis; the worker ends when the window closes."""
    folder = library_dir(library_folder)
    if worker is None:
        from ..nlp.pipeline import choose_model

        worker = AnalysisProcess(choose_model(model))
    window = MainWindow(Analyzer(None, worker=worker), make_settings(folder))
    _EndWorkerOnClose(window)
    if open_library:
        attach_library(window, _asked_library(library_folder))
    return window


class _EndWorkerOnClose(QObject):
    """The worker process (and its model's memory) goes when its window closes."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        window.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Close and event.isAccepted() and isinstance(obj, MainWindow):
            obj.analyzer.close()
        return False


def attach_library(window: MainWindow, folder: str | Path | None) -> None:
    """Open the library for the window: ``folder`` (``--library`` or ``BROADSHEET_LIBRARY``),
    else the team library the reader connected to last, else the desktop one. A team library
    that cannot be reached leaves the desktop one in use; one that cannot be opened at all
    leaves the app running without one. Either way the reader is told."""
    from ..store.library import Library

    team = "" if folder is not None else keys.TEAM_LIBRARY.get(window.settings)
    if team:
        try:
            window.attach_library(Library(team))
            return
        except LibraryError as e:
            window.show_error(
                "Team library unavailable", f"{e}\nThe desktop library is used meanwhile."
            )
    try:
        window.attach_library(Library(folder if folder is not None else library_location()))
    except LibraryError as e:
        window.show_error("Library unavailable", f"{e}\nDocuments will not be kept.")


def _asked_library(override: str | Path | None) -> str | Path | None:
    """The library the command line or the environment names, if any."""
    if override or os.environ.get("BROADSHEET_LIBRARY"):
        return library_location(override)
    return None


class _FirstPaint(QObject):
    """Calls ``then`` once, after the watched window's first paint (or after ``limit_ms``, for a
    window that is never painted, such as a minimised one)."""

    def __init__(self, window: QObject, then: Callable[[], object], limit_ms: int = 1000) -> None:
        super().__init__(window)
        self._then, self._done = then, False
        window.installEventFilter(self)
        QTimer.singleShot(limit_ms, self._fire)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self._fire)  # let the paint finish first
        return False

    def _fire(self) -> None:
        if not self._done:
            self._done = True
            watched = self.parent()
            if watched is not None:
                watched.removeEventFilter(self)
            self._then()


def after_first_paint(window: QObject, then: Callable[[], object]) -> None:
    _FirstPaint(window, then)


class FileOpenRouter(QObject):
    """Documents the system asks us to open (macOS Finder: ``QFileOpenEvent``).

    Events that arrive before a window is connected (a double-click that starts the app) are kept
    in ``pending`` and handed over by ``take_pending()``.
    """

    fileOpenRequested = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pending: list[str] = []
        self.connected = False

    def handle(self, event: QEvent) -> bool:
        """True when ``event`` was a file-open request (then it has been dealt with)."""
        if event.type() != QEvent.Type.FileOpen or not isinstance(event, QFileOpenEvent):
            return False
        path = event.file() or event.url().toLocalFile()
        if not path:
            return False
        log.info("file open event: %s", path)
        if self.connected:
            self.fileOpenRequested.emit(path)
        else:
            self.pending.append(path)
        return True

    def take_pending(self) -> list[str]:
        files, self.pending = self.pending, []
        return files


class BroadsheetApp(QApplication):
    """The application object; it routes the system's file-open requests to the window."""

    def __init__(self, argv: list[str]) -> None:
        super().__init__(argv)
        self.file_router = FileOpenRouter(self)

    def event(self, e: QEvent) -> bool:
        # Events arrive during construction too (ChildAdded for the router itself).
        router = self.__dict__.get("file_router")
        if router is not None and router.handle(e):
            return True
        return super().event(e)


def bring_to_front(window: MainWindow) -> None:
    """Show the window above the others (as far as the window manager lets us)."""
    if window.isMinimized():
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()


def open_from_outside(window: MainWindow, files: list[str]) -> None:
    """A file from another ``broadsheet`` process or from the system: open it, raise the window."""
    if files:
        window.open_path(files[0])
    bring_to_front(window)


def run_app(args: argparse.Namespace, worker: AnalysisProcess | None = None) -> int:
    """The window; ``worker``: its analysis process, if the caller has started one already."""
    # The instance, when one exists, is the QApplication a test or the self-test made.
    app = cast(QApplication, QApplication.instance() or BroadsheetApp(sys.argv[:1]))
    app.setApplicationName("Broadsheet")
    app.setOrganizationName("Broadsheet")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("org.broadsheet.Broadsheet")
    crash = install_crash_handler(setup_logging(), app)
    icon = resources_dir() / "icons" / "broadsheet.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    # One window per user and library; a screenshot run never takes part.
    instance: SingleInstance | None = None
    try:
        name = server_name(library_dir(args.library)) if not args.screenshot else ""
    except OSError as e:  # no folder of this user's alone for the socket: run on our own
        log.warning("single instance: %s", e)
        name = ""
    if name:
        files = [os.path.abspath(f) for f in args.files]
        if send_to_running(name, files):
            log.info("handed %s to the running instance", files)
            return 0
        instance = SingleInstance(name, app)
        if not instance.listen():
            # Another process became the instance while we were starting.
            if send_to_running(name, files):
                return 0
            instance = None
    try:
        # The library opens once the window is painted (a screenshot waits for it anyway).
        window = create_window(
            args.library, args.model, open_library=bool(args.screenshot), worker=worker
        )
    except ModelNotFound as e:
        warn(None, "Broadsheet", str(e), QMessageBox.Icon.Critical)
        print(f"broadsheet: {e}", file=sys.stderr)
        return 1
    except Exception:
        if args.screenshot:
            raise  # no one to show a dialog to: the command line reports it
        # There is no window yet: a windowed build would otherwise end without a word.
        crash.fatal(*sys.exc_info())
        return 1
    files = list(args.files)
    if args.screenshot:
        sample = [str(p) for p in [sample_article()] if p]
        return _screenshot(app, window, files[:1] or sample, Path(args.screenshot))
    if instance is not None:
        instance.filesReceived.connect(lambda received: open_from_outside(window, received))
    router = getattr(app, "file_router", None)
    window.show()

    def open_first() -> None:
        attach_library(window, _asked_library(args.library))
        # What start-up made lives as long as the app: out of the collector's full passes,
        # which would otherwise pause the window longer as documents add objects.
        gc.freeze()
        # A document double-clicked in Finder arrives as an event right after start-up: it wins
        # over the last document (and over nothing else, since then there are no arguments).
        requested = router.take_pending() if router is not None else []
        if router is not None:
            router.fileOpenRequested.connect(lambda p: open_from_outside(window, [p]))
            router.connected = True
        open_at_start(window, files or requested[-1:])

    # Open after the window is painted, so it appears at once (macOS: after the open event).
    after_first_paint(
        window, lambda: QTimer.singleShot(300 if sys.platform == "darwin" else 0, open_first)
    )
    try:
        return app.exec()
    finally:
        if instance is not None:
            instance.close()
        close_library(window)
        crash.uninstall()


def open_at_start(window: MainWindow, files: list[str]) -> None:
    """The first document: the file asked for; else the last one read, where the reader left
    it; else, on a first start (nothing read yet), the sample article. A last document that
    is gone leaves the window empty, without a word."""
    if files:
        window.open_path(files[0])
    elif not window.reopen_last() and not window.session.recent_documents():
        sample = sample_article()
        if sample is not None:
            window.open_path(sample)


def close_library(window: MainWindow) -> None:
    """Write what is pending and let go of the library's file once the window has gone; tasks
    still running may store a document first (a few seconds at most)."""
    window.session.pool.waitForDone(10_000)
    if window.analyzer.library is not None:
        window.analyzer.library.close()


def _screenshot(app: QApplication, window: MainWindow, files: list[str], out: Path) -> int:
    """Show the window, wait until the facts are shown, save it as a PNG, exit."""
    status = {"code": 1}

    def save(_facts: Facts | None = None) -> None:
        app.processEvents()
        if window.grab().save(str(out)):
            status["code"] = 0
            print(f"Saved {out}")
        else:
            print(f"broadsheet: cannot write {out}", file=sys.stderr)
        app.quit()

    def failed(message: str) -> None:
        print(f"broadsheet: {message}", file=sys.stderr)
        app.quit()

    # A known size and the default layout, whatever the reader's last session left.
    window.reset_layout()
    window.resize(*SCREENSHOT_SIZE)
    window.factsShown.connect(lambda f: QTimer.singleShot(200, lambda: save(f)))
    window.openFailed.connect(failed)
    window.show()
    if files:
        window.open_path(files[0])
    else:
        QTimer.singleShot(200, save)
    QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, lambda: failed("timed out waiting for the facts"))
    app.exec()
    log.info("screenshot %s: %s", out, status["code"])
    return status["code"]
