"""Charts in a Word document (word/charts/chartN.xml): the title and the figures plotted, read
as a small table, the way a screen reader offers a chart's data.

Word keeps a copy of the chart's data in the chart part (``c:strCache``, ``c:numCache``); the
embedded workbook it came from is never opened.
"""

from __future__ import annotations

from .word_body import Block
from .word_xml import Element, child, key

MAX_POINTS = 1000  # a chart of more points than this is a plot, not figures to read


def chart_blocks(root: Element | None) -> list[Block]:
    if root is None:
        return []
    chart = child(root, "c:chart")
    if chart is None:
        return []
    blocks = []
    title = child(chart, "c:title")
    if title is not None and (text := " ".join(_texts(title, "a:t"))):
        blocks.append(Block(text))
    series: list[tuple[str, dict[int, str]]] = []
    categories: dict[int, str] = {}
    plot = child(chart, "c:plotArea")
    for kind in plot if plot is not None else ():
        for ser in kind:
            if key(ser) != "c:ser":
                continue
            name = child(ser, "c:tx")
            values = child(ser, "c:val")
            if values is None:
                values = child(ser, "c:yVal")  # scatter and bubble charts
            cats = child(ser, "c:cat")
            if cats is None:
                cats = child(ser, "c:xVal")
            series.append(
                (" ".join(_texts(name, "c:v")) if name is not None else "", _points(values))
            )
            if not categories and cats is not None:
                categories = _points(cats)
    indices = sorted(set(categories).union(*(points for _, points in series)))
    if not series or len(indices) * len(series) > MAX_POINTS:
        return blocks
    if any(name for name, _ in series):
        blocks.append(Block(" | ".join(name for name, _ in series)))
    for i in indices:
        cells = [categories.get(i, "")] + [points.get(i, "") for _, points in series]
        if line := " | ".join(c for c in cells if c):
            blocks.append(Block(line))
    return blocks


def _texts(el: Element, name: str) -> list[str]:
    return [t.text.strip() for t in el.iter() if key(t) == name and t.text and t.text.strip()]


def _points(el: Element | None) -> dict[int, str]:
    """idx -> value of a cache's points; numbers as written by people ("4.4", not
    "4.4000000000000004")."""
    points: dict[int, str] = {}
    for pt in el.iter() if el is not None else ():
        if key(pt) != "c:pt":
            continue
        v = child(pt, "c:v")
        if v is None or not v.text:
            continue
        text = v.text.strip()
        if "." in text and len(text) > 15:  # a binary fraction's digits, not a label
            try:
                text = f"{float(text):.15g}"
            except ValueError:
                pass
        idx = pt.get("idx", "")
        if idx.isdigit():
            points[int(idx)] = text
    return points
