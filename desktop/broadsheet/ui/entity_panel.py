"""A dock listing the entities of one kind: name, roles, mention count, ordered by salience."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from html import escape as _esc

from PySide6.QtCore import (
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QDrag,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QFontMetrics,
    QPainter,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from .. import corrections as corr
from ..facts import ENTITY_KINDS, Entity, Facts
from ..nlp.names import family_sort_key
from ..wording import counted
from .colors import KIND_COLORS, KIND_LABELS
from .delegates import draw_frame
from .table_model import AnyIndex, RowsModel

ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROLES_ROLE = Qt.ItemDataRole.UserRole + 2
ENTITY_MIME = "application/x-broadsheet-entity"
INTO_KIND = {
    "person": "Into a Person",
    "place": "Into a Place",
    "organisation": "Into an Organisation",
}
SORTS = (("Salience", "salience"), ("Name", "name"), ("Mentions", "mentions"))
COLUMNS = ["Name", "Claims", "Mentions"]

_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled
    | Qt.ItemFlag.ItemIsSelectable
    | Qt.ItemFlag.ItemIsDragEnabled
    | Qt.ItemFlag.ItemIsDropEnabled
)


class _NameDelegate(QStyledItemDelegate):
    """Draws the name with a coloured dot, and the roles under it in a smaller, grey line; both
    wrap to the column's width rather than being cut (the tooltip has the whole too)."""

    DOT = 8

    def __init__(self, kind: str, view: QTreeView) -> None:
        super().__init__(view)
        self.color = QColor(KIND_COLORS[kind])
        self.view = view

    @staticmethod
    def _fonts(font: QFont) -> tuple[QFont, QFont]:
        name = QFont(font)
        name.setWeight(QFont.Weight.DemiBold)
        roles = QFont(font)
        roles.setPointSizeF(max(7.0, font.pointSizeF() * 0.9))
        return name, roles

    def _text_width(self, width: int) -> int:
        return max(40, width - 6 - 4 - self.DOT - 6)

    @staticmethod
    def fitted(font: QFont, width: int, text: str) -> str:
        """The text to wrap into ``width``: itself, or, when one of its words is wider than
        the column, shortened in the middle to one line (a name's ends say most)."""
        fm = QFontMetrics(font)
        if all(fm.horizontalAdvance(w) <= width for w in text.split()):
            return text
        return fm.elidedText(text, Qt.TextElideMode.ElideMiddle, width)

    def _height(self, font: QFont, width: int, text: str) -> int:
        flags = int(Qt.TextFlag.TextWordWrap.value)
        shown = self.fitted(font, width, text)
        return QFontMetrics(font).boundingRect(QRect(0, 0, width, 10_000), flags, shown).height()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        width = self._text_width(self.view.columnWidth(0))
        name_font, roles_font = self._fonts(option.font)
        height = self._height(name_font, width, str(index.data() or ""))
        roles = index.data(ROLES_ROLE)
        if roles:
            height += self._height(roles_font, width, roles)
        return QSize(option.rect.width(), height + 10)

    def paint(self, p: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        opt, text, selected = draw_frame(self, p, option, index)
        pal = opt.palette
        name_font, roles_font = self._fonts(opt.font)
        r = opt.rect.adjusted(6, 5, -4, -5)
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(self.color)
        d = self.DOT
        p.drawEllipse(r.left(), r.top() + (QFontMetrics(name_font).height() - d) // 2, d, d)
        r.setLeft(r.left() + d + 6)
        wrap = int((Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft).value) | int(
            Qt.TextFlag.TextWordWrap.value
        )
        p.setPen(pal.highlightedText().color() if selected else pal.text().color())
        p.setFont(name_font)
        name_height = self._height(name_font, r.width(), text)
        name = self.fitted(name_font, r.width(), text)
        p.drawText(QRect(r.left(), r.top(), r.width(), name_height), wrap, name)
        roles = index.data(ROLES_ROLE)
        if roles:
            p.setFont(roles_font)
            grey = pal.highlightedText().color() if selected else pal.placeholderText().color()
            p.setPen(grey)
            below = QRect(r.left(), r.top() + name_height, r.width(), r.height() - name_height)
            p.drawText(below, wrap, self.fitted(roles_font, r.width(), roles))
        p.restore()


class EntityModel(RowsModel[tuple[Entity, int, str]]):
    """One kind's entities, filtered and sorted here and served to the view on demand: a few
    thousand rows of ``QStandardItem``s behind a sorting proxy took a second to build. A row is
    (entity, claims it is the source of, what the filter reads)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(COLUMNS, parent)
        self.key = "salience"
        self.pattern = ""
        self._all: list[tuple[Entity, int, str]] = []

    def set_entities(self, ents: list[Entity], claims: Counter[str]) -> None:
        self._all = [
            (e, claims[e.id], " ".join([e.name, *e.aliases, *e.roles]).lower()) for e in ents
        ]
        self._update()

    def set_view(self, key: str, pattern: str) -> None:
        self.key, self.pattern = key, pattern.lower()
        self._update()

    def _update(self) -> None:
        rows = [r for r in self._all if self.pattern in r[2]] if self.pattern else list(self._all)
        if self.key == "name":  # people as in an index: by family name
            rows.sort(
                key=lambda r: (
                    family_sort_key(r[0].name) if r[0].kind == "person" else r[0].name.casefold()
                )
            )
        else:  # larger first for the numeric keys; ties by name
            rows.sort(
                key=lambda r: (
                    -(r[0].salience if self.key == "salience" else len(r[0].mentions)),
                    r[0].name.lower(),
                )
            )
        self.set_rows(rows)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.ItemIsDropEnabled

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        e, claims, _ = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (e.name, str(claims) if claims else "", str(len(e.mentions)))[col]
        if col == 0:
            if role == ID_ROLE:
                return e.id
            if role == ROLES_ROLE:
                return "; ".join(e.roles)
            if role == Qt.ItemDataRole.ToolTipRole:
                return self._tooltip(e, claims)
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return f"{e.name}, {'; '.join(e.roles)}, {counted(len(e.mentions), 'mention')}"
        elif role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT
        elif role == Qt.ItemDataRole.ToolTipRole and col == 1:
            return f"{counted(claims, 'claim')} with this source"
        return None

    @staticmethod
    def _tooltip(e: Entity, claims: int) -> str:
        tip = [f"<b>{_esc(e.name)}</b> · {KIND_LABELS[e.kind]}"]
        if e.roles:
            tip.append("<i>" + _esc("; ".join(e.roles)) + "</i>")
        if e.aliases:
            tip.append("Also: " + _esc(", ".join(e.aliases)))
        tip.append(f"{counted(len(e.mentions), 'mention')}, {counted(claims, 'claim')}")
        return "<br>".join(tip)


class _EntityTree(QTreeView):
    """A list whose rows can be dragged onto each other to merge them."""

    mergeDropped = Signal(str, str)  # target id, dropped id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)

    def startDrag(self, _actions: Qt.DropAction) -> None:
        idx = self.currentIndex()
        if not idx.isValid():
            return
        mime = QMimeData()
        mime.setData(ENTITY_MIME, QByteArray(idx.siblingAtColumn(0).data(ID_ROLE).encode()))
        mime.setText(idx.siblingAtColumn(0).data())
        drag = QDrag(self)
        drag.setMimeData(mime)
        drag.exec(Qt.DropAction.MoveAction)

    def _target(self, pos: QPoint) -> str | None:
        idx = self.indexAt(pos)
        return idx.siblingAtColumn(0).data(ID_ROLE) if idx.isValid() else None

    def dragEnterEvent(self, e: QDragEnterEvent) -> None:
        if e.mimeData().hasFormat(ENTITY_MIME):
            e.acceptProposedAction()

    def dragMoveEvent(self, e: QDragMoveEvent) -> None:
        target = self._target(e.position().toPoint())
        dropped = bytes(e.mimeData().data(ENTITY_MIME).data()).decode()
        if e.mimeData().hasFormat(ENTITY_MIME) and target and target != dropped:
            e.acceptProposedAction()
        else:
            e.ignore()

    def dropEvent(self, e: QDropEvent) -> None:
        target = self._target(e.position().toPoint())
        dropped = bytes(e.mimeData().data(ENTITY_MIME).data()).decode()
        if target and dropped and target != dropped:
            e.acceptProposedAction()
            self.mergeDropped.emit(target, dropped)


class EntityPanel(QDockWidget):
    """A panel of one kind of entity.

    Signals: ``entitySelected(id)`` ('' when cleared); ``correctionRequested(Correction)`` for
    rename / merge / kind / hide; ``claimsRequested(id)`` and ``mentionsRequested(id)`` from the
    context menu; ``renameRequested(id)`` asks the window for a new name.
    """

    entitySelected = Signal(str)
    correctionRequested = Signal(object)
    claimsRequested = Signal(str)
    mentionsRequested = Signal(str)
    renameRequested = Signal(str)
    copied = Signal(str)  # what was put on the clipboard, for the status bar

    def __init__(self, kind: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.kind = kind
        self.facts: Facts | None = None
        self._title = title
        self.setObjectName(f"dock-{kind}")
        self.model = EntityModel(self)

        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(f"Filter {title.lower()}…")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName(f"Filter {title}")
        self.filter.textChanged.connect(self._update_rows)
        self.sort = QComboBox(self)
        self.sort.setAccessibleName(f"Sort {title}")
        self.sort.setToolTip("Sort by")
        for label, key in SORTS:
            self.sort.addItem(label, key)
        self.sort.currentIndexChanged.connect(self._update_rows)

        self.view = _EntityTree(self)
        self.view.setObjectName(f"list-{kind}")
        self.view.setAccessibleName(f"{title} list")
        self.view.setModel(self.model)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(False)
        self.view.setAlternatingRowColors(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Several rows may be selected (Ctrl+click, Shift+click) to merge them in one step.
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setItemDelegateForColumn(0, _NameDelegate(kind, self.view))
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.mergeDropped.connect(self._merge_ids)
        hdr = self.view.header()
        hdr.setStretchLastSection(False)
        hdr.setSectionResizeMode(0, hdr.ResizeMode.Stretch)
        # The counts' widths from the header and the font: sizing to contents asks a thousand
        # rows each time the list is laid out.
        fm = self.view.fontMetrics()
        for c in (1, 2):
            hdr.setSectionResizeMode(c, hdr.ResizeMode.Interactive)
            hdr.resizeSection(
                c, max(hdr.sectionSizeFromContents(c).width(), fm.horizontalAdvance("00000") + 8)
            )
        self.view.selectionModel().currentRowChanged.connect(self._on_current)
        hdr.sectionResized.connect(self._rewrap)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.filter, 1)
        bar.addWidget(self.sort)
        box = QWidget(self)
        lay = QVBoxLayout(box)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.setSpacing(4)
        lay.addLayout(bar)
        lay.addWidget(self.view)
        self.setWidget(box)
        self.setMinimumWidth(220)  # names wrap: a small window's article needs the room

    def _rewrap(self, section: int, _old: int, _new: int) -> None:
        if section == 0:  # the names column: its rows wrap to the new width
            self.view.doItemsLayout()

    # -- content --------------------------------------------------------------------------------
    def show_facts(self, facts: Facts | None) -> None:
        self.facts = facts
        ents = facts.entities_of(self.kind) if facts else []
        # Claims per source in one pass (asking per entity was quadratic: seconds for 1 MB).
        claims = (
            Counter(c.source.entity for c in facts.claims if c.source and c.source.entity)
            if facts
            else Counter()
        )
        self._keeping_current(lambda: self.model.set_entities(ents, claims))
        self.setWindowTitle(f"{self._title} ({len(ents)})" if facts else self._title)

    def show_unanalysed(self, state: str) -> None:
        """No rows, and the title says why: the text's facts are "analysing…" or "not
        analysed"."""
        self.show_facts(None)
        self.setWindowTitle(f"{self._title} ({state})")

    def _update_rows(self) -> None:
        self._keeping_current(
            lambda: self.model.set_view(self.sort.currentData() or "salience", self.filter.text())
        )

    def _keeping_current(self, change: Callable[[], None]) -> None:
        """The rows change; the selected entity stays selected, and nobody is told."""
        current = self.current_id()
        sm = self.view.selectionModel()
        sm.blockSignals(True)
        change()
        sm.blockSignals(False)
        if current:
            self.select_entity(current, scroll=False)

    # -- selection ------------------------------------------------------------------------------
    def ids(self) -> list[str]:
        """Entity ids in the order shown (after filter and sort)."""
        return [e.id for e, _, _ in self.model.rows]

    def current_id(self) -> str | None:
        idx = self.view.currentIndex()
        return idx.siblingAtColumn(0).data(ID_ROLE) if idx.isValid() else None

    def select_entity(self, entity_id: str | None, scroll: bool = True) -> bool:
        """Select the row of this entity without re-emitting; False if it is not in this panel."""
        sm = self.view.selectionModel()
        sm.blockSignals(True)
        try:
            row = (
                next((r for r, (e, _, _) in enumerate(self.model.rows) if e.id == entity_id), None)
                if entity_id
                else None
            )
            if row is not None:
                idx = self.model.index(row, 0)
                self.view.setCurrentIndex(idx)
                if scroll:
                    self.view.scrollTo(idx)
                return True
            self.view.clearSelection()
            self.view.setCurrentIndex(QModelIndex())
            return False
        finally:
            sm.blockSignals(False)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.entitySelected.emit(
            current.siblingAtColumn(0).data(ID_ROLE) if current.isValid() else ""
        )

    # -- actions --------------------------------------------------------------------------------
    def _entity(self, entity_id: str | None) -> Entity | None:
        return self.facts.entity(entity_id) if self.facts and entity_id else None

    def _merge_ids(self, target_id: str, other_id: str) -> None:
        target, other = self._entity(target_id), self._entity(other_id)
        if target and other:
            self.correctionRequested.emit(corr.merge(target, other))

    def selected(self) -> list[Entity]:
        """The entities of the selected rows, in the order shown."""
        rows = sorted(i.row() for i in self.view.selectionModel().selectedRows(0))
        return [self.model.rows[r][0] for r in rows if r < len(self.model.rows)]

    def select_entities(self, entity_ids: list[str]) -> None:
        """Select several rows (as Ctrl+click does), the first of them current."""
        sm = self.view.selectionModel()
        flag = sm.SelectionFlag
        sm.clearSelection()
        for r, (e, _, _) in enumerate(self.model.rows):
            if e.id in entity_ids:
                sm.select(self.model.index(r, 0), flag.Select | flag.Rows)

    def _merging(self, into: Entity, others: list[Entity]) -> Callable[[], None]:
        return lambda: self.correctionRequested.emit(corr.merge(into, *others))

    def _copy_name(self, ent: Entity) -> None:
        QApplication.clipboard().setText(ent.name)
        self.copied.emit(f"Copied “{ent.name}”.")

    def context_menu_for(self, entity_id: str) -> QMenu:
        """The menu for one entity (built separately so tests can trigger its actions)."""
        ent = self._entity(entity_id)
        menu = QMenu(self)
        if ent is None or self.facts is None:
            return menu
        menu.addAction("Copy Name", lambda: self._copy_name(ent))
        menu.addAction("Show All Mentions", lambda: self.mentionsRequested.emit(ent.id))
        n = len(self.facts.claims_by(ent.id))
        claims = menu.addAction(
            f"Show Claims by {ent.name} ({n})", lambda: self.claimsRequested.emit(ent.id)
        )
        claims.setEnabled(n > 0)
        menu.addSeparator()
        menu.addAction("Rename…", lambda: self.renameRequested.emit(ent.id))
        chosen = [e for e in self.selected() if e.id != ent.id]
        if chosen and ent in self.selected():
            # Several rows selected: one step merges them all into the one picked.
            group = [ent, *chosen]
            many = menu.addMenu(f"Merge {len(group)} Selected Into")
            for into in group:
                many.addAction(into.name, self._merging(into, [e for e in group if e is not into]))
        merge = menu.addMenu("Merge Into")
        for other in self.facts.entities_of(self.kind):
            if other.id != ent.id:
                merge.addAction(other.name, self._merging(other, [ent]))
        # Every other kind too: merged into one of them, this one becomes of its kind.
        for k in ENTITY_KINDS:
            others = self.facts.entities_of(k) if k != self.kind else []
            if others:
                sub = merge.addMenu(INTO_KIND[k])
                for other in others:
                    sub.addAction(other.name, self._merging(other, [ent]))
        merge.setEnabled(not merge.isEmpty())

        def change_to(k: str) -> Callable[[], None]:
            return lambda: self.correctionRequested.emit(corr.change_kind(ent, k))

        kind = menu.addMenu("Change Kind To")

        for k in ENTITY_KINDS:
            if k != ent.kind:
                kind.addAction(KIND_LABELS[k], change_to(k))
        menu.addAction("Not an Entity", lambda: self.correctionRequested.emit(corr.hide(ent)))
        return menu

    def _context_menu(self, pos: QPoint) -> None:
        idx = self.view.indexAt(pos)
        if idx.isValid():
            self.context_menu_for(idx.siblingAtColumn(0).data(ID_ROLE)).popup(
                self.view.viewport().mapToGlobal(pos)
            )
