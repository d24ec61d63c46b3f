"""Claims attributed to nobody by an adverb: "Kim reportedly asked …"."""

from __future__ import annotations

from spacy.tokens import Doc

from .. import cues
from .quotations import QuoteIndex, widen
from .spans import Candidate, subtree, token_span


def adverb_claims(doc: Doc, qi: QuoteIndex) -> list[Candidate]:
    """ "Kim reportedly asked …": the clause, attributed to nobody and hedged."""
    out = []
    for tok in doc:
        if tok.lower_ not in cues.SOURCELESS_ADVERBS:
            continue
        head = tok.head
        span = token_span(doc, *subtree(head)) if head != tok else None
        if span is None:
            continue
        cs, ce = widen(doc, qi, span.start_char, span.end_char, None)
        out.append(Candidate("unattributed", "hedged", None, doc[tok.i : tok.i + 1], cs, ce, tok.i))
    return out
