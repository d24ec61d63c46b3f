"""Facts JSON read and written a piece at a time is the same JSON as in one call."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from broadsheet.store import codec as stepwise_json

values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(st.dictionaries(st.text(), values | st.lists(values), max_size=6))
def test_objects_round_trip_and_match_the_standard_text(d):
    text = stepwise_json.dumps(d)
    assert text == json.dumps(d, ensure_ascii=False)
    assert stepwise_json.loads(text) == d
    assert stepwise_json.loads(json.dumps(d, indent=2)) == d  # any spacing


def test_the_facts_of_an_article(sample_facts):
    data = sample_facts.to_json()
    assert stepwise_json.loads(stepwise_json.dumps(data)) == data


def test_keys_that_are_not_strings_follow_json_rules():
    d = {2: [True], False: None, "a": [1]}
    assert stepwise_json.dumps(d) == json.dumps(d, ensure_ascii=False)


@pytest.mark.parametrize("text", ["[1, 2]", "3", '"x"', "null"])
def test_other_values_are_read_as_usual(text):
    assert stepwise_json.loads(text) == json.loads(text)


@pytest.mark.parametrize("text", ["", "{", '{"a": [1, 2}', '{"a": 1} x', '{"a" 1}', "{1: 2}"])
def test_invalid_json_raises_the_usual_error(text):
    with pytest.raises(json.JSONDecodeError):
        stepwise_json.loads(text)
