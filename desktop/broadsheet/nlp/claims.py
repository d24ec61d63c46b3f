"""The ``broadsheet_claims`` spaCy component: who said or believes what, from the parse.

Results go to ``doc.spans["claims"]`` (the content spans, labelled with the claim kind) and to
``doc._.bs_claims`` (a list of ``facts.Claim``). Source entities come from ``doc._.bs_entities``,
with our own fallback for pronouns and short names (see ``claim_sources``).

Finding claims happens in passes over one parse, each a general construction:
cue verbs with subject and complement; "according to X"; cue nouns ("the claim that …");
sourceless attributions ("it is believed", "X is expected to", "reportedly"); direct quotations
not yet covered (speaker before, inside, after, or carried over from the previous paragraph);
and "Speaker: words" lines (headlines, transcripts). A claim found inside what another claim
reports is then left to that claim (``_without_nested``), and a content stops where an
"according to" of another source begins.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..facts import Claim, Part, Source, When
from ..facts import Span as TextSpan
from .claim_dates import claim_date, date_words
from .claim_finders import Candidate, find_candidates
from .claim_sources import SourceResolver
from .cues import BELIEF_VERBS, CUE_VERBS, EVIDENCE_VERBS, SPEECH_VERBS
from .quotes import CLOSE_MARKS, OPEN_MARKS, SINGLE_CLOSE, SINGLE_OPEN, STRAIGHT

if not Doc.has_extension("bs_claims"):
    Doc.set_extension("bs_claims", default=None)


def _text_span(text: str, start: int, end: int) -> TextSpan:
    return TextSpan(start, end, text[start:end])


def _dated_by(words: TextSpan | None) -> When | None:
    """The sentence's date words; the day they name is read once the article's date is known
    (``extract``)."""
    return When("", "", "sentence", words) if words is not None else None


# The marks that open and close a quotation, single ones too (a part may end at either).
_OPENING = STRAIGHT + OPEN_MARKS + SINGLE_OPEN
_CLOSING = STRAIGHT + CLOSE_MARKS + SINGLE_CLOSE
_EDGE = " \t\n,;:—–-"


def _interrupted(
    text: str, content: TextSpan, cue: TextSpan | None, source: Source | None
) -> TextSpan:
    """A content that its own attribution interrupts is two parts, the words before it and
    those after it: `Not over," Mr. Kelly said. "Strange …`; "The two countries are expected
    to finalize …" (cue inside). The attribution is no part of what was said. A side that is
    only a function word ("that they plan to support …") is dropped instead."""
    inner = [s for s in (cue, source) if s is not None and content.start < s.start < content.end]
    if cue is None or cue not in inner or any(s.end > content.end for s in inner):
        return content
    a, b = min(s.start for s in inner), max(s.end for s in inner)
    close = max((text.rfind(q, content.start, a) for q in _CLOSING), default=-1)
    opens = [i for q in _OPENING if (i := text.find(q, b, content.end)) != -1]
    if close > content.start and opens and _short_gap(text[close + 1 : a], text[b : min(opens)]):
        # A quotation: its parts end and start at the quote marks ("said in an interview. “").
        a, b = close, min(opens) + 1
    else:
        comma = text.find(",", b, content.end)
        if comma != -1 and len(text[b:comma].split()) <= 3 and not _has_mark(text[b:comma]):
            b = comma  # "according to what the Times reported, and …"
    left, right = _trimmed(text, content.start, a), _trimmed(text, b, content.end)
    if left is None or right is None:
        return content
    for keep, drop in ((right, left), (left, right)):
        if text[drop[0] : drop[1]].lower() in _FUNCTION_WORDS:
            return TextSpan(keep[0], keep[1], text[keep[0] : keep[1]])
    parts = [Part(s, e, text[s:e]) for s, e in (left, right)]
    return TextSpan(content.start, content.end, content.text, parts=parts)


_FUNCTION_WORDS = frozenset("that whether if to how why what when where who".split())


def _has_mark(s: str) -> bool:
    return any(c in s for c in ".!?\n") or any(c in s for c in _OPENING + _CLOSING)


def _short_gap(before: str, after: str) -> bool:
    """Between a quotation's parts there is only the attribution: one sentence, one line."""
    return "\n" not in before + after and "." not in before and after.count(".") <= 1


def _trimmed(text: str, s: int, e: int) -> tuple[int, int] | None:
    while s < e and (text[s] in _EDGE or text[s] in _OPENING or text[s] in _CLOSING):
        s += 1
    while e > s and (text[e - 1] in _EDGE or text[e - 1] in _CLOSING or text[e - 1] in _OPENING):
        e -= 1
    return (s, e) if e > s and any(c.isalnum() for c in text[s:e]) else None


