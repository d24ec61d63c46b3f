"""The status bar as one widget: the message (with "3 of 9" while stepping through mentions),
the highlight legend, the progress of an analysis and its Cancel button."""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QToolButton, QWidget

from .article_view import LAYERS
from .colors import CLAIM_HUE, KIND_COLORS, LAYER_LABELS

WELCOME = "Open an article with File ▸ Open (Ctrl+O) or drop it here."


class StatusBar(QStatusBar):
    """``cancelRequested`` when the reader clicks Cancel."""

    cancelRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusBar")
        self.legend = QLabel(self)
        self.legend.setObjectName("legend")
        self.legend.setAccessibleName("Highlight legend")
        self.addPermanentWidget(self.legend)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)  # an indeterminate "working" bar
        self.busy.setMaximumWidth(160)
        self.busy.setAccessibleName("Working")
        self.busy.hide()
        self.addPermanentWidget(self.busy)
        self.cancel_button = QToolButton(self)
        self.cancel_button.setText("Cancel")
        self.cancel_button.setToolTip("Stop analysing this document")
        self.cancel_button.setAccessibleName("Cancel analysis")
        self.cancel_button.clicked.connect(lambda _=False: self.cancelRequested.emit())
        self.cancel_button.hide()
        self.addPermanentWidget(self.cancel_button)
        self.showMessage(WELCOME)

    # -- the legend -------------------------------------------------------------------------------
    def set_legend(self, layers: Collection[str]) -> None:
        """A coloured square and a label for each highlight layer shown, in the usual order."""
        parts = [
            f"<span style='color:{KIND_COLORS.get(layer, CLAIM_HUE)}'>■</span> "
            f"{LAYER_LABELS[layer]}"
            for layer in LAYERS
            if layer in layers
        ]
        self.legend.setText("&nbsp;&nbsp;".join(parts) if parts else "No highlights")

    # -- work in progress -------------------------------------------------------------------------
    def start_work(self, message: str) -> None:
        """An indeterminate bar until progress is known."""
        self.busy.setRange(0, 0)
        self.busy.show()
        self.showMessage(message)

    def set_progress(self, done: int, total: int) -> None:
        """Characters analysed of all; the Cancel button shows once there is progress."""
        if total <= 0:
            return
        # Characters can exceed an int's range in a progress bar only in theory; scale to ‰.
        self.busy.setRange(0, 1000)
        self.busy.setValue(int(1000 * done / total))
        self.busy.setFormat(f"{100 * done / total:.0f} %")
        self.cancel_button.show()

    def end_work(self) -> None:
        self.busy.hide()
        self.cancel_button.hide()

    # -- messages -------------------------------------------------------------------------------
    def show_position(self, name: str, index: int, count: int, timeout: int = 6000) -> None:
        """Where the reader is among a name's mentions: "Peskov: 3 of 9"."""
        self.showMessage(f"{name}: {index + 1} of {count}", timeout)
