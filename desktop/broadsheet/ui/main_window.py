"""The main window: the article in the centre, fact docks around it, menus and status bar.

The window builds the widgets and wires them to the document session (``session.py``: the facts,
corrections, requests), the action table (``actions.py``), the settings (``settings.py``) and
the status bar (``status_bar.py``).
"""

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
    QResizeEvent,
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
    QVBoxLayout,
    QWidget,
)

from .. import corrections as corr
from .. import export
from ..analysis import Analyzer
from ..errors import LibraryError
from ..facts import Claim, Facts, meta_text, source_label
from ..ingest import SUFFIXES
from ..paths import is_server_url, library_dir
from ..wording import counted, fact_counts
from . import settings as keys
from . import team_library
from .actions import EXPORTS, Actions
from .also_in_panel import AlsoInPanel
from .article_view import LAYERS, ArticleView, opens_with_title
from .claim_dialogs import AddClaimDialog, SourceDialog
from .claims_panel import ClaimsPanel
from .colors import LAYER_LABELS
from .corrections_panel import CorrectionsPanel
from .entity_panel import EntityPanel
from .find_bar import FindBar
from .help import about_text, shortcuts_html
from .history import Place
from .library_panel import LibraryPanel, Snippet, locate
from .map_panel import MapPanel
from .messages import literal, message_box
from .navigation import Navigator
from .network_panel import NetworkPanel
from .said_about_panel import SaidAboutPanel
from .session import DocumentSession, Request
from .slices import Slicer, Steps
from .status_bar import StatusBar
from .theme import THEMES, apply_theme
from .timeline_panel import TimelinePanel
from .workers import OpenJob

if TYPE_CHECKING:
    from ..store.library import Library, RecentDocument

__all__ = ["EXPORTS", "FILE_FILTER", "LAYER_LABELS", "PANELS", "MainWindow"]

