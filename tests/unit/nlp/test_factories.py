"""Our components are spaCy factories as spaCy's own are: declared attributes, a typed config
that a user may change, and no complaints from ``analyze_pipes`` in the pipeline we load."""

from __future__ import annotations

import spacy
from spacy.language import Language

import broadsheet.nlp.claims  # noqa: F401 - registers the factories
import broadsheet.nlp.entities  # noqa: F401
from broadsheet.nlp.pipeline import load_pipeline

TEXT = "Angela Merkel said Berlin would wait. Olaf Scholz believes it will rain on Monday."


def test_factories_declare_what_they_assign_and_need():
    claims = Language.get_factory_meta("broadsheet_claims")
    entities = Language.get_factory_meta("broadsheet_entities")
    assert "doc._.bs_claims" in claims.assigns and "doc._.bs_entities" in entities.assigns
    assert "token.dep" in claims.requires and "doc.ents" in entities.requires
    assert claims.default_config == {"extra_cue_verbs": [], "ignored_cue_verbs": []}


def test_the_loaded_pipeline_has_no_missing_attributes():
    problems = load_pipeline().analyze_pipes(pretty=False)["problems"]
    assert not any(problems.values()), problems


def test_which_cue_verbs_count_comes_through_the_config(nlp):
    model = nlp.meta["lang"] + "_" + nlp.meta["name"]
    custom = spacy.load(model, exclude=["broadsheet_entities", "broadsheet_claims"])
    custom.add_pipe("broadsheet_entities")
    custom.add_pipe(
        "broadsheet_claims", config={"ignored_cue_verbs": ["say"], "extra_cue_verbs": ["rain"]}
    )
    default_cues = {c.cue.text for c in nlp(TEXT)._.bs_claims if c.cue}
    custom_cues = {c.cue.text for c in custom(TEXT)._.bs_claims if c.cue}
    assert "said" in default_cues and "said" not in custom_cues
    assert "believes" in custom_cues
