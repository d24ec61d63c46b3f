import copy

from broadsheet import corrections as corr
from broadsheet.facts import Claim, Entity, Facts, Mention, Source, Span
from broadsheet.store.library import Library

TEXT = "Kim met Putin. Kim Dong-yup said Kim was late. Professor Kim agreed. Vladivostok waited."


def facts(pipeline="m-1+broadsheet-0.1.0", shift_ids=False) -> Facts:
    def m(s):
        i = TEXT.index(s[0], s[1]) if isinstance(s, tuple) else TEXT.index(s)
        t = s[0] if isinstance(s, tuple) else s
        return Mention(i, i + len(t), t)

    kim = Entity("e1", "person", "Kim", mentions=[m("Kim"), m(("Kim", 33))])
    dong = Entity("e2", "person", "Kim Dong-yup", mentions=[m("Kim Dong-yup")])
    prof = Entity("e3", "person", "Professor Kim", mentions=[m("Professor Kim")])
    vlad = Entity("e4", "person", "Vladivostok", mentions=[m("Vladivostok")])
    putin = Entity("e5", "person", "Putin", mentions=[m("Putin")])
    ents = [kim, dong, prof, vlad, putin]
    if shift_ids:  # a newer pipeline numbers entities differently
        for i, e in enumerate(reversed(ents), 1):
            e.id = f"e{i}"
    said = TEXT.index("said")
    claim = Claim(
        "c1",
        "indirect",
        "asserted",
        Source(prof.mentions[0].start, prof.mentions[0].end, "Professor Kim", prof.id),
        Span(said, said + 4, "said"),
        Span(said + 5, said + 16, "Kim was lat"),
    )
    return Facts(text=TEXT, pipeline=pipeline, entities=ents, claims=[claim])


def names(f: Facts, kind="person"):
    return sorted(e.name for e in f.entities if e.kind == kind)


def test_each_correction_changes_the_facts_and_leaves_the_input_alone():
    f = facts()
    before = copy.deepcopy(f)
    kim, dong, prof, vlad, _ = f.entities
    fixes = [
        corr.merge(dong, prof),
        corr.change_kind(vlad, "place"),
        corr.rename(dong, "Kim Dong-yup (professor)"),
        corr.split(kim, kim.mentions[1]),
    ]
    out = corr.apply(f, fixes)
    assert f == before
    assert names(out) == ["Kim", "Kim", "Kim Dong-yup (professor)", "Putin"]
    assert names(out, "place") == ["Vladivostok"]
    merged = next(e for e in out.entities if e.name.startswith("Kim Dong-yup"))
    assert len(merged.mentions) == 2 and "Professor Kim" in merged.aliases
    assert out.claims[0].source.entity == merged.id  # the claim follows the merge
    split_off = [e for e in out.entities if e.name == "Kim"]
    assert sorted(len(e.mentions) for e in split_off) == [1, 1]


def test_hide_removes_the_entity_and_unlinks_its_claims():
    f = facts()
    out = corr.apply(f, [corr.hide(f.entities[2])])
    assert "Professor Kim" not in names(out)
    assert out.claims[0].source.entity is None


def test_corrections_survive_reanalysis_by_a_newer_pipeline(tmp_path):
    """Stored corrections apply to a re-analysis whose entity ids are all different."""
    lib = Library(tmp_path)
    old = facts()
    lib.put(old)
    kim, dong, prof, vlad, _ = old.entities
    for c in (corr.merge(dong, prof), corr.change_kind(vlad, "place"), corr.hide(kim)):
        lib.add_correction(old.sha256, c)
    new = facts(pipeline="m-2+broadsheet-0.2.0", shift_ids=True)
    lib.put(new)
    shown = corr.apply(lib.get(new.sha256, new.pipeline), lib.corrections(new.sha256))
    assert names(shown) == ["Kim Dong-yup", "Putin"]
    assert names(shown, "place") == ["Vladivostok"]
    # Undo one: it is no longer applied, but kept for redo.
    hide_id = lib.corrections(new.sha256)[-1].id
    lib.set_correction_active(hide_id, False)
    shown = corr.apply(new, lib.corrections(new.sha256))
    assert "Kim" in names(shown)
    lib.set_correction_active(hide_id, True)
    assert len(lib.corrections(new.sha256)) == 3


def test_corrections_outlive_removal_of_the_document(tmp_path):
    lib = Library(tmp_path)
    f = facts()
    lib.put(f)
    lib.add_correction(f.sha256, corr.rename(f.entities[4], "Vladimir Putin"))
    lib.remove(f.sha256)
    assert lib.documents() == []
    lib.put(f)
    assert "Vladimir Putin" in names(corr.apply(f, lib.corrections(f.sha256)))


def test_a_correction_whose_text_is_gone_is_skipped():
    f = facts()
    stale = corr.Correction("rename", {"anchor": [[500, 510]], "name": "Nobody"})
    assert corr.apply(f, [stale]) == f
