"""A PDF's title: the file's own, unless it is a leftover of the software that made the file, then
the first page's largest type."""

from __future__ import annotations

import re
from pathlib import Path

from .pdf_layout import Line

# Titles that name the file or the tool, not the document.
_JUNK = re.compile(
    r"""^(?:
        untitled(?:\s+document)?(?:\s*\d+)? | document\s*\d* | binder\s*\d* | title |
        slide\s*\d* | presentation\s*\d* | powerpoint\s+presentation | book\s*\d+ |
        (?:microsoft\s+)?(?:word|excel|powerpoint)\s*-\s*.* | \S+\s*-\s*(?:word|powerpoint) |
        .*\.(?:pdf|docx?|rtf|odt|txt|html?|exe|indd|qxd|qxp|tex|dvi|ps|eps|pptx?|xlsx?|pages|cdr|ai)
        | [\w\s.$~-]*[\\/][\w\s.\\/$~-]*
    )$""",
    re.I | re.X,
)


def is_junk_title(title: str, path: Path) -> bool:
    t = " ".join(title.split())
    if len(t) < 3 or not re.search(r"[^\W\d_]", t):
        return True
    if _JUNK.match(t):
        return True
    # The file's own name ("10811", "report_final_v2") is not a title either.
    stem = path.stem.casefold()
    return t.casefold() in {stem, stem.replace("_", " "), stem.replace("-", " ")} or (
        " " not in t and "_" in t
    )


def first_heading(lines: list[Line], body_size: float) -> str:
    """The lines set in the page's largest type, when that type is larger than the body's."""
    if not lines:
        return ""
    top = max(ln.size for ln in lines)
    if top < 1.15 * body_size:
        return ""
    picked: list[str] = []
    last: Line | None = None
    for ln in lines:
        if ln.size >= 0.95 * top:
            if last is not None and last.y0 - ln.y1 > 1.5 * top:
                break  # a second heading further down
            picked.append(ln.text)
            last = ln
        elif picked:
            break
    title = " ".join(" ".join(picked).split())
    # A heading names the document in a few words; one short word is a label or a logo.
    return title if (" " in title or len(title) >= 12) and len(title) <= 250 else ""
