"""Quotations no cue has claimed ("” ― Name" signatures, a paragraph that is one quotation,
"Cruz declared:") and "Speaker: words" lines."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from .. import cues
from ..quotes import CLOSE_MARKS, OPEN_MARKS, Quote
from .quotations import QuoteIndex, is_direct
from .spans import (
    CUE_PARTS,
    EXPLETIVES,
    Candidate,
    certainty_of,
    cue_span,
    inherited_subject,
    is_mark,
    source_span,
    subject_of,
)

DASHES = "—–―-"


SPEAKER_TYPES = ("PERSON", "ORG", "GPE", "NORP")


FIRST_SECOND_PERSON = {"i", "we", "you", "me", "us"}


def quote_claims(
    doc: Doc, qi: QuoteIndex, found: list[Candidate], cue_verbs: frozenset[str] = cues.CUE_VERBS
) -> list[Candidate]:
    """Quotations no cue has claimed: an em-dash signature after them ("” ― Name"), or a
    paragraph that is one quotation, which news style gives to the speaker last named."""
    out: list[Candidate] = []
    claimed = sorted(found, key=lambda c: c.content_start)
    for q in qi.quotes:
        if any(_covers(c, q.start, q.end) for c in found + out):
            continue
        words = len(qi.text[q.start : q.end].split())
        if words < 4:
            continue
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None:
            continue
        # "” ― Name" signature
        tail = qi.text[q.end : q.end + 80]
        m = re.match(r"\s*[" + DASHES + r"]+\s*", tail)
        if m:
            src_start = q.end + m.end()
            nl = qi.text.find("\n", src_start)
            src_end = min(nl if nl >= 0 else len(qi.text), src_start + 60)
            comma = qi.text.find(",", src_start, src_end)
            if comma > 0:
                src_end = comma
            src = doc.char_span(src_start, src_end, alignment_mode="contract")
            if src is not None and len(src):
                dash = doc.char_span(q.end + m.start(), q.end + m.end(), alignment_mode="expand")
                out.append(
                    Candidate(
                        "direct",
                        certainty_of(doc, [], q.start, q.end),
                        src,
                        dash,
                        q.start,
                        q.end,
                        span.start,
                    )
                )
                continue
        # a quotation standing as its own sentence(s) at a paragraph start, or after a sentence
        before = qi.text[max(0, q.start - 20) : q.start].rstrip(" \t")
        at_start = not before and q.start <= 20
        if not (at_start or before.endswith(("\n", ".", "!", "?", ":"))):
            continue
        intro = _colon_intro(doc, qi, q, cue_verbs)
        if intro is not None:
            source, verb = intro
            cue = None
            if verb.lemma_.lower() in cue_verbs:  # "He said:" — the verb is the cue
                cue = cue_span(doc, [verb] + [c for c in verb.children if c.dep_ in CUE_PARTS])
            out.append(
                Candidate(
                    "direct",
                    certainty_of(doc, [] if cue is None else list(cue), q.start, q.end),
                    source,
                    cue,
                    q.start,
                    q.end,
                    span.start,
                )
            )
            continue
        prev = [c for c in claimed + out if c.content_end <= q.start and c.source is not None]
        if not prev or _title(qi.text, q):
            continue
        last = max(prev, key=lambda c: c.content_end)
        between = qi.text[last.content_end : q.start]
        if _resumes(last, between, q):
            # “A,” Moore said Friday. “B”: one claim, its quotation in two parts
            last.content_end = q.end
            continue
        if len(between) > 600 or len([p for p in between.split("\n") if p.strip()]) > 1:
            continue  # only the paragraph right after the speaker's last words runs on
        out.append(
            Candidate(
                "direct",
                certainty_of(doc, [], q.start, q.end),
                last.source,
                None,
                q.start,
                q.end,
                span.start,
            )
        )
    return out


def _resumes(last: Candidate, between: str, q: Quote) -> bool:
    """Whether a quotation carries on the speaker's quotation before it, with only their
    attribution between the two, in one paragraph."""
    attribution = [s for s in (last.source, last.cue) if s is not None]
    return (
        last.kind == "direct"
        and len(attribution) == 2
        and all(last.content_end <= s.start_char and s.end_char <= q.start for s in attribution)
        and "\n" not in between
        and len(between) <= 160
    )


_LIST_MARK = re.compile(r"\s*(?:[-*\u2022^\u2013\u2014]|\d+[.)])\s")


def _title(text: str, q: Quote) -> bool:
    """A quoted title, not words someone spoke: it ends without a sentence's mark inside the
    quotation ("Firebird gets wings clipped". CNET.; “Until Dawn” ($20)), or stands in a list
    (a line of links or references)."""
    inner = text[q.start : q.end].rstrip("\"\u201d\u00bb' ")
    line_start = text.rfind("\n", 0, q.start) + 1
    if _LIST_MARK.match(text, line_start):
        return True
    return q.closed and not inner.endswith((".", "!", "?", ",", "\u2026", "-", "\u2014"))


def _colon_intro(
    doc: Doc, qi: QuoteIndex, q: Quote, cue_verbs: frozenset[str]
) -> tuple[Span, Token] | None:
    """The subject of "Cruz took the stage and declared:" right before a quotation."""
    k = q.start
    while k > 0 and qi.text[k - 1].isspace():
        k -= 1
    if k == 0 or qi.text[k - 1] != ":":
        return None
    colon = doc.char_span(k - 1, k, alignment_mode="expand")
    if colon is None:
        return None
    first = max(colon.start - 40, 0)
    verbs = []
    for i in range(colon.start - 1, first - 1, -1):
        tok = doc[i]
        if "\n" in tok.text or is_mark(tok):
            break  # the introduction is in the quotation's own paragraph, outside other quotes
        if tok.pos_ in ("VERB", "AUX"):
            verbs.append(tok)
    # a cue verb names the speaker ("as Shaw explains:"); any other verb only its own subject
    verbs.sort(key=lambda t: t.lemma_.lower() not in cue_verbs)
    for tok in verbs[:1]:
        subj = subject_of(tok) or inherited_subject(tok)
        if subj is None or subj.i >= colon.start or subj.dep_ == "nsubjpass":
            return None
        if subj.lower_ in EXPLETIVES or subj.lower_ in FIRST_SECOND_PERSON:
            return None
        if tok.lemma_.lower() not in cue_verbs and subj.ent_type_ not in SPEAKER_TYPES:
            return None
        source = source_span(subj, tok)
        return None if source is None else (source, tok)
    return None


def _covers(c: Candidate, start: int, end: int) -> bool:
    """Whether a claim already stands for most of a quotation."""
    inter = min(end, c.content_end) - max(start, c.content_start)
    return inter > 0.6 * (end - start)


COLON_LINE = re.compile(r"^[\"\u201c\s]*([^\n:\"\u201c]{2,60}?):[ \t]+(\S[^\n]*)$", re.M)


# Headline sources that are no one's name ("Poll: Clinton and Trump in dead heat").
_SOURCE_WORDS = frozenset(
    "poll polls survey study report sources officials police experts witnesses analysts".split()
)


def _label(src: Span) -> bool:
    """A section's or form's label ("ACTION:", "Editor's note:", "Figure 1:", "Part Two:"), not a
    speaker: a speaker's label is a name (of an entity the text names: "WALLACE:" beside
    "Chris Wallace", "Sanders:") or a source word ("Poll:")."""
    if any(t.lemma_.lower() in _SOURCE_WORDS or t.lower_ in _SOURCE_WORDS for t in src):
        return False
    if any(t.like_num for t in src):
        return True  # "Issue 4:", "Section 4.2:": numbered parts are no one's name
    if all(t.ent_type_ in SPEAKER_TYPES for t in src if t.is_alpha):
        return False
    doc = src.doc  # only now the entities: most documents have no such line
    entities = doc._.bs_entities if Doc.has_extension("bs_entities") else None
    label = src.text.lower()
    for e in entities or []:
        if e.kind not in ("person", "organisation"):
            continue
        for m in e.mentions:
            words = m.text.lower().split()
            if m.text.lower() == label or (e.kind == "person" and words[-1] == label):
                return False
    return True


def _half_quoted(body: str) -> bool:
    """A line that closes a quotation it did not open is the end of a quoted title cut over
    lines (a reference list's "Film Review: 'The Final Girls'"), no one's turn to speak."""
    straight = body.count('"') % 2 == 1
    curly = sum(body.count(m) for m in CLOSE_MARKS) > sum(body.count(m) for m in OPEN_MARKS)
    return straight or curly


def colon_claims(doc: Doc, qi: QuoteIndex) -> list[Candidate]:
    """ "Pence: Trump was mocking" headlines and "WALLACE: …" transcript turns."""
    out = []
    for m in COLON_LINE.finditer(qi.text):
        head, body = m.group(1), m.group(2)
        if len(body.split()) < 3 or len(head.split()) > 6:
            continue
        src = doc.char_span(m.start(1), m.end(1), alignment_mode="contract")
        if src is None or not len(src):
            continue
        if any(t.pos_ in ("VERB", "AUX") for t in src) or not any(
            t.pos_ in ("PROPN", "NOUN") for t in src
        ):
            continue
        # a name or a speaker label, not a section heading ("Little Relief for Refugees:")
        upper = all(t.is_upper or not t.is_alpha for t in src)
        if not upper and (len(src) > 3 or any(t.pos_ in ("ADP", "DET") for t in src)):
            continue
        if not (src[0].is_title or src[0].is_upper) or src[0].ent_type_ in ("DATE", "TIME"):
            continue
        if _label(src) or _half_quoted(body):
            continue
        colon = doc.char_span(m.end(1), m.end(1) + 1, alignment_mode="expand")
        cs, ce = m.start(2), m.end(2)
        while ce > cs and qi.text[ce - 1].isspace():
            ce -= 1
        kind = "direct" if is_direct(qi, cs, ce) else "indirect"
        out.append(Candidate(kind, certainty_of(doc, [], cs, ce), src, colon, cs, ce, src.start))
    return out
