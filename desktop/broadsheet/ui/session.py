"""The document session: what the window shows and what it has asked for, without any widget.

It holds the current document's facts (as analysed, and as shown: with the reader's
corrections), the corrections as an undo stack, the mention the reader is stepping through, and
the open requests. Every way of opening a document goes through ``open_path`` (a file: File ▸
Open, the command line, a drop, a recent file) or ``open_document`` (a row of the Library), and
both run the same background job (``workers.OpenJob``).

Only the newest request may change what is shown: each request has an id, and a reply to an
older one (a document the reader has since left) is dropped. Opening a file cancels the
analyses still running for older requests; opening a library row lets them finish (they are
kept in the library) but drops their replies. A failure is reported whichever request it was
for: the reader asked for that file.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal
from PySide6.QtGui import QUndoStack

from .. import corrections as corr
from ..errors import LibraryError
from ..facts import Article, Entity, Facts
from .commands import CorrectionCommand
from .workers import OpenJob

if TYPE_CHECKING:
    from ..analysis import Analyzer
    from ..store.library import Library, RecentDocument

log = logging.getLogger(__name__)

# Two threads: a document from the library opens while another is still being analysed (the
# analyses themselves take turns in the analyser's one worker process).
POOL_THREADS = 2


@dataclass(frozen=True)
class Request:
    """One request to open a document: a file (``path``) or a library row (``sha256``)."""

    id: int
    path: str = ""
    sha256: str = ""

    @property
    def from_library_row(self) -> bool:
        return bool(self.sha256)


class DocumentSession(QObject):
    """Signals, all on the GUI thread:

    - ``opened(Request, Facts, from_library)``: the newest request's facts (as analysed);
      call ``show`` with them to make them the current document.
    - ``reading(Request, Facts)``: the newest request's text, read and about to be analysed
      (facts with no entities nor claims yet), so it can be shown before ``opened``.
    - ``failed(Request, message)``, ``cancelled(Request)`` (the newest request only).
    - ``status(message)`` and ``progress(done, total)`` for the newest request.
    - ``idle()``: no request is open any more.
    - ``changed()``: the corrections changed; ``apply_corrections`` gives the facts to show.
    - ``error(title, message)``: the library refused to keep something.
    """

    opened = Signal(object, object, bool)
    reading = Signal(object, object)
    failed = Signal(object, str)
    cancelled = Signal(object)
    status = Signal(str)
    progress = Signal(int, int)
    idle = Signal()
    changed = Signal()
    error = Signal(str, str)

    def __init__(self, analyzer: Analyzer, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.analyzer = analyzer
        self.raw_facts: Facts | None = None  # as analysed
        self.facts: Facts | None = None  # as shown: with the reader's corrections
        self.undo_stack = QUndoStack(self)
        self.log: list[corr.Correction] = []  # the current document's, as last applied
        self.nav: tuple[str, int] | None = None  # (entity id, mention index) for F3
        # Corrections the library refused to keep (kept until the reader quits): id → (sha, c).
        self._memory_corrections: dict[int, tuple[str, corr.Correction]] = {}
        self._newest = 0
        self.jobs: dict[int, OpenJob] = {}
        self.requests: dict[int, Request] = {}
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(POOL_THREADS)

    @property
    def library(self) -> Library | None:
        return self.analyzer.library

    # -- requests ---------------------------------------------------------------------------------
    @property
    def newest(self) -> int:
        """The id of the newest request (0 before the first)."""
        return self._newest

    def is_current(self, rid: int) -> bool:
        return rid == self._newest

    def open_path(self, path: str | Path) -> int:
        """Open a file off the GUI thread; returns the request id. Analyses still running for
        older requests are cancelled."""
        for older in self.jobs.values():
            older.cancel.set()
        return self._start(str(path), "")

    def open_document(self, sha256: str) -> int:
        """Open a document of the library, as last analysed (no file, no model), off the GUI
        thread; returns the request id. Older requests go on, but their replies are dropped."""
        return self._start("", sha256)

    def _start(self, path: str, sha256: str) -> int:
        self._newest += 1
        rid = self._newest
        job = OpenJob(rid, path, self.analyzer, sha256=sha256)
        job.signals.status.connect(self._on_status)
        job.signals.read.connect(self._on_read)
        job.signals.finished.connect(self._on_finished)
        job.signals.failed.connect(self._on_failed)
        job.signals.progress.connect(self._on_progress)
        job.signals.cancelled.connect(self._on_cancelled)
        self.jobs[rid] = job
        self.requests[rid] = Request(rid, path, sha256)
        self.pool.start(job)
        return rid

    def cancel(self) -> None:
        """Stop what is being analysed; the current document stays."""
        for job in self.jobs.values():
            job.cancel.set()

    def close(self) -> None:
        """Drop the requests that have not started yet (the window is closing)."""
        self.pool.clear()

    def _done(self, rid: int) -> Request:
        self.jobs.pop(rid, None)
        request = self.requests.pop(rid, None) or Request(rid)
        if not self.jobs:
            self.idle.emit()
        return request

    def _on_status(self, rid: int, message: str) -> None:
        if self.is_current(rid):
            self.status.emit(message)

    def _on_read(self, rid: int, article: Article) -> None:
        request = self.requests.get(rid)
        if request is not None and self.is_current(rid):
            self.reading.emit(
                request,
                Facts(
                    text=article.text,
                    path=article.path,
                    title=article.title,
                    meta=dict(article.meta),
                    warnings=list(article.warnings),
                ),
            )

    def _on_progress(self, rid: int, done: int, total: int) -> None:
        if self.is_current(rid) and total > 0:
            self.progress.emit(done, total)

    def _on_finished(self, rid: int, facts: Facts, from_library: bool) -> None:
        request = self._done(rid)
        if not self.is_current(rid):
            return  # a document the reader has left since
        self.opened.emit(request, facts, from_library)
        if self.library is None:
            return
        # Once the facts are painted: the recent list (and its sidecar file) is a write the
        # reader need not wait for (about 30 % of reopening a document, profiled).
        if request.path and facts.path:
            QTimer.singleShot(0, lambda p=facts.path, h=facts.sha256: self.add_recent(p, h))
        elif request.sha256:
            QTimer.singleShot(0, lambda h=request.sha256: self.add_recent_document(h))

    def _on_failed(self, rid: int, message: str) -> None:
        self.failed.emit(self._done(rid), message)

    def _on_cancelled(self, rid: int) -> None:
        request = self._done(rid)
        if self.is_current(rid):  # an older request, replaced by a newer one, goes quietly
            self.cancelled.emit(request)

    # -- the current document -------------------------------------------------------------------
    def show(self, facts: Facts) -> bool:
        """Make these (raw) facts the current document's; True if it is another document
        than before (its undo history is then cleared)."""
        new_doc = self.raw_facts is None or self.raw_facts.sha256 != facts.sha256
        self.raw_facts = facts
        if new_doc:
            self.nav = None  # ids are the document's own: "e3" there is someone else
            self._rebuild_history()
        return new_doc

    def apply_corrections(self) -> Facts | None:
        """The current document's facts with its active corrections applied (now ``facts``)."""
        if self.raw_facts is None:
            return None
        self.log = self.correction_log()
        self.facts = corr.apply(self.raw_facts, [c for c in self.log if c.active])
        # The entity the reader had chosen stays chosen while it is there (a claim's correction
        # leaves it; "not an entity" or a merge into another takes it away).
        ent = self.facts.entity(self.nav[0]) if self.nav else None
        self.nav = (ent.id, min(self.nav[1], len(ent.mentions) - 1)) if ent and self.nav else None
        return self.facts

    def corrections(self) -> list[corr.Correction]:
        """The current document's active corrections, in the order they apply."""
        return [c for c in self.correction_log() if c.active]

    def correction_log(self) -> list[corr.Correction]:
        """Every correction of the current document, undone and reverted ones too."""
        if self.raw_facts is None:
            return []
        sha = self.raw_facts.sha256
        kept: list[corr.Correction] = []
        if self.library is not None:
            try:
                kept = self.library.correction_log(sha)
            except LibraryError as e:
                log.warning("corrections of %s unreadable: %s", sha[:12], e)
        # Those only in memory were made after the stored ones.
        return kept + [c for s, c in self._memory_corrections.values() if s == sha]

    def apply_correction(self, correction: corr.Correction) -> None:
        """Apply a correction as an undoable step, kept in the library as the reader's own data."""
        if self.raw_facts is None:
            return
        sha = self.raw_facts.sha256
        # What could be redone cannot once this is pushed: Qt drops those commands.
        stack = self.undo_stack
        dropped = [stack.command(i) for i in range(stack.index(), stack.count())]
        self._forget_redo(
            [
                c.correction.id
                for c in dropped
                if isinstance(c, CorrectionCommand) and c.correction.id
            ]
        )
        stack.push(self._command(correction, sha))

    def _command(self, correction: corr.Correction, sha: str) -> CorrectionCommand:
        return CorrectionCommand(
            correction,
            store=lambda c: self._store_correction(sha, c),
            activate=self._activate_correction,
            refresh=self.changed.emit,
        )

    def _rebuild_history(self) -> None:
        """The undo history of the current document as the library keeps it: its undoable
        corrections in order, the active ones done and the undone ones after them to redo."""
        self.undo_stack.clear()
        if self.raw_facts is None:
            return
        sha = self.raw_facts.sha256
        history = [c for c in self.correction_log() if c.undoable]
        last_done = max((i for i, c in enumerate(history) if c.active), default=-1)
        # An undone one before the last done one cannot be redone in order: left out.
        steps = [c for i, c in enumerate(history) if c.active or i > last_done]
        commands = [self._command(c, sha) for c in steps]
        for cmd in commands:
            cmd.quiet = True
            self.undo_stack.push(cmd)
        self.undo_stack.setIndex(sum(1 for c in steps if c.active))
        for cmd in commands:
            cmd.quiet = False

    def revert(self, correction_id: int) -> None:
        """Revert one correction, wherever it stands: no longer applied, out of the undo
        history (Restore applies it again)."""
        self._set_state(correction_id, revert=True)

    def restore(self, correction_id: int) -> None:
        """Apply a reverted or undone correction again, where it stands among the others."""
        self._set_state(correction_id, revert=False)

    def _set_state(self, cid: int, revert: bool) -> None:
        if cid in self._memory_corrections:
            c = self._memory_corrections[cid][1]
            c.active = not revert
            c.undoable = c.undoable and not revert
        elif self.library is not None:
            try:
                if revert:
                    self.library.revert_correction(cid)
                else:
                    self.library.restore_correction(cid)
            except LibraryError as e:
                self.error.emit("Library", str(e))
                return
        self._rebuild_history()
        self.changed.emit()

    def _forget_redo(self, ids: list[int]) -> None:
        for cid in ids:
            if cid in self._memory_corrections:
                self._memory_corrections[cid][1].undoable = False
        stored = [cid for cid in ids if cid not in self._memory_corrections]
        if stored and self.library is not None:
            try:
                self.library.forget_redo(stored)
            except LibraryError as e:
                log.warning("undo history not updated: %s", e)

    def _store_correction(self, sha: str, c: corr.Correction) -> int:
        if self.library is not None:
            try:
                return self.library.add_correction(sha, c)
            except LibraryError as e:
                self.error.emit("Library", f"{e}\nThe correction is kept until you quit.")
        cid = -(len(self._memory_corrections) + 1)
        c.made_at = datetime.now(UTC).isoformat()
        self._memory_corrections[cid] = (sha, c)
        return cid

    def _activate_correction(self, cid: int, active: bool) -> None:
        if cid in self._memory_corrections:
            self._memory_corrections[cid][1].active = active
        elif self.library is not None:
            try:
                self.library.set_correction_active(cid, active)
            except LibraryError as e:
                self.error.emit("Library", str(e))

    # -- stepping through mentions --------------------------------------------------------------
    def select_entity(self, entity_id: str) -> Entity | None:
        """The entity the reader chose (None to clear); F3 starts from its first mention."""
        ent = self.facts.entity(entity_id) if self.facts and entity_id else None
        self.nav = (ent.id, 0) if ent else None
        return ent

    def selected_entity(self) -> Entity | None:
        return self.facts.entity(self.nav[0]) if self.facts and self.nav else None

    def step_mention(self, delta: int) -> tuple[Entity, int] | None:
        """The next (``delta`` 1) or previous (-1) mention of the chosen entity, wrapping
        around: (entity, index). None if no entity with mentions is chosen."""
        ent = self.selected_entity()
        if ent is None or self.nav is None or not ent.mentions:
            return None
        i = (self.nav[1] + delta) % len(ent.mentions)
        self.nav = (ent.id, i)
        return ent, i

    # -- the reader's data besides corrections --------------------------------------------------
    def position(self) -> int | None:
        """The remembered reading position (a text offset) of the current document."""
        if self.library is None or self.raw_facts is None:
            return None
        try:
            return self.library.position(self.raw_facts.sha256)
        except Exception:  # a lost position is not worth a dialog
            log.warning("reading position unreadable", exc_info=True)
            return None

    def save_position(self, offset: int) -> None:
        if self.library is None or self.facts is None:
            return
        try:
            self.library.set_position(self.facts.sha256, offset)
        except Exception:  # a lost position is not worth a dialog
            log.warning("reading position not saved", exc_info=True)

    def add_recent(self, path: str, sha256: str = "") -> None:
        try:
            if self.library is not None:
                self.library.add_recent(path, sha256)
        except Exception:  # recent files are a convenience, never worth an error dialog
            log.warning("recent file %s not recorded", path, exc_info=True)

    def add_recent_document(self, sha256: str) -> None:
        try:
            if self.library is not None:
                self.library.add_recent_document(sha256)
        except Exception:  # recent files are a convenience, never worth an error dialog
            log.warning("recent document %s not recorded", sha256[:12], exc_info=True)

    def recent_documents(self) -> list[RecentDocument]:
        """Open Recent's entries, newest first: files and documents opened from the library."""
        try:
            return self.library.recent_documents() if self.library is not None else []
        except Exception:  # recent files are a convenience, never worth an error dialog
            log.warning("recent files unreadable", exc_info=True)
            return []

    def open_recent(self, doc: RecentDocument, quiet: bool = False) -> int | None:
        """Open an entry of Open Recent: a file from disk while it is there (it may have
        changed), else the document from the library (instant, no file needed). ``quiet``: a
        document that is gone is no error (None is returned), as when starting up."""
        on_disk = bool(doc.path) and Path(doc.path).is_file()
        if doc.sha256 and self.library is not None and (doc.from_library or not on_disk):
            return self.open_document(doc.sha256)
        if on_disk or not quiet:
            return self.open_path(doc.path)
        return None
