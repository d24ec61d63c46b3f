"""The "Also in" dock: other documents in the library that name the selected entity, and what
that source claimed in each."""

from __future__ import annotations

from dataclasses import replace
from html import escape
from typing import TYPE_CHECKING

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

from ..errors import LibraryError
from ..facts import Entity
from ..wording import counted
from .history import Place
from .messages import literal

if TYPE_CHECKING:
    from ..store.library import AlsoIn, Library

PLACE_ROLE = Qt.ItemDataRole.UserRole + 1  # the Place a row opens at


class AlsoInPanel(QDockWidget):
    placeRequested = Signal(object)  # a Place: the document, the entity, the claim chosen

    def __init__(self, library: Library | None, parent: QWidget | None = None) -> None:
        super().__init__("Also In", parent)
        self.setObjectName("dock-alsoin")
        self.library = library
        self.model = QStandardItemModel(0, 1, self)
        self.model.setHorizontalHeaderLabels(["Document / claim"])
        self.heading = QLabel("Select a person, place or organisation.", self)
        self.heading.setWordWrap(True)
        self.view = QTreeView(self)
        self.view.setObjectName("list-alsoin")
        self.view.setAccessibleName("Other documents naming this entity")
        self.view.setModel(self.model)
        self.view.setHeaderHidden(True)
        self.view.setWordWrap(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.activated.connect(self._open)
        box = QWidget(self)
        lay = QVBoxLayout(box)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.heading)
        lay.addWidget(self.view)
        self.setWidget(box)
        self.hits: list[AlsoIn] = []

    def show_entity(self, entity: Entity | None, sha256: str) -> None:
        self.model.removeRows(0, self.model.rowCount())
        self.hits = []
        if entity is None:
            self.heading.setText("Select a person, place or organisation.")
            return
        if self.library is None:
            self.heading.setText("No library is open.")
            return
        try:
            self.hits = self.library.also_in([entity.name, *entity.aliases], sha256, entity.kind)
        except LibraryError as e:
            self.heading.setText(escape(str(e)))  # rich text below: a file name stays text
            return
        n = len(self.hits)
        self.heading.setText(
            f"<b>{escape(entity.name)}</b> appears in {counted(n, 'other document')}."
            if n
            else f"<b>{escape(entity.name)}</b> is in no other document."
        )
        for hit in self.hits:
            d = hit.document
            doc = QStandardItem(f"{d.title or d.path}  ({counted(len(hit.claims), 'claim')})")
            there = Place(d.sha256, d.path, None, hit.entity_id, (hit.name,), entity.kind)
            doc.setData(there, PLACE_ROLE)
            doc.setToolTip(f"{escape(d.path)}<br>as {escape(hit.name)}")
            for text in hit.claims:
                item = QStandardItem(f"“{' '.join(text.split())}”")
                item.setData(replace(there, claim_text=text), PLACE_ROLE)
                item.setToolTip(literal(text))
                doc.appendRow(item)
            self.model.appendRow(doc)
        self.view.expandAll()

    def _open(self, idx: QModelIndex) -> None:
        place = idx.data(PLACE_ROLE)
        if isinstance(place, Place):
            self.placeRequested.emit(place)
