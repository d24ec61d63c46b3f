"""The days a document's dates name, and each claim's date, once the article's date is known.

The article's date is its metadata's ``date`` (a page's or a file's own), else the file's
modification day (``modified``, set when the file is read); each claim's ``When.basis`` says
which one it rests on when its sentence names no date. Without either, only dates whose year
is written out are resolved ("in 1953", not "on Tuesday").
"""

from __future__ import annotations

import re
from datetime import date

from ..facts import Claim, DateMention, Meta, Span, When
from .dates import ANY_DAY, Resolved, base_date, resolve

_WITH_YEAR = re.compile(r"\b(?:1[5-9]\d\d|20\d\d)\b")


def article_date(meta: Meta) -> tuple[date, str] | None:
    """The day the article was written, and whether it is the "article"'s or the "file"'s."""
    for key, basis in (("date", "article"), ("modified", "file")):
        value = meta.get(key)
        if isinstance(value, str) and (day := base_date(value)) is not None:
            return day, basis
    return None


def _resolved(words: str, base: date | None) -> Resolved | None:
    if base is not None:
        return resolve(words, base)
    return resolve(words, ANY_DAY) if _WITH_YEAR.search(words) else None


def date_facts(words: list[Span], claims: list[Claim], meta: Meta) -> list[DateMention]:
    """The text's dates, resolved; each claim's ``when`` filled in place (its sentence's date,
    else the article's, else None)."""
    dated = article_date(meta)
    base = dated[0] if dated else None
    out = []
    for w in words:
        r = _resolved(w.text, base)
        if r is not None:
            out.append(DateMention(w.start, w.end, w.text, date=r.date, precision=r.precision))
    for c in claims:
        said = c.when.words if c.when else None
        r = _resolved(said.text, base) if said is not None else None
        if r is not None and said is not None:
            counted = dated[1] if dated is not None and not _WITH_YEAR.search(said.text) else ""
            c.when = When(r.date, r.precision, "sentence", said, counted)
        elif dated is not None:
            c.when = When(dated[0].isoformat(), "day", dated[1])
        else:
            c.when = None
    return out
