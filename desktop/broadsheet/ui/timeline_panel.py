"""The "Timeline" dock: the library's claims by or about the selected entity, along a time axis.

Each claim is a dot at the day it was said (the date its sentence gives, else the article's; a
year or a month sits at its first day): filled when the entity said it, a ring when it was
spoken of. The list under the axis holds the same claims in order, the undated last. Clicking
a dot or a row opens the claim, in another document too.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import (
    QDockWidget,
    QGraphicsEllipseItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QLabel,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..about import claim_words, cue_and_words
from ..across import ABOUT, BY, Said, said, timeline
from ..errors import LibraryError
from ..facts import Entity, Facts
from ..wording import counted
from .colors import KIND_COLORS
from .fitting_view import FittingView
from .history import Place
from .messages import literal

if TYPE_CHECKING:
    from ..store.library import Library

WIDTH = 600.0  # the axis's length in scene units (the view scales it to the dock)
DOCUMENTS = 100  # read at each selection, as the Said About dock does
PROMPT = "Select a person or organisation to see what was said by and about them, and when."
SAID_ROLE = Qt.ItemDataRole.UserRole + 1


def day_of(iso: str) -> date | None:
    """The first day of an ISO date of any precision ("1953" is 1 January 1953)."""
    parts = iso.split("-")
    try:
        y = int(parts[0])
        m = int(parts[1]) if len(parts) > 1 else 1
        d = int(parts[2]) if len(parts) > 2 else 1
        return date(y, m, d)
    except (ValueError, IndexError):
        return None


def positions(found: list[Said], width: float = WIDTH) -> dict[int, tuple[float, int]]:
    """Where each dated claim goes: x along the axis, and its row among claims of the same day
    (stacked upwards). Keys are indexes into ``found``."""
    days = {i: d for i, s in enumerate(found) if (d := day_of(s.date)) is not None}
    if not days:
        return {}
    lo, hi = min(days.values()).toordinal(), max(days.values()).toordinal()
    span = max(hi - lo, 1)
    stack: dict[int, int] = {}
    out = {}
    for i, d in days.items():
        n = stack.get(d.toordinal(), 0)
        stack[d.toordinal()] = n + 1
        out[i] = ((d.toordinal() - lo) / span * width if hi > lo else width / 2, n)
    return out


class _Dot(QGraphicsEllipseItem):
    def __init__(self, panel: TimelinePanel, index: int, x: float, row: int, s: Said) -> None:
        r = 5.0
        super().__init__(QRectF(-r, -r, 2 * r, 2 * r))
        self.owner, self.index = panel, index
        self.setPos(QPointF(x, -12 - row * 12))
        color = QColor(KIND_COLORS["person"] if s.role == BY else KIND_COLORS["organisation"])
        self.setPen(QPen(color, 2))
        self.setBrush(QBrush(color) if s.role == BY else QBrush(Qt.BrushStyle.NoBrush))
        who = s.source if s.role == ABOUT else f"{s.source} (the entity)"
        words = " ".join(s.claim.content.shown.split())
        self.setToolTip(literal(f"{s.date} · {who}: {words} — {s.title or s.path}"))
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self.owner.open(self.index)
        super().mousePressEvent(event)


class TimelinePanel(QDockWidget):
    """``claimRequested(id)`` for a claim of the open document, ``placeRequested(Place)`` for
    one in another."""

    claimRequested = Signal(str)
    placeRequested = Signal(object)

    def __init__(self, library: Library | None = None, parent: QWidget | None = None) -> None:
        super().__init__("Timeline", parent)
        self.setObjectName("dock-timeline")
        self.library = library
        self.heading = QLabel(PROMPT, self)
        self.heading.setWordWrap(True)
        self.scene = QGraphicsScene(self)
        self.view = FittingView(self.scene, self)
        self.view.setObjectName("view-timeline")
        self.view.setAccessibleName("Claims by and about the entity along a time axis")
        self.list = QTreeWidget(self)
        self.list.setObjectName("list-timeline")
        self.list.setHeaderLabels(["When", "Who", "Claim", "Document"])
        self.list.setRootIsDecorated(False)
        self.list.setWordWrap(True)
        hdr = self.list.header()
        hdr.setStretchLastSection(False)
        hdr.setSectionResizeMode(0, hdr.ResizeMode.ResizeToContents)
        hdr.setSectionResizeMode(2, hdr.ResizeMode.Stretch)  # the claim's words take the room
        hdr.resizeSection(1, 110)
        hdr.resizeSection(3, 110)
        self.list.itemActivated.connect(lambda item, _col: self._open_item(item))
        self.list.itemClicked.connect(lambda item, _col: self._open_item(item))
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.view)
        split.addWidget(self.list)
        split.setSizes([160, 300])
        box = QWidget(self)
        lay = QVBoxLayout(box)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.heading)
        lay.addWidget(split, 1)
        self.setWidget(box)
        self.found: list[Said] = []
        self.dots: list[_Dot] = []
        self._entity: Entity | None = None
        self._facts: Facts | None = None

    def show_entity(self, entity: Entity | None, facts: Facts | None) -> None:
        if entity is None and self.found and facts is not None:
            # The reader went to a claim (here or in another document): the entity's timeline
            # stays, so they can go on to the next one.
            self._facts = facts
            return
        self.scene.clear()
        self.list.clear()
        self.found, self.dots = [], []
        self._entity, self._facts = entity, facts
        if entity is None or facts is None:
            self.heading.setText(PROMPT)
            return
        if self.library is None:
            self.heading.setText("No library is open.")
            return
        try:
            self.found = timeline(
                said(self.library, entity.name, entity.kind, (ABOUT, BY), documents=DOCUMENTS)
            )
        except LibraryError as e:
            self.heading.setText(escape(str(e)))
            return
        name = f"<b>{escape(entity.name)}</b>"
        if not self.found:
            self.heading.setText(f"No claim in the library is by or about {name}.")
            return
        by = sum(s.role == BY for s in self.found)
        about = len(self.found) - by
        self.heading.setText(
            f"{counted(by, 'claim')} by {name} (filled) and {counted(about, 'claim')} about "
            "them (rings), in the order they were said."
        )
        self._draw()
        for i, s in enumerate(self.found):
            row = QTreeWidgetItem(
                [s.date or "—", s.source, claim_words(s.claim), s.title or s.path]
            )
            row.setData(0, SAID_ROLE, i)
            row.setToolTip(2, literal(cue_and_words(s.claim)[1]))
            self.list.addTopLevelItem(row)

    def _draw(self) -> None:
        pos = positions(self.found)
        ink = QPen(self.palette().text().color(), 1)
        self.scene.addLine(0, 0, WIDTH, 0, ink)
        days = [d for s in self.found if (d := day_of(s.date)) is not None]
        if days:
            for x, text in ((0.0, min(days)), (WIDTH, max(days))):
                label = self.scene.addSimpleText(text.isoformat())
                label.setBrush(self.palette().text())
                label.setPos(x - label.boundingRect().width() / 2, 6)
        for i, (x, row) in pos.items():
            dot = _Dot(self, i, x, row, self.found[i])
            self.scene.addItem(dot)
            self.dots.append(dot)
        self.view.fit()

    def _open_item(self, item: QTreeWidgetItem) -> None:
        i = item.data(0, SAID_ROLE)
        if isinstance(i, int):
            self.open(i)

    def open(self, index: int) -> None:
        if not 0 <= index < len(self.found) or self._entity is None:
            return
        s = self.found[index]
        if self._facts is not None and s.sha256 == self._facts.sha256:
            self.claimRequested.emit(s.claim.id)
            return
        names = (self._entity.name, *self._entity.aliases)
        there = Place(s.sha256, s.path, None, "", names, self._entity.kind)
        self.placeRequested.emit(
            replace(there, claim_id=s.claim.id, claim_text=s.claim.content.text)
        )
