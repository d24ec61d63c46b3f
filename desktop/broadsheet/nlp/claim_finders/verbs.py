"""Claims around cue verbs: the subject (or agent) as source, the complement as content."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .. import cues
from .quotations import QuoteIndex, adjacent_quote, in_closed_quote, is_direct, widen
from .spans import (
    CUE_PARTS,
    EXPLETIVES,
    Candidate,
    agent_of,
    certainty_of,
    clip_paragraph,
    cue_span,
    inherited_subject,
    is_mark,
    source_span,
    subject_of,
    subtree,
    token_span,
)

CONTENT_DEPS = ("ccomp", "xcomp", "oprd")


PRONOUN_OBJECTS = {"it", "this", "that", "so", "something", "anything", "nothing", "what", "which"}


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
            elif out and lemma not in cues.HEARER_VERBS:
                # "accused the government of stalling": who is accused is part of the charge
                out.extend(g for g in tok.children if g.dep_ == "dobj" and g.i < c.i)
    if out or lemma in cues.HEARER_VERBS:
        return out  # the object of "told the BBC" is the hearer
    objs = [
        c
        for c in tok.children
        if c.dep_ == "dobj"
        and c.lower_ not in PRONOUN_OBJECTS
        and c.ent_type_ not in ("DATE", "TIME")  # "called Friday": when, not what
    ]
    if lemma in cues.NO_OBJECT_CONTENT and not any(
        is_mark(t) or t.text == "\u2018" for c in tok.rights for t in c.subtree
    ):
        # "who called 911", "called a meeting": a call, not a claim (but a parse that misses
        # the name given, "calls Obamacare ‘crazy system’", still has its quotation)
        return []
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
    while left < tok.i and tok.doc[left].is_punct and not is_mark(tok.doc[left]):
        left += 1  # the comma before "he said" may hang on the cue
    if left - start < 2:
        return None
    between = tok.doc[left - 1]
    if between.text not in (",", "\u201d", '"', "\u2019", "--", "—") and not is_mark(between):
        return None
    end = left
    if head.right_edge.i > tok.right_edge.i + 3:
        end = head.right_edge.i + 1  # "A, he said, and B": both parts
    return start, end


# Verbs through which an infinitive cue still reports speech: "appeared to suggest".
INFINITIVE_HEADS = frozenset(
    "appear seem continue begin start refuse decline force go happen tend proceed rush "
    "hasten move get keep".split()
)


# Verbs that still say something when they are what the subject did something for ("took to
# Twitter to accuse …"); "support", "back" or "push" there are deeds ("needs money to support
# his regime").
PURPOSE_SPEECH = cues.SAYING_VERBS | frozenset(
    "accuse warn criticize criticise denounce condemn tweet complain urge demand praise".split()
)


# Passive cues that attribute to nobody: "X is expected to …", "it is believed that …".
SOURCELESS_PASSIVES = frozenset(
    "expect believe say think report rumor rumour know estimate predict project".split()
)


def verb_claims(
    doc: Doc, qi: QuoteIndex, cue_verbs: frozenset[str] = cues.CUE_VERBS
) -> list[Candidate]:
    """Claims around cue verbs: subject (or agent) as source, complement as content."""
    out: list[Candidate] = []
    for tok in doc:
        if tok.pos_ != "VERB" or tok.dep_ in ("amod", "compound"):
            continue
        lemma = tok.lemma_.lower()
        if lemma not in cue_verbs and not _that_clause(tok):
            continue
        if in_closed_quote(qi, tok.idx):
            continue  # "… he says he is …" inside a quotation: its speaker says all of it
        subj = subject_of(tok)
        if (
            subj is None
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
            and not (
                lemma in cues.SPEECH_VERBS
                and (
                    tok.head.lemma_.lower() in INFINITIVE_HEADS
                    or (tok.dep_ == "advcl" and lemma in PURPOSE_SPEECH)
                )
            )
        ):
            # "wants to know", "money to support": an intention, not an attribution; but
            # "appeared to suggest", "declined to say" and "took to Twitter to accuse" (what
            # the subject did it for) still report speech
            continue
        if _in_according(tok):
            continue  # "according to what X reported" is one according-to claim
        if _refusal(tok, lemma) or _question(doc, qi, tok) or _advice(tok, subj):
            continue
        passive = subj if subj is not None and subj.dep_ == "nsubjpass" else None  # its subject
        ranges = [subtree(c) for c in _complements(tok)]
        if not ranges:
            left = _left_content(tok)
            ranges = [left] if left is not None else []
        if (
            not ranges
            and passive is not None
            and agent_of(tok) is not None
            and passive.lower_ not in EXPLETIVES
            and lemma in cues.SPEECH_VERBS
        ):
            ranges = [subtree(passive)]  # "The issue was first reported by the Post"
        if not ranges:
            q = adjacent_quote(qi, tok)
            qspan = doc.char_span(q.start, q.end, alignment_mode="expand") if q else None
            ranges = [(qspan.start, qspan.end)] if qspan is not None else []
        if not ranges:
            continue
        start, end = min(r[0] for r in ranges), max(r[1] for r in ranges)
        if start > tok.i:
            end = _to_sentence_end(doc, tok, _run_on(tok, end, cue_verbs), cue_verbs)
        start, end = clip_paragraph(doc, tok, start, end)
        span = token_span(doc, start, end)
        if span is None or (len(span) == 1 and span[0].pos_ == "PRON"):
            continue  # "what was confirmed": the content is elsewhere
        cue_toks = [tok] + [c for c in tok.children if c.dep_ in CUE_PARTS]
        cue_toks += _cue_edges(doc, tok)
        cue_toks += _content_prep(doc, tok, lemma)
        cue_toks += _infinitive_head(tok)
        sourceless = False
        if passive is not None:
            agent = agent_of(tok)
            if agent is not None:
                source = source_span(agent, tok)
            elif passive.lower_ in EXPLETIVES or lemma in SOURCELESS_PASSIVES:
                source, sourceless = None, True
                if passive.lower_ not in EXPLETIVES:
                    # "X is expected to …": the subject belongs to the content.
                    span = token_span(doc, min(passive.left_edge.i, span.start), span.end) or span
            else:
                continue
        elif subj is not None and _headline_passive(tok, subj):
            # "Mark Meadows accused of timing retirement …": Meadows is who is accused; who
            # accuses is not said. Its content holds him and what he is accused of.
            source, sourceless = None, True
            span = token_span(doc, min(subj.left_edge.i, span.start), span.end) or span
        elif subj is not None:
            if subj.lower_ == "there":
                continue  # (an active "it" is a source: "It says the campaign violated …")
            source = source_span(subj, tok)
        else:
            inh = inherited_subject(tok)
            if inh is None or inh.lower_ in EXPLETIVES:
                continue
            source = source_span(inh, tok)
        if source is None and not sourceless:
            source = _paragraph_lead(doc, tok)
            sourceless = source is None
        cs, ce = widen(doc, qi, span.start_char, span.end_char, tok)
        if sourceless:
            # hearsay with no one behind it is held, not asserted ("it is said that …")
            kind, certainty = "unattributed", "hedged"
        else:
            kind = "direct" if is_direct(qi, cs, ce) else "indirect"
            certainty = certainty_of(doc, cue_toks, cs, ce)
        out.append(Candidate(kind, certainty, source, cue_span(doc, cue_toks), cs, ce, tok.i))
    return out


def _headline_passive(tok: Token, subj: Token) -> bool:
    """A past participle with a subject and no auxiliary: a headline's passive ("X accused of
    …", "Y told to resign"), which the parser reads as active."""
    if not (
        tok.tag_ == "VBN"
        and subj.dep_ == "nsubj"
        and subj.i < tok.i
        and not any(c.dep_ in ("aux", "auxpass") for c in tok.children)
    ):
        return False
    doc = tok.doc
    end = tok.i  # the line's last word
    while end + 1 < len(doc) and "\n" not in doc[end].whitespace_ and not doc[end + 1].is_space:
        end += 1
    return doc[end].text[-1] not in ".!?\"\u201d'"  # a headline ends without a full stop


