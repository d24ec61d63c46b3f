"""Every menu action in one table: its id, text, shortcut, the window method it calls, whether it
is checkable, and the menu it sits in. The menus and Help ▸ Keyboard Shortcuts are built from it,
so a shortcut is declared once and the help never drifts from the menus.

Rows are in menu order. ``kind`` says what a row makes:

- ``action``: a ``QAction`` calling ``handler()``, or ``handler(data)`` when ``data`` is set.
  A checkable action in an exclusive ``group`` acts when chosen; another checkable action acts
  whenever it is toggled (also when the window sets it).
- ``menu``: a submenu titled ``text``; its path is ``menu ▸ text`` (without the ``&``), and
  ``handler``, if any, fills it just before it is shown.
- ``slot``: the actions ``handler()`` returns go here (the docks' own show/hide actions).

``make`` names a window method ``make(parent, text) -> QAction`` for an action the window makes
itself (Undo and Redo come from the undo stack, which keeps their texts and states current).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar

from .article_view import LAYERS
from .colors import LAYER_LABELS
from .theme import THEMES

SK = QKeySequence.StandardKey


@dataclass(frozen=True)
class AllOf:
    """Every binding of a standard key on this platform, not only its first."""

    key: QKeySequence.StandardKey


Key = str | QKeySequence.StandardKey | AllOf  # "Ctrl+0"; a standard key's first binding; all


@dataclass(frozen=True)
class ActionDef:
    id: str
    text: str
    menu: str  # the menu path it sits in: "File", "File ▸ Export"
    handler: str = ""  # the name of the window method it calls
    shortcuts: tuple[Key, ...] = ()
    checkable: bool = False
    checked: bool = False
    group: str = ""  # an exclusive group: one of its actions is checked
    data: object = None  # passed to the handler; also the action's ``data()``
    separator: bool = False  # a separator before it
    kind: Literal["action", "menu", "slot"] = "action"
    make: str = ""

    @property
    def path(self) -> str:
        """Where the help lists it: "Edit ▸ Undo"."""
        return f"{self.menu} ▸ {plain(self.text)}"


# The top-level menus, in order: (the name rows use, the title with its mnemonic).
MENUS = (("File", "&File"), ("Edit", "&Edit"), ("View", "&View"), ("Go", "&Go"), ("Help", "&Help"))
EXPORTS = (
    ("json", "JSON (the facts)", "JSON (*.json)"),
    ("csv", "CSV (entities; claims)", "CSV (*.csv)"),
    ("md", "Markdown dossier", "Markdown (*.md)"),
    ("graphml", "Network (GraphML, for Gephi)", "GraphML (*.graphml)"),
    ("gexf", "Network (GEXF, for Gephi)", "GEXF (*.gexf)"),
)
PANEL_KEYS = (
    ("person", "People"),
    ("place", "Places"),
    ("organisation", "Organisations"),
    ("claims", "Claims"),
    ("corrections", "Corrections"),
)
# Keys the find bar handles itself (not actions), listed in the help after the menus' ones.
FIND_BAR_KEYS = (
    ("Enter / Shift+Enter", "Find bar ▸ Next / previous match"),
    ("Esc", "Find bar ▸ Close"),
)
# And the keys of a panel's list, which act on its selected row.
LIST_KEYS = (("Del", "Library panel ▸ Remove from Library…"),)

ACTIONS: tuple[ActionDef, ...] = (
    ActionDef("open", "&Open…", "File", "choose_file", (SK.Open,)),
    ActionDef("recent", "Open &Recent", "File", "_fill_recent", kind="menu"),
    ActionDef(
        "connect", "Connect to &Team Library…", "File", "connect_team_library", separator=True
    ),
    ActionDef("desktop_library", "Use the &Desktop Library", "File", "use_desktop_library"),
    ActionDef("export", "&Export", "File", kind="menu"),
    *(
        ActionDef(f"export_{fmt}", f"{label}…", "File ▸ Export", "export", data=fmt)
        for fmt, label, _ in EXPORTS
    ),
    ActionDef("quit", "&Quit", "File", "close", (SK.Quit,), separator=True),
    ActionDef("undo", "&Undo", "Edit", shortcuts=(SK.Undo,), make="make_undo_action"),
    ActionDef(
        "redo", "&Redo", "Edit", shortcuts=("Ctrl+Shift+Z", AllOf(SK.Redo)), make="make_redo_action"
    ),
    ActionDef(
        "copy_quotation",
        "Copy Claim as &Quotation",
        "Edit",
        "copy_quotation",
        ("Ctrl+Shift+C",),
        separator=True,
    ),
    ActionDef(
        "add_claim",
        "&Add Claim from Selection…",
        "Edit",
        "add_claim_from_selection",
        ("Ctrl+Shift+A",),
    ),
    ActionDef("find", "&Find…", "Edit", "open_find_bar", (SK.Find,), separator=True),
    ActionDef("panels", "", "View", "dock_toggle_actions", kind="slot"),
    ActionDef("highlights", "&Highlights", "View", kind="menu", separator=True),
    *(
        ActionDef(
            f"layer_{layer}",
            LAYER_LABELS[layer],
            "View ▸ Highlights",
            "_layers_changed",
            checkable=True,
            checked=True,
            data=None,
        )
        for layer in LAYERS
    ),
    ActionDef("zoom_in", "Zoom &In", "View", "zoom_in", (SK.ZoomIn, "Ctrl+="), separator=True),
    ActionDef("zoom_out", "Zoom &Out", "View", "zoom_out", (SK.ZoomOut,)),
    ActionDef("zoom_reset", "&Actual Size", "View", "zoom_reset", ("Ctrl+0",)),
    ActionDef("theme", "&Theme", "View", kind="menu"),
    *(
        ActionDef(
            f"theme_{key}",
            label,
            "View ▸ Theme",
            "set_theme",
            checkable=True,
            group="theme",
            data=key,
        )
        for label, key in THEMES
    ),
    ActionDef("reset_layout", "Reset &Layout", "View", "reset_layout", separator=True),
    ActionDef("back", "&Back", "Go", "go_back", ("Alt+Left", "Back")),
    ActionDef("forward", "&Forward", "Go", "go_forward", ("Alt+Right", "Forward")),
    ActionDef(
        "next_mention", "&Next Mention", "Go", "step_mention", ("F3",), data=1, separator=True
    ),
    ActionDef(
        "previous_mention", "&Previous Mention", "Go", "step_mention", ("Shift+F3",), data=-1
    ),
    *(
        ActionDef(
            f"focus_{name}",
            f"{title} Panel",
            "Go",
            "focus_panel",
            (f"Ctrl+{i}",),
            data=name,
            separator=i == 1,
        )
        for i, (name, title) in enumerate(PANEL_KEYS, 1)
    ),
    ActionDef("shortcuts", "&Keyboard Shortcuts", "Help", "_shortcuts", (SK.HelpContents,)),
    ActionDef("about", "&About Broadsheet", "Help", "_about"),
)


def plain(text: str) -> str:
    """A menu text without its mnemonic marks."""
    return text.replace("&", "")


def key_sequences(keys: Iterable[Key]) -> list[QKeySequence]:
    """The key sequences of a row, in order, without repeats or empty ones (a standard key
    this platform does not bind)."""
    out: list[QKeySequence] = []
    for key in keys:
        if isinstance(key, AllOf):
            seqs = QKeySequence.keyBindings(key.key)
        else:
            seqs = [QKeySequence(key)]
        out += [s for s in seqs if not s.isEmpty() and s not in out]
    return out


def shortcuts(defs: Iterable[ActionDef] = ACTIONS) -> list[tuple[str, str]]:
    """(shortcut, where) for every row with a shortcut, in menu order, then the find bar's and
    the lists'."""
    out = []
    for d in defs:
        names = [
            k.toString(QKeySequence.SequenceFormat.NativeText) for k in key_sequences(d.shortcuts)
        ]
        typed = [n for n in names if _typed(n)]
        if typed:
            out.append((", ".join(typed), d.path))
    return [*out, *FIND_BAR_KEYS, *LIST_KEYS]


