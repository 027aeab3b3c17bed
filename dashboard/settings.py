"""The dashboard's settings, read from the environment: which background the maps draw on.

`KHAREETA_TILES`:

* `offline` (the default, also when unset or empty): country borders and names drawn from
  local data (`basemap.py`). The browser asks no tile server for anything.
* `osm`: OpenStreetMap's standard tiles from `tile.openstreetmap.org`. The user's browser then
  fetches tiles for the area it shows, so OpenStreetMap's servers learn the user's address and
  where they look on the map; offline, those requests fail and the borders show instead.
* a URL template such as `https://tiles.example.org/{z}/{x}/{y}.png` (your own tile server):
  the same, sent to that host.
"""

from __future__ import annotations

import html
import os
from dataclasses import dataclass
from urllib.parse import urlparse

from geodata.errors import InputError

TILES_ENV = "KHAREETA_TILES"
OFFLINE = "offline"
OSM = "osm"
OSM_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
TEMPLATE_FIELDS = ("{z}", "{x}", "{y}")


@dataclass(frozen=True, slots=True)
class Tiles:
    """A tile server the browser fetches the map's background from: URL template, credit line (HTML)."""

    url: str
    attribution: str


def tiles(value: str | None = None) -> Tiles | None:
    """The tiles `value` (else env KHAREETA_TILES) chooses; None for the offline basemap.

    A value that is neither `offline`, `osm` nor an http(s) URL template with {z}, {x} and {y}
    raises `InputError` saying what to write instead.
    """
    raw = (os.environ.get(TILES_ENV, "") if value is None else value).strip()
    if raw.lower() in ("", OFFLINE):
        return None
    if raw.lower() == OSM:
        return Tiles(OSM_URL, OSM_ATTRIBUTION)
    parts = urlparse(raw)
    missing = [f for f in TEMPLATE_FIELDS if f not in raw]
    if parts.scheme not in ("http", "https") or not parts.hostname or missing:
        msg = (
            f"{raw!r} is not a map background: write `offline` (the default, no tile server), `osm` "
            "(OpenStreetMap's tiles) or a tile URL template such as https://tiles.example.org/{z}/{x}/{y}.png"
        )
        raise InputError(msg, source=TILES_ENV)
    return Tiles(raw, f"Map tiles: {html.escape(parts.hostname)}")
