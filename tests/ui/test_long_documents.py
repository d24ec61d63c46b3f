"""A very long document is shown in steps: the window stays usable meanwhile, ends with every
row and highlight in place, and a newer document replaces it cleanly."""

from __future__ import annotations

import pytest

from broadsheet.facts import Claim, Entity, Facts, Mention, Source, Span


def long_facts(tag: str, paragraphs: int = 300) -> Facts:
    """About 100 characters a sentence, six sentences a paragraph; a few hundred entities of each
    kind, each mentioned all through the text, and a claim per sentence."""
    ents: dict[str, Entity] = {}
    claims: list[Claim] = []
    parts: list[str] = []
    n = 0

    def mention(kind: str, name: str) -> Mention:
        nonlocal n
        ent = ents.setdefault(
            name, Entity(f"e{len(ents) + 1}", kind, name, salience=1.0 / (len(ents) + 1))
        )
        m = Mention(n, n + len(name), name)
        ent.mentions.append(m)
        parts.append(name)
        n += len(name)
        return m

    def add(text: str) -> Span:
        nonlocal n
        parts.append(text)
        n += len(text)
        return Span(n - len(text), n, text)

    for p in range(paragraphs):
        for s in range(6):
            i = p * 6 + s
            who = mention("person", f"{tag}person{i % 211}")
            cue = add(" told ")
            mention("organisation", f"{tag}org{i % 97}")
            content = add(f" that talks in {tag} would go on")
            add(" near ")
            mention("place", f"{tag}place{i % 53}")
            add(". ")
            claims.append(
                Claim(
                    f"c{i}",
                    "indirect",
                    "hedged" if i % 5 == 0 else "asserted",
                    Source(who.start, who.end, who.text, ents[who.text].id),
                    Span(cue.start + 1, cue.end - 1, "told"),
                    content,
                )
            )
        add("\n")
    return Facts(
        text="".join(parts),
        path=f"/nowhere/{tag}.txt",
        title=f"Long {tag}",
        entities=list(ents.values()),
        claims=claims,
    )


@pytest.fixture(scope="module")
def facts_a() -> Facts:
    return long_facts("Alpha")


@pytest.fixture(scope="module")
def facts_b() -> Facts:
    return long_facts("Beta", paragraphs=120)


@pytest.fixture
def window(make_window, library_dir):
    w = make_window(library_dir)
    w._showing.budget = 0  # one step per slice: the showing surely takes many turns
    return w


def assert_fully_shown(w, facts: Facts) -> None:
    assert not w.view.loading()
    assert w.view.toPlainText() == facts.text
    for kind, panel in w.panels.items():
        assert panel.ids() == [e.id for e in facts.entities_of(kind)], kind
    assert sorted(w.claims.claim_ids()) == sorted(c.id for c in facts.claims)
    model, view = w.claims.model, w.claims.view
    heads = [model.index(r, 0) for r in range(model.rowCount())]
    assert all(view.isExpanded(h) for h in heads)
    assert sum(model.rowCount(h) for h in heads) == len(facts.claims)


def selections(w) -> set[tuple[int, int]]:
    return {(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in w.view.extraSelections()}


def test_a_long_document_is_shown_in_steps_and_ends_complete(window, qtbot, facts_a):
    shown = []
    window.factsShown.connect(shown.append)
    window.show_facts(facts_a)
    assert window.view.loading() and not shown  # the window got its events back meanwhile
    qtbot.waitUntil(lambda: bool(shown), timeout=60_000)
    assert shown == [window.facts]
    assert_fully_shown(window, facts_a)
    # Highlights are set for the text on screen, wherever the reader scrolls.
    mentions = sum(len(e.mentions) for e in facts_a.entities)
    assert 0 < len(window.view.extraSelections()) < mentions
    last = max((m for e in facts_a.entities for m in e.mentions), key=lambda m: m.start)
    assert (last.start, last.end) not in selections(window)
    bar = window.view.verticalScrollBar()
    bar.setValue(bar.maximum())
    assert (last.start, last.end) in selections(window)
    assert window.view.mark_at(last.start).entity.name == last.text


def test_a_newer_document_replaces_one_still_being_shown(window, qtbot, facts_a, facts_b):
    shown = []
    window.factsShown.connect(shown.append)
    window.show_facts(facts_a)
    for _ in range(5):
        window._showing._slice()
    assert window.view.loading()
    with qtbot.waitSignal(window.factsShown, timeout=60_000):
        window.show_facts(facts_b)
    qtbot.wait(50)  # nothing of the first document comes back
    assert [f.title for f in shown] == ["Long Beta"]
    assert_fully_shown(window, facts_b)
    assert "Alpha" not in window.view.toPlainText()


def test_the_window_can_be_used_while_a_long_document_goes_in(window, qtbot, facts_a):
    ent = max(facts_a.entities_of("place"), key=lambda e: e.mentions[-1].start)
    far = ent.mentions[-1].start
    window.show_facts(facts_a)
    assert window.view.loading()
    window.select_entity(ent.id)  # its mentions are not all in the document yet
    window.step_mention(-1)  # Shift+F3: the last one, far below the text loaded so far
    assert window.view.highlighted_ranges() == [(m.start, m.end) for m in ent.mentions]
    window.view.find_all(ent.name)
    window.view.find_step(backward=True)
    window.step_mention(0)  # the reader asked last for the last mention again
    with qtbot.waitSignal(window.factsShown, timeout=60_000):
        pass  # the window's own steps run meanwhile
    assert_fully_shown(window, facts_a)
    assert window.view.textCursor().position() == far
    assert window.panels["place"].current_id() == ent.id


def test_filtering_the_claims_of_a_long_document(window, qtbot, facts_a):
    with qtbot.waitSignal(window.factsShown, timeout=60_000):
        window.show_facts(facts_a)
    claims = window.claims
    claims._filling.budget = 0
    claims.certainty.setCurrentIndex(claims.certainty.findData("hedged"))
    claims.search.setText("alphaperson7")  # typed while the list refills: it starts again
    qtbot.waitUntil(lambda: not claims._filling.busy(), timeout=60_000)
    want = {
        c.id
        for c in facts_a.claims
        if c.hedged and "Alphaperson7" in facts_a.entity(c.source.entity).name
    }
    assert want and set(claims.claim_ids()) == want
    model = claims.model
    assert sum(model.rowCount(model.index(r, 0)) for r in range(model.rowCount())) == len(want)
    assert claims.select_claim(sorted(want)[0])
    assert claims.current_claim().id == sorted(want)[0]
