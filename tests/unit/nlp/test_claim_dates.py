"""Each claim dated by its own sentence, else by the article's date; the text's dates resolved."""

import pytest

from broadsheet.facts import Article, Claim, Span, When
from broadsheet.nlp.dating import article_date, date_facts
from broadsheet.nlp.extract import analyse

TUESDAY = {"date": "2023-09-12"}


def _claims(nlp, text: str, meta: dict) -> list[Claim]:
    [facts] = analyse(nlp, [Article(text=text, meta=meta)])
    return facts.claims


def _by_cue(claims: list[Claim], cue: str) -> Claim:
    return next(c for c in claims if c.cue and c.cue.text == cue)


def test_a_claim_takes_the_date_its_sentence_gives_the_cue(nlp):
    text = (
        "Dmitry Peskov said on Monday that the train had crossed the border.\n\n"
        "The Kremlin announced that talks would be held next week."
    )
    claims = _claims(nlp, text, TUESDAY)
    said = _by_cue(claims, "said")
    w = said.when
    assert (w.date, w.precision, w.basis, w.counted_from) == (
        "2023-09-11",
        "day",
        "sentence",
        "article",
    )
    assert w.words.text == text[w.words.start : w.words.end] and "Monday" in w.words.text
    # "next week" is when the talks are, not when it was announced: the article's date.
    announced = _by_cue(claims, "announced")
    assert announced.when == When("2023-09-12", "day", "article")


def test_without_a_date_of_its_own_the_file_date_dates_and_says_so(nlp):
    text = "Dmitry Peskov said on Monday that the train had crossed the border."
    said = _by_cue(_claims(nlp, text, {"modified": "2023-09-12"}), "said")
    assert (said.when.date, said.when.counted_from) == ("2023-09-11", "file")
    dated = _claims(nlp, "In 1953, Kim said that the war was over.", {})
    assert [(c.when.date, c.when.precision, c.when.counted_from) for c in dated] == [
        ("1953", "year", "")  # a written year needs no article date
    ]
    undated = _claims(nlp, "Dmitry Peskov said on Monday that talks went well.", {})
    assert all(c.when is None for c in undated)  # a Monday of no known week


def test_the_texts_dates_are_resolved_against_the_article(nlp):
    text = "The war ended in 1953. Kim arrived on Tuesday, after three years of talks."
    [facts] = analyse(nlp, [Article(text=text, meta=TUESDAY)])
    got = {(d.text, d.date, d.precision) for d in facts.dates}
    assert ("1953", "1953", "year") in got
    assert any(d == "2023-09-12" and p == "day" for _, d, p in got)  # "Tuesday", that day
    assert not any("three years" in t for t, _, _ in got)  # a stretch of time is no date


def test_date_facts_fill_claims_in_place():
    c = Claim("c1", "indirect", "asserted", None, None, Span(0, 4, "talk"))
    c.when = When("", "", "sentence", Span(10, 17, "Tuesday"))
    dates = date_facts([Span(10, 17, "Tuesday")], [c], TUESDAY)
    assert [(d.date, d.precision) for d in dates] == [("2023-09-12", "day")]
    assert c.when == When("2023-09-12", "day", "sentence", Span(10, 17, "Tuesday"), "article")
    assert article_date({"date": "2023-09-12T08:00:00Z"})[1] == "article"
    assert article_date({"modified": "2024-01-02"})[1] == "file"
    assert article_date({"date": "Tuesday"}) is None


@pytest.mark.parametrize("meta", [{}, {"date": "not a date"}])
def test_without_any_date_only_written_years_resolve(meta):
    dates = date_facts([Span(0, 4, "1953"), Span(10, 17, "Tuesday")], [], meta)
    assert [d.text for d in dates] == ["1953"]
