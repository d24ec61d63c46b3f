"""Long rows wrap to their column: a claim or a correction is read whole."""

from __future__ import annotations

from PySide6.QtWidgets import QStyleOptionViewItem, QTreeWidget, QTreeWidgetItem

from broadsheet.ui.delegates import WrapDelegate

LONG = "that the negotiations would be held in the presence of delegations " * 4


def _tree(qtbot, headings_wrap: bool) -> tuple[QTreeWidget, WrapDelegate]:
    tree = QTreeWidget()
    qtbot.addWidget(tree)
    tree.setColumnCount(1)
    tree.setColumnWidth(0, 240)
    heading = QTreeWidgetItem([LONG])
    heading.addChild(QTreeWidgetItem([LONG]))
    tree.addTopLevelItem(heading)
    delegate = WrapDelegate(tree, headings_wrap=headings_wrap)
    tree.setItemDelegateForColumn(0, delegate)
    return tree, delegate


def _height(tree: QTreeWidget, delegate: WrapDelegate, index) -> int:
    option = QStyleOptionViewItem()
    option.initFrom(tree)
    return delegate.sizeHint(option, index).height()


def test_a_long_row_takes_several_lines(qtbot):
    tree, delegate = _tree(qtbot, headings_wrap=True)
    line = tree.fontMetrics().height()
    assert _height(tree, delegate, tree.model().index(0, 0)) > 3 * line


def test_headings_stay_one_line_when_asked_and_their_rows_wrap(qtbot):
    tree, delegate = _tree(qtbot, headings_wrap=False)
    line = tree.fontMetrics().height()
    top = tree.model().index(0, 0)
    assert _height(tree, delegate, top) < 2 * line
    assert _height(tree, delegate, tree.model().index(0, 0, top)) > 3 * line
