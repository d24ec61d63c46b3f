"""Rows whose first column wraps to its width: a claim or a correction is read whole, not
guessed from its start."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QTreeView

from .table_model import AnyIndex


class WrapDelegate(QStyledItemDelegate):
    """``headings_wrap=False`` keeps top-level rows (a tree's headings) to one line; their
    children are indented by two levels."""

    def __init__(self, view: QTreeView, headings_wrap: bool = True) -> None:
        super().__init__(view)
        self.view = view
        self.headings_wrap = headings_wrap

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        base = super().sizeHint(option, index)
        indent = 0
        if not self.headings_wrap:
            if not index.parent().isValid():
                return base  # source headings stay one line
            indent = self.view.indentation() * 2
        width = max(80, self.view.columnWidth(0) - indent - 8)
        rect = option.fontMetrics.boundingRect(
            QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, str(index.data() or "")
        )
        return QSize(base.width(), max(base.height(), rect.height() + 6))