# Refusing or declining to say is no claim of what was not said ("declined to give details").
REFUSALS = frozenset(("refuse", "decline"))


def _refusal(tok: Token, lemma: str) -> bool:
    """ "She refused to give details": the refusal is the cue and what follows no content
    ("declined to say whether …" still reports, through "say")."""
    return lemma in REFUSALS


# Modals that make "you" the reader told what to do: "you should aim to save …".
ADVICE_MODALS = frozenset(("should", "must", "ought", "need"))


def _advice(tok: Token, subj: Token | None) -> bool:
    """Advice to the reader is no one's claim: "You should aim to have 25 times your expenses"."""
    return (
        subj is not None
        and subj.lower_ == "you"
        and any(c.dep_ == "aux" and c.lower_ in ADVICE_MODALS for c in tok.children)
    )


def _question(doc: Doc, qi: QuoteIndex, tok: Token) -> bool:
    """The cue is asked about, not reported ("Did Trump say that …?"): its sentence, outside
    any quotation, ends with a question mark."""
    sent = tok.sent
    last = sent.end - 1
    while last > sent.start and (doc[last].is_space or doc[last].text in ('"', "\u201d", "'")):
        last -= 1
    return doc[last].text == "?" and qi.inside(doc[last].idx) is None


def _cue_edges(doc: Doc, tok: Token) -> list[Token]:
    """Adverbs right before the cue verb belong to the cue, as annotators mark it ("also points
    out", "boldly suggested")."""
    out: list[Token] = []
    i = tok.i - 1
    while i >= 0 and doc[i].dep_ == "advmod" and doc[i].head == tok and doc[i].pos_ == "ADV":
        out.append(doc[i])
        i -= 1
    return out


