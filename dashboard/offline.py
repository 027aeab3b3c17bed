"""The map's JavaScript and CSS, served by the app itself, never by a CDN.

`make assets` unpacks the npm packages (leaflet, leaflet.markercluster,
leaflet-polylinedecorator) into `dashboard/static/vendor/`; Streamlit serves
`dashboard/static/` at `/app/static/` with static serving on (the project's
`.streamlit/config.toml`, or `--server.enableStaticServing true`). `localise` points a folium map at those
files and drops folium's CDN defaults (jQuery, Bootstrap, awesome-markers,
Font Awesome), which nothing here needs.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import time
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

import folium

from dashboard.settings import OSM_ATTRIBUTION, OSM_URL

STATIC_DIR = Path(__file__).resolve().parent / "static"
VENDOR_DIR = STATIC_DIR / "vendor"
# Map data published for the browser to fetch (content-addressed; generated, never committed).
DATA_DIR = STATIC_DIR / "cache"
GZIP_OVER = 256_000  # bytes of JSON beyond which a published file is gzipped
KEEP_FILES = 400  # a 10,000-event view is one rows file and about 11 popup files
# A file used within this time is never removed, however many others were written since: a page
# open in one tab keeps its popups while other tabs draw other views (each rerun touches its files).
IN_USE_SECONDS = 6 * 3600

# In load order: Leaflet first, then its plugins, then our runtime.
JS_FILES = (
    "vendor/leaflet/dist/leaflet.js",
    "vendor/leaflet.markercluster/dist/leaflet.markercluster.js",
    "vendor/leaflet-polylinedecorator/dist/leaflet.polylineDecorator.js",
    "density.js",
    "khareeta.js",
)
CSS_FILES = (
    "vendor/leaflet/dist/leaflet.css",
    "vendor/leaflet.markercluster/dist/MarkerCluster.css",
    "khareeta.css",
)
ASSETS_HINT = (
    "run `make assets` (it unpacks Leaflet and its plugins from the npm registry into dashboard/static/vendor/)"
)

# OpenStreetMap's tiles: drawn only when KHAREETA_TILES asks for them (dashboard/settings.py); by
# default the maps fetch no tile at all and draw the country borders from local data.
TILES_URL = OSM_URL
TILES_ATTRIBUTION = OSM_ATTRIBUTION


def missing_assets() -> list[str]:
    """Static files the map needs that are not there."""
    return [rel for rel in (*JS_FILES, *CSS_FILES) if not (STATIC_DIR / rel).is_file()]


def static_url(rel: str, *, base_path: str = "") -> str:
    """The URL Streamlit serves a file of `dashboard/static/` at, with a version for caches."""
    path = STATIC_DIR / rel
    version = f"?v={path.stat().st_mtime_ns % 10**10:x}" if path.is_file() else ""
    base = "/" + base_path.strip("/") if base_path.strip("/") else ""
    return f"{base}/app/static/{rel}{version}"


def js_bundle() -> str:
    """Leaflet, its plugins and our runtime in one file under static/cache/ (made once per
    version of the sources): the map's frame then loads one script instead of four in a row."""
    parts = [(STATIC_DIR / rel) for rel in JS_FILES]
    stamp = hashlib.sha1("".join(f"{p}:{p.stat().st_mtime_ns}:{p.stat().st_size}" for p in parts).encode())
    name = f"bundle-{stamp.hexdigest()[:16]}.js"
    path = DATA_DIR / name
    if not path.is_file():
        text = "\n;\n".join(p.read_text(encoding="utf-8") for p in parts)
        _write(path, text.encode("utf-8"))
        for old in DATA_DIR.glob("bundle-*.js"):  # bundles of older sources
            if old.name != name:
                old.unlink(missing_ok=True)
    return f"cache/{name}"


