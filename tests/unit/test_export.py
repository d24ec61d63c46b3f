import csv
import io
import json
import subprocess
import sys

from broadsheet import export
from broadsheet.facts import Facts


def test_csv_tables_have_one_row_per_fact(sample_facts):
    ents = list(csv.DictReader(io.StringIO(export.entities_csv(sample_facts))))
    claims = list(csv.DictReader(io.StringIO(export.claims_csv(sample_facts))))
    assert len(ents) == len(sample_facts.entities)
    assert len(claims) == len(sample_facts.claims)
    assert {r["kind"] for r in ents} == {"person", "place", "organisation"}
    first = claims[0]
    c = sample_facts.claims[0]
    assert (
        sample_facts.text[int(first["content_start"]) : int(first["content_end"])]
        == first["content"]
        == c.content.text
    )


def test_markdown_dossier_has_every_section(sample_facts):
    md = export.to_markdown(sample_facts)
    assert md.startswith("# ")
    for heading in ("## People (", "## Claims (", "## Places (", "## Organisations ("):
        assert heading in md
    person = sample_facts.entities_of("person")[0]
    assert f"**{person.name}**" in md
    assert md.count("\n> ") == len(sample_facts.claims)


def test_quotation_names_source_and_article(sample_facts):
    c = next(c for c in sample_facts.claims if c.source and c.source.entity)
    q = export.quotation(c, sample_facts)
    assert q.startswith("“") and sample_facts.title in q
    assert sample_facts.entity(c.source.entity).name in q


def test_write_json_round_trips_and_csv_writes_two_files(tmp_path, sample_facts):
    [j] = export.write(sample_facts, "json", tmp_path / "out.json")
    assert Facts.from_json(json.loads(j.read_text(encoding="utf-8"))) == sample_facts
    files = export.write(sample_facts, "csv", tmp_path / "out.csv")
    assert [f.name for f in files] == ["out-entities.csv", "out-claims.csv"]
    assert not list(tmp_path.glob(".*.tmp"))


def test_cli_export_applies_corrections(tmp_path, seeded_copy, sample_path, sample_facts):
    from broadsheet import corrections
    from broadsheet.store.library import Library

    lib = Library(seeded_copy)
    ent = sample_facts.entities_of("person")[0]
    lib.add_correction(sample_facts.sha256, corrections.rename(ent, "Renamed Person"))
    lib.close()

    def export(*args: str) -> subprocess.CompletedProcess[str]:
        cmd = [
            sys.executable,
            "-m",
            "broadsheet.cli",
            "export",
            str(sample_path),
            *args,
            "--library",
            str(seeded_copy),
        ]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=120)

    p = export("--format", "md")
    assert p.returncode == 0, p.stderr
    assert "**Renamed Person**" in p.stdout
    p = export("--format", "csv", "-o", str(tmp_path / "x.csv"))
    assert p.returncode == 0, p.stderr
    assert (tmp_path / "x-claims.csv").exists()


def test_csv_cells_a_spreadsheet_would_run_are_plain_text():
    from broadsheet.facts import Claim, Entity, Mention, Source, Span

    text = '=HYPERLINK("http://x.test","y") said +1 and -2 at @SUM'
    name = text[:31]
    ent = Entity(
        "e1",
        "person",
        name,
        aliases=["@SUM(A1)"],
        roles=["-2"],
        salience=1.0,
        mentions=[Mention(0, 31, name)],
    )
    claim = Claim(
        "c1",
        "indirect",
        "asserted",
        Source(0, 31, name, "e1"),
        Span(32, 36, "said"),
        Span(37, 46, text[37:46]),
    )
    facts = Facts(text=text, path="x.txt", title="x", pipeline="p", entities=[ent], claims=[claim])
    rows = list(csv.reader(io.StringIO(export.entities_csv(facts))))[1:]
    rows += list(csv.reader(io.StringIO(export.claims_csv(facts))))[1:]
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "@")]
    assert "'" + name in cells and "'+1 and -2" in cells and "'@SUM(A1)" in cells
    assert "1.0000" in cells  # numbers stay numbers


def test_every_formula_start_is_neutralised_and_numbers_stay_numbers():
    """OWASP's list: = + - @ and a leading tab or carriage return, in every text cell."""
    from broadsheet.facts import Claim, Entity, Mention, Source, Span

    starts = ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx"]
    text = " ".join(starts) + " said it"
    ents = [
        Entity(
            f"e{i}", "person", s, aliases=[s], roles=[s], salience=-0.1, mentions=[Mention(0, 1, s)]
        )
        for i, s in enumerate(starts)
    ]
    claims = [
        Claim(
            f"c{i}", "indirect", "asserted", Source(0, 1, s, f"e{i}"), Span(0, 1, s), Span(0, 1, s)
        )
        for i, s in enumerate(starts)
    ]
    facts = Facts(text=text, path="x.txt", title="x", pipeline="p", entities=ents, claims=claims)
    ent_rows = list(csv.DictReader(io.StringIO(export.entities_csv(facts))))
    claim_rows = list(csv.DictReader(io.StringIO(export.claims_csv(facts))))
    for row in ent_rows:
        assert {row[k] for k in ("name", "aliases", "roles")} <= {"'" + s for s in starts}
        assert row["salience"] == "-0.1000" and row["mentions"] == "1"
    for row in claim_rows:
        for k in ("source", "source_entity", "cue", "content"):
            assert row[k] in {"'" + s for s in starts}, (k, row[k])
        assert row["content_start"] == "0"


def test_a_carriage_return_inside_a_cell_cannot_start_a_row():
    """A spreadsheet reads a lone CR as a line end: unquoted, "x\\r=1+1" would be a new row
    whose first cell is a formula."""
    from broadsheet.facts import Claim, Span

    inner = "they said so\r=1+1 at @SUM(A1)"  # no comma, no LF: nothing else forces quotes
    facts = Facts(
        text=inner,
        path="x.txt",
        title="x",
        pipeline="p",
        entities=[],
        claims=[Claim("c1", "indirect", "asserted", None, None, Span(0, len(inner), inner))],
    )
    out = export.claims_csv(facts)
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert len(rows) == 2 and rows[1][6] == inner


def test_the_dossier_names_sources_as_the_claims_panel_does(sample_facts):
    """One rule for a claim's source: the panel's groups are the dossier's headings."""
    from broadsheet.facts import source_label

    md = export.to_markdown(sample_facts)
    labels = {source_label(c, sample_facts)[1] for c in sample_facts.claims}
    headings = {line[4:] for line in md.splitlines() if line.startswith("### ")}
    assert headings == {export._md_escape(label) for label in labels}


def test_a_quote_in_parts_is_exported_joined():
    from broadsheet.facts import Claim, Facts, Part, Source, Span

    text = '"Not over," Mr. Kelly said. "Strange things can happen."'
    content = Span(1, 55, text[1:55], parts=[Part(1, 9, "Not over"), Part(29, 55, text[29:55])])
    claim = Claim(
        "c1", "direct", "asserted", Source(12, 21, "Mr. Kelly"), Span(22, 26, "said"), content
    )
    facts = Facts(text=text, path="k.txt", title="K", claims=[claim])
    joined = "Not over … Strange things can happen."
    assert joined in export.claims_csv(facts)
    assert "Not over … Strange things can happen." in export.to_markdown(facts)
    assert export.quotation(claim, facts).startswith(f"“{joined}”")
