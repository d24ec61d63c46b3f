"""The article in the centre: readable text, highlight layers, find, zoom, click to select."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from html import escape as _esc
from operator import itemgetter
from typing import NamedTuple

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
    QTextOption,
    QWheelEvent,
)
from PySide6.QtWidgets import QMenu, QStyle, QTextBrowser, QTextEdit, QToolTip, QWidget

from ..facts import ENTITY_KINDS, Entity, Facts
from .colors import (
    CLAIM_COLOR,
    CLAIM_LAYER_COLOR,
    FIND_COLOR,
    KIND_COLORS,
    KIND_LABELS,
    SOURCE_COLOR,
    with_alpha,
)
from .slices import Steps

READING_WIDTH = 760  # px at 100 %: a comfortable line length, like a printed column
MIN_LINE_CHARS = 45  # the shortest line the article is given, however small the window
BASE_POINT_SIZE = 12.5
ZOOM_STEPS = (-4, 8)  # 1.1^-4 ≈ 68 % … 1.1^8 ≈ 214 %
LAYERS = (*ENTITY_KINDS, "claims")
CHUNK = 8_000  # characters of text added to the document per step: about 5 ms of layout
SLACK = 1_000  # characters above and below the visible text that get their highlights too
PARAGRAPH_GAP = 10  # px under each paragraph
BLANK_BLOCK = QTextFormat.Property.UserProperty + 1  # marks a blank line's block format
HEADLINE_BLOCK = QTextFormat.Property.UserProperty + 2  # and the title's, on the first line
_WIDE = re.compile("[\U00010000-\U0010ffff]")


class _Mark(NamedTuple):
    start: int
    end: int
    entity: Entity


Mark = tuple[int, int, Entity]  # stored as plain tuples: 20,000 named ones take 15 ms to make
Range = tuple[int, int, QTextCharFormat]


class _Ranges:
    """Highlight ranges sorted by start, so the few on screen are found by bisection: Qt would
    otherwise test every extra selection against every block on every paint, and building
    20,000 of them takes half a second."""

    def __init__(self, ranges: list[Range] | None = None) -> None:
        self.ranges = sorted(ranges or [], key=itemgetter(0))
        self.starts = [r[0] for r in self.ranges]
        self.reach = max((r[1] - r[0] for r in self.ranges), default=0)

    def within(self, a: int, b: int) -> list[Range]:
        i = bisect_left(self.starts, a - self.reach)
        j = bisect_left(self.starts, b)
        return [r for r in self.ranges[i:j] if r[1] > a]


class OffsetMap:
    """Python string offsets ↔ QTextDocument positions (Qt counts UTF-16 code units)."""

    def __init__(self, text: str) -> None:
        # Only characters outside the BMP take two positions; remember where they are.
        self._wide = [] if text.isascii() else [m.start() for m in _WIDE.finditer(text)]

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


def opens_with_title(facts: Facts) -> bool:
    """Whether the text's first line is its title (a plain-text file's headline): the view then
    shows that line as the headline, and the window no title above it."""
    first = facts.text[:4096].lstrip().partition("\n")[0]
    return bool(facts.title) and " ".join(first.split()) == facts.title


def display_text(text: str) -> str:
    """The text as Qt should lay it out, one character for one: no CR or NUL surprises."""
    return text.replace("\r\n", " \n").replace("\r", "\n").replace("\x00", " ")


class ArticleView(QTextBrowser):
    """Read-only article text.

    Signals: ``entityClicked(id)`` when a mention is clicked; ``splitRequested(id, start, end)``
    from a mention's context menu; ``addClaimRequested(start, end)`` and
    ``addEntityRequested(start, end, kind)`` from a selection's; ``zoomChanged(step)``.
    """

    entityClicked = Signal(str)
    splitRequested = Signal(str, int, int)
    addClaimRequested = Signal(int, int)
    addEntityRequested = Signal(int, int, str)
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
        self._text = ""  # the display text being shown; the first ``_loaded`` chars are in
        self._loaded = 0
        self._pending: tuple[int, Callable[[], None]] | None = None  # waits for its text
        self._window = (0, 0)  # the characters whose highlights are set (the visible ones)
        self._marks: list[Mark] = []
        self._mark_starts: list[int] = []
        self._claim_layer = self._mark_layer = _Ranges()
        self._find = _Ranges()
        self._focus: list[Range] = []
        self._focus_ranges: list[tuple[int, int]] = []
        self.matches: list[int] = []
        self.match_len = 0
        self.match_index = -1
        self.verticalScrollBar().valueChanged.connect(self._refresh)

    # -- content --------------------------------------------------------------------------------
    def show_facts(self, facts: Facts, keep_position: bool = False) -> None:
        """Show a document at once (see ``show_steps``)."""
        for _ in self.show_steps(facts, keep_position):
            pass

    def show_steps(
        self, facts: Facts, keep_position: bool = False, top: int | None = None
    ) -> Steps:
        """Show a document, in steps: the text goes in a chunk at a time, and a 1 MB article
        would otherwise hold the window for seconds. ``keep_position`` when only its facts
        changed (a correction); ``top``: the offset to scroll to once its text is in."""
        text = display_text(facts.text)
        same_text = self._facts is not None and self._text == text
        if keep_position and same_text and top is None:
            # Where the reader is, or is about to be (a place asked for before the text was in).
            top = self._pending[0] if self._pending is not None else self.top_offset()
        self._facts = facts
        self._focus, self._focus_ranges = [], []
        if not same_text:
            self._text, self._loaded, self._pending = text, 0, None
            self.matches, self._find, self.match_index = [], _Ranges(), -1
            self._marks, self._mark_starts = [], []
            self._claim_layer = self._mark_layer = _Ranges()
            self.document().clear()
        # Asked for before the first step ends: whatever the reader asks for meanwhile wins.
        self._when_loaded(top or 0, lambda: self.scroll_to_top_offset(top or 0))
        if not same_text:
            yield
            self._map = OffsetMap(facts.text)
            QTextCursor(self.document()).setBlockFormat(self._paragraph_format())
            self._load_chunk()  # the top of the article first, before its facts
            if opens_with_title(facts):
                self._format_headline()
            yield
        self._marks = sorted(
            ((m.start, m.end, e) for e in facts.entities for m in e.mentions), key=itemgetter(0)
        )
        self._mark_starts = [m[0] for m in self._marks]
        yield
        self._rebuild_base()
        while self.loading():
            yield
            self._load_chunk()

    def _load_chunk(self) -> None:
        """Add the next chunk of text, ending at a line break when one is near."""
        text, i = self._text, self._loaded
        j = text.find("\n", i + CHUNK, i + 2 * CHUNK) + 1 or i + CHUNK
        cur = QTextCursor(self.document())
        cur.movePosition(QTextCursor.MoveOperation.End)
        first = cur.block()
        cur.insertText(text[i:j])  # new paragraphs take the block format of the one before
        self._format_blocks(first)
        self._loaded = min(j, len(text))
        if i == 0:  # the view's cursor was pushed along by the insertion: back to the top
            self.setTextCursor(QTextCursor(self.document()))
            self.verticalScrollBar().setValue(0)
        if self._pending is not None and self._pending[0] <= self._loaded:
            action, self._pending = self._pending[1], None
            action()
        if i < self._window[1]:  # the new text may be on screen (or the reader moved there)
            self._refresh()

    def _when_loaded(self, offset: int, action: Callable[[], None]) -> None:
        """Do ``action`` now if the text up to ``offset`` is in the document, else once it is
        (the latest such request wins: the reader asked for it last)."""
        if min(offset, len(self._text)) <= self._loaded:  # past the end: the end will do
            self._pending = None
            action()
        else:
            self._pending = (offset, action)

    def loading(self) -> bool:
        """Whether part of the text is still to be added."""
        return self._loaded < len(self._text)

    @staticmethod
    def _paragraph_format() -> QTextBlockFormat:
        fmt = QTextBlockFormat()
        fmt.setBottomMargin(PARAGRAPH_GAP)
        fmt.setLineHeight(145, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        return fmt

    @staticmethod
    def _blank_format() -> QTextBlockFormat:
        """A blank line takes no room: it only separates paragraphs, which have their gap
        already (the text keeps it, one character for one, so offsets stay the file's)."""
        fmt = QTextBlockFormat()
        fmt.setLineHeight(0, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
        fmt.setProperty(BLANK_BLOCK, True)
        return fmt

    def _format_headline(self) -> None:
        """The first line, the title, set as a headline (the characters stay as they are)."""
        block = self.document().begin()
        while block.isValid() and not block.text().strip():
            block = block.next()
        fmt = self._paragraph_format()
        fmt.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        fmt.setBottomMargin(2 * PARAGRAPH_GAP)
        fmt.setLineHeight(120, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        fmt.setProperty(HEADLINE_BLOCK, True)
        cur = QTextCursor(block)
        cur.setBlockFormat(fmt)
        cur.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        chars = QTextCharFormat()
        chars.setFontWeight(QFont.Weight.DemiBold)
        chars.setProperty(QTextFormat.Property.FontSizeAdjustment, 2)  # follows the zoom
        cur.mergeCharFormat(chars)

    def headline_block(self) -> QTextBlock | None:
        """The block shown as the headline, if the text opens with its title."""
        block = self.document().begin()
        while block.isValid() and not block.text().strip():
            block = block.next()
        shown = block.isValid() and block.blockFormat().boolProperty(HEADLINE_BLOCK)
        return block if shown else None

    def _format_blocks(self, block: QTextBlock) -> None:
        """Blank lines from ``block`` on collapse; the paragraphs after one get the paragraph
        format back (an inserted paragraph takes the format of the block before it)."""
        while block.isValid():
            blank = not block.text().strip()
            if blank != block.blockFormat().boolProperty(BLANK_BLOCK):
                QTextCursor(block).setBlockFormat(
                    self._blank_format() if blank else self._paragraph_format()
                )
            block = block.next()

    # -- layers ---------------------------------------------------------------------------------
    def set_layers(self, layers: set[str]) -> None:
        """Which highlight layers show: the entity kinds (underlines) and "claims"."""
        self.layers = set(layers) & set(LAYERS)
        self._rebuild_base()

    def _rebuild_base(self) -> None:
        claims: list[Range] = []
        if self._facts is not None and "claims" in self.layers:
            fmt = self._fill(CLAIM_LAYER_COLOR)
            claims = [(s, e, fmt) for c in self._facts.claims for s, e in c.content.ranges]
        underline = {k: self._underline(k) for k in ENTITY_KINDS}  # one format per kind
        self._claim_layer = _Ranges(claims)
        self._mark_layer = _Ranges(
            [(s, e, underline[ent.kind]) for s, e, ent in self._marks if ent.kind in self.layers]
        )
        self._refresh()

    def _visible(self) -> tuple[int, int]:
        """The character range on screen, with some slack."""
        vp = self.viewport()
        a = self._map.from_qt(self.cursorForPosition(QPoint(0, 0)).position())
        b = self._map.from_qt(self.cursorForPosition(QPoint(vp.width(), vp.height())).position())
        return max(0, a - SLACK), b + SLACK

    def _refresh(self) -> None:
        """Extra selections for the highlights on screen only; redone as the view scrolls."""
        a, b = self._window = self._visible()
        b = min(b, self._loaded)
        focus = [r for r in self._focus if r[0] < b and r[1] > a]
        ranges = (
            self._claim_layer.within(a, b)
            + self._mark_layer.within(a, b)
            + self._find.within(a, b)
            + focus
        )
        self.setExtraSelections([self._selection(*r) for r in ranges])

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
        cur.setPosition(self._map.to_qt(min(start, self._loaded)))
        cur.setPosition(self._map.to_qt(min(end, self._loaded)), QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cur
        sel.format = fmt
        return sel

    def _set_focus(self, ranges: list[Range]) -> None:
        self._focus = ranges
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
        strong = self._fill(with_alpha(KIND_COLORS[entity.kind], 0xA0), bold=True)
        self._set_focus(
            [
                (m.start, m.end, strong if i == index else soft)
                for i, m in enumerate(entity.mentions)
            ]
        )
        self.scroll_to(entity.mentions[index].start)

    def highlight_claim(
        self, content: list[tuple[int, int]], source: tuple[int, int] | None
    ) -> None:
        """Highlight every part of a claim's content, and its source."""
        fill = self._fill(CLAIM_COLOR)
        ranges = [(s, e, fill) for s, e in content]
        if source is not None:
            ranges.append((*source, self._fill(SOURCE_COLOR, bold=True)))
        self._set_focus(ranges)
        first = content[0][0]
        self.scroll_to(source[0] if source and source[0] < first else first)

    def highlight_sources(self, spans: list[tuple[int, int]]) -> None:
        """The words that name a source, wherever they stand (a source with no entity)."""
        fill = self._fill(SOURCE_COLOR, bold=True)
        self._set_focus([(s, e, fill) for s, e in spans])
        if spans:
            self.scroll_to(min(s for s, _ in spans))

    def highlight_hit(self, start: int, end: int) -> None:
        """A library search's hit: filled as a find match is, and scrolled to."""
        self._set_focus([(start, end, self._fill(FIND_COLOR))])
        self.scroll_to(start)

    def highlighted_ranges(self) -> list[tuple[int, int]]:
        """Character ranges of the focus highlights (not the layers), for tests and a11y."""
        return list(self._focus_ranges)

    def scroll_to(self, offset: int) -> None:
        self._when_loaded(offset, lambda: self._put_cursor(offset, offset))

    def _put_cursor(self, start: int, end: int) -> None:
        last = self.document().characterCount() - 1
        cur = QTextCursor(self.document())
        cur.setPosition(min(self._map.to_qt(start), last))
        if end != start:
            cur.setPosition(min(self._map.to_qt(end), last), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cur)
        self._centre_cursor()

    def _centre_cursor(self) -> None:
        """Bring the cursor to the middle of the view unless it is well inside it already: a
        mention found at the bottom edge is read without its sentence's end."""
        rect, height = self.cursorRect(), self.viewport().height()
        if height * 0.2 <= rect.top() and rect.bottom() <= height * 0.8:
            return
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + rect.center().y() - height // 2)

    # -- reading position -----------------------------------------------------------------------
    def top_offset(self) -> int:
        """The character offset at the top of the visible text."""
        return self._map.from_qt(self.cursorForPosition(QPoint(4, 4)).position())

    def scroll_to_top_offset(self, offset: int) -> None:
        offset = min(max(0, offset), len(self._text))
        if offset > self._loaded:
            self._when_loaded(offset, lambda: self.scroll_to_top_offset(offset))
            return
        bar = self.verticalScrollBar()
        if offset <= 0:
            bar.setValue(0)
            return
        cur = QTextCursor(self.document())
        cur.setPosition(min(self._map.to_qt(offset), self.document().characterCount() - 1))
        block = self.document().documentLayout().blockBoundingRect(cur.block())
        line = cur.block().layout().lineForTextPosition(cur.positionInBlock())
        y = block.top() + (line.y() if line.isValid() else 0)
        bar.setValue(int(y))

    # -- find -----------------------------------------------------------------------------------
    def find_all(self, needle: str) -> int:
        """Mark every case-insensitive match of ``needle``; returns the count."""
        self.matches, self.match_len, self.match_index = [], len(needle), -1
        found: list[Range] = []
        if self._facts is not None and needle:
            hay, low = self._facts.text.casefold(), needle.casefold()
            if len(hay) == len(self._facts.text):  # casefold kept offsets (almost always)
                i = hay.find(low)
                while i != -1:
                    self.matches.append(i)
                    i = hay.find(low, i + max(1, len(low)))
            fmt = self._fill(FIND_COLOR)
            found = [(i, i + len(needle), fmt) for i in self.matches]
        self._find = _Ranges(found)
        self._refresh()
        return len(self.matches)

    def find_step(self, backward: bool = False) -> int:
        """Move to the next (or previous) match after the cursor; returns its index or -1."""
        if not self.matches:
            return -1
        n = len(self.matches)
        self.match_index = ((self.match_index - 1) if backward else (self.match_index + 1)) % n
        start = self.matches[self.match_index]
        end = start + self.match_len
        self._when_loaded(end, lambda: self._put_cursor(start, end))
        return self.match_index

    def clear_find(self) -> None:
        self.matches, self._find, self.match_index = [], _Ranges(), -1
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

    def reading_minimum(self) -> int:
        """The narrowest the view should be: about ``MIN_LINE_CHARS`` characters a line at the
        normal size (the window narrows its docks to keep it)."""
        font = QFont(self.document().defaultFont())
        font.setPointSizeF(BASE_POINT_SIZE)
        line = QFontMetrics(font).averageCharWidth() * MIN_LINE_CHARS
        margins = 2 * int(self.document().documentMargin())
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        return line + margins + bar + 2 * self.frameWidth()

    def zoom_percent(self) -> int:
        return round(100 * 1.1**self.zoom)

    def event(self, e: QEvent) -> bool:
        # QTextEdit claims the zoom keys for its own font zoom; leave them to the window's actions,
        # which zoom the document, keep the reading position and remember the choice.
        if (
            e.type() == QEvent.Type.ShortcutOverride
            and isinstance(e, QKeyEvent)
            and (
                e.matches(QKeySequence.StandardKey.ZoomIn)
                or e.matches(QKeySequence.StandardKey.ZoomOut)
            )
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
        while i >= 0 and self._marks[i][0] <= offset:
            if offset < self._marks[i][1] and self._marks[i][2].kind in self.layers:
                return _Mark(*self._marks[i])
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
        if e.type() == QEvent.Type.ToolTip and isinstance(e, QHelpEvent):
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
        return f"<b>{_esc(ent.name)}</b> · {KIND_LABELS[ent.kind]}{roles}"

    def context_menu_at(self, point: QPoint) -> QMenu:
        menu = self.createStandardContextMenu(point)
        mark = self.mark_at(self.offset_at(point))
        if mark is not None and len(mark.entity.mentions) > 1:
            menu.addSeparator()
            text = self._facts.text[mark.start : mark.end] if self._facts else ""
            act = menu.addAction(f"Split “{text}” Off {mark.entity.name}")
            act.triggered.connect(
                lambda: self.splitRequested.emit(mark.entity.id, mark.start, mark.end)
            )
        chosen = self.selected_range()
        if chosen is not None:
            s, t = chosen
            menu.addSeparator()
            menu.addAction("Add Claim…", lambda: self.addClaimRequested.emit(s, t))
            for kind, label in (
                ("person", "Person"),
                ("place", "Place"),
                ("organisation", "Organisation"),
            ):
                menu.addAction(f"Add as {label}", self._adding(s, t, kind))
        return menu

    def _adding(self, start: int, end: int, kind: str) -> Callable[[], None]:
        return lambda: self.addEntityRequested.emit(start, end, kind)

    def selected_range(self) -> tuple[int, int] | None:
        """The selected characters (offsets into the facts' text), if any are selected."""
        cur = self.textCursor()
        if not cur.hasSelection() or self._facts is None:
            return None
        s = self._map.from_qt(cur.selectionStart())
        t = self._map.from_qt(cur.selectionEnd())
        return (s, t) if self._facts.text[s:t].strip() else None

    def select_range(self, start: int, end: int) -> None:
        """Select characters of the text (as a reader's drag would)."""
        self._when_loaded(end, lambda: self._put_cursor(start, end))

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
        self._refresh()  # other text is on screen now
