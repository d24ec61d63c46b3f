"""The "Map" dock: the article's places on a world map drawn offline (Natural Earth's country
outlines from an installed package), a marker's size following its mentions; or, ticked, the
places of every document naming the selected entity, sized by how many of them name it.
Clicking a marker selects the place in the Places panel.
"""

from __future__ import annotations

import math
from functools import cache
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen
from PySide6.QtWidgets import (
    QCheckBox,
    QDockWidget,
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from .. import geography
from ..across import places_with
from ..errors import LibraryError
from ..facts import Entity, Facts
from ..wording import counted
from .colors import KIND_COLORS
from .fitting_view import FittingView
from .messages import literal

if TYPE_CHECKING:
    from ..store.library import Library

SCALE = 2.0  # scene units per degree
PROMPT = "The article's places appear here on a map."
LIBRARY_DOCUMENTS = 100


def project(lon: float, lat: float) -> QPointF:
    """Longitude and latitude on the scene (equirectangular: north up)."""
    return QPointF(lon * SCALE, -lat * SCALE)


@cache
def world() -> QPainterPath:
    """Every country's outline in one path (built once: a hundred thousand points)."""
    path = QPainterPath()
    for c in geography.countries():
        for ring in c.rings:
            path.moveTo(project(*ring[0]))
            for p in ring[1:]:
                path.lineTo(project(*p))
            path.closeSubpath()
    return path


class _Marker(QGraphicsEllipseItem):
    def __init__(self, panel: MapPanel, name: str, count: int, most: int, unit: str) -> None:
        r = 3 + 9 * math.sqrt(count / max(most, 1))
        super().__init__(QRectF(-r, -r, 2 * r, 2 * r))
        self.owner, self.name = panel, name
        color = QColor(KIND_COLORS["place"])
        fill = QColor(color)
        fill.setAlpha(170)
        self.setBrush(QBrush(fill))
        self.setPen(QPen(color.darker(140), 1))
        self.setToolTip(literal(f"{name}: {counted(count, unit)}"))
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setZValue(2)
        # A marker keeps its size on screen whatever the zoom.
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self.owner.placeClicked.emit(self.name)
        super().mousePressEvent(event)


class MapPanel(QDockWidget):
    """``placeClicked(name)`` when a marker is clicked."""

    placeClicked = Signal(str)

    def __init__(self, library: Library | None = None, parent: QWidget | None = None) -> None:
        super().__init__("Map", parent)
        self.setObjectName("dock-map")
        self.library = library
        self.heading = QLabel(PROMPT, self)
        self.heading.setWordWrap(True)
        self.everywhere = QCheckBox("Places of every document naming the selected entity", self)
        self.scene = QGraphicsScene(self)
        self.view = FittingView(self.scene, self)
        self.view.setObjectName("view-map")
        self.view.setAccessibleName("Map of the places")
        box = QWidget(self)
        lay = QVBoxLayout(box)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.heading)
        lay.addWidget(self.everywhere)
        lay.addWidget(self.view, 1)
        self.setWidget(box)
        self.markers: dict[str, _Marker] = {}
        self.missing: list[str] = []
        self.shown: tuple[Facts | None, Entity | None] = (None, None)

    def show_places(self, facts: Facts | None, entity: Entity | None = None) -> None:
        self.shown = (facts, entity)
        self.scene.clear()
        self.markers, self.missing = {}, []
        if facts is None:
            self.heading.setText(PROMPT)
            return
        try:
            outline = world()
        except geography.NoOutlines as e:
            self.heading.setText(escape(str(e)))
            return
        pal = self.palette()
        land = QColor(pal.alternateBase().color())
        self.scene.addPath(outline, QPen(pal.mid().color(), 0), QBrush(land))
        unit, counts, what = "mention", {}, "This article's places"
        if self.everywhere.isChecked() and entity is not None and self.library is not None:
            try:
                counts = places_with(self.library, entity.name, entity.kind, LIBRARY_DOCUMENTS)
            except LibraryError as e:
                self.heading.setText(escape(str(e)))
                return
            unit, what = "document", f"Places named with <b>{escape(entity.name)}</b>"
        else:
            counts = {e.name: len(e.mentions) for e in facts.entities_of("place")}
        most = max(counts.values(), default=1)
        placed: list[QPointF] = []
        for name, n in counts.items():
            where = geography.locate(name)
            if where is None:
                self.missing.append(name)
                continue
            marker = _Marker(self, name, n, most, unit)
            marker.setPos(project(*where))
            self.scene.addItem(marker)
            self.markers[name] = marker
            placed.append(marker.pos())
        self._focus(placed)
        shown = f"{what}: {counted(len(self.markers), 'place')} on the map"
        if self.missing:
            shown += f"; not on it: {escape(', '.join(self.missing[:8]))}"
            shown += "…" if len(self.missing) > 8 else ""
        self.heading.setText(shown + ".")

    def _focus(self, placed: list[QPointF]) -> None:
        """Frame the markers with room round them (a world view when there are none)."""
        if not placed:
            rect = QRectF(project(-180, 85), project(180, -60))
        else:
            xs, ys = [p.x() for p in placed], [p.y() for p in placed]
            rect = QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
            grow = max(rect.width(), rect.height(), 40 * SCALE) * 0.25
            rect = rect.adjusted(-grow, -grow, grow, grow)
        self.view.focus = rect
        self.view.fit()
