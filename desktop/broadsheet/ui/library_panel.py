"""The Library dock: analysed documents, searchable by words and entity names (FTS5)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..library import DocumentInfo, Library, LibraryError

SHA_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = ["Title", "Added", "People", "Places", "Orgs", "Claims"]
LIMIT = 500  # rows shown at once; the search box narrows a larger library


class LibraryPanel(QDockWidget):
    """``openRequested(sha256)`` when the reader opens a document; ``removed(sha256)``."""

    openRequested = Signal(str)
    removed = Signal(str)

    def __init__(self, library: Library | None, parent: QWidget | None = None) -> None:
        super().__init__("Library", parent)
        self.setObjectName("dock-library")
        self.library = library
        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels(COLUMNS)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search text and names…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search the library")
        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self.refresh)
        self.view = QTreeView(self)
        self.view.setObjectName("list-library")
        self.view.setAccessibleName("Library documents")
        self.view.setModel(self.model)
        self.view.setRootIsDecorated(False)
        self.view.setAlternatingRowColors(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.activated.connect(self._open_index)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        hdr = self.view.header()
        hdr.setStretchLastSection(False)
        hdr.setSectionResizeMode(0, hdr.ResizeMode.Stretch)
        for c in range(1, len(COLUMNS)):
            hdr.setSectionResizeMode(c, hdr.ResizeMode.ResizeToContents)
        self.status = QLabel("", self)
        self.status.setAccessibleName("Library status")
        box = QWidget(self)
        lay = QVBoxLayout(box)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.search)
        lay.addWidget(self.view)
        lay.addWidget(self.status)
        self.setWidget(box)
        self._loaded = False
        # Filled the first time it is shown, so a hidden Library costs nothing at start-up.
        self.visibilityChanged.connect(lambda v: v and not self._loaded and self.refresh())

    def refresh(self) -> None:
        self._loaded = True
        self.model.removeRows(0, self.model.rowCount())
        if self.library is None:
            self.status.setText("No library is open.")
            return
        try:
            docs = self.library.documents(search=self.search.text(), limit=LIMIT)
        except LibraryError as e:
            self.status.setText(str(e))
            return
        for d in docs:
            self.model.appendRow(self._row(d))
        words = self.search.text().strip()
        more = " (first shown)" if len(docs) == LIMIT else ""
        self.status.setText(f"{len(docs)} document{'s' if len(docs) != 1 else ''}{more}"
                            + (f" matching “{words}”" if words else ""))

    def _row(self, d: DocumentInfo) -> list[QStandardItem]:
        title = QStandardItem(d.title or d.path)
        title.setData(d.sha256, SHA_ROLE)
        title.setToolTip(f"<b>{escape(d.title)}</b><br>{escape(d.path)}<br>{d.chars:,} characters")
        added = QStandardItem(d.added_at.strftime("%Y-%m-%d"))
        counts = [QStandardItem(str(n)) for n in (d.people, d.places, d.organisations, d.claims)]
        for it in counts:
            it.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return [title, added, *counts]

    def shas(self) -> list[str]:
        return [self.model.item(r, 0).data(SHA_ROLE) for r in range(self.model.rowCount())]

    def _open_index(self, idx: QModelIndex) -> None:
        sha = idx.siblingAtColumn(0).data(SHA_ROLE)
        if sha:
            self.openRequested.emit(sha)

    def remove(self, sha: str, confirm: bool = True) -> bool:
        if self.library is None:
            return False
        row = next((r for r in range(self.model.rowCount())
                    if self.model.item(r, 0).data(SHA_ROLE) == sha), None)
        title = self.model.item(row, 0).text() if row is not None else sha[:12]
        if confirm:
            answer = QMessageBox.question(
                self, "Remove from Library",
                f"Remove “{title}” from the library?\n\nThe file itself is not touched, and "
                "your corrections are kept for when you open it again.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Yes:
                return False
        try:
            self.library.remove(sha)
        except LibraryError as e:
            QMessageBox.warning(self, "Library", str(e))
            return False
        self.refresh()
        self.removed.emit(sha)
        return True

    def _context_menu(self, pos: QPoint) -> None:
        idx = self.view.indexAt(pos)
        sha = idx.siblingAtColumn(0).data(SHA_ROLE) if idx.isValid() else None
        if not sha:
            return
        menu = QMenu(self)
        menu.addAction("Open", lambda: self.openRequested.emit(sha))
        menu.addAction("Remove from Library…", lambda: self.remove(sha))
        menu.popup(self.view.viewport().mapToGlobal(pos))