def _typed(name: str) -> bool:
    """A combination of ordinary keys, or a function key; not a dedicated key ("Redo", "Copy"
    on some keyboards), which still works but is not what a reader looks up."""
    return "+" in name or len(name) <= 3


class Actions:
    """The menus built from the table onto a menu bar: ``action[id]``, ``menu[id]`` (a
    submenu) and ``group[name]``, calling the methods of ``target``."""

    def __init__(self, target: QObject, bar: QMenuBar, defs: Iterable[ActionDef] = ACTIONS) -> None:
        self.target = target
        self.action: dict[str, QAction] = {}
        self.menu: dict[str, QMenu] = {}
        self.group: dict[str, QActionGroup] = {}
        self._paths: dict[str, QMenu] = {}
        for name, title in MENUS:
            self._paths[name] = bar.addMenu(title)
        for d in defs:
            self._add(d)

    def _handler(self, d: ActionDef) -> Callable[[], object]:
        fn = getattr(self.target, d.handler)
        if d.data is None:
            return fn
        return lambda: fn(d.data)

    def _add(self, d: ActionDef) -> None:
        parent = self._paths[d.menu]
        if d.separator:
            parent.addSeparator()
        if d.kind == "menu":
            sub = parent.addMenu(d.text)
            self._paths[f"{d.menu} ▸ {plain(d.text)}"] = self.menu[d.id] = sub
            if d.handler:
                sub.aboutToShow.connect(self._handler(d))
            return
        if d.kind == "slot":
            for act in getattr(self.target, d.handler)():
                parent.addAction(act)
            return
        if d.make:
            act = getattr(self.target, d.make)(self.target, d.text)
        else:
            act = QAction(d.text, self.target)
            act.setCheckable(d.checkable)
            act.setChecked(d.checked)
            if d.data is not None:
                act.setData(d.data)
            fn = self._handler(d)
            if d.checkable and not d.group:
                act.toggled.connect(lambda _checked, fn=fn: fn())
            else:
                act.triggered.connect(lambda _checked=False, fn=fn: fn())
            if d.group:
                group = self.group.get(d.group)
                if group is None:
                    group = self.group[d.group] = QActionGroup(self.target)
                group.addAction(act)
        act.setObjectName(f"action-{d.id}")
        keys = key_sequences(d.shortcuts)
        if keys:
            act.setShortcuts(keys)
        parent.addAction(act)
        self.action[d.id] = act
