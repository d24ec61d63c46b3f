"""Starting the window: the application object, settings, the library, the first document."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from .. import __version__
from ..analysis import Analyzer
from ..facts import Facts
from ..library import Library, LibraryError
from ..logs import log
from ..nlp.pipeline import ModelNotFound
from ..paths import library_dir, resources_dir, sample_article
from .main_window import MainWindow

SCREENSHOT_TIMEOUT_MS = 180_000
SCREENSHOT_SIZE = (1360, 860)


def make_settings(folder: Path) -> QSettings:
    """Window settings live beside the library, so ``--library`` keeps everything together."""
    return QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)


def create_window(library_folder: str | Path | None = None, model: str | None = None) -> MainWindow:
    """Build the main window; a library that cannot be opened leaves the app running without one."""
    folder = library_dir(library_folder)
    problem = ""
    try:
        library: Library | None = Library(folder)
    except LibraryError as e:
        library, problem = None, str(e)
    analyzer = Analyzer(library, model)
    window = MainWindow(analyzer, make_settings(folder))
    if problem:
        window.show_error("Library unavailable", f"{problem}\nDocuments will not be kept.")
    return window


def run_app(args: argparse.Namespace) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Broadsheet")
    app.setOrganizationName("Broadsheet")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("org.broadsheet.Broadsheet")
    icon = resources_dir() / "icons" / "broadsheet.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    try:
        window = create_window(args.library, args.model)
    except ModelNotFound as e:
        QMessageBox.critical(None, "Broadsheet", str(e))
        print(f"broadsheet: {e}", file=sys.stderr)
        return 1
    files = list(args.files) or [str(p) for p in [sample_article()] if p]
    if args.screenshot:
        return _screenshot(app, window, files[:1], Path(args.screenshot))
    window.show()
    # Open after the window is painted, so it appears at once.
    QTimer.singleShot(0, lambda: [window.open_path(f) for f in files[:1]])
    return app.exec()


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
