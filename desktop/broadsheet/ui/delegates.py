"""Item delegates the panels share: rows that wrap to their column (a claim or a correction is
read whole, not guessed from its start), and the frame a delegate drawing its own text needs."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
)

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


def draw_frame(
    delegate: QStyledItemDelegate, p: QPainter, option: QStyleOptionViewItem, index: AnyIndex
) -> tuple[QStyleOptionViewItem, str, bool]:
    """The row's background, selection and focus as the style draws them, without its text: the
    options, the text left for the delegate to draw, and whether the row is selected."""
    opt = QStyleOptionViewItem(option)
    delegate.initStyleOption(opt, index)
    text, opt.text = opt.text, ""
    style = opt.widget.style() if opt.widget else QApplication.style()
    style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, p, opt.widget)
    return opt, text, bool(opt.state & QStyle.StateFlag.State_Selected)
