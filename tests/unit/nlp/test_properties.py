"""Property tests over the extraction: any text gives facts whose offsets are valid.

The model is slow, so the examples are few and share the session's loaded pipeline; the
strategies mix news-like fragments (names, cue verbs, quotes) with arbitrary Unicode, so the
components' rules actually fire on odd input.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from broadsheet.facts import Article, Facts
from broadsheet.nlp.extract import analyse

FRAGMENTS = [
    "Angela Merkel", "Dmitry Peskov", "the Kremlin", "Berlin", "He", "she", "they", "Analysts",
    " said that ", " told reporters ", " believes ", " may ", " according to ", "reportedly",
    "\u201c", "\u201d", '"', "'", ": ", ". ", ", ", "\n", "\n\n", " ", "\t", "\u00a0", "\u200b",
    "e\u0301", "\U0001f4f0", "\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627",
    "\u6771\u4eac", "Mr.", "U.S.", "(", ")", "\u2014", "\r\n", "\ufeff",
]  # fmt: skip
news_like = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=40).map(
    "".join
)
anything = st.text(max_size=300)


def check(facts: Facts, text: str) -> None:
    assert facts.text == text
    for e in facts.entities:
        assert e.mentions
        for m in e.mentions:
            assert text[m.start : m.end] == m.text
    ids = {e.id for e in facts.entities}
    for c in facts.claims:
        for part in (c.source, c.cue, c.content):
            if part is not None:
                assert 0 <= part.start <= part.end <= len(text)
                assert text[part.start : part.end] == part.text
        if c.source is not None and c.source.entity is not None:
            assert c.source.entity in ids


SETTINGS = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)


@SETTINGS
@given(text=st.one_of(news_like, anything))
def test_any_text_gives_valid_facts(analyzer_session, text):
    [facts] = analyse(analyzer_session.nlp(), [Article(text=text)])
    check(facts, text)


@settings(SETTINGS, max_examples=10)
@given(text=news_like, chunk=st.integers(min_value=2, max_value=60))
def test_any_chunking_gives_valid_facts(analyzer_session, text, chunk):
    [facts] = analyse(analyzer_session.nlp(), [Article(text=text)], chunk_chars=chunk)
    check(facts, text)
