"""The Word reader: the text a careful reader sees, from small packages written by hand (or by
python-docx, edited), one behaviour each."""

from __future__ import annotations

import io
import zipfile

import pytest

from broadsheet.errors import ReadError
from broadsheet.ingest import read_article

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
R_STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
NS = (
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" '
)


def p(text: str, style: str = "", num: tuple[int, int] | None = None) -> str:
    ppr = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num:
        ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    return f'<w:p><w:pPr>{ppr}</w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def _kind(part: str) -> str:
    """The relationship type of a part named after it: "charts/chart1.xml" -> "chart"."""
    return part.rsplit("/", 1)[-1].split(".")[0].rstrip("0123456789")


def write_docx(
    path,
    body: str,
    *,
    parts: dict[str, str] | None = None,
    core: str = "",
    w: str = W,
    r: str = R,
) -> None:
    """A package with ``body`` inside ``w:body``; ``parts``: word/NAME.xml -> XML, each related
    to the document by the type named after it (footnotes, endnotes, styles, numbering,
    comments, header)."""
    parts = parts or {}
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{r}/{_kind(name)}" Target="{name}"/>'
        for i, name in enumerate(parts, start=10)
    )
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{w}" xmlns:r="{r}" {NS}><w:body>{body}</w:body></w:document>'
    )
    package_rels = f'<Relationship Id="rId1" Type="{r}/officeDocument" Target="word/document.xml"/>'
    if core:
        package_rels += (
            f'<Relationship Id="rId2" Type="{PKG}/metadata/core-properties" '
            'Target="docProps/core.xml"/>'
        )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        )
        z.writestr("_rels/.rels", f'<Relationships xmlns="{PKG}">{package_rels}</Relationships>')
        z.writestr("word/document.xml", document)
        z.writestr(
            "word/_rels/document.xml.rels", f'<Relationships xmlns="{PKG}">{rels}</Relationships>'
        )
        for name, xml in parts.items():
            z.writestr(f"word/{name}", xml)
        if core:
            z.writestr(
                "docProps/core.xml",
                '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
                'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
                'xmlns:dcterms="http://purl.org/dc/terms/">' + core + "</cp:coreProperties>",
            )


def read(tmp_path, body: str, name: str = "memo.docx", **kw) -> str:
    path = tmp_path / name
    write_docx(path, body, **kw)
    return read_article(path).text


# --- tracked changes


def test_tracked_insertion_is_in_and_deletion_out(tmp_path):
    body = (
        "<w:p><w:r><w:t>Berlin will </w:t></w:r>"
        '<w:del w:id="1" w:author="A"><w:r><w:delText>never </w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="A"><w:r><w:t>soon </w:t></w:r></w:ins>'
        "<w:r><w:t>agree.</w:t></w:r></w:p>"
    )
    assert read(tmp_path, body) == "Berlin will soon agree."


def test_a_move_reads_once_at_its_destination(tmp_path):
    body = (
        '<w:p><w:moveFrom w:id="1" w:author="A"><w:r><w:t>Moved words.</w:t></w:r></w:moveFrom>'
        "<w:r><w:t>First.</w:t></w:r></w:p>"
        '<w:p><w:r><w:t>Second. </w:t></w:r><w:moveTo w:id="2" w:author="A">'
        "<w:r><w:t>Moved words.</w:t></w:r></w:moveTo></w:p>"
    )
    assert read(tmp_path, body) == "First.\n\nSecond. Moved words."


def test_a_deleted_paragraph_mark_joins_the_paragraph_to_the_next(tmp_path):
    body = (
        '<w:p><w:pPr><w:rPr><w:del w:id="1" w:author="A"/></w:rPr></w:pPr>'
        '<w:r><w:t xml:space="preserve">One sentence </w:t></w:r></w:p>'
        + p("running on.")
        + '<w:tbl><w:tr><w:trPr><w:del w:id="2" w:author="A"/></w:trPr>'
        "<w:tc>" + p("A deleted row.") + "</w:tc></w:tr></w:tbl>"
    )
    assert read(tmp_path, body) == "One sentence running on."


# --- content controls, text boxes, fields, hidden text


