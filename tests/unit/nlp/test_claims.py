"""The claims component: constructions, sources, certainty, quotations, and the sample article."""

from __future__ import annotations

from pathlib import Path

import pytest

from broadsheet.facts import Claim
from broadsheet.nlp import cues
from broadsheet.nlp.quotes import find_quotes

SEED = Path(__file__).resolve().parents[3] / "seeds" / "kim-jong-un-arrives-in-russia.txt"


def analyse(nlp, text: str):
    doc = nlp(text)
    return doc, list(doc._.bs_claims)


def claim_with(claims: list[Claim], content_part: str) -> Claim:
    """The claim whose content holds the given words (the first such claim)."""
    for c in claims:
        if content_part in c.content.text:
            return c
    found = [c.content.text for c in claims]
    raise AssertionError(f"no claim with content {content_part!r}: {found}")


def entity_name(doc, claim: Claim) -> str | None:
    if claim.source is None or claim.source.entity is None:
        return None
    return next(e.name for e in doc._.bs_entities if e.id == claim.source.entity)


def assert_offsets(text: str, claims: list[Claim]) -> None:
    for c in claims:
        for span in (c.source, c.cue, c.content):
            if span is not None:
                assert text[span.start : span.end] == span.text


# ----------------------------------------------------------------------------- the sample article
@pytest.fixture(scope="module")
def seed(nlp):
    text = SEED.read_text(encoding="utf-8")
    doc, claims = analyse(nlp, text)
    return text, doc, claims


def test_seed_offsets_ids_and_span_group(seed):
    text, doc, claims = seed
    assert_offsets(text, claims)
    assert [c.id for c in claims] == [f"c{i}" for i in range(1, len(claims) + 1)]
    assert len(doc.spans["claims"]) == len(claims)
    assert all(c.kind in ("direct", "indirect", "according_to", "unattributed") for c in claims)


@pytest.mark.parametrize(
    ("content", "source", "entity", "kind"),
    [
        ("will meet with President Vladimir Putin", "The Kremlin", "Kremlin", "indirect"),
        (
            "the armored train carrying Kim Jong Un",
            "Kremlin Press Secretary Dmitry Peskov",
            "Dmitry Peskov",
            "indirect",
        ),
        ("where Kim’s talks would be held", "Peskov", "Dmitry Peskov", "indirect"),
        ("the negotiations would be held", "he", "Dmitry Peskov", "indirect"),
        ("there will be an official banquet", "He", "Dmitry Peskov", "indirect"),
        ("the meeting between the two leaders", "The Kremlin", "Kremlin", "indirect"),
        ("Kim is looking to obtain these vital supplies", "Analysts", None, "indirect"),
        ("Russia was “not interested”", "the Kremlin", "Kremlin", "indirect"),
        ("could supply Russia with raw munitions", "Yona Ko and Derek Kay", "Yona Ko", "indirect"),
        ("Pyongyang may supply Russia with bullets", "Kim Dong-yup", "Kim Dong-yup", "indirect"),
        ("tens of millions of artillery shells", "some estimates", None, "according_to"),
        ("there could be a good stock", "Analysts", None, "indirect"),
        ("would not undermine North Korea’s defense", "Professor Kim", "Kim Dong-yup", "indirect"),
        ("Shoigu’s trip laid the groundwork", "Analysts", None, "indirect"),
        ("also visited Vladivostok", "the New York Times", "New York Times", "according_to"),
        (
            "the more they realize that they need each other",
            "Jean Mackenzie",
            "Jean Mackenzie",
            "indirect",
        ),
        ("the two countries are set to finalize", "The United States", "United States", "indirect"),
    ],
)
def test_seed_attributions(seed, content, source, entity, kind):
    _text, doc, claims = seed
    c = claim_with(claims, content)
    assert c.kind == kind
    assert c.source is not None and source in c.source.text
    assert entity_name(doc, c) == entity


def test_seed_washington_warning(seed):
    _text, doc, claims = seed
    c = next(c for c in claims if c.cue and "warned" in c.cue.text)
    assert c.source.text == "Washington"
    assert entity_name(doc, c) == "Washington"


def test_seed_unattributed_beliefs(seed):
    _text, _doc, claims = seed
    believed = claim_with(claims, "Kim could also ask Russia")
    assert believed.kind == "unattributed" and believed.source is None
    assert believed.certainty == "hedged"
    expected = claim_with(claims, "finalize an arms deal through which Pyongyang")
    assert expected.kind == "unattributed" and expected.certainty == "hedged"


