"""Where places are, offline: country outlines and coordinates from installed packages."""

import pytest

from broadsheet import geography


def test_every_country_has_an_outline_and_a_label_point_inside_the_world():
    countries = geography.countries()
    assert len(countries) >= 240
    for c in countries:
        assert c.rings and all(len(r) >= 3 for r in c.rings), c.name
        lon, lat = c.centre
        assert -180 <= lon <= 180 and -90 <= lat <= 90, c.name
    # Thinned to what a dock shows: a few hundred thousand points would slow every repaint.
    assert sum(len(r) for c in countries for r in c.rings) < 150_000


@pytest.mark.parametrize(
    ("name", "lon", "lat"),
    [
        ("Russia", 100, 62),  # a country: the middle of its largest part
        ("Russian Federation", 100, 62),
        ("U.S.", -93, 38),  # another name of a country, as the gazetteer knows it
        ("Britain", -3, 54),
        ("Moscow", 37.6, 55.8),  # a city: the most populous of that name
        ("Washington", -77.0, 38.9),  # the capital, not the town in England
        ("Singapore", 103.8, 1.35),  # a small country keeps its outline
    ],
)
def test_places_are_found_by_name(name, lon, lat):
    where = geography.locate(name)
    assert where is not None
    assert abs(where[0] - lon) < 3 and abs(where[1] - lat) < 3


@pytest.mark.parametrize("name", ["the far east", "Main Street", "Nowhere Land"])
def test_a_region_or_a_street_is_not_on_the_map(name):
    assert geography.locate(name) is None


def test_without_the_outlines_package_the_reason_is_given(monkeypatch):
    monkeypatch.setattr(geography.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(geography.NoOutlines, match="not installed"):
        geography.shapes_zip()
