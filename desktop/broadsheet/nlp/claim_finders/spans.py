"""A claim candidate and the spans of its parts: trimmed token ranges, sources, cues,
subjects and certainty."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .. import cues
from ..quotes import ALL_MARKS

SUBJECTS = ("nsubj", "nsubjpass", "csubj")


EXPLETIVES = {"it", "there"}

# The dependents of a cue verb that belong to the cue: "did not say", "was told", "pointed out".
CUE_PARTS = ("aux", "auxpass", "neg", "prt")


@dataclass
class Candidate:
    kind: str
    certainty: str
    source: Span | None
    cue: Span | None
    content_start: int
    content_end: int
    anchor: int  # token index of the cue (or of the content's first token): one claim per anchor


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Token range without punctuation and spaces at its edges (quote marks stay: see widen)."""
    while start < end and _is_edge_junk(doc[start]):
        start += 1
    while end > start and _is_edge_junk(doc[end - 1]):
        end -= 1
    # A lone quote mark at an edge belongs to a quotation only if its partner is inside.
    if start < end and is_mark(doc[start]) and not any(is_mark(t) for t in doc[start + 1 : end]):
        start += 1
    if start < end and is_mark(doc[end - 1]) and not any(is_mark(t) for t in doc[start : end - 1]):
        end -= 1
    return start, end


def _is_edge_junk(tok: Token) -> bool:
    return tok.is_space or (tok.is_punct and not is_mark(tok))


def is_mark(tok: Token) -> bool:
    return any(ch in ALL_MARKS for ch in tok.text) or tok.text in ("''", "``")


def subtree(tok: Token) -> tuple[int, int]:
    return tok.left_edge.i, tok.right_edge.i + 1


def token_span(doc: Doc, start: int, end: int) -> Span | None:
    start, end = _trim(doc, start, end)
    return doc[start:end] if start < end else None


def source_span(tok: Token, anchor: Token | None = None) -> Span | None:
    """The words naming a source: the subject's subtree ("Kim Dong-yup, a professor at …" keeps
    the whole appositive, "the experts I interviewed" its clause), without a relative clause
    that holds the cue or runs on past it ("Peskov, who said …")."""
    doc = tok.doc
    # ("Peskov, who said …" keeps "who": the resolver maps it to the noun it hangs on.)
    start, end = subtree(tok)
    for child in tok.rights:
        if child.dep_ in ("relcl", "acl") and child.i > tok.i:
            if anchor is not None and child.right_edge.i < anchor.i:
                continue  # "Victor Cha, who served as Asia director, said": the source as marked
            end = min(end, child.left_edge.i)
    for i in range(tok.i - 1, start - 1, -1):
        if doc[i].text in ("—", "–", "-", "--", "―") and i > 0 and doc[i - 1].whitespace_:
            start = i + 1  # "LONDON (Reuters) - Donald Trump said": not the dateline
            break
    start, end = clip_paragraph(doc, anchor if anchor is not None else tok, start, end)
    return token_span(doc, start, end)


def clip_paragraph(doc: Doc, anchor: Token, start: int, end: int) -> tuple[int, int]:
    """Token range cut to the paragraph of anchor: the parser sometimes runs across a line
    break, but a source or content never does (quotations are widened separately)."""
    i = anchor.i
    lo = i
    while lo > start and "\n" not in doc[lo - 1].text:
        lo -= 1
    hi = i
    while hi < end - 1 and "\n" not in doc[hi + 1].text:
        hi += 1
    return max(start, lo), min(end, hi + 1)


def subject_of(tok: Token) -> Token | None:
    return next((c for c in tok.children if c.dep_ in SUBJECTS), None)


def inherited_subject(tok: Token) -> Token | None:
    """Subject for a cue without its own: "…, adding that" / "said A and added B"."""
    if tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.pos_ in ("NOUN", "PROPN"):
        return tok.head  # "a tweet attacking …", "a statement saying …"
    cur = tok
    for _ in range(4):
        if cur.dep_ not in ("advcl", "conj", "xcomp", "ccomp", "pcomp", "prep") or cur.head == cur:
            return None
        head = cur.head
        subj = subject_of(head)
        if subj is not None and subj.dep_ != "nsubjpass":
            return subj
        if head.dep_ == "pobj":
            return None
        cur = head
    return None


def agent_of(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ == "agent":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None


def cue_span(doc: Doc, toks: list[Token]) -> Span:
    i = min(t.i for t in toks)
    j = max(t.i for t in toks) + 1
    # Keep the cue compact: aux/neg before the verb, particle after; skip intervening subject.
    main = toks[0]
    if j - i > 4:
        i, j = main.i, main.i + 1
    return doc[i:j]


def _hedged(doc: Doc, cue_lemmas: list[str], start: int, end: int) -> bool:
    if any(lem in cues.HEDGE_CUES for lem in cue_lemmas):
        return True
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    words = [t.lower_ for t in span]
    if any(w in cues.HEDGE_WORDS for w in words):
        return True
    return False


def certainty_of(doc: Doc, cue_toks: list[Token], start: int, end: int) -> str:
    lemmas = [t.lemma_.lower() for t in cue_toks]
    lemmas += [
        c.lemma_.lower() for t in cue_toks for c in t.children if c.dep_ in ("aux", "advmod")
    ]
    return "hedged" if _hedged(doc, lemmas, start, end) else "asserted"
