import codecs

import pytest

from broadsheet.ingest import ReadError, read_article


def test_utf8_text_is_kept_unchanged(tmp_path):
    text = "Café “quotes” — and\r\nWindows lines.\n"
    p = tmp_path / "café-news.txt"
    p.write_bytes(text.encode("utf-8"))
    art = read_article(p)
    assert art.text == text
    assert art.title == "Café News"


def test_byte_order_marks_are_decoded(tmp_path):
    p8 = tmp_path / "bom8.txt"
    p8.write_bytes(codecs.BOM_UTF8 + "Hello Zoë".encode())
    assert read_article(p8).text == "Hello Zoë"
    p16 = tmp_path / "bom16.txt"
    p16.write_bytes("Hello Zoë".encode("utf-16"))
    assert read_article(p16).text == "Hello Zoë"


def test_markdown_heading_is_the_title(tmp_path):
    p = tmp_path / "x.md"
    p.write_text("# Talks in Vladivostok\n\nKim arrived.", encoding="utf-8")
    assert read_article(p).title == "Talks in Vladivostok"


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n", "empty"),
        ("noise.txt", bytes(range(256)) * 4, "binary"),
        ("latin.txt", "Caf\u00e9".encode("latin-1"), "UTF-8"),
        ("photo.jpg", b"\xff\xd8\xff", "not a supported format"),
    ],
)
def test_unreadable_files_give_one_clear_message(tmp_path, name, content, words):
    p = tmp_path / name
    p.write_bytes(content)
    with pytest.raises(ReadError) as err:
        read_article(p)
    assert words in str(err.value)
    assert str(p) in str(err.value)


def test_missing_path_and_folder(tmp_path):
    with pytest.raises(ReadError, match="does not exist"):
        read_article(tmp_path / "gone.txt")
    with pytest.raises(ReadError, match="folder"):
        read_article(tmp_path)
