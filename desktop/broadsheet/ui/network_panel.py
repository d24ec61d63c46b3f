"""The "Network" dock: the people and organisations the article's claims link, drawn with Qt.

A node's size follows its mentions; an arrow goes from a source to whom its claims name, a
dashed line joins those a claim names together. Clicking a node selects the entity; clicking a
link lists the claims that make it (and opening one shows it in the text).
"""

from __future__ import annotations

import math
from dataclasses import replace
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QPainterPath,
    QPainterPathStroker,
    QPen,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QDockWidget,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from .. import network
from ..across import corrected_documents
from ..errors import LibraryError
from ..facts import Facts
from ..wording import counted
from .colors import KIND_COLORS
from .fitting_view import FittingView
from .history import Place
from .messages import literal

if TYPE_CHECKING:
    import networkx as nx

    from ..store.library import Library

CLAIM_ROLE = Qt.ItemDataRole.UserRole + 1
SPREAD = 220.0  # half the scene's width and height, in pixels, before the view fits it
PROMPT = "The people and organisations this article's claims link appear here."
LIBRARY_DOCUMENTS = 200  # read when the box is ticked: laid out in a second or two


class _Node(QGraphicsPathItem):
    def __init__(self, panel: NetworkPanel, node: str, label: str, kind: str, r: float) -> None:
        path = QPainterPath()
        path.addEllipse(QRectF(-r, -r, 2 * r, 2 * r))
        super().__init__(path)
        self.owner, self.node, self.radius = panel, node, r
        color = QColor(KIND_COLORS.get(kind, "#777777"))
        self.setBrush(QBrush(color))
        self.setPen(QPen(color.darker(130), 1.2))
        self.setToolTip(literal(label))
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setZValue(2)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self.owner.node_clicked(self.node)
        super().mousePressEvent(event)


class _Link(QGraphicsPathItem):
    def __init__(self, panel: NetworkPanel, key: tuple[str, str, str], path: QPainterPath) -> None:
        super().__init__(path)
        self.owner, self.key = panel, key
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setZValue(1)

    def shape(self) -> QPainterPath:
        # A thin line is hard to hit: a few pixels either side of it count as the link.
        stroker = QPainterPathStroker()
        stroker.setWidth(8)
        return stroker.createStroke(self.path())

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self.owner.link_clicked(self.key)
        super().mousePressEvent(event)


