"""Bytes to text: Mac OS Roman, UTF-16/32 without a BOM, CJK legacy encodings, mojibake."""

import pytest

from broadsheet.errors import ReadError
from broadsheet.ingest import read_article
from broadsheet.ingest.encoding import decode, repair_mojibake

ENGLISH = (
    "Blanchard’s report said “the talks will go on” – and the café’s owner agreed.\n"
    "Angela Merkel said that Berlin would wait for the talks in Vladivostok.\n"
)


@pytest.mark.parametrize(
    "text",
    [
        "Blanchard’s report.",
        ENGLISH,
        "Il a dit «\u00a0très bien\u00a0» — c’était déjà fait, à Noël, près de l’église.",
    ],
)
def test_mac_roman_is_not_read_as_windows_1252(tmp_path, text):
    p = tmp_path / "mac.txt"
    p.write_bytes(text.encode("mac_roman"))
    got = read_article(p).text
    assert got == text
    assert "Õ" not in got


def test_windows_1252_stays_windows_1252_when_mac_roman_would_also_decode():
    text = "It’s “fine”, don’t worry — we’ll see."
    assert decode(text.encode("cp1252"), "x") == text


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_a_byte_order_mark(tmp_path, encoding):
    p = tmp_path / "wide.txt"
    p.write_bytes(ENGLISH.encode(encoding))
    assert read_article(p).text == ENGLISH


def test_nul_bytes_without_the_utf16_pattern_are_still_binary(tmp_path):
    p = tmp_path / "nul.txt"
    p.write_bytes(b"Angela Merkel\x00 said\x00 so.\n" * 20)
    with pytest.raises(ReadError, match="binary"):
        read_article(p)


def test_binary_with_many_nul_bytes_is_refused(tmp_path):
    p = tmp_path / "table.txt"
    p.write_bytes(bytes(range(32)) * 2 * 200)  # 16-bit integers below 256: controls as UTF-16
    with pytest.raises(ReadError, match="binary"):
        read_article(p)


CJK = [
    (
        "shift_jis",
        "東京都の小池百合子知事は十二日、記者会見を開き、新しい防災計画を発表した。計画では、"
        "大規模な地震に備えて避難所の数を増やし、食料や水の備蓄を強化するという。",
    ),
    ("shift_jis", "岸田首相は記者団に対し、「国民の暮らしを守る」と語った。"),
    (
        "euc_kr",
        "문재인 대통령은 12일 청와대에서 기자회견을 열고 새로운 경제 정책을 발표했다. "
        "대통령은 일자리를 늘리고 중소기업을 지원하기 위해 예산을 확대하겠다고 말했다.",
    ),
    ("euc_kr", "서울시는 내년부터 대중교통 요금을 인상한다고 밝혔다."),
    (
        "gb18030",
        "国务院总理十二日在北京主持召开国务院常务会议，部署进一步扩大内需的措施。"
        "会议指出，要加大对中小企业的支持力度，稳定就业，保障民生。",
    ),
    ("gb18030", "中国外交部发言人在例行记者会上表示，中方愿同各方加强合作。"),
    (
        "big5",
        "行政院長今天在立法院答詢時表示，政府將持續推動經濟改革，並加強對中小企業的支持。"
        "他說，今年的經濟成長率預計將達到百分之三，失業率也將進一步下降。",
    ),
    ("big5", "台北市政府今天宣布，明年起將調整公車票價。"),
]


@pytest.mark.parametrize(("encoding", "text"), CJK)
def test_cjk_legacy_encodings(tmp_path, encoding, text):
    p = tmp_path / "cjk.txt"
    p.write_bytes(text.encode(encoding))
    assert read_article(p).text == text


def test_legacy_western_text_is_not_read_as_cjk():
    text = "Die Bürger von München sagten, dass die Straße geschlossen wäre. Größe. " * 3
    assert decode(text.encode("latin-1"), "x") == text


@pytest.mark.parametrize(
    ("broken", "fixed"),
    [
        ("Itâ€™s fine, he said.", "It’s fine, he said."),
        ("The cafÃ© opened on Monday.", "The café opened on Monday."),
        ("â€œQuotedâ€\x9d words", "“Quoted” words"),
        ("Ã¢â‚¬â„¢ twice", "’ twice"),
    ],
)
def test_mojibake_is_repaired(tmp_path, broken, fixed):
    p = tmp_path / "mojibake.txt"
    p.write_text(f"Headline\n\n{broken}\r\nNext line.\n", encoding="utf-8")
    assert read_article(p).text == f"Headline\n\n{fixed}\r\nNext line.\n"


@pytest.mark.parametrize(
    "text",
    [
        "Café “quotes” — and\r\nWindows lines.\n",
        "SÃO PAULO — A cidade de São Paulo não parou.",
        "Zoë met Müller in Kraków; the résumé said “naïve”.",
        "Plain ASCII text.\n",
    ],
)
def test_correct_text_is_not_changed_by_the_repair(text):
    assert repair_mojibake(text) == text
    assert decode(text.encode("utf-8"), "x") == text
