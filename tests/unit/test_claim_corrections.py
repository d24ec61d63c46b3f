"""Claim corrections: kept by the content's offsets, applied to any analysis of the text."""

import copy

import pytest

from broadsheet import corrections as corr
from broadsheet.facts import Claim, Entity, Facts, Mention, Source, Span

TEXT = (
    "Dmitry Peskov confirmed the train had crossed. He said talks would follow. "
    "Our Standards: The Thomson Reuters Trust Principles. Analysts expect a deal soon."
)


def span(words, cls=Span, after=0, **kw):
    i = TEXT.index(words, after)
    return cls(i, i + len(words), words, **kw)


def facts(shift=0) -> Facts:
    """``shift``: a newer analysis, whose contents are a character shorter at the end and
    whose ids differ."""
    peskov = Entity("e1", "person", "Dmitry Peskov", mentions=[span("Dmitry Peskov", Mention)])
    reuters = Entity(
        "e2", "organisation", "Thomson Reuters", mentions=[span("Thomson Reuters", Mention)]
    )
    if shift:
        peskov.id, reuters.id = "e7", "e8"

    def content(words):
        s = span(words)
        return Span(s.start, s.end - shift, s.text[: len(s.text) - shift])

    claims = [
        Claim(
            "c1",
            "indirect",
            "asserted",
            span("Dmitry Peskov", Source, entity=peskov.id),
            span("confirmed"),
            content("the train had crossed"),
        ),
        Claim(
            "c2",
            "indirect",
            "asserted",
            span("He", Source),
            span("said"),
            content("talks would follow"),
        ),
        Claim(
            "c3",
            "unattributed",
            "asserted",
            None,
            None,
            content("The Thomson Reuters Trust Principles"),
        ),
    ]
    if shift:
        for c in claims:
            c.id = "c1" + c.id
    return Facts(text=TEXT, pipeline=f"m-{shift}", entities=[peskov, reuters], claims=claims)


def claim(f, words):
    return next(c for c in f.claims if c.content.text.startswith(words))


def test_not_a_claim_removes_it_and_leaves_the_input_alone():
    f = facts()
    before = copy.deepcopy(f)
    out = corr.apply(f, [corr.not_a_claim(claim(f, "The Thomson"))])
    assert f == before
    assert [c.content.text for c in out.claims] == ["the train had crossed", "talks would follow"]


def test_change_source_to_an_entity_takes_its_mention_before_the_claim():
    f = facts()
    peskov = f.entities[0]
    out = corr.apply(f, [corr.claim_source(claim(f, "talks"), corr.source_of(peskov))])
    c = claim(out, "talks")
    assert (c.source.entity, c.source.text) == ("e1", "Dmitry Peskov")
    assert out.claims_by("e1") == [claim(out, "the train"), c]


def test_change_source_to_a_typed_name_finds_it_near_the_claim():
    f = facts()
    out = corr.apply(
        f, [corr.claim_source(claim(f, "The Thomson"), corr.source_of(name="Analysts"))]
    )
    c = claim(out, "The Thomson")
    assert (c.source.text, c.source.start, c.source.entity) == (
        "Analysts",
        TEXT.index("Analysts"),
        None,
    )
    assert c.kind == "indirect"  # an unattributed claim given a source is reported by it
    # A name the text does not hold is kept as typed, with an empty range at the claim.
    out = corr.apply(f, [corr.claim_source(claim(f, "talks"), corr.source_of(name="The Kremlin"))])
    c = claim(out, "talks")
    assert (c.source.text, c.source.start, c.source.end) == ("The Kremlin",) + (
        c.content.start,
    ) * 2
    # No source: unattributed.
    out = corr.apply(f, [corr.claim_source(claim(f, "talks"), None)])
    assert (claim(out, "talks").source, claim(out, "talks").kind) == (None, "unattributed")


def test_kind_and_certainty():
    f = facts()
    c = claim(f, "talks")
    out = corr.apply(f, [corr.claim_kind(c, "direct"), corr.claim_certainty(c, "hedged")])
    assert (claim(out, "talks").kind, claim(out, "talks").certainty) == ("direct", "hedged")
    out = corr.apply(f, [corr.claim_kind(c, "unattributed")])
    assert claim(out, "talks").source is None
    with pytest.raises(ValueError):
        corr.claim_kind(c, "rumour")


