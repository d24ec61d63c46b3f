"""The Claims dock: claims grouped by source (source ▸ claims), with cue and certainty."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QModelIndex, QPoint, QRect, QSize, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..export import quotation
from ..facts import Claim, Facts
from .colors import HEDGED_MARK

CLAIM_ROLE = Qt.ItemDataRole.UserRole + 1
CERTAINTY_ROLE = Qt.ItemDataRole.UserRole + 2
SOURCE_KEY_ROLE = Qt.ItemDataRole.UserRole + 3

UNATTRIBUTED = "Unattributed"


def source_label(c: Claim, facts: Facts) -> tuple[str, str]:
    """(group key, label): claims by one entity group together whatever words name it."""
    if c.source is None:
        return ("", UNATTRIBUTED)
    if c.source.entity:
        ent = facts.entity(c.source.entity)
        if ent is not None:
            return (ent.id, ent.name)
    words = " ".join(c.source.text.split())
    return ("text:" + words.lower(), words[:1].upper() + words[1:])


class _WrapDelegate(QStyledItemDelegate):
    """Claims wrap to the column's width: a claim is read whole, not guessed from its start."""

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self.view = view

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        base = super().sizeHint(option, index)
        if not index.parent().isValid():
            return base  # source headings stay one line
        indent = self.view.indentation() * 2
        width = max(80, self.view.columnWidth(0) - indent - 8)
        fm = option.fontMetrics
        rect = fm.boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap,
                               str(index.data() or ""))
        return QSize(base.width(), max(base.height(), rect.height() + 6))


