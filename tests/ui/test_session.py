"""The document session: requests and their staleness, corrections, stepping through mentions."""

import threading
from types import SimpleNamespace

import pytest

from broadsheet import corrections as corr
from broadsheet.facts import Entity, Facts, Mention
from broadsheet.ui.session import DocumentSession
from broadsheet.ui.workers import NOT_IN_LIBRARY


def _facts(text: str, name: str = "") -> Facts:
    ents = []
    if name:
        at = [i for i in range(len(text)) if text.startswith(name, i)]
        ents = [
            Entity("e1", "person", name, mentions=[Mention(i, i + len(name), name) for i in at])
        ]
    return Facts(text=text, path=f"/nowhere/{text[:5]}.txt", title=text[:5], entities=ents)


class GatedLibrary:
    """A library whose ``newest_facts`` waits until its document's gate is opened, and notes
    the thread it was called on."""

    def __init__(self, *docs: Facts) -> None:
        self.docs = {f.sha256: f for f in docs}
        self.gates = {f.sha256: threading.Event() for f in docs}
        self.threads: list[threading.Thread] = []

    def newest_facts(self, sha256: str) -> Facts | None:
        self.threads.append(threading.current_thread())
        gate = self.gates.get(sha256)
        if gate is not None:
            gate.wait(10)
        return self.docs.get(sha256)

    def corrections(self, _sha256: str) -> list:
        return []

    def position(self, _sha256: str) -> int | None:
        return None


@pytest.fixture
def session():
    made = []

    def make(library):
        s = DocumentSession(SimpleNamespace(library=library))
        made.append(s)
        return s

    yield make
    for s in made:
        for gate in getattr(s.library, "gates", {}).values():
            gate.set()
        s.pool.waitForDone(10_000)


def test_an_older_reply_arriving_after_a_newer_one_is_dropped(qtbot, session):
    a, b = _facts("Alpha said so."), _facts("Beta said so.")
    lib = GatedLibrary(a, b)
    s = session(lib)
    opened = []
    s.opened.connect(lambda request, facts, _lib: opened.append((request.id, facts)))
    first = s.open_document(a.sha256)
    second = s.open_document(b.sha256)
    assert second > first and s.is_current(second) and not s.is_current(first)
    lib.gates[b.sha256].set()  # the newer reply comes first…
    qtbot.waitUntil(lambda: bool(opened), timeout=5000)
    lib.gates[a.sha256].set()  # …the older one after it
    qtbot.waitUntil(lambda: not s.jobs, timeout=5000)  # both replies have been handled
    assert opened == [(second, b)]
    assert s.raw_facts is None  # the session shows nothing until the window says so


def test_the_newest_reply_is_taken_whichever_order_they_come_in(qtbot, session):
    a, b = _facts("Alpha said so."), _facts("Beta said so.")
    lib = GatedLibrary(a, b)
    s = session(lib)
    opened = []
    s.opened.connect(lambda request, facts, _lib: opened.append((request.id, facts)))
    s.open_document(a.sha256)
    second = s.open_document(b.sha256)
    lib.gates[a.sha256].set()
    qtbot.waitUntil(lambda: len(s.jobs) == 1, timeout=5000)
    assert opened == []  # the older document came back first: dropped
    lib.gates[b.sha256].set()
    qtbot.waitUntil(lambda: bool(opened), timeout=5000)
    assert opened == [(second, b)]


def test_a_library_document_is_read_off_the_gui_thread(qtbot, session):
    a = _facts("Alpha said so.")
    lib = GatedLibrary(a)
    lib.gates[a.sha256].set()
    s = session(lib)
    with qtbot.waitSignal(s.opened, timeout=5000) as blocker:
        s.open_document(a.sha256)
    request, facts, from_library = blocker.args
    assert facts is a and from_library and request.from_library_row
    assert lib.threads and threading.main_thread() not in lib.threads


def test_a_document_gone_from_the_library_fails_with_a_sentence(qtbot, session):
    s = session(GatedLibrary())
    with qtbot.waitSignal(s.failed, timeout=5000) as blocker:
        s.open_document("0" * 64)
    assert blocker.args[1] == NOT_IN_LIBRARY
    qtbot.waitUntil(lambda: not s.jobs, timeout=5000)


def test_idle_once_the_last_request_is_answered(qtbot, session):
    a = _facts("Alpha said so.")
    lib = GatedLibrary(a)
    s = session(lib)
    s.open_document(a.sha256)
    with qtbot.waitSignal(s.idle, timeout=5000):
        lib.gates[a.sha256].set()
    assert not s.jobs and not s.requests


def test_corrections_are_undoable_and_kept_in_memory_without_a_library(qtbot, session):
    s = session(None)
    f = _facts("Olaf Scholz spoke. Scholz left.", "Olaf Scholz")
    assert s.show(f) is True
    assert s.apply_corrections().entities[0].name == "Olaf Scholz"
    with qtbot.waitSignal(s.changed, timeout=1000):
        s.apply_correction(corr.rename(f.entities[0], "Chancellor Scholz"))
    assert s.apply_corrections().entities[0].name == "Chancellor Scholz"
    s.undo_stack.undo()
    assert s.apply_corrections().entities[0].name == "Olaf Scholz"
    s.undo_stack.redo()
    assert s.facts is not None and s.apply_corrections().entities[0].name == "Chancellor Scholz"
    assert s.show(f) is False and s.undo_stack.count() == 1  # the same document: history kept
    assert s.show(_facts("Another text.")) is True and s.undo_stack.count() == 0


def test_stepping_through_mentions_wraps_around(session):
    s = session(None)
    s.show(_facts("Kim met Putin. Kim left. Kim slept.", "Kim"))
    s.apply_corrections()
    assert s.step_mention(1) is None  # nothing chosen yet
    ent = s.select_entity("e1")
    assert ent is not None and s.nav == ("e1", 0)
    assert [s.step_mention(1)[1] for _ in range(3)] == [1, 2, 0]
    assert s.step_mention(-1)[1] == 2
    assert s.select_entity("") is None and s.nav is None


def test_a_text_is_handed_over_before_its_facts_and_an_older_ones_is_dropped(qtbot, tmp_path):
    paths = []
    for name in ("a", "b"):
        p = tmp_path / f"{name}.txt"
        p.write_text(f"Text {name} is read before it is analysed.", encoding="utf-8")
        paths.append(p)
    gate = threading.Event()

    def analyse(articles, progress=None, cancel=None):
        gate.wait(10)
        return [Facts(text=a.text, path=a.path, title=a.title) for a in articles]

    analyzer = SimpleNamespace(
        library=None, loaded=True, model="m", cached=lambda _a: None, analyse_articles=analyse
    )
    s = DocumentSession(analyzer)
    events = []
    s.reading.connect(lambda r, f: events.append(("read", r.id, f.text[:6], f.entities)))
    s.opened.connect(lambda r, f, _lib: events.append(("opened", r.id, f.text[:6], [])))
    try:
        s.open_path(paths[0])
        newest = s.open_path(paths[1])  # asked before any reply: the first one's are stale
        qtbot.waitUntil(lambda: len(events) == 1, timeout=10_000)
        assert events == [("read", newest, "Text b", [])]  # facts not made yet
    finally:
        gate.set()
    with qtbot.waitSignal(s.idle, timeout=10_000):
        pass
    assert events[1:] == [("opened", newest, "Text b", [])]
    s.pool.waitForDone(10_000)
