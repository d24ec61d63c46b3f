"""The Library dock: analysed documents, searchable by words and entity names (FTS5).

It keeps up with the library: another window or a ``broadsheet import`` adding documents shows
within a second (SQLite's ``data_version``, asked while the dock is on screen), and the counts
are those the reader sees, with their corrections.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import replace
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPoint,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from .. import corrections
from ..errors import LibraryError
from ..wording import counted, fact_counts
from .delegates import draw_frame
from .messages import ask, warn
from .table_model import AnyIndex, RowsModel

if TYPE_CHECKING:
    from ..store.library import DocumentInfo, Library, QueueCounts  # noqa: F401 - DocumentInfo: a base's row

log = logging.getLogger(__name__)

SHA_ROLE = Qt.ItemDataRole.UserRole + 1
SNIPPET_ROLE = Qt.ItemDataRole.UserRole + 2  # the search hit's words, (text, is a hit) parts
SUBTITLE_ROLE = Qt.ItemDataRole.UserRole + 3  # the grey line without a search: date · file
CURRENT_ROLE = Qt.ItemDataRole.UserRole + 4  # whether this is the document on screen
COLUMNS = ["Title", "People", "Places", "Orgs", "Claims"]
LIMIT = 500  # rows shown at once; the search box narrows a larger library
SNIPPETS = 30  # rows whose hit's words are shown (two screens); the others' on opening
WATCH_MS = 1000  # how often the dock asks the library whether another process wrote to it
CURRENT_MARK = "●"  # before the title of the document on screen

Snippet = tuple[tuple[str, bool], ...]

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _file_name(path: str) -> str:
    return re.split(r"[\\/]", path)[-1] if path else ""


class DocumentsModel(RowsModel["DocumentInfo"]):
    """The listed documents, served to the view on demand: only the rows on screen are asked
    for (500 rows of ``QStandardItem``s cost a few hundred ms to build on every refresh)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(COLUMNS, parent)
        self.current = ""  # the sha256 of the document on screen

    def set_current(self, sha256: str) -> None:
        rows = [i for i, d in enumerate(self.rows) if d.sha256 in (sha256, self.current)]
        self.current = sha256
        for r in rows:
            self.dataChanged.emit(self.index(r, 0), self.index(r, 0))

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        d, col = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return d.title or d.path
            return str((d.people, d.places, d.organisations, d.claims)[col - 1])
        if col == 0:
            if role == SHA_ROLE:
                return d.sha256
            if role == SNIPPET_ROLE:
                return d.snippet
            if role == SUBTITLE_ROLE:
                return " · ".join(x for x in (f"{d.added_at:%Y-%m-%d}", _file_name(d.path)) if x)
            if role == CURRENT_ROLE:
                return d.sha256 == self.current
            if role == Qt.ItemDataRole.ToolTipRole:
                return self._tooltip(d)
            if role == Qt.ItemDataRole.AccessibleTextRole:
                now = ", open" if d.sha256 == self.current else ""
                return f"{d.title or d.path}{now}"
        elif role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_RIGHT.value)
        elif role == Qt.ItemDataRole.ToolTipRole:
            return ", ".join(fact_counts(d.people, d.places, d.organisations, d.claims))
        return None

    def _tooltip(self, d: DocumentInfo) -> str:
        lines = [f"<b>{escape(d.title or d.path)}</b>"]
        if d.sha256 == self.current:
            lines.append("<i>Open now</i>")
        lines += [escape(d.path), f"Added {d.added_at:%Y-%m-%d %H:%M} · {d.chars:,} characters"]
        if d.snippet:
            lines.append(snippet_html(d.snippet))
        return "<br>".join(lines)


def queue_status(n: QueueCounts) -> str:
    """A team library's queue as the status line ends: "; 12 waiting for analysis (2 being
    analysed), 1 failed"; nothing when the queue is empty."""
    if not (n.left or n.failed):
        return ""
    out = f"; {n.left} waiting for analysis" if n.left else ""
    if n.analysing:
        out += f" ({n.analysing} being analysed)"
    if n.failed:
        out += f"{',' if out else ';'} {n.failed} failed"
    return out


