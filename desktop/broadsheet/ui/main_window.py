"""The main window: the article in the centre, four fact docks around it, menus and status bar."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QThreadPool, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..analysis import Analyzer
from ..facts import Facts
from ..ingest import SUFFIXES
from ..library import Library
from .article_view import ArticleView
from .claims_panel import ClaimsPanel
from .entity_panel import EntityPanel
from .workers import OpenJob

PANELS = (("person", "People"), ("place", "Places"), ("organisation", "Organisations"))
FILE_FILTER = "Articles ({});;All files (*)".format(" ".join(f"*{s}" for s in SUFFIXES))


class MainWindow(QMainWindow):
    """Emits ``factsShown(Facts)`` once a document's facts are on screen."""

    factsShown = Signal(object)
    openFailed = Signal(str)

    def __init__(self, analyzer: Analyzer, settings: QSettings) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle("Broadsheet")
        self.analyzer = analyzer
        self.library: Library | None = analyzer.library
        self.settings = settings
        self.facts: Facts | None = None
        self.error_box: QMessageBox | None = None
        self._request = 0
        self._jobs: dict[int, OpenJob] = {}
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one model, jobs in order
        self.setAcceptDrops(True)
        self.setDockOptions(
            QMainWindow.DockOption.AnimatedDocks
            | QMainWindow.DockOption.AllowTabbedDocks
            | QMainWindow.DockOption.AllowNestedDocks
        )

        self._build_centre()
        self._build_docks()
        self._build_menus()
        self._build_status()
        self.resize(1360, 860)
        self._restore_layout()

    # -- building ---------------------------------------------------------------------------------
    def _build_centre(self) -> None:
        self.title_label = QLabel("", self)
        self.title_label.setObjectName("articleTitle")
        self.title_label.setWordWrap(True)
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.title_label.setStyleSheet("font-size: 20pt; font-weight: 600; padding: 14px 24px 2px;")
        self.meta_label = QLabel("", self)
        self.meta_label.setObjectName("articleMeta")
        self.meta_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.meta_label.setStyleSheet("color: palette(placeholder-text); padding: 0 24px 6px;")
        self.view = ArticleView(self)
        self.view.entityClicked.connect(self.select_entity)
        centre = QWidget(self)
        lay = QVBoxLayout(centre)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.title_label)
        lay.addWidget(self.meta_label)
        lay.addWidget(self.view, 1)
        self.setCentralWidget(centre)

    def _build_docks(self) -> None:
        self.panels: dict[str, EntityPanel] = {}
        for kind, title in PANELS:
            panel = EntityPanel(kind, title, self)
            panel.entitySelected.connect(self.select_entity)
            self.panels[kind] = panel
            self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, panel)
        self.claims = ClaimsPanel(self)
        self.claims.claimSelected.connect(self.select_claim)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.claims)
        self.resizeDocks(
            [self.panels["person"], self.claims], [300, 420], Qt.Orientation.Horizontal
        )

    def _build_menus(self) -> None:
        file = self.menuBar().addMenu("&File")
        self.open_action = QAction("&Open…", self, shortcut=QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self.choose_file)
        file.addAction(self.open_action)
        self.recent_menu = file.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file.addSeparator()
        quit_action = QAction("&Quit", self, shortcut=QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file.addAction(quit_action)

        view = self.menuBar().addMenu("&View")
        for dock in (*self.panels.values(), self.claims):
            view.addAction(dock.toggleViewAction())
        view.addSeparator()
        reset = QAction("Reset &Layout", self)
        reset.triggered.connect(self.reset_layout)
        view.addAction(reset)

        help_menu = self.menuBar().addMenu("&Help")
        about = QAction("&About Broadsheet", self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def _build_status(self) -> None:
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)  # an indeterminate "working" bar
        self.busy.setMaximumWidth(160)
        self.busy.setAccessibleName("Working")
        self.busy.hide()
        self.statusBar().addPermanentWidget(self.busy)
        self.statusBar().showMessage("Open an article with File ▸ Open (Ctrl+O) or drop it here.")

    # -- layout persistence -----------------------------------------------------------------------
    def _restore_layout(self) -> None:
        self._default_state = self.saveState()
        geo = self.settings.value("window/geometry")
        state = self.settings.value("window/state")
        if geo is not None:
            self.restoreGeometry(geo)
        if state is not None:
            self.restoreState(state)

    def reset_layout(self) -> None:
        self.restoreState(self._default_state)
        for dock in (*self.panels.values(), self.claims):
            dock.show()

    def save_layout(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.sync()

    def closeEvent(self, e: QCloseEvent) -> None:
        self.save_layout()
        self._pool.clear()
        super().closeEvent(e)

    # -- opening ----------------------------------------------------------------------------------
    def choose_file(self) -> None:
        start = str(Path(self.facts.path).parent) if self.facts and self.facts.path else ""
        path, _ = QFileDialog.getOpenFileName(self, "Open Article", start, FILE_FILTER)
        if path:
            self.open_path(path)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        paths = self.library.recent_files() if self.library else []
        for p in paths:
            act = self.recent_menu.addAction(Path(p).name)
            act.setToolTip(p)
            act.setStatusTip(p)
            act.triggered.connect(lambda _=False, p=p: self.open_path(p))
        if not paths:
            none = self.recent_menu.addAction("No recent articles")
            none.setEnabled(False)

    def open_path(self, path: str | Path) -> int:
        """Start opening a file off the GUI thread; returns the request id."""
        self._request += 1
        rid = self._request
        job = OpenJob(rid, str(path), self.analyzer)
        job.signals.status.connect(self._on_status)
        job.signals.finished.connect(self._on_finished)
        job.signals.failed.connect(self._on_failed)
        self._jobs[rid] = job
        self.busy.show()
        self.statusBar().showMessage(f"Opening {Path(path).name}…")
        self._pool.start(job)
        return rid

    def _on_status(self, rid: int, message: str) -> None:
        if rid == self._request:
            self.statusBar().showMessage(message)

    def _done(self, rid: int) -> bool:
        self._jobs.pop(rid, None)
        if not self._jobs:
            self.busy.hide()
        return rid == self._request  # only the newest request may change what is shown

    def _on_finished(self, rid: int, facts: Facts, from_library: bool) -> None:
        if not self._done(rid):
            return
        self.show_facts(facts)
        if self.library and facts.path:
            try:
                self.library.add_recent(facts.path)
            except Exception:  # recent files are a convenience, never worth an error dialog
                pass
        where = "from the library" if from_library else "analysed"
        self.statusBar().showMessage(
            f"{facts.title or Path(facts.path).name}: {len(facts.entities)} entities, "
            f"{len(facts.claims)} claims ({where}).",
            8000,
        )
        self.factsShown.emit(facts)

    def _on_failed(self, rid: int, message: str) -> None:
        self._done(rid)
        self.statusBar().showMessage(message, 8000)
        self.show_error("Cannot open article", message)
        self.openFailed.emit(message)

    def show_error(self, title: str, message: str) -> None:
        """One non-blocking dialog; the window stays usable behind it."""
        if self.error_box is not None:
            self.error_box.close()
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self
        )
        box.setObjectName("errorDialog")
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.open()
        self.error_box = box

    # -- showing ----------------------------------------------------------------------------------
    def show_facts(self, facts: Facts) -> None:
        self.facts = facts
        self.title_label.setText(facts.title or Path(facts.path).name)
        people = len(facts.entities_of("person"))
        places = len(facts.entities_of("place"))
        orgs = len(facts.entities_of("organisation"))
        words = len(facts.text.split())
        self.meta_label.setText(
            f"{Path(facts.path).name} · {words:,} words · {people} people · {places} places · "
            f"{orgs} organisations · {len(facts.claims)} claims"
        )
        self.setWindowTitle(f"{facts.title or Path(facts.path).name} — Broadsheet")
        self.view.show_facts(facts)
        for panel in self.panels.values():
            panel.show_facts(facts)
        self.claims.show_facts(facts)

    def select_entity(self, entity_id: str) -> None:
        """Highlight the mentions of an entity and select its row (from a panel or the text)."""
        ent = self.facts.entity(entity_id) if self.facts and entity_id else None
        for panel in self.panels.values():
            if ent is None or panel.kind != ent.kind:
                panel.select_entity(None)
            else:
                panel.select_entity(ent.id)
                panel.raise_()
        self.view.highlight_entity(ent)
        if ent is not None:
            n = len(ent.mentions)
            self.statusBar().showMessage(
                f"{ent.name}: {n} mention{'s' if n != 1 else ''}, "
                f"{len(self.facts.claims_by(ent.id))} claims",
                6000,
            )

    def select_claim(self, claim_id: str) -> None:
        claim = (
            next((c for c in self.facts.claims if c.id == claim_id), None) if self.facts else None
        )
        if claim is None:
            return
        for panel in self.panels.values():
            panel.select_entity(None)
        src = (claim.source.start, claim.source.end) if claim.source else None
        self.view.highlight_claim((claim.content.start, claim.content.end), src)

    # -- drag and drop ----------------------------------------------------------------------------
    def dragEnterEvent(self, e: QDragEnterEvent) -> None:
        if e.mimeData().hasUrls() and any(u.isLocalFile() for u in e.mimeData().urls()):
            e.acceptProposedAction()

    def dropEvent(self, e: QDropEvent) -> None:
        files = [u.toLocalFile() for u in e.mimeData().urls() if u.isLocalFile()]
        if files:
            e.acceptProposedAction()
            self.open_path(files[0])

    # -- help -------------------------------------------------------------------------------------
    def _about(self) -> None:
        from PySide6 import __version__ as pyside_version

        QMessageBox.about(
            self,
            "About Broadsheet",
            f"<h3>Broadsheet {escape(__version__)}</h3>"
            "<p>A reader for news articles: who is involved, where, and who claims what.</p>"
            f"<p>Qt for Python {escape(pyside_version)} · pipeline "
            f"{escape(self.analyzer.pipeline)}</p>",
        )
