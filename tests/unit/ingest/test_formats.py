"""HTML, PDF and DOCX readers: text, title and metadata; nothing fetched, nothing executed."""

import os
import zipfile

import pytest

from broadsheet.errors import ReadError
from broadsheet.ingest import SUFFIXES, read_article


def test_every_format_is_in_suffixes():
    assert {".txt", ".md", ".html", ".htm", ".pdf", ".docx"} <= set(SUFFIXES)


def test_html_article_text_title_and_metadata_without_scripts(hostile_corpus, tmp_path, no_network):
    p = tmp_path / "saved page.html"
    p.write_text(hostile_corpus.HTML_WITH_SCRIPTS, encoding="utf-8")
    art = read_article(p)
    assert "Angela Merkel arrived in Vladivostok" in art.text
    assert "agreed to meet again" in art.text
    for leak in (*hostile_corpus.LEAKS, "NAVIGATION-LINK", "BUY-NOW-ADVERT", "COMMENT-TEXT"):
        assert leak not in art.text, leak
    assert art.title == "Talks in Vladivostok"
    assert art.meta["author"] == ["Jane Reporter"]
    assert art.meta["date"] == "2023-09-12"
    assert art.meta["source"] == "Daily Planet"
    assert no_network == []


def test_short_html_page_falls_back_to_its_visible_text(tmp_path, no_network):
    p = tmp_path / "note.htm"
    p.write_bytes(
        b"<html><body><p>Angela Merkel said so.</p><script>alert('SCRIPT-TEXT')</script>"
        b"<img src='http://evil.example/x.gif'></body></html>"
    )
    art = read_article(p)
    assert art.text == "Angela Merkel said so."
    assert no_network == []


def test_html_in_a_legacy_encoding(tmp_path):
    p = tmp_path / "old.html"
    body = "<p>Le café de Zoë est fermé, a déclaré le maire de Montréal ce matin.</p>" * 5
    p.write_bytes(
        f'<html><head><meta charset="windows-1252"></head><body><article>{body}'
        "</article></body></html>".encode("cp1252")
    )
    assert "Le café de Zoë est fermé" in read_article(p).text


def test_pdf_text_layer_title_and_author(hostile_corpus, tmp_path):
    p = tmp_path / "report.pdf"
    p.write_bytes(
        hostile_corpus.text_pdf(
            ["Angela Merkel said that Berlin would wait.", "Talks resume on Monday."],
            title="Berlin waits",
            author="Jane Reporter",
        )
    )
    art = read_article(p)
    assert "Angela Merkel said that Berlin would wait." in art.text
    assert "Talks resume on Monday." in art.text
    assert art.title == "Berlin waits"
    assert art.meta["author"] == ["Jane Reporter"]
    assert art.meta["pages"] == "1"


def test_pdf_encrypted_with_an_empty_password_opens(hostile_corpus, tmp_path):
    p = tmp_path / "restricted.pdf"
    p.write_bytes(hostile_corpus.text_pdf(["Open to all readers."], password=""))
    # An empty user password: PdfWriter.encrypt("") still encrypts the file.
    assert "Open to all readers." in read_article(p).text


def test_docx_paragraphs_tables_and_properties(tmp_path):
    import docx

    d = docx.Document()
    d.core_properties.author = "Jane Reporter"
    d.add_heading("Talks in Vladivostok", 0)
    d.add_paragraph("Angela Merkel said that Berlin would wait.")
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "Berlin", "Moscow"
    d.add_paragraph("The end.")
    p = tmp_path / "memo.docx"
    d.save(p)
    art = read_article(p)
    assert art.text == (
        "Talks in Vladivostok\n\nAngela Merkel said that Berlin would wait.\n\n"
        "Berlin | Moscow\n\nThe end."
    )
    assert art.title == "Talks in Vladivostok"
    assert art.meta["author"] == ["Jane Reporter"]


def test_docx_title_from_core_properties(hostile_corpus, tmp_path):
    p = tmp_path / "x.docx"
    p.write_bytes(hostile_corpus.docx_bytes(["Some words here."], title="The Real Title"))
    assert read_article(p).title == "The Real Title"


def test_zip_without_a_document_is_not_a_word_file(tmp_path):
    p = tmp_path / "archive.docx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("hello.txt", "hello")
    with pytest.raises(ReadError, match="not a Word document"):
        read_article(p)


def test_zip_bomb_is_refused_before_decompressing(hostile_corpus, tmp_path, monkeypatch):
    p = tmp_path / "bomb.docx"
    hostile_corpus.zip_bomb(p, megabytes=4)

    def no_reading(*args, **kwargs):
        raise AssertionError("a member was decompressed")

    monkeypatch.setattr(zipfile.ZipFile, "read", no_reading)
    monkeypatch.setattr(zipfile.ZipFile, "open", no_reading)
    with pytest.raises(ReadError, match="unpacks to far more data"):
        read_article(p)


def test_docx_style_names_are_read_once_not_per_paragraph(tmp_path, monkeypatch):
    """``Paragraph.style`` searches every style each time: about 1 ms a paragraph."""
    import docx
    from docx.text.paragraph import Paragraph

    d = docx.Document()
    d.add_paragraph("Some words first.")
    d.add_heading("The Heading", 1)
    d.add_paragraph("Angela Merkel said that Berlin would wait.", style="List Bullet")
    p = tmp_path / "styled.docx"
    d.save(p)

    def slow_lookup(self):
        raise AssertionError("a style looked up per paragraph")

    monkeypatch.setattr(Paragraph, "style", property(slow_lookup))
    art = read_article(p)
    assert art.title == "The Heading"  # no core title: the first heading's text
    assert art.text.endswith("Angela Merkel said that Berlin would wait.")


def test_docx_whose_body_unpacks_too_large_is_refused_unparsed(
    hostile_corpus, tmp_path, monkeypatch
):
    import docx

    from broadsheet.ingest import word

    p = tmp_path / "long.docx"
    p.write_bytes(hostile_corpus.docx_bytes(["A sentence of the body."] * 2000))
    monkeypatch.setattr(word, "MAX_BODY_XML", 64 * 1024)
    monkeypatch.setattr(docx, "Document", lambda *a, **k: pytest.fail("the body was parsed"))
    with pytest.raises(ReadError, match="larger than"):
        read_article(p)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path):
    import threading

    fifo = tmp_path / "x.txt"
    os.mkfifo(fifo)
    got: list[BaseException] = []
    reader = threading.Thread(target=lambda: _catch(got, read_article, fifo), daemon=True)
    reader.start()
    reader.join(10)
    if reader.is_alive():  # let the blocked reader go before failing
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail("reading a named pipe waited for a writer")
    assert len(got) == 1 and isinstance(got[0], ReadError)
    assert "not a regular file" in str(got[0])


def _catch(out: list[BaseException], fn, *args) -> None:
    try:
        fn(*args)
    except BaseException as e:  # noqa: BLE001 - handed to the test's thread
        out.append(e)
