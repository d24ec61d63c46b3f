"""The Corrections dock: what the reader changed in this document, in words and in the order
made, with when; one can be reverted (or a reverted or undone one restored) wherever it stands,
without undoing those made after it."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..facts import Correction
from .delegates import WrapDelegate

ID_ROLE = Qt.ItemDataRole.UserRole + 1


def when(made_at: str, today: date | None = None) -> tuple[str, str]:
    """When a correction was made, in the reader's time zone: short (the time if today, else
    the day) and whole; ("", "") if not known."""
    try:
        made = datetime.fromisoformat(made_at).astimezone()
    except ValueError:
        return "", ""
    whole = made.strftime("%d %b %Y, %H:%M").lstrip("0")
    if made.date() == (today or date.today()):
        return made.strftime("%H:%M"), whole
    return made.strftime("%d %b %Y").lstrip("0"), whole


def state(c: Correction) -> str:
    if c.active:
        return ""
    return "undone" if c.undoable else "reverted"


class CorrectionsPanel(QDockWidget):
    """``revertRequested(id)`` and ``restoreRequested(id)`` for the selected correction."""

    revertRequested = Signal(int)
    restoreRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Corrections", parent)
        self.setObjectName("dock-corrections")
        self.log: list[Correction] = []
        self.view = QTreeWidget(self)
        self.view.setObjectName("list-corrections")
        self.view.setAccessibleName("Corrections list")
        self.view.setColumnCount(3)
        self.view.setHeaderLabels(["Correction", "Made", ""])
        self.view.setRootIsDecorated(False)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.view.setItemDelegateForColumn(0, WrapDelegate(self.view))
        self.view.header().sectionResized.connect(self._rewrap)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        hdr = self.view.header()
        hdr.setStretchLastSection(False)
        hdr.setSectionResizeMode(0, hdr.ResizeMode.Stretch)
        hdr.setSectionResizeMode(1, hdr.ResizeMode.ResizeToContents)
        hdr.setSectionResizeMode(2, hdr.ResizeMode.ResizeToContents)
        self.view.currentItemChanged.connect(self._update_buttons)
        self.view.itemDoubleClicked.connect(lambda *_: self._toggle())
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.empty = QLabel("No corrections to this document yet.", self)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: palette(placeholder-text); padding: 12px;")
        self.revert_button = QPushButton("&Revert", self)
        self.revert_button.setToolTip("Stop applying this correction (those after it stay)")
        self.revert_button.clicked.connect(self.revert_current)
        self.restore_button = QPushButton("Re&store", self)
        self.restore_button.setToolTip("Apply this correction again")
        self.restore_button.clicked.connect(self.restore_current)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addStretch(1)
        bar.addWidget(self.revert_button)
        bar.addWidget(self.restore_button)
        box = QWidget(self)
        lay = QVBoxLayout(box)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.empty)
        lay.addWidget(self.view, 1)
        lay.addLayout(bar)
        self.setWidget(box)
        self._update_buttons()

    def _rewrap(self, section: int, _old: int, _new: int) -> None:
        if section == 0:  # the words' column: its rows wrap to the new width
            self.view.doItemsLayout()

    def show_log(self, log: list[Correction]) -> None:
        """Show a document's corrections (all of them, in the order made); the selected one
        stays selected."""
        current = self.current()
        keep = current.id if current is not None else None
        self.log = log
        self.view.clear()
        # A team's document: who made each one, when more than one person has corrected it.
        several = len({c.author for c in log if c.author}) > 1
        for c in log:
            short, whole = when(c.made_at)
            made = f"{short} · {c.author}" if several and c.author else short
            item = QTreeWidgetItem([c.describe(), made, state(c)])
            item.setData(0, ID_ROLE, c.id)
            item.setToolTip(0, c.describe())
            item.setToolTip(1, f"{whole}, by {c.author}" if c.author else whole)
            if not c.active:
                f = item.font(0)
                f.setStrikeOut(True)
                item.setFont(0, f)
            self.view.addTopLevelItem(item)
            if c.id == keep:
                self.view.setCurrentItem(item)
        active = sum(1 for c in log if c.active)
        self.setWindowTitle(f"Corrections ({active})" if log else "Corrections")
        self.empty.setVisible(not log)
        self.view.setVisible(bool(log))
        self._update_buttons()

    def current(self) -> Correction | None:
        item = self.view.currentItem()
        cid = item.data(0, ID_ROLE) if item is not None else None
        return next((c for c in self.log if c.id == cid), None)

    def select(self, correction_id: int) -> bool:
        for i in range(self.view.topLevelItemCount()):
            item = self.view.topLevelItem(i)
            if item is not None and item.data(0, ID_ROLE) == correction_id:
                self.view.setCurrentItem(item)
                return True
        return False

    def revert_current(self) -> None:
        c = self.current()
        if c is not None and c.id is not None and c.active:
            self.revertRequested.emit(c.id)

    def restore_current(self) -> None:
        c = self.current()
        if c is not None and c.id is not None and not c.active:
            self.restoreRequested.emit(c.id)

    def _toggle(self) -> None:
        c = self.current()
        if c is not None:
            (self.revert_current if c.active else self.restore_current)()

    def _update_buttons(self, *_: object) -> None:
        c = self.current()
        self.revert_button.setEnabled(c is not None and c.active)
        self.restore_button.setEnabled(c is not None and not c.active)

    def _context_menu(self, pos: QPoint) -> None:
        item = self.view.itemAt(pos)
        if item is None:
            return
        self.view.setCurrentItem(item)
        c = self.current()
        if c is None:
            return
        menu = QMenu(self)
        if c.active:
            menu.addAction("Revert", self.revert_current)
        else:
            menu.addAction("Restore", self.restore_current)
        menu.popup(self.view.viewport().mapToGlobal(pos))
