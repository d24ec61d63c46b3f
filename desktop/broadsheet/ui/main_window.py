"""The main window: the article in the centre, fact docks around it, menus and status bar."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .. import corrections as corr
from .. import export
from ..analysis import Analyzer
from ..errors import LibraryError
from ..facts import Facts
from ..ingest import SUFFIXES
from .also_in_panel import AlsoInPanel
from .article_view import LAYERS, ArticleView
from .claims_panel import ClaimsPanel
from .colors import CLAIM_HUE, KIND_COLORS
from .commands import CorrectionCommand
from .entity_panel import EntityPanel
from .find_bar import FindBar
from .help import about_text, shortcuts_html
from .library_panel import LibraryPanel
from .slices import Slicer, Steps
from .theme import THEMES, apply_theme
from .workers import OpenJob

if TYPE_CHECKING:
    from ..store.library import Library

PANELS = (("person", "People"), ("place", "Places"), ("organisation", "Organisations"))
LAYER_LABELS = {"person": "People", "place": "Places", "organisation": "Organisations",
                "claims": "Claims"}
FILE_FILTER = "Articles ({});;All files (*)".format(" ".join(f"*{s}" for s in SUFFIXES))
EXPORTS = (("json", "JSON (the facts)", "JSON (*.json)"),
           ("csv", "CSV (entities; claims)", "CSV (*.csv)"),
           ("md", "Markdown dossier", "Markdown (*.md)"))


class MainWindow(QMainWindow):
    """Emits ``factsShown(Facts)`` once a document's facts are all on screen (a long one's are
    shown in steps, the window usable meanwhile)."""

    factsShown = Signal(object)
    openFailed = Signal(str)

    def __init__(self, analyzer: Analyzer, settings: QSettings) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle("Broadsheet")
        self.analyzer = analyzer
        self.library: Library | None = analyzer.library
        self.settings = settings
        self.raw_facts: Facts | None = None  # as analysed
        self.facts: Facts | None = None  # as shown: with the reader's corrections
        self.error_box: QMessageBox | None = None
        self.undo_stack = QUndoStack(self)
        self._memory_corrections: dict[int, tuple[str, corr.Correction, bool]] = {}
        self._request = 0
        self._jobs: dict[int, OpenJob] = {}
        self._nav: tuple[str, int] | None = None  # (entity id, mention index) for F3
        self._pool = QThreadPool(self)
        # Two: a document from the library opens while another is still being analysed (the
        # analyses themselves take turns in the analyser's one worker process).
        self._pool.setMaxThreadCount(2)
        self._showing = Slicer(self)
        self._announce = False  # factsShown is owed once the showing is done
        self.setAcceptDrops(True)
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks
                            | QMainWindow.DockOption.AllowTabbedDocks
                            | QMainWindow.DockOption.AllowNestedDocks)

        self._build_centre()
        self._build_docks()
        self._build_menus()
        self._build_status()
        self.resize(1360, 860)
        self._restore_layout()
        self._restore_preferences()
        if self.library is not None:
            self.attach_library(self.library)

    def attach_library(self, library: Library) -> None:
        """Use this library (the window may be shown before it is opened, for a fast start)."""
        self.library = self.analyzer.library = library
        self.library_panel.library = self.also_in.library = library
        if self.library_panel.isVisible():
            self.library_panel.refresh()
        if library.notice:
            QTimer.singleShot(0, lambda: self.show_error("Library", library.notice))

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
        self.meta_label.setTextFormat(Qt.TextFormat.PlainText)
        self.meta_label.setWordWrap(True)
        self.meta_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.meta_label.setStyleSheet("color: palette(placeholder-text); padding: 0 24px 6px;")
        self.view = ArticleView(self)
        self.view.entityClicked.connect(self.select_entity)
        self.view.splitRequested.connect(self._split_mention)
        self.view.zoomChanged.connect(self._on_zoom)
        self.find_bar = FindBar(self.view, self)
        centre = QWidget(self)
        lay = QVBoxLayout(centre)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.title_label)
        lay.addWidget(self.meta_label)
        lay.addWidget(self.view, 1)
        lay.addWidget(self.find_bar)
        self.setCentralWidget(centre)

    def _build_docks(self) -> None:
        self.panels: dict[str, EntityPanel] = {}
        for kind, title in PANELS:
            panel = EntityPanel(kind, title, self)
            panel.entitySelected.connect(self.select_entity)
            panel.correctionRequested.connect(self.apply_correction)
            panel.renameRequested.connect(self.rename_entity)
            panel.claimsRequested.connect(self.show_claims_by)
            panel.mentionsRequested.connect(self.select_entity)
            self.panels[kind] = panel
            self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, panel)
        self.claims = ClaimsPanel(self)
        self.claims.claimSelected.connect(self.select_claim)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.claims)
        self.library_panel = LibraryPanel(self.library, self)
        self.library_panel.openRequested.connect(self.open_document)
        self.also_in = AlsoInPanel(self.library, self)
        self.also_in.openRequested.connect(self.open_document)
        self.also_in.visibilityChanged.connect(lambda v: v and self._update_also_in())
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.library_panel)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.also_in)
        self.tabifyDockWidget(self.claims, self.library_panel)
        self.tabifyDockWidget(self.library_panel, self.also_in)
        self.claims.raise_()
        self.resizeDocks([self.panels["person"], self.claims], [300, 440],
                         Qt.Orientation.Horizontal)

    def docks(self) -> list[QDockWidget]:
        return [*self.panels.values(), self.claims, self.library_panel, self.also_in]

    def _action(self, menu, text: str, slot, shortcut=None, name: str = "") -> QAction:  # noqa: ANN001
        act = QAction(text, self)
        if shortcut is not None:
            if isinstance(shortcut, list):
                act.setShortcuts(shortcut)
            else:
                act.setShortcut(shortcut)
        act.triggered.connect(slot)
        if name:
            act.setObjectName(name)
        menu.addAction(act)
        return act

    def _build_menus(self) -> None:
        K = QKeySequence
        file = self.menuBar().addMenu("&File")
        self.open_action = self._action(file, "&Open…", self.choose_file, K(K.StandardKey.Open))
        self.recent_menu = file.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.export_menu = file.addMenu("&Export")
        for fmt, label, _ in EXPORTS:
            self._action(self.export_menu, label + "…", lambda _=False, f=fmt: self.export(f))
        self.export_menu.setEnabled(False)
        file.addSeparator()
        self._action(file, "&Quit", self.close, K(K.StandardKey.Quit))

        edit = self.menuBar().addMenu("&Edit")
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(K(K.StandardKey.Undo))
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcuts([K("Ctrl+Shift+Z"), *[k for k in K.keyBindings(K.StandardKey.Redo)
                                                if k != K("Ctrl+Shift+Z")]])
        edit.addAction(undo)
        edit.addAction(redo)
        edit.addSeparator()
        self._action(edit, "Copy Claim as &Quotation", self.claims.copy_quotation,
                     K("Ctrl+Shift+C"))
        self._action(edit, "&Find…", self.find_bar.open_bar, K(K.StandardKey.Find))

        view = self.menuBar().addMenu("&View")
        for dock in self.docks():
            view.addAction(dock.toggleViewAction())
        view.addSeparator()
        layers = view.addMenu("&Highlights")
        self.layer_actions: dict[str, QAction] = {}
        for layer in LAYERS:
            act = QAction(LAYER_LABELS[layer], self, checkable=True, checked=True)
            act.toggled.connect(self._layers_changed)
            layers.addAction(act)
            self.layer_actions[layer] = act
        view.addSeparator()
        self._action(view, "Zoom &In", lambda: self.view.set_zoom(self.view.zoom + 1),
                     [K(K.StandardKey.ZoomIn), K("Ctrl+=")])
        self._action(view, "Zoom &Out", lambda: self.view.set_zoom(self.view.zoom - 1),
                     K(K.StandardKey.ZoomOut))
        self._action(view, "&Actual Size", lambda: self.view.set_zoom(0), K("Ctrl+0"))
        theme = view.addMenu("&Theme")
        self.theme_group = QActionGroup(self)
        for label, key in THEMES:
            act = QAction(label, self, checkable=True)
            act.setData(key)
            act.triggered.connect(lambda _=False, k=key: self.set_theme(k))
            self.theme_group.addAction(act)
            theme.addAction(act)
        view.addSeparator()
        self._action(view, "Reset &Layout", self.reset_layout)

        go = self.menuBar().addMenu("&Go")
        self._action(go, "&Next Mention", lambda: self.step_mention(1), K("F3"))
        self._action(go, "&Previous Mention", lambda: self.step_mention(-1), K("Shift+F3"))
        go.addSeparator()
        for i, dock in enumerate(self.docks()[:4]):  # Ctrl+1…Ctrl+4 focus the fact panels
            self._action(go, f"{dock.windowTitle()} Panel",
                         lambda _=False, d=dock: self.focus_dock(d), K(f"Ctrl+{i + 1}"))

        help_menu = self.menuBar().addMenu("&Help")
        self._action(help_menu, "&Keyboard Shortcuts", self._shortcuts,
                     K(K.StandardKey.HelpContents))
        self._action(help_menu, "&About Broadsheet", self._about)

    def _build_status(self) -> None:
        self.legend = QLabel(self)
        self.legend.setObjectName("legend")
        self.legend.setAccessibleName("Highlight legend")
        self.statusBar().addPermanentWidget(self.legend)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)  # an indeterminate "working" bar
        self.busy.setMaximumWidth(160)
        self.busy.setAccessibleName("Working")
        self.busy.hide()
        self.statusBar().addPermanentWidget(self.busy)
        self.cancel_button = QToolButton(self)
        self.cancel_button.setText("Cancel")
        self.cancel_button.setToolTip("Stop analysing this document")
        self.cancel_button.setAccessibleName("Cancel analysis")
        self.cancel_button.clicked.connect(self.cancel_analysis)
        self.cancel_button.hide()
        self.statusBar().addPermanentWidget(self.cancel_button)
        self.statusBar().showMessage("Open an article with File ▸ Open (Ctrl+O) or drop it here.")
        self._update_legend()

    def _update_legend(self) -> None:
        parts = []
        for layer in LAYERS:
            if layer in self.view.layers:
                color = KIND_COLORS.get(layer, CLAIM_HUE)
                parts.append(f"<span style='color:{color}'>■</span> {LAYER_LABELS[layer]}")
        self.legend.setText("&nbsp;&nbsp;".join(parts) if parts else "No highlights")

    # -- preferences and layout ------------------------------------------------------------------
    def _restore_layout(self) -> None:
        self._default_state = self.saveState()
        geo = self.settings.value("window/geometry")
        state = self.settings.value("window/state")
        if geo is not None:
            self.restoreGeometry(geo)
        if state is not None:
            self.restoreState(state)

    def _restore_preferences(self) -> None:
        saved = self.settings.value("view/layers")
        if isinstance(saved, str):
            saved = [s for s in saved.split(",") if s]
        layers = set(saved) if saved is not None else set(LAYERS)
        for layer, act in self.layer_actions.items():
            act.blockSignals(True)
            act.setChecked(layer in layers)
            act.blockSignals(False)
        self.view.set_layers(layers)
        self._update_legend()
        self.view.set_zoom(int(self.settings.value("view/zoom", 0)))
        self.set_theme(str(self.settings.value("view/theme", "system")), save=False)

    def reset_layout(self) -> None:
        self.restoreState(self._default_state)
        for dock in self.docks():
            dock.show()
        self.claims.raise_()

    def save_layout(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.sync()

    def set_theme(self, theme: str, save: bool = True) -> None:
        app = QApplication.instance()
        if theme not in dict((k, k) for _, k in THEMES):
            theme = "system"
        if isinstance(app, QApplication):
            apply_theme(app, theme)
        for act in self.theme_group.actions():
            act.setChecked(act.data() == theme)
        self.theme = theme
        if save:
            self.settings.setValue("view/theme", theme)

    def _layers_changed(self) -> None:
        layers = {k for k, a in self.layer_actions.items() if a.isChecked()}
        self.view.set_layers(layers)
        self.settings.setValue("view/layers", ",".join(sorted(layers)))
        self._update_legend()

    def _on_zoom(self, step: int) -> None:
        self.settings.setValue("view/zoom", step)
        self.statusBar().showMessage(f"Zoom {self.view.zoom_percent()} %", 2000)

    def focus_dock(self, dock: QDockWidget) -> None:
        dock.show()
        dock.raise_()
        target = getattr(dock, "view", None) or dock.widget()
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def closeEvent(self, e: QCloseEvent) -> None:
        self._save_position()
        self.save_layout()
        self._showing.cancel()
        self._pool.clear()
        super().closeEvent(e)

    def _save_position(self) -> None:
        if self.library and self.facts:
            try:
                self.library.set_position(self.facts.sha256, self.view.top_offset())
            except (LibraryError, Exception):  # a lost position is not worth a dialog
                pass

    # -- opening ----------------------------------------------------------------------------------
    def choose_file(self) -> None:
        start = str(Path(self.facts.path).parent) if self.facts and self.facts.path else ""
        path, _ = QFileDialog.getOpenFileName(self, "Open Article", start, FILE_FILTER)
        if path:
            self.open_path(path)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        try:
            paths = self.library.recent_files() if self.library else []
        except Exception:
            paths = []
        for p in paths:
            act = self.recent_menu.addAction(Path(p).name)
            act.setToolTip(p)
            act.setStatusTip(p)
            act.triggered.connect(lambda _=False, p=p: self.open_path(p))
        if not paths:
            none = self.recent_menu.addAction("No recent articles")
            none.setEnabled(False)

    def open_path(self, path: str | Path) -> int:
        """Start opening a file off the GUI thread; returns the request id. An analysis still
        running for an earlier request is cancelled: only the newest request is shown."""
        for older in self._jobs.values():
            older.cancel.set()
        self._request += 1
        rid = self._request
        job = OpenJob(rid, str(path), self.analyzer)
        job.signals.status.connect(self._on_status)
        job.signals.finished.connect(self._on_finished)
        job.signals.failed.connect(self._on_failed)
        job.signals.progress.connect(self._on_progress)
        job.signals.cancelled.connect(self._on_cancelled)
        self._jobs[rid] = job
        self.busy.setRange(0, 0)
        self.busy.show()
        self.statusBar().showMessage(f"Opening {Path(path).name}…")
        self._pool.start(job)
        return rid

    def open_document(self, sha256: str) -> None:
        """Open a document from the library, as last analysed, without its file or the model."""
        facts = self.library.newest_facts(sha256) if self.library else None
        if facts is None:
            self.show_error("Cannot open document", "That document is no longer in the library.")
            return
        self._request += 1  # anything still loading is now stale
        self.show_facts(facts)
        self.statusBar().showMessage(f"{facts.title}: opened from the library.", 6000)

    def _on_status(self, rid: int, message: str) -> None:
        if rid == self._request:
            self.statusBar().showMessage(message)

    def _done(self, rid: int) -> bool:
        self._jobs.pop(rid, None)
        if not self._jobs:
            self.busy.hide()
            self.cancel_button.hide()
        return rid == self._request  # only the newest request may change what is shown

    def _on_progress(self, rid: int, done: int, total: int) -> None:
        if rid != self._request or total <= 0:
            return
        # Characters can exceed an int's range in a progress bar only in theory; scale to ‰.
        self.busy.setRange(0, 1000)
        self.busy.setValue(int(1000 * done / total))
        self.busy.setFormat(f"{100 * done / total:.0f} %")
        self.cancel_button.show()

    def cancel_analysis(self) -> None:
        """Stop what is being analysed; the window keeps what it showed before."""
        for job in self._jobs.values():
            job.cancel.set()
        self.statusBar().showMessage("Cancelling…")

    def _on_cancelled(self, rid: int) -> None:
        if self._done(rid):  # an older request, replaced by a newer one, goes quietly
            self.statusBar().showMessage("Analysis cancelled.", 6000)

    def _on_finished(self, rid: int, facts: Facts, from_library: bool) -> None:
        if not self._done(rid):
            return
        self.show_facts(facts)
        if self.library and facts.path:
            # Once the facts are painted: the recent list (and its sidecar file) is a write the
            # reader need not wait for (about 30 % of reopening a document, profiled).
            QTimer.singleShot(0, lambda p=facts.path: self._add_recent(p))
        if not from_library and self.library_panel.isVisible():
            self.library_panel.refresh()
        where = "from the library" if from_library else "analysed"
        self.statusBar().showMessage(
            f"{facts.title or Path(facts.path).name}: {len(self.facts.entities)} entities, "
            f"{len(self.facts.claims)} claims ({where}).", 8000)

    def _add_recent(self, path: str) -> None:
        try:
            if self.library is not None:
                self.library.add_recent(path)
        except Exception:  # recent files are a convenience, never worth an error dialog
            pass

    def _on_failed(self, rid: int, message: str) -> None:
        self._done(rid)
        self.statusBar().showMessage(message, 8000)
        self.show_error("Cannot open article", message)
        self.openFailed.emit(message)

    def show_error(self, title: str, message: str) -> None:
        """One non-blocking dialog; the window stays usable behind it."""
        if self.error_box is not None:
            self.error_box.close()
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok,
                          self)
        box.setObjectName("errorDialog")
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.open()
        self.error_box = box

    # -- showing ----------------------------------------------------------------------------------
    def show_facts(self, facts: Facts) -> None:
        """Show a newly opened document (raw facts); the reader's corrections are applied.
        ``factsShown`` follows once all is shown: at once for a normal article, after some
        steps for a very long one."""
        if self.facts is not None and self.facts.sha256 != facts.sha256:
            self._save_position()
        new_doc = self.raw_facts is None or self.raw_facts.sha256 != facts.sha256
        self.raw_facts = facts
        pos = None
        if new_doc:
            self.undo_stack.clear()
            if self.library:
                try:
                    pos = self.library.position(facts.sha256)
                except Exception:
                    pos = None
        self._announce = True
        self._refresh(keep_position=not new_doc, top=pos or None)

    def corrections(self) -> list[corr.Correction]:
        if self.raw_facts is None:
            return []
        sha = self.raw_facts.sha256
        if self.library is not None:
            try:
                return self.library.corrections(sha)
            except LibraryError:
                pass
        return [c for s, c, active in self._memory_corrections.values() if s == sha and active]

    def _refresh(self, keep_position: bool = True, top: int | None = None) -> None:
        """Show the raw facts with the active corrections applied (``top``: the offset to
        scroll to, a remembered reading position)."""
        if self.raw_facts is None:
            return
        facts = corr.apply(self.raw_facts, self.corrections())
        self.facts = facts
        self.title_label.setText(facts.title or Path(facts.path).name)
        self.setWindowTitle(f"{facts.title or Path(facts.path).name} — Broadsheet")
        self.export_menu.setEnabled(True)
        self._nav = None
        # A newer document or correction drops what is still being shown of this one.
        self._showing.start(self._show_steps(facts, keep_position, top), self._shown)

    def _show_steps(self, facts: Facts, keep_position: bool, top: int | None) -> Steps:
        """The text and the panels in turns, so both fill from the top while a long document
        goes in."""
        def panels() -> Steps:
            self._show_meta(facts)
            yield
            for panel in self.panels.values():
                panel.show_facts(facts)
                if self._nav is not None:  # chosen in the text before this panel was filled
                    panel.select_entity(self._nav[0])
                yield
            yield from self.claims.show_steps(facts)

        live = [self.view.show_steps(facts, keep_position, top), panels()]
        while live:
            for steps in list(live):
                if next(steps, StopIteration) is StopIteration:
                    live.remove(steps)
                yield

    def _show_meta(self, facts: Facts) -> None:
        """The line under the title: byline, file, counts."""
        people = len(facts.entities_of("person"))
        places = len(facts.entities_of("place"))
        orgs = len(facts.entities_of("organisation"))
        words = len(facts.text.split())  # 20 ms for 1 MB, so a step of its own
        byline = [facts.meta[k] for k in ("author", "date", "source") if facts.meta.get(k)]
        self.meta_label.setText(" · ".join([
            *byline, Path(facts.path).name, f"{words:,} words", f"{people} people",
            f"{places} places", f"{orgs} organisations", f"{len(facts.claims)} claims"]))

    def _shown(self) -> None:
        if self._announce:
            self._announce = False
            self.factsShown.emit(self.facts)

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
        self._nav = (ent.id, 0) if ent else None
        if ent is not None and self.facts is not None:
            n = len(ent.mentions)
            self.statusBar().showMessage(
                f"{ent.name}: 1 of {n} mention{'s' if n != 1 else ''}, "
                f"{len(self.facts.claims_by(ent.id))} claims", 6000)
        self._update_also_in()

    def _update_also_in(self) -> None:
        """Look across the library only while the Also In panel is on screen."""
        if not self.also_in.isVisible():
            return
        ent = self.facts.entity(self._nav[0]) if self.facts and self._nav else None
        self.also_in.show_entity(ent, self.facts.sha256 if self.facts else "")

    def step_mention(self, delta: int) -> None:
        """F3 / Shift+F3: the next or previous mention of the selected entity."""
        if self._nav is None or self.facts is None:
            self.statusBar().showMessage("Select a person, place or organisation first.", 4000)
            return
        ent = self.facts.entity(self._nav[0])
        if ent is None or not ent.mentions:
            return
        i = (self._nav[1] + delta) % len(ent.mentions)
        self._nav = (ent.id, i)
        self.view.highlight_mention(ent, i)
        self.statusBar().showMessage(f"{ent.name}: {i + 1} of {len(ent.mentions)}", 6000)

    def select_claim(self, claim_id: str) -> None:
        claims = self.facts.claims if self.facts else []
        claim = next((c for c in claims if c.id == claim_id), None)
        if claim is None:
            return
        for panel in self.panels.values():
            panel.select_entity(None)
        src = (claim.source.start, claim.source.end) if claim.source else None
        self.view.highlight_claim((claim.content.start, claim.content.end), src)

    def show_claims_by(self, entity_id: str) -> None:
        self.claims.show_source(entity_id)

    # -- corrections ------------------------------------------------------------------------------
    def apply_correction(self, correction: corr.Correction) -> None:
        """Apply a correction as an undoable step, kept in the library as the reader's own data."""
        if self.raw_facts is None:
            return
        sha = self.raw_facts.sha256
        self.undo_stack.push(CorrectionCommand(
            correction,
            store=lambda c: self._store_correction(sha, c),
            activate=self._activate_correction,
            refresh=self._refresh))

    def _store_correction(self, sha: str, c: corr.Correction) -> int:
        if self.library is not None:
            try:
                return self.library.add_correction(sha, c)
            except LibraryError as e:
                self.show_error("Library", f"{e}\nThe correction is kept until you quit.")
        cid = -(len(self._memory_corrections) + 1)
        self._memory_corrections[cid] = (sha, c, True)
        return cid

    def _activate_correction(self, cid: int, active: bool) -> None:
        if cid in self._memory_corrections:
            sha, c, _ = self._memory_corrections[cid]
            self._memory_corrections[cid] = (sha, c, active)
        elif self.library is not None:
            try:
                self.library.set_correction_active(cid, active)
            except LibraryError as e:
                self.show_error("Library", str(e))

    def rename_entity(self, entity_id: str) -> None:
        ent = self.facts.entity(entity_id) if self.facts else None
        if ent is None:
            return
        name, ok = QInputDialog.getText(self, "Rename", f"New name for “{ent.name}”:",
                                        text=ent.name)
        if ok and name.strip() and name.strip() != ent.name:
            self.apply_correction(corr.rename(ent, name))

    def _split_mention(self, entity_id: str, start: int, end: int) -> None:
        ent = self.facts.entity(entity_id) if self.facts else None
        mention = next((m for m in ent.mentions if m.start == start and m.end == end),
                       None) if ent else None
        if ent is not None and mention is not None:
            self.apply_correction(corr.split(ent, mention))

    # -- export -----------------------------------------------------------------------------------
    def export(self, fmt: str, path: str | None = None) -> list[Path]:
        if self.facts is None:
            return []
        if path is None:
            label, filt = next((lbl, f) for k, lbl, f in EXPORTS if k == fmt)
            stem = Path(self.facts.path).with_suffix(f".{fmt}").name if self.facts.path else ""
            path, _ = QFileDialog.getSaveFileName(self, f"Export {label}", stem, filt)
            if not path:
                return []
        try:
            written = export.write(self.facts, fmt, Path(path))
        except OSError as e:
            self.show_error("Export failed", f"Cannot write {path}: {e.strerror or e}")
            return []
        self.statusBar().showMessage("Exported " + ", ".join(p.name for p in written), 6000)
        return written

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
    def _shortcuts(self) -> None:
        box = QMessageBox(QMessageBox.Icon.NoIcon, "Keyboard Shortcuts", shortcuts_html(self),
                          QMessageBox.StandardButton.Close, self)
        box.setObjectName("shortcutsDialog")
        box.open()

    def _about(self) -> None:
        box = QMessageBox(QMessageBox.Icon.NoIcon, "About Broadsheet",
                          about_text(self.analyzer.model, self.analyzer.pipeline),
                          QMessageBox.StandardButton.Close, self)
        box.setObjectName("aboutDialog")
        box.open()

