"""Whether a hyphen at a line's end was the typesetter's word break or part of the word.

"Ex-" + "isting" is "Existing"; "well-" + "known" stays "well-known". The document's own use
decides first (the word, whole or hyphenated, elsewhere in its text); else the English word
frequencies shipped in the ``wordfreq`` wheel (nothing is fetched): the joined word must be about
as common as the two halves written with a hyphen.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import cache

log = logging.getLogger(__name__)

_WORD = re.compile(r"[^\W\d_]+(?:[-\u2010][^\W\d_]+)*")
_MARGIN = 0.6  # zipf points by which a joined word may be rarer than its hyphenated form


class Hyphens:
    """The decision for one document, from the words of its lines."""

    def __init__(self, lines: Iterable[str]) -> None:
        self.words: Counter[str] = Counter()
        for ln in lines:
            self.words.update(w.casefold().replace("\u2010", "-") for w in _WORD.findall(ln))

    def join(self, head: str, tail: str) -> bool:
        joined = (head + tail).casefold()
        hyphenated = f"{head}-{tail}".casefold()
        whole, split = self.words[joined], self.words[hyphenated]
        if whole != split:
            return whole > split
        zipf = _frequencies()
        if zipf is None:
            return True
        return zipf(joined) >= zipf(hyphenated) - _MARGIN


@cache
def _frequencies() -> Callable[[str], float] | None:
    try:
        from wordfreq import zipf_frequency

        zipf_frequency("the", "en")  # loads the list: a bundle may lack its data file
    except Exception:  # no word list: the document's evidence alone decides
        log.warning("no English word frequencies; line-end hyphens joined by the text alone")
        return None
    return lambda word: float(zipf_frequency(word, "en"))
