"""Claims around cue nouns: "the claim that …", "its warning that …"."""

from __future__ import annotations

from spacy.tokens import Doc

from .. import cues
from .quotations import QuoteIndex, widen
from .spans import Candidate, certainty_of, source_span, subject_of, subtree, token_span

# Verbs whose subject is the source of the cue noun they take: "X repeated its warning that …".
MAKER_VERBS = frozenset(
    "make issue release repeat voice express offer reiterate publish send give deliver post "
    "share raise level".split()
)


def noun_claims(doc: Doc, qi: QuoteIndex) -> list[Candidate]:
    out = []
    for tok in doc:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in cues.CUE_NOUNS:
            continue
        comp = next(
            (
                c
                for c in tok.children
                if c.dep_ in ("acl", "ccomp", "relcl")
                and c.i > tok.i
                and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
            ),
            None,
        )
        if comp is None:
            continue
        source = None
        poss = next((c for c in tok.children if c.dep_ == "poss"), None)
        maker = tok.head if tok.dep_ == "dobj" else None
        if (
            poss is not None
            and poss.pos_ == "PRON"
            and maker is not None
            and (maker_subj := subject_of(maker)) is not None
        ):
            # "Greenpeace repeated its warning that …": the subject, not "its"
            source = source_span(maker_subj, tok)
        elif poss is not None:
            source = token_span(doc, *subtree(poss))
            if source is not None and source[-1].tag_ == "POS":
                source = token_span(doc, source.start, source.end - 1)
        else:
            by = next(
                (c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("by", "from")), None
            )
            pobj = next((g for g in by.children if g.dep_ == "pobj"), None) if by else None
            if pobj is not None:
                source = source_span(pobj)
            elif tok.dep_ == "dobj" and tok.head.lemma_.lower() in MAKER_VERBS:
                s = subject_of(tok.head)
                if s is not None and s.dep_ == "nsubj":
                    source = source_span(s)
        span = token_span(doc, *subtree(comp))
        if span is None:
            continue
        cs, ce = widen(doc, qi, span.start_char, span.end_char, None)
        kind = "indirect" if source is not None else "unattributed"
        cue = doc[tok.i : tok.i + 1]
        out.append(Candidate(kind, certainty_of(doc, [tok], cs, ce), source, cue, cs, ce, tok.i))
    return out