def test_content_controls_block_and_inline_read_their_content_not_their_placeholder(tmp_path):
    body = (
        '<w:sdt><w:sdtPr><w:placeholder><w:docPart w:val="X"/></w:placeholder>'
        '<w:alias w:val="Cover title"/></w:sdtPr>'
        "<w:sdtContent>" + p("Cover title inside a control") + "</w:sdtContent></w:sdt>"
        '<w:p><w:r><w:t xml:space="preserve">Signed by </w:t></w:r>'
        "<w:sdt><w:sdtPr><w:text/></w:sdtPr><w:sdtContent><w:r><w:t>Jane Doe</w:t></w:r>"
        "</w:sdtContent></w:sdt><w:r><w:t>.</w:t></w:r></w:p>"
    )
    prompt = (
        "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>"
        + p("Click or tap here to enter text.")
        + "</w:sdtContent></w:sdt>"
    )
    assert read(tmp_path, body + prompt) == "Cover title inside a control\n\nSigned by Jane Doe."


TEXT_BOX = (
    "<w:p><w:r><w:t>Before the box.</w:t></w:r><w:r><mc:AlternateContent>"
    '<mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
    "<wps:wsp><wps:txbx><w:txbxContent>"
    + p("Words in the box.")
    + "</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor>"
    "</w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>"
    + p("Words in the box.")
    + "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent>"
    "</w:r></w:p>"
)


def test_a_text_box_reads_once_where_it_is_anchored(tmp_path):
    text = read(tmp_path, TEXT_BOX + p("After the box."))
    assert text == "Before the box.\n\nWords in the box.\n\nAfter the box."


def test_a_vml_text_box_alone_is_read(tmp_path):
    body = (
        "<w:p><w:r><w:pict><v:shape><v:textbox><w:txbxContent>"
        + p("Only in VML.")
        + "</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"
    )
    assert read(tmp_path, body) == "Only in VML."


def test_field_codes_out_results_in_and_hidden_text_out(tmp_path):
    body = (
        '<w:p><w:r><w:t xml:space="preserve">See </w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> HYPERLINK "https://x.example" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        "<w:r><w:t>the report</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:r><w:t xml:space="preserve"> on page </w:t></w:r>'
        '<w:fldSimple w:instr=" PAGE "><w:r><w:t>4</w:t></w:r></w:fldSimple>'
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t> (a hidden note)</w:t></w:r>"
        "<w:r><w:t>.</w:t></w:r></w:p>"
    )
    assert read(tmp_path, body) == "See the report on page 4."


# --- tables, lists, equations


def test_table_cells_read_once_merged_cells_once_rich_cells_cell_by_cell(tmp_path):
    def tc(text: str, pr: str = "") -> str:
        return f"<w:tc><w:tcPr>{pr}</w:tcPr>{p(text) if text else '<w:p/>'}</w:tc>"

    body = (
        "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
        "<w:tr>" + tc("Name") + tc("Wide", '<w:gridSpan w:val="2"/>') + "</w:tr>"
        "<w:tr>" + tc("Merkel") + tc("Berlin", '<w:vMerge w:val="restart"/>') + tc("x") + "</w:tr>"
        "<w:tr>" + tc("Scholz") + tc("", "<w:vMerge/>") + tc("y") + "</w:tr>"
        "<w:tr><w:tc>" + p("First paragraph of a cell.") + p("Second one.") + "</w:tc>"
        "<w:tc><w:tbl><w:tr>" + tc("Inner") + "</w:tr></w:tbl><w:p/></w:tc></w:tr>"
        "</w:tbl>"
    )
    assert read(tmp_path, body) == (
        "Name | Wide\n\nMerkel | Berlin | x\n\nScholz | y\n\n"
        "First paragraph of a cell.\n\nSecond one.\n\nInner"
    )


NUMBERING = (
    f'<w:numbering xmlns:w="{W}">'
    '<w:abstractNum w:abstractNumId="0">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:lvlText w:val="%1."/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
    '<w:lvlText w:val="%1.%2)"/></w:lvl></w:abstractNum>'
    '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/>'
    '<w:lvlText w:val="\uf0b7"/></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    "</w:numbering>"
)


