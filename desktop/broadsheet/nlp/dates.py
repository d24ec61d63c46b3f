"""Dates in the text ("on Tuesday", "in 1953", "last month") resolved against the article's date.

Only expressions that name a point in time are resolved: a weekday, today / yesterday /
tomorrow, a month, a year, "last week", "two days ago". Durations ("three years", "decades")
and vague times ("the coming days", "recently") are not dates and give None.

A date is ISO 8601 at its precision: "2023-09-12" (day), "2023-09" (month), "1953" (year); a week
is the day it starts on, with the precision "week". A weekday is the last such day up to the
article's date, that day included: news reports what happened, and "on Tuesday" in a Tuesday
paper is that day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

PRECISIONS = ("day", "week", "month", "year")

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(
    r"^(?:(?P<which>last|this|next|past)\s+)?(?P<day>" + "|".join(_WEEKDAYS) + r")"
    r"(?:\s+(?:morning|afternoon|evening|night))?$"
)
# Words that only say when in the day: "the early hours of Tuesday morning".
_TIME_OF_DAY = frozenset(
    "early late hours hour of the morning afternoon evening night midday noon midnight".split()
)
_DAY_WORDS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
# What makes an expression a point in time rather than a stretch of it.
_ANCHOR = re.compile(
    rf"\b(?:{_MONTHS})\b\.?|\b(?:1[5-9]\d\d|20\d\d)\b|\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}"
    r"|\b(?:last|this|next|past)\s+(?:week|month|year)\b|\bago\b"
)
_DECADE = re.compile(r"\b\d{3}0s\b|\b\d0s\b")
# Words round the date itself: "on", "early", "the", "'s".
_LEAD = re.compile(
    r"^(?:(?:on|in|at|by|since|from|until|till|through|during|of|as of|the|early|late|mid|"
    r"earlier|later|before|after|end of|start of|beginning of|middle of)\b[\s-]*)+"
)
_TAIL = re.compile(r"(?:'s|’s|')$")
_PERIODS = {"day": "day", "week": "week", "month": "month", "year": "year"}


# A day to read dates against when the article gives none: only written years are kept then.
ANY_DAY = date(2000, 6, 15)


def names_a_date(words: str) -> bool:
    """Whether the words look like a point in time (the gates of ``resolve`` without the
    parsing: the parse only needs to know which words to keep)."""
    w = _normal(words)
    if not w or _DECADE.search(w):
        return False
    return (
        w in _DAY_WORDS or bool(_WEEKDAY.match(w)) or _time_of_weekday(w) or bool(_ANCHOR.search(w))
    )


def _normal(expression: str) -> str:
    words = " ".join(expression.lower().split())
    return _TAIL.sub("", _LEAD.sub("", words)).strip(" ,.")


def _time_of_weekday(words: str) -> bool:
    """ "the early hours of Tuesday morning": one weekday and words of the time of day."""
    split = words.split()
    named = [w for w in split if w in _WEEKDAYS]
    return len(named) == 1 and all(w in _TIME_OF_DAY or w in _WEEKDAYS for w in split)


@dataclass(frozen=True)
class Resolved:
    date: str  # ISO at the precision: "2023-09-12", "2023-09", "1953"
    precision: str  # one of PRECISIONS


def day(d: date) -> Resolved:
    return Resolved(d.isoformat(), "day")


def base_date(value: str) -> date | None:
    """The day of an ISO date or timestamp from the document's metadata ("2023-09-12",
    "2023-09-12T08:30:00+03:00"), or None when it is not one."""
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", value.strip())
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def resolve(expression: str, base: date) -> Resolved | None:
    """The date ``expression`` names, read as written on the day ``base``; None when it names
    no point in time."""
    words = _normal(expression)
    if not words or _DECADE.search(words):
        return None
    if words in _DAY_WORDS:
        return day(base + timedelta(days=_DAY_WORDS[words]))
    m = _WEEKDAY.match(words)
    if m:
        return day(_weekday(base, _WEEKDAYS.index(m["day"]), m["which"]))
    if _time_of_weekday(words):
        named = next(w for w in words.split() if w in _WEEKDAYS)
        return day(_weekday(base, _WEEKDAYS.index(named), None))
    if not _ANCHOR.search(words):
        return None
    # The forms news is written in are read here; dateparser (milliseconds a call) reads the
    # rest, so that an article's dozens of dates cost no more than its parse.
    found = _calendar(words, base) or _relative(words, base)
    return found if found is not None else _parsed(words, base)


_MONTH_NUMBER = {
    name: n
    for n, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        1,
    )
    for name in names
}
_MONTH = r"(?P<month>[a-z]+)\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)"
_CALENDAR = [
    re.compile(rf"^{_YEAR}$"),
    re.compile(rf"^{_MONTH}(?:\s+{_DAY})?(?:,?\s+{_YEAR})?$"),
    re.compile(rf"^{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?$"),
    re.compile(r"^(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})$"),
    re.compile(r"^(?P<mon>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4}|\d{2})$"),  # US order
]


def _calendar(words: str, base: date) -> Resolved | None:
    for pattern in _CALENDAR:
        m = pattern.match(words)
        if m is None:
            continue
        g = m.groupdict()
        month = _MONTH_NUMBER.get(g["month"]) if g.get("month") else None
        if g.get("month") and month is None:
            return None
        if g.get("mon"):
            month = int(g["mon"])
        year = int(g["year"]) if g.get("year") else None
        if year is not None and year < 100:
            year += 2000 if year <= base.year % 100 else 1900
        if month is None:
            return Resolved(f"{year:04d}", "year") if year else None
        dom = int(g["day"]) if g.get("day") else None
        if year is None:  # the nearest such month to the article's date; the earlier on a tie
            year = min(
                (base.year - 1, base.year, base.year + 1),
                key=lambda y: (abs(_months(y, month) - _months(base.year, base.month)), y),
            )
        if dom is None:
            return Resolved(f"{year:04d}-{month:02d}", "month")
        try:
            return day(date(year, month, dom))
        except ValueError:
            return None
    return None


def _months(year: int, month: int) -> int:
    return year * 12 + month


_NUMBERS = {
    w: n
    for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve".split()
    )
} | {"a": 1, "an": 1}
_RELATIVE = re.compile(r"^(?P<which>last|this|next|past)\s+(?P<unit>week|month|year)$")
_AGO = re.compile(r"^(?P<n>\d+|[a-z]+)\s+(?P<unit>day|week|month|year)s?\s+ago$")


_MONTH_OF = re.compile(r"^(?P<month>[a-z]+)\.? of (?P<which>last|this|next) year$")


def _relative(words: str, base: date) -> Resolved | None:
    m = _RELATIVE.match(words)
    step = {"last": -1, "past": -1, "this": 0, "next": 1}
    if m:
        return _shifted(base, m["unit"], step[m["which"]])
    m = _MONTH_OF.match(words)  # "July of this year"
    if m and m["month"] in _MONTH_NUMBER:
        year = base.year + step[m["which"]]
        return Resolved(f"{year:04d}-{_MONTH_NUMBER[m['month']]:02d}", "month")
    m = _AGO.match(words)
    if m:
        n = int(m["n"]) if m["n"].isdigit() else _NUMBERS.get(m["n"])
        return None if n is None else _shifted(base, m["unit"], -n)
    return None


def _shifted(base: date, unit: str, n: int) -> Resolved:
    if unit == "day":
        return day(base + timedelta(days=n))
    if unit == "week":
        monday = base - timedelta(days=base.weekday()) + timedelta(weeks=n)
        return Resolved(monday.isoformat(), "week")
    if unit == "month":
        y, mo = divmod(_months(base.year, base.month) - 1 + n, 12)
        return Resolved(f"{y:04d}-{mo + 1:02d}", "month")
    return Resolved(f"{base.year + n:04d}", "year")


def parser_works() -> bool:
    """Whether dateparser reads a form only it reads (its data is there: a bundle's check)."""
    return _parsed("the 3rd of march, 2021", date(2023, 9, 12)) == Resolved("2021-03-03", "day")


def _weekday(base: date, wanted: int, which: str | None) -> date:
    back = (base.weekday() - wanted) % 7
    if which == "next":
        return base + timedelta(days=(wanted - base.weekday()) % 7 or 7)
    if which in ("last", "past") and back == 0:
        back = 7
    return base - timedelta(days=back)


def _parsed(words: str, base: date) -> Resolved | None:
    found = _parser(base).get_date_data(words)
    if found is None or found.date_obj is None:
        return None
    period = _PERIODS.get(found.period or "day", "day")
    got = found.date_obj.date()
    if re.fullmatch(r"(?:1[5-9]\d\d|20\d\d)", words):
        period = "year"
    if period == "year":
        return Resolved(f"{got.year:04d}", "year")
    if period == "month":
        return Resolved(f"{got.year:04d}-{got.month:02d}", "month")
    if period == "week":
        start = got - timedelta(days=got.weekday())
        return Resolved(start.isoformat(), "week")
    return day(got)


@lru_cache(maxsize=16)
def _parser(base: date) -> DateDataParser:
    """A parser reading relative dates from ``base`` (cheap to make; one per article date)."""
    from dateparser.date import DateDataParser  # here: only analysis needs it

    return DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": datetime(base.year, base.month, base.day, 12),
            "PREFER_DATES_FROM": "past",
        },
    )
