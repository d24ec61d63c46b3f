"""The ``broadsheet_claims`` spaCy component: who said or believes what, from the parse.

Results go to ``doc.spans["claims"]`` (the content spans, labelled with the claim kind) and to
``doc._.bs_claims`` (a list of ``facts.Claim``). Source entities come from ``doc._.bs_entities``,
with our own fallback for pronouns and short names (see ``claim_sources``).

Finding claims happens in passes over one parse, each a general construction:
cue verbs with subject and complement; "according to X"; cue nouns ("the claim that …");
sourceless attributions ("it is believed", "X is expected to", "reportedly"); direct quotations
not yet covered (speaker before, inside, after, or carried over from the previous paragraph);
and "Speaker: words" lines (headlines, transcripts).
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..facts import Claim, Source
from ..facts import Span as TextSpan
from .claim_finders import Candidate, find_candidates
from .claim_sources import SourceResolver
from .cues import CUE_VERBS

if not Doc.has_extension("bs_claims"):
    Doc.set_extension("bs_claims", default=None)


def _text_span(text: str, start: int, end: int) -> TextSpan:
    return TextSpan(start, end, text[start:end])


class ClaimFinder:
    """Callable component; stateless, so one instance serves every document.

    ``extra_cue_verbs`` / ``ignored_cue_verbs``: lemmas added to or taken from the cue verbs
    (``cues.CUE_VERBS``), for a reader's own sense of what counts as a report."""

    def __init__(
        self, extra_cue_verbs: Iterable[str] = (), ignored_cue_verbs: Iterable[str] = ()
    ) -> None:
        extra = {v.lower() for v in extra_cue_verbs}
        self.cue_verbs = frozenset(CUE_VERBS | extra) - {v.lower() for v in ignored_cue_verbs}

    def __call__(self, doc: Doc) -> Doc:
        cands = find_candidates(doc, self.cue_verbs)
        text = doc.text  # Doc.text is rebuilt on every access: read it once
        # Without the entities component (a pipeline of one's own) sources have no entity ids.
        entities = doc._.bs_entities if Doc.has_extension("bs_entities") else None
        resolver = SourceResolver(doc, entities or [], text)
        claims: list[Claim] = []
        spans: list[Span] = []
        for cand in cands:
            src = None
            if cand.source is not None:
                s = cand.source
                src = Source(
                    s.start_char, s.end_char, s.text, resolver.resolve(s, cand.content_start)
                )
                resolver.remember(s, src.entity)
            cue = None
            if cand.cue is not None:
                cue = _text_span(text, cand.cue.start_char, cand.cue.end_char)
            content = _text_span(text, cand.content_start, cand.content_end)
            claims.append(
                Claim(
                    id=f"c{len(claims) + 1}",
                    kind=cand.kind,
                    certainty=cand.certainty,
                    source=src,
                    cue=cue,
                    content=content,
                )
            )
            span = doc.char_span(
                content.start, content.end, label=cand.kind, alignment_mode="expand"
            )
            if span is not None:
                spans.append(span)
        doc.spans["claims"] = spans
        doc._.bs_claims = claims
        return doc


__all__ = ["Candidate", "ClaimFinder", "make_claims"]


@Language.factory(
    "broadsheet_claims",
    assigns=["doc._.bs_claims", "doc.spans"],
    requires=["token.dep", "token.tag", "token.lemma", "token.is_sent_start"],
    default_config={"extra_cue_verbs": [], "ignored_cue_verbs": []},
)
def make_claims(
    nlp: Language, name: str, extra_cue_verbs: list[str], ignored_cue_verbs: list[str]
) -> ClaimFinder:
    return ClaimFinder(extra_cue_verbs, ignored_cue_verbs)
