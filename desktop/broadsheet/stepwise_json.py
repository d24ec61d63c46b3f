"""JSON for a long document's facts, read and written a piece at a time.

One ``json.loads`` or ``json.dumps`` is one call into C that holds the GIL throughout: for the
facts of a 1 MB article (several MB of JSON) that is 60–100 ms in which the window's thread cannot
run, however idle the reading thread is otherwise. Here the top-level object's arrays (entities,
claims) are parsed and written one element per call, so other threads run in between. The text
is the same JSON either way (``dumps`` matches ``json.dumps(value, ensure_ascii=False)``).
"""

from __future__ import annotations

import json
import re
from typing import Any

_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\n\r]*")


def loads(text: str) -> Any:
    """``json.loads(text)``, with the arrays of a top-level object read element by element."""
    try:
        return _loads_object(text)
    except (StopIteration, IndexError, ValueError):
        return json.loads(text)  # not the expected shape, or invalid: the usual error


def _loads_object(s: str) -> Any:
    scan, skip = _DECODER.scan_once, _SPACE.match
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
    if _SPACE.match(s, i).end() != len(s):
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