def test_add_a_claim_from_a_selection_with_source_and_cue():
    f = facts()
    s = TEXT.index("a deal soon")
    add = corr.add_claim(
        f,
        s - 1,
        s + len("a deal soon"),
        corr.source_of(name="Analysts"),
        cue="expect",
        certainty="hedged",
    )
    out = corr.apply(f, [add])
    c = claim(out, "a deal soon")
    assert (c.content.start, c.content.text) == (s, "a deal soon")  # the spaces trimmed
    assert (c.source.text, c.cue.text, c.cue.start) == ("Analysts", "expect", TEXT.index("expect"))
    assert (c.kind, c.certainty, c.id) == ("indirect", "hedged", "c4")
    assert [x.id for x in out.claims] == ["c1", "c2", "c3", "c4"]  # in text order
    with pytest.raises(ValueError):
        corr.add_claim(f, s, s, None)


def test_claim_corrections_survive_reanalysis(tmp_path):
    from broadsheet.store.library import Library

    lib = Library(tmp_path)
    old = facts()
    lib.put(old)
    s = TEXT.index("a deal soon")
    for c in (
        corr.not_a_claim(claim(old, "The Thomson")),
        corr.claim_source(claim(old, "talks"), corr.source_of(old.entities[0])),
        corr.claim_certainty(claim(old, "the train"), "hedged"),
        corr.add_claim(old, s, s + 11, corr.source_of(name="Analysts"), "expect"),
    ):
        lib.add_correction(old.sha256, c)
    new = facts(shift=1)  # other ids, contents a character shorter
    out = corr.apply(new, lib.corrections(new.sha256))
    assert [c.content.text for c in out.claims] == [
        "the train had crosse",
        "talks would follo",
        "a deal soon",
    ]
    assert claim(out, "talks").source.entity == "e7"
    assert claim(out, "the train").certainty == "hedged"
    # An added claim the newer analysis finds itself is not doubled.
    new.claims.append(
        Claim("c99", "indirect", "asserted", None, None, Span(s, s + 11, "a deal soon"))
    )
    out = corr.apply(new, lib.corrections(new.sha256))
    assert [c.content.text for c in out.claims].count("a deal soon") == 1


def test_each_claim_correction_says_what_it_did():
    f = facts()
    c = claim(f, "The Thomson")
    assert corr.not_a_claim(c).describe() == "Not a claim: “The Thomson Reuters Trust Principles”"
    assert corr.claim_source(claim(f, "talks"), corr.source_of(f.entities[0])).describe() == (
        "Claim “talks would follow”: source “Dmitry Peskov”"
    )


def test_add_an_entity_the_analysis_missed_marks_each_place_it_stands():
    f = facts()
    s = TEXT.index("Analysts")
    out = corr.apply(f, [corr.add_entity(f, s, s + 8, "organisation")])
    [e] = [e for e in out.entities if e.name == "Analysts"]
    assert (e.kind, [(m.start, m.end) for m in e.mentions]) == ("organisation", [(s, s + 8)])
    # Words an entity holds already are left alone.
    p = TEXT.index("Peskov")
    assert corr.apply(f, [corr.add_entity(f, p, p + 6, "person")]).entities == f.entities


def test_merge_several_at_once_into_one_of_another_kind():
    f = facts()
    peskov, reuters = f.entities
    out = corr.apply(f, [corr.merge(reuters, peskov)])
    [e] = out.entities
    assert (e.kind, e.aliases) == ("organisation", ["Dmitry Peskov"])
    extra = Entity("e3", "person", "He", mentions=[span("He", Mention)])
    f.entities.append(extra)
    out = corr.apply(f, [corr.merge(peskov, reuters, extra)])
    assert len(out.entities) == 1 and len(out.entities[0].mentions) == 3
    assert corr.merge(peskov, reuters, extra).describe() == (
        "Merge “Thomson Reuters”, “He” into “Dmitry Peskov”"
    )
