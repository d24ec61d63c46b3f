"""A page's reading order: columns left to right, each top to bottom, and the lines of each.

Columns are found by their gutters: a vertical band the page's text leaves empty, with text on
both sides. Pieces that cross the gutter (a headline, a caption across the page) cut the page
into bands; within a band each column is read whole before the next. This is the general rule
behind the classic X-Y cut, without its fault of reading aligned lines of two columns as rows.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from .pdf_chars import Piece


@dataclass
class Line:
    """One printed line of one column: its pieces left to right, joined."""

    pieces: list[Piece]

    @property
    def text(self) -> str:
        return " ".join(p.text for p in self.pieces)

    @property
    def x0(self) -> float:
        return min(p.x0 for p in self.pieces)

    @property
    def x1(self) -> float:
        return max(p.x1 for p in self.pieces)

    @property
    def y0(self) -> float:
        return min(p.y0 for p in self.pieces)

    @property
    def y1(self) -> float:
        return max(p.y1 for p in self.pieces)

    @property
    def size(self) -> float:
        return max(self.pieces, key=lambda p: len(p.text)).size

    @property
    def rtl(self) -> bool:
        """Whether the line reads from right to left (most of its letters do)."""
        return sum(p.rtl for p in self.pieces) > 0

    @property
    def page(self) -> int:
        return self.pieces[0].page


def reading_order(pieces: list[Piece]) -> list[list[Line]]:
    """The page's blocks in reading order; each block is a column's lines, top to bottom."""
    blocks: list[list[Line]] = []
    _order(_drop_caps(pieces), blocks, depth=0)
    return [b for b in blocks if b]


def _drop_caps(pieces: list[Piece]) -> list[Piece]:
    """A paragraph's first letter set large beside its first lines, joined to the first line."""
    caps = [p for p in pieces if len(p.text) == 1 and p.text.isalpha() and p.text.isupper()]
    if not caps:
        return pieces
    out = list(pieces)
    for cap in caps:
        beside = [
            q
            for q in out
            if q is not cap
            and cap.size >= 1.8 * q.size
            and 0 <= q.x0 - cap.x1 < 2 * q.size
            and cap.y0 - q.size < q.mid < cap.y1
            and q.text[:1].islower()
        ]
        if not beside:
            continue
        first = max(beside, key=lambda q: q.y1)
        first.text = cap.text + first.text
        first.x0 = cap.x0
        out.remove(cap)
    return out


def _order(pieces: list[Piece], out: list[list[Line]], depth: int) -> None:
    if not pieces:
        return
    gutter = _gutter(pieces) if depth < 8 else None
    if gutter is None:
        out.append(rows(pieces))
        return
    g0, g1 = gutter
    crossing = [p for p in pieces if p.x0 < g1 and p.x1 > g0]
    rest = [p for p in pieces if not (p.x0 < g1 and p.x1 > g0)]
    # The crossing pieces cut the page into bands, top to bottom; crossing pieces with no band
    # between them (a headline of two lines) stay one block.
    crossing.sort(key=lambda p: -p.mid)
    remaining = sorted(rest, key=lambda p: -p.mid)
    run: list[Piece] = []
    i = 0
    for cut in crossing:
        band: list[Piece] = []
        while i < len(remaining) and remaining[i].mid > cut.mid:
            band.append(remaining[i])
            i += 1
        if band:
            if run:
                out.append(rows(run))
                run = []
            _band(band, gutter, out, depth)
        run.append(cut)
    if run:
        out.append(rows(run))
    _band(remaining[i:], gutter, out, depth)


def _band(
    pieces: list[Piece], gutter: tuple[float, float], out: list[list[Line]], depth: int
) -> None:
    mid = (gutter[0] + gutter[1]) / 2
    left = [p for p in pieces if (p.x0 + p.x1) / 2 < mid]
    right = [p for p in pieces if (p.x0 + p.x1) / 2 >= mid]
    first, second = (right, left) if sum(p.rtl for p in pieces) > 0 else (left, right)
    _order(first, out, depth + 1)  # columns of right-to-left text are read from the right
    _order(second, out, depth + 1)


