"""The dialogs of claim corrections: who a claim is by (Change Source…) and a claim the analysis
missed (Add Claim…). Both are window-modal and opened, not run, so the window keeps painting;
``accepted`` gives the correction, which the window applies as an undoable step."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from .. import corrections as corr
from ..facts import Claim, Correction, Facts

NO_SOURCE = "No source (unattributed)"
KIND_ORDER = ("person", "organisation", "place")  # people speak most, places least
CLAIM_KIND_LABELS = {
    "direct": "Direct (quoted)",
    "indirect": "Indirect (reported)",
    "according_to": "According to",
    "unattributed": "Unattributed",
}
CERTAINTY_LABELS = {"asserted": "Asserted", "hedged": "Hedged"}
OPENING_QUOTES = "\"“‘«„'"


class SourcePicker(QComboBox):
    """An entity of the document, or a name typed in, or no source. The entities come first by
    kind, each by salience; typing filters them as any combo box does."""

    def __init__(self, facts: Facts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.facts = facts
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setAccessibleName("Source")
        edit = self.lineEdit()
        if edit is not None:
            edit.setPlaceholderText("A name, or pick someone from the list")
        self.addItem(NO_SOURCE, "")
        for kind in KIND_ORDER:
            for e in facts.entities_of(kind):
                self.addItem(f"{e.name}", e.id)
        self.setMinimumContentsLength(24)

    def choose_entity(self, entity_id: str) -> None:
        i = self.findData(entity_id)
        if i >= 0:
            self.setCurrentIndex(i)

    def source(self) -> dict[str, object] | None:
        """What is chosen, as ``corrections.source_of`` gives it (None: no source)."""
        typed = " ".join(self.currentText().split())
        if not typed or typed == NO_SOURCE:
            return None
        i = self.currentIndex()
        if i > 0 and self.itemText(i) == typed:
            ent = self.facts.entity(self.itemData(i))
            if ent is not None:
                return corr.source_of(ent)
        same = self.findText(typed, Qt.MatchFlag.MatchFixedString)  # any case
        if same > 0:
            ent = self.facts.entity(self.itemData(same))
            if ent is not None:
                return corr.source_of(ent)
        return corr.source_of(name=typed)


def _buttons(dialog: QDialog, ok: str) -> QDialogButtonBox:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def _quoted(words: str) -> QLabel:
    label = QLabel(f"“{' '.join(words.split())}”")
    label.setTextFormat(Qt.TextFormat.PlainText)  # the document's words, never rich text
    label.setWordWrap(True)
    label.setStyleSheet("font-style: italic;")
    return label


class SourceDialog(QDialog):
    """Change Source…: ``corrected(Correction)`` once the reader says OK."""

    corrected = Signal(object)

    def __init__(self, facts: Facts, claim: Claim, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sourceDialog")
        self.setWindowTitle("Change Source")
        self.claim = claim
        self.picker = SourcePicker(facts, self)
        if claim.source is None:
            self.picker.setCurrentIndex(0)
        elif claim.source.entity:
            self.picker.choose_entity(claim.source.entity)
        else:
            self.picker.setEditText(claim.source.text)
        lay = QVBoxLayout(self)
        lay.addWidget(_quoted(claim.content.shown))
        form = QFormLayout()
        form.addRow("&Said or believed by:", self.picker)
        lay.addLayout(form)
        lay.addWidget(_buttons(self, "Change Source"))
        self.accepted.connect(lambda: self.corrected.emit(self.correction()))

    def correction(self) -> Correction:
        return corr.claim_source(self.claim, self.picker.source())


class AddClaimDialog(QDialog):
    """Add Claim…: the selected words are what is claimed; the reader picks who claims it, the
    words that report it (the cue, looked for near the content), its kind and certainty.
    ``corrected(Correction)`` once the reader says OK."""

    corrected = Signal(object)

    def __init__(self, facts: Facts, start: int, end: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("addClaimDialog")
        self.setWindowTitle("Add Claim")
        self.facts, self.start, self.end = facts, start, end
        words = facts.text[start:end]
        self.picker = SourcePicker(facts, self)
        self.picker.setEditText("")
        self.cue = QLineEdit(self)
        self.cue.setAccessibleName("Cue")
        self.cue.setPlaceholderText("said, told, believes, according to…")
        self.kind = QComboBox(self)
        self.kind.setAccessibleName("Kind of claim")
        self.kind.addItem("Decided by the source", "")
        for k, label in CLAIM_KIND_LABELS.items():
            self.kind.addItem(label, k)
        if words.strip()[:1] in OPENING_QUOTES:
            self.kind.setCurrentIndex(self.kind.findData("direct"))
        self.certainty = QComboBox(self)
        self.certainty.setAccessibleName("Certainty")
        for k, label in CERTAINTY_LABELS.items():
            self.certainty.addItem(label, k)
        lay = QVBoxLayout(self)
        lay.addWidget(_quoted(words))
        form = QFormLayout()
        form.addRow("&Said or believed by:", self.picker)
        form.addRow("&Cue:", self.cue)
        form.addRow("&Kind:", self.kind)
        form.addRow("C&ertainty:", self.certainty)
        lay.addLayout(form)
        lay.addWidget(_buttons(self, "Add Claim"))
        self.accepted.connect(lambda: self.corrected.emit(self.correction()))

    def correction(self) -> Correction:
        return corr.add_claim(
            self.facts,
            self.start,
            self.end,
            self.picker.source(),
            cue=self.cue.text(),
            kind=self.kind.currentData() or "",
            certainty=self.certainty.currentData() or "asserted",
        )
