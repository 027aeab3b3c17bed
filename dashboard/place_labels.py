"""Names on the offline basemap: towns from our own gazetteer, and the governorates of Iraq and Syria.

Which towns: the populated places of Iraq and Syria, and of their neighbours near them (`NEAR`), plus
the neighbours' capitals. Each has a zoom it is named from (`min_zoom`): a band from its size
(`band`), raised until its name no longer overlaps the name of a larger place nearby (`_declutter`,
which measures both names on a Web Mercator map of that zoom). At most `MAX_LABELS` are kept, those
shown earliest first, so the published file stays small.

Every label carries both names, each falling back to the other, so the map's language toggle always
has a name to show. The governorates have no polygons here: only a name at the point admin.csv gives
(a centroid, or the provincial capital), in a style of its own, at zooms `REGION_ZOOMS`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from geodata.gazetteer import Gazetteer
from geodata.gazetteer.admin import read_admin
from geodata.gazetteer.sources import GazEntry

FOCUS = ("IQ", "SY")
NEIGHBOURS = ("TR", "JO", "LB", "IR", "SA", "KW")
NEAR = (34.0, 28.0, 52.0, 40.0)  # min_lon, min_lat, max_lon, max_lat: the neighbours' places named
POPULATED = frozenset({"city", "town", "village"})
MAX_LABELS = 5000
MAX_ZOOM = 13  # a name that overlaps a larger one's even here is left out
REGION_ZOOMS = (6, 8)
CAPITAL_KM = 25.0
UNDER_KM = 15.0  # a governorate's point this near a town's: its name goes under the town's
CHAR_PX, GAP_PX, LINE_PX = 6.0, 6.0, 15.0  # a name's width per character, the room between two, a line's height

_ARABIC = re.compile(r"[\u0600-\u06ff]")
_NOT_ARABIC = re.compile(r"[A-Za-z\u00c0-\u024f\u0259\u0695\u06c1\u06c6\u06d2\u06d5\u06ce\u06b5]")

# (smallest population, first zoom): capitals and big cities from 5, towns of over 50,000 from 7 ...
BANDS = ((1_000_000, 5), (200_000, 6), (50_001, 7), (10_001, 8))
UNKNOWN_TOWN, VILLAGE = 8, 10  # a town of unknown size (our curated ones, most of Iraq's), a village


@dataclass(frozen=True, slots=True)
class PlaceLabel:
    """A name on the map: where, from which zoom, in English and Arabic (each filled by the other)."""

    lat: float
    lon: float
    min_zoom: int
    name: str
    name_ar: str
    size: int = 3  # 1 a city (zoom 5-6), 2 a town (7-8), 3 a village


def arabic(name: str) -> str:
    """An Arabic name as it is, without direction marks; "" for one that is not Arabic: GeoNames gives
    some Turkish and Iranian towns a Latin, Urdu or Kurdish spelling as their "Arabic" name."""
    text = name.replace("\u200e", "").replace("\u200f", "").strip()
    if not text or _NOT_ARABIC.search(text) or not _ARABIC.search(text):
        return ""
    return text


def names(entry: GazEntry) -> tuple[str, str]:
    """English and Arabic names, a missing one replaced by the other."""
    en, ar = (entry.name or "").strip(), arabic(entry.name_ar or "")
    return en or ar, ar or en


def band(entry: GazEntry, *, capital: bool = False) -> int:
    """The zoom a place is named from by its size alone; a zoom later in a neighbour of Iraq and Syria."""
    if capital:
        return BANDS[0][1]
    later = 0 if entry.country_code in FOCUS else 1
    for least, zoom in BANDS:
        if entry.population >= least:
            return zoom + later
    if entry.feature_type == "village" or entry.population:
        return VILLAGE + later
    return UNKNOWN_TOWN + later


def wanted(entry: GazEntry) -> bool:
    """A populated place of Iraq or Syria, or of a neighbour within `NEAR`, with a name."""
    if entry.feature_type not in POPULATED or not (entry.name or entry.name_ar):
        return False
    if entry.country_code in FOCUS:
        return True
    minx, miny, maxx, maxy = NEAR
    return entry.country_code in NEIGHBOURS and minx <= entry.lon <= maxx and miny <= entry.lat <= maxy


def _capitals(entries: Sequence[GazEntry], capitals: Mapping[str, tuple[str, float, float]]) -> set[str]:
    """The gazetteer ids of the capitals: the city of that name near the capital's point, else the nearest."""
    out = set()
    for cc, (name, lat, lon) in capitals.items():
        near = [
            e
            for e in entries
            if e.country_code == cc and e.feature_type == "city" and _km(lat, lon, e.lat, e.lon) <= CAPITAL_KM
        ]
        if near:
            best = min(near, key=lambda e: (e.name.casefold() != name.casefold(), _km(lat, lon, e.lat, e.lon)))
            out.add(best.gid)
    return out


