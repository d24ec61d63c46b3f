"""The Map dock: the article's places on an offline world map; a marker selects its place."""

from PySide6.QtWidgets import QApplication

from broadsheet import geography


def test_the_places_of_the_article_are_on_the_map_and_a_marker_selects_one(
    make_window, open_and_wait, seeded_copy, sample_path
):
    w = make_window(seeded_copy)
    facts = open_and_wait(w, sample_path)
    w.map.toggleViewAction().trigger()
    QApplication.processEvents()
    places = {e.name for e in facts.entities_of("place")}
    assert {"Russia", "Moscow", "Pyongyang", "Washington"} <= set(w.map.markers)
    assert set(w.map.markers) | set(w.map.missing) == places
    assert all(geography.locate(n) is None for n in w.map.missing)
    moscow = w.map.markers["Moscow"].pos()
    lon, lat = geography.locate("Moscow")
    assert (round(moscow.x()), round(moscow.y())) == (round(lon * 2), round(-lat * 2))
    # More mentions, a bigger marker.
    assert w.map.markers["Russia"].rect().width() > w.map.markers["China"].rect().width()
    w.map.placeClicked.emit("Moscow")
    assert w.session.selected_entity().name == "Moscow"
    assert "on the map" in w.map.heading.text()


def test_the_map_of_every_document_naming_the_entity(
    make_window, open_and_wait, tmp_path, library_of
):
    folder = library_of(
        {
            "a.txt": "Vladimir Putin spoke in Moscow about Ukraine.",
            "b.txt": "Vladimir Putin flew from Moscow to Beijing.",
            "c.txt": "Heavy rain fell on Oslo.",
        }
    )
    w = make_window(folder)
    facts = open_and_wait(w, tmp_path / "a.txt")
    w.map.toggleViewAction().trigger()
    putin = next(e for e in facts.entities if e.name == "Vladimir Putin")
    w.select_entity(putin.id)
    assert "Beijing" not in w.map.markers
    w.map.everywhere.setChecked(True)
    assert {"Moscow", "Beijing", "Ukraine"} <= set(w.map.markers)
    assert "Oslo" not in w.map.markers  # a document that does not name him
    assert "2 documents" in w.map.markers["Moscow"].toolTip()
    assert "Places named with <b>Vladimir Putin</b>" in w.map.heading.text()