PANELS = (("person", "People"), ("place", "Places"), ("organisation", "Organisations"))
# What the panels and the line under the title say of a text shown before its facts.
ANALYSING, NOT_ANALYSED = "analysing…", "not analysed"
FILE_FILTER = "Articles ({});;All files (*)".format(" ".join(f"*{s}" for s in SUFFIXES))


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
        self.settings = settings
        self.session = DocumentSession(analyzer, self)
        self.error_box: QMessageBox | None = None
        self._showing = Slicer(self)
        self.navigator = Navigator(self)
        self._announce = False  # factsShown is owed once the showing is done
        # The shown text's facts are still to come ("analysing…"), or will not ("not
        # analysed": cancelled or failed); "" once they are shown. ``_reading``: its request.
        self.unanalysed = ""
        self._reading = 0
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
        self._wire_session()
        self.navigator.update_actions()
        self.resize(1360, 860)
        self._restore_layout()
        self._restore_preferences()
        if self.library is not None:
            self.attach_library(self.library)

    # The session's state, under the names the window has always had.
    @property
    def library(self) -> Library | None:
        return self.analyzer.library

    @property
    def facts(self) -> Facts | None:
        """The current document's facts as shown: with the reader's corrections."""
        return self.session.facts

    @property
    def raw_facts(self) -> Facts | None:
        """The current document's facts as analysed."""
        return self.session.raw_facts

    @property
    def undo_stack(self) -> QUndoStack:
        return self.session.undo_stack

    @property
    def _jobs(self) -> dict[int, OpenJob]:
        return self.session.jobs

    @property
    def _pool(self) -> QThreadPool:
        return self.session.pool

    def attach_library(self, library: Library) -> None:
        """Use this library (the window may be shown before it is opened, for a fast start)."""
        self.analyzer.library = library
        self.library_panel.library = self.also_in.library = library
        self.said_about.library = self.timeline.library = self.map.library = library
        self.network.library = library
        # Going back to the desktop library is offered only from a team one.
        self.action_table.action["desktop_library"].setEnabled(is_server_url(library.location))
        if self.library_panel.isVisible():
            self.library_panel.refresh()
        if library.notice:
            QTimer.singleShot(0, lambda: self.show_error("Library", library.notice))

    def connect_team_library(self, url: str | None = None) -> bool:
        """File ▸ Connect to Team Library…: a PostgreSQL library instead of this one, also at
        the next start (the address is kept without its password)."""
        if url is None:
            url, ok = QInputDialog.getText(
                self,
                "Connect to Team Library",
                team_library.ASK,
                text=keys.TEAM_LIBRARY.get(self.settings),
            )
            if not ok:
                return False
        url = url.strip()
        why = team_library.problem(url)
        if why:
            self.show_error("Team library", why)
            return False
        kept = team_library.without_password(url)
        if not self._switch_library(url):
            return False
        keys.TEAM_LIBRARY.set(self.settings, kept)
        note = (
            " The password was used for this connection only: keep it in ~/.pgpass."
            if kept != url
            else ""
        )
        self._tell(f"Connected to the team library {kept}.{note}")
        return True

    def use_desktop_library(self) -> bool:
        """File ▸ Use the Desktop Library: back to the library in this user's folder."""
        if not self._switch_library(library_dir()):
            return False
        keys.TEAM_LIBRARY.set(self.settings, "")
        self._tell("Using the desktop library.")
        return True

    def _switch_library(self, where: str | Path) -> bool:
        from ..store.library import Library

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            library = Library(where)
        except LibraryError as e:
            self.show_error("Library unavailable", str(e))
            return False
        finally:
            QApplication.restoreOverrideCursor()
        old = self.library
        self.attach_library(library)
        if old is not None and old is not library:
            old.close()
        return True

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
        # What the reader should know about the text itself (a page that may be cut short, a
        # language the model does not read); hidden when there is nothing to say.
        self.warnings_label = QLabel("", self)
        self.warnings_label.setObjectName("articleWarnings")
        self.warnings_label.setTextFormat(Qt.TextFormat.PlainText)
        self.warnings_label.setWordWrap(True)
        self.warnings_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.warnings_label.setStyleSheet("font-style: italic; padding: 0 24px 6px;")
        self.warnings_label.hide()
        self.view = ArticleView(self)
        self.view.entityClicked.connect(self.select_entity)
        self.view.splitRequested.connect(self._split_mention)
        self.view.addClaimRequested.connect(self.add_claim)
        self.view.addEntityRequested.connect(self.add_entity)
        self.view.zoomChanged.connect(self._on_zoom)
        self.find_bar = FindBar(self.view, self)
        centre = QWidget(self)
        lay = QVBoxLayout(centre)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.title_label)
        lay.addWidget(self.meta_label)
        lay.addWidget(self.warnings_label)
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
            panel.copied.connect(self._tell)
            self.panels[kind] = panel
            self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, panel)
        self.claims = ClaimsPanel(self)
        self.claims.claimSelected.connect(self.select_claim)
        self.claims.correctionRequested.connect(self.apply_correction)
        self.claims.sourceRequested.connect(self.change_claim_source)
        self.claims.sourceSelected.connect(self.select_source)
        self.claims.copied.connect(self._tell)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.claims)
        self.library_panel = LibraryPanel(self.library, self)
        self.library_panel.openRequested.connect(self.open_document)
        self.library_panel.hitRequested.connect(self.open_hit)
        self._hit: tuple[str, Snippet] | None = None  # a search hit to show once it is open
        self.also_in = AlsoInPanel(self.library, self)
        self.also_in.placeRequested.connect(self.open_place)
        self.also_in.visibilityChanged.connect(self._on_also_in_visible)
        self.said_about = SaidAboutPanel(self.library, self)
        self.said_about.claimRequested.connect(self.select_claim)
        self.said_about.placeRequested.connect(self.open_place)
        self.said_about.visibilityChanged.connect(self._on_said_about_visible)
        self.network = NetworkPanel(self.library, self)
        self.network.placeRequested.connect(self.open_place)
        self._network_of: Facts | None = None  # the facts the Network dock shows
        self.network.entityRequested.connect(self.select_named)
        self.network.claimRequested.connect(self.select_claim)
        self.network.visibilityChanged.connect(self._on_network_visible)
        self.timeline = TimelinePanel(self.library, self)
        self.timeline.claimRequested.connect(self.select_claim)
        self.timeline.placeRequested.connect(self.open_place)
        self.timeline.visibilityChanged.connect(self._on_timeline_visible)
        self.map = MapPanel(self.library, self)
        self.map.placeClicked.connect(lambda name: self.select_named("place", name))
        self.map.visibilityChanged.connect(self._on_map_visible)
        self.map.everywhere.toggled.connect(lambda _on: self._update_map())
        self.corrections_panel = CorrectionsPanel(self)
        self.corrections_panel.revertRequested.connect(self.revert_correction)
        self.corrections_panel.restoreRequested.connect(self.restore_correction)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.library_panel)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.also_in)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.said_about)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.network)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.timeline)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.map)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.corrections_panel)
        self.tabifyDockWidget(self.claims, self.library_panel)
        self.tabifyDockWidget(self.library_panel, self.also_in)
        self.tabifyDockWidget(self.also_in, self.said_about)
        self.tabifyDockWidget(self.said_about, self.network)
        self.tabifyDockWidget(self.network, self.timeline)
        self.tabifyDockWidget(self.timeline, self.map)
        self.tabifyDockWidget(self.map, self.corrections_panel)
        # Opened from View when wanted: a sixth tab would cut every tab's title short.
        self.hidden_at_first = [self.network, self.timeline, self.map]
        for dock in self.hidden_at_first:
            dock.hide()
        for dock in self.docks():
            # A dock turned on from View comes to the front of its tabs, where it is seen.
            dock.toggleViewAction().triggered.connect(lambda on, d=dock: d.raise_() if on else None)
        self.claims.raise_()
        self.resizeDocks(
            [self.panels["person"], self.claims], [300, 440], Qt.Orientation.Horizontal
        )

    def docks(self) -> list[QDockWidget]:
        return [
            *self.panels.values(),
            self.claims,
            self.library_panel,
            self.also_in,
            self.said_about,
            self.network,
            self.timeline,
            self.map,
            self.corrections_panel,
        ]

    def _build_menus(self) -> None:
        """The menus, from the action table; its handlers are this window's methods."""
        self.action_table = Actions(self, self.menuBar())
        self.open_action = self.action_table.action["open"]
        self.recent_menu = self.action_table.menu["recent"]
        self.export_menu = self.action_table.menu["export"]
        self.export_menu.setEnabled(False)
        self.layer_actions: dict[str, QAction] = {
            layer: self.action_table.action[f"layer_{layer}"] for layer in LAYERS
        }
        self.theme_group: QActionGroup = self.action_table.group["theme"]

    # Made for the action table: Undo and Redo name the step they would undo or redo.
    def make_undo_action(self, parent: QWidget, text: str) -> QAction:
        return self.undo_stack.createUndoAction(parent, text)

    def make_redo_action(self, parent: QWidget, text: str) -> QAction:
        return self.undo_stack.createRedoAction(parent, text)

    def dock_toggle_actions(self) -> list[QAction]:
        return [dock.toggleViewAction() for dock in self.docks()]

    def _build_status(self) -> None:
        self.status_bar = StatusBar(self)
        self.setStatusBar(self.status_bar)
        self.status_bar.cancelRequested.connect(self.cancel_analysis)
        # Its parts, under the names tests and scripts know.
        self.legend = self.status_bar.legend
        self.busy = self.status_bar.busy
        self.cancel_button = self.status_bar.cancel_button
        self._update_legend()

    def _wire_session(self) -> None:
        s = self.session
        s.opened.connect(self._on_opened)
        s.reading.connect(self._on_reading)
        s.failed.connect(self._on_failed)
        s.cancelled.connect(self._on_cancelled)
        s.status.connect(self.status_bar.showMessage)
        s.progress.connect(self.status_bar.set_progress)
        s.idle.connect(self.status_bar.end_work)
        s.changed.connect(self._refresh)
        s.error.connect(self.show_error)

    def _update_legend(self) -> None:
        self.status_bar.set_legend(self.view.layers)

    # -- preferences and layout ------------------------------------------------------------------
    def _restore_layout(self) -> None:
        self._default_state = self.saveState()
        geo = keys.GEOMETRY.get(self.settings)
        state = keys.STATE.get(self.settings)
        if not geo.isEmpty():
            self.restoreGeometry(geo)
        if not state.isEmpty():
            self.restoreState(state)

    def _restore_preferences(self) -> None:
        layers = set(keys.LAYERS_SHOWN.get(self.settings))
        for layer, act in self.layer_actions.items():
            act.blockSignals(True)
            act.setChecked(layer in layers)
            act.blockSignals(False)
        self.view.set_layers(layers)
        self._update_legend()
        self.view.set_zoom(keys.ZOOM.get(self.settings))
        self.set_theme(keys.THEME.get(self.settings), save=False)

    def reset_layout(self) -> None:
        self.restoreState(self._default_state)
        for dock in self.docks():
            dock.setVisible(dock not in self.hidden_at_first)
        self.claims.raise_()

    def save_layout(self) -> None:
        keys.GEOMETRY.set(self.settings, self.saveGeometry())
        keys.STATE.set(self.settings, self.saveState())
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
            keys.THEME.set(self.settings, theme)

    def _layers_changed(self) -> None:
        layers = {k for k, a in self.layer_actions.items() if a.isChecked()}
        self.view.set_layers(layers)
        keys.LAYERS_SHOWN.set(self.settings, frozenset(layers))
        self._update_legend()

    def zoom_in(self) -> None:
        self.view.set_zoom(self.view.zoom + 1)

    def zoom_out(self) -> None:
        self.view.set_zoom(self.view.zoom - 1)

    def zoom_reset(self) -> None:
        self.view.set_zoom(0)

    def _on_zoom(self, step: int) -> None:
        keys.ZOOM.set(self.settings, step)
        self.statusBar().showMessage(f"Zoom {self.view.zoom_percent()} %", 2000)

    def focus_panel(self, name: str) -> None:
        """Ctrl+1…Ctrl+5: a fact panel (an entity kind, ``claims``) or ``corrections``."""
        docks = {"claims": self.claims, "corrections": self.corrections_panel}
        self.focus_dock(docks.get(name) or self.panels[name])

    def focus_dock(self, dock: QDockWidget) -> None:
        dock.show()
        dock.raise_()
        target = getattr(dock, "view", None) or dock.widget()
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def copy_quotation(self) -> None:
        self.claims.copy_quotation()

    def open_find_bar(self) -> None:
        self.find_bar.open_bar()

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        QTimer.singleShot(0, self.give_article_room)  # once the docks are laid out anew

    def give_article_room(self) -> None:
        """A small window narrows its docks, down to their minimums, before the article gets
        less than a readable line: the window's own minimum stays the docks' and a little."""
        need = self.view.reading_minimum() - self.view.width()
        if need <= 0:
            return
        sides = []
        for area in (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea):
            shown = [
                d
                for d in self.docks()
                if self.dockWidgetArea(d) == area and d.isVisible() and not d.isFloating()
            ]
            if shown:
                widest = max(shown, key=lambda d: d.width())
                sides.append((widest, widest.width() - widest.minimumSizeHint().width()))
        spare = sum(max(0, room) for _, room in sides)
        if spare <= 0:
            return
        take = min(need, spare)
        self.resizeDocks(
            [d for d, _ in sides],
            [d.width() - -(-take * max(0, room) // spare) for d, room in sides],  # rounded up
            Qt.Orientation.Horizontal,
        )

    def closeEvent(self, e: QCloseEvent) -> None:
        self._save_position()
        self.save_layout()
        self._showing.cancel()
        self.session.close()
        super().closeEvent(e)

    def _save_position(self) -> None:
        self.session.save_position(self.view.top_offset())

    # -- opening ----------------------------------------------------------------------------------
    def choose_file(self) -> None:
        start = str(Path(self.facts.path).parent) if self.facts and self.facts.path else ""
        path, _ = QFileDialog.getOpenFileName(self, "Open Article", start, FILE_FILTER)
        if path:
            self.open_path(path)

    def _fill_recent(self) -> None:
        """Open Recent: each document by its title (else its file's name), its path in the
        tip; documents opened from the library are there too, and reopen from it."""
        self.recent_menu.clear()
        docs = self.session.recent_documents()
        for doc in docs:
            # "&" would mark the next letter as the entry's key ("Q&A" shown "QA").
            act = self.recent_menu.addAction((doc.title or Path(doc.path).name).replace("&", "&&"))
            where = doc.path or "In the library"
            act.setToolTip(literal(where))
            act.setStatusTip(where)
            act.triggered.connect(lambda _=False, d=doc: self.open_recent(d))
        if not docs:
            none = self.recent_menu.addAction("No recent articles")
            none.setEnabled(False)

    def open_recent(self, doc: RecentDocument) -> int | None:
        """Open an entry of Open Recent (its file, else the library's copy)."""
        rid = self.session.open_recent(doc)
        if rid is not None:
            self.status_bar.start_work(f"Opening {doc.title or Path(doc.path).name}…")
        return rid

    def reopen_last(self) -> bool:
        """Open the last document read, at the place the reader left it (as the app does when
        started without a file). False if there is none, or it is gone (its file deleted and
        the library without it): then nothing is opened, and nothing is said."""
        docs = self.session.recent_documents()
        if not docs:
            return False
        rid = self.session.open_recent(docs[0], quiet=True)
        if rid is None:
            return False
        self.status_bar.start_work(f"Opening {docs[0].title or Path(docs[0].path).name}…")
        return True

    def open_path(self, path: str | Path) -> int:
        """Start opening a file off the GUI thread; returns the request id. An analysis still
        running for an earlier request is cancelled: only the newest request is shown."""
        rid = self.session.open_path(path)
        self.status_bar.start_work(f"Opening {Path(path).name}…")
        return rid

    def open_document(self, sha256: str) -> int:
        """Open a document from the library, as last analysed, without its file or the model
        (off the GUI thread, as a file is); returns the request id."""
        rid = self.session.open_document(sha256)
        self.status_bar.start_work("Opening from the library…")
        return rid

    def open_place(self, place: Place) -> None:
        """Open another document where the reader asked: at a claim, or an entity's mention;
        Back returns to here."""
        self.navigator.open_place(place)

    def go_back(self) -> None:
        """Go ▸ Back (Alt+Left): the document and place before this one."""
        self.navigator.back()

    def go_forward(self) -> None:
        """Go ▸ Forward (Alt+Right): after going back, the place gone back from."""
        self.navigator.forward()

    def open_hit(self, sha256: str, snippet: Snippet) -> int:
        """Open a Library search hit, scrolled to the hit and the hit highlighted."""
        self._hit = (sha256, snippet)
        return self.open_document(sha256)

    def _show_hit(self, facts: Facts) -> None:
        hit, self._hit = self._hit, None
        if hit is None or hit[0] != facts.sha256:
            return
        found = locate(hit[1], facts.text)
        if found is not None:
            self.view.highlight_hit(*found)

    def cancel_analysis(self) -> None:
        """Stop what is being analysed; the window keeps what it showed before."""
        self.session.cancel()
        self.statusBar().showMessage("Cancelling…")

    def _on_cancelled(self, request: Request) -> None:
        self._not_analysed(request)
        self.statusBar().showMessage("Analysis cancelled.", 6000)

    def _on_reading(self, request: Request, facts: Facts) -> None:
        """A file read, its facts still to come: its text at once, the panels say so."""
        self._reading = request.id
        self.show_facts(facts, pending=True)

    def _not_analysed(self, request: Request) -> None:
        """The text shown will get no facts (its analysis was cancelled or failed)."""
        if request.id != self._reading or not self.unanalysed or self.facts is None:
            return
        self._reading = 0
        self.unanalysed = NOT_ANALYSED
        self._show_meta(self.facts)
        self._show_unanalysed()

    def _on_opened(self, request: Request, facts: Facts, from_library: bool) -> None:
        self.navigator.told = False
        self.show_facts(facts)
        if self.navigator.told:
            return
        if request.from_library_row:
            self.statusBar().showMessage(f"{facts.title}: opened from the library.", 6000)
            return
        if not from_library and self.library_panel.isVisible():
            self.library_panel.refresh()
        where = "from the library" if from_library else "analysed"
        shown = self.facts or facts
        self.statusBar().showMessage(
            f"{facts.title or Path(facts.path).name}: {counted(len(shown.entities), 'entity')}, "
            f"{counted(len(shown.claims), 'claim')} ({where}).",
            8000,
        )

    def _on_failed(self, request: Request, message: str) -> None:
        self.navigator.failed()
        self._not_analysed(request)
        if request.from_library_row:
            self.show_error("Cannot open document", message)
            return
        self.statusBar().showMessage(message, 8000)
        self.show_error("Cannot open article", message)
        self.openFailed.emit(message)

    def show_error(self, title: str, message: str) -> None:
        """One non-blocking dialog; the window stays usable behind it."""
        if self.error_box is not None:
            self.error_box.close()
        box = message_box(QMessageBox.Icon.Warning, title, message, self)
        box.setObjectName("errorDialog")
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.open()
        self.error_box = box

    # -- showing ----------------------------------------------------------------------------------
    def show_facts(self, facts: Facts, pending: bool = False) -> None:
        """Show a newly opened document (raw facts); the reader's corrections are applied.
        ``factsShown`` follows once all is shown: at once for a normal article, after some
        steps for a very long one. ``pending``: only its text so far, the panels say they are
        being filled; its facts follow in another call, shown where the reader has got to."""
        if self.facts is not None and self.facts.sha256 != facts.sha256:
            self._save_position()
        asked = self.navigator.leaving(facts)
        new_doc = self.session.show(facts)
        pos = asked if asked is not None else self.session.position() if new_doc else None
        self.unanalysed = ANALYSING if pending else ""
        if not pending:
            self._reading = 0
        self._announce = not pending
        self._refresh(keep_position=not new_doc, top=pos or None)

    def _refresh(self, keep_position: bool = True, top: int | None = None) -> None:
        """Show the raw facts with the active corrections applied (``top``: the offset to
        scroll to, a remembered reading position)."""
        facts = self.session.apply_corrections()
        if facts is None:
            return
        self.corrections_panel.show_log(self.session.log)
        self.library_panel.set_current(facts.sha256)
        self.title_label.setText(facts.title or Path(facts.path).name)
        # A text that opens with its title shows it there, as the headline: not twice.
        self.title_label.setHidden(opens_with_title(facts))
        self.setWindowTitle(f"{facts.title or Path(facts.path).name} — Broadsheet")
        self.export_menu.setEnabled(not self.unanalysed)
        # A newer document or correction drops what is still being shown of this one.
        self._showing.start(self._show_steps(facts, keep_position, top), self._shown)

    def _show_steps(self, facts: Facts, keep_position: bool, top: int | None) -> Steps:
        """The text and the panels in turns, so both fill from the top while a long document
        goes in."""

        def panels() -> Steps:
            self._show_meta(facts)
            yield
            if self.unanalysed:
                self._show_unanalysed()
                return
            for panel in self.panels.values():
                panel.show_facts(facts)
                nav = self.session.nav
                if nav is not None:  # chosen in the text before this panel was filled
                    panel.select_entity(nav[0])
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
        byline = [meta_text(facts.meta, k) for k in ("author", "date", "source")]
        self.warnings_label.setText("\n".join(f"⚠ {w}" for w in facts.warnings))
        self.warnings_label.setVisible(bool(facts.warnings))
        counts = fact_counts(people, places, orgs, len(facts.claims))
        self.meta_label.setText(
            " · ".join(
                [
                    *(b for b in byline if b),
                    Path(facts.path).name,
                    counted(words, "word"),
                    *([self.unanalysed.capitalize()] if self.unanalysed else counts),
                ]
            )
        )

    def _show_unanalysed(self) -> None:
        """The panels of a text whose facts are still to come (or will not)."""
        for panel in self.panels.values():
            panel.show_unanalysed(self.unanalysed)
        self.claims.show_unanalysed(self.unanalysed)

    def _shown(self) -> None:
        if self.unanalysed:
            return  # the facts are not there yet: nothing to arrive at, nothing to announce
        if self._hit is not None and self.facts is not None:
            self._show_hit(self.facts)
        if self.facts is not None:
            self.navigator.shown(self.facts)
        self._update_said_about()  # a correction may change what is said about whom
        self._network_of = None  # and who is linked with whom
        self._update_network()
        if self._announce:
            self._announce = False
            self.factsShown.emit(self.facts)

    def select_entity(self, entity_id: str) -> None:
        """Highlight the mentions of an entity and select its row (from a panel or the text)."""
        ent = self.session.select_entity(entity_id)
        for panel in self.panels.values():
            if ent is None or panel.kind != ent.kind:
                panel.select_entity(None)
            else:
                panel.select_entity(ent.id)
                panel.raise_()
        self.view.highlight_entity(ent)
        if ent is not None and self.facts is not None:
            n = len(ent.mentions)
            self.statusBar().showMessage(
                f"{ent.name}: 1 of {counted(n, 'mention')}, "
                f"{counted(len(self.facts.claims_by(ent.id)), 'claim')}",
                6000,
            )
        self._update_also_in()
        self._update_said_about()

    def _on_network_visible(self, visible: bool) -> None:
        if visible:
            self._update_network()

    def _update_network(self) -> None:
        """Laid out only while on screen, and once for each state of the facts."""
        if not self.network.isVisible() or self.facts is None or self._network_of is self.facts:
            return
        self._network_of = self.facts
        self.network.show_facts(self.facts)

    def select_named(self, kind: str, name: str) -> None:
        """An entity of this document by its kind and name (from the Network dock)."""
        if self.facts is None:
            return
        ent = next((e for e in self.facts.entities if e.kind == kind and e.name == name), None)
        if ent is not None:
            self.select_entity(ent.id)

    def _on_said_about_visible(self, visible: bool) -> None:
        if visible:
            self._update_said_about()

    def _update_said_about(self) -> None:
        if self.said_about.isVisible():
            self.said_about.show_entity(self.session.selected_entity(), self.facts)
        if self.timeline.isVisible():
            self.timeline.show_entity(self.session.selected_entity(), self.facts)
        self._update_map()

    def _on_map_visible(self, visible: bool) -> None:
        if visible:
            self._update_map()

    def _update_map(self) -> None:
        """The document's places, or those named with the selected entity (kept while the
        reader goes to a place or a claim)."""
        if not self.map.isVisible():
            return
        ent = None
        if self.map.everywhere.isChecked():
            ent = self.session.selected_entity() or self.map.shown[1]
        facts, before = self.facts, self.map.shown
        if before[0] is not facts or before[1] is not ent:
            self.map.show_places(facts, ent)

    def _on_timeline_visible(self, visible: bool) -> None:
        if visible:
            self.timeline.show_entity(self.session.selected_entity(), self.facts)

    def _on_also_in_visible(self, visible: bool) -> None:
        if visible:
            self._update_also_in()

    def _update_also_in(self) -> None:
        """Look across the library only while the Also In panel is on screen."""
        if not self.also_in.isVisible():
            return
        ent = self.session.selected_entity()
        self.also_in.show_entity(ent, self.facts.sha256 if self.facts else "")

    def step_mention(self, delta: int) -> None:
        """F3 / Shift+F3: the next or previous mention of the selected entity."""
        if self.session.nav is None or self.facts is None:
            self.statusBar().showMessage("Select a person, place or organisation first.", 4000)
            return
        step = self.session.step_mention(delta)
        if step is None:
            return
        ent, i = step
        self.view.highlight_mention(ent, i)
        self.status_bar.show_position(ent.name, i, len(ent.mentions))

    def select_claim(self, claim_id: str) -> None:
        claims = self.facts.claims if self.facts else []
        claim = next((c for c in claims if c.id == claim_id), None)
        if claim is None:
            return
        for panel in self.panels.values():
            panel.select_entity(None)
        src = (claim.source.start, claim.source.end) if claim.source else None
        self.view.highlight_claim(claim.content.ranges, src)

    def select_source(self, key: str) -> None:
        """A source's row in the Claims tree: where that source is named in the text (its
        entity's every mention, or the words of a source that is no entity)."""
        if self.facts is None:
            return
        for panel in self.panels.values():
            panel.select_entity(None)
        ent = self.facts.entity(key) if key else None
        if ent is not None:
            self.view.highlight_entity(ent)
            self._tell(
                f"{ent.name}: {counted(len(ent.mentions), 'mention')}, "
                f"{counted(len(self.facts.claims_by(ent.id)), 'claim')}"
            )
            return
        spans = sorted(
            {
                (c.source.start, c.source.end)
                for c in self.facts.claims
                if c.source is not None and source_label(c, self.facts)[0] == key
            }
        )
        self.view.highlight_sources(spans)

    def _tell(self, message: str) -> None:
        self.statusBar().showMessage(message, 6000)

    def show_claims_by(self, entity_id: str) -> None:
        self.claims.show_source(entity_id)

    # -- corrections ------------------------------------------------------------------------------
    def apply_correction(self, correction: corr.Correction) -> None:
        """Apply a correction as an undoable step, kept in the library as the reader's own data."""
        self.session.apply_correction(correction)
        self.statusBar().showMessage(f"{correction.describe()}. Undo with Ctrl+Z.", 6000)

    def revert_correction(self, correction_id: int) -> None:
        c = next((c for c in self.session.log if c.id == correction_id), None)
        self.session.revert(correction_id)
        if c is not None:
            self.statusBar().showMessage(f"Reverted: {c.describe()}.", 6000)

    def restore_correction(self, correction_id: int) -> None:
        c = next((c for c in self.session.log if c.id == correction_id), None)
        self.session.restore(correction_id)
        if c is not None:
            self.statusBar().showMessage(f"Restored: {c.describe()}.", 6000)

    def _claim(self, claim_id: str) -> Claim | None:
        return (
            next((c for c in self.facts.claims if c.id == claim_id), None) if self.facts else None
        )

    def change_claim_source(self, claim_id: str) -> None:
        """Change Source…: who the claim is by, in a window-modal dialog."""
        c = self._claim(claim_id)
        if c is None or self.facts is None:
            return
        self._open_dialog(SourceDialog(self.facts, c, self))

    def add_claim_from_selection(self) -> None:
        """Edit ▸ Add Claim from Selection…: the selected words are what is claimed."""
        chosen = self.view.selected_range()
        if chosen is None:
            self.statusBar().showMessage(
                "Select the words of the claim in the article first.", 6000
            )
            return
        self.add_claim(*chosen)

    def add_claim(self, start: int, end: int) -> None:
        if self.facts is None:
            return
        if not self.facts.text[start:end].strip():
            self.statusBar().showMessage(
                "Select the words of the claim in the article first.", 6000
            )
            return
        self._open_dialog(AddClaimDialog(self.facts, start, end, self))

    def add_entity(self, start: int, end: int, kind: str) -> None:
        """Add as Person / Place / Organisation: words the analysis did not mark."""
        if self.facts is None:
            return
        try:
            correction = corr.add_entity(self.facts, start, end, kind)
        except ValueError:
            self.statusBar().showMessage("Select the words of a name in the article first.", 6000)
            return
        s, t = correction.payload["mention"]
        held = next(
            (e for e in self.facts.entities for m in e.mentions if m.start < t and s < m.end),
            None,
        )
        if held is not None:
            self.statusBar().showMessage(
                f"Part of “{self.facts.text[s:t]}” is marked already, as {held.name}: "
                "change it from its panel's menu.",
                8000,
            )
            return
        self.apply_correction(correction)

    def _open_dialog(self, dialog: SourceDialog | AddClaimDialog) -> None:
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.corrected.connect(self.apply_correction)
        dialog.open()

    def rename_entity(self, entity_id: str) -> None:
        ent = self.facts.entity(entity_id) if self.facts else None
        if ent is None:
            return
        name, ok = QInputDialog.getText(
            self, "Rename", literal(f"New name for “{ent.name}”:"), text=ent.name
        )
        if ok and name.strip() and name.strip() != ent.name:
            self.apply_correction(corr.rename(ent, name))

    def _split_mention(self, entity_id: str, start: int, end: int) -> None:
        ent = self.facts.entity(entity_id) if self.facts else None
        mention = (
            next((m for m in ent.mentions if m.start == start and m.end == end), None)
            if ent
            else None
        )
        if ent is not None and mention is not None:
            self.apply_correction(corr.split(ent, mention))

    # -- export -----------------------------------------------------------------------------------
    def export(self, fmt: str, path: str | None = None) -> list[Path]:
        if self.facts is None:
            return []
        if path is None:
            label, filt = next((lbl, f) for k, lbl, f in EXPORTS if k == fmt)
            name = Path(self.facts.path).with_suffix(f".{fmt}").name if self.facts.path else ""
            path, _ = QFileDialog.getSaveFileName(
                self, f"Export {label}", str(self._export_folder() / name), filt
            )
            if not path or not self._may_replace(fmt, Path(path)):
                return []
        try:
            written = export.write(self.facts, fmt, Path(path))
        except OSError as e:
            self.show_error("Export failed", f"Cannot write {path}: {e.strerror or e}")
            return []
        keys.EXPORT_FOLDER.set(self.settings, str(Path(path).resolve().parent))
        self.statusBar().showMessage(export.written(Path(path), written), 10_000)
        return written

    def _may_replace(self, fmt: str, asked: Path) -> bool:
        """The save dialog asks before replacing the file it names; a CSV export writes two
        others (``x-entities.csv``, ``x-claims.csv``), so it asks for those."""
        if fmt != "csv":
            return True
        there = [p for p in export.csv_paths(asked) if p.exists()]
        if not there:
            return True
        one = len(there) == 1
        answer = QMessageBox.question(
            self,
            "Replace Files",
            f"{' and '.join(p.name for p in there)} already {'exists' if one else 'exist'} in "
            f"{asked.parent}. Replace {'it' if one else 'them'}?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _export_folder(self) -> Path:
        """Where the Export dialog opens: the folder of the last export, while it exists, else
        the document's folder, else the home folder."""
        last = keys.EXPORT_FOLDER.get(self.settings)
        if last and Path(last).is_dir():
            return Path(last)
        if self.facts is not None and self.facts.path and Path(self.facts.path).parent.is_dir():
            return Path(self.facts.path).parent.resolve()
        return Path.home()

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
        box = QMessageBox(
            QMessageBox.Icon.NoIcon,
            "Keyboard Shortcuts",
            shortcuts_html(),
            QMessageBox.StandardButton.Close,
            self,
        )
        box.setObjectName("shortcutsDialog")
        box.open()

    def _about(self) -> None:
        box = QMessageBox(
            QMessageBox.Icon.NoIcon,
            "About Broadsheet",
            about_text(self.analyzer.model, self.analyzer.pipeline),
            QMessageBox.StandardButton.Close,
            self,
        )
        box.setObjectName("aboutDialog")
        box.open()
