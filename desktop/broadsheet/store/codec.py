"""The facts JSON: ``load_facts`` and ``dump_facts``, kind to the window's thread however long the
document.

One ``json.loads`` or ``json.dumps`` is one call into C that holds the GIL throughout: for the
facts of a 1 MB article (several MB of JSON) that is 60–100 ms in which the window's thread cannot
run, however idle the reading thread is otherwise. Here the top-level object's arrays (entities,
claims) are parsed and written one element per call, so other threads run in between. The text
is the same JSON either way (``dumps`` matches ``json.dumps(value, ensure_ascii=False)``).

The collector is kept off a long document's facts too (``paused_for``). They are a few hundred
thousand small objects; built in a worker thread, they set off collector passes there, and a pass
holds the GIL: the window froze for 90–150 ms at a time. The facts hold no reference cycles
(plain dataclasses, lists, dicts, strings), so nothing is lost by not scanning them: reference
counting frees them when the document goes.
"""

from __future__ import annotations

import gc
import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from ..facts import Facts

_DECODER = json.JSONDecoder()
# Reads one JSON value at an index; set by ``JSONDecoder.__init__``, absent from its stubs.
_SCAN: Callable[[str, int], tuple[Any, int]] = vars(_DECODER)["scan_once"]
_SPACE = re.compile(r"[ \t\n\r]*")
# It matches the empty string too: never None.
_SKIP = cast(Callable[[str, int], re.Match[str]], _SPACE.match)


def loads(text: str) -> Any:
    """``json.loads(text)``, with the arrays of a top-level object read element by element."""
    try:
        return _loads_object(text)
    except (StopIteration, IndexError, ValueError):
        return json.loads(text)  # not the expected shape, or invalid: the usual error


def _loads_object(s: str) -> Any:
    scan, skip = _SCAN, _SKIP
    i = skip(s, 0).end()
    if s[i] != "{":
        raise ValueError("not an object")
    out: dict[str, Any] = {}
    i = skip(s, i + 1).end()
    if s[i] == "}":
        return _end(s, i + 1, out)
    while True:
        key, i = scan(s, i)
        if not isinstance(key, str):
            raise ValueError("a key that is not a string")
        i = skip(s, i).end()
        if s[i] != ":":
            raise ValueError("':' expected")
        i = skip(s, i + 1).end()
        if s[i] == "[":
            value: Any = []
            i = skip(s, i + 1).end()
            if s[i] == "]":
                i += 1
            else:
                while True:
                    item, i = scan(s, i)
                    value.append(item)
                    i = skip(s, i).end()
                    sep, i = s[i], skip(s, i + 1).end()
                    if sep == "]":
                        break
                    if sep != ",":
                        raise ValueError("',' or ']' expected")
        else:
            value, i = scan(s, i)
        out[key] = value
        i = skip(s, i).end()
        sep, i = s[i], i + 1
        if sep == "}":
            return _end(s, i, out)
        if sep != ",":
            raise ValueError("',' or '}' expected")
        i = skip(s, i).end()


def _end(s: str, i: int, out: dict[str, Any]) -> dict[str, Any]:
    if _SKIP(s, i).end() != len(s):
        raise ValueError("extra data after the object")
    return out


def dumps(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False)``, a top-level object's arrays element by element."""
    if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
        return json.dumps(value, ensure_ascii=False)  # json's own rules for other keys
    parts = []
    for key, v in value.items():
        name = json.dumps(key, ensure_ascii=False)
        if isinstance(v, list):
            parts.append(f"{name}: [{', '.join(json.dumps(i, ensure_ascii=False) for i in v)}]")
        else:
            parts.append(f"{name}: {json.dumps(v, ensure_ascii=False)}")
    return "{" + ", ".join(parts) + "}"


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


def load_facts(text: str, chars: int) -> Facts:
    """Facts from their JSON; ``chars``: the length of their document's text (a long one's
    facts are built a piece at a time, out of the collector's way)."""
    from ..facts import Facts

    with paused_for(chars):
        return Facts.from_json(loads(text))


def dump_facts(facts: Facts) -> str:
    """The facts as JSON text (``Facts.to_json()``), written a piece at a time."""
    with paused_for(len(facts.text)):
        return dumps(facts.to_json())