def _gutter(pieces: list[Piece]) -> tuple[float, float] | None:
    """The widest empty vertical band with enough text on both sides, or None."""
    if len(pieces) < 4:
        return None
    size = statistics.median(p.size for p in pieces)
    lo = min(p.x0 for p in pieces)
    hi = max(p.x1 for p in pieces)
    if hi - lo < 8 * size:
        return None
    # A gutter may be crossed by a few pieces (a headline across the columns): count how many
    # pieces cover each point, and accept a band covered by a small share of them.
    edges: list[tuple[float, int]] = []
    for p in pieces:
        edges.append((p.x0, 1))
        edges.append((p.x1, -1))
    edges.sort()
    allowed = max(1, len(pieces) // 4)
    # Stretches of constant coverage, left to right: (start, end, how many pieces cover it).
    segments: list[tuple[float, float, int]] = []
    depth = 0
    prev_x = lo
    for x, d in edges:
        if x > prev_x:
            if segments and segments[-1][2] == depth and segments[-1][1] == prev_x:
                segments[-1] = (segments[-1][0], x, depth)
            else:
                segments.append((prev_x, x, depth))
        prev_x = x
        depth += d
    best: tuple[float, float] | None = None
    best_key: tuple[int, float] | None = None
    for g0, g1, n in segments:
        if n > allowed or g1 - g0 < 0.9 * size or not (lo < g0 and g1 < hi):
            continue
        key = (-n, g1 - g0)  # the fewest crossings first, then the widest
        if (best_key is None or key > best_key) and _both_sides(pieces, g0, g1, size):
            best, best_key = (g0, g1), key
    if best is None:
        return None
    g0, g1 = best
    crossing = [p for p in pieces if p.x0 < g1 and p.x1 > g0]
    if crossing:
        # A gutter in name only: what crosses it is most of the text (a table's rows).
        share = sum(len(p.text) for p in crossing) / sum(len(p.text) for p in pieces)
        if share > 0.6:
            return None
    return best


def _both_sides(pieces: list[Piece], g0: float, g1: float, size: float) -> bool:
    """Columns, not a list's bullets or a table's narrow cells: each side holds lines of text."""
    left = [p for p in pieces if p.x1 <= g0]
    right = [p for p in pieces if p.x0 >= g1]
    if len(left) < 2 or len(right) < 2:
        return False
    for side in (left, right):
        width = max(p.x1 for p in side) - min(p.x0 for p in side)
        if width < 6 * size:
            return False
        if sum(len(p.text) for p in side) < 40:
            return False
    # Both sides side by side for part of their height, not one above the other.
    ly0, ly1 = min(p.y0 for p in left), max(p.y1 for p in left)
    ry0, ry1 = min(p.y0 for p in right), max(p.y1 for p in right)
    return min(ly1, ry1) - max(ly0, ry0) > 2 * size


def rows(pieces: list[Piece]) -> list[Line]:
    """Pieces grouped into printed lines (by vertical overlap), top to bottom, left to right."""
    lines: list[Line] = []
    for p in sorted(pieces, key=lambda p: (-p.mid, p.x0)):
        for ln in reversed(lines[-3:]):
            a = ln.pieces[-1]
            overlap = min(a.y1, p.y1) - max(a.y0, p.y0)
            if overlap > 0.5 * min(a.y1 - a.y0, p.y1 - p.y0):
                ln.pieces.append(p)
                break
        else:
            lines.append(Line([p]))
    for ln in lines:
        if ln.rtl:
            ln.pieces.sort(key=lambda p: -p.x1)
        else:
            ln.pieces.sort(key=lambda p: p.x0)
    return lines
