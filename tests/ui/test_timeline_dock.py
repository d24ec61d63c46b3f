"""The Timeline dock: the library's claims by or about the selected entity, in time order."""

from datetime import date

import pytest

from broadsheet.across import ABOUT, BY
from broadsheet.ui.timeline_panel import SAID_ROLE, day_of

ARTICLES = {
    "visit.txt": ("Vladimir Putin said that Kim Jong Un would visit Moscow.", "2023-09-12"),
    "summit.txt": (
        "The Kremlin said on Monday that Vladimir Putin and Kim Jong Un met in Vladivostok.",
        "2023-09-14",
    ),
    "history.txt": (
        "In 1953, Kim Il Sung said that Vladimir Putin was not yet born.",
        "2023-09-15",
    ),
}


@pytest.fixture
def dated_library(library_of):
    return library_of(ARTICLES)


def test_the_timeline_puts_the_claims_in_the_order_said_and_opens_one(
    make_window, open_and_wait, qtbot, dated_library, tmp_path
):
    w = make_window(dated_library)
    facts = open_and_wait(w, tmp_path / "visit.txt")
    assert not w.timeline.isVisible()  # opened from View
    w.timeline.toggleViewAction().trigger()
    putin = next(e for e in facts.entities if e.name == "Vladimir Putin")
    w.select_entity(putin.id)
    got = [(s.date, s.role, s.title) for s in w.timeline.found]
    assert got == [
        ("1953", ABOUT, "History"),
        ("2023-09-11", ABOUT, "Summit"),
        ("2023-09-12", BY, "Visit"),
    ]
    assert len(w.timeline.dots) == 3 and w.timeline.list.topLevelItemCount() == 3
    xs = [d.pos().x() for d in sorted(w.timeline.dots, key=lambda d: d.index)]
    assert xs == sorted(xs) and xs[0] < xs[1] < xs[2]
    assert "1 claim by <b>Vladimir Putin</b>" in w.timeline.heading.text()
    row = w.timeline.list.topLevelItem(0)
    assert row.data(0, SAID_ROLE) == 0 and row.text(0) == "1953"
    # A claim of another document opens there.
    with qtbot.waitSignal(w.factsShown, timeout=60_000):
        w.timeline.open(1)
    assert w.facts.title == "Summit"
    claim = next(c for c in w.facts.claims if "met in Vladivostok" in c.content.text)
    assert (claim.content.start, claim.content.end) in w.view.highlighted_ranges()
    assert len(w.timeline.found) == 3  # still there for the next claim
    with qtbot.waitSignal(w.factsShown, timeout=60_000):
        w.timeline.open(2)  # back in the first document
    assert w.facts.title == "Visit"


def test_dates_of_any_precision_sit_at_their_first_day():
    assert day_of("1953") == date(1953, 1, 1)
    assert day_of("2023-09") == date(2023, 9, 1)
    assert day_of("2023-09-12") == date(2023, 9, 12)
    assert day_of("") is None and day_of("soon") is None
