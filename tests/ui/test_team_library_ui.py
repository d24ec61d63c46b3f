"""File ▸ Connect to Team Library…: the window on a PostgreSQL library, kept for the next start
without its password; back to the desktop library; an unreachable one said in one sentence."""

from broadsheet.store.library import Library
from broadsheet.ui import settings as keys
from broadsheet.ui.app import attach_library, create_window
from broadsheet.ui.team_library import problem, without_password


def test_a_password_is_never_kept_and_a_folder_is_no_team_library():
    assert without_password("postgresql://ann:s3cret@db.example:5433/news") == (
        "postgresql://ann@db.example:5433/news"
    )
    assert without_password("postgresql://ann@db/news?sslmode=require") == (
        "postgresql://ann@db/news?sslmode=require"
    )
    assert problem("postgresql://ann@db/news") == ""
    assert "postgresql://" in problem("/home/ann/library")
    assert problem("  ")


def test_connecting_uses_the_team_library_now_and_at_the_next_start(
    make_window, open_and_wait, qtbot, pg_url, seeded_copy, sample_path, sample_facts
):
    team = Library(pg_url)
    team.put(sample_facts)
    team.close()
    w = make_window(seeded_copy)
    desktop = w.library
    back = w.action_table.action["desktop_library"]
    assert not back.isEnabled()  # already on it
    user, rest = pg_url.split("://", 1)[1].split("@", 1)
    with_password = f"postgresql://{user}:not-kept@{rest}"
    assert w.connect_team_library(with_password)
    assert w.library is not desktop and w.library.location.startswith("postgresql://")
    assert keys.TEAM_LIBRARY.get(w.settings) == pg_url  # the password left out
    assert back.isEnabled()
    assert "~/.pgpass" in w.statusBar().currentMessage()
    assert [d.sha256 for d in w.library.documents()] == [sample_facts.sha256]
    # The next start connects to it again (no --library given).
    again = create_window(seeded_copy, open_library=False)
    qtbot.addWidget(again)
    attach_library(again, None)
    assert again.library.location.startswith("postgresql://")
    again.library.close()
    # Back to the desktop library, also for the next start.
    assert w.use_desktop_library()
    assert not w.library.location.startswith("postgresql://")
    assert keys.TEAM_LIBRARY.get(w.settings) == ""


def test_an_unreachable_team_library_is_said_and_the_window_keeps_its_own(
    make_window, seeded_copy, monkeypatch
):
    w = make_window(seeded_copy)
    before = w.library
    shown = []
    monkeypatch.setattr(w, "show_error", lambda title, text: shown.append((title, text)))
    assert not w.connect_team_library("postgresql://nobody@127.0.0.1:1/none")
    assert w.library is before and shown and len(shown[0][1].splitlines()) == 1
    assert keys.TEAM_LIBRARY.get(w.settings) == ""
    assert not w.connect_team_library("/tmp/a-folder")
    assert "postgresql://" in shown[-1][1]
