import json

import pytest

from broadsheet.facts import SCHEMA, Claim, Entity, Facts, Mention, Part, Source, Span, norm_name


def make_facts() -> Facts:
    text = "Dmitry Peskov said that the train had crossed. “It is here,” he added."
    peskov = Entity(
        "e1",
        "person",
        "Dmitry Peskov",
        aliases=["Peskov"],
        roles=["Kremlin Press Secretary"],
        salience=0.5,
        mentions=[Mention(0, 13, "Dmitry Peskov"), Mention(61, 63, "he")],
    )
    claim = Claim(
        "c1",
        "indirect",
        "asserted",
        Source(0, 13, "Dmitry Peskov", "e1"),
        Span(14, 18, "said"),
        Span(19, 45, "that the train had crossed"),
    )
    unattributed = Claim("c2", "unattributed", "hedged", None, None, Span(47, 57, "“It is her"))
    return Facts(
        text=text,
        path="a.txt",
        title="A",
        pipeline="p-1+broadsheet-0.1.0",
        entities=[peskov],
        claims=[claim, unattributed],
        meta={"author": ["Jane Reporter"], "date": "2023-09-12"},
        warnings=["The saved page may hold only part of the article."],
    )


def test_json_round_trip_is_lossless():
    f = make_facts()
    data = json.loads(json.dumps(f.to_json()))
    assert data["schema"] == SCHEMA
    assert data["document"]["chars"] == len(f.text)
    assert data["document"]["sha256"] == f.sha256
    assert data["claims"][1]["source"] is None
    assert data["document"]["meta"]["author"] == ["Jane Reporter"]
    assert data["document"]["warnings"] == ["The saved page may hold only part of the article."]
    back = Facts.from_json(data)
    assert back == f


def test_an_older_library_with_one_author_string_reads_as_a_list():
    data = make_facts().to_json()
    data["document"]["meta"] = {"author": "Jane Reporter", "pages": "3"}
    del data["document"]["warnings"]
    back = Facts.from_json(data)
    assert back.meta == {"author": ["Jane Reporter"], "pages": "3"}
    assert back.warnings == []


def test_offsets_index_the_text():
    f = make_facts()
    for e in f.entities:
        for m in e.mentions:
            assert f.text[m.start : m.end] == m.text
    c = f.claims[0]
    assert f.text[c.source.start : c.source.end] == c.source.text
    assert f.text[c.content.start : c.content.end] == c.content.text


def test_other_schema_is_rejected():
    with pytest.raises(ValueError):
        Facts.from_json({"schema": "something/2", "text": ""})


def test_panels_sort_by_salience_and_claims_by_source():
    f = make_facts()
    f.entities.append(Entity("e2", "person", "Analyst", salience=0.9))
    assert [e.id for e in f.entities_of("person")] == ["e2", "e1"]
    assert [c.id for c in f.claims_by("e1")] == ["c1"]


@pytest.mark.parametrize(
    "a, b",
    [
        ("Kim Jong-un", "Kim Jong Un"),  # hyphens as spaces
        ("U.S.", "US"),  # dots in acronyms
        ("the U.S.’s", "US"),  # "the", curly quotes, possessives
        ("The  Kremlin", "kremlin"),
        ("Putin's", "Putin"),
        ("New People‘s Party", "New People Party"),
    ],
)
def test_one_name_key_for_spelling_variants(a, b):
    assert norm_name(a) == norm_name(b)


def test_mentions_are_grouped_with_the_key_the_library_looks_up():
    from broadsheet.nlp import names

    assert names.norm_text is norm_name


def test_a_discontinuous_span_keeps_its_parts_and_its_hull():
    text = '"Not over," Mr. Kelly said. "Strange things can happen."'
    content = Span(1, 55, text[1:55], parts=[Part(1, 9, "Not over"), Part(29, 55, text[29:55])])
    claim = Claim(
        "c1", "direct", "asserted", Source(12, 21, "Mr. Kelly"), Span(22, 26, "said"), content
    )
    f = Facts(text=text, claims=[claim])
    data = json.loads(json.dumps(f.to_json()))
    got = data["claims"][0]["content"]
    assert (got["start"], got["end"], got["text"]) == (1, 55, text[1:55])  # schema 1 readers
    assert got["parts"] == [
        {"start": 1, "end": 9, "text": "Not over"},
        {"start": 29, "end": 55, "text": "Strange things can happen."},
    ]
    assert "parts" not in data["claims"][0]["cue"]  # a continuous span has none
    back = Facts.from_json(data)
    assert back == f
    assert back.claims[0].content.shown == "Not over … Strange things can happen."
    assert back.claims[0].content.ranges == [(1, 9), (29, 55)]


def test_schema_1_documents_still_read():
    data = make_facts().to_json()
    data["schema"] = "broadsheet.facts/1"
    assert Facts.from_json(data) == make_facts()
    data["schema"] = "broadsheet.facts/9"
    with pytest.raises(ValueError):
        Facts.from_json(data)
