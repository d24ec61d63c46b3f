"""The Claims dock: claims grouped by source (source ▸ claims), with cue and certainty."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QActionGroup, QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from .. import corrections as corr
from ..facts import CERTAINTIES, CLAIM_KINDS, UNATTRIBUTED, Claim, Facts, source_label
from ..quotation import quotation, said_when
from .claim_dialogs import CERTAINTY_LABELS, CLAIM_KIND_LABELS
from .colors import HEDGED_MARK
from .delegates import WrapDelegate
from .slices import Slicer, Steps

CLAIM_ROLE = Qt.ItemDataRole.UserRole + 1
CERTAINTY_ROLE = Qt.ItemDataRole.UserRole + 2
SOURCE_KEY_ROLE = Qt.ItemDataRole.UserRole + 3

CUE_WIDTH = (40, 160)  # px the cue column may take, fitted to the document's cues


@dataclass
class Source:
    key: str
    label: str
    claims: list[Claim] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return f"{self.label}  ({len(self.claims)})"


def group_by_source(facts: Facts | None) -> list[Source]:
    """Sources with most claims first, unattributed claims last (ties: first seen first)."""
    names = {e.id: e.name for e in facts.entities} if facts else {}
    groups: dict[str, Source] = {}
    for c in facts.claims if facts else []:
        key, label = source_label(c, facts, names)  # type: ignore[arg-type]
        groups.setdefault(key, Source(key, label)).claims.append(c)
    return sorted(groups.values(), key=lambda s: (s.key == "", -len(s.claims)))


def matching(
    sources: list[Source], source_key: str, certainty: str, text: str
) -> list[tuple[Source, list[Claim]]]:
    """The sources and claims the filters keep (a source shows only through its claims)."""
    pattern = text.strip().lower()
    out = []
    for s in sources:
        if source_key and s.key != source_key:
            continue
        heading = s.heading.lower()
        claims = [
            c
            for c in s.claims
            if (not certainty or c.certainty == certainty)
            and (not pattern or pattern in _haystack(c, heading))
        ]
        if claims:
            out.append((s, claims))
    return out


def _haystack(c: Claim, heading: str) -> str:
    mark = HEDGED_MARK if c.hedged else ""
    return f"{c.content.shown} {c.cue.text if c.cue else ''} {mark} {heading}".lower()


class ClaimsPanel(QDockWidget):
    """``claimSelected(id)`` when the reader picks a claim; ``correctionRequested(Correction)``
    for Not a Claim, a kind or a certainty; ``sourceRequested(id)`` asks the window who the
    claim is by (Change Source…).

    The rows are Qt's own items (the view walks every row whenever it lays the tree out, which
    costs little in C++ and much through Python), added a source at a time in steps: a 1 MB
    article has thousands of claims."""

    claimSelected = Signal(str)
    sourceSelected = Signal(str)  # a source's row: its group key (an entity id, "text:…", "")
    copied = Signal(str)  # what was put on the clipboard, for the status bar
    correctionRequested = Signal(object)
    sourceRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Claims", parent)
        self.setObjectName("dock-claims")
        self.model = QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels(["Source / claim", "Cue", ""])
        self.facts: Facts | None = None
        self.groups: list[Source] = []
        self.shown: list[tuple[Source, list[Claim]]] = []  # what the filters keep
        self._claims: dict[str, Claim] = {}
        self._source_keys = [""]  # the source filter's keys, row by row ('' for all)
        self._filling = Slicer(self)  # refills the rows after a filter change
        self._generation = 0  # a newer filter or document stops an older filling

        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Filter claims…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Filter claims")
        self.search.textChanged.connect(self._refilter)
        self.certainty = QComboBox(self)
        self.certainty.setAccessibleName("Certainty filter")
        for label, value in (("All", ""), ("Asserted", "asserted"), ("Hedged", "hedged")):
            self.certainty.addItem(label, value)
        self.certainty.currentIndexChanged.connect(self._refilter)
        self.sources = QComboBox(self)
        self.sources.setAccessibleName("Source filter")
        self.sources.setToolTip("Show the claims of one source")
        self.sources.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.sources.setMinimumContentsLength(10)
        self.sources.addItem("All sources")
        self.sources.currentIndexChanged.connect(self._refilter)

        self.view = QTreeView(self)
        self.view.setObjectName("list-claims")
        self.view.setAccessibleName("Claims list")
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.view.setUniformRowHeights(False)
        self.view.setItemDelegateForColumn(0, WrapDelegate(self.view, headings_wrap=False))
        self.view.setAlternatingRowColors(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        hdr = self.view.header()
        hdr.setStretchLastSection(False)
        hdr.setSectionResizeMode(0, hdr.ResizeMode.Stretch)
        # Cue and mark widths are set per document, from its cues: sizing to contents asks a
        # thousand rows every time the tree is laid out.
        hdr.setSectionResizeMode(1, hdr.ResizeMode.Interactive)
        hdr.setSectionResizeMode(2, hdr.ResizeMode.Fixed)
        hdr.resizeSection(2, self.view.fontMetrics().horizontalAdvance(HEDGED_MARK) + 16)
        hdr.sectionResized.connect(self._rewrap)
        self.view.selectionModel().currentChanged.connect(self._on_current)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.sources)
        bar.addWidget(self.certainty)
        box = QWidget(self)
        lay = QVBoxLayout(box)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(bar)
        lay.addWidget(self.view)
        self.setWidget(box)
        self.setMinimumWidth(300)

    def _rewrap(self, section: int, _old: int, _new: int) -> None:
        if section == 0:  # the claims column: its rows wrap to the new width
            self.view.doItemsLayout()

    # -- content --------------------------------------------------------------------------------
    def show_facts(self, facts: Facts | None) -> None:
        """Show a document's claims at once (see ``show_steps``)."""
        for _ in self.show_steps(facts):
            pass

    def show_unanalysed(self, state: str) -> None:
        """No rows, and the title says why: the text's facts are "analysing…" or "not
        analysed"."""
        self.show_facts(None)
        self.setWindowTitle(f"Claims ({state})")

    def show_steps(self, facts: Facts | None) -> Steps:
        """Show a document's claims, a few sources per step."""
        self._filling.cancel()
        self.facts = facts
        self.setWindowTitle(f"Claims ({len(facts.claims)})" if facts else "Claims")
        self.groups = group_by_source(facts)
        self._claims = {c.id: c for c in facts.claims} if facts else {}
        yield
        chosen = self.source_key()
        self._source_keys = ["", *(s.key for s in self.groups)]
        self.sources.blockSignals(True)
        self.sources.clear()
        self.sources.addItems(["All sources", *(s.label for s in self.groups)])  # one call
        self.sources.setCurrentIndex(self._source_row(chosen))
        self.sources.blockSignals(False)
        # The cue column fits the longest cues (measuring each of thousands takes too long).
        fm = self.view.fontMetrics()
        cues = sorted({c.cue.text for c in facts.claims if c.cue} if facts else (), key=len)
        hdr = self.view.header()
        widest = max(
            [
                hdr.sectionSizeFromContents(1).width(),
                *(fm.horizontalAdvance(t) + 8 for t in cues[-20:]),
            ]
        )
        hdr.resizeSection(1, max(CUE_WIDTH[0], min(CUE_WIDTH[1], widest)))
        yield
        yield from self._fill_steps()

    def source_key(self) -> str:
        """The source the list is narrowed to ('' for all)."""
        i = self.sources.currentIndex()
        return self._source_keys[i] if 0 <= i < len(self._source_keys) else ""

    def _source_row(self, key: str) -> int:
        return self._source_keys.index(key) if key in self._source_keys else -1

    def _fill_steps(self) -> Steps:
        """Rows for what the filters keep, a source per step, each opened as it is added."""
        self._generation += 1
        generation = self._generation
        self.shown = matching(
            self.groups, self.source_key(), self.certainty.currentData() or "", self.search.text()
        )
        sm = self.view.selectionModel()
        sm.blockSignals(True)  # emptying the list is no choice of the reader's
        self.model.setRowCount(0)
        sm.blockSignals(False)
        for source, claims in self.shown:
            yield
            if generation != self._generation:
                return  # another filter or document has begun filling the list
            head = QStandardItem(source.heading)
            f = QFont(head.font())
            f.setWeight(QFont.Weight.DemiBold)
            head.setFont(f)
            head.setData(source.key, SOURCE_KEY_ROLE)
            for c in claims:
                head.appendRow(self._row(c))
            self.model.appendRow([head, QStandardItem(""), QStandardItem("")])
            self.view.expand(head.index())

    def _row(self, c: Claim) -> list[QStandardItem]:
        content = QStandardItem(c.content.shown)
        content.setData(c.id, CLAIM_ROLE)
        content.setData(c.certainty, CERTAINTY_ROLE)
        src = c.source.text if c.source else UNATTRIBUTED
        when = said_when(c.when)
        content.setToolTip(
            f"<p><b>{escape(src)}</b> {escape(c.cue.text if c.cue else '')}: "
            f"{escape(c.content.shown)}</p><p>{c.kind.replace('_', ' ')}, {c.certainty}</p>"
            + (f"<p>{escape(when, quote=False)}</p>" if when else "")
        )
        cue = QStandardItem(c.cue.text if c.cue else "")
        cue.setData(c.certainty, CERTAINTY_ROLE)
        mark = QStandardItem(HEDGED_MARK if c.hedged else "")
        mark.setData(c.certainty, CERTAINTY_ROLE)
        mark.setToolTip("Hedged: put with doubt" if c.hedged else "Asserted")
        mark.setAccessibleText(c.certainty)
        return [content, cue, mark]

    def _refilter(self) -> None:
        self._filling.start(self._fill_steps())

    # -- selection ------------------------------------------------------------------------------
    def claim_ids(self) -> list[str]:
        """The ids of the claims the filters keep, in the order listed."""
        return [c.id for _, claims in self.shown for c in claims]

    def select_claim(self, claim_id: str) -> bool:
        """Select a claim's row; False if it is not listed (filtered out, or not yet added)."""
        for r in range(self.model.rowCount()):
            head = self.model.item(r, 0)
            for k in range(head.rowCount()):
                if head.child(k, 0).data(CLAIM_ROLE) == claim_id:
                    self.view.setCurrentIndex(head.child(k, 0).index())
                    return True
        return False

    def show_source(self, key: str) -> bool:
        """Show only the claims of one source (an entity id, or '' for all)."""
        i = self._source_row(key)
        self.sources.setCurrentIndex(max(0, i))
        self.show()
        self.raise_()
        return i >= 0

    def current_claim(self) -> Claim | None:
        return self._claims.get(self.view.currentIndex().siblingAtColumn(0).data(CLAIM_ROLE))

    def copy_quotation(self) -> str:
        """Copy the selected claim as a quotation with its source and the article title."""
        c = self.current_claim()
        if c is None or self.facts is None:
            return ""
        text = quotation(c, self.facts)
        QApplication.clipboard().setText(text)
        self.copied.emit(f"Copied the claim of {source_label(c, self.facts)[1]} as a quotation.")
        return text

    def context_menu_for(self, claim_id: str) -> QMenu:
        """The menu for one claim (built separately so tests can trigger its actions)."""
        menu = QMenu(self)
        c = self._claims.get(claim_id)
        if c is None:
            return menu
        menu.addAction("Copy as Quotation", self.copy_quotation)
        menu.addSeparator()
        menu.addAction("Change Source…", lambda: self.sourceRequested.emit(c.id))
        self._choices(menu, "Kind", CLAIM_KINDS, CLAIM_KIND_LABELS, c.kind, corr.claim_kind, c)
        self._choices(
            menu, "Certainty", CERTAINTIES, CERTAINTY_LABELS, c.certainty, corr.claim_certainty, c
        )
        menu.addSeparator()
        menu.addAction("Not a Claim", lambda: self.correctionRequested.emit(corr.not_a_claim(c)))
        return menu

    def _choices(
        self,
        menu: QMenu,
        title: str,
        values: tuple[str, ...],
        labels: dict[str, str],
        current: str,
        make: Callable[[Claim, str], corr.Correction],
        c: Claim,
    ) -> None:
        """A submenu of exclusive choices, the claim's own checked (choosing it does nothing)."""
        sub = menu.addMenu(title)
        group = QActionGroup(sub)
        for v in values:
            act = sub.addAction(labels[v])
            act.setCheckable(True)
            act.setChecked(v == current)
            group.addAction(act)
            if v != current:
                act.triggered.connect(
                    lambda _=False, v=v: self.correctionRequested.emit(make(c, v))
                )

    def _context_menu(self, pos: QPoint) -> None:
        idx = self.view.indexAt(pos)
        cid = idx.siblingAtColumn(0).data(CLAIM_ROLE) if idx.isValid() else None
        if not cid:
            return
        self.view.setCurrentIndex(idx.siblingAtColumn(0))  # the menu acts on this one
        self.context_menu_for(cid).popup(self.view.viewport().mapToGlobal(pos))

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        cid = current.siblingAtColumn(0).data(CLAIM_ROLE)
        if cid:
            self.claimSelected.emit(cid)
        elif current.isValid():
            key = current.siblingAtColumn(0).data(SOURCE_KEY_ROLE)
            if key is not None:
                self.sourceSelected.emit(key)