def test_seed_certainty(seed):
    _text, _doc, claims = seed
    assert claim_with(claims, "there could be a good stock").certainty == "hedged"  # believe
    assert claim_with(claims, "Pyongyang may supply Russia").certainty == "hedged"  # may
    assert claim_with(claims, "the armored train carrying").certainty == "asserted"


# ----------------------------------------------------------------------------- constructions
def test_direct_quote_speaker_after_and_split_around_cue(nlp):
    text = "“We will not back down,” said Senator Jane Doe. “This fight is far from over.”"
    doc, claims = analyse(nlp, text)
    c = claim_with(claims, "We will not back down")
    assert c.kind == "direct"
    assert c.source.text == "Senator Jane Doe"
    assert "This fight is far from over" in c.content.text  # the quote continues after the cue
    assert_offsets(text, claims)


def test_direct_quote_speaker_before(nlp):
    _doc, claims = analyse(nlp, "Mayor Bob Smith said: “The bridge will reopen on Monday.”")
    c = claim_with(claims, "The bridge will reopen")
    assert c.kind == "direct" and c.source.text == "Mayor Bob Smith"
    assert c.content.text.startswith("“") and c.content.text.endswith("”")


def test_direct_quote_speaker_inside(nlp):
    text = "“The economy,” the minister said, “is growing faster than anyone expected.”"
    _doc, claims = analyse(nlp, text)
    c = claim_with(claims, "The economy")
    assert c.source.text == "the minister"
    assert "is growing faster" in c.content.text
    assert c.kind == "direct"


def test_quote_over_several_paragraphs(nlp):
    text = (
        "The senator spoke for an hour.\n\n"
        "“We have waited long enough for this law. The people deserve better.\n\n"
        "“Tomorrow we vote, and we will win,” Senator Mary Jones said.\n"
    )
    _doc, claims = analyse(nlp, text)
    c = claim_with(claims, "Tomorrow we vote")
    assert "We have waited long enough" in c.content.text
    assert c.source.text == "Senator Mary Jones"


def test_quote_paragraph_continues_last_speaker(nlp):
    text = (
        "“The plan is sound,” Governor Ann Lee said on Monday.\n\n"
        "“We have checked every number twice and the money is there.”\n"
    )
    _doc, claims = analyse(nlp, text)
    c = claim_with(claims, "We have checked every number")
    assert c.kind == "direct" and c.source.text == "Governor Ann Lee"


def test_stray_quote_mark_does_not_swallow_the_document(nlp):
    text = (
        "The council met on “Tuesday to discuss the budget.\n\n"
        "The mayor said that taxes would not rise.\n\n"
        "“We are in good shape,” the treasurer said.\n"
    )
    _doc, claims = analyse(nlp, text)
    assert claim_with(claims, "taxes would not rise").source.text == "The mayor"
    c = claim_with(claims, "We are in good shape")
    assert c.source.text == "the treasurer"
    assert "taxes" not in c.content.text


def test_reported_speech_with_hearer(nlp):
    _doc, claims = analyse(nlp, "Dr. Alice Wong told reporters that the vaccine might be ready.")
    c = claim_with(claims, "the vaccine might be ready")
    assert "reporters" not in c.content.text
    assert c.source.text == "Dr. Alice Wong"
    assert c.kind == "indirect" and c.certainty == "hedged"


def test_did_not_specify(nlp):
    _doc, claims = analyse(nlp, "The company did not specify where the factory would be built.")
    c = claim_with(claims, "where the factory would be built")
    assert c.source.text == "The company"
    assert "not" in c.cue.text


def test_content_before_cue(nlp):
    _doc, claims = analyse(nlp, "The talks have collapsed, a senior diplomat said on Friday.")
    c = claim_with(claims, "The talks have collapsed")
    assert c.source.text == "a senior diplomat"


def test_cue_noun_claim_that(nlp):
    _doc, claims = analyse(nlp, "Officials rejected the claim that the dam was unsafe.")
    c = claim_with(claims, "the dam was unsafe")
    assert c.content.text.startswith("that") or "claim that" in c.content.text


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Voters ignored the minister's warning that prices would rise.", "the minister"),
        ("Greenpeace repeated its warning that prices would rise.", "Greenpeace"),
    ],
)
def test_cue_noun_warning(nlp, text, source):
    _doc, claims = analyse(nlp, text)
    c = next(c for c in claims if c.cue and c.cue.text == "warning")
    assert c.source.text == source
    assert c.content.text == "that prices would rise"


def test_in_a_statement(nlp):
    _doc, claims = analyse(nlp, "In a statement, the ministry said the talks had collapsed.")
    c = claim_with(claims, "the talks had collapsed")
    assert c.source.text == "the ministry"


