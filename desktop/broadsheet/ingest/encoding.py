"""Bytes to text: byte order marks, UTF-16/32 without one, UTF-8, then legacy encodings.

The text must never be silently mangled: a decoding is accepted only when it is certain (a BOM,
valid UTF-8, the NUL pattern of UTF-16/32) or when the detected text reads as text; anything else
is refused with a message. Mojibake in a Unicode text ("â€™" for "’") is repaired line by line,
and only where the repair is a clear re-decoding; correct text is never changed.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from .errors import ReadError

_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_NAMES = {"utf-8-sig": "UTF-8", "utf-32": "UTF-32", "utf-16": "UTF-16"}

# Characters beyond ASCII that a Western (Windows-1252) text has besides accented letters; not
# ¹ ³ ¿ ª and the like, which are Central European letters read with the wrong code page.
_WESTERN_PUNCTUATION = set("\u00a0«»‘’‚“”„–—…•€™°§©®·£±×")
# Characters that text does not hold: C0/C1 controls other than tab, line and page breaks, DEL,
# private use, lone surrogates (from undecodable bytes).
_ODD = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\ud800-\udfff]")
# Detectors name the language better than the code page: sibling code pages (cp1250, cp1252,
# cp1257) decode the same bytes with equal confidence but different letters ("ë" or "ė").
_WESTERN = {
    "English", "German", "French", "Spanish", "Portuguese", "Italian", "Dutch", "Danish",
    "Swedish", "Norwegian", "Finnish", "Catalan", "Indonesian", "Estonian",
}  # fmt: skip
_CENTRAL = {"Polish", "Czech", "Slovak", "Hungarian", "Croatian", "Slovene", "Romanian"}
MIN_COHERENCE = 0.05  # below it the "language" is noise: random bytes score 0.0
BINARY_MESSAGE = "it looks like a binary file, not a text article."

# Characters a Western text hardly ever holds, but which Windows-1252 and Mac OS Roman make of
# each other's letters and punctuation ("café" in Mac OS Roman read as cp1252 is "cafŽ").
_RARE_WESTERN = set("ƒ†‡ˆ‰Š‹ŒŽ˜š›žŸ¤¦¨¯´¸¬¶Ð∂∑∏π∫Ω≈∆◊√ﬁﬂ˘˙˚˝˛ˇı÷")
_MAC = {"mac_roman", "mac_iceland"}

# CJK: (codec, language); each codec is the superset its family is written in (cp932 for
# Shift-JIS, cp949 for EUC-KR, cp950 for Big5).
_CJK_READINGS = (
    ("cp932", "ja"), ("euc_jp", "ja"), ("cp949", "ko"), ("gb18030", "zh"), ("cp950", "zh-hant"),
)  # fmt: skip
_CJK_CODECS = {
    "cp932", "shift_jis", "shift_jis_2004", "shift_jisx0213", "euc_jp", "euc_jis_2004",
    "euc_jisx0213", "iso2022_jp", "cp949", "euc_kr", "johab", "iso2022_kr", "gb2312", "gbk",
    "gb18030", "hz", "big5", "big5hkscs", "cp950",
}  # fmt: skip
# The most frequent characters of each written language: a real text is full of them, the same
# bytes read with a sibling codec hardly holds any.
_COMMON = {
    "ja": set(
        "日一人年大十二本中長出三時行見月分後前生五間上東四今金九入学高円子外八六"
        "下来気小七山話女北午百書先名川千水半男西電校語土木聞食車何南万毎白天母火"
        "右読友左休父雨国会社事者"
    ),
    "ko": set(
        "이다에의는로하을가고지서한은기으년대사시를리도인스일정국자수있해나라부어"
        "들게했주전적과만와원것았장제상회성보경연말"
    ),
    "zh": set(
        "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而"
        "子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没"
        "动面起看定天分还进好小部其些主样理心她本前开但因只从想实日市新政府表示"
    ),
    "zh-hant": set(
        "的一是不了在人有我他這個們中來上大為和國地到以說時要就出會可也你對生能而"
        "子那得於著下自之年過發後作裡用道行所然家種事成方多經麼去法學如都同現當沒"
        "動面起看定天分還進好小部其些主樣理心她本前開但因只從想實日市新政府表示"
    ),
}  # fmt: skip
_SAMPLE = 65536  # bytes enough to judge a reading


def decode(data: bytes, path: str) -> str:
    """Decode bytes as the text a reader expects, or raise ``ReadError`` saying why not."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as e:
                raise ReadError(path, f"the text is not valid {_NAMES[enc]} ({e.reason}).") from e
            return repair_mojibake(_checked(text, path))
    if b"\x00" in data:
        wide = _utf16_or_32(data)
        if wide is None:
            raise ReadError(path, BINARY_MESSAGE)
        return repair_mojibake(_checked(wide, path))
    try:
        return repair_mojibake(_checked(data.decode("utf-8"), path))
    except UnicodeDecodeError:
        pass
    guessed = _cjk(data) or _detected(data) or _western(data)
    if guessed is None:
        raise ReadError(
            path,
            "its text encoding could not be recognised (it may be a binary file); "
            "save it as UTF-8 and try again.",
        )
    return _checked(guessed, path)


