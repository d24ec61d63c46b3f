"""Claims introduced by "according to X"."""

from __future__ import annotations

from spacy.tokens import Doc

from .quotations import QuoteIndex, widen
from .spans import (
    Candidate,
    agent_of,
    certainty_of,
    clip_paragraph,
    source_span,
    subject_of,
    subtree,
    token_span,
)


def according_claims(doc: Doc, qi: QuoteIndex) -> list[Candidate]:
    out = []
    for tok in doc:
        if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
            continue
        to = doc[tok.i + 1]
        obj = next((c for c in to.children if c.dep_ in ("pobj", "pcomp")), None)
        if obj is None:
            continue
        src_tok = obj
        verb = (
            obj
            if obj.pos_ in ("VERB", "AUX")
            else next(
                (c for c in obj.children if c.dep_ in ("relcl", "acl") and c.pos_ == "VERB"), None
            )
        )
        if verb is not None and (obj.lower_ in ("what", "that") or obj.pos_ == "VERB"):
            # "according to what the New York Times reported": the reporter is the source
            s = subject_of(verb)
            a = agent_of(verb)
            if a is not None:
                src_tok = a
            elif s is not None and s.dep_ != "nsubjpass":
                src_tok = s
        phrase_start = tok.i
        phrase_end = max(obj.right_edge.i, to.right_edge.i) + 1
        source = source_span(src_tok) if src_tok != obj else token_span(doc, *subtree(obj))
        if source is not None and src_tok == obj:
            source = token_span(doc, *clip_paragraph(doc, tok, source.start, phrase_end))
        sent = tok.sent
        head = tok.head if tok.head != tok else None
        if head is not None and head.i != tok.i and tok.dep_ == "prep":
            start, end = head.left_edge.i, head.right_edge.i + 1
        else:
            start, end = sent.start, sent.end
        start, end = max(start, sent.start), min(end, sent.end)
        start, end = clip_paragraph(doc, tok, start, end)
        # the content is the clause without the according-to phrase
        if phrase_start - start <= 1:
            start = phrase_end
        elif end - phrase_end <= 2:
            end = phrase_start
        span = token_span(doc, start, end)
        if span is None or len(span) < 2:
            continue
        cs, ce = widen(doc, qi, span.start_char, span.end_char, None)
        cue = doc[tok.i : tok.i + 2]
        out.append(
            Candidate("according_to", certainty_of(doc, [tok], cs, ce), source, cue, cs, ce, tok.i)
        )
    return out
