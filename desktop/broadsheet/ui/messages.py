"""Message boxes that show their text as it is: a file name or a title such as "<b>x</b>.txt"
or "<img src=…>" comes from the reader's files and must never be read as rich text."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QMessageBox, QWidget

Button = QMessageBox.StandardButton


def message_box(
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    parent: QWidget | None = None,
    buttons: Button = Button.Ok,
    default: Button = Button.NoButton,
) -> QMessageBox:
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if default != Button.NoButton:
        box.setDefaultButton(default)
    return box


def ask(parent: QWidget | None, title: str, text: str, buttons: Button, default: Button) -> Button:
    """A question; the button pressed."""
    box = message_box(QMessageBox.Icon.Question, title, text, parent, buttons, default)
    box.exec()
    return box.standardButton(box.clickedButton()) if box.clickedButton() else Button.NoButton


def warn(
    parent: QWidget | None, title: str, text: str, icon: QMessageBox.Icon = QMessageBox.Icon.Warning
) -> None:
    message_box(icon, title, text, parent).exec()


def literal(text: str) -> str:
    """``text`` as shown by a widget that guesses the format and cannot be told (tooltips,
    ``QInputDialog``'s label): unchanged unless Qt would take it for rich text, then escaped
    inside a tag (escaped alone, it would be taken as plain and show "&lt;")."""
    if not GuiQt.mightBeRichText(text):
        return text
    return f"<span style='white-space:pre-wrap'>{escape(text)}</span>"
