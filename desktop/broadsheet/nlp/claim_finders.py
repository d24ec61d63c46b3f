"""Passes that find attribution candidates in a parsed ``Doc``; ``claims.py`` turns them into facts.

Contents are generous on purpose: a clausal complement keeps its "that", a quotation keeps its
marks, and a complement that touches a quotation is stretched to the whole quotation, because a
reader (and an attribution corpus) takes the quoted words as what was said.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from . import cues
from .quotes import Quote, find_quotes

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
EXPLETIVES = {"it", "there"}
CONTENT_DEPS = ("ccomp", "xcomp", "oprd")
PRONOUN_OBJECTS = {"it", "this", "that", "so", "something", "anything", "nothing", "what", "which"}
DASHES = "—–―-"
QUOTE_MARKS = '"\u201c\u201d\u201e\u00ab\u00bb'
SPEAKER_TYPES = ("PERSON", "ORG", "GPE", "NORP")
FIRST_SECOND_PERSON = {"i", "we", "you", "me", "us"}


@dataclass
class Candidate:
    kind: str
    certainty: str
    source: Span | None
    cue: Span | None
    content_start: int
    content_end: int
    anchor: int  # token index of the cue (or of the content's first token): one claim per anchor


# ----------------------------------------------------------------------------- small helpers
def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Token range without punctuation and spaces at its edges (quote marks stay: see _widen)."""
    while start < end and _is_edge_junk(doc[start]):
        start += 1
    while end > start and _is_edge_junk(doc[end - 1]):
        end -= 1
    # A lone quote mark at an edge belongs to a quotation only if its partner is inside.
    if start < end and _is_mark(doc[start]) and not any(_is_mark(t) for t in doc[start + 1 : end]):
        start += 1
    if (
        start < end
        and _is_mark(doc[end - 1])
        and not any(_is_mark(t) for t in doc[start : end - 1])
    ):
        end -= 1
    return start, end


def _is_edge_junk(tok: Token) -> bool:
    return tok.is_space or (tok.is_punct and not _is_mark(tok))


def _is_mark(tok: Token) -> bool:
    return any(ch in QUOTE_MARKS for ch in tok.text) or tok.text in ("''", "``")


def _subtree(tok: Token) -> tuple[int, int]:
    return tok.left_edge.i, tok.right_edge.i + 1


def _span(doc: Doc, start: int, end: int) -> Span | None:
    start, end = _trim(doc, start, end)
    return doc[start:end] if start < end else None


def _source_span(tok: Token, anchor: Token | None = None) -> Span | None:
    """The words naming a source: the subject's subtree, without a relative clause or apposition
    that runs on after a comma ("Kim Dong-yup, a professor at …" keeps the whole appositive,
    since it names the person; a trailing "who …" clause is cut)."""
    doc = tok.doc
    # ("Peskov, who said …" keeps "who": the resolver maps it to the noun it hangs on.)
    start, end = _subtree(tok)
    for child in tok.rights:
        if child.dep_ in ("relcl", "acl") and child.i > tok.i:
            end = min(end, child.left_edge.i)
    for i in range(tok.i - 1, start - 1, -1):
        if doc[i].text in ("—", "–", "-", "--", "―") and i > 0 and doc[i - 1].whitespace_:
            start = i + 1  # "LONDON (Reuters) - Donald Trump said": not the dateline
            break
    start, end = _clip_paragraph(doc, anchor if anchor is not None else tok, start, end)
    return _span(doc, start, end)


def _clip_paragraph(doc: Doc, anchor: Token, start: int, end: int) -> tuple[int, int]:
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


def _certainty(doc: Doc, cue_toks: list[Token], start: int, end: int) -> str:
    lemmas = [t.lemma_.lower() for t in cue_toks]
    lemmas += [
        c.lemma_.lower() for t in cue_toks for c in t.children if c.dep_ in ("aux", "advmod")
    ]
    return "hedged" if _hedged(doc, lemmas, start, end) else "asserted"


