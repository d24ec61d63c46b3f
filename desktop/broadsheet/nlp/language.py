"""The language an article is written in, and what Broadsheet can do with it.

Broadsheet's components read English: on other text the English model lists function words as
people ("Что", "Sie", "de la"). A text the detector (py3langid, whose model ships in its wheel)
is sure is not English gets a notice instead of junk rows; when a spaCy pipeline for its
language is installed, that pipeline names its people, places and organisations.
"""

from __future__ import annotations

import importlib.util
import re
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language

ENGLISH = "en"
SURE = 0.9  # normalised probability; below it the text is taken as English, as before
MIN_LETTERS = 60  # fewer letters say too little (a title, a table of figures)
SAMPLE = 4000  # characters read from the start and as many from the middle
MIN_SMALL = 0.4  # German prose: 0.6 of its words start small; a table of names under 0.3
_WORD = re.compile(r"[^\W\d_]+")
_NOTICE = "This article looks "  # every notice starts so (see ``is_notice``)

# spaCy's naming of its trained pipelines: LANG_core_(news|web)_(sm|md|lg|trf)
_SIZES = ("sm", "md", "lg", "trf")
# The entity labels of spaCy's pipelines (OntoNotes for English and Chinese, WikiNER and
# others for the rest); MISC and the rest are not people, places or organisations.
KINDS = {
    "PERSON": "person",
    "PER": "person",
    "persName": "person",
    "GPE": "place",
    "LOC": "place",
    "placeName": "place",
    "geogName": "place",
    "ORG": "organisation",
    "orgName": "organisation",
}


@cache
def _identifier() -> Any:
    from py3langid.langid import (  # type: ignore[import-untyped]
        MODEL_DIR,
        MODEL_FILE,
        LanguageIdentifier,
    )

    return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)


def warm_up() -> None:
    """Load the detector's model now (about a second), beside the spaCy model."""
    _identifier()


def detect(text: str) -> tuple[str, float]:
    """The ISO 639-1 code of the text's language and how sure the detector is (0 to 1)."""
    if len(text) > 2 * SAMPLE:
        mid = len(text) // 2
        text = text[:SAMPLE] + "\n" + text[mid : mid + SAMPLE]
    if sum(c.isalpha() for c in text) < MIN_LETTERS:
        return ENGLISH, 0.0
    code, prob = _identifier().classify(text)
    return str(code), float(prob)


def language_of(text: str) -> str | None:
    """The text's language when the detector is sure of it, else None (read as English)."""
    code, prob = detect(text)
    if prob < SURE:
        return None
    if code != ENGLISH and not _prose(text[:SAMPLE]):
        return None
    return code


def _prose(text: str) -> bool:
    """Whether the text runs as sentences, not as a list of names (results, standings): in a
    script with capitals, a good share of the words start with a small letter. The detector
    reads a table of Polish footballers' names as Polish."""
    words = _WORD.findall(text)
    cased = [w for w in words if w[0].lower() != w[0].upper()]
    if len(cased) < len(words) / 2:  # Chinese, Japanese, Arabic…: no capitals to go by
        return True
    return sum(w[0].islower() for w in cased) >= MIN_SMALL * len(cased)


def name_of(code: str) -> str:
    """ "ru" is "Russian" (pycountry's ISO 639 names; the code itself when it has none)."""
    import pycountry

    lang = pycountry.languages.get(alpha_2=code)
    name = getattr(lang, "name", "") if lang is not None else ""
    # "Modern Greek (1453-)" is "Greek", "Swahili (macrolanguage)" "Swahili"
    return re.sub(r"^Modern |\s*[(,].*$", "", name) or code


def model_for(code: str) -> str | None:
    """An installed spaCy pipeline for the language, the smallest first (fastest), or None."""
    for genre in ("news", "web"):
        for size in _SIZES:
            name = f"{code}_core_{genre}_{size}"
            if importlib.util.find_spec(name) is not None:
                return name
    return None


@cache
def load_model(name: str) -> Language:
    """Another language's pipeline, with only what naming entities needs."""
    import spacy

    nlp = spacy.load(name)
    keep = {"tok2vec", "transformer", "ner"}
    nlp.select_pipes(enable=[p for p in nlp.pipe_names if p in keep])
    return nlp


def notice(code: str, model: str | None) -> str:
    """The sentence the article's header shows for a text that is not English."""
    name = name_of(code)
    if model:
        return (
            f"{_NOTICE}{name}: its people, places and organisations come from the {model} "
            "pipeline; Broadsheet finds claims in English text only."
        )
    return f"{_NOTICE}{name}: Broadsheet finds people, places and claims in English text."


def is_notice(warning: str) -> bool:
    """A warning that ``notice`` wrote (kept with a stored analysis, unlike reading's)."""
    return warning.startswith(_NOTICE)
