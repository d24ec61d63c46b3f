"""Quotations of a document, looked up by offset, and contents stretched to the quotations
they touch."""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.tokens import Doc, Token

from ..quotes import Quote, find_quotes


class QuoteIndex:
    """Quotations of the document with lookup by character offset."""

    def __init__(self, doc: Doc) -> None:
        self.text = doc.text  # Doc.text is rebuilt on every access: read it once
        self.quotes: list[Quote] = find_quotes(self.text)
        self.starts = [q.start for q in self.quotes]

    def touching(self, start: int, end: int) -> list[Quote]:
        i = max(0, bisect_left(self.starts, start) - 1)
        out = []
        while i < len(self.quotes) and self.quotes[i].start < end:
            q = self.quotes[i]
            if q.end > start:
                out.append(q)
            i += 1
        return out

    def inside(self, pos: int) -> Quote | None:
        for q in self.touching(pos, pos + 1):
            if q.start < pos < q.end - 1:
                return q
        return None


def widen(doc: Doc, qi: QuoteIndex, start: int, end: int, cue_tok: Token | None) -> tuple[int, int]:
    """Stretch content to the quotations it touches; also across its cue when the cue sits between
    two quotations of one sentence ("“A,” he said, “B.”")."""
    for _ in range(3):
        qs = qi.touching(start, end)
        if cue_tok is not None:
            # a cue inside a quotation speaks for a part of it, not for the whole
            qs = [q for q in qs if not q.start < cue_tok.idx < q.end]
        new_start = min([start, *[q.start for q in qs]])
        new_end = max([end, *[q.end for q in qs]])
        if (new_start, new_end) == (start, end):
            break
        start, end = new_start, new_end
    if cue_tok is not None:
        nxt = _quote_after_cue(qi, end, cue_tok)
        if nxt is not None:
            end = nxt.end
    return start, end


def _quote_after_cue(qi: QuoteIndex, end: int, cue_tok: Token) -> Quote | None:
    """The quotation that carries on after "…,” he said, “…" or "…,” he said. “…" when the
    content ended before the cue: both halves are one statement."""
    if end > cue_tok.idx:
        return None
    text = qi.text
    gap_end = cue_tok.idx + len(cue_tok.text)
    par_end = text.find("\n", gap_end)
    par_end = len(text) if par_end < 0 else par_end
    for q in qi.touching(gap_end, min(par_end, gap_end + 300)):
        if q.start < gap_end:
            continue
        between = text[gap_end : q.start].strip()
        if len(between) < 250 and between.endswith((",", ":", ".")):
            inner = between[:-1]
            if not re.search(r"[.!?;]", inner) and not re.search(r"[\u201c\u201d\"]", between):
                return q
        break
    return None


def is_direct(qi: QuoteIndex, start: int, end: int) -> bool:
    quoted = sum(min(end, q.end) - max(start, q.start) for q in qi.touching(start, end))
    return quoted >= 0.5 * (end - start)


def adjacent_quote(qi: QuoteIndex, tok: Token) -> Quote | None:
    """A quotation right before "…,” he said" or right after "he said: “…"."""
    sent = tok.sent
    for q in qi.touching(sent.start_char - 400, sent.end_char + 400):
        if q.end <= tok.idx:
            gap = qi.text[q.end : tok.idx]
            if len(gap) < 40 and "\n" not in gap and not re.search(r"[.!?]\s", gap):
                best = q
                # the last quotation before the cue wins
                later = [r for r in qi.touching(q.end, tok.idx) if r.start >= q.end and r is not q]
                if not later:
                    return best
        elif q.start >= tok.idx:
            gap = qi.text[tok.idx + len(tok.text) : q.start]
            if len(gap) < 40 and gap.rstrip().endswith((":", ",")) and "\n" not in gap.strip():
                return q
            if len(gap.strip()) == 0:
                return q
            break
    return None


def in_closed_quote(qi: QuoteIndex, pos: int) -> bool:
    q = qi.inside(pos)
    return q is not None and q.closed