def snippet_html(snippet: Snippet) -> str:
    return "".join(f"<b>{escape(t)}</b>" if hit else escape(t) for t, hit in snippet)


class _DocumentDelegate(QStyledItemDelegate):
    """The title on one line (the open document's marked and bold), and under it in grey the
    search hit's words (the hit in bold) or the date and file name."""

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        return QSize(option.rect.width(), option.fontMetrics.height() * 2 + 10)

    def paint(self, p: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        opt, title, selected = draw_frame(self, p, option, index)
        pal, fm = opt.palette, opt.fontMetrics
        r = opt.rect.adjusted(6, 5, -4, -5)
        p.save()
        ink = pal.highlightedText().color() if selected else pal.text().color()
        grey = pal.highlightedText().color() if selected else pal.placeholderText().color()
        bold = QFont(opt.font)
        bold.setWeight(QFont.Weight.DemiBold)
        if index.data(CURRENT_ROLE):
            title = f"{CURRENT_MARK} {title}"
            p.setFont(bold)
        p.setPen(ink)
        line = QRect(r.left(), r.top(), r.width(), fm.height())
        shown = QFontMetrics(p.font()).elidedText(title, Qt.TextElideMode.ElideRight, r.width())
        p.drawText(line, Qt.AlignmentFlag.AlignVCenter, shown)
        small = QFont(opt.font)
        small.setPointSizeF(max(7.0, opt.font.pointSizeF() * 0.9))
        small_bold = QFont(small)
        small_bold.setWeight(QFont.Weight.DemiBold)
        snippet = index.data(SNIPPET_ROLE) or ((index.data(SUBTITLE_ROLE) or "", False),)
        measures = {False: QFontMetrics(small), True: QFontMetrics(small_bold)}
        snippet = fit_snippet(snippet, r.width(), lambda t, hit: measures[hit].horizontalAdvance(t))
        x, right = r.left(), r.right()
        y = r.top() + fm.height()
        for text, hit in snippet:
            font = small_bold if hit else small
            metrics = QFontMetrics(font)
            room = right - x
            if room <= metrics.horizontalAdvance("…"):
                break
            piece = metrics.elidedText(text, Qt.TextElideMode.ElideRight, room)
            p.setFont(font)
            p.setPen(ink if hit else grey)
            p.drawText(QRect(x, y, room, fm.height()), Qt.AlignmentFlag.AlignVCenter, piece)
            x += metrics.horizontalAdvance(piece)
            if piece != text:
                break
        p.restore()


def fit_snippet(snippet: Snippet, room: int, width: Callable[[str, bool], int]) -> Snippet:
    """The snippet with words dropped from its start when its first hit would not show in
    ``room`` (``width(text, is_hit)`` measures a piece): the word found is what a reader scans
    the hits for, not the sentence before it."""
    parts = list(snippet)
    first = next((i for i, (_, hit) in enumerate(parts) if hit), None)
    if not first:  # no hit, or the snippet starts with it
        return snippet
    lead = "".join(t for t, _ in parts[:first])
    hit_width = width(parts[first][0], True)
    # Room after the hit for a few words of what follows it, when there is room at all.
    fits = max(room - hit_width - room // 4, 0)
    if width(lead, False) <= fits:
        return snippet
    words = lead.lstrip("…").split(" ")
    while words and width("…" + " ".join(words), False) > fits:
        words.pop(0)
    return (("…" + " ".join(words), False), *parts[first:])


def locate(snippet: Snippet, text: str) -> tuple[int, int] | None:
    """Where a search hit's snippet is in the document's text: the first hit's offsets. The
    snippet's spaces stand for any run of white space; its ends may be cut ("…")."""
    parts = list(snippet)
    if not any(hit for _, hit in parts):
        return None
    if parts and not parts[0][1]:
        parts[0] = (parts[0][0].lstrip("…"), False)
    if parts and not parts[-1][1]:
        parts[-1] = (parts[-1][0].rstrip("…"), False)
    pattern, grouped = "", False
    for words, hit in parts:
        piece = r"\s+".join(re.escape(w) for w in re.split(r"\s+", words))
        if hit and not grouped:
            piece, grouped = f"({piece})", True
        pattern += piece
    found = re.search(pattern, text)
    if found is not None:
        return found.start(1), found.end(1)
    first = next(t for t, hit in parts if hit)  # the words moved since: the hit's word alone
    found = re.search(re.escape(first), text, re.IGNORECASE)
    return (found.start(), found.end()) if found else None


class LibraryPanel(QDockWidget):
    """``openRequested(sha256)`` when the reader opens a document; ``hitRequested(sha256,
    snippet)`` when they open a search hit (to be shown at the hit); ``removed(sha256)``."""

    openRequested = Signal(str)
    hitRequested = Signal(str, object)
    removed = Signal(str)

    def __init__(self, library: Library | None, parent: QWidget | None = None) -> None:
        super().__init__("Library", parent)
        self.setObjectName("dock-library")
        self.library = library
        self.model = DocumentsModel(self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search text and names…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search the library")
        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self.refresh)
        self.view = QTreeView(self)
        self.view.setObjectName("list-library")
        self.view.setAccessibleName("Library documents")
        self.view.setModel(self.model)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)  # every row two lines: no per-row size queries
        self.view.setAlternatingRowColors(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setItemDelegateForColumn(0, _DocumentDelegate(self.view))
        self.view.activated.connect(self._open_index)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.view)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_selected)
        hdr = self.view.header()
        hdr.setStretchLastSection(False)
        hdr.setSectionResizeMode(0, hdr.ResizeMode.Stretch)
        # The counts as narrow as their headings: the title takes the rest. Widths from the
        # font, not the contents: sizing to contents asks every row each time.
        fm = self.view.fontMetrics()
        for c, heading in enumerate(COLUMNS[1:], 1):
            hdr.setSectionResizeMode(c, hdr.ResizeMode.Interactive)
            hdr.resizeSection(
                c, max(fm.horizontalAdvance(heading), fm.horizontalAdvance("0000")) + 14
            )
        self.status = QLabel("", self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # an error may quote a file name
        self.status.setAccessibleName("Library status")
        box = QWidget(self)
        lay = QVBoxLayout(box)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.search)
        lay.addWidget(self.view)
        lay.addWidget(self.status)
        self.setWidget(box)
        self._loaded = False
        self._version: int | None = None  # the library's data_version when last listed
        # sha256 → (its active corrections' ids, the counts with them applied)
        self._corrected: dict[str, tuple[tuple[int, ...], tuple[int, int, int, int]]] = {}
        self._watch = QTimer(self, interval=WATCH_MS)
        self._watch.timeout.connect(self.check_for_changes)
        # Filled the first time it is shown, so a hidden Library costs nothing at start-up;
        # watched only while on screen.
        self.visibilityChanged.connect(self._on_visible)

    def _on_visible(self, visible: bool) -> None:
        if visible and not self._loaded:
            self.refresh()
        elif visible:
            self.check_for_changes()
        if visible:
            self._watch.start()
        else:
            self._watch.stop()

    def check_for_changes(self) -> bool:
        """List the documents again if the library changed since they were listed (another
        process imported some, the reader corrected one); whether it did."""
        if self.library is None:
            return False
        try:
            version = self.library.data_version()
        except LibraryError:
            log.debug("library watch", exc_info=True)  # the next listing tells the reader
            return False
        if version == self._version:
            return False
        self.refresh()
        return True

    def refresh(self) -> None:
        self._loaded = True
        if self.library is None:
            self.model.set_rows([])
            self.status.setText("No library is open.")
            return
        try:
            self._version = self.library.data_version()
            docs = self.library.documents(search=self.search.text(), limit=LIMIT, snippets=SNIPPETS)
            docs = self._with_corrections(docs)
            queued = self.library.queue_counts()  # a team's workers' progress
        except LibraryError as e:
            self.model.set_rows([])
            self.status.setText(str(e))
            return
        self._keeping_place(lambda: self.model.set_rows(docs))
        words = self.search.text().strip()
        more = " (first shown)" if len(docs) == LIMIT else ""
        self.status.setText(
            f"{counted(len(docs), 'document')}{more}"
            + (f" matching “{words}”" if words else "")
            + queue_status(queued)
        )

    def _keeping_place(self, change: Callable[[], None]) -> None:
        """Relist without losing the reader's place: the selected document, the scroll."""
        current = self.view.currentIndex()
        sha = current.siblingAtColumn(0).data(SHA_ROLE) if current.isValid() else None
        top = self.view.verticalScrollBar().value()
        change()
        self.view.verticalScrollBar().setValue(top)
        if sha:
            row = next((i for i, d in enumerate(self.model.rows) if d.sha256 == sha), None)
            if row is not None:
                self.view.setCurrentIndex(self.model.index(row, 0))

    def _with_corrections(self, docs: list[DocumentInfo]) -> list[DocumentInfo]:
        """The counts the reader sees: a document they corrected counted after its
        corrections (worked out once per set of corrections, then kept)."""
        assert self.library is not None
        corrected = self.library.corrected()
        self._corrected = {k: v for k, v in self._corrected.items() if k in corrected}
        out = []
        for d in docs:
            ids = corrected.get(d.sha256)
            if ids is None:
                out.append(d)
                continue
            kept = self._corrected.get(d.sha256)
            if kept is None or kept[0] != ids:
                facts = self.library.newest_facts(d.sha256)
                if facts is None:
                    out.append(d)
                    continue
                shown = corrections.apply(facts, self.library.corrections(d.sha256))
                people, places, orgs = (
                    len(shown.entities_of(k)) for k in ("person", "place", "organisation")
                )
                kept = self._corrected[d.sha256] = (ids, (people, places, orgs, len(shown.claims)))
            people, places, orgs, claims = kept[1]
            out.append(replace(d, people=people, places=places, organisations=orgs, claims=claims))
        return out

    def set_current(self, sha256: str) -> None:
        """Mark the document on screen."""
        self.model.set_current(sha256)

    def shas(self) -> list[str]:
        return [d.sha256 for d in self.model.rows]

    def _open_index(self, idx: QModelIndex) -> None:
        first = idx.siblingAtColumn(0)
        sha, snippet = first.data(SHA_ROLE), first.data(SNIPPET_ROLE)
        if sha and not snippet and self.search.text().strip() and self.library is not None:
            try:  # a hit far down the list: its words are found now
                snippet = self.library.snippet(sha, self.search.text())
            except LibraryError:
                snippet = ()
        if sha and snippet:
            self.hitRequested.emit(sha, snippet)
        elif sha:
            self.openRequested.emit(sha)

    def remove_selected(self) -> bool:
        """Delete: remove the selected document, after asking."""
        idx = self.view.currentIndex()
        sha = idx.siblingAtColumn(0).data(SHA_ROLE) if idx.isValid() else None
        return self.remove(sha) if sha else False

    def remove(self, sha: str, confirm: bool = True) -> bool:
        if self.library is None:
            return False
        doc = next((d for d in self.model.rows if d.sha256 == sha), None)
        title = (doc.title or doc.path) if doc is not None else sha[:12]
        if confirm:
            answer = ask(
                self,
                "Remove from Library",
                f"Remove “{title}” from the library?\n\nThe file itself is not touched, and "
                "your corrections are kept for when you open it again.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        try:
            self.library.remove(sha)
        except LibraryError as e:
            warn(self, "Library", str(e))
            return False
        self.refresh()
        self.removed.emit(sha)
        return True

    def _context_menu(self, pos: QPoint) -> None:
        idx = self.view.indexAt(pos)
        sha = idx.siblingAtColumn(0).data(SHA_ROLE) if idx.isValid() else None
        if not sha:
            return
        menu = QMenu(self)
        menu.addAction("Open", lambda: self._open_index(idx))
        remove = menu.addAction("Remove from Library…", lambda: self.remove(sha))
        remove.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        menu.popup(self.view.viewport().mapToGlobal(pos))
