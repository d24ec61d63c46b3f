"""The article in the centre: readable text, highlight layers, find, zoom, click to select."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from html import escape as _esc

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QKeySequence,
    QMouseEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextOption,
    QWheelEvent,
)
from PySide6.QtWidgets import QMenu, QTextBrowser, QTextEdit, QToolTip, QWidget

from ..facts import ENTITY_KINDS, Entity, Facts
from .colors import (
    CLAIM_COLOR,
    CLAIM_LAYER_COLOR,
    FIND_COLOR,
    KIND_COLORS,
    SOURCE_COLOR,
    with_alpha,
)

READING_WIDTH = 760  # px at 100 %: a comfortable line length, like a printed column
BASE_POINT_SIZE = 12.5
ZOOM_STEPS = (-4, 8)  # 1.1^-4 ≈ 68 % … 1.1^8 ≈ 214 %
LAYERS = (*ENTITY_KINDS, "claims")


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    entity: Entity


class OffsetMap:
    """Python string offsets ↔ QTextDocument positions (Qt counts UTF-16 code units)."""

    def __init__(self, text: str) -> None:
        # Only characters outside the BMP take two positions; remember where they are.
        self._wide = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]

    def to_qt(self, i: int) -> int:
        return i + bisect_right(self._wide, i - 1) if self._wide else i

    def from_qt(self, pos: int) -> int:
        if not self._wide:
            return pos
        lo, hi = 0, pos
        while lo < hi:  # the largest i with to_qt(i) <= pos
            mid = (lo + hi + 1) // 2
            if self.to_qt(mid) <= pos:
                lo = mid
            else:
                hi = mid - 1
        return lo


def display_text(text: str) -> str:
    """The text as Qt should lay it out, one character for one: no CR or NUL surprises."""
    return text.replace("\r\n", " \n").replace("\r", "\n").replace("\x00", " ")


class ArticleView(QTextBrowser):
    """Read-only article text.

    Signals: ``entityClicked(id)`` when a mention is clicked; ``splitRequested(id, start, end)``
    from a mention's context menu; ``zoomChanged(step)``.
    """

    entityClicked = Signal(str)
    splitRequested = Signal(str, int, int)
    zoomChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleView")
        self.setAccessibleName("Article text")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setUndoRedoEnabled(False)
        self.setAcceptDrops(False)  # drops go to the window, which opens the file
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapMode.WordWrap)
        self.setMouseTracking(True)
        self.zoom = 0
        self._apply_font()
        self.document().setDocumentMargin(24)
        self.layers: set[str] = set(LAYERS)
        self._facts: Facts | None = None
        self._map = OffsetMap("")
        self._marks: list[_Mark] = []
        self._mark_starts: list[int] = []
        self._base: list[QTextEdit.ExtraSelection] = []
        self._find: list[QTextEdit.ExtraSelection] = []
        self._focus: list[QTextEdit.ExtraSelection] = []
        self._focus_ranges: list[tuple[int, int]] = []
        self.matches: list[int] = []
        self.match_len = 0
        self.match_index = -1

    # -- content --------------------------------------------------------------------------------
    def show_facts(self, facts: Facts, keep_position: bool = False) -> None:
        """Show a document; ``keep_position`` when only its facts changed (a correction)."""
        same_text = self._facts is not None and self._facts.text == facts.text
        top = self.top_offset() if keep_position and same_text else 0
        self._facts = facts
        if not same_text:
            self._map = OffsetMap(facts.text)
            self.setPlainText(display_text(facts.text))
            self._format_paragraphs()
            self.matches, self._find = [], []
        self._marks = sorted(
            (_Mark(m.start, m.end, e) for e in facts.entities for m in e.mentions),
            key=lambda k: k.start,
        )
        self._mark_starts = [m.start for m in self._marks]
        self._focus, self._focus_ranges = [], []
        self._rebuild_base()
        self.scroll_to_top_offset(top)

    def _format_paragraphs(self) -> None:
        fmt = QTextBlockFormat()
        fmt.setBottomMargin(10)
        fmt.setLineHeight(145, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        cur = QTextCursor(self.document())
        cur.select(QTextCursor.SelectionType.Document)
        cur.mergeBlockFormat(fmt)

    # -- layers ---------------------------------------------------------------------------------
    def set_layers(self, layers: set[str]) -> None:
        """Which highlight layers show: the entity kinds (underlines) and "claims"."""
        self.layers = set(layers) & set(LAYERS)
        self._rebuild_base()

    def _rebuild_base(self) -> None:
        base = []
        if self._facts is not None and "claims" in self.layers:
            fmt = self._fill(CLAIM_LAYER_COLOR)
            base += [self._selection(c.content.start, c.content.end, fmt)
                     for c in self._facts.claims]
        underline = {k: self._underline(k) for k in ENTITY_KINDS}  # one format per kind
        base += [self._selection(m.start, m.end, underline[m.entity.kind])
                 for m in self._marks if m.entity.kind in self.layers]
        self._base = base
        self._refresh()

    def _refresh(self) -> None:
        self.setExtraSelections(self._base + self._find + self._focus)

    def _underline(self, kind: str) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        fmt.setUnderlineColor(QColor(KIND_COLORS[kind]))
        return fmt

    def _fill(self, color: str, bold: bool = False) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(color))
        if bold:
            fmt.setFontWeight(QFont.Weight.DemiBold)
        return fmt

    def _selection(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        sel = QTextEdit.ExtraSelection()
        cur = QTextCursor(self.document())
        cur.setPosition(self._map.to_qt(start))
        cur.setPosition(self._map.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cur
        sel.format = fmt
        return sel

    def _set_focus(self, ranges: list[tuple[int, int, QTextCharFormat]]) -> None:
        self._focus = [self._selection(s, e, f) for s, e, f in ranges]
        self._focus_ranges = [(s, e) for s, e, _ in ranges]
        self._refresh()

    def highlight_entity(self, entity: Entity | None, scroll: bool = True) -> None:
        """Fill every mention of the entity in its kind's colour and scroll to the first."""
        if entity is None:
            self._set_focus([])
            return
        fmt = self._fill(with_alpha(KIND_COLORS[entity.kind], 0x55))
        self._set_focus([(m.start, m.end, fmt) for m in entity.mentions])
        if scroll and entity.mentions:
            self.scroll_to(entity.mentions[0].start)

    def highlight_mention(self, entity: Entity, index: int) -> None:
        """All mentions filled, the ``index``-th one stronger, and scrolled to it."""
        soft = self._fill(with_alpha(KIND_COLORS[entity.kind], 0x40))
        strong = self._fill(with_alpha(KIND_COLORS[entity.kind], 0xa0), bold=True)
        self._set_focus([(m.start, m.end, strong if i == index else soft)
                         for i, m in enumerate(entity.mentions)])
        self.scroll_to(entity.mentions[index].start)

    def highlight_claim(self, content: tuple[int, int], source: tuple[int, int] | None) -> None:
        ranges = [(*content, self._fill(CLAIM_COLOR))]
        if source is not None:
            ranges.append((*source, self._fill(SOURCE_COLOR, bold=True)))
        self._set_focus(ranges)
        self.scroll_to(source[0] if source and source[0] < content[0] else content[0])

    def highlighted_ranges(self) -> list[tuple[int, int]]:
        """Character ranges of the focus highlights (not the layers), for tests and a11y."""
        return list(self._focus_ranges)

    def scroll_to(self, offset: int) -> None:
        cur = QTextCursor(self.document())
        cur.setPosition(self._map.to_qt(offset))
        self.setTextCursor(cur)
        self.ensureCursorVisible()

    # -- reading position -----------------------------------------------------------------------
    def top_offset(self) -> int:
        """The character offset at the top of the visible text."""
        return self._map.from_qt(self.cursorForPosition(QPoint(4, 4)).position())

    def scroll_to_top_offset(self, offset: int) -> None:
        cur = QTextCursor(self.document())
        cur.setPosition(min(self._map.to_qt(max(0, offset)), self.document().characterCount() - 1))
        bar = self.verticalScrollBar()
        if offset <= 0:
            bar.setValue(0)
            return
        self.document().documentLayout()  # make sure layout exists before asking for geometry
        block = self.document().documentLayout().blockBoundingRect(cur.block())
        line = cur.block().layout().lineForTextPosition(cur.positionInBlock())
        y = block.top() + (line.y() if line.isValid() else 0)
        bar.setValue(int(y))

    # -- find -----------------------------------------------------------------------------------
    def find_all(self, needle: str) -> int:
        """Mark every case-insensitive match of ``needle``; returns the count."""
        self.matches, self.match_len, self.match_index = [], len(needle), -1
        self._find = []
        if self._facts is not None and needle:
            hay, low = self._facts.text.casefold(), needle.casefold()
            if len(hay) == len(self._facts.text):  # casefold kept offsets (almost always)
                i = hay.find(low)
                while i != -1:
                    self.matches.append(i)
                    i = hay.find(low, i + max(1, len(low)))
            fmt = self._fill(FIND_COLOR)
            self._find = [self._selection(i, i + len(needle), fmt) for i in self.matches]
        self._refresh()
        return len(self.matches)

    def find_step(self, backward: bool = False) -> int:
        """Move to the next (or previous) match after the cursor; returns its index or -1."""
        if not self.matches:
            return -1
        n = len(self.matches)
        self.match_index = ((self.match_index - 1) if backward else (self.match_index + 1)) % n
        start = self.matches[self.match_index]
        cur = QTextCursor(self.document())
        cur.setPosition(self._map.to_qt(start))
        cur.setPosition(self._map.to_qt(start + self.match_len), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cur)
        self.ensureCursorVisible()
        return self.match_index

    def clear_find(self) -> None:
        self.matches, self._find, self.match_index = [], [], -1
        self._refresh()

    # -- zoom -----------------------------------------------------------------------------------
    def set_zoom(self, step: int) -> None:
        step = max(ZOOM_STEPS[0], min(ZOOM_STEPS[1], int(step)))
        if step != self.zoom:
            top = self.top_offset()
            self.zoom = step
            self._apply_font()
            self._update_margins()
            self.scroll_to_top_offset(top)
            self.zoomChanged.emit(step)

    def _apply_font(self) -> None:
        font = QFont()
        font.setFamilies(["Georgia", "Noto Serif", "DejaVu Serif", "Liberation Serif", "serif"])
        font.setPointSizeF(BASE_POINT_SIZE * 1.1**self.zoom)
        self.document().setDefaultFont(font)

    def zoom_percent(self) -> int:
        return round(100 * 1.1**self.zoom)

    def event(self, e: QEvent) -> bool:
        # QTextEdit claims the zoom keys for its own font zoom; leave them to the window's actions,
        # which zoom the document, keep the reading position and remember the choice.
        if e.type() == QEvent.Type.ShortcutOverride and (
            e.matches(QKeySequence.StandardKey.ZoomIn)
            or e.matches(QKeySequence.StandardKey.ZoomOut)
        ):
            e.ignore()
            return False
        return super().event(e)

    def wheelEvent(self, e: QWheelEvent) -> None:
        if e.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = e.angleDelta().y()
            if delta:
                self.set_zoom(self.zoom + (1 if delta > 0 else -1))
            e.accept()
            return
        super().wheelEvent(e)

    # -- hit testing ----------------------------------------------------------------------------
    def mark_at(self, offset: int) -> _Mark | None:
        i = bisect_right(self._mark_starts, offset) - 1
        while i >= 0 and self._marks[i].start <= offset:
            if offset < self._marks[i].end and self._marks[i].entity.kind in self.layers:
                return self._marks[i]
            i -= 1
        return None

    def offset_at(self, point: QPoint) -> int:
        return self._map.from_qt(self.cursorForPosition(point).position())

    def mouseReleaseEvent(self, e: QMouseEvent) -> None:
        super().mouseReleaseEvent(e)
        if e.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            mark = self.mark_at(self.offset_at(e.position().toPoint()))
            if mark is not None:
                self.entityClicked.emit(mark.entity.id)

    def viewportEvent(self, e: QEvent) -> bool:
        # Tooltips arrive at the viewport of a scroll area, not at the view itself.
        if e.type() == QEvent.Type.ToolTip:
            mark = self.mark_at(self.offset_at(e.pos()))
            if mark is not None:
                QToolTip.showText(e.globalPos(), self.tooltip_for(mark.entity), self)
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(e)

    @staticmethod
    def tooltip_for(ent: Entity) -> str:
        roles = f"<br><i>{_esc('; '.join(ent.roles))}</i>" if ent.roles else ""
        return f"<b>{_esc(ent.name)}</b> · {ent.kind}{roles}"

    def context_menu_at(self, point: QPoint) -> QMenu:
        menu = self.createStandardContextMenu(point)
        mark = self.mark_at(self.offset_at(point))
        if mark is not None and len(mark.entity.mentions) > 1:
            menu.addSeparator()
            text = self._facts.text[mark.start:mark.end] if self._facts else ""
            act = menu.addAction(f"Split “{text}” Off {mark.entity.name}")
            act.triggered.connect(
                lambda: self.splitRequested.emit(mark.entity.id, mark.start, mark.end))
        return menu

    def contextMenuEvent(self, e: QContextMenuEvent) -> None:
        self.context_menu_at(e.pos()).exec(e.globalPos())

    # -- a reading column -----------------------------------------------------------------------
    def _update_margins(self) -> None:
        width = int(READING_WIDTH * 1.1 ** max(0, self.zoom))
        side = max(0, (self.width() - width) // 2)
        self.setViewportMargins(side, 0, side, 0)

    def resizeEvent(self, e) -> None:  # noqa: ANN001 - Qt's event type
        self._update_margins()
        super().resizeEvent(e)