class NetworkPanel(QDockWidget):
    """``entityRequested(kind, name)`` when a node is clicked; ``claimRequested(id)`` when a
    claim of a link in this document is opened, ``placeRequested(Place)`` for another's."""

    entityRequested = Signal(str, str)
    claimRequested = Signal(str)
    placeRequested = Signal(object)

    def __init__(self, library: Library | None = None, parent: QWidget | None = None) -> None:
        super().__init__("Network", parent)
        self.setObjectName("dock-network")
        self.library = library
        self.heading = QLabel(PROMPT, self)
        self.heading.setWordWrap(True)
        self.everywhere = QCheckBox(f"Across the library (the newest {LIBRARY_DOCUMENTS})", self)
        self.everywhere.toggled.connect(lambda _on: self.show_facts(self._facts))
        self._facts: Facts | None = None
        self.scene = QGraphicsScene(self)
        self.view = FittingView(self.scene, self)
        self.view.setObjectName("view-network")
        self.view.setAccessibleName("Network of people and organisations")
        self.claims = QListWidget(self)
        self.claims.setObjectName("list-network-claims")
        self.claims.setAccessibleName("Claims of the chosen link")
        self.claims.setWordWrap(True)
        self.claims.itemActivated.connect(self._open_claim)
        self.claims.itemClicked.connect(self._open_claim)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.view)
        split.addWidget(self.claims)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([360, 120])
        box = QWidget(self)
        lay = QVBoxLayout(box)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.heading)
        lay.addWidget(self.everywhere)
        lay.addWidget(split, 1)
        self.setWidget(box)
        self.graph: nx.MultiDiGraph | None = None
        self.nodes: dict[str, _Node] = {}
        self.links: dict[tuple[str, str, str], _Link] = {}

    def show_facts(self, facts: Facts | None) -> None:
        self._facts = facts
        self.scene.clear()
        self.claims.clear()
        self.nodes, self.links = {}, {}
        whose = "This article's"
        if facts is None:
            self.graph = None
        elif self.everywhere.isChecked() and self.library is not None:
            try:
                docs = list(corrected_documents(self.library, LIBRARY_DOCUMENTS))
            except LibraryError as e:
                self.heading.setText(escape(str(e)))
                return
            self.graph = network.build(docs)
            whose = f"The {counted(len(docs), 'document')}'"
        else:
            self.graph = network.build([facts])
        g = self.graph
        if g is None or g.number_of_edges() == 0:
            self.heading.setText(PROMPT if g is None else f"{whose} claims link no one to anyone.")
            return
        # Who is linked to no one is in the entity panels; here they would only crowd the links.
        g = g.subgraph([n for n in g if g.degree(n) > 0]).copy()
        pos = network.layout(g)
        kinds = [g.nodes[n]["kind"] for n in pos]
        most_linked = "the most linked " if len(pos) < len(g) else ""
        self.heading.setText(
            f"{whose} claims: {most_linked}"
            f"{counted(kinds.count('person'), 'person')} and "
            f"{counted(kinds.count('organisation'), 'organisation')}, "
            f"{counted(g.number_of_edges(), 'link')}: an arrow goes from who spoke to whom "
            "they spoke of, a dashed line joins those named together. Click a link for its "
            "claims."
        )
        most = max((g.nodes[n]["mentions"] for n in pos), default=1) or 1
        for n, (x, y) in pos.items():
            d = g.nodes[n]
            r = 6 + 10 * math.sqrt(d["mentions"] / most)
            item = _Node(self, n, d["label"], d["kind"], r)
            item.setPos(QPointF(x * SPREAD, y * SPREAD))
            self.scene.addItem(item)
            label = self.scene.addSimpleText(d["label"])
            label.setPos(item.pos() + QPointF(r + 2, -8))
            label.setZValue(3)
            # Names stay readable however small the view draws the network.
            label.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
            label.setBrush(self.palette().text())
            self.nodes[n] = item
        for a, b, kind in g.edges(keys=True):
            if a in self.nodes and b in self.nodes:
                self._add_link(a, b, kind, g.edges[a, b, kind]["weight"])
        self.view.fit()

    def _add_link(self, a: str, b: str, kind: str, weight: int) -> None:
        na, nb = self.nodes[a], self.nodes[b]
        line = QLineF(na.pos(), nb.pos())
        if line.length() < 1:
            return
        # From the edge of one circle to the edge of the other.
        unit = line.unitVector()
        d = QPointF(unit.dx(), unit.dy())
        p1, p2 = na.pos() + d * na.radius, nb.pos() - d * nb.radius
        path = QPainterPath(p1)
        path.lineTo(p2)
        if kind == network.SAID_ABOUT:
            back = QLineF(p2, p1)
            for turn in (25, -25):
                wing = QLineF(back)
                wing.setLength(9)
                wing.setAngle(back.angle() + turn)
                path.moveTo(p2)
                path.lineTo(wing.p2())
        link = _Link(self, (a, b, kind), path)
        pen = QPen(self.palette().text().color(), min(1.0 + weight * 0.6, 4.0))
        pen.setCosmetic(True)
        if kind == network.NAMED_WITH:
            pen.setStyle(Qt.PenStyle.DashLine)
        link.setPen(pen)
        self.scene.addItem(link)
        self.links[(a, b, kind)] = link

    def node_clicked(self, node: str) -> None:
        if self.graph is None or node not in self.graph:
            return
        d = self.graph.nodes[node]
        self.entityRequested.emit(d["kind"], d["label"])

    def link_clicked(self, key: tuple[str, str, str]) -> None:
        if self.graph is None or not self.graph.has_edge(*key):
            return
        self.claims.clear()
        a, b, kind = key
        names = self.graph.nodes[a]["label"], self.graph.nodes[b]["label"]
        how = "about" if kind == network.SAID_ABOUT else "with"
        head = QListWidgetItem(f"{names[0]} {how} {names[1]}:")
        head.setFlags(Qt.ItemFlag.NoItemFlags)
        self.claims.addItem(head)
        here = self._facts.sha256 if self._facts is not None else ""
        for ref in self.graph.edges[key]["claims"]:
            where = "" if ref.sha256 == here else f"  — {ref.title}"
            text = f"{ref.source}: {ref.text}" if ref.source else ref.text
            item = QListWidgetItem(text + where)
            item.setData(CLAIM_ROLE, ref)
            item.setToolTip(literal(ref.text))
            self.claims.addItem(item)

    def _open_claim(self, item: QListWidgetItem) -> None:
        ref = item.data(CLAIM_ROLE)
        if not isinstance(ref, network.ClaimRef):
            return
        if self._facts is not None and ref.sha256 == self._facts.sha256:
            self.claimRequested.emit(ref.claim_id)
        else:  # another document's: opened at that claim
            there = Place(ref.sha256, "", None, "", (), "")
            self.placeRequested.emit(replace(there, claim_id=ref.claim_id, claim_text=ref.text))
