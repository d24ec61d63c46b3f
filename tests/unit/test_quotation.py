"""Copy as Quotation: the quoted words once, the source by name and role, the outlet and date."""

import pytest

from broadsheet.facts import Claim, Entity, Facts, Mention, Part, Source, Span
from broadsheet.quotation import citation, long_date, quotation, quoted, source_parts

PESKOV = Entity(
    "e1",
    "person",
    "Dmitry Peskov",
    roles=["Kremlin spokesman"],
    salience=1.0,
    mentions=[Mention(0, 13, "Dmitry Peskov")],
)
TASS = {"author": ["Ann Lee"], "date": "2023-09-12", "source": "TASS"}


def _facts(text: str, *claims: Claim, meta=None, title="Talks in Vladivostok", ents=None) -> Facts:
    return Facts(
        text=text,
        path="/news/talks.txt",
        title=title,
        entities=[PESKOV] if ents is None else ents,
        claims=list(claims),
        meta=dict(TASS if meta is None else meta),
    )


def _span(text: str, words: str) -> Span:
    start = text.index(words)
    return Span(start, start + len(words), words)


def _claim(text, kind, source, cue, content, entity="e1") -> Claim:
    src = Source(**vars(_span(text, source)), entity=entity) if source else None
    return Claim(
        "c1", kind, "asserted", src, _span(text, cue) if cue else None, _span(text, content)
    )


def test_a_direct_quote_names_the_speaker_with_role_outlet_and_date():
    text = "“The talks were productive,” Kremlin spokesman Dmitry Peskov said on Tuesday."
    c = _claim(
        text, "direct", "Kremlin spokesman Dmitry Peskov", "said", "“The talks were productive,”"
    )
    assert quotation(c, _facts(text, c)) == (
        "“The talks were productive,” said Dmitry Peskov, the Kremlin spokesman "
        "(TASS, 12 September 2023)."
    )


def test_reported_speech_is_cited_as_reported_without_its_that_or_quote_marks():
    text = "Dmitry Peskov confirmed that the train had crossed the border."
    c = _claim(
        text, "indirect", "Dmitry Peskov", "confirmed", "that the train had crossed the border"
    )
    assert quotation(c, _facts(text, c)) == (
        "Dmitry Peskov, the Kremlin spokesman, confirmed the train had crossed the border "
        "(TASS, 12 September 2023)."
    )
    told = _claim(text, "indirect", "Dmitry Peskov", "confirmed", "the train had crossed")
    told.cue = Span(14, 23, "confirmed")
    assert "“" not in quotation(told, _facts(text, told))


def test_quote_marks_of_the_article_are_never_doubled():
    text = "The Kremlin said that Kim would discuss “sensitive issues.”"
    kremlin = Entity("e2", "organisation", "Kremlin", mentions=[Mention(4, 11, "Kremlin")])
    c = _claim(text, "indirect", "The Kremlin", "said", text[17:], entity="e2")
    q = quotation(c, _facts(text, c, ents=[kremlin]))
    # Reported speech keeps the article's own quotation, once.
    assert q == "The Kremlin said Kim would discuss “sensitive issues” (TASS, 12 September 2023)."
    assert quoted(_span(text, "“sensitive issues.”")) == "“sensitive issues.”"
    direct = "“We will discuss “sensitive issues,”” the Kremlin said."
    d = _claim(direct, "direct", "the Kremlin", "said", direct[:38], entity="e2")
    q = quotation(d, _facts(direct, d, ents=[kremlin]))
    assert q.count("“") == q.count("”") == 1
    assert "‘sensitive issues,’”" in q  # a quotation inside the quotation in single marks
    assert "said the Kremlin" in q


def test_the_quotation_opens_with_a_capital_also_after_a_nested_mark():
    text = "“‘politics in this town’ meant few options,” Dmitry Peskov admitted."
    c = _claim(
        text, "direct", "Dmitry Peskov", "admitted", "“‘politics in this town’ meant few options,”"
    )
    assert quotation(c, _facts(text, c)).startswith("“‘Politics in this town’ meant few options,”")


def test_a_formal_title_stands_before_the_name():
    ent = Entity("e1", "person", "Dmitry Peskov", roles=["Kremlin Press Secretary"])
    text = "Kremlin Press Secretary Dmitry Peskov said: “We are ready.”"
    c = _claim(text, "direct", "Kremlin Press Secretary Dmitry Peskov", "said", "“We are ready.”")
    q = quotation(c, _facts(text, c, ents=[ent]))
    assert q.startswith("“We are ready,” said Kremlin Press Secretary Dmitry Peskov (")


def test_a_role_with_its_own_article_keeps_it():
    ent = Entity("e1", "person", "Kim Dong-yup", roles=["a professor at the University"])
    text = "Kim Dong-yup, a professor at the University, said that supplies would come."
    c = _claim(text, "indirect", "Kim Dong-yup", "said", "that supplies would come")
    name, role = source_parts(c, _facts(text, c, ents=[ent]))
    assert (name, role) == ("Kim Dong-yup", "a professor at the University")


