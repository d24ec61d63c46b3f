"""The cue lexicon: words that introduce what somebody said, reported, believes or wants.

Plain data plus two small lookups, so the lexicon can be read, extended and tested on its own.
Lemmas are spaCy lemmas (lower case). The lists are general English reporting and attitude
vocabulary (the kind of cue news attribution corpora annotate), not words fitted to one corpus.
"""

from __future__ import annotations

# Verbs of speech and report: the content is what was said.
SPEECH_VERBS = frozenset(
    """
    say tell add write ask note report announce state explain declare assert claim argue insist
    contend maintain deny confirm acknowledge admit concede reveal disclose comment remark observe
    mention emphasize emphasise stress reiterate repeat recall recount describe testify complain
    warn caution threaten promise pledge vow swear assure reassure remind inform notify advise
    tweet post blog retweet email text respond reply retort answer counter rebut joke quip boast
    brag allege charge accuse blame criticize criticise slam blast attack condemn decry denounce
    lament praise applaud hail thank credit defend dismiss reject question challenge dispute doubt
    urge call demand request plead beg implore propose suggest recommend predict forecast
    project estimate speculate signal hint imply indicate point cite quote continue conclude
    agree disagree concur proclaim affirm announce articulate stipulate specify clarify elaborate
    summarize summarise outline detail acknowledge preach lecture scream shout yell whisper
    mutter cry exclaim sigh muse wonder vent rail rant gush fret concede confess apologize
    apologise tout trumpet champion endorse back support oppose welcome label brand dub deem
    characterize characterise portray paint frame highlight underscore underline flag
    decline refuse reference rate rule issue approve encourage bemoan persuade envision present
    identify mock ridicule deride taunt insult lobby veto sing chant recount invoke
    acknowledge rebuke scold chide castigate berate fault knock pan hit
    discuss promote echo liken compare embrace pitch float push press advocate reaffirm
    """.split()
)

# The plainest verbs of saying (all in SPEECH_VERBS): a name that is their subject speaks, so it
# is a person or an organisation, not a place.
SAYING_VERBS = frozenset(
    "say tell claim state explain add argue insist allege recall write announce deny admit".split()
)

# Verbs of belief, feeling, expectation and intent: the content is what somebody holds true.
BELIEF_VERBS = frozenset(
    """
    believe think expect fear hope estimate suspect guess suppose assume presume reckon feel
    consider figure imagine worry anticipate trust doubt understand know realize realise
    recognize recognise see view regard judge find conclude determine decide learn discover
    want wish prefer intend plan seek aim desire demand
    """.split()
)

# Verbs whose subject is usually a document or a study rather than a person.
EVIDENCE_VERBS = frozenset(
    """
    show suggest indicate find reveal demonstrate prove confirm document highlight read
    """.split()
)

CUE_VERBS = SPEECH_VERBS | BELIEF_VERBS | EVIDENCE_VERBS

# Cues whose meaning is itself uncertain: the claim is held, not asserted as fact.
HEDGE_CUES = frozenset(
    """
    believe think expect fear hope estimate suspect guess suppose assume presume reckon feel
    imagine worry anticipate doubt speculate predict forecast project suggest hint imply
    seem appear allege wonder
    """.split()
)

# Words in a cue phrase or in the content that weaken it.
HEDGE_WORDS = frozenset(
    """
    may might could possibly perhaps probably likely unlikely reportedly allegedly apparently
    supposedly purportedly seemingly maybe presumably
    """.split()
)

# Nouns that name a statement or a belief: "the claim that …", "his warning that …".
CUE_NOUNS = frozenset(
    """
    claim statement warning belief assertion allegation argument suggestion fear hope promise
    pledge view report announcement insistence concern accusation charge assurance admission
    conclusion estimate prediction expectation assessment testimony comment remark suspicion
    theory notion idea contention position opinion insinuation speculation rumor rumour
    confirmation denial message threat vow demand call proposal recommendation guess
    """.split()
)

# Adverbs that attribute their clause to nobody in particular.
SOURCELESS_ADVERBS = frozenset({"reportedly", "allegedly", "purportedly", "supposedly"})

# Verbs whose indirect object is the hearer, not the content: "told the BBC that …".
HEARER_VERBS = frozenset(
    """
    tell inform notify assure reassure remind warn advise ask promise caution convince
    """.split()
)

# Verbs that take their content as a prepositional object: "called for …", "pointed to …".
PREP_CONTENT = {
    "call": {"for", "on"},
    "point": {"to", "out"},
    "talk": {"about"},
    "speak": {"about", "of", "on"},
    "complain": {"about", "of"},
    "worry": {"about"},
    "warn": {"of", "about", "against"},
    "ask": {"about", "for"},
    "argue": {"for", "against"},
    "push": {"for"},
    "advocate": {"for"},
    "hint": {"at"},
    "refer": {"to"},
    "boast": {"about", "of"},
    "brag": {"about"},
    "testify": {"about", "to"},
    "comment": {"on"},
    "insist": {"on"},
    "vote": {"for", "against"},
    "lash": {"out"},
    "rail": {"against"},
    "accuse": {"of"},
    "criticize": {"for"},
    "blame": {"for"},
    "praise": {"for"},
    "respond": {"to"},
    "reply": {"to"},
    "react": {"to"},
    "double": {"down"},
    "weigh": {"in"},
}


# Cue verbs whose plain object is no content ("called 911", "called a meeting"); they report
# only with a complement ("called him a liar") or a preposition ("called for calm").
NO_OBJECT_CONTENT = frozenset(("call",))


# Cues that report a statement or belief only with a clause ("knows that …", "continued: “…”");
# with a plain object they mean something else ("knows the area", "continues the work").
CLAUSE_ONLY = frozenset(
    """
    know see find understand feel continue think believe consider realize realise recognize
    recognise learn discover decide determine judge view regard read post maintain figure
    imagine guess trust doubt wonder conclude prove demonstrate document highlight
    """.split()
)


def is_cue_verb(lemma: str) -> bool:
    return lemma.lower() in CUE_VERBS


def is_hedge(word: str) -> bool:
    """A hedging cue or hedging word (lemma or surface form)."""
    w = word.lower()
    return w in HEDGE_CUES or w in HEDGE_WORDS
