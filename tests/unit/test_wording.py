"""Counts in words and names in index order."""

import pytest

from broadsheet.nlp.names import family_sort_key
from broadsheet.wording import counted


@pytest.mark.parametrize(
    ("n", "noun", "words"),
    [
        (1, "mention", "1 mention"),
        (2, "mention", "2 mentions"),
        (0, "claim", "0 claims"),
        (1, "person", "1 person"),
        (3, "person", "3 people"),
        (2, "entity", "2 entities"),
        (1200, "word", "1,200 words"),
    ],
)
def test_counted(n, noun, words):
    assert counted(n, noun) == words


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Vladimir Putin", "putin vladimir"),
        ("Martin Luther King Jr.", "king martin luther"),
        ("Kim Jong Un", "kim jong un"),  # the family name leads already
        ("Xi Jinping", "xi jinping"),
        ("Shoigu", "shoigu"),
    ],
)
def test_family_sort_key(name, key):
    assert family_sort_key(name) == key


def test_a_documents_counts_read_as_words():
    from broadsheet.wording import fact_counts

    assert fact_counts(1, 0, 5, 1) == ["1 person", "0 places", "5 organisations", "1 claim"]
