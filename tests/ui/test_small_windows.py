"""A small window: the article keeps a readable line and the docks give way; names and roles
wrap (or, a word too long for the column, are shortened in the middle) rather than being cut."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QStyleOptionViewItem

from broadsheet.facts import Entity, Facts, Mention
from broadsheet.ui.article_view import BASE_POINT_SIZE, MIN_LINE_CHARS

NAME = "University of North Korean Studies"
ROLE = "a professor at the University of North Korean Studies; Professor"


def _facts() -> Facts:
    text = f"{NAME} said so. Kim Dong-yup, {ROLE}, agreed. " * 20
    return Facts(
        text=text,
        path="/x/small.txt",
        title="Small",
        entities=[
            Entity("e1", "organisation", NAME, mentions=[Mention(0, len(NAME), NAME)]),
            Entity(
                "e2",
                "person",
                "Kim Dong-yup",
                roles=[ROLE],
                mentions=[Mention(text.index("Kim"), text.index("Kim") + 12, "Kim Dong-yup")],
            ),
        ],
    )


def test_at_1024_by_700_the_article_keeps_its_line_and_the_docks_give_way(
    make_window, library_dir, qtbot
):
    w = make_window(library_dir)
    w.reset_layout()
    w.resize(1024, 700)
    w.show_facts(_facts())
    qtbot.waitUntil(lambda: not w._showing.busy())
    qtbot.waitUntil(lambda: w.width() == 1024)
    font = QFont(w.view.document().defaultFont())
    font.setPointSizeF(BASE_POINT_SIZE)
    needed = MIN_LINE_CHARS * QFontMetrics(font).averageCharWidth()

    def line() -> float:
        return w.view.viewport().width() - 2 * w.view.document().documentMargin()

    qtbot.waitUntil(lambda: line() >= needed)  # the docks are narrowed once laid out
    assert w.claims.width() < 440  # the docks were narrowed, not the article
    assert w.width() == 1024 and w.height() == 700  # and the window still fits


def _row_text(panel, row):
    index = panel.model.index(row, 0)
    delegate = panel.view.itemDelegateForColumn(0)
    option = QStyleOptionViewItem()
    option.font = panel.view.font()
    option.fontMetrics = panel.view.fontMetrics()
    return index, delegate, option


def test_names_and_roles_wrap_at_the_default_size(make_window, library_dir, qtbot):
    w = make_window(library_dir)
    w.reset_layout()
    w.show_facts(_facts())
    qtbot.waitUntil(lambda: not w._showing.busy())
    for kind, name, roles in (("organisation", NAME, ""), ("person", "Kim Dong-yup", ROLE)):
        panel = w.panels[kind]
        index, delegate, option = _row_text(panel, 0)
        width = delegate._text_width(panel.view.columnWidth(0))
        bold, small = delegate._fonts(option.font)
        assert delegate.fitted(bold, width, name) == name  # whole, wrapped if need be
        if roles:
            assert delegate.fitted(small, width, roles) == roles
        needed = QFontMetrics(bold).horizontalAdvance(name) + (
            QFontMetrics(small).horizontalAdvance(roles)
        )
        lines = max(2, -(-needed // width))  # at least as many lines as the words need
        assert delegate.sizeHint(option, index).height() >= lines * QFontMetrics(small).height()
        tip = index.data(0x0003)  # the tooltip has the whole
        assert name in tip and (not roles or roles.split(";")[0] in tip)


def test_a_word_wider_than_the_column_is_shortened_in_the_middle(make_window, library_dir):
    w = make_window(library_dir)
    delegate = w.panels["place"].view.itemDelegateForColumn(0)
    font = w.panels["place"].view.font()
    shown = delegate.fitted(font, QFontMetrics(font).horizontalAdvance("Washin"), "Washington")
    assert "…" in shown and shown.startswith("W") and shown.endswith("n")
