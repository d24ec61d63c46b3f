"""Bytes to text: byte order marks, UTF-8, then detection of legacy encodings.

The text must never be silently mangled: a decoding is accepted only when it is certain (a BOM,
valid UTF-8) or when the detected text reads as text; anything else is refused with a message.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from .errors import ReadError

_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_NAMES = {"utf-8-sig": "UTF-8", "utf-32": "UTF-32", "utf-16": "UTF-16"}

# Characters beyond ASCII that a Western (Windows-1252) text has besides accented letters; not
# ¹ ³ ¿ ª and the like, which are Central European letters read with the wrong code page.
_WESTERN_PUNCTUATION = set("\u00a0«»‘’‚“”„–—…•€™°§©®·£±×")
# Characters that text does not hold: C0/C1 controls other than tab, line and page breaks, DEL,
# private use, lone surrogates (from undecodable bytes).
_ODD = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\ud800-\udfff]")
# Detectors name the language better than the code page: sibling code pages (cp1250, cp1252,
# cp1257) decode the same bytes with equal confidence but different letters ("ë" or "ė").
_WESTERN = {
    "English", "German", "French", "Spanish", "Portuguese", "Italian", "Dutch", "Danish",
    "Swedish", "Norwegian", "Finnish", "Catalan", "Indonesian", "Estonian",
}  # fmt: skip
_CENTRAL = {"Polish", "Czech", "Slovak", "Hungarian", "Croatian", "Slovene", "Romanian"}
MIN_COHERENCE = 0.05  # below it the "language" is noise: random bytes score 0.0
BINARY_MESSAGE = "it looks like a binary file, not a text article."


def decode(data: bytes, path: str) -> str:
    """Decode bytes as the text a reader expects, or raise ``ReadError`` saying why not."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as e:
                raise ReadError(path, f"the text is not valid {_NAMES[enc]} ({e.reason}).") from e
            return _checked(text, path)
    if b"\x00" in data:
        raise ReadError(path, BINARY_MESSAGE)
    try:
        return _checked(data.decode("utf-8"), path)
    except UnicodeDecodeError:
        pass
    guessed = _detected(data) or _western(data)
    if guessed is None:
        raise ReadError(
            path,
            "its text encoding could not be recognised (it may be a binary file); "
            "save it as UTF-8 and try again.",
        )
    return _checked(guessed, path)


def _checked(text: str, path: str) -> str:
    if looks_binary(text):
        raise ReadError(path, BINARY_MESSAGE)
    return text


def looks_binary(text: str) -> bool:
    """True when more than 1% of the characters are controls, private-use or lone surrogates."""
    sample = text[:1_000_000]  # enough to judge; a full scan of 50 MB would cost seconds
    odd = len(_ODD.findall(sample))
    return odd > max(1, len(sample) // 100)


def _western(data: bytes) -> str | None:
    """Windows-1252 (a superset of Latin-1's printable range) for texts too short to detect.

    Accepted only if its non-ASCII characters are accented Latin letters or common Western
    punctuation, and a minority of the letters (a Cyrillic text read as cp1252 is almost all
    accented letters).
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = accented = 0
    for c in text:
        if c.isalpha():
            letters += 1
        if ord(c) < 128:
            continue
        if c in _WESTERN_PUNCTUATION:
            continue
        if not c.isalpha() or not unicodedata.name(c, "").startswith("LATIN "):
            return None
        accented += 1
    return text if accented <= max(1, letters * 0.3) else None


def _detected(data: bytes) -> str | None:
    """charset-normalizer's reading, if it recognised a language in it (noise has none)."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.chaos > 0.1 or best.coherence < MIN_COHERENCE:
        return None
    for languages, codepage in ((_WESTERN, "cp1252"), (_CENTRAL, "cp1250")):
        if best.language in languages:
            try:
                return data.decode(codepage)
            except UnicodeDecodeError:
                break
    return str(best)
