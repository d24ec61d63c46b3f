"""A claim in words a journalist can cite: the quoted words (in quote marks once, whatever marks
the article put around them) or the reported speech as reported, the source by name and role,
and the outlet and date::

    “The talks were productive,” said Dmitry Peskov, the Kremlin spokesman (TASS, 12 May 2023).
    Dmitry Peskov, the Kremlin spokesman, confirmed the train had crossed the border (TASS).

Pure text from the facts; the Claims panel copies ``quotation``, the Markdown dossier uses
``quoted``, ``long_date`` and ``citation``.
"""

from __future__ import annotations

import re
from pathlib import Path

from .facts import Claim, Facts, Span, When, meta_text
from .nlp.quotes import CLOSE_MARKS, OPEN_MARKS, SINGLE_CLOSE, SINGLE_OPEN, STRAIGHT

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_DOUBLE = OPEN_MARKS + CLOSE_MARKS + STRAIGHT
# A quotation inside the quoted words takes single marks ("a number of ‘sensitive issues’").
_NESTED = str.maketrans(
    {m: SINGLE_OPEN for m in OPEN_MARKS} | {m: SINGLE_CLOSE for m in CLOSE_MARKS}
)
# Verbs a quotation is put before ("“…,” said Peskov"); other cues follow the source.
SAYING = frozenset(("said", "says", "say", "added", "adds"))
# Cues whose object the quotation leaves out ("told the BBC"): cited as the verb of saying.
_TOLD = {"told": "said", "tells": "says", "tell": "say"}
# A role that begins with one of these reads after the name as it is ("a professor at …").
_DETERMINERS = frozenset(("a", "an", "the", "his", "her", "its", "their", "our", "one", "another"))
# Words a title leaves in lower case ("Minister of Foreign Affairs").
_MINOR = frozenset(("of", "the", "for", "and", "on", "in", "to", "at", "de"))
_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?=$|[T ])")


def long_date(iso: str) -> str:
    """An ISO date as a reader writes it ("2023-09-12" is "12 September 2023", "2023-09" is
    "September 2023"); a time of day is left out; anything else comes back as it is."""
    s = iso.strip()
    m = _ISO_DATE.match(s)
    if m is None:
        return s
    year, month, day = m.groups()
    if month is None or not 1 <= int(month) <= 12:
        return year if month is None else s
    name = MONTHS[int(month) - 1]
    if day is None:
        return f"{name} {year}"
    return f"{int(day)} {name} {year}" if 1 <= int(day) <= 31 else s


def _opens(t: str, i: int) -> bool:
    """Whether the double mark at ``i`` opens a quotation (a straight one does at the start or
    after a space or bracket)."""
    ch = t[i]
    return ch in OPEN_MARKS or (ch == STRAIGHT and (i == 0 or t[i - 1] in " ([\u2014\u2013-"))


def _outer_pair(t: str) -> bool:
    """Whether the first and last characters are one quotation's marks, closing each other
    (not “a” and “b”, two quotations side by side)."""
    if len(t) < 2 or t[0] not in OPEN_MARKS + STRAIGHT or t[-1] not in CLOSE_MARKS + STRAIGHT:
        return False
    depth = 0
    for i, ch in enumerate(t):
        if ch not in _DOUBLE:
            continue
        depth += 1 if _opens(t, i) else -1
        if depth == 0 and i < len(t) - 1:
            return False
    return depth == 0


def _depth(t: str) -> int:
    """Opening double marks less closing ones."""
    return sum(1 if _opens(t, i) else -1 for i, ch in enumerate(t) if ch in _DOUBLE)


def _words(text: str) -> str:
    """One piece of quoted words: spaces collapsed, without the quotation's own double marks
    at its ends (a lone one too: a quotation running on, or one ending here), without the
    comma that led on to the rest of the sentence, and with any quotation inside it in single
    marks."""
    t = " ".join(text.split())
    if _outer_pair(t):
        t = t[1:-1]
    elif (d := _depth(t)) > 0 and t[:1] in OPEN_MARKS + STRAIGHT:
        t = t[1:]
    elif d < 0:
        end = t.rstrip(",;:. ")
        if end[-1:] in CLOSE_MARKS + STRAIGHT:
            t = end[:-1] + t[len(end) :]
    t = t.strip().rstrip(",;: ")
    if t.count(STRAIGHT) % 2 == 0:  # straight marks in pairs: open, close, open, close …
        pieces = t.split(STRAIGHT)
        t = "".join(
            p + (SINGLE_OPEN if i % 2 == 0 else SINGLE_CLOSE) if i < len(pieces) - 1 else p
            for i, p in enumerate(pieces)
        )
    return t.translate(_NESTED)


