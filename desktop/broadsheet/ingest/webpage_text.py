"""The body's text as the reader sees it: a paragraph per block, the headline not repeated.

trafilatura writes a line per block; the article view separates paragraphs by a blank line
(as the other readers do), keeping a list's items and a table's rows together.
"""

from __future__ import annotations

import re
from collections import Counter

from .webpage_tree import HtmlElement

_ITEM = re.compile(r"^(?:[-*•]\s|\|)")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def paragraphs(text: str) -> list[str]:
    """Blocks of the text: each line alone, but consecutive list items or table rows together."""
    out: list[str] = []
    lines = [" ".join(ln.split()) for ln in text.replace("\r\n", "\n").split("\n")]
    for line in lines:
        if not line:
            continue
        if out and _ITEM.match(line) and _ITEM.match(out[-1].rsplit("\n", 1)[-1]):
            out[-1] += "\n" + line
        else:
            out.append(line)
    return out


def key(text: str) -> str:
    """A paragraph's text for comparison: case, quotes, dashes and spacing aside."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.translate(_QUOTES).casefold()).split())


def drop_headline(paras: list[str], headlines: list[str]) -> list[str]:
    """The paragraphs without leading ones that repeat the headline (in any of its forms: the
    page's title, its Open Graph or JSON-LD headline, its first heading)."""
    keys = {key(h) for h in headlines if key(h)}
    # "Headline | Site" and "Headline - Site": the headline is the part before the separator
    for h in headlines:
        for part in re.split(r"\s[|\-–—:·•]\s", h):
            if len(key(part).split()) >= 3:
                keys.add(key(part))
    out = list(paras)
    for _ in range(2):  # a kicker or a date may come first, and then the headline
        if out and key(out[0]) in keys:
            out.pop(0)
        elif len(out) > 1 and key(out[1]) in keys and len(key(out[0]).split()) <= 4:
            out.pop(1)
    return out


def restore_repeats(paras: list[str], tree: HtmlElement) -> list[str]:
    """Paragraphs the page repeats side by side, as many times as it does: trafilatura keeps
    one copy of a repeated substantial paragraph, as it takes repeats for layout artefacts."""
    counts: Counter[str] = Counter()
    parents: dict[str, set[int]] = {}
    wanted = {key(p) for p in paras if len(p.split()) >= 20}
    if not wanted:
        return paras
    for el in tree.iter("p"):
        k = key(el.text_content())
        if k in wanted:
            counts[k] += 1
            parent = el.getparent()
            parents.setdefault(k, set()).add(id(parent))
    have = Counter(key(p) for p in paras)
    out: list[str] = []
    for p in paras:
        out.append(p)
        k = key(p)
        if counts[k] > have[k] and len(parents.get(k, ())) == 1:
            out.extend([p] * (counts[k] - have[k]))
            have[k] = counts[k]
    return out