# ----------------------------------------------------------------------------- quotations
class QuoteIndex:
    """Quotations of the document with lookup by character offset."""

    def __init__(self, doc: Doc) -> None:
        self.text = doc.text  # Doc.text is rebuilt on every access: read it once
        self.quotes: list[Quote] = find_quotes(self.text)
        self.starts = [q.start for q in self.quotes]

    def touching(self, start: int, end: int) -> list[Quote]:
        i = max(0, bisect_left(self.starts, start) - 1)
        out = []
        while i < len(self.quotes) and self.quotes[i].start < end:
            q = self.quotes[i]
            if q.end > start:
                out.append(q)
            i += 1
        return out

    def inside(self, pos: int) -> Quote | None:
        for q in self.touching(pos, pos + 1):
            if q.start < pos < q.end - 1:
                return q
        return None


def _widen(
    doc: Doc, qi: QuoteIndex, start: int, end: int, cue_tok: Token | None
) -> tuple[int, int]:
    """Stretch content to the quotations it touches; also across its cue when the cue sits between
    two quotations of one sentence ("“A,” he said, “B.”")."""
    for _ in range(3):
        qs = qi.touching(start, end)
        if cue_tok is not None:
            # a cue inside a quotation speaks for a part of it, not for the whole
            qs = [q for q in qs if not q.start < cue_tok.idx < q.end]
        new_start = min([start, *[q.start for q in qs]])
        new_end = max([end, *[q.end for q in qs]])
        if (new_start, new_end) == (start, end):
            break
        start, end = new_start, new_end
    if cue_tok is not None:
        nxt = _quote_after_cue(qi, end, cue_tok)
        if nxt is not None:
            end = nxt.end
    return start, end


def _quote_after_cue(qi: QuoteIndex, end: int, cue_tok: Token) -> Quote | None:
    """The quotation that carries on after "…,” he said, “…" or "…,” he said. “…" when the
    content ended before the cue: both halves are one statement."""
    if end > cue_tok.idx:
        return None
    text = qi.text
    gap_end = cue_tok.idx + len(cue_tok.text)
    par_end = text.find("\n", gap_end)
    par_end = len(text) if par_end < 0 else par_end
    for q in qi.touching(gap_end, min(par_end, gap_end + 300)):
        if q.start < gap_end:
            continue
        between = text[gap_end : q.start].strip()
        if len(between) < 250 and between.endswith((",", ":", ".")):
            inner = between[:-1]
            if not re.search(r"[.!?;]", inner) and not re.search(r"[\u201c\u201d\"]", between):
                return q
        break
    return None


# ----------------------------------------------------------------------------- verb cues
def _subject(tok: Token) -> Token | None:
    return next((c for c in tok.children if c.dep_ in SUBJECTS), None)


def _inherited_subject(tok: Token) -> Token | None:
    """Subject for a cue without its own: "…, adding that" / "said A and added B"."""
    if tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.pos_ in ("NOUN", "PROPN"):
        return tok.head  # "a tweet attacking …", "a statement saying …"
    cur = tok
    for _ in range(4):
        if cur.dep_ not in ("advcl", "conj", "xcomp", "ccomp", "pcomp", "prep") or cur.head == cur:
            return None
        head = cur.head
        subj = _subject(head)
        if subj is not None and subj.dep_ != "nsubjpass":
            return subj
        if head.dep_ == "pobj":
            return None
        cur = head
    return None


