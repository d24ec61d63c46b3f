import subprocess
import sys
import textwrap

from broadsheet.analysis import Analyzer
from broadsheet.store.library import Library


def test_outcomes_keep_input_order_and_report_errors(tmp_path, analyzer_session, sample_path):
    a = tmp_path / "a.txt"
    a.write_text("Angela Merkel said that Berlin would wait.", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02")
    analyzer = Analyzer(Library(tmp_path / "lib"))
    analyzer._nlp = analyzer_session.nlp()  # share the loaded model
    outs = list(analyzer.run([a, bad, sample_path, tmp_path / "missing.txt"], batch=1))
    assert [o.path for o in outs] == [
        str(a),
        str(bad),
        str(sample_path),
        str(tmp_path / "missing.txt"),
    ]
    assert outs[0].facts and outs[0].facts.text == a.read_text(encoding="utf-8")
    assert outs[1].error and "binary" in outs[1].error
    assert outs[2].facts and not outs[2].from_library
    assert outs[3].error and "does not exist" in outs[3].error


def test_library_hit_does_not_load_or_even_import_spacy(seeded_copy, sample_path):
    code = textwrap.dedent(f"""
        import sys
        from broadsheet.analysis import Analyzer
        from broadsheet.store.library import Library
        a = Analyzer(Library({str(seeded_copy)!r}))
        [o] = a.run([{str(sample_path)!r}])
        assert o.from_library and o.facts.entities, o
        assert not a.loaded
        assert "spacy" not in sys.modules, "spaCy was imported for a library hit"
        print("ok")
    """)
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == "ok"


# -- long documents, progress and cancel ----------------------------------------------------------
import threading  # noqa: E402

import pytest  # noqa: E402

from broadsheet.errors import Cancelled  # noqa: E402
from broadsheet.facts import Article, Claim, Entity, Mention, Source  # noqa: E402
from broadsheet.facts import Span as TextSpan  # noqa: E402
from broadsheet.nlp.chunks import split_text  # noqa: E402
from broadsheet.nlp.extract import _assemble, _Part, analyse  # noqa: E402


def test_split_text_cuts_at_paragraphs_then_sentences_and_covers_the_text():
    text = "First para one. Two.\n\nSecond para here. More words.\n\n  \n\nThird para is long."
    chunks = split_text(text, limit=40)
    assert [c.text for c in chunks] == [
        "First para one. Two.",
        "Second para here. More words.",
        "Third para is long.",
    ]
    for c in chunks:
        assert text[c.start : c.start + len(c.text)] == c.text
    assert split_text("   \n\n ") == []
    one = "x" * 25
    assert [c.text for c in split_text(one, limit=10)] == ["x" * 10, "x" * 10, "x" * 5]


def test_chunked_analysis_shifts_offsets_and_merges_entities(analyzer_session, sample_text):
    art = Article(text=sample_text, path="s.txt", title="S")
    [whole] = analyse(analyzer_session.nlp(), [art])
    seen = []
    [chunked] = analyse(
        analyzer_session.nlp(), [art], chunk_chars=1200, progress=lambda d, t: seen.append((d, t))
    )
    assert len(split_text(sample_text, 1200)) > 2
    assert seen[0][0] == 0 and seen[-1][0] == seen[-1][1] and len(seen) > 3
    for f in (whole, chunked):
        for e in f.entities:
            for m in e.mentions:
                assert f.text[m.start : m.end] == m.text
        for c in f.claims:
            for part in (c.source, c.cue, c.content):
                if part:
                    assert f.text[part.start : part.end] == part.text
    names = [(e.kind, e.name) for e in chunked.entities]
    assert len(names) == len(set(names)), "one entity per kind and name across chunks"
    assert [e.id for e in chunked.entities] == [f"e{i}" for i in range(1, len(names) + 1)]
    assert [c.id for c in chunked.claims] == [f"c{i}" for i in range(1, len(chunked.claims) + 1)]
    ids = {e.id for e in chunked.entities}
    assert all(c.source.entity in ids for c in chunked.claims if c.source and c.source.entity)
    top = {e.name for e in whole.entities[:3]}
    assert top & {e.name for e in chunked.entities[:5]}


def test_cancel_stops_analysis_and_stores_nothing(tmp_path, analyzer_session, sample_text):
    analyzer = Analyzer(Library(tmp_path / "lib"))
    analyzer._nlp = analyzer_session.nlp()
    cancel = threading.Event()
    art = Article(text=sample_text, path="s.txt")

    def progress(done, total):
        if done:
            cancel.set()  # the reader pressed Cancel after the first chunk

    with pytest.raises(Cancelled):
        analyzer.analyse_articles([art], progress=progress, cancel=cancel)
    assert analyzer.library.documents() == []
    with pytest.raises(Cancelled):
        list(analyzer.run([tmp_path / "x.txt"], cancel=cancel))


def test_spans_whose_text_does_not_match_are_dropped():
    text = "Angela Merkel said Berlin would wait."
    good = Mention(0, 13, "Angela Merkel")
    ents = [
        Entity("e1", "person", "Angela Merkel", mentions=[good, Mention(0, 5, "Olaf!")]),
        Entity("e2", "place", "Nowhere", mentions=[Mention(50, 57, "Nowhere")]),
    ]
    claims = [
        Claim("c1", "indirect", "asserted", Source(0, 13, "Angela Merkel", "e1"),
              TextSpan(14, 18, "said"), TextSpan(19, 36, "Berlin would wait")),
        Claim("c2", "indirect", "asserted", None, TextSpan(14, 18, "sad"),
              TextSpan(19, 36, "Berlin would wait")),
    ]  # fmt: skip
    facts = _assemble(Article(text=text), "p", [_Part(0, ents, claims, len(text))])
    assert [(e.id, e.name, e.mentions) for e in facts.entities] == [("e1", "Angela Merkel", [good])]
    assert [c.id for c in facts.claims] == ["c1"] and facts.claims[0].source.entity == "e1"
