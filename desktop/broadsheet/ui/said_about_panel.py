"""The "Said About" dock: what the claims say about the selected entity, grouped by who said it
(the claims whose reported words name it, not those it made): in this document, or in every
document of the library that names it."""

from __future__ import annotations

from dataclasses import replace
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDockWidget,
    QLabel,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..about import by_source, claim_words, claims_about
from ..across import by_source as by_source_everywhere
from ..across import said
from ..errors import LibraryError
from ..facts import Claim, Entity, Facts
from ..wording import counted
from .delegates import WrapDelegate
from .history import Place
from .messages import literal

if TYPE_CHECKING:
    from ..store.library import Library

CLAIM_ROLE = Qt.ItemDataRole.UserRole + 1  # the id of this document's claim a row shows
PLACE_ROLE = Qt.ItemDataRole.UserRole + 2  # the Place of another document's claim
LIBRARY_DOCUMENTS = 100  # read at each selection: the window stays quick
PROMPT = "Select a person, place or organisation to see what is said about it."


def claim_line(c: Claim) -> str:
    """A claim as one row, a hedged one marked: "believe: there could be a stock ≈"."""
    return claim_words(c) + (" ≈" if c.hedged else "")


class SaidAboutPanel(QDockWidget):
    """``claimRequested(id)`` when the reader opens a claim of this document's row,
    ``placeRequested(Place)`` for one in another document."""

    claimRequested = Signal(str)
    placeRequested = Signal(object)

    def __init__(self, library: Library | None = None, parent: QWidget | None = None) -> None:
        super().__init__("Said About", parent)
        self.setObjectName("dock-saidabout")
        self.library = library
        self.everywhere = QCheckBox("In every document of the library", self)
        self.everywhere.setToolTip(
            "Also what other documents that name it say about it (the newest "
            f"{LIBRARY_DOCUMENTS}), with your corrections"
        )
        self.everywhere.toggled.connect(lambda _on: self._again())
        self._shown: tuple[Entity | None, Facts | None] = (None, None)
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
        lay.addWidget(self.everywhere)
        lay.addWidget(self.view)
        self.setWidget(box)

    def _again(self) -> None:
        self.show_entity(*self._shown)

    def show_entity(self, entity: Entity | None, facts: Facts | None) -> None:
        if entity is None and facts is not None and self.everywhere.isChecked():
            kept = self._shown[0]
            if kept is not None and self.model.rowCount():
                # Gone to a claim of the list: the library's list stays for the next one.
                self._shown = (kept, facts)
                self._show_everywhere(kept, facts)
                return
        self._shown = (entity, facts)
        self.model.removeRows(0, self.model.rowCount())
        if entity is None or facts is None:
            self.heading.setText(PROMPT)
            return
        if self.everywhere.isChecked() and self.library is not None:
            self._show_everywhere(entity, facts)
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

    def _show_everywhere(self, entity: Entity, facts: Facts) -> None:
        assert self.library is not None
        name = f"<b>{escape(entity.name)}</b>"
        try:
            found = said(self.library, entity.name, entity.kind, documents=LIBRARY_DOCUMENTS)
        except LibraryError as e:
            self.heading.setText(escape(str(e)))
            return
        if not found:
            self.heading.setText(f"No claim in the library says anything about {name}.")
            return
        groups = by_source_everywhere(found)
        docs = len({s.sha256 for s in found})
        self.heading.setText(
            f"{counted(len(found), 'claim')} about {name} in {counted(docs, 'document')}, "
            f"by {counted(len(groups), 'source')}."
        )
        names = (entity.name, *entity.aliases)
        for source, group in groups:
            row = QStandardItem(f"{source}  ({len(group)})")
            row.setToolTip(literal(source))
            for s in group:
                here = s.sha256 == facts.sha256
                where = "" if here else f"  — {s.title or s.path}"
                item = QStandardItem(claim_line(s.claim) + where)
                if here:
                    item.setData(s.claim.id, CLAIM_ROLE)
                else:
                    there = Place(s.sha256, s.path, None, "", names, entity.kind)
                    item.setData(
                        replace(there, claim_id=s.claim.id, claim_text=s.claim.content.text),
                        PLACE_ROLE,
                    )
                item.setToolTip(literal(f"{source} {claim_line(s.claim)}{where}"))
                row.appendRow(item)
            self.model.appendRow(row)
        self.view.expandAll()

    def _open(self, idx: QModelIndex) -> None:
        cid = idx.data(CLAIM_ROLE)
        if isinstance(cid, str):
            self.claimRequested.emit(cid)
            return
        place = idx.data(PLACE_ROLE)
        if isinstance(place, Place):
            self.placeRequested.emit(place)
