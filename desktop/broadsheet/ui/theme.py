"""Light, dark or the system's colour scheme, on Qt's Fusion style so both look the same
everywhere."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

THEMES = (("System", "system"), ("Light", "light"), ("Dark", "dark"))


def _dark_palette() -> QPalette:
    p = QPalette()
    c = QColor
    roles = {
        QPalette.ColorRole.Window: c("#202124"),
        QPalette.ColorRole.WindowText: c("#e8e6e3"),
        QPalette.ColorRole.Base: c("#1a1b1e"),
        QPalette.ColorRole.AlternateBase: c("#26272b"),
        QPalette.ColorRole.ToolTipBase: c("#2d2e32"),
        QPalette.ColorRole.ToolTipText: c("#e8e6e3"),
        QPalette.ColorRole.Text: c("#e3e1dc"),
        QPalette.ColorRole.Button: c("#2a2b2f"),
        QPalette.ColorRole.ButtonText: c("#e8e6e3"),
        QPalette.ColorRole.BrightText: c("#ff6b6b"),
        QPalette.ColorRole.Highlight: c("#3d6fb6"),
        QPalette.ColorRole.HighlightedText: c("#ffffff"),
        QPalette.ColorRole.Link: c("#7fb0ff"),
        QPalette.ColorRole.PlaceholderText: c("#9a9893"),
    }
    for role, color in roles.items():
        p.setColor(role, color)
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, c("#6f6e6a"))
    return p


def _light_palette() -> QPalette:
    p = QApplication.style().standardPalette()
    p.setColor(QPalette.ColorRole.Base, QColor("#fffdf8"))  # paper, not screen white
    p.setColor(QPalette.ColorRole.AlternateBase, QColor("#f4f1ea"))
    return p


def system_is_dark() -> bool:
    return QApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def apply_theme(app: QApplication, theme: str) -> str:
    """Apply ``system``, ``light`` or ``dark``; returns the scheme actually shown."""
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    dark = theme == "dark" or (theme == "system" and system_is_dark())
    app.setPalette(_dark_palette() if dark else _light_palette())
    restyle(app)
    return "dark" if dark else "light"


def restyle(app: QApplication) -> None:
    """Set every widget's style sheet again. Qt resolves a sheet against the palette once, when
    the widget is polished, so a label with a sheet of its own (the article's title) would keep
    the old theme's text colour, black on dark, until the app restarts."""
    for widget in app.allWidgets():
        sheet = widget.styleSheet()
        if sheet:
            widget.setStyleSheet(sheet)