class _ClaimFilter(QSortFilterProxyModel):
    """Keeps claims matching the text and certainty filters; a source when any claim does."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.certainty = ""
        self.source_key = ""
        self.text = ""
        self.setRecursiveFilteringEnabled(True)

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:
        if not parent.isValid():
            return False  # a source shows only through its claims (recursive filtering)
        if self.source_key and parent.data(SOURCE_KEY_ROLE) != self.source_key:
            return False
        idx = self.sourceModel().index(row, 0, parent)
        if self.certainty and idx.data(CERTAINTY_ROLE) != self.certainty:
            return False
        pattern = self.text.strip()
        if not pattern:
            return True
        hay = " ".join(
            str(self.sourceModel().index(row, c, parent).data() or "")
            for c in range(self.sourceModel().columnCount())
        )
        return pattern.lower() in (hay + " " + str(parent.data() or "")).lower()


class ClaimsPanel(QDockWidget):
    """``claimSelected(id)`` when the reader picks a claim."""

    claimSelected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Claims", parent)
        self.setObjectName("dock-claims")
        self.model = QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels(["Source / claim", "Cue", ""])
        self.proxy = _ClaimFilter(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Filter claims…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Filter claims")
        self.search.textChanged.connect(self._refilter)
        self.certainty = QComboBox(self)
        self.certainty.setAccessibleName("Certainty filter")
        for label, value in (("All", ""), ("Asserted", "asserted"), ("Hedged", "hedged")):
            self.certainty.addItem(label, value)
        self.certainty.currentIndexChanged.connect(self._refilter)
        self.sources = QComboBox(self)
        self.sources.setAccessibleName("Source filter")
        self.sources.setToolTip("Show the claims of one source")
        self.sources.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.sources.setMinimumContentsLength(10)
        self.sources.currentIndexChanged.connect(self._refilter)

        self.view = QTreeView(self)
        self.view.setObjectName("list-claims")
        self.view.setAccessibleName("Claims list")
        self.view.setModel(self.proxy)
        self.view.setWordWrap(True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.view.setUniformRowHeights(False)
        self.view.setItemDelegateForColumn(0, _WrapDelegate(self.view))
        self.view.setAlternatingRowColors(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        hdr = self.view.header()
        hdr.setStretchLastSection(False)
        hdr.setSectionResizeMode(0, hdr.ResizeMode.Stretch)
        hdr.setSectionResizeMode(1, hdr.ResizeMode.ResizeToContents)
        hdr.setSectionResizeMode(2, hdr.ResizeMode.ResizeToContents)
        hdr.sectionResized.connect(lambda *_: self.view.doItemsLayout())  # re-wrap
        self.view.selectionModel().currentChanged.connect(self._on_current)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.facts: Facts | None = None

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.sources)
        bar.addWidget(self.certainty)
        box = QWidget(self)
        lay = QVBoxLayout(box)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(bar)
        lay.addWidget(self.view)
        self.setWidget(box)
        self.setMinimumWidth(300)

    def show_facts(self, facts: Facts | None) -> None:
        self.facts = facts
        self.view.selectionModel().blockSignals(True)
        self.model.removeRows(0, self.model.rowCount())
        claims = facts.claims if facts else []
        groups: dict[str, QStandardItem] = {}
        order: list[str] = []
        for c in claims:
            key, label = source_label(c, facts)  # type: ignore[arg-type]
            if key not in groups:
                head = QStandardItem(label)
                f = QFont(head.font())
                f.setWeight(QFont.Weight.DemiBold)
                head.setFont(f)
                head.setData(key, SOURCE_KEY_ROLE)
                groups[key] = head
                order.append(key)
            groups[key].appendRow(self._row(c))
        # Sources with most claims first; unattributed claims last.
        order.sort(key=lambda k: (k == "", -groups[k].rowCount()))
        chosen = self.sources.currentData() or ""
        self.sources.blockSignals(True)
        self.sources.clear()
        self.sources.addItem("All sources", "")
        for key in order:
            head = groups[key]
            self.sources.addItem(head.text(), key)
            n = head.rowCount()
            head.setText(f"{head.text()}  ({n})")
            self.model.appendRow([head, QStandardItem(""), QStandardItem("")])
        self.sources.setCurrentIndex(max(0, self.sources.findData(chosen)))
        self.sources.blockSignals(False)
        self._refilter()
        self.view.expandAll()
        self.view.selectionModel().blockSignals(False)
        self.setWindowTitle(f"Claims ({len(claims)})" if facts else "Claims")

    def _row(self, c: Claim) -> list[QStandardItem]:
        content = QStandardItem(c.content.text)
        content.setData(c.id, CLAIM_ROLE)
        content.setData(c.certainty, CERTAINTY_ROLE)
        src = c.source.text if c.source else UNATTRIBUTED
        content.setToolTip(
            f"<p><b>{escape(src)}</b> {escape(c.cue.text if c.cue else '')}: "
            f"{escape(c.content.text)}</p><p>{c.kind.replace('_', ' ')}, {c.certainty}</p>"
        )
        cue = QStandardItem(c.cue.text if c.cue else "")
        cue.setData(c.certainty, CERTAINTY_ROLE)
        mark = QStandardItem(HEDGED_MARK if c.hedged else "")
        mark.setData(c.certainty, CERTAINTY_ROLE)
        mark.setToolTip("Hedged: put with doubt" if c.hedged else "Asserted")
        mark.setAccessibleText(c.certainty)
        return [content, cue, mark]

    def claim_ids(self) -> list[str]:
        out = []
        for r in range(self.proxy.rowCount()):
            head = self.proxy.index(r, 0)
            out += [
                self.proxy.index(k, 0, head).data(CLAIM_ROLE)
                for k in range(self.proxy.rowCount(head))
            ]
        return out

    def select_claim(self, claim_id: str) -> bool:
        for r in range(self.proxy.rowCount()):
            head = self.proxy.index(r, 0)
            for k in range(self.proxy.rowCount(head)):
                idx = self.proxy.index(k, 0, head)
                if idx.data(CLAIM_ROLE) == claim_id:
                    self.view.setCurrentIndex(idx)
                    return True
        return False

    def show_source(self, key: str) -> bool:
        """Show only the claims of one source (an entity id, or '' for all)."""
        i = self.sources.findData(key)
        self.sources.setCurrentIndex(max(0, i))
        self.show()
        self.raise_()
        return i >= 0

    def current_claim(self) -> Claim | None:
        cid = self.view.currentIndex().siblingAtColumn(0).data(CLAIM_ROLE)
        return next((c for c in self.facts.claims if c.id == cid), None) if self.facts else None

    def copy_quotation(self) -> str:
        """Copy the selected claim as a quotation with its source and the article title."""
        c = self.current_claim()
        if c is None or self.facts is None:
            return ""
        text = quotation(c, self.facts)
        QApplication.clipboard().setText(text)
        return text

    def _context_menu(self, pos: QPoint) -> None:
        idx = self.view.indexAt(pos)
        if not idx.isValid() or not idx.siblingAtColumn(0).data(CLAIM_ROLE):
            return
        menu = QMenu(self)
        menu.addAction("Copy as Quotation", self.copy_quotation)
        menu.popup(self.view.viewport().mapToGlobal(pos))

    def _refilter(self) -> None:
        self.proxy.source_key = self.sources.currentData() or ""
        self.proxy.certainty = self.certainty.currentData() or ""
        self.proxy.text = self.search.text()
        self.proxy.invalidate()
        self.view.expandAll()

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        cid = self.proxy.index(current.row(), 0, current.parent()).data(CLAIM_ROLE)
        if cid:
            self.claimSelected.emit(cid)
