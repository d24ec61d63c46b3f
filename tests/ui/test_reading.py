"""The article view as a reader uses it: layers, hover, F3, find, zoom, theme, position."""

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPalette, QTextCursor
from PySide6.QtWidgets import QApplication

from broadsheet.ui.app import create_window


def test_highlight_layers_toggle_and_persist(make_window, open_and_wait, seeded_copy, sample_path):
    w = make_window(seeded_copy)
    facts = open_and_wait(w, sample_path)
    place = facts.entities_of("place")[0]
    assert w.view.mark_at(place.mentions[0].start) is not None
    w.layer_actions["place"].setChecked(False)
    assert "place" not in w.view.layers
    assert w.view.mark_at(place.mentions[0].start) is None  # no underline, no click target
    assert "Places" not in w.legend.text() and "People" in w.legend.text()
    w.close()
    w2 = make_window(seeded_copy)
    assert not w2.layer_actions["place"].isChecked()
    assert w2.view.layers == {"person", "organisation", "claims"}


def test_hovering_a_mention_names_its_entity(make_window, open_and_wait, seeded_copy, sample_path):
    w = make_window(seeded_copy)
    facts = open_and_wait(w, sample_path)
    ent = (
        next(e for e in facts.entities if e.roles)
        if any(e.roles for e in facts.entities)
        else facts.entities[0]
    )
    mark = w.view.mark_at(ent.mentions[0].start + 1)
    assert mark is not None and mark.entity.id == ent.id
    tip = w.view.tooltip_for(mark.entity)
    assert ent.name in tip and ent.kind.capitalize() in tip  # "Person", as the menus say
    for role in ent.roles:
        assert role in tip


def test_f3_steps_through_mentions_with_a_count(
    make_window, open_and_wait, qtbot, seeded_copy, sample_path
):
    w = make_window(seeded_copy)
    facts = open_and_wait(w, sample_path)
    ent = facts.entities_of("place")[0]
    assert len(ent.mentions) >= 3
    w.select_entity(ent.id)
    qtbot.keyClick(w, Qt.Key.Key_F3)
    assert w.statusBar().currentMessage().endswith(f"2 of {len(ent.mentions)}")
    assert w.view.textCursor().position() == ent.mentions[1].start
    qtbot.keyClick(w, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(w, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    n = len(ent.mentions)
    assert w.statusBar().currentMessage().endswith(f"{n} of {n}")  # wraps around


def test_find_bar_counts_and_steps_and_closes(
    make_window, open_and_wait, qtbot, seeded_copy, sample_path
):
    w = make_window(seeded_copy)
    facts = open_and_wait(w, sample_path)
    qtbot.keyClick(w, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert w.find_bar.isVisible()
    qtbot.keyClicks(w.find_bar.edit, "kremlin")
    n = facts.text.lower().count("kremlin")
    assert w.find_bar.count.text() == f"1 of {n}"
    qtbot.keyClick(w.find_bar.edit, Qt.Key.Key_Return)
    assert w.find_bar.count.text() == f"2 of {n}"
    second = facts.text.lower().index("kremlin", facts.text.lower().index("kremlin") + 1)
    assert w.view.textCursor().selectionStart() == second
    qtbot.keyClick(w.find_bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert w.find_bar.count.text() == f"1 of {n}"
    w.find_bar.edit.setText("no such words here")
    assert w.find_bar.count.text() == "No matches"
    qtbot.keyClick(w.find_bar.edit, Qt.Key.Key_Escape)
    assert not w.find_bar.isVisible()


def test_zoom_and_theme_persist(make_window, qtbot, seeded_copy):
    w = make_window(seeded_copy)
    size = w.view.document().defaultFont().pointSizeF()
    qtbot.keyClick(w, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(w, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert w.view.document().defaultFont().pointSizeF() > size
    w.set_theme("dark")
    assert QApplication.palette().color(QPalette.ColorRole.Base).lightness() < 80
    w.close()
    w2 = make_window(seeded_copy)
    assert w2.view.zoom == 2
    assert w2.theme == "dark"
    qtbot.keyClick(w2, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert w2.view.zoom == 0
    w2.set_theme("light")
    assert QApplication.palette().color(QPalette.ColorRole.Base).lightness() > 200


def _lightness_range(widget):
    """The darkest and the lightest pixel of a widget as drawn (its text and its ground)."""
    img = widget.grab().toImage()
    seen = [
        img.pixelColor(x, y).lightness()
        for x in range(0, img.width(), 2)
        for y in range(0, img.height(), 2)
    ]
    return min(seen), max(seen)


def test_switching_theme_with_an_article_open_restyles_its_title_and_meta(
    make_window, open_and_wait, seeded_copy, sample_path, qtbot
):
    w = make_window(seeded_copy)
    w.set_theme("light")
    open_and_wait(w, sample_path)
    for theme in ("dark", "light", "dark"):
        w.set_theme(theme)
        qtbot.wait(10)  # the style sheets are re-polished in the event loop
        app_palette = QApplication.palette()
        title = w.title_label.palette().color(QPalette.ColorRole.WindowText)
        meta = w.meta_label.palette().color(QPalette.ColorRole.WindowText)
        assert title == app_palette.color(QPalette.ColorRole.WindowText), theme
        assert meta == app_palette.color(QPalette.ColorRole.PlaceholderText), theme
        darkest, lightest = _lightness_range(w.title_label)
        if theme == "dark":
            assert lightest > 180, "the title is drawn dark on the dark ground"
        else:
            assert darkest < 60, "the title is drawn light on the light ground"


def test_reading_position_is_remembered_per_document(
    qtbot, open_and_wait, seeded_copy, sample_path
):
    w = create_window(seeded_copy)
    qtbot.addWidget(w)
    w.resize(900, 400)
    w.show()
    facts = open_and_wait(w, sample_path)
    w.view.scroll_to_top_offset(facts.text.index("Analysts believe"))
    pos = w.view.top_offset()
    assert pos > 1000
    w.close()
    w2 = create_window(seeded_copy)
    qtbot.addWidget(w2)
    w2.resize(900, 400)
    w2.show()
    open_and_wait(w2, sample_path)
    assert abs(w2.view.top_offset() - pos) < 200


def test_clicking_in_plain_text_selects_nothing(
    make_window, open_and_wait, qtbot, seeded_copy, sample_path
):
    w = make_window(seeded_copy)
    facts = open_and_wait(w, sample_path)
    i = facts.text.index("armored train")
    cur = QTextCursor(w.view.document())
    cur.setPosition(i + 2)
    w.view.setTextCursor(cur)
    w.view.ensureCursorVisible()
    qtbot.mouseClick(
        w.view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=w.view.cursorRect(cur).center() + QPoint(0, 0),
    )
    assert all(p.current_id() is None for p in w.panels.values())
