import csv
import io
import json
import os
import re
import subprocess
import sys

import pytest

from broadsheet import export
from broadsheet.facts import Claim, Facts, Source, Span
from broadsheet.quotation import long_date
from broadsheet.wording import counted


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


def test_write_json_round_trips_and_csv_writes_two_files(tmp_path, sample_facts):
    [j] = export.write(sample_facts, "json", tmp_path / "out.json")
    assert Facts.from_json(json.loads(j.read_text(encoding="utf-8"))) == sample_facts
    files = export.write(sample_facts, "csv", tmp_path / "out.csv")
    assert [f.name for f in files] == ["out-entities.csv", "out-claims.csv"]
    assert not list(tmp_path.glob(".*.tmp"))


def test_the_message_for_a_csv_export_names_every_file_written(tmp_path, sample_facts):
    asked = tmp_path / "x.csv"
    files = export.write(sample_facts, "csv", asked)
    said = export.written(asked, files)
    assert str(asked) in said and not asked.exists()
    assert all(f.name in said for f in files) and all(f.exists() for f in files)
    assert said.startswith(f"Wrote {counted(len(files), 'file')} ")
    [md] = export.write(sample_facts, "md", tmp_path / "d.md")
    assert export.written(tmp_path / "d.md", [md]) == f"Wrote {md}."


@pytest.mark.parametrize("umask", [0o022, 0o027, 0o002])
@pytest.mark.parametrize("fmt", export.FORMATS)
def test_exported_files_get_the_permissions_of_a_new_file(tmp_path, sample_facts, umask, fmt):
    """Not the 0600 of the temporary file they are written through: 0666 less the umask."""
    old = os.umask(umask)
    try:
        files = export.write(sample_facts, fmt, tmp_path / f"out.{fmt}")
        files += export.write(sample_facts, fmt, tmp_path / f"out.{fmt}")  # and when replaced
    finally:
        os.umask(old)
    for f in files:
        assert f.stat().st_mode & 0o777 == 0o666 & ~umask, f
    assert not list(tmp_path.glob(".*.tmp"))


def _described(claims: list, text: str, meta=None, warnings=None) -> Facts:
    from broadsheet.facts import Entity, Mention

    ents = [
        Entity(
            "e1",
            "person",
            "Dmitry Peskov",
            roles=["Kremlin spokesman"],
            salience=1.0,
            mentions=[Mention(0, 13, "Dmitry Peskov")],
        ),
        Entity(
            "e2",
            "place",
            "Russia",
            salience=0.5,
            mentions=[Mention(0, 6, "Russia"), Mention(8, 14, "Russia")],
        ),
    ]
    return Facts(
        text=text,
        path="/news/talks.html",
        title="Talks in Vladivostok",
        pipeline="p",
        entities=ents,
        claims=claims,
        meta=meta or {},
        warnings=warnings or [],
    )


def test_the_dossier_header_carries_what_the_json_export_has():
    meta = {
        "author": ["Ann Lee", "Bo Chen"],
        "date": "2023-09-12",
        "source": "TASS",
        "url": "https://tass.com/politics/1673001",
    }
    warning = "The saved page may hold only part of the article."
    facts = _described([], "Dmitry Peskov spoke.", meta=meta, warnings=[warning])
    doc = json.loads(export.to_json(facts))["document"]
    head = export.to_markdown(facts).split("## People")[0]
    assert doc["title"] in head and doc["path"] in head
    assert ", ".join(doc["meta"]["author"]) in head
    assert long_date(doc["meta"]["date"]) in head
    assert doc["meta"]["source"] in head
    assert f"<{doc['meta']['url']}>" in head
    assert all(w in head for w in doc["warnings"])


def test_a_web_address_that_is_not_http_is_never_a_live_link():
    facts = _described([], "x", meta={"url": "javascript:alert(1)"})
    head = export.to_markdown(facts).split("## People")[0]
    assert "`javascript:alert(1)`" in head and "<javascript" not in head