def words(span: Span) -> str:
    """The words of a span as they go inside one pair of quote marks; the parts of a
    discontinuous one joined with " … "."""
    pieces = [p.text for p in span.parts] or [span.text]
    return " … ".join(w for w in map(_words, pieces) if w)


def quoted(span: Span) -> str:
    """The words in quote marks, once: “…”."""
    return f"\u201c{words(span)}\u201d"


def citation(facts: Facts) -> str:
    """Where the words appeared: the outlet and the date, as far as they are known ("TASS,
    12 September 2023"); the article's title (or its file) stands for an unknown outlet."""
    outlet = " ".join(meta_text(facts.meta, "source").split())
    date = long_date(meta_text(facts.meta, "date"))
    title = " ".join(facts.title.split())
    where = outlet or (f"\u201c{title}\u201d" if title else Path(facts.path).name)
    return ", ".join(x for x in (where, date) if x)


def _is_title(role: str) -> bool:
    """A formal title, written before a name ("Kremlin Press Secretary Dmitry Peskov")."""
    ws = role.split()
    return bool(ws) and all(w[0].isupper() for w in ws if w[0].isalpha() and w not in _MINOR)


def _at_sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t" + _DOUBLE + SINGLE_OPEN)
    return not before or before.endswith((".", "!", "?", "\n", ":"))


def _source_words(c: Claim, facts: Facts) -> str:
    """The words that name a source no entity stands for, as they read after a quotation:
    "Analysts" at the start of a sentence is "analysts", unless the text writes the word with a
    capital elsewhere too (a name: "Reuters")."""
    assert c.source is not None
    s = " ".join(c.source.text.split())
    first, _, rest = s.partition(" ")
    if (
        len(first) > 1
        and first[0].isupper()
        and first[1:].isalpha()
        and first[1:].islower()
        and not rest[:1].isupper()  # "Mr Kelly", "New Delhi officials": a name
        and _at_sentence_start(facts.text, c.source.start)
        and not re.search(rf"[^\W\d_][,;]?[ \t]+{re.escape(first)}\b", facts.text)
    ):
        return s[0].lower() + s[1:]
    return s


def source_parts(c: Claim, facts: Facts) -> tuple[str, str]:
    """(the source, its role as an apposition or "") for a claim with a source: "Kremlin Press
    Secretary Dmitry Peskov" (a title goes before the name), ("Dmitry Peskov", "the Kremlin
    spokesman"), ("the Kremlin", "") as the article names it."""
    assert c.source is not None
    ent = facts.entity(c.source.entity) if c.source.entity else None
    if ent is None:
        return _source_words(c, facts), ""
    name = " ".join(ent.name.split())
    if ent.kind != "person" and re.match(r"the\s", c.source.text, re.IGNORECASE):
        name = "the " + name  # "The Kremlin said" is cited as "said the Kremlin"
    role = " ".join(ent.roles[0].split()) if ent.roles else ""
    if not role or role.lower() == name.lower():
        return name, ""
    if _is_title(role):
        return f"{role} {name}", ""
    if role.split()[0].lower() in _DETERMINERS:
        return name, role[0].lower() + role[1:]
    return name, "the " + role


def cited_words(c: Claim) -> str:
    """The content as it is quoted: reported speech without its "that" ("confirmed that the
    train had crossed" quotes “the train had crossed”)."""
    w = words(c.content)
    if c.kind != "direct":
        w = re.sub(r"^that\s+", "", w)
    return w


def _lead(w: str) -> str:
    """Quoted words that a sentence goes on after: “…,” (or “…?” and “…!” as they are)."""
    closing = ""
    while w and w[-1] in SINGLE_CLOSE:  # a quotation ending inside the words keeps its mark
        closing, w = w[-1] + closing, w[:-1]
    if not w.endswith(("?", "!")):
        w = w.rstrip(".,;: ") + ","
    return f"\u201c{w}{closing}\u201d"


def _capital(w: str) -> str:
    """The words as a quotation that opens a sentence: the first letter a capital (after any
    mark that opens a quotation inside it: “‘Politics in this town’ meant …”)."""
    i = len(w) - len(w.lstrip(SINGLE_OPEN + "'"))
    return w[:i] + w[i : i + 1].upper() + w[i + 1 :]


