"""Passes that find attribution candidates in a parsed ``Doc``; ``claims.py`` turns them into facts.

One module per construction: cue verbs (``verbs``), "according to" (``according``), cue nouns
(``nouns``), sourceless adverbs (``sourceless``), quotations no cue claimed and "Speaker: words"
lines (``direct_quotes``); ``spans`` and ``quotations`` hold what they share.

Contents are generous on purpose: a clausal complement keeps its "that", a quotation keeps its
marks, and a complement that touches a quotation is stretched to the whole quotation, because a
reader (and an attribution corpus) takes the quoted words as what was said.
"""

from __future__ import annotations

from spacy.tokens import Doc

from .. import cues
from .according import according_claims
from .direct_quotes import colon_claims, quote_claims
from .nouns import noun_claims
from .quotations import QuoteIndex, in_closed_quote
from .sourceless import adverb_claims
from .spans import Candidate
from .verbs import verb_claims


def find_candidates(doc: Doc, cue_verbs: frozenset[str] = cues.CUE_VERBS) -> list[Candidate]:
    """Every construction's candidates, one per cue and content; ``cue_verbs``: the verbs
    (lemmas) that introduce what somebody said or believes."""
    qi = QuoteIndex(doc)
    found = verb_claims(doc, qi, cue_verbs)
    found += according_claims(doc, qi)
    found += noun_claims(doc, qi)
    found += adverb_claims(doc, qi)
    # What a quotation itself attributes belongs to its speaker's words, not a claim of its own.
    found = [c for c in found if not in_closed_quote(qi, doc[c.anchor].idx)]
    found += colon_claims(doc, qi)
    found = _dedupe(found)
    found += quote_claims(doc, qi, found, cue_verbs)
    found.sort(key=lambda c: (c.content_start, c.anchor))
    return _dedupe(found)


def _dedupe(cands: list[Candidate]) -> list[Candidate]:
    """One claim per cue and per content span; with a source beats without."""
    out: list[Candidate] = []
    seen_anchor: set[int] = set()
    by_content: dict[tuple[int, int], Candidate] = {}
    for c in sorted(cands, key=lambda c: (c.source is None, c.anchor)):
        if c.anchor in seen_anchor:
            continue
        key = (c.content_start, c.content_end)
        if key in by_content:
            continue
        seen_anchor.add(c.anchor)
        by_content[key] = c
        out.append(c)
    out.sort(key=lambda c: (c.content_start, c.anchor))
    return out


__all__ = ["Candidate", "find_candidates"]
