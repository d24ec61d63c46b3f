"""Dates in the text resolved against the article's date."""

from datetime import date

import pytest

from broadsheet.nlp.dates import Resolved, base_date, resolve

TUESDAY = date(2023, 9, 12)  # the article's date


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        # A weekday is the last one up to the article's day, that day included.
        ("Tuesday", ("2023-09-12", "day")),
        ("on Monday", ("2023-09-11", "day")),
        ("Thursday's", ("2023-09-07", "day")),
        ("last Tuesday", ("2023-09-05", "day")),
        ("next Friday", ("2023-09-15", "day")),
        ("Monday night", ("2023-09-11", "day")),
        ("the early hours of Tuesday morning", ("2023-09-12", "day")),
        ("yesterday", ("2023-09-11", "day")),
        ("today", ("2023-09-12", "day")),
        ("in 1953", ("1953", "year")),
        ("last year", ("2022", "year")),
        ("this year", ("2023", "year")),
        ("mid-2015", ("2015", "year")),
        ("last month", ("2023-08", "month")),
        ("earlier this month", ("2023-09", "month")),
        ("March", ("2023-03", "month")),
        ("July 2015", ("2015-07", "month")),
        ("the end of June", ("2023-06", "month")),
        ("Sept. 11", ("2023-09-11", "day")),
        ("Sept. 11, 2001", ("2001-09-11", "day")),
        ("June 30", ("2023-06-30", "day")),
        ("this week", ("2023-09-11", "week")),
        ("next week", ("2023-09-18", "week")),
    ],
)
def test_a_point_in_time_is_resolved_from_the_article_date(words, expected):
    assert resolve(words, TUESDAY) == Resolved(*expected)


@pytest.mark.parametrize(
    "words",
    [
        "three years",
        "decades",
        "the coming days",
        "the 1990s",
        "the past decade",
        "recent years",
        "59",
        "the weekend",
        "the past two years",
    ],
)
def test_a_stretch_of_time_or_a_vague_one_is_no_date(words):
    assert resolve(words, TUESDAY) is None


def test_the_article_date_is_read_from_iso_metadata():
    assert base_date("2023-09-12") == TUESDAY
    assert base_date("2023-09-12T08:30:00+03:00") == TUESDAY
    assert base_date("12 September 2023") is None
    assert base_date("2023-02-30") is None


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        # A month or day without its year is the nearest one to the article's date.
        ("Sept. 20", ("2023-09-20", "day")),
        ("December", ("2023-12", "month")),
        ("January 3", ("2024-01-03", "day")),
        ("May", ("2023-05", "month")),
        ("12 September 2023", ("2023-09-12", "day")),
        ("2001-09-11", ("2001-09-11", "day")),
        ("9/11/01", ("2001-09-11", "day")),
        ("two days ago", ("2023-09-10", "day")),
        ("a year ago", ("2022", "year")),
        ("3 months ago", ("2023-06", "month")),
        ("two weeks ago", ("2023-08-28", "week")),
        ("the past year", ("2022", "year")),
        ("July of this year", ("2023-07", "month")),
        ("January of last year", ("2022-01", "month")),
    ],
)
def test_the_forms_news_is_written_in(words, expected):
    assert resolve(words, TUESDAY) == Resolved(*expected)


@pytest.mark.parametrize(
    "words",
    [
        "Tuesday",
        "the early hours of Tuesday morning",
        "in 1953",
        "last month",
        "two days ago",
        "three years",
        "decades",
        "the 1990s",
        "59",
        "the coming days",
    ],
)
def test_the_parse_keeps_the_words_that_resolve(words):
    from broadsheet.nlp.dates import names_a_date

    assert names_a_date(words) == (resolve(words, TUESDAY) is not None)
