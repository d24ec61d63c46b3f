import subprocess
import sys
import textwrap

from broadsheet.analysis import Analyzer
from broadsheet.library import Library


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
        from broadsheet.library import Library
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
