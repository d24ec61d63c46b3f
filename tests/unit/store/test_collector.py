"""A long document's facts are built without collector passes and kept out of later ones."""

from __future__ import annotations

import gc

from broadsheet.store.codec import LONG_TEXT, paused_for


def test_a_long_text_pauses_the_collector_then_freezes_what_was_built():
    gc.unfreeze()
    assert gc.isenabled()
    with paused_for(LONG_TEXT):
        assert not gc.isenabled()
        built = [{"i": i} for i in range(1000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() > len(built)
    gc.unfreeze()


def test_a_short_text_changes_nothing():
    gc.unfreeze()
    with paused_for(LONG_TEXT - 1):
        assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_the_collector_comes_back_after_an_error():
    gc.unfreeze()
    try:
        with paused_for(LONG_TEXT):
            raise ValueError("a failed read")
    except ValueError:
        pass
    assert gc.isenabled()
    gc.unfreeze()
