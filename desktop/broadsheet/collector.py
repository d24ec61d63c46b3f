"""Keeping Python's garbage collector off a long document's facts.

A 1 MB article's facts are a few hundred thousand small objects. Built in a worker thread, they
set off collector passes there, and a pass holds the GIL: the window froze for 90–150 ms at a
time. The facts hold no reference cycles (plain dataclasses, lists, dicts, strings), so nothing
is lost by not scanning them: reference counting frees them when the document goes.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

LONG_TEXT = 200_000  # characters: below this, a document's objects cost the collector little


@contextmanager
def paused_for(chars: int) -> Iterator[None]:
    """No collector passes while the facts of a text of ``chars`` characters are built; then
    they are moved out of the collector's reach (``gc.freeze``). Nothing at all for short texts.
    """
    if chars < LONG_TEXT:
        yield
        return
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