def test_list_items_keep_their_text_and_the_numbers_word_shows(tmp_path):
    body = (
        p("First", num=(1, 0))
        + p("Sub one", num=(1, 1))
        + p("Sub two", num=(1, 1))
        + p("A bullet", num=(2, 0))
        + p("Second", num=(1, 0))
        + p("Sub again", num=(1, 1))
    )
    text = read(tmp_path, body, parts={"numbering.xml": NUMBERING})
    assert text.split("\n\n") == [
        "1. First", "1.a) Sub one", "1.b) Sub two", "• A bullet", "2. Second", "2.a) Sub again",
    ]  # fmt: skip


def test_an_equation_reads_as_a_line_of_linear_math(tmp_path):
    body = (
        '<w:p><w:r><w:t xml:space="preserve">Area: </w:t></w:r><m:oMath><m:r><m:t>A=π</m:t>'
        "</m:r><m:sSup><m:e><m:r><m:t>r</m:t></m:r></m:e><m:sup><m:r><m:t>2</m:t></m:r>"
        "</m:sup></m:sSup></m:oMath><w:r><w:t>, half: </w:t></w:r><m:oMath><m:f><m:num>"
        "<m:r><m:t>x+1</m:t></m:r></m:num><m:den><m:r><m:t>2</m:t></m:r></m:den></m:f>"
        "</m:oMath></w:p>"
    )
    assert read(tmp_path, body) == "Area: A=πr^2, half: (x+1)/2"


C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
CHART = (
    f'<c:chartSpace xmlns:c="{C}" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
    "<c:chart><c:title><c:tx><c:rich><a:p><a:r><a:t>Votes by region</a:t></a:r></a:p></c:rich>"
    "</c:tx></c:title><c:plotArea><c:barChart>"
    + "".join(
        f'<c:ser><c:tx><c:strRef><c:strCache><c:pt idx="0"><c:v>{name}</c:v></c:pt>'
        "</c:strCache></c:strRef></c:tx><c:cat><c:strRef><c:strCache>"
        '<c:pt idx="0"><c:v>North</c:v></c:pt><c:pt idx="1"><c:v>South</c:v></c:pt>'
        "</c:strCache></c:strRef></c:cat><c:val><c:numRef><c:numCache>"
        f'<c:pt idx="0"><c:v>{a}</c:v></c:pt><c:pt idx="1"><c:v>{b}</c:v></c:pt>'
        "</c:numCache></c:numRef></c:val></c:ser>"
        for name, a, b in (("Yes", "0.30000000000000004", "12"), ("No", "7", "9"))
    )
    + "</c:barChart></c:plotArea></c:chart></c:chartSpace>"
)


def test_a_chart_reads_as_its_title_and_figures_after_its_paragraph(tmp_path):
    body = (
        "<w:p><w:r><w:t>The results.</w:t></w:r><w:r><w:drawing><wp:inline><a:graphic>"
        f'<a:graphicData uri="{C}"><c:chart xmlns:c="{C}" r:id="rId10"/></a:graphicData>'
        "</a:graphic></wp:inline></w:drawing></w:r></w:p>" + p("After the chart.")
    )
    text = read(tmp_path, body, parts={"charts/chart1.xml": CHART})
    assert text.split("\n\n") == [
        "The results.", "Votes by region", "Yes | No", "North | 0.3 | 7", "South | 12 | 9",
        "After the chart.",
    ]  # fmt: skip


# --- notes, headers, footers, comments


FOOTNOTES = (
    f'<w:footnotes xmlns:w="{W}">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
    "</w:footnote>"
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
    "<w:continuationSeparator/></w:r></w:p></w:footnote>"
    '<w:footnote w:id="1">' + p("The first note.") + "</w:footnote>"
    '<w:footnote w:id="2">' + p("The second note.") + "</w:footnote>"
    "</w:footnotes>"
)
ENDNOTES = (
    f'<w:endnotes xmlns:w="{W}"><w:endnote w:id="1">'
    + p("An endnote.")
    + "</w:endnote></w:endnotes>"
)


def test_footnotes_and_endnotes_follow_the_body_in_the_order_cited(tmp_path):
    body = (
        '<w:p><w:r><w:t>Cited second.</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r>'
        '<w:r><w:t xml:space="preserve"> Cited first.</w:t></w:r>'
        '<w:r><w:endnoteReference w:id="1"/></w:r></w:p>'
        '<w:p><w:r><w:t>Again.</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>'
    )
    text = read(tmp_path, body, parts={"footnotes.xml": FOOTNOTES, "endnotes.xml": ENDNOTES})
    assert text == (
        "Cited second. Cited first.\n\nAgain.\n\nThe second note.\n\nAn endnote.\n\nThe first note."
    )


