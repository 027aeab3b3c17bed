"""Small Streamlit helpers shared by the pages: styles, messages, the map widget."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import streamlit as st

from dashboard import offline, settings
from dashboard.settings import Tiles
from geodata.errors import InputError, KhareetaError

PAGE_CSS = """
<style>
[data-testid="stMainBlockContainer"] { padding: 3.8rem 1.8rem 3rem; }
h1 { padding-top: 0 !important; }
.kh-evidence, .kh-article { line-height: 1.7; }
blockquote.kh-evidence { margin: .3rem 0 .6rem; padding: .5rem .8rem; background: #faf7ef;
  border-inline-start: 4px solid #c9b98f; border-radius: 4px; font-size: 1.02rem; }
[dir="rtl"].kh-evidence, [dir="rtl"].kh-article { font-family: "Noto Naskh Arabic", "Noto Sans Arabic", serif;
  font-size: 1.12rem; }
.kh-article { white-space: pre-wrap; padding: .8rem 1rem; background: #fff; border: 1px solid #e6e1d6;
  border-radius: 6px; max-height: 30rem; overflow: auto; }
mark.kh-m { background: #ffe08a; padding: 0 2px; border-radius: 2px; }
mark.kh-t { background: #f7b6b0; padding: 0 2px; border-radius: 2px; }
mark.kh-a { background: #cfe2f3; padding: 0 2px; border-radius: 2px; }
table.kh-rows { border-collapse: collapse; width: 100%; font-size: .92rem; }
table.kh-rows th { text-align: left; color: #777; font-weight: 600; padding: 2px 10px 2px 0; vertical-align: top;
  white-space: nowrap; border: 0; }
table.kh-rows td { padding: 2px 0; border: 0; }
.kh-kind { font-weight: 700; text-transform: uppercase; font-size: .78rem; letter-spacing: .06em;
  border-left: 6px solid #555; padding-left: 8px; margin-bottom: .3rem; color: #444; }
.kh-src { color: #555; font-size: .88rem; border-top: 1px solid #eee; padding-top: .3rem; }
.kh-meta { color: #888; }
.kh-ref { color: #aaa; font-size: .75rem; font-family: ui-monospace, monospace; }
.kh-review { font-size: .8rem; margin: .1rem 0 .35rem; padding: 1px 6px; border-radius: 3px; background: #eef3ea;
  color: #2f5d1e; display: inline-block; }
.kh-review-rejected { background: #f6e6e6; color: #8a1c1c; }
.kh-review-merged { background: #ececf6; color: #2c2c7a; }
.kh-sources { font-size: .8rem; margin-bottom: .3rem; }
.kh-key mark { margin-right: .4rem; }
.kh-side-legend { font-size: .85rem; line-height: 1.5; }
.kh-side-legend summary { font-weight: 700; cursor: pointer; }
.kh-side-legend h4 { margin: .5rem 0 .1rem; padding: 0; font-size: .7rem; text-transform: uppercase;
  letter-spacing: .06em; color: #777; }
.kh-side-legend i { display: inline-block; vertical-align: middle; margin-right: 6px; font-style: normal; }
.kh-side-legend .kh-n { color: #999; }
.kh-dot { width: 11px; height: 11px; border-radius: 50%; border: 1.5px solid #fff; box-shadow: 0 0 0 1px #bbb; }
.kh-dot.kh-halo { width: 15px; height: 15px; border: 0; background: rgba(215, 25, 28, .3);
  box-shadow: 0 0 0 4px rgba(215, 25, 28, .15); }
.kh-held-key { width: 12px; height: 12px; border-radius: 50%; border: 3px solid #c0392b; }
.kh-held-key.kh-left { border: 3px dashed #95a5a6; }
.kh-dot.kh-small { width: 7px; height: 7px; background: #34495e; }
.kh-shape { width: 12px; height: 12px; }
.kh-swatch { width: 16px; height: 5px; border-radius: 2px; }
.kh-line-key { width: 22px; height: 5px; background: #555; border-radius: 3px; }
.kh-line-key.kh-dashed { background: repeating-linear-gradient(90deg, #555 0 3px, transparent 3px 8px); }
.kh-arrow-key { color: #555; font-size: .75rem; letter-spacing: -1px; }
</style>
"""


def page_css() -> None:
    st.html(PAGE_CSS)


@contextmanager
def user_errors(prefix: str = "") -> Iterator[None]:
    """Show a Khareeta error as one message instead of a traceback (the one place the pages do this)."""
    try:
        yield
    except KhareetaError as exc:
        st.error(f"{prefix}{exc}")


def base_path() -> str:
    try:
        return str(st.get_option("server.baseUrlPath") or "")
    except RuntimeError:
        return ""


def assets_ready() -> bool:
    """True when Leaflet and its plugins are there to serve; else say how to fetch them."""
    missing = offline.missing_assets()
    if missing:
        st.error(f"The map's JavaScript is missing ({', '.join(missing[:3])}…): {offline.ASSETS_HINT}.")
        return False
    from streamlit import config  # AppTest patches `config.get_option` itself

    if not config.get_option("server.enableStaticServing") and not config.get_option("global.appTest"):
        st.error(
            "The map's JavaScript is served by the app itself: start it from the project's folder (`make run`, "
            "or `streamlit run dashboard/app.py`: `.streamlit/config.toml` turns static serving on), or add "
            "`--server.enableStaticServing true`."
        )
        return False
    return True


def map_tiles() -> Tiles | None:
    """The tile server KHAREETA_TILES chooses, None for the offline basemap (the default). A value
    that is none of the choices is said on the page, and the map is drawn offline."""
    try:
        return settings.tiles()
    except InputError as exc:
        st.warning(f"{exc} (until it is fixed, the map is drawn offline).")
        return None


def show_map(
    m: Any,
    *,
    key: str,
    height: int = 620,
    returned: tuple[str, ...] = (),
    prefetch: tuple[str, ...] = (),
    data: Any = None,
) -> Mapping[str, Any]:
    """Draw a folium map with streamlit-folium, every asset served by this app.

    `data`: what the map shows (`layers.data_group`), given apart from the map: while the map's own
    script is the same, the browser keeps the map (its frame, borders and names) and replaces only this."""
    from streamlit_folium import st_folium

    offline.localise(m, base_path=base_path(), prefetch=prefetch)
    out = st_folium(
        m,
        key=key,
        height=height,
        use_container_width=True,
        returned_objects=list(returned),
        feature_group_to_add=data,
    )
    return out or {}