def test_the_dossier_quotes_each_quotation_once_and_shows_no_colon_cue():
    text = "Dmitry Peskov: “The talks were productive.” He said that Kim would raise “key issues.”"
    c1 = Claim(
        "c1",
        "direct",
        "asserted",
        Source(0, 13, "Dmitry Peskov", "e1"),
        Span(13, 14, ":"),
        Span(15, 43, text[15:43]),
    )
    c2 = Claim(
        "c2",
        "indirect",
        "asserted",
        Source(44, 46, "He", "e1"),
        Span(47, 51, "said"),
        Span(52, len(text), text[52:]),
    )
    md = export.to_markdown(_described([c1, c2], text))
    claims = [line for line in md.splitlines() if line.startswith("> ")]
    assert len(claims) == 2
    for line in claims:
        assert line.count("“") == line.count("”") == 1, line
    assert "*:*" not in md and claims[0] == "> “The talks were productive.”"
    # Reported speech is not passed off as the source's words: only what it quotes has marks.
    assert claims[1] == "> *said* that Kim would raise “key issues.”"


def test_counts_in_the_dossier_are_in_words():
    md = export.to_markdown(_described([], "Russia, Russia. Dmitry Peskov"))
    assert f"**Dmitry Peskov** — Kremlin spokesman ({counted(1, 'mention')})" in md
    assert f"- Russia ({counted(2, 'mention')})" in md
    assert "1 mentions" not in md


def test_the_sample_dossier_reads_cleanly(sample_facts):
    md = export.to_markdown(sample_facts)
    assert "““" not in md and "””" not in md and "*:*" not in md
    assert not re.search(r"\b1 mentions\b", md)
    for line in md.splitlines():
        if line.startswith("> “") or line.startswith("> *"):
            assert line.count("“") == line.count("”"), line


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
    # one sentence says that x.csv became two files, and which
    assert "x.csv" in p.stderr and "x-entities.csv" in p.stderr and "x-claims.csv" in p.stderr
    assert len(p.stderr.strip().splitlines()) == 1
    # Without --format, the file's name says which: x.md is the dossier.
    p = export("-o", str(tmp_path / "dossier.md"))
    assert p.returncode == 0, p.stderr
    assert (tmp_path / "dossier.md").read_text(encoding="utf-8").startswith("# ")
    p = export("-o", str(tmp_path / "facts.txt"))
    assert json.loads((tmp_path / "facts.txt").read_text(encoding="utf-8"))["schema"]


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

    md = export.to_markdown(sample_facts).split("## Said about")[0]
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
    assert "“Not over … Strange things can happen.”" in export.to_markdown(facts)


def test_the_dossier_says_what_is_said_about_whom_and_when():
    from broadsheet.facts import Claim, Entity, Mention, Source, Span, When

    text = (
        "Dmitry Peskov said on Monday that Kim Jong Un had arrived. It is believed Kim will stay."
    )
    kim = Entity(
        "e3",
        "person",
        "Kim Jong Un",
        mentions=[Mention(33, 44, "Kim Jong Un"), Mention(74, 77, "Kim")],
    )
    said = Claim(
        "c1",
        "indirect",
        "asserted",
        Source(0, 13, "Dmitry Peskov", "e1"),
        Span(14, 18, "said"),
        Span(29, 57, text[29:57]),
        When("2023-09-11", "day", "sentence", Span(19, 28, "on Monday"), "file"),
    )
    believed = Claim(
        "c2", "unattributed", "hedged", None, Span(62, 73, "is believed"), Span(74, 87, text[74:87])
    )
    facts = _described([said, believed], text)
    facts.entities.append(kim)
    md = export.to_markdown(facts)
    about = md.split("## Said about")[1].split("## Places")[0]
    assert about.strip().splitlines() == [
        "### Kim Jong Un",
        "",
        "- **Dmitry Peskov** *said* that Kim Jong Un had arrived "
        "*(11 September 2023, counted from the file's date)*",
        "- **Unattributed** (*is believed*): Kim will stay *(hedged)*",
    ]
    rows = list(csv.DictReader(io.StringIO(export.claims_csv(facts))))
    assert [(r["date"], r["date_from"]) for r in rows] == [("2023-09-11", "sentence"), ("", "")]
