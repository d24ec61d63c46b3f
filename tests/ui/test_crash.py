"""The crash handler: uncaught exceptions are logged and shown in a non-modal dialog."""

from __future__ import annotations

import sys
import threading

import pytest

from broadsheet.logs import setup_logging
from broadsheet.ui.crash import CrashHandler


@pytest.fixture
def handler(qtbot):
    h = CrashHandler(setup_logging())
    h.install()
    yield h
    h.uninstall()
    if h.dialog is not None:
        h.dialog.close()
        h.dialog.deleteLater()


def _raise(exc: BaseException):
    try:
        raise exc
    except BaseException:
        return sys.exc_info()


def test_an_uncaught_exception_shows_the_details_and_the_log(qtbot, handler):
    assert sys.excepthook == handler.excepthook
    sys.excepthook(*_raise(ValueError("the index went sideways")))
    qtbot.waitUntil(lambda: handler.dialog is not None and handler.dialog.isVisible())
    box = handler.dialog
    assert box.objectName() == "crashDialog"
    assert not box.isModal()
    assert "the index went sideways" in box.text()
    assert str(handler.log_path) in box.text()
    assert "Traceback" in box.detailedText() and "ValueError" in box.detailedText()
    logged = handler.log_path.read_text(encoding="utf-8")
    assert "uncaught exception in the main thread" in logged and "the index went sideways" in logged


def test_an_exception_in_a_thread_reaches_the_gui_thread(qtbot, handler):
    def work():
        raise RuntimeError("worker fell over")

    t = threading.Thread(target=work, name="import-worker")
    t.start()
    t.join()
    qtbot.waitUntil(lambda: handler.dialog is not None and handler.dialog.isVisible())
    assert "worker fell over" in handler.dialog.text()
    assert "thread import-worker" in handler.log_path.read_text(encoding="utf-8")


def test_more_errors_go_into_the_same_dialog(qtbot, handler):
    sys.excepthook(*_raise(KeyError("first")))
    qtbot.waitUntil(lambda: handler.dialog is not None)
    first = handler.dialog
    sys.excepthook(*_raise(KeyError("second")))
    qtbot.waitUntil(lambda: "second" in first.detailedText())
    assert handler.dialog is first and "first" in first.detailedText()
    assert "1 more" in first.text()


def test_an_exception_in_a_slot_is_caught(qtbot, handler, monkeypatch):
    from PySide6.QtCore import QTimer

    shown = []
    monkeypatch.setattr(handler, "show_dialog", lambda summary, details: shown.append(summary))
    # Reconnect so the patched method is the one called.
    handler.crashed.disconnect()
    handler.crashed.connect(handler.show_dialog)

    def slot():
        raise ZeroDivisionError("slot divided by zero")

    QTimer.singleShot(0, slot)
    qtbot.waitUntil(lambda: bool(shown))
    assert "slot divided by zero" in shown[0]


def test_no_streams_no_problem(qtbot, handler, monkeypatch):
    # A windowed build has no stderr: the hook must not fail writing to it.
    monkeypatch.setattr(sys, "stderr", None)
    sys.excepthook(*_raise(OSError("disk gone")))
    qtbot.waitUntil(lambda: handler.dialog is not None)


def test_uninstall_restores_the_previous_hooks(qtbot):
    before = (sys.excepthook, threading.excepthook)
    h = CrashHandler(None)
    h.install()
    assert sys.excepthook != before[0]
    h.uninstall()
    assert (sys.excepthook, threading.excepthook) == before
    assert "could not be created" in h.message("x")


def test_a_failure_before_the_window_waits_for_the_user(qtbot, handler, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    waited = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: waited.append(self.text()) or 0)
    handler.fatal(*_raise(RuntimeError("no library, no luck")))
    assert waited and "no library, no luck" in waited[0] and str(handler.log_path) in waited[0]
    assert "cannot start" in handler.log_path.read_text(encoding="utf-8")
