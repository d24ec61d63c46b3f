"""The Library dock: analysed documents, searchable by words and entity names (FTS5)."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
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

from ..errors import LibraryError
from .messages import ask, warn
from .table_model import AnyIndex, RowsModel

if TYPE_CHECKING:
    from ..store.library import DocumentInfo, Library  # noqa: F401 - DocumentInfo: a base's row

SHA_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = ["Title", "Added", "People", "Places", "Orgs", "Claims"]
LIMIT = 500  # rows shown at once; the search box narrows a larger library


_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class DocumentsModel(RowsModel["DocumentInfo"]):
    """The listed documents, served to the view on demand: only the rows on screen are asked
    for (500 rows of ``QStandardItem``s cost a few hundred ms to build on every refresh)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(COLUMNS, parent)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        d, col = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return d.title or d.path
            if col == 1:
                return d.added_at.strftime("%Y-%m-%d")
            return str((d.people, d.places, d.organisations, d.claims)[col - 2])
        if role == SHA_ROLE and col == 0:
            return d.sha256
        if role == Qt.ItemDataRole.ToolTipRole and col == 0:
            return f"<b>{escape(d.title)}</b><br>{escape(d.path)}<br>{d.chars:,} characters"
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= 2:
            return int(_RIGHT.value)
        return None


class LibraryPanel(QDockWidget):
    """``openRequested(sha256)`` when the reader opens a document; ``removed(sha256)``."""

    openRequested = Signal(str)
    removed = Signal(str)

    def __init__(self, library: Library | None, parent: QWidget | None = None) -> None:
        super().__init__("Library", parent)
        self.setObjectName("dock-library")
        self.library = library
        self.model = DocumentsModel(self)
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
        self.view.setUniformRowHeights(True)  # no per-row size queries
        self.view.setAlternatingRowColors(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.activated.connect(self._open_index)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        hdr = self.view.header()
        hdr.setStretchLastSection(False)
        hdr.setSectionResizeMode(0, hdr.ResizeMode.Stretch)
        # Widths from the font, not the contents: sizing to contents asks every row each time.
        fm = self.view.fontMetrics()
        for c, sample in enumerate(COLUMNS[1:], 1):
            widest = "0000-00-00" if c == 1 else "00000"
            hdr.setSectionResizeMode(c, hdr.ResizeMode.Interactive)
            hdr.resizeSection(
                c, max(fm.horizontalAdvance(sample), fm.horizontalAdvance(widest)) + 20
            )
        self.status = QLabel("", self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # an error may quote a file name
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
        self.visibilityChanged.connect(self._on_visible)

    def _on_visible(self, visible: bool) -> None:
        if visible and not self._loaded:
            self.refresh()

    def refresh(self) -> None:
        self._loaded = True
        if self.library is None:
            self.model.set_rows([])
            self.status.setText("No library is open.")
            return
        try:
            docs = self.library.documents(search=self.search.text(), limit=LIMIT)
        except LibraryError as e:
            self.model.set_rows([])
            self.status.setText(str(e))
            return
        self.model.set_rows(docs)
        words = self.search.text().strip()
        more = " (first shown)" if len(docs) == LIMIT else ""
        self.status.setText(
            f"{len(docs)} document{'s' if len(docs) != 1 else ''}{more}"
            + (f" matching “{words}”" if words else "")
        )

    def shas(self) -> list[str]:
        return [d.sha256 for d in self.model.rows]

    def _open_index(self, idx: QModelIndex) -> None:
        sha = idx.siblingAtColumn(0).data(SHA_ROLE)
        if sha:
            self.openRequested.emit(sha)

    def remove(self, sha: str, confirm: bool = True) -> bool:
        if self.library is None:
            return False
        doc = next((d for d in self.model.rows if d.sha256 == sha), None)
        title = (doc.title or doc.path) if doc is not None else sha[:12]
        if confirm:
            answer = ask(
                self,
                "Remove from Library",
                f"Remove “{title}” from the library?\n\nThe file itself is not touched, and "
                "your corrections are kept for when you open it again.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        try:
            self.library.remove(sha)
        except LibraryError as e:
            warn(self, "Library", str(e))
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
