import codecs

import pytest

from broadsheet.errors import ReadError
from broadsheet.ingest import read_article


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


def test_utf16_and_utf32_with_boms_are_decoded(tmp_path):
    text = "Zoë met Müller in Kraków — “fine”, she said.\n"
    for enc in ("utf-16-le", "utf-16-be", "utf-32"):
        p = tmp_path / f"{enc}.txt"
        bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(enc, b"")
        p.write_bytes(bom + text.encode(enc))
        assert read_article(p).text == text, enc


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("cp1252", "Le café “chez Zoë” coûte 3 € — déjà payé. Naïve façade, ‘smart’ quotes."),
        ("cp1252", "The café’s owner said “it’s fine” — naïve, perhaps. The résumé came Monday."),
        ("latin-1", "Die Bürger von München sagten, dass die Straße geschlossen wäre. Größe."),
        ("cp1252", "Café"),
        ("cp1250", "Prezydent powiedział, że rozmowy będą kontynuowane w Warszawie. " * 3),
        ("cp1251", "Президент России заявил журналистам, что переговоры продолжатся. " * 3),
        ("cp1253", "Ο πρωθυπουργός δήλωσε ότι οι διαπραγματεύσεις θα συνεχιστούν. " * 3),
    ],
)
def test_legacy_encodings_are_detected_without_mangling(tmp_path, encoding, text):
    p = tmp_path / "legacy.txt"
    p.write_bytes(text.encode(encoding))
    assert read_article(p).text == text


def test_text_that_is_mostly_control_characters_is_binary(tmp_path):
    p = tmp_path / "controls.txt"
    p.write_bytes(bytes(range(1, 128)) * 20)
    with pytest.raises(ReadError, match="binary"):
        read_article(p)


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
        ("mangled.txt", b"Caf\xc3 \x81 open \xe2\x82 now", "UTF-8"),
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


def test_a_headline_on_line_one_is_the_title_and_the_text_is_unchanged(tmp_path):
    text = "Kim arrives in Vladivostok\n\nKim Jong Un arrived on Tuesday.\nPutin waited.\n"
    p = tmp_path / "story-17.txt"
    p.write_bytes(text.encode("utf-8"))
    art = read_article(p)
    assert art.title == "Kim arrives in Vladivostok"
    assert art.text == text


def test_a_headline_on_line_one_of_one_sentence_a_line(tmp_path):
    text = "Is the ceasefire holding?\nShelling resumed on Monday.\nBoth sides blamed each other.\n"
    p = tmp_path / "story.txt"
    p.write_text(text, encoding="utf-8")
    art = read_article(p)
    assert art.title == "Is the ceasefire holding?"
    assert art.text == text


@pytest.mark.parametrize(
    "first",
    [
        "Kim Jong Un arrived in Vladivostok on Tuesday.",  # a sentence
        "Kim arrived. Putin waited",  # two sentences
        "WASHINGTON (Reuters) - Talks began",  # a dateline
        "Sunday, September 16, 2007",  # a date
        "By Jane Reporter",  # a byline
        "- Gas deliveries",  # a list item
        "the talks went on for hours",  # not a headline's capital
        "Kim Jong Un arrived in Vladivostok on Tuesday, and",  # a wrapped line
        " ".join(["word"] * 25).capitalize(),  # too long
    ],
)
def test_no_title_from_a_first_line_that_is_not_a_headline(tmp_path, first):
    p = tmp_path / "gas-talks.txt"
    text = f"{first}\n\nPutin waited for hours.\n"
    p.write_text(text, encoding="utf-8")
    art = read_article(p)
    assert art.title == "Gas Talks"
    assert art.text == text


def test_a_line_continued_by_a_small_letter_is_not_a_headline(tmp_path):
    p = tmp_path / "gas-talks.txt"
    p.write_text("Angela Merkel arrived in Vladivostok\non Tuesday, officials said.\n")
    assert read_article(p).title == "Gas Talks"


def test_a_single_line_is_not_taken_as_its_own_title(tmp_path):
    p = tmp_path / "gas-talks.txt"
    p.write_text("Kim arrives in Vladivostok", encoding="utf-8")
    assert read_article(p).title == "Gas Talks"


def test_a_txt_file_keeps_markdown_like_lines_as_they_are(tmp_path):
    text = "# Not rendered\n\n**Kim** arrived.\n"
    p = tmp_path / "notes.txt"
    p.write_text(text, encoding="utf-8")
    assert read_article(p).text == text