# Cues of belief, intent or evidence that are no verbs of saying.
HELD_ONLY = (BELIEF_VERBS | EVIDENCE_VERBS) - SPEECH_VERBS


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
        for cand in cands:
            src = None
            if cand.source is not None:
                s = cand.source
                src = Source(
                    s.start_char,
                    s.end_char,
                    s.text,
                    entity=resolver.resolve(s, cand.content_start),
                )
                resolver.remember(s, src.entity)
            cue = None
            if cand.cue is not None:
                cue = _text_span(text, cand.cue.start_char, cand.cue.end_char)
            content = _interrupted(
                text, _text_span(text, cand.content_start, cand.content_end), cue, src
            )
            claims.append(
                Claim(
                    id="",
                    kind=cand.kind,
                    certainty=cand.certainty,
                    source=src,
                    cue=cue,
                    content=content,
                )
            )
        held = [doc[c.anchor].lemma_.lower() in HELD_ONLY for c in cands]
        named = [doc[c.anchor].pos_ == "NOUN" for c in cands]  # "repeated its warning that …"
        kept = _cut_at_according(text, _without_nested(claims, held, named))
        dates = date_words(doc)
        claims = [
            replace(c, id=f"c{i + 1}", when=_dated_by(claim_date(doc, c, dates)))
            for i, c in enumerate(kept)
        ]
        doc._.bs_dates = [_text_span(text, d.start_char, d.end_char) for d in dates]
        spans: list[Span] = []
        for c in claims:
            span = doc.char_span(
                c.content.start, c.content.end, label=c.kind, alignment_mode="expand"
            )
            if span is not None:
                spans.append(span)
        doc.spans["claims"] = spans
        doc._.bs_claims = claims
        return doc


def _cut_at_according(text: str, claims: list[Claim]) -> list[Claim]:
    """ "Bloomberg reports that the nominee won, according to the Roper Center": what Bloomberg
    reports ends where the words of another source begin."""
    cues_at = [c.cue.start for c in claims if c.kind == "according_to" and c.cue is not None]
    out = []
    for c in claims:
        content = c.content
        if c.kind != "according_to" and c.cue is not None and not content.parts:
            inner = [a for a in cues_at if c.cue.end <= a and content.start < a < content.end]
            if inner:
                end = min(inner)
                while end > content.start and text[end - 1] in " \t,;—–-":
                    end -= 1
                if end > content.start:
                    c = replace(c, content=_text_span(text, content.start, end))
        out.append(c)
    return out


def _without_nested(
    claims: list[Claim], held_only: list[bool], noun_cue: list[bool]
) -> list[Claim]:
    """A claim inside what another claim reports is part of that claim, not one of its own: the
    outer speaker vouches for it. That holds for a belief or intent ("Smith said voters believe
    taxes are too high") and for what is reported after the outer cue of an indirect claim ("the
    Post reported that officials said …"). A quotation's own speakers and an "according to" stay
    claims: the quoted speaker names a source, and "…, according to X" is X's; so does a cue
    noun, which says more than the verb around it ("repeated its warning that …")."""
    return [
        c for i, c in enumerate(claims) if noun_cue[i] or not _inside_other(i, claims, held_only[i])
    ]


def _inside_other(i: int, claims: list[Claim], held_only: bool) -> bool:
    c = claims[i]
    if c.cue is None or c.kind == "according_to":
        return False
    cue = c.cue
    for j, o in enumerate(claims):
        if j == i or not any(s <= cue.start and cue.end <= e for s, e in o.content.ranges):
            continue
        after = o.cue is None or o.cue.end <= cue.start
        if held_only or (o.kind != "direct" and (after or o.kind == "according_to")):
            return True
    return False


__all__ = ["Candidate", "ClaimFinder", "make_claims"]


@Language.factory(
    "broadsheet_claims",
    assigns=["doc._.bs_claims", "doc._.bs_dates", "doc.spans"],
    requires=["token.dep", "token.tag", "token.lemma", "token.is_sent_start"],
    default_config={"extra_cue_verbs": [], "ignored_cue_verbs": []},
)
def make_claims(
    nlp: Language, name: str, extra_cue_verbs: list[str], ignored_cue_verbs: list[str]
) -> ClaimFinder:
    return ClaimFinder(extra_cue_verbs, ignored_cue_verbs)