@pytest.mark.parametrize(
    ("text", "content", "source"),
    [
        (
            "Prices will rise sharply next year, according to the central bank.",
            "Prices will rise sharply next year",
            "the central bank",
        ),
        (
            "According to the report, unemployment fell to 4 percent.",
            "unemployment fell to 4 percent",
            "the report",
        ),
        (
            "The army withdrew, according to what the newspaper reported.",
            "The army withdrew",
            "the newspaper",
        ),
    ],
)
def test_according_to(nlp, text, content, source):
    _doc, claims = analyse(nlp, text)
    c = claim_with(claims, content)
    assert c.kind == "according_to"
    assert c.source.text == source
    assert "according" not in c.content.text.lower()


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("It is believed that the suspect fled the country.", "the suspect fled the country"),
        ("The president is expected to sign the bill on Friday.", "to sign the bill"),
        ("The minister reportedly resigned on Tuesday.", "resigned on Tuesday"),
    ],
)
def test_sourceless_attributions(nlp, text, content):
    _doc, claims = analyse(nlp, text)
    c = claim_with(claims, content)
    assert c.kind == "unattributed" and c.source is None
    assert c.certainty == "hedged"


@pytest.mark.parametrize(
    ("text", "content", "certainty"),
    [
        ("Economists estimate that growth will slow.", "growth will slow", "hedged"),
        ("The minister said the deal could collapse.", "the deal could collapse", "hedged"),
        ("The minister said the deal would likely collapse.", "would likely collapse", "hedged"),
        ("The minister said the deal has collapsed.", "the deal has collapsed", "asserted"),
        ("The police confirmed that two people died.", "two people died", "asserted"),
        ("Analysts think the bank might cut rates.", "the bank might cut rates", "hedged"),
    ],
)
def test_certainty(nlp, text, content, certainty):
    _doc, claims = analyse(nlp, text)
    assert claim_with(claims, content).certainty == certainty


def test_pronoun_source_resolves_to_last_person(nlp):
    text = (
        "Prime Minister Olaf Berg said the border would stay open. "
        "He added that more guards would be sent."
    )
    doc, claims = analyse(nlp, text)
    c = claim_with(claims, "more guards would be sent")
    assert c.source.text == "He"
    assert entity_name(doc, c) == "Olaf Berg"


def test_group_source_has_no_entity(nlp):
    doc, claims = analyse(nlp, "Analysts say the market will recover in Germany.")
    c = claim_with(claims, "the market will recover")
    assert c.source.text == "Analysts" and c.source.entity is None


def test_no_claims_in_plain_narrative(nlp):
    _doc, claims = analyse(nlp, "The train left the station at noon. It arrived in Berlin at six.")
    assert claims == []


def test_empty_text(nlp):
    doc, claims = analyse(nlp, "")
    assert claims == [] and list(doc.spans["claims"]) == []


# ----------------------------------------------------------------------------- quotations
def test_find_quotes_pairs_curly_and_straight_marks():
    text = 'He said “one two” and "three four" today.'
    spans = [text[q.start : q.end] for q in find_quotes(text)]
    assert spans == ["“one two”", '"three four"']


def test_find_quotes_stray_mark_stays_in_its_paragraph():
    text = "A stray “ mark here.\n\nThen “a real quote” follows.\n"
    spans = [text[q.start : q.end] for q in find_quotes(text)]
    assert "“a real quote”" in spans
    assert all("\n" not in s for s in spans)


def test_find_quotes_runs_over_paragraphs():
    text = "“First paragraph goes on.\n\n“Second one ends,” she said.\n"
    (q,) = find_quotes(text)
    assert text[q.start : q.end] == "“First paragraph goes on.\n\n“Second one ends,”"


def test_find_quotes_double_apostrophes():
    text = "''This isn't reform,'' he said."
    (q,) = find_quotes(text)
    assert text[q.start : q.end] == "''This isn't reform,''"


# ----------------------------------------------------------------------------- the cue lexicon
def test_cue_lexicon():
    for verb in (
        "say",
        "tell",
        "confirm",
        "announce",
        "warn",
        "add",
        "deny",
        "claim",
        "argue",
        "insist",
        "believe",
        "expect",
        "think",
        "fear",
        "hope",
        "estimate",
    ):
        assert cues.is_cue_verb(verb)
    assert not cues.is_cue_verb("eat")
    assert cues.is_hedge("believe") and cues.is_hedge("might") and cues.is_hedge("reportedly")
    assert not cues.is_hedge("say")
    assert {"claim", "warning", "statement"} <= cues.CUE_NOUNS


