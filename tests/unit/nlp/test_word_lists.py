"""Each word list lives in one module under one name, and the narrower lists stay inside the
broader ones they are cut from."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

from broadsheet.nlp import cues, names, quotes

NLP = Path(names.__file__).parent
LISTS = (ast.Call, ast.Set, ast.BinOp, ast.Tuple, ast.Dict)  # frozenset(…), {…}, A | B, …


def test_no_word_list_is_defined_twice_under_one_name():
    where: dict[str, list[str]] = defaultdict(list)
    for path in NLP.rglob("*.py"):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign) and isinstance(node.value, LISTS):
                for target in node.targets:
                    if isinstance(target, ast.Name) and target.id.lstrip("_").isupper():
                        where[target.id.lstrip("_")].append(str(path.relative_to(NLP)))
    twice = {name: files for name, files in where.items() if len(files) > 1}
    assert not twice


def test_saying_verbs_are_speech_verbs():
    assert cues.SAYING_VERBS <= cues.SPEECH_VERBS


def test_title_words_hold_every_role_noun():
    assert names.ROLE_NOUNS <= names.TITLE_WORDS


def test_no_quotation_mark_is_an_apostrophe():
    assert "'" not in quotes.ALL_MARKS and quotes.SINGLE_CLOSE not in quotes.ALL_MARKS