_TIME_NOUNS = frozenset("year month week day decade hour minute time".split())


def _content_prep(doc: Doc, tok: Token, lemma: str) -> list[Token]:
    """The preposition that brings in the content or its addressee is part of the cue, as
    annotators mark it ("called for", "called on X to", "pointed to"), when it follows the verb;
    one of time is not ("argued for years that …")."""
    preps = cues.PREP_CONTENT.get(lemma, set())
    nxt = tok.i + 1
    if nxt < len(doc) and doc[nxt].head == tok and doc[nxt].dep_ == "prep":
        objs = [g for g in doc[nxt].children if g.dep_ in ("pobj", "pcomp")]
        timed = any(g.ent_type_ in ("DATE", "TIME") or g.lemma_ in _TIME_NOUNS for g in objs)
        if doc[nxt].lower_ in preps and not timed:
            return [doc[nxt]]
    return []


def _infinitive_head(tok: Token) -> list[Token]:
    """ "appeared to suggest", "keeps saying": the verb the cue hangs on is part of the cue."""
    head = tok.head
    if tok.dep_ != "xcomp" or head.i > tok.i or head.lemma_.lower() not in INFINITIVE_HEADS:
        return []
    return [head] + [c for c in head.children if c.dep_ in ("aux", "neg") and c.i < head.i]


def _paragraph_lead(doc: Doc, tok: Token) -> Span | None:
    """The words between a paragraph start and its cue, when the parser hung the real subject on
    a line before ("5:45 p.m.\n\nPresident Obama says …")."""
    i = tok.i
    while i > 0 and "\n" not in doc[i - 1].text:
        i -= 1
    end = min([tok.i, *[c.i for c in tok.lefts if c.dep_ in ("aux", "neg", "advmod")]])
    lead = token_span(doc, i, end)
    if lead is None or len(lead) > 10 or not any(t.pos_ in ("PROPN", "NOUN") for t in lead):
        return None
    return lead


def _run_on(tok: Token, end: int, cue_verbs: frozenset[str]) -> int:
    """Content after a cue goes on through the cue's later modifiers and coordinated clauses
    ("said A, but could not B"), up to another cue ("…, adding that …")."""
    for child in tok.rights:
        if child.i < end:
            continue
        if child.dep_ not in ("conj", "advcl", "prep", "npadvmod", "advmod", "cc", "punct"):
            break
        if child.pos_ == "VERB" and child.lemma_.lower() in cue_verbs:
            break
        if child.dep_ == "conj" and any(g.dep_ in ("nsubj", "nsubjpass") for g in child.children):
            break  # "said A, and its shares fell": the writer's own clause
        if child.dep_ not in ("cc", "punct"):
            end = child.right_edge.i + 1
    return end


def _to_sentence_end(doc: Doc, tok: Token, end: int, cue_verbs: frozenset[str]) -> int:
    """A short tail left after the content ("…, if they were taxed properly") is still part of
    what was said, unless it holds a cue of its own or a quotation's speaker."""
    sent_end = tok.sent.end
    while sent_end > end and doc[sent_end - 1].is_space:
        sent_end -= 1  # the paragraph's line break ends the sentence, it is no part of it
    rest = doc[end:sent_end]
    # after a colon or a dash the sentence spells out what came before it, however long
    limit = len(rest) if rest and rest[0].text in (":", "—", "–", "--") else 12
    if not 0 < len(rest) <= limit or "\n" in rest.text:
        return end
    if any(t.pos_ == "VERB" and t.lemma_.lower() in cue_verbs for t in rest):
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