def _precedence(entry: GazEntry) -> tuple[bool, bool, int]:
    return entry.country_code not in FOCUS, entry.source != "khareeta", -entry.population


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    dx = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371.0 * math.hypot(dx, math.radians(lat2 - lat1))


def _mercator(lat: np.ndarray, lon: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pixels on the map at zoom 0 (a 256-pixel world), as Leaflet projects them."""
    y = np.log(np.tan(np.pi / 4 + np.radians(np.clip(lat, -85, 85)) / 2))
    return (lon + 180) / 360 * 256, (1 - y / np.pi) / 2 * 256


def _declutter(entries: Sequence[GazEntry], bands: Sequence[int]) -> list[int]:
    """Each place's first zoom: its band, or later, once its name clears every larger place's name.

    Two names clear each other at a zoom where they are apart by more than half their widths
    across, or by a line's height up or down; each zoom doubles the pixels between them.
    """
    lat = np.array([e.lat for e in entries], dtype=float)
    x, y = _mercator(lat, np.array([e.lon for e in entries], dtype=float))
    width = np.array([max(map(len, names(e))) for e in entries], dtype=float) * CHAR_PX
    out: list[int] = []
    for i, first in enumerate(bands):
        zoom = first
        if i:
            across = np.abs(x[:i] - x[i]) / ((width[:i] + width[i]) / 2 + GAP_PX)
            down = np.abs(y[:i] - y[i]) / LINE_PX
            apart = np.maximum(across, down)  # at zoom 0, as a share of what clears
            clear = np.ceil(-np.log2(np.maximum(apart, 1e-9)))
            zoom = max(first, int(clear.max()))
        out.append(zoom)
    return out


def place_labels(
    entries: Iterable[GazEntry],
    *,
    capitals: Mapping[str, tuple[str, float, float]] | None = None,
    limit: int = MAX_LABELS,
) -> list[PlaceLabel]:
    """The town names of the map, those shown earliest first (at most `limit`)."""
    pool = list(entries)
    caps = _capitals(pool, capitals or {})
    chosen = [e for e in pool if wanted(e) or e.gid in caps]
    bands = [band(e, capital=e.gid in caps) for e in chosen]
    # Within a band: Iraq and Syria first, our curated entries before GeoNames' (Basra before "Old Basra").
    order = sorted(range(len(chosen)), key=lambda i: (bands[i], *_precedence(chosen[i])))
    ranked = [chosen[i] for i in order]
    zooms = _declutter(ranked, [bands[i] for i in order])
    labels = [
        PlaceLabel(round(e.lat, 4), round(e.lon, 4), z, *names(e), size=1 if b <= 6 else 2 if b <= 8 else 3)
        for e, z, b in zip(ranked, zooms, (bands[i] for i in order), strict=True)
        if z <= MAX_ZOOM
    ]
    labels.sort(key=lambda lab: lab.min_zoom)  # stable: within a zoom, larger places first
    return labels[:limit]


def governorate_labels(units: Iterable[GazEntry], towns: Sequence[PlaceLabel] = ()) -> list[PlaceLabel]:
    """The governorates of Iraq and Syria by name, at their admin.csv points; one within a town's name
    (shown at the same zooms) is `size` 0, which the map draws just under that name."""
    near_town = [t for t in towns if t.min_zoom <= REGION_ZOOMS[1]]
    out = []
    for u in units:
        if u.feature_type != "governorate" or u.country_code not in FOCUS:
            continue
        under = any(_km(u.lat, u.lon, t.lat, t.lon) <= UNDER_KM for t in near_town)
        out.append(PlaceLabel(round(u.lat, 4), round(u.lon, 4), REGION_ZOOMS[0], *names(u), size=0 if under else 1))
    return out


def candidates(gaz: Gazetteer, capitals: Mapping[str, tuple[str, float, float]]) -> list[GazEntry]:
    """The gazetteer's entries `place_labels` may name (read from its columns: 236,000 entries, fast)."""
    cols = gaz.entries.columns
    ftypes, codes = cols[3], cols[4]
    keep = set(FOCUS) | set(NEIGHBOURS) | set(capitals)
    return [gaz.entries[i] for i in range(len(gaz.entries)) if ftypes[i] in POPULATED and codes[i] in keep]


def label_rows(gaz: Gazetteer, capitals: Mapping[str, tuple[str, float, float]]) -> dict[str, object]:
    """What the map's labels are drawn from (a file the app publishes): compact rows
    [lat, lon, first zoom, size, English, Arabic] of towns, and of governorates with their zooms."""
    capitals = {cc: at for cc, at in capitals.items() if cc in FOCUS or cc in NEIGHBOURS}
    towns = place_labels(candidates(gaz, capitals), capitals=capitals)
    regions = governorate_labels(read_admin(), towns)
    return {
        "places": [[t.lat, t.lon, t.min_zoom, t.size, t.name, t.name_ar] for t in towns],
        "regions": [[r.lat, r.lon, r.size, r.name, r.name_ar] for r in regions],
        "regionZooms": list(REGION_ZOOMS),
    }
