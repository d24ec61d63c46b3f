"""Claims about an entity, and the links claims make between people and organisations."""

from broadsheet.about import UNATTRIBUTED, by_source, claims_about, edges, named_in
from broadsheet.facts import Claim, Entity, Facts, Mention, Part, Source, Span

TEXT = (
    "Dmitry Peskov said that Kim Jong Un had crossed the border. "  # 0
    "Analysts say Peskov and the Kremlin were caught off guard. "  # 60
    "It is believed that Moscow wants shells. "  # 119
    "“Kim is welcome,” Putin said, “in Moscow.”"  # 160
)


def _span(words: str, after: int = 0) -> Span:
    start = TEXT.index(words, after)
    return Span(start, start + len(words), words)


def _mention(words: str, after: int = 0) -> Mention:
    s = _span(words, after)
    return Mention(s.start, s.end, s.text)


def _facts() -> Facts:
    peskov = Entity(
        "e1",
        "person",
        "Dmitry Peskov",
        mentions=[_mention("Dmitry Peskov"), _mention("Peskov", 60)],
    )
    kim = Entity(
        "e2", "person", "Kim Jong Un", mentions=[_mention("Kim Jong Un"), _mention("Kim", 160)]
    )
    kremlin = Entity("e3", "organisation", "Kremlin", mentions=[_mention("Kremlin")])
    moscow = Entity("e4", "place", "Moscow", mentions=[_mention("Moscow"), _mention("Moscow", 170)])
    putin = Entity("e5", "person", "Putin", mentions=[_mention("Putin")])
    c1 = Claim(
        "c1",
        "indirect",
        "asserted",
        Source(**vars(_span("Dmitry Peskov")), entity="e1"),
        _span("said"),
        _span("that Kim Jong Un had crossed the border"),
    )
    c2 = Claim(
        "c2",
        "indirect",
        "asserted",
        Source(**vars(_span("Analysts"))),
        _span("say"),
        _span("Peskov and the Kremlin were caught off guard"),
    )
    c3 = Claim(
        "c3",
        "unattributed",
        "hedged",
        None,
        _span("is believed"),
        _span("that Moscow wants shells"),
    )
    first, second = _span("Kim is welcome"), _span("in Moscow.")
    quote = Span(
        first.start,
        second.end,
        TEXT[first.start : second.end],
        parts=[
            Part(first.start, first.end, first.text),
            Part(second.start, second.end, second.text),
        ],
    )
    c4 = Claim(
        "c4",
        "direct",
        "asserted",
        Source(**vars(_span("Putin")), entity="e5"),
        _span("said", 160),
        quote,
    )
    return Facts(text=TEXT, entities=[peskov, kim, kremlin, moscow, putin], claims=[c1, c2, c3, c4])


def test_a_claim_is_about_whom_its_content_names():
    f = _facts()
    assert [c.id for c in claims_about(f, "e2")] == ["c1", "c4"]  # a quote's part names Kim
    assert [c.id for c in claims_about(f, "e1")] == ["c2"]  # not c1, which Peskov made
    assert [c.id for c in claims_about(f, "e4")] == ["c3", "c4"]
    assert claims_about(f, "e5") == [] and claims_about(f, "nobody") == []
    # Words between a quotation's parts ("Putin said") are no part of what was said.
    assert [e.name for e in named_in(f.claims[3], f)] == ["Kim Jong Un", "Moscow"]


def test_claims_about_are_grouped_by_who_made_them():
    f = _facts()
    groups = by_source(claims_about(f, "e4"), f)
    assert [(name, [c.id for c in cs]) for name, cs in groups] == [
        ("Putin", ["c4"]),
        (UNATTRIBUTED, ["c3"]),
    ]
    assert by_source(claims_about(f, "e1"), f)[0][0] == "Analysts"  # the words, no entity


def test_links_go_from_a_source_to_whom_it_talks_about_and_between_those_named_together():
    got = {(e.a, e.b, e.directed): e.claims for e in edges(_facts())}
    assert got == {
        ("e1", "e2", True): ["c1"],  # Peskov said something about Kim
        ("e5", "e2", True): ["c4"],  # Putin about Kim (Moscow is a place: no link)
        ("e1", "e3", False): ["c2"],  # Peskov and the Kremlin named together
    }
