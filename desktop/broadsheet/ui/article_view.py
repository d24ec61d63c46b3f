"""The article in the centre: readable text, highlights for mentions and claims, click to select."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from html import escape as _esc

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QMouseEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QToolTip, QWidget

from ..facts import Entity, Facts
from .colors import CLAIM_COLOR, KIND_COLORS, SOURCE_COLOR

READING_WIDTH = 760  # px: a comfortable line length, like a printed column


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
    """Read-only article text. Emits ``entityClicked(id)`` when a mention is clicked."""

    entityClicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleView")
        self.setAccessibleName("Article text")
        self.setOpenLinks(False)
        self.setUndoRedoEnabled(False)
        self.setAcceptDrops(False)  # drops go to the window, which opens the file
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapMode.WordWrap)
        self.setMouseTracking(True)
        font = QFont()
        font.setFamilies(["Georgia", "Noto Serif", "DejaVu Serif", "Liberation Serif", "serif"])
        font.setPointSizeF(12.5)
        self.document().setDefaultFont(font)
        self.document().setDocumentMargin(24)
        self._facts: Facts | None = None
        self._map = OffsetMap("")
        self._marks: list[_Mark] = []
        self._mark_starts: list[int] = []
        self._base: list[QTextEdit.ExtraSelection] = []

    # -- content --------------------------------------------------------------------------------
    def show_facts(self, facts: Facts) -> None:
        self._facts = facts
        self._map = OffsetMap(facts.text)
        self.setPlainText(display_text(facts.text))
        self._format_paragraphs()
        self._marks = sorted(
            (_Mark(m.start, m.end, e) for e in facts.entities for m in e.mentions),
            key=lambda k: k.start,
        )
        self._mark_starts = [m.start for m in self._marks]
        self._base = [
            self._selection(m.start, m.end, self._underline(m.entity.kind)) for m in self._marks
        ]
        self.setExtraSelections(self._base)
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def clear_facts(self) -> None:
        self._facts = None
        self._marks, self._mark_starts, self._base = [], [], []
        self.setExtraSelections([])
        self.clear()

    def _format_paragraphs(self) -> None:
        fmt = QTextBlockFormat()
        fmt.setBottomMargin(10)
        fmt.setLineHeight(145, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        cur = QTextCursor(self.document())
        cur.select(QTextCursor.SelectionType.Document)
        cur.mergeBlockFormat(fmt)

    # -- highlights -----------------------------------------------------------------------------
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

    def highlight_entity(self, entity: Entity | None) -> None:
        """Fill every mention of the entity in its kind's colour and scroll to the first."""
        if entity is None:
            self.setExtraSelections(self._base)
            return
        fmt = self._fill(KIND_COLORS[entity.kind] + "55")
        sels = [self._selection(m.start, m.end, fmt) for m in entity.mentions]
        self.setExtraSelections(self._base + sels)
        if entity.mentions:
            self.scroll_to(entity.mentions[0].start)

    def highlight_claim(self, content: tuple[int, int], source: tuple[int, int] | None) -> None:
        sels = [self._selection(*content, self._fill(CLAIM_COLOR))]
        if source is not None:
            sels.append(self._selection(*source, self._fill(SOURCE_COLOR, bold=True)))
        self.setExtraSelections(self._base + sels)
        self.scroll_to(source[0] if source and source[0] < content[0] else content[0])

    def highlighted_ranges(self) -> list[tuple[int, int]]:
        """Character ranges of the filled (not just underlined) highlights, for tests and a11y."""
        out = []
        for sel in self.extraSelections()[len(self._base) :]:
            c = sel.cursor
            out.append((self._map.from_qt(c.selectionStart()), self._map.from_qt(c.selectionEnd())))
        return out

    def scroll_to(self, offset: int) -> None:
        cur = QTextCursor(self.document())
        cur.setPosition(self._map.to_qt(offset))
        self.setTextCursor(cur)
        self.ensureCursorVisible()

    # -- hit testing ----------------------------------------------------------------------------
    def mark_at(self, offset: int) -> _Mark | None:
        i = bisect_right(self._mark_starts, offset) - 1
        while i >= 0 and self._marks[i].start <= offset:
            if offset < self._marks[i].end:
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
                ent = mark.entity
                roles = f"<br><i>{_esc('; '.join(ent.roles))}</i>" if ent.roles else ""
                QToolTip.showText(
                    e.globalPos(), f"<b>{_esc(ent.name)}</b> · {ent.kind}{roles}", self
                )
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(e)

    # -- a reading column ----------------------------------------------------------------------
    def resizeEvent(self, e) -> None:  # noqa: ANN001 - Qt's event type
        side = max(0, (self.width() - READING_WIDTH) // 2)
        self.setViewportMargins(side, 0, side, 0)
        super().resizeEvent(e)
