"""The Ctrl+F bar under the article: Enter / Shift+Enter step through matches, Esc closes."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from .article_view import ArticleView


class _FindEdit(QLineEdit):
    stepped = Signal(bool)  # backward?
    closed = Signal()

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.stepped.emit(bool(e.modifiers() & Qt.KeyboardModifier.ShiftModifier))
        elif e.key() == Qt.Key.Key_Escape:
            self.closed.emit()
        else:
            super().keyPressEvent(e)


class FindBar(QWidget):
    def __init__(self, view: ArticleView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.view = view
        self.edit = _FindEdit(self)
        self.edit.setPlaceholderText("Find in article")
        self.edit.setAccessibleName("Find in article")
        self.edit.setClearButtonEnabled(True)
        self.count = QLabel("", self)
        self.count.setMinimumWidth(90)
        self.count.setAccessibleName("Matches")
        prev = self._button("▲", "Previous match (Shift+Enter)", "Previous match")
        nxt = self._button("▼", "Next match (Enter)", "Next match")
        close = self._button("✕", "Close (Esc)", "Close find bar")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 4, 8, 4)
        lay.addWidget(self.edit, 1)
        lay.addWidget(self.count)
        lay.addWidget(prev)
        lay.addWidget(nxt)
        lay.addWidget(close)
        self.edit.textChanged.connect(self._search)
        self.edit.stepped.connect(self.step)
        self.edit.closed.connect(self.close_bar)
        prev.clicked.connect(lambda: self.step(True))
        nxt.clicked.connect(lambda: self.step(False))
        close.clicked.connect(self.close_bar)
        self.hide()

    def _button(self, text: str, tip: str, name: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(name)
        return button

    def open_bar(self) -> None:
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()
        if self.edit.text():
            self._search(self.edit.text())

    def close_bar(self) -> None:
        self.view.clear_find()
        self.hide()
        self.view.setFocus()

    def _search(self, text: str) -> None:
        n = self.view.find_all(text)
        if n:
            self.step(False)
        else:
            self.count.setText("No matches" if text else "")

    def step(self, backward: bool = False) -> None:
        i = self.view.find_step(backward)
        n = len(self.view.matches)
        self.count.setText(
            f"{i + 1} of {n}" if i >= 0 else ("No matches" if self.edit.text() else "")
        )
