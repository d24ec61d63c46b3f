"""A dock listing the entities of one kind: name, roles, mention count, ordered by salience."""

from __future__ import annotations

from html import escape as _esc

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDockWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from ..facts import Entity, Facts
from .colors import KIND_COLORS

ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROLES_ROLE = Qt.ItemDataRole.UserRole + 2


class _NameDelegate(QStyledItemDelegate):
    """Draws the name with a coloured dot, and the roles under it in a smaller, grey line."""

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.color = QColor(KIND_COLORS[kind])

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        fm = option.fontMetrics
        lines = 2 if index.data(ROLES_ROLE) else 1
        return QSize(option.rect.width(), fm.height() * lines + 10)

    def paint(self, p: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, opt.text = opt.text, ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, p, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        pal = opt.palette
        fm = opt.fontMetrics
        r = opt.rect.adjusted(6, 5, -4, -5)
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(self.color)
        d = 8
        p.drawEllipse(r.left(), r.top() + (fm.height() - d) // 2, d, d)
        r.setLeft(r.left() + d + 6)
        p.setPen(pal.highlightedText().color() if selected else pal.text().color())
        f = QFont(opt.font)
        f.setWeight(QFont.Weight.DemiBold)
        p.setFont(f)
        line = QRect(r.left(), r.top(), r.width(), fm.height())
        p.drawText(
            line,
            Qt.AlignmentFlag.AlignVCenter,
            fm.elidedText(text, Qt.TextElideMode.ElideRight, r.width()),
        )
        roles = index.data(ROLES_ROLE)
        if roles:
            f2 = QFont(opt.font)
            f2.setPointSizeF(max(7.0, opt.font.pointSizeF() * 0.9))
            p.setFont(f2)
            grey = pal.highlightedText().color() if selected else pal.placeholderText().color()
            p.setPen(grey)
            line2 = QRect(r.left(), r.top() + fm.height(), r.width(), fm.height())
            p.drawText(
                line2,
                Qt.AlignmentFlag.AlignVCenter,
                fm.elidedText(roles, Qt.TextElideMode.ElideRight, r.width()),
            )
        p.restore()


class EntityPanel(QDockWidget):
    """``entitySelected(id)`` when the reader picks a row ('' when the selection is cleared)."""

    entitySelected = Signal(str)

    def __init__(self, kind: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.kind = kind
        self.setObjectName(f"dock-{kind}")
        self.model = QStandardItemModel(0, 2, self)
        self.model.setHorizontalHeaderLabels(["Name", "Mentions"])
        self.view = QTreeView(self)
        self.view.setObjectName(f"list-{kind}")
        self.view.setAccessibleName(f"{title} list")
        self.view.setModel(self.model)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(False)
        self.view.setAlternatingRowColors(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setItemDelegateForColumn(0, _NameDelegate(kind, self.view))
        self.view.header().setStretchLastSection(False)
        self.view.header().setSectionResizeMode(0, self.view.header().ResizeMode.Stretch)
        self.view.header().setSectionResizeMode(1, self.view.header().ResizeMode.ResizeToContents)
        self.view.selectionModel().currentRowChanged.connect(self._on_current)
        self.setWidget(self.view)
        self.setMinimumWidth(220)
        self._title = title

    def show_facts(self, facts: Facts | None) -> None:
        self.view.selectionModel().blockSignals(True)
        self.model.removeRows(0, self.model.rowCount())
        ents = facts.entities_of(self.kind) if facts else []
        for e in ents:
            self.model.appendRow(self._row(e, facts))
        self.view.selectionModel().blockSignals(False)
        self.setWindowTitle(f"{self._title} ({len(ents)})" if facts else self._title)

    def _row(self, e: Entity, facts: Facts | None) -> list[QStandardItem]:
        name = QStandardItem(e.name)
        name.setData(e.id, ID_ROLE)
        name.setData("; ".join(e.roles), ROLES_ROLE)
        tip = [f"<b>{_esc(e.name)}</b>"]
        if e.roles:
            tip.append("<i>" + _esc("; ".join(e.roles)) + "</i>")
        if e.aliases:
            tip.append("Also: " + _esc(", ".join(e.aliases)))
        claims = len(facts.claims_by(e.id)) if facts else 0
        if claims:
            tip.append(f"{claims} claim{'s' if claims != 1 else ''}")
        name.setToolTip("<br>".join(tip))
        count = QStandardItem(str(len(e.mentions)))
        count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return [name, count]

    def ids(self) -> list[str]:
        return [self.model.item(r, 0).data(ID_ROLE) for r in range(self.model.rowCount())]

    def select_entity(self, entity_id: str | None) -> bool:
        """Select the row of this entity without re-emitting; False if it is not in this panel."""
        sm = self.view.selectionModel()
        sm.blockSignals(True)
        try:
            for r in range(self.model.rowCount()):
                if self.model.item(r, 0).data(ID_ROLE) == entity_id:
                    idx = self.model.index(r, 0)
                    self.view.setCurrentIndex(idx)
                    self.view.scrollTo(idx)
                    return True
            self.view.clearSelection()
            return False
        finally:
            sm.blockSignals(False)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.entitySelected.emit(
            self.model.item(current.row(), 0).data(ID_ROLE) if current.isValid() else ""
        )
