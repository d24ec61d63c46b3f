"""Going from document to document in the window: arriving where the reader asked (the claim
or the entity chosen in Also In) and Back / Forward to where the reader was."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from ..facts import Facts
from .history import History, Place

if TYPE_CHECKING:
    from .main_window import MainWindow


class Navigator(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window
        self.history = History()
        self._arrival: Place | None = None  # where to be once that document is shown
        self._travelling = False  # the arrival is a step Back or Forward, not a new visit
        self.told = False  # the status bar says where the reader arrived: no other message

    def here(self) -> Place | None:
        """Where the reader is: the document, the top of the view, what is selected."""
        w = self.w
        if w.facts is None:
            return None
        ent = w.session.selected_entity()
        claim = w.claims.current_claim()
        return Place(
            w.facts.sha256,
            w.facts.path,
            w.view.top_offset(),
            ent.id if ent else None,
            (ent.name, *ent.aliases) if ent else (),
            ent.kind if ent else "",
            claim.id if claim else None,
            claim.content.text if claim else "",
        )

    def open_place(self, place: Place) -> None:
        """Open a document (from the library, else its file) and arrive at the place."""
        self._arrival = place
        if self.w.library is not None:
            self.w.open_document(place.sha256)
        else:
            self.w.open_path(place.path)

    def back(self) -> None:
        self._travel(self.history.back(self.here()), "Nothing to go back to.")

    def forward(self) -> None:
        self._travel(self.history.forward(self.here()), "Nothing to go forward to.")

    def _travel(self, place: Place | None, nothing: str) -> None:
        if place is None:
            self.w.statusBar().showMessage(nothing, 4000)
            return
        self.update_actions()
        if self.w.facts is not None and place.sha256 == self.w.facts.sha256:
            self._arrive(place, self.w.facts)  # the same document: no need to open it again
            return
        self._travelling = True
        self.open_place(place)

    def leaving(self, facts: Facts) -> int | None:
        """Another document is about to be shown: remember where the reader leaves, unless
        this is a step Back or Forward. Returns the offset to show at, if the place has one."""
        arrival = self._arrival if self._arrival and self._arrival.sha256 == facts.sha256 else None
        if arrival is None:
            self._arrival, self._travelling = None, False  # that request was overtaken
        current = self.w.facts
        if current is not None and current.sha256 != facts.sha256 and not self._travelling:
            here = self.here()
            if here is not None:
                self.history.visit(here)
        self._travelling = False
        self.update_actions()
        return arrival.top if arrival else None

    def shown(self, facts: Facts) -> None:
        """The document is shown: arrive at the place asked for, once."""
        place, self._arrival = self._arrival, None
        if place is not None and place.sha256 == facts.sha256:
            self._arrive(place, facts)

    def failed(self) -> None:
        self._arrival, self._travelling = None, False

    def _arrive(self, place: Place, facts: Facts) -> None:
        w = self.w
        ent = place.entity(facts)
        claim = place.claim(facts, ent)
        if claim is not None:
            w.claims.select_claim(claim.id)  # the window highlights it through the panel
            w.select_claim(claim.id)
            if ent is not None:  # its row shown in its panel, the claim's highlight kept
                w.panels[ent.kind].select_entity(ent.id)
                w.panels[ent.kind].raise_()
        elif ent is not None:
            w.select_entity(ent.id)
        if place.top is not None:
            w.view.scroll_to_top_offset(place.top)
        if place.top is None and (ent is not None or claim is not None):
            what = f"the claim of {ent.name}" if claim and ent else ent.name if ent else "the claim"
            w.statusBar().showMessage(
                f"{facts.title or 'Opened'}: {what}. Alt+Left goes back.", 8000
            )
            self.told = True

    def update_actions(self) -> None:
        actions = self.w.action_table.action
        actions["back"].setEnabled(self.history.can_go_back())
        actions["forward"].setEnabled(self.history.can_go_forward())