def test_a_quotation_introduced_by_a_colon_is_said():
    text = "Dmitry Peskov: “We are ready.”"
    c = _claim(text, "direct", "Dmitry Peskov", ":", "“We are ready.”")
    q = quotation(c, _facts(text, c))
    assert ":" not in q.split("(")[0] and "said Dmitry Peskov" in q


def test_a_source_no_entity_stands_for_reads_mid_sentence():
    text = "Analysts say Kim wants food. Russia, says Reuters, is ready."
    c = _claim(text, "indirect", "Analysts", "say", "Kim wants food", entity=None)
    assert quotation(c, _facts(text, c)).startswith("Analysts say Kim wants food (")
    quoted_text = "“Kim wants food,” analysts say. Russia, says Reuters, is ready."
    d = _claim(quoted_text, "direct", "analysts", "say", "“Kim wants food,”", entity=None)
    assert "say analysts (" in quotation(d, _facts(quoted_text, d))
    names = _claim(quoted_text, "direct", "Reuters", "says", "Russia", entity=None)
    assert "says Reuters (" in quotation(names, _facts(quoted_text, names))


def test_according_to_and_unattributed_claims():
    text = "The country has many shells, according to some estimates. It is believed Kim will go."
    c = _claim(
        text, "according_to", "some estimates", "according to", "The country has many shells", None
    )
    assert quotation(c, _facts(text, c)).startswith(
        "According to some estimates, the country has many shells ("
    )
    u = _claim(text, "unattributed", None, "is believed", "Kim will go", entity=None)
    assert quotation(u, _facts(text, u)) == "Kim will go (unattributed; TASS, 12 September 2023)."


def test_a_quote_in_parts_is_joined():
    text = '"Not over," Mr. Kelly said. "Strange things can happen."'
    content = Span(1, 55, text[1:55], parts=[Part(1, 9, "Not over"), Part(29, 55, text[29:55])])
    c = Claim(
        "c1", "direct", "asserted", Source(12, 21, "Mr. Kelly"), Span(22, 26, "said"), content
    )
    q = quotation(c, _facts(text, c, ents=[]))
    assert q.startswith("“Not over … Strange things can happen,” said Mr. Kelly (")


def test_without_outlet_or_date_the_title_or_the_file_says_where():
    text = "Dmitry Peskov said that talks went well."
    c = _claim(text, "indirect", "Dmitry Peskov", "said", "that talks went well")
    assert quotation(c, _facts(text, c, meta={})).endswith("(“Talks in Vladivostok”).")
    assert (
        citation(_facts(text, c, meta={"date": "2023-09"}, title="")) == "talks.txt, September 2023"
    )
    assert "()" not in quotation(c, _facts(text, c, meta={}))


@pytest.mark.parametrize(
    ("iso", "words"),
    [
        ("2023-09-12", "12 September 2023"),
        ("2023-09-12T06:30:00+03:00", "12 September 2023"),
        ("2023-01", "January 2023"),
        ("2023", "2023"),
        ("12 Sept. 2023", "12 Sept. 2023"),
        ("2023-13-01", "2023-13-01"),
        ("", ""),
    ],
)
def test_dates_read_as_a_reader_writes_them(iso, words):
    assert long_date(iso) == words


def test_the_sample_claims_quote_cleanly(sample_facts):
    """Every claim of the sample, as copied: one pair of double marks, no leading "that", and the
    source's name with its role when the facts know one."""
    for c in sample_facts.claims:
        q = quotation(c, sample_facts)
        assert q.count("“") == q.count("”") and "““" not in q and "””" not in q, q
        assert not q.lower().startswith("“that "), q
        ent = sample_facts.entity(c.source.entity) if c.source and c.source.entity else None
        if ent is not None:
            assert ent.name in q, q
            if ent.roles:
                assert ent.roles[0].lower() in q.lower(), q


def test_when_a_claim_was_made_reads_as_words():
    from broadsheet.facts import When
    from broadsheet.quotation import said_when

    tuesday = When("2023-09-12", "day", "sentence", Span(0, 10, "on Tuesday"), "article")
    assert said_when(tuesday) == "Said on 12 September 2023 (“on Tuesday”)"
    guess = When("2023-09-12", "day", "sentence", Span(0, 10, "on Tuesday"), "file")
    assert (
        said_when(guess) == "Said on 12 September 2023 (“on Tuesday”, counted from the file's date)"
    )
    assert said_when(When("1953", "year", "sentence", Span(0, 7, "in 1953"))) == (
        "Said in 1953 (“in 1953”)"
    )
    assert (
        said_when(When("2023-09-12", "day", "article")) == "12 September 2023, the article's date"
    )
    assert said_when(When("2023-09-12", "day", "file")) == "12 September 2023, the file's date"
    assert said_when(None) == ""
