"""Typed settings: defaults, a round trip through the file, a wrong type read as the default."""

import pytest
from PySide6.QtCore import QByteArray, QSettings

from broadsheet.ui import settings as keys
from broadsheet.ui.article_view import LAYERS


@pytest.fixture
def ini(tmp_path):
    def make():
        return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)

    return make


def test_every_setting_has_its_default_in_an_empty_file(ini):
    s = ini()
    assert keys.ZOOM.get(s) == 0
    assert keys.THEME.get(s) == "system"
    assert keys.LAYERS_SHOWN.get(s) == frozenset(LAYERS)
    assert keys.GEOMETRY.get(s).isEmpty() and keys.STATE.get(s).isEmpty()
    assert keys.EXPORT_FOLDER.get(s) == ""
    assert keys.TEAM_LIBRARY.get(s) == ""  # the desktop library
    assert set(keys.REGISTRY) == {
        "window/geometry",
        "window/state",
        "view/layers",
        "view/zoom",
        "view/theme",
        "export/folder",
        "library/team",
    }


def test_values_survive_a_round_trip_through_the_file(ini):
    s = ini()
    keys.ZOOM.set(s, -3)
    keys.THEME.set(s, "dark")
    keys.LAYERS_SHOWN.set(s, frozenset({"person", "claims"}))
    keys.GEOMETRY.set(s, QByteArray(b"\x01\x02geometry"))
    keys.EXPORT_FOLDER.set(s, "/home/ann/Stories, 2023")
    s.sync()
    again = ini()
    assert keys.ZOOM.get(again) == -3
    assert keys.THEME.get(again) == "dark"
    assert keys.LAYERS_SHOWN.get(again) == {"person", "claims"}
    assert bytes(keys.GEOMETRY.get(again).data()) == b"\x01\x02geometry"
    assert keys.EXPORT_FOLDER.get(again) == "/home/ann/Stories, 2023"


def test_no_layers_is_a_choice_not_a_missing_value(ini):
    s = ini()
    keys.LAYERS_SHOWN.set(s, frozenset())
    s.sync()
    assert keys.LAYERS_SHOWN.get(ini()) == frozenset()


@pytest.mark.parametrize(
    ("setting", "raw"),
    [
        (keys.ZOOM, "large"),  # not a number
        (keys.ZOOM, ["1", "2"]),  # a list, as "1, 2" reads from an INI file
        (keys.THEME, ["dark", "light"]),
        (keys.THEME, "purple"),  # not one of the choices
        (keys.GEOMETRY, "not bytes"),
        (keys.LAYERS_SHOWN, QByteArray(b"person")),
    ],
)
def test_a_wrong_type_in_the_file_reads_as_the_default(ini, setting, raw):
    s = ini()
    s.setValue(setting.key, raw)
    s.sync()
    assert setting.get(ini()) == setting.default


def test_a_hand_edited_file_with_bad_values_still_opens_the_window(qtbot, tmp_path):
    from broadsheet.ui.app import create_window

    (tmp_path / "settings.ini").write_text(
        "[view]\nzoom=huge\ntheme=1, 2\nlayers=@ByteArray(person)\n[window]\ngeometry=garbage\n",
        encoding="utf-8",
    )
    w = create_window(tmp_path, open_library=False)
    qtbot.addWidget(w)
    assert w.view.zoom == 0 and w.theme == "system"
    assert w.view.layers == set(LAYERS)
    w._pool.waitForDone(10_000)
