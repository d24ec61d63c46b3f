"""Direct quotations as character spans, robust to quote marks that do not pair up.

Pairing works paragraph by paragraph, so one stray mark can only disturb its own paragraph. News
style continues a quotation over paragraphs by opening each new paragraph with a mark and closing
only the last; such runs are returned as one span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN_MARKS = "\u201c\u201e\u00ab"
CLOSE_MARKS = "\u201d\u00bb"
STRAIGHT = '"'
ALL_MARKS = OPEN_MARKS + CLOSE_MARKS + STRAIGHT  # the marks of a quotation
SINGLE_OPEN, SINGLE_CLOSE = "\u2018", "\u2019"  # a quotation within one; the second is also
# an apostrophe ("Kim\u2019s"), so neither starts or ends a quotation here


@dataclass(frozen=True)
class Quote:
    start: int  # offset of the opening mark (or of the text when the opening mark is missing)
    end: int  # offset after the closing mark (or the end of the paragraph)
    closed: bool  # whether a closing mark was found


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in re.finditer(r"\n", text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


PAIR_FILLER = "\x01"  # stands for the second apostrophe of a '' mark in the masked text


def _role(text: str, i: int) -> str:
    """Whether the mark at i opens or closes, judged from the characters around it."""
    ch = text[i]
    before = text[i - 1] if i > 0 else " "
    j = i + 2 if i + 1 < len(text) and text[i + 1] == PAIR_FILLER else i + 1
    after = text[j] if j < len(text) else " "
    if ch in OPEN_MARKS:
        return "open"
    if ch in CLOSE_MARKS:
        # A curly closing mark used as an opener: at the start of a word after a space.
        if (before.isspace() or before in "([—–-―") and after.isalnum():
            return "open"
        return "close"
    if before.isspace() or before in "([—–-―" or i == 0:
        return "open"
    if after.isspace() or after in ".,;:!?)—–-" or i + 1 == len(text):
        return "close"
    return "open" if after.isalnum() and not before.isalnum() else "close"


def _pair(text: str, start: int, end: int) -> tuple[list[Quote], int | None]:
    """Quotes in one paragraph, and the offset of a last opening mark left unclosed."""
    quotes: list[Quote] = []
    opened: int | None = None
    for i in range(start, end):
        if text[i] not in ALL_MARKS:
            continue
        if text[i] == STRAIGHT and i > start and text[i - 1].isdigit():
            continue  # inches or seconds ("a 9" pan", "13" x 9""), no quote mark
        role = _role(text, i)
        if role == "open":
            if opened is not None and i - opened > 1:
                # Two openers in a row: the first was stray, or its closer is missing; keep the
                # text up to the new mark as an unclosed quote only when it is a sentence or more.
                if re.search(r"[.!?,]\s*$", text[opened:i]):
                    quotes.append(Quote(opened, i, False))
            opened = i
        elif opened is not None:
            quotes.append(Quote(opened, _mark_end(text, i), True))
            opened = None
        elif not quotes:
            # A closer with no opener: the quote began with the paragraph (the opener is lost).
            lead = text[start:i]
            if len(lead.split()) >= 4:
                quotes.append(Quote(start, _mark_end(text, i), True))
    return quotes, opened


def _mark_end(text: str, i: int) -> int:
    return i + 2 if i + 1 < len(text) and text[i + 1] == PAIR_FILLER else i + 1


def find_quotes(text: str) -> list[Quote]:
    """All direct quotations in text, in order, merged across paragraphs where news style runs on.
    Two apostrophes ('') count as one double mark, as some archives print them."""
    text = text.replace("''", '"' + PAIR_FILLER)  # same length, so offsets stay valid
    out: list[Quote] = []
    carry: int | None = None  # start of a quote continued from the previous paragraph
    for start, end in _paragraphs(text):
        quotes, opened = _pair(text, start, end)
        first_is_open = text[start] in OPEN_MARKS + STRAIGHT
        if carry is not None:
            if quotes and quotes[0].start == start and first_is_open:
                quotes[0] = Quote(carry, quotes[0].end, True)
            elif opened is not None and not quotes and opened == start:
                opened = carry  # the run continues over yet another paragraph
            else:
                # The run ended without a closing mark: it stops at the previous paragraph.
                out.append(Quote(carry, _prev_end(text, start), False))
        carry = None
        out.extend(quotes)
        if opened is not None:
            nxt = _next_paragraph_start(text, end)
            if nxt is not None and text[nxt] in OPEN_MARKS + STRAIGHT:
                carry = opened
            else:
                stripped = end
                while stripped > opened and text[stripped - 1].isspace():
                    stripped -= 1
                if stripped - opened > 1:
                    out.append(Quote(opened, stripped, False))
    if carry is not None:
        out.append(Quote(carry, _prev_end(text, len(text)), False))
    return out


def _next_paragraph_start(text: str, end: int) -> int | None:
    m = re.compile(r"\S").search(text, end)
    return m.start() if m else None


def _prev_end(text: str, pos: int) -> int:
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    return pos
