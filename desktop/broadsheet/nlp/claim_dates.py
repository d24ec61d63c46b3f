"""Which words of its sentence date a claim: "Peskov said on Tuesday that …", "Tuesday's
statement", "In 1953, Kim warned …".

A date inside what is reported is when the reported thing happens ("will meet next week"), not
when it was said, so it never dates the claim; of the others in the sentence, one that hangs on
the cue in the parse goes first, then the nearest to the cue.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ..facts import Claim
from ..facts import Span as TextSpan
from .dates import names_a_date

if not Doc.has_extension("bs_dates"):
    Doc.set_extension("bs_dates", default=None)


def date_words(doc: Doc) -> list[Span]:
    """The DATE and TIME entities that name a point in time ("the early hours of Tuesday
    morning" is a TIME to the model)."""
    return [e for e in doc.ents if e.label_ in ("DATE", "TIME") and names_a_date(e.text)]


def claim_date(doc: Doc, claim: Claim, dates: list[Span]) -> TextSpan | None:
    """The words of the claim's own sentence that say when it was made, or None."""
    anchor = claim.cue or claim.source or claim.content
    token = doc.char_span(anchor.start, anchor.end, alignment_mode="expand")
    if token is None or not dates:
        return None
    sent = token[0].sent
    inside = [*claim.content.ranges, *(claim.source.ranges if claim.source else [])]
    text = doc.text
    near = [
        d
        for d in dates
        if sent.start <= d.start
        and d.end <= sent.end
        and not any(s < d.end_char and d.start_char < e for s, e in inside)
        # A paragraph's end ends the sentence, whatever the parse made of it.
        and "\n" not in text[min(d.end_char, anchor.end) : max(d.start_char, anchor.start)]
    ]
    if not near:
        return None
    cue_tokens = {t.i for t in token} if claim.cue else set()

    def on_cue(d: Span) -> bool:
        head = d.root.head
        if head.dep_ == "prep":  # "said on Tuesday"
            head = head.head
        return head.i in cue_tokens

    middle = (anchor.start + anchor.end) / 2
    best = min(near, key=lambda d: (not on_cue(d), abs((d.start_char + d.end_char) / 2 - middle)))
    return TextSpan(best.start_char, best.end_char, best.text)
