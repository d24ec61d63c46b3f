"""The gazetteer is kept in the cache folder: the same data comes back, and a damaged or
foreign cache file is rebuilt instead of failing the analysis."""

from __future__ import annotations

import pytest

from broadsheet.nlp import gazetteer as gz


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("BROADSHEET_HOME", str(tmp_path))
    gz.gazetteer.cache_clear()
    yield tmp_path
    gz.gazetteer.cache_clear()


def test_first_use_writes_the_cache_and_the_next_reads_the_same_data(cache_home):
    built = gz.gazetteer()
    path = gz._cache_file()
    assert path.parent == cache_home / "cache" and path.exists()
    gz.gazetteer.cache_clear()
    assert gz.gazetteer() == built == gz.build_gazetteer()
    assert "vladivostok" in built.places and gz.country_key("dprk") == "north korea"


@pytest.mark.parametrize("content", [b"", b"not a pickle", b"\x80\x04N."])  # the last: None
def test_a_damaged_cache_is_rebuilt(cache_home, content):
    path = gz._cache_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    assert gz.gazetteer() == gz.build_gazetteer()
    assert path.stat().st_size > 1000  # written afresh


def test_an_unwritable_cache_folder_only_costs_time(cache_home):
    (cache_home / "cache").write_text("a file where the folder should be")
    assert gz.is_place("vladivostok")
