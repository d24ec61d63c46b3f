"""A graphics view that keeps its drawing in sight as the dock is resized or first shown: the
Network, Timeline and Map docks draw on a scene and fit it, never scroll it."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QResizeEvent
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView, QWidget


class FittingView(QGraphicsView):
    """``focus``: the part of the scene to show (empty: everything drawn, with ``margin``)."""

    def __init__(self, scene: QGraphicsScene, parent: QWidget, margin: float = 20.0) -> None:
        super().__init__(scene, parent)
        self.focus = QRectF()
        self.margin = margin
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def fit(self) -> None:
        m = self.margin
        rect = self.focus if not self.focus.isEmpty() else self.scene().itemsBoundingRect()
        if not rect.isEmpty():
            target = rect if not self.focus.isEmpty() else rect.adjusted(-m, -m, m, m)
            self.fitInView(target, Qt.AspectRatioMode.KeepAspectRatio)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()