# ----------------------------------------------------------------------------- interrupted quotes
def test_a_quote_interrupted_by_its_attribution_is_one_claim_of_two_parts(nlp):
    text = (
        '"It is not over by any stretch," Mr. Kelly, a retired astronaut, said in an interview. '
        '"Strange things can happen in politics."'
    )
    _, claims = analyse(nlp, text)
    assert_offsets(text, claims)
    c = claim_with(claims, "not over")
    assert c.source is not None and c.source.text.startswith("Mr. Kelly")
    assert [p.text for p in c.content.parts] == [
        "It is not over by any stretch",
        "Strange things can happen in politics.",
    ]
    assert (
        c.content.shown == "It is not over by any stretch … Strange things can happen in politics."
    )
    for p in c.content.parts:  # no part of the attribution is what he said
        assert "Kelly" not in p.text and "said" not in p.text
        assert text[p.start : p.end] == p.text


def test_a_reported_clause_is_one_continuous_part(nlp):
    _, claims = analyse(nlp, "The senator said that the bill would pass.")
    assert claim_with(claims, "the bill would pass").content.parts == []


def test_an_adverb_before_the_cue_verb_is_part_of_the_cue(nlp):
    _, claims = analyse(nlp, "The senator also pointed out that the bill would cost billions.")
    assert claim_with(claims, "the bill would cost").cue.text == "also pointed out"


def test_a_source_keeps_its_relative_clause_before_the_cue(nlp):
    text = "Victor Cha, who served as Asia director under Bush, said that talks would fail."
    c = claim_with(analyse(nlp, text)[1], "talks would fail")
    assert c.source.text == "Victor Cha, who served as Asia director under Bush"


# ----------------------------------------------------------------------------- no false claims
@pytest.mark.parametrize(
    "text",
    [
        "She refused to give any more details about the case.",  # a refusal says nothing
        "Did Trump say that the election was rigged?",  # asked about, not reported
        "Why do experts believe the economy will slow?",
        "A sensitive document was found by a commuter on a bus.",  # found, not said
    ],
)
def test_refusals_questions_and_findings_of_things_are_not_claims(nlp, text):
    assert analyse(nlp, text)[1] == []


def test_a_headline_passive_names_the_accused_not_the_accuser(nlp):
    text = "Mark Meadows accused of timing retirement to cash in on lobbying\n\nThe story follows."
    c = claim_with(analyse(nlp, text)[1], "timing retirement")
    assert c.source is None and c.kind == "unattributed"
    assert c.content.shown.startswith("Mark Meadows")


def test_field_labels_are_no_speakers_but_names_and_polls_are(nlp):
    text = (
        "ACTION: The board will vote on the plan next week.\n"
        "SUMMARY: Costs rose sharply this year.\n"
        "WALLACE: Do you think the vote was fair?\n"
        "Poll: Clinton and Trump in dead heat heading into first debate\n"
    )
    sources = {c.source.text for c in analyse(nlp, text)[1] if c.source}
    assert "ACTION" not in sources and "SUMMARY" not in sources
    assert {"WALLACE", "Poll"} <= sources


def test_a_belief_inside_what_someone_says_is_the_speakers_claim(nlp):
    claims = analyse(nlp, "Smith said voters believe taxes are too high.")[1]
    assert [c.source.text for c in claims if c.source] == ["Smith"]
    assert claims[0].content.text == "voters believe taxes are too high"


def test_what_an_indirect_claim_reports_others_saying_stays_inside_it(nlp):
    text = "The Post reported that officials said the plan had failed."
    claims = analyse(nlp, text)[1]
    assert [c.source.text for c in claims] == ["The Post"]


def test_according_to_after_an_indirect_claim_stays_a_claim(nlp):
    text = "Bloomberg reports that the nominee won wealthy voters, according to the Roper Center."
    sources = {c.source.text for c in analyse(nlp, text)[1] if c.source}
    assert sources == {"Bloomberg", "the Roper Center"}


def test_a_short_tail_after_the_content_stays_with_it(nlp):
    text = (
        "He added that there will be an official banquet in Kim's honor, "
        "but no press conferences are scheduled."
    )
    c = claim_with(analyse(nlp, text)[1], "banquet")
    assert c.content.text.endswith("no press conferences are scheduled")


@pytest.mark.parametrize(
    "line",
    [
        "Editor's note: Donald Trump regularly incites political violence and lies.",
        "Figure 1: This is a duckling standing in the grass.",
        "Issue 4: The log command is missing from the output.",
        "Honorable mentions: Marjorie Prime, Phantom Thread and The Post.",
    ],
)
def test_labels_before_a_colon_are_no_speakers(nlp, line):
    claims = analyse(nlp, line + "\n\nThe story follows here.")[1]
    assert not [c for c in claims if c.cue and c.cue.text == ":"]