# First words of a reported content that go in lower case after "According to X,".
_LOWER_AFTER_COMMA = frozenset(
    "the a an it its this that these those there they he she we i his her their our".split()
)


def _paraphrase(c: Claim) -> str:
    """Reported speech as the article words it, without the "that" that led it in and without
    quote marks of its own: only the words the article quotes keep theirs."""
    # Words the source or cue interrupts read whole when nobody is named ("The two countries
    # are expected to finalize …").
    pieces = [p.text for p in c.content.parts] if c.source is not None else []
    pieces = pieces or [c.content.text]
    w = " … ".join(" ".join(p.split()).strip(" ,;:") for p in pieces)
    w = re.sub(r"^that\s+", "", w).rstrip(".,;: ")
    # The sentence's stop inside a closing quote mark: the citation ends the sentence now.
    return re.sub(r"[.,;:]+([\u201d\u2019\"']+)$", r"\1", w)


def _sentence_case(w: str, first: bool) -> str:
    head, _, rest = w.partition(" ")
    if first:
        return w[:1].upper() + w[1:]
    if head.lower() in _LOWER_AFTER_COMMA:
        return head.lower() + (" " + rest if rest else "")
    return w


def quotation(c: Claim, facts: Facts) -> str:
    """A claim as a citable sentence: who put it so (name and role), the words, and where
    (outlet and date). Only words the article quotes go in quote marks; reported speech is
    cited as reported::

        “The talks were productive,” said Dmitry Peskov, the Kremlin spokesman (TASS, 12 May 2023).
        Dmitry Peskov, the Kremlin spokesman, did not specify where the talks would be (TASS).
        According to some estimates, the country has millions of shells (“Title”).
        Kim could ask for weapons technology (unattributed; TASS, 12 May 2023).
    """
    cite = citation(facts)
    tail = f" ({cite})" if cite else ""
    if c.kind != "direct":
        w = _paraphrase(c)
        if c.source is None:
            return f"{_sentence_case(w, True)} (unattributed{'; ' + cite if cite else ''})."
        name, role = source_parts(c, facts)
        cue = " ".join(c.cue.text.split()) if c.cue else ""
        if c.kind == "according_to" or cue.lower() == "according to":
            who = f"{name}, {role}" if role else name
            return f"According to {who}, {_sentence_case(w, False)}{tail}."
        cue = cue if any(ch.isalpha() for ch in cue) else "said"
        if cue[1:2].islower():
            cue = cue[0].lower() + cue[1:]
        cue = _TOLD.get(cue, cue)  # whom they told is not in the words
        who = _sentence_case(f"{name}, {role}," if role else name, True)
        return f"{who} {cue} {w}{tail}."
    w = _capital(cited_words(c))
    if c.source is None:
        w = w.rstrip(".,;: ")
        return f"\u201c{w}\u201d (unattributed{'; ' + cite if cite else ''})."
    name, role = source_parts(c, facts)
    cue = " ".join(c.cue.text.split()) if c.cue else ""
    if not any(ch.isalpha() for ch in cue):
        cue = ""  # a colon introduced the quotation: no word of saying
    if cue[1:2].islower():
        cue = cue[0].lower() + cue[1:]
    cue = _TOLD.get(cue, cue)
    lead = _lead(w)
    if not cue or cue in SAYING:
        body = f"{lead} {cue or 'said'} {name}{', ' + role if role else ''}"
    else:
        body = f"{lead} {name}{', ' + role + ',' if role else ''} {cue}"
    return f"{body}{tail}."


def said_when(w: When | None) -> str:
    """When a claim was made, in words, and what says so: "Said on 1 December 2023 (“on
    Tuesday”)", "Said in 1953 (“in 1953”)", "12 September 2023, the article's date"."""
    if w is None:
        return ""
    day = long_date(w.date)
    if w.basis != "sentence":
        return f"{day}, the {'file' if w.basis == 'file' else 'article'}'s date"
    on = {"day": "on", "week": "in the week of"}.get(w.precision, "in")
    words = w.words.text if w.words else ""
    counted_from = ", counted from the file's date" if w.counted_from == "file" else ""
    why = f" (\u201c{words}\u201d{counted_from})" if words else ""
    return f"Said {on} {day}{why}"