def _checked(text: str, path: str) -> str:
    if looks_binary(text):
        raise ReadError(path, BINARY_MESSAGE)
    return text


def looks_binary(text: str) -> bool:
    """True when more than 1% of the characters are controls, private-use or lone surrogates."""
    sample = text[:1_000_000]  # enough to judge; a full scan of 50 MB would cost seconds
    odd = len(_ODD.findall(sample))
    return odd > max(1, len(sample) // 100)


def _utf16_or_32(data: bytes) -> str | None:
    """UTF-16 or UTF-32 without a byte order mark, known by the NUL bytes of mostly-ASCII text:
    in UTF-16LE every second byte is NUL and the others hardly ever are, and so on."""
    sample = data[: _SAMPLE - _SAMPLE % 4]

    def zeros(start: int, step: int) -> float:
        column = sample[start::step]
        return column.count(0) / len(column) if column else 0.0

    if len(data) % 4 == 0 and len(sample) >= 4:
        z = [zeros(i, 4) for i in range(4)]
        if z[2] == z[3] == 1.0 and z[1] >= 0.5 and z[0] <= 0.05:
            return _strict(data, "utf-32-le")
        if z[0] == z[1] == 1.0 and z[2] >= 0.5 and z[3] <= 0.05:
            return _strict(data, "utf-32-be")
    if len(data) % 2 == 0 and len(sample) >= 2:
        even, odd = zeros(0, 2), zeros(1, 2)
        if odd >= 0.5 and even <= 0.05:
            return _strict(data, "utf-16-le")
        if even >= 0.5 and odd <= 0.05:
            return _strict(data, "utf-16-be")
    return None


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


# A UTF-8 lead byte read as Latin-1 or cp1252 (Â to ô) followed by a continuation byte read
# the same way: the mark of mojibake. Text without it is returned as it is, at once.
_MOJIBAKE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
# ftfy's steps that re-decode text; other steps (lossy replacements, control characters) are
# not a clear repair.
_REDECODING = {"encode", "decode", "transcode"}
_REDECODING_FIXES = {"decode_inconsistent_utf8", "restore_byte_a0"}


def repair_mojibake(text: str) -> str:
    """Text with UTF-8 read as Windows-1252 or Latin-1 ("Itâ€™s", "cafÃ©") decoded again.

    A line is changed only if ftfy finds it bad, re-decodes it and the result is no longer bad;
    line breaks are never touched, and a line without mojibake's mark is not even looked at.
    """
    if text.isascii() or not _MOJIBAKE.search(text):
        return text
    from ftfy import fix_encoding_and_explain
    from ftfy.badness import is_bad

    lines = text.split("\n")
    for i, line in enumerate(lines):
        if not _MOJIBAKE.search(line) or not is_bad(line):
            continue
        fixed, steps = fix_encoding_and_explain(line)
        if fixed == line or not steps or "\n" in fixed or is_bad(fixed):
            continue
        if all(
            s.action in _REDECODING or (s.action == "apply" and s.parameter in _REDECODING_FIXES)
            for s in steps
        ):
            lines[i] = fixed
    return "\n".join(lines)


def _western(data: bytes) -> str | None:
    """Windows-1252 (a superset of Latin-1's printable range), or Mac OS Roman when it reads
    better, for texts too short to detect.

    Accepted only if its non-ASCII characters are accented Latin letters or common Western
    punctuation, and a minority of the letters (a Cyrillic text read as cp1252 is almost all
    accented letters).
    """
    text = _windows_or_mac(data)
    if text is None:
        return None
    letters = accented = 0
    for c in text:
        if c.isalpha():
            letters += 1
        if ord(c) < 128:
            continue
        if c in _WESTERN_PUNCTUATION:
            continue
        if not c.isalpha() or not unicodedata.name(c, "").startswith("LATIN "):
            return None
        accented += 1
    return text if accented <= max(1, letters * 0.3) else None


def _windows_or_mac(data: bytes) -> str | None:
    """Windows-1252, unless Mac OS Roman reads with fewer oddities ("BlanchardÕs" in cp1252 is
    "Blanchard’s" in Mac OS Roman); on a tie, Windows-1252."""
    windows = _strict(data, "cp1252")
    mac = _strict(data, "mac_roman")
    if windows is None or mac is None:
        return windows if mac is None else mac
    return mac if _oddities(mac) < _oddities(windows) else windows


def _oddities(text: str) -> int:
    """How often the text does what Western text does not: a rare symbol, a capital letter
    after a small one ("dÕs", "cafŽ"), a symbol inside a word ("na•ve")."""
    n = 0
    prev = ""
    for i, c in enumerate(text):
        if not c.isascii():
            if c in _RARE_WESTERN:
                n += 1
            elif c.isupper() and prev.islower():
                n += 1
            elif (
                not c.isalpha()
                and c not in "’'·–—\u00a0"
                and prev.isalpha()
                and text[i + 1 : i + 2].isalpha()
            ):
                n += 1
        prev = c
    return n


def _cjk(data: bytes) -> str | None:
    """Japanese, Korean or Chinese in their legacy encodings, when exactly one reading is sure.

    A reading must decode without error and read as its language: nearly all its non-ASCII
    characters in the language's scripts, and many of them among its most common characters.
    """
    best: tuple[float, str] | None = None
    for codec, language in _CJK_READINGS:
        decoder = codecs.getincrementaldecoder(codec)()
        try:
            sample = decoder.decode(data[:_SAMPLE], final=len(data) <= _SAMPLE)
        except UnicodeDecodeError:
            continue
        score = _reads_as(sample, language)
        if score is not None and (best is None or score > best[0]):
            best = (score, codec)
    return None if best is None else _strict(data, best[1])


def _reads_as(text: str, language: str) -> float | None:
    """The share of common characters if ``text`` reads as ``language``, else None."""
    han = kana = hangul = other = letters = 0
    for c in text:
        o = ord(c)
        if o < 128:
            letters += c.isalpha()
            continue
        if c.isspace():
            continue
        if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF:
            han += 1
        elif 0x3041 <= o <= 0x30FF:
            kana += 1
        elif 0xAC00 <= o <= 0xD7A3:
            hangul += 1
        elif not (0x3000 <= o <= 0x303F or 0xFF01 <= o <= 0xFF60 or 0x2010 <= o <= 0x2027):
            other += 1
    written = han + kana + hangul
    if written < 8 or written < letters * 0.5 or other > (written + other) * 0.02:
        return None
    common = _COMMON[language]
    if language == "ja":
        if hangul or kana < written * 0.15:
            return None
        hits = kana + sum(c in common for c in text)
    elif language == "ko":
        if kana or hangul < written * 0.6:
            return None
        hits = sum(c in common for c in text)
    else:
        if kana or hangul:
            return None
        hits = sum(c in common for c in text)
    share = hits / written
    return share if share >= 0.15 else None


def _detected(data: bytes) -> str | None:
    """charset-normalizer's reading, if it recognised a language in it (noise has none)."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.chaos > 0.1 or best.coherence < MIN_COHERENCE:
        return None
    if best.encoding in _CJK_CODECS:
        return None  # no reading was sure enough (see _cjk)
    if best.language in _WESTERN or best.encoding in _MAC:
        return _windows_or_mac(data)
    if best.language in _CENTRAL:
        try:
            return data.decode("cp1250")
        except UnicodeDecodeError:
            pass
    return str(best)