def test_find_quotes_takes_inch_marks_for_no_quotation():
    text = 'Grease a 9" pan and a 13" x 9" dish. Bake for 20 minutes and serve warm.'
    assert find_quotes(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "A neighbour who called 911 said she heard shots.",
        "The mayor called a meeting and said the roads would reopen.",
    ],
)
def test_a_phone_call_or_a_meeting_is_no_claim(nlp, text):
    claims = analyse(nlp, text)[1]
    assert [c.cue.text for c in claims if c.cue] == ["said"]


def test_advice_to_the_reader_is_no_claim(nlp):
    text = "You should aim to have 25 to 30 times your yearly expenses saved when you retire."
    assert analyse(nlp, text)[1] == []


@pytest.mark.parametrize(
    "line",
    [
        '- ^ Festa, Paul (May 6, 2003). "Mozilla\'s Firebird gets wings clipped". CNET.',
        "\u201cUntil Dawn: Rush of Blood\u201d ($20)",
    ],
)
def test_quoted_titles_in_a_list_are_no_ones_words(nlp, line):
    text = '"We will build it," Smith said at the launch.\n\n' + line + "\n"
    claims = analyse(nlp, text)[1]
    assert [c.content.text for c in claims] == ['"We will build it,"']


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Trump called for calm after the vote.", "called for"),
        ("She pointed to the falling prices.", "pointed to"),
        ("Officials have argued for years that the sanctions failed.", "have argued"),
        ("The report appeared to suggest that taxes rose.", "appeared to suggest"),
        ("He keeps saying the vote was rigged.", "keeps saying"),
    ],
)
def test_cues_are_marked_whole(nlp, text, cue):
    assert [c.cue.text for c in analyse(nlp, text)[1] if c.cue] == [cue]


def test_a_speaker_introducing_the_next_paragraph_has_the_verb_as_cue(nlp):
    text = 'He said:\n\n"We have a situation where our inner cities are in trouble."\n'
    (c,) = analyse(nlp, text)[1]
    assert (c.source.text, c.cue.text, c.kind) == ("He", "said", "direct")


def test_a_quotation_resumed_after_its_attribution_is_one_claim_in_two_parts(nlp):
    text = (
        "\u201cIt is a dog whistle to all Americans,\u201d Rep. Gwen Moore said Friday. "
        "\u201cIf indeed he is not legitimate, how can you feel good about yourself?\u201d"
    )
    (c,) = analyse(nlp, text)[1]
    assert c.source.text == "Rep. Gwen Moore"
    assert [p.text for p in c.content.parts] == [
        "It is a dog whistle to all Americans",
        "If indeed he is not legitimate, how can you feel good about yourself?",
    ]


def test_after_a_colon_the_content_runs_to_the_sentence_end(nlp):
    text = (
        "She notes that three things are happening at once: home values are rising in many "
        "parts of the country, interest rates are low and lenders are a bit looser than they "
        "were a few years ago."
    )
    c = claim_with(analyse(nlp, text)[1], "three things")
    assert c.content.text.endswith("a few years ago")


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("On Twitter, the senator accused Clinton of lying.", "Clinton of lying"),
        ("She blamed the mayor for the delays.", "the mayor for the delays"),
    ],
)
def test_who_is_accused_or_blamed_is_part_of_the_charge(nlp, text, content):
    (c,) = analyse(nlp, text)[1]
    assert c.content.text == content


def test_a_platform_is_where_it_was_said_not_who_said_it(nlp):
    (c,) = analyse(nlp, "Trump took to Twitter to accuse Clinton of lying.")[1]
    assert (c.source.text, c.content.text) == ("Trump", "Clinton of lying")


def test_the_end_of_a_quoted_title_over_two_lines_is_no_speaker(nlp):
    text = (
        "Chris Wallace reviewed the film.\n\n"
        '- ^ Kermode, Mark (2013). "Why I Love\nWallace: the perfect comedy, for ever"\n'
        ". the Guardian. Retrieved 2014-01-07.\n"
    )
    claims = analyse(nlp, text)[1]
    assert not [c for c in claims if c.cue and c.cue.text == ":"]


def test_a_deed_done_for_a_purpose_is_no_claim(nlp):
    text = "Kim needs money, oil and food to support his regime, which is suffering from sanctions."
    assert analyse(nlp, text)[1] == []
