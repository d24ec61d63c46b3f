"""How a plain text is laid out: blank lines only separate paragraphs, a first line that is the
title shows as the headline, and the text stays the file's, one character for one."""

from __future__ import annotations

from PySide6.QtGui import QFont

from broadsheet.facts import Facts
from broadsheet.ingest import read_article
from broadsheet.ui.article_view import ArticleView


def _tops(view: ArticleView) -> dict[str, float]:
    """The top of each paragraph with words, by its words."""
    layout = view.document().documentLayout()
    tops, block = {}, view.document().begin()
    while block.isValid():
        if block.text().strip():
            tops[block.text().strip()] = layout.blockBoundingRect(block).top()
        block = block.next()
    return tops


def test_blank_lines_between_paragraphs_take_no_room(qtbot):
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    view.show_facts(Facts(text="One paragraph.\nTwo paragraph.\nThree."))
    line_a_line = _tops(view)
    assert list(line_a_line.values()) == sorted(set(line_a_line.values()))  # laid out
    for blank in ("\n\n", "\n\n\n", "\r\n\r\n", "\n  \n"):
        text = blank.join(["One paragraph.", "Two paragraph.", "Three."])
        view.show_facts(Facts(text=text))
        assert view.toPlainText().replace(" \n", "\n").count("\n") == text.count("\n")
        spaced = _tops(view)
        for words, top in line_a_line.items():
            assert abs(spaced[words] - top) < 1, (repr(blank), words)


def test_a_long_text_keeps_its_paragraph_format_after_a_blank_line_between_chunks(qtbot):
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    para = "A sentence of a paragraph that goes on for a while. " * 20
    text = "\n\n".join([para] * 60)  # 60 KB: several chunks, each may end on a blank line
    view.show_facts(Facts(text=text))
    assert view.toPlainText() == text
    tops = []
    block = view.document().begin()
    while block.isValid():
        if block.text().strip():
            tops.append(view.document().documentLayout().blockBoundingRect(block).top())
        block = block.next()
    gaps = {round(b - a) for a, b in zip(tops, tops[1:], strict=False)}
    assert len(gaps) == 1 and gaps != {0}  # every paragraph as far from the next


def test_a_text_that_opens_with_its_title_shows_it_once_as_the_headline(
    make_window, library_dir, tmp_path, qtbot
):
    path = tmp_path / "talks.txt"
    path.write_text(
        "Talks in Vladivostok End Without a Deal\n\nThe leaders met on Tuesday.\n\n"
        "They spoke for an hour.\n",
        encoding="utf-8",
    )
    article = read_article(path)
    assert article.title == "Talks in Vladivostok End Without a Deal"
    w = make_window(library_dir)
    w.show_facts(Facts(text=article.text, path=str(path), title=article.title))
    qtbot.waitUntil(lambda: not w._showing.busy())
    assert w.view.toPlainText() == article.text
    head = w.view.headline_block()
    assert head is not None and head.text() == article.title
    body = w.view.document().findBlock(article.text.index("The leaders"))
    head_font = head.begin().fragment().charFormat().font()
    body_font = body.begin().fragment().charFormat().font()
    assert head_font.weight() >= QFont.Weight.DemiBold
    assert head_font.weight() > body_font.weight()
    assert not w.title_label.isVisible()  # not twice
    assert w.title_label.text() == article.title


def test_a_title_not_in_the_text_stays_above_it(make_window, library_dir, qtbot):
    w = make_window(library_dir)
    w.show_facts(Facts(text="The leaders met on Tuesday.\n", path="/x/talks.txt", title="Talks"))
    qtbot.waitUntil(lambda: not w._showing.busy())
    assert w.view.headline_block() is None
    assert w.title_label.isVisible()
