"""The PDF reader takes a page as a careful reader does: paragraphs whole, hyphens settled,
running heads and page numbers gone, columns in order, notes after the body, a real title."""

from __future__ import annotations

import io

import pytest

from broadsheet.ingest import ReadError, read_article

# (x, y, size, text): one line of Helvetica set at x, y (PDF points from the bottom left).
Run = tuple[float, float, float, str]


def make_pdf(
    pages: list[list[Run]], title: str = "", image_pages: frozenset[int] = frozenset()
) -> bytes:
    """A PDF of Letter pages whose text layer holds the runs; pages in ``image_pages`` (0-based)
    carry only a picture, as a scanner makes them."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject, NumberObject

    w = PdfWriter()
    font = w._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
                NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
            }
        )
    )
    image = DecodedStreamObject()
    image.set_data(b"\x80" * 4)
    image.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Image"),
            NameObject("/Width"): NumberObject(2),
            NameObject("/Height"): NumberObject(2),
            NameObject("/ColorSpace"): NameObject("/DeviceGray"),
            NameObject("/BitsPerComponent"): NumberObject(8),
        }
    )
    image_ref = w._add_object(image)
    for n, runs in enumerate(pages):
        page = w.add_blank_page(612, 792)
        page[NameObject("/Resources")] = DictionaryObject(
            {
                NameObject("/Font"): DictionaryObject({NameObject("/F1"): font}),
                NameObject("/XObject"): DictionaryObject({NameObject("/Im1"): image_ref}),
            }
        )
        ops = []
        if n in image_pages:
            ops.append("q 540 0 0 720 36 36 cm /Im1 Do Q")
        for x, y, size, text in runs:
            safe = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"BT /F1 {size} Tf {x} {y} Td ({safe}) Tj ET")
        stream = DecodedStreamObject()
        stream.set_data("\n".join(ops).encode("cp1252"))
        page[NameObject("/Contents")] = w._add_object(stream)
    if title:
        w.add_metadata({"/Title": title})
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def column(lines: list[str], x: float = 72, top: float = 700, size: float = 10) -> list[Run]:
    """Lines set one under another, 1.2 times the type size apart; "" leaves a blank line."""
    runs: list[Run] = []
    y = top
    for ln in lines:
        if ln:
            runs.append((x, y, size, ln))
        y -= size * 1.2
    return runs


def read(tmp_path, pdf: bytes, name: str = "article.pdf"):
    p = tmp_path / name
    p.write_bytes(pdf)
    return read_article(p)


FIRST = [
    "The city council met on Tuesday evening to discuss the new budget for the coming",
    "year, and the debate went on well past midnight as members argued over the cost",
    "of repairing the old bridge across the river.",
    "",
    "Residents who attended the meeting said they were worried about the delays and",
    "asked the council to publish a timetable for the work before the end of the month.",
]


def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p]


def test_lines_are_joined_into_paragraphs(tmp_path):
    art = read(tmp_path, make_pdf([column(FIRST)]))
    assert paragraphs(art.text) == [
        " ".join(FIRST[:3]),
        " ".join(FIRST[4:]),
    ]


def test_a_line_end_hyphen_goes_only_when_the_halves_make_a_word(tmp_path):
    lines = [
        "The mayor said that the rules for the Ex-",
        "isting bridge would change, and that a well-",
        "known engineer from the university would lead the review of the whole project.",
    ]
    text = read(tmp_path, make_pdf([column(lines)])).text
    assert "the Existing bridge" in text
    assert "a well-known engineer" in text
    assert "Ex-" not in text and "well- known" not in text


def test_the_document_itself_decides_a_hyphen(tmp_path):
    lines = [
        "Officials spoke of the cross-border trade in the region, and of how the cross-",
        "border trade had grown since the new road was opened to lorries and buses last May.",
    ]
    text = read(tmp_path, make_pdf([column(lines)])).text
    assert text.count("cross-border trade") == 2


def test_running_heads_feet_and_page_numbers_are_dropped(tmp_path):
    pages = []
    for n in range(1, 4):
        runs = [
            (72, 750, 8, "The Daily Planet - Tuesday, March 5, 2024"),
            *column(
                [
                    f"Body text of page {n} goes on for a while so that the page has a body of",
                    "its own, which the reader wants to read without the furniture around it.",
                ]
            ),
            (300, 40, 8, f"Page {n} of 3"),
        ]
        if n == 2:
            runs.append((500, 60, 8, "DSKJLSW7X2PROD"))
            runs.append(
                (72, 28, 6, "VerDate Sep<11>2014 17:01 Mar 03, 2024 Jkt 259001 PO 00000 Frm 00002")
            )
        pages.append(runs)
    text = read(tmp_path, make_pdf(pages)).text
    assert "Daily Planet" not in text
    assert "Page" not in text and "of 3" not in text
    assert "DSKJLSW7X2PROD" not in text and "VerDate" not in text
    for n in range(1, 4):
        assert f"Body text of page {n}" in text


def test_a_lone_page_number_is_dropped(tmp_path):
    runs = [*column(FIRST), (300, 40, 10, "- 7 -")]
    assert "7" not in read(tmp_path, make_pdf([runs])).text


def test_two_columns_are_read_left_then_right(tmp_path):
    left = [
        "The storm reached the coast early",
        "on Monday, bringing heavy rain and",
        "winds that tore roofs from houses.",
        "Thousands of people were moved to",
        "shelters in schools and churches.",
    ]
    right = [
        "Rescue teams worked through the",
        "night to reach villages cut off by",
        "the floods, the governor said.",
        "Power was restored to most homes",
        "by the evening of the next day.",
    ]
    runs: list[Run] = []
    # Written row by row, as many layout programs do: a reader in stream order mixes them.
    for i, (a, b) in enumerate(zip(left, right, strict=True)):
        y = 700 - i * 12
        runs.append((72, y, 10, a))
        runs.append((320, y, 10, b))
    text = read(tmp_path, make_pdf([runs])).text
    assert text.index("shelters in schools") < text.index("Rescue teams")
    assert " ".join(left) in text
    assert " ".join(right) in text


def test_footnotes_come_after_the_body(tmp_path):
    page1 = [
        *column(FIRST[:3]),
        (72, 60, 7, "1 The bridge was built in 1902 and last repaired in 1986."),
    ]
    page2 = column(["The work is to start in the spring and to last about two years."])
    text = read(tmp_path, make_pdf([page1, page2])).text
    assert text.index("two years.") < text.index("The bridge was built")
    assert paragraphs(text)[-1] == "1 The bridge was built in 1902 and last repaired in 1986."


@pytest.mark.parametrize(
    "junk", ["Microsoft Word - draft.doc", "Binder1.pdf", "untitled", "10811.exe", ""]
)
def test_a_junk_title_gives_way_to_the_first_heading(tmp_path, junk):
    runs = [(72, 730, 24, "Council Approves Bridge Repairs"), *column(FIRST, top=690)]
    art = read(tmp_path, make_pdf([runs], title=junk))
    assert art.title == "Council Approves Bridge Repairs"


def test_a_good_title_stays(tmp_path):
    runs = [(72, 730, 24, "Council Approves Bridge Repairs"), *column(FIRST, top=690)]
    art = read(tmp_path, make_pdf([runs], title="The bridge vote"))
    assert art.title == "The bridge vote"


def test_scanned_pages_are_skipped_with_a_warning(tmp_path):
    pages = [column(FIRST[:3]), [], column(FIRST[4:])]
    art = read(tmp_path, make_pdf(pages, image_pages=frozenset({1})))
    assert art.warnings == ["Scanned pages without text were skipped (page 2)."]
    assert "Residents who attended" in art.text
    assert art.meta["pages"] == "3"


def test_a_wholly_scanned_pdf_is_refused(tmp_path):
    with pytest.raises(ReadError, match="no text layer"):
        read(tmp_path, make_pdf([[], []], image_pages=frozenset({0, 1})))


def test_a_pdf_without_pictures_or_scans_has_no_warning(tmp_path):
    assert read(tmp_path, make_pdf([column(FIRST)])).warnings == []


def test_a_drop_cap_joins_its_word(tmp_path):
    runs = [
        (72, 684, 36, "T"),
        *column(
            [
                "he storm reached the coast early on Monday, bringing heavy rain and",
                "winds that tore roofs from houses, and thousands of people were moved",
                "to shelters in schools and churches across the region, officials said.",
            ],
            x=100,
        ),
    ]
    text = read(tmp_path, make_pdf([runs])).text
    assert text.startswith("The storm reached the coast")


def test_body_text_repeated_at_the_top_of_two_pages_stays(tmp_path):
    same = [
        "The same sentence opens both pages of this report, as the writer wanted it",
        "to, and a reader should find it on both pages, not take it for a heading.",
    ]
    pages = [
        column(same + [f"Then page {n} goes on in its own words until its end."]) for n in (1, 2)
    ]
    text = read(tmp_path, make_pdf(pages)).text
    assert text.count("The same sentence opens both pages") == 2


def test_three_columns_under_a_headline_across_them(tmp_path):
    runs: list[Run] = [(72, 730, 22, "Bridge Repairs To Begin In Spring")]
    for c in range(3):
        lines = [
            f"Column {c} opens here and",
            "goes on in short lines of",
            "its own to the end.",
        ] * 4
        runs += column(lines, x=72 + c * 170, top=690)
    text = read(tmp_path, make_pdf([runs])).text
    assert text.startswith("Bridge Repairs To Begin In Spring")
    assert text.index("Column 0") < text.index("Column 1") < text.index("Column 2")
    # Each column read whole before the next.
    assert text.rindex("Column 0") < text.index("Column 1")
    assert text.rindex("Column 1") < text.index("Column 2")