def _agent(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ == "agent":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None


def _complements(tok: Token) -> list[Token]:
    """The dependents of a cue verb that hold what was said or believed."""
    lemma = tok.lemma_.lower()
    comps = [c for c in tok.children if c.dep_ in CONTENT_DEPS]
    if lemma in cues.CLAUSE_ONLY:
        return [c for c in comps if c.dep_ == "ccomp"]
    if comps:
        hearer = lemma in cues.HEARER_VERBS and any(c.dep_ == "ccomp" for c in comps)
        if lemma not in ("say", "tell") and not hearer:
            # "called half of his supporters “deplorables”", "urged them to reconsider": the
            # object belongs with its predicate
            comps += [c for c in tok.children if c.dep_ == "dobj"]
        return comps
    preps = cues.PREP_CONTENT.get(lemma, set())
    out: list[Token] = []
    for c in tok.children:
        if c.dep_ in ("prep", "prt") and c.lower_ in preps:
            out.extend(g for g in c.children if g.dep_ in ("pobj", "pcomp"))
            if c.dep_ == "prt":
                out.extend(g for g in tok.children if g.dep_ == "dobj" and g.i > c.i)
    if out or lemma in cues.HEARER_VERBS:
        return out  # the object of "told the BBC" is the hearer
    objs = [
        c
        for c in tok.children
        if c.dep_ == "dobj"
        and c.lower_ not in PRONOUN_OBJECTS
        and c.ent_type_ not in ("DATE", "TIME")  # "called Friday": when, not what
    ]
    if objs and lemma not in ("say", "tell"):
        objs += [c for c in tok.children if c.dep_ == "prep" and c.i > objs[-1].i][:1]
    return objs


def _left_content(tok: Token) -> tuple[int, int] | None:
    """Content before the cue in "The economy grows, he said." (cue parsed as a dependent)."""
    head = tok.head
    if head == tok or tok.dep_ not in ("parataxis", "ccomp", "advcl", "conj"):
        return None
    if head.i > tok.i:
        # "The museum, he said, would make …": the clause around the cue
        if tok.dep_ != "parataxis":
            return None
        start, end = head.left_edge.i, head.right_edge.i + 1
        inner = tok.right_edge.i - tok.left_edge.i + 1
        return (start, end) if end - start - inner >= 3 else None
    start = head.left_edge.i
    left = tok.left_edge.i
    while left < tok.i and tok.doc[left].is_punct and not _is_mark(tok.doc[left]):
        left += 1  # the comma before "he said" may hang on the cue
    if left - start < 2:
        return None
    between = tok.doc[left - 1]
    if between.text not in (",", "\u201d", '"', "\u2019", "--", "—") and not _is_mark(between):
        return None
    end = left
    if head.right_edge.i > tok.right_edge.i + 3:
        end = head.right_edge.i + 1  # "A, he said, and B": both parts
    return start, end


# Verbs through which an infinitive cue still reports speech: "appeared to suggest".
INFINITIVE_HEADS = frozenset(
    "appear seem continue begin start refuse decline force go happen tend proceed rush "
    "hasten move get".split()
)

# Passive cues that attribute to nobody: "X is expected to …", "it is believed that …".
SOURCELESS_PASSIVES = frozenset(
    "expect believe say think report rumor rumour know estimate predict project".split()
)


def verb_claims(doc: Doc, qi: QuoteIndex) -> list[Candidate]:
    """Claims around cue verbs: subject (or agent) as source, complement as content."""
    out: list[Candidate] = []
    for tok in doc:
        if tok.pos_ != "VERB" or tok.dep_ in ("amod", "compound"):
            continue
        lemma = tok.lemma_.lower()
        if lemma not in cues.CUE_VERBS and not _that_clause(tok):
            continue
        if _in_closed_quote(qi, tok.idx):
            continue  # "… he says he is …" inside a quotation: its speaker says all of it
        subj = _subject(tok)
        if (
            subj is None
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
            and not (lemma in cues.SPEECH_VERBS and tok.head.lemma_.lower() in INFINITIVE_HEADS)
        ):
            # "wants to know", "money to support": an intention, not an attribution; but
            # "appeared to suggest", "declined to say" still report speech
            continue
        if _in_according(tok):
            continue  # "according to what X reported" is one according-to claim
        passive = subj is not None and subj.dep_ == "nsubjpass"
        ranges = [_subtree(c) for c in _complements(tok)]
        if not ranges:
            left = _left_content(tok)
            ranges = [left] if left is not None else []
        if not ranges and passive and _agent(tok) is not None and subj.lower_ not in EXPLETIVES:
            ranges = [_subtree(subj)]  # "The issue was first reported by the Post"
        if not ranges:
            q = _adjacent_quote(qi, tok)
            qspan = doc.char_span(q.start, q.end, alignment_mode="expand") if q else None
            ranges = [(qspan.start, qspan.end)] if qspan is not None else []
        if not ranges:
            continue
        start, end = min(r[0] for r in ranges), max(r[1] for r in ranges)
        if start > tok.i:
            end = _to_sentence_end(doc, tok, _run_on(tok, end))
        start, end = _clip_paragraph(doc, tok, start, end)
        span = _span(doc, start, end)
        if span is None or (len(span) == 1 and span[0].pos_ == "PRON"):
            continue  # "what was confirmed": the content is elsewhere
        cue_toks = [tok] + [c for c in tok.children if c.dep_ in ("aux", "auxpass", "neg", "prt")]
        sourceless = False
        if passive:
            agent = _agent(tok)
            if agent is not None:
                source = _source_span(agent, tok)
            elif subj.lower_ in EXPLETIVES or lemma in SOURCELESS_PASSIVES:
                source, sourceless = None, True
                if subj.lower_ not in EXPLETIVES:
                    # "X is expected to …": the subject belongs to the content.
                    span = _span(doc, min(subj.left_edge.i, span.start), span.end) or span
            else:
                continue
        elif subj is not None:
            if subj.lower_ == "there":
                continue  # (an active "it" is a source: "It says the campaign violated …")
            source = _source_span(subj, tok)
        else:
            inh = _inherited_subject(tok)
            if inh is None or inh.lower_ in EXPLETIVES:
                continue
            source = _source_span(inh, tok)
        if source is None and not sourceless:
            source = _paragraph_lead(doc, tok)
            sourceless = source is None
        cs, ce = _widen(doc, qi, span.start_char, span.end_char, tok)
        if sourceless:
            # hearsay with no one behind it is held, not asserted ("it is said that …")
            kind, certainty = "unattributed", "hedged"
        else:
            kind = "direct" if _is_direct(qi, cs, ce) else "indirect"
            certainty = _certainty(doc, cue_toks, cs, ce)
        out.append(Candidate(kind, certainty, source, _cue_span(doc, cue_toks), cs, ce, tok.i))
    return out


def _paragraph_lead(doc: Doc, tok: Token) -> Span | None:
    """The words between a paragraph start and its cue, when the parser hung the real subject on
    a line before ("5:45 p.m.\n\nPresident Obama says …")."""
    i = tok.i
    while i > 0 and "\n" not in doc[i - 1].text:
        i -= 1
    end = min([tok.i, *[c.i for c in tok.lefts if c.dep_ in ("aux", "neg", "advmod")]])
    lead = _span(doc, i, end)
    if lead is None or len(lead) > 10 or not any(t.pos_ in ("PROPN", "NOUN") for t in lead):
        return None
    return lead


def _run_on(tok: Token, end: int) -> int:
    """Content after a cue goes on through the cue's later modifiers and coordinated clauses
    ("said A, but could not B"), up to another cue ("…, adding that …")."""
    for child in tok.rights:
        if child.i < end:
            continue
        if child.dep_ not in ("conj", "advcl", "prep", "npadvmod", "advmod", "cc", "punct"):
            break
        if child.pos_ == "VERB" and child.lemma_.lower() in cues.CUE_VERBS:
            break
        if child.dep_ not in ("cc", "punct"):
            end = child.right_edge.i + 1
    return end


def _to_sentence_end(doc: Doc, tok: Token, end: int) -> int:
    """A short tail left after the content ("…, if they were taxed properly") is still part of
    what was said, unless it holds a cue of its own or a quotation's speaker."""
    sent_end = tok.sent.end
    rest = doc[end:sent_end]
    if not 0 < len(rest) <= 12 or "\n" in rest.text:
        return end
    if any(t.pos_ == "VERB" and t.lemma_.lower() in cues.CUE_VERBS for t in rest):
        return end
    return sent_end


def _that_clause(tok: Token) -> bool:
    """A verb of any kind with a "that" clause and a subject: "Trump insinuated that …"."""
    return any(
        c.dep_ == "ccomp" and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
        for c in tok.children
    ) and any(c.dep_ == "nsubj" for c in tok.children)


def _in_according(tok: Token) -> bool:
    for anc in tok.ancestors:
        if anc.lower_ == "according":
            return True
        if anc.dep_ in ("ROOT", "ccomp", "conj"):
            return False
    return False


def _cue_span(doc: Doc, toks: list[Token]) -> Span:
    i = min(t.i for t in toks)
    j = max(t.i for t in toks) + 1
    # Keep the cue compact: aux/neg before the verb, particle after; skip intervening subject.
    main = toks[0]
    if j - i > 4:
        i, j = main.i, main.i + 1
    return doc[i:j]


def _is_direct(qi: QuoteIndex, start: int, end: int) -> bool:
    quoted = sum(min(end, q.end) - max(start, q.start) for q in qi.touching(start, end))
    return quoted >= 0.5 * (end - start)


def _adjacent_quote(qi: QuoteIndex, tok: Token) -> Quote | None:
    """A quotation right before "…,” he said" or right after "he said: “…"."""
    sent = tok.sent
    for q in qi.touching(sent.start_char - 400, sent.end_char + 400):
        if q.end <= tok.idx:
            gap = qi.text[q.end : tok.idx]
            if len(gap) < 40 and "\n" not in gap and not re.search(r"[.!?]\s", gap):
                best = q
                # the last quotation before the cue wins
                later = [r for r in qi.touching(q.end, tok.idx) if r.start >= q.end and r is not q]
                if not later:
                    return best
        elif q.start >= tok.idx:
            gap = qi.text[tok.idx + len(tok.text) : q.start]
            if len(gap) < 40 and gap.rstrip().endswith((":", ",")) and "\n" not in gap.strip():
                return q
            if len(gap.strip()) == 0:
                return q
            break
    return None


# ----------------------------------------------------------------------------- according to
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
            s = _subject(verb)
            a = _agent(verb)
            if a is not None:
                src_tok = a
            elif s is not None and s.dep_ != "nsubjpass":
                src_tok = s
        phrase_start = tok.i
        phrase_end = max(obj.right_edge.i, to.right_edge.i) + 1
        source = _source_span(src_tok) if src_tok != obj else _span(doc, *_subtree(obj))
        if source is not None and src_tok == obj:
            source = _span(doc, source.start, min(source.end, phrase_end))
        sent = tok.sent
        head = tok.head if tok.head != tok else None
        if head is not None and head.i != tok.i and tok.dep_ == "prep":
            start, end = head.left_edge.i, head.right_edge.i + 1
        else:
            start, end = sent.start, sent.end
        start, end = max(start, sent.start), min(end, sent.end)
        # the content is the clause without the according-to phrase
        if phrase_start - start <= 1:
            start = phrase_end
        elif end - phrase_end <= 2:
            end = phrase_start
        span = _span(doc, start, end)
        if span is None or len(span) < 2:
            continue
        cs, ce = _widen(doc, qi, span.start_char, span.end_char, None)
        cue = doc[tok.i : tok.i + 2]
        out.append(
            Candidate("according_to", _certainty(doc, [tok], cs, ce), source, cue, cs, ce, tok.i)
        )
    return out


# ----------------------------------------------------------------------------- cue nouns
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
        if poss is not None and poss.pos_ == "PRON" and maker is not None and _subject(maker):
            # "Greenpeace repeated its warning that …": the subject, not "its"
            source = _source_span(_subject(maker), tok)
        elif poss is not None:
            source = _span(doc, *_subtree(poss))
            if source is not None and source[-1].tag_ == "POS":
                source = _span(doc, source.start, source.end - 1)
        else:
            by = next(
                (c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("by", "from")), None
            )
            pobj = next((g for g in by.children if g.dep_ == "pobj"), None) if by else None
            if pobj is not None:
                source = _source_span(pobj)
            elif tok.dep_ == "dobj" and tok.head.lemma_.lower() in MAKER_VERBS:
                s = _subject(tok.head)
                if s is not None and s.dep_ == "nsubj":
                    source = _source_span(s)
        span = _span(doc, *_subtree(comp))
        if span is None:
            continue
        cs, ce = _widen(doc, qi, span.start_char, span.end_char, None)
        kind = "indirect" if source is not None else "unattributed"
        out.append(
            Candidate(
                kind, _certainty(doc, [tok], cs, ce), source, doc[tok.i : tok.i + 1], cs, ce, tok.i
            )
        )
    return out


# ----------------------------------------------------------------------------- sourceless
def adverb_claims(doc: Doc, qi: QuoteIndex) -> list[Candidate]:
    """ "Kim reportedly asked …": the clause, attributed to nobody and hedged."""
    out = []
    for tok in doc:
        if tok.lower_ not in cues.SOURCELESS_ADVERBS:
            continue
        head = tok.head
        span = _span(doc, *_subtree(head)) if head != tok else None
        if span is None:
            continue
        cs, ce = _widen(doc, qi, span.start_char, span.end_char, None)
        out.append(Candidate("unattributed", "hedged", None, doc[tok.i : tok.i + 1], cs, ce, tok.i))
    return out


# ----------------------------------------------------------------------------- quotations
def quote_claims(doc: Doc, qi: QuoteIndex, found: list[Candidate]) -> list[Candidate]:
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
                        _certainty(doc, [], q.start, q.end),
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
        intro = _colon_intro(doc, qi, q)
        if intro is not None:
            out.append(
                Candidate(
                    "direct",
                    _certainty(doc, [], q.start, q.end),
                    intro,
                    None,
                    q.start,
                    q.end,
                    span.start,
                )
            )
            continue
        prev = [c for c in claimed + out if c.content_end <= q.start and c.source is not None]
        if not prev:
            continue
        last = max(prev, key=lambda c: c.content_end)
        between = qi.text[last.content_end : q.start]
        if len(between) > 600 or len([p for p in between.split("\n") if p.strip()]) > 1:
            continue  # only the paragraph right after the speaker's last words runs on
        out.append(
            Candidate(
                "direct",
                _certainty(doc, [], q.start, q.end),
                last.source,
                None,
                q.start,
                q.end,
                span.start,
            )
        )
    return out


def _colon_intro(doc: Doc, qi: QuoteIndex, q: Quote) -> Span | None:
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
        if "\n" in tok.text or _is_mark(tok):
            break  # the introduction is in the quotation's own paragraph, outside other quotes
        if tok.pos_ in ("VERB", "AUX"):
            verbs.append(tok)
    # a cue verb names the speaker ("as Shaw explains:"); any other verb only its own subject
    verbs.sort(key=lambda t: t.lemma_.lower() not in cues.CUE_VERBS)
    for tok in verbs[:1]:
        subj = _subject(tok) or _inherited_subject(tok)
        if subj is None or subj.i >= colon.start or subj.dep_ == "nsubjpass":
            return None
        if subj.lower_ in EXPLETIVES or subj.lower_ in FIRST_SECOND_PERSON:
            return None
        if tok.lemma_.lower() not in cues.CUE_VERBS and subj.ent_type_ not in SPEAKER_TYPES:
            return None
        return _source_span(subj, tok)
    return None


def _covers(c: Candidate, start: int, end: int) -> bool:
    """Whether a claim already stands for most of a quotation."""
    inter = min(end, c.content_end) - max(start, c.content_start)
    return inter > 0.6 * (end - start)


COLON_LINE = re.compile(r"^[\"\u201c\s]*([^\n:\"\u201c]{2,60}?):[ \t]+(\S[^\n]*)$", re.M)


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
        colon = doc.char_span(m.end(1), m.end(1) + 1, alignment_mode="expand")
        cs, ce = m.start(2), m.end(2)
        while ce > cs and qi.text[ce - 1].isspace():
            ce -= 1
        kind = "direct" if _is_direct(qi, cs, ce) else "indirect"
        out.append(Candidate(kind, _certainty(doc, [], cs, ce), src, colon, cs, ce, src.start))
    return out


# ----------------------------------------------------------------------------- all together
def find_candidates(doc: Doc) -> list[Candidate]:
    qi = QuoteIndex(doc)
    found = verb_claims(doc, qi)
    found += according_claims(doc, qi)
    found += noun_claims(doc, qi)
    found += adverb_claims(doc, qi)
    # What a quotation itself attributes belongs to its speaker's words, not a claim of its own.
    found = [c for c in found if not _in_closed_quote(qi, doc[c.anchor].idx)]
    found += colon_claims(doc, qi)
    found = _dedupe(found)
    found += quote_claims(doc, qi, found)
    found.sort(key=lambda c: (c.content_start, c.anchor))
    return _dedupe(found)


def _in_closed_quote(qi: QuoteIndex, pos: int) -> bool:
    q = qi.inside(pos)
    return q is not None and q.closed


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