def localise(m: folium.Map, *, base_path: str = "", bundle: bool = True, prefetch: Sequence[str] = ()) -> folium.Map:
    """Make the map load Leaflet, its plugins and our runtime from the app's static files only.

    `prefetch`: data files (URLs of this app) to start fetching before Leaflet has loaded. prefetch.js
    comes first whatever they are: it also reads the data files for khareeta.js (gzipped or not).
    """
    scripts = [js_bundle()] if bundle and not missing_assets() else list(JS_FILES)
    m.default_js = [(Path(rel).stem, static_url(rel, base_path=base_path)) for rel in scripts]
    query = "".join(f"&src={quote(u, safe='')}" for u in prefetch)
    m.default_js.insert(0, ("prefetch", f"{static_url('prefetch.js', base_path=base_path)}{query}"))
    m.default_css = [(Path(rel).stem + "_css", static_url(rel, base_path=base_path)) for rel in CSS_FILES]
    return m


def external_links(m: folium.Map) -> list[str]:
    """Every JS/CSS link of the map and its elements that does not point at this app (should be none)."""
    links: list[str] = []

    def walk(el: object) -> None:
        for attr in ("default_js", "default_css"):
            links.extend(url for _name, url in getattr(el, attr, ()) or ())
        for child in getattr(el, "_children", {}).values():
            walk(child)

    walk(m)
    return [u for u in links if "://" in u or u.startswith("//")]


def publish_json(value: Any, *, prefix: str = "map-", base_path: str = "") -> str:
    """Write `value` as a JSON file the app serves, named by its content; its URL.

    The map's rows go there rather than into the map's script: the browser parses JSON
    natively and the script streamlit-folium hashes and sends on every rerun stays small.
    The oldest files beyond `KEEP_FILES` are removed. A file of more than `GZIP_OVER` bytes is written
    gzipped (`.json.gz`; khareeta.js and prefetch.js inflate it): 100,000 events' rows are 8.7 MB of
    JSON, 3 MB gzipped, which the app's server sends in a third of the time.
    """
    data = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")
    packed = len(data) > GZIP_OVER
    name = f"{prefix}{hashlib.sha1(data).hexdigest()[:20]}.json{'.gz' if packed else ''}"
    path = DATA_DIR / name
    if not path.is_file():
        _write(path, gzip.compress(data, compresslevel=1, mtime=0) if packed else data)
        _prune()
    return static_url(f"cache/{name}", base_path=base_path)


def _write(path: Path, data: bytes) -> None:
    """Write a file of static/cache/ atomically (readers see all of it or none)."""
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    ignore = DATA_DIR / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# generated: map data and the script bundle, served to the browser\n*\n", encoding="utf-8")
    tmp = DATA_DIR / f".{path.name}.{uuid.uuid4().hex[:8]}.tmp"
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _path(url: str) -> Path:
    return DATA_DIR / url.partition("?")[0].rsplit("/", 1)[-1]


def read_published(url: str) -> Any:
    """The value in the file behind a `publish_json` URL (gzipped or not), as the browser reads it."""
    data = _path(url).read_bytes()
    return json.loads(gzip.decompress(data) if _path(url).name.endswith(".gz") else data)


def published(url: str) -> bool:
    """Whether the file behind a `publish_json` URL is still there."""
    return _path(url).is_file()


def keep_alive(urls: Sequence[str]) -> bool:
    """Mark the files behind these URLs as in use now (a page shows them); False when one is gone."""
    now = time.time()
    try:
        for url in urls:
            os.utime(_path(url), (now, now))
    except FileNotFoundError:
        return False
    return True


def _prune() -> None:
    """Remove the files beyond the newest KEEP_FILES that no page has used for IN_USE_SECONDS."""
    files = sorted(
        (p for p in DATA_DIR.iterdir() if p.name.endswith((".json", ".json.gz"))),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    idle_since = time.time() - IN_USE_SECONDS
    for old in files[KEEP_FILES:]:
        try:
            if old.stat().st_mtime < idle_since:
                old.unlink(missing_ok=True)
        except FileNotFoundError:  # another process removed it first
            continue