def test_headers_footers_and_comments_are_not_in_the_body(tmp_path):
    import docx

    d = docx.Document()
    section = d.sections[0]
    section.header.paragraphs[0].text = "RUNNING HEADER"
    section.footer.paragraphs[0].text = "Page footer words"
    para = d.add_paragraph("Angela Merkel said that Berlin would wait.")
    d.add_comment(para.runs, text="A reviewer's comment", author="R")
    path = tmp_path / "reviewed.docx"
    d.save(path)
    assert read_article(path).text == "Angela Merkel said that Berlin would wait."


# --- Strict Open XML


def test_a_strict_open_xml_document_is_read(tmp_path):
    styles = (
        f'<w:styles xmlns:w="{W_STRICT}"><w:style w:type="paragraph" w:styleId="Title">'
        '<w:name w:val="Title"/></w:style></w:styles>'
    )
    body = p("A Strict Headline", style="Title") + p("Body text in the Strict namespace.")
    path = tmp_path / "strict.docx"
    write_docx(path, body, w=W_STRICT, r=R_STRICT, parts={"styles.xml": styles})
    art = read_article(path)
    assert art.text == "A Strict Headline\n\nBody text in the Strict namespace."
    assert art.title == "A Strict Headline"


# --- title and author

STYLES = (
    f'<w:styles xmlns:w="{W}">'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
    "</w:style>"
    '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="MyHead"><w:name w:val="Chapter head"/>'
    '<w:basedOn w:val="Heading1"/></w:style>'
    "</w:styles>"
)


def article(tmp_path, body: str, core: str = "", name: str = "memo.docx"):
    path = tmp_path / name
    write_docx(path, body, core=core, parts={"styles.xml": STYLES})
    return read_article(path)


def test_title_is_the_title_styled_paragraph_before_the_core_title(tmp_path):
    body = p("A heading first", "Heading1") + p("The Real Headline", "Title") + p("Text.")
    art = article(tmp_path, body, core="<dc:title>Draft 3</dc:title>")
    assert art.title == "The Real Headline"


def test_title_is_the_first_heading_through_a_style_based_on_one(tmp_path):
    art = article(tmp_path, p("Text first.") + p("Chapter One", "MyHead"))
    assert art.title == "Chapter One"


def test_title_from_core_properties_unless_it_is_junk(tmp_path):
    core = "<dc:title>Talks in Vladivostok</dc:title><dc:creator>Jane  Reporter</dc:creator>"
    core += "<dcterms:created>2023-09-12T08:00:00Z</dcterms:created>"
    art = article(tmp_path, p("Only body text."), core=core)
    assert art.title == "Talks in Vladivostok"
    assert art.meta == {"author": ["Jane Reporter"], "date": "2023-09-12"}
    for junk in ("Microsoft Word - talks.doc", "C:\\Users\\jane\\talks.docx", "talks_final_v2"):
        art = article(tmp_path, p("Only body text."), core=f"<dc:title>{junk}</dc:title>",
                      name="kim-jong-un-arrives.docx")  # fmt: skip
        assert art.title == "Kim Jong Un Arrives", junk


# --- files that are not read, each with its reason


def test_an_encrypted_document_says_it_has_a_password(tmp_path):
    # An encrypted .docx is an OLE compound file holding a stream named EncryptedPackage.
    path = tmp_path / "secret.docx"
    path.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500 + "EncryptedPackage".encode("utf-16-le")
    )
    with pytest.raises(ReadError, match="password"):
        read_article(path)


def test_a_broken_document_part_is_damaged_not_a_crash(tmp_path):
    path = tmp_path / "broken.docx"
    write_docx(path, p("Fine."))
    data = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(data, "w") as dst:
        for info in src.infolist():
            content = src.read(info)
            if info.filename == "word/document.xml":
                content = content[: len(content) // 2]
            dst.writestr(info, content)
    path.write_bytes(data.getvalue())
    with pytest.raises(ReadError, match="damaged"):
        read_article(path)
