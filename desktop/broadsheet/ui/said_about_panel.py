"""The "Said About" dock: what this document's claims say about the selected entity, grouped
by who said it (the claims whose reported words name it, not those it made)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QLabel,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..about import by_source, claims_about
from ..facts import Claim, Entity, Facts
from ..wording import counted
from .delegates import WrapDelegate
from .messages import literal

CLAIM_ROLE = Qt.ItemDataRole.UserRole + 1  # the id of the claim a row shows
PROMPT = "Select a person, place or organisation to see what is said about it."


def claim_line(c: Claim) -> str:
    """A claim as one row: its cue, then its words ("confirmed: the train had crossed …")."""
    cue = " ".join(c.cue.text.split()) if c.cue and any(ch.isalpha() for ch in c.cue.text) else ""
    words = " ".join(c.content.shown.split())
    hedge = " ≈" if c.hedged else ""
    return f"{cue}: {words}{hedge}" if cue else f"{words}{hedge}"


class SaidAboutPanel(QDockWidget):
    """``claimRequested(id)`` when the reader opens a claim's row."""

    claimRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Said About", parent)
        self.setObjectName("dock-saidabout")
        self.model = QStandardItemModel(0, 1, self)
        self.model.setHorizontalHeaderLabels(["Source / claim"])
        self.heading = QLabel(PROMPT, self)
        self.heading.setWordWrap(True)
        self.view = QTreeView(self)
        self.view.setObjectName("list-saidabout")
        self.view.setAccessibleName("Claims about the selected entity, by who made them")
        self.view.setModel(self.model)
        self.view.setHeaderHidden(True)
        self.view.setWordWrap(True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.view.setItemDelegateForColumn(0, WrapDelegate(self.view, headings_wrap=False))
        self.view.header().sectionResized.connect(lambda *_: self.view.doItemsLayout())
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.activated.connect(self._open)
        self.view.clicked.connect(self._open)
        box = QWidget(self)
        lay = QVBoxLayout(box)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.heading)
        lay.addWidget(self.view)
        self.setWidget(box)

    def show_entity(self, entity: Entity | None, facts: Facts | None) -> None:
        self.model.removeRows(0, self.model.rowCount())
        if entity is None or facts is None:
            self.heading.setText(PROMPT)
            return
        about = claims_about(facts, entity.id)
        name = f"<b>{escape(entity.name)}</b>"
        if not about:
            self.heading.setText(f"No claim in this article says anything about {name}.")
            return
        groups = by_source(about, facts)
        self.heading.setText(
            f"{counted(len(about), 'claim')} about {name}, by {counted(len(groups), 'source')}."
        )
        for source, claims in groups:
            row = QStandardItem(f"{source}  ({len(claims)})")
            row.setToolTip(literal(source))
            for c in claims:
                item = QStandardItem(claim_line(c))
                item.setData(c.id, CLAIM_ROLE)
                item.setToolTip(literal(f"{source} {claim_line(c)}"))
                row.appendRow(item)
            self.model.appendRow(row)
        self.view.expandAll()

    def _open(self, idx: QModelIndex) -> None:
        cid = idx.data(CLAIM_ROLE)
        if isinstance(cid, str):
            self.claimRequested.emit(cid)
