"""Gazetteer: look a name up, add an alias to a place or a new place; new extractions use them."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import layers, state, ui
from dashboard.payload import candidate_records, map_payload
from geodata.gazetteer import user as user_gazetteer
from geodata.gazetteer.sources import FEATURE_TYPES

ui.page_css()
st.title("Gazetteer")
st.caption(
    "The places Khareeta can find in text, in Arabic and English. Add a spelling it misses or a place it "
    "does not know: articles you add from now on use it (articles already stored keep their features; "
    "re-ingest them with `python -m geodata ingest --replace` to apply it to them)."
)

with ui.user_errors():
    gaz = state.gazetteer()
    query = st.text_input(
        "Search a name",
        key="gaz_query",
        placeholder="e.g. الموصل, Mosul, Baaj, البعاج",
        on_change=lambda: st.session_state.pop("gaz_alias_gid", None),
    )  # new results, new choice
    results = gaz.search(query, limit=25) if query.strip() else []
    if query.strip() and not results:
        st.info(f"No place is called “{query.strip()}”. Add it below, or add this spelling to a known place.")
    if results:
        frame = pd.DataFrame(
            [
                {
                    "id": e.gid,
                    "name": e.name,
                    "name_ar": e.name_ar,
                    "type": e.feature_type,
                    "country": e.country_code,
                    "lat": e.lat,
                    "lon": e.lon,
                    "population": e.population,
                    "source": e.source,
                }
                for e in results
            ]
        )
        st.dataframe(frame, hide_index=True, width="stretch")
        if ui.assets_ready():
            payload = map_payload(candidate_records(results))
            ui.show_map(
                layers.build_map(payload, countries_url=state.countries_url(ui.base_path())), key="gaz_map", height=360
            )

    st.subheader("Add a spelling to a place")
    with st.form("gaz_alias", clear_on_submit=True):
        options = {e.gid: f"{e.name or e.name_ar} / {e.name_ar or '-'} ({e.country_code}, {e.gid})" for e in results}
        gid = st.selectbox(
            "Place",
            list(options),
            format_func=options.get,
            key="gaz_alias_gid",
            placeholder="search for the place first",
            index=0 if options else None,
        )
        alias = st.text_input("New name or spelling", key="gaz_alias_text", placeholder="e.g. البعاج, Al-Ba'aj")
        if st.form_submit_button("Add alias", disabled=not options):
            if not gid:
                st.warning("Choose the place first.")
            elif user_gazetteer.add_alias(gid, alias, gaz=gaz):
                with st.spinner("Rebuilding the gazetteer…"):
                    state.gazetteer()
                st.success(f"“{alias.strip()}” now finds {options[gid]} in new articles.")
            else:
                st.info(f"{options[gid]} already has the name “{alias.strip()}”.")

    st.subheader("Add a new place")
    with st.form("gaz_place", clear_on_submit=False):
        c1, c2 = st.columns(2)
        name = c1.text_input("Name (Latin letters)", key="gaz_name")
        name_ar = c2.text_input("Arabic name", key="gaz_name_ar")
        c1, c2, c3, c4 = st.columns(4)
        lat = c1.number_input("Latitude", min_value=-90.0, max_value=90.0, value=None, format="%.5f", key="gaz_lat")
        lon = c2.number_input("Longitude", min_value=-180.0, max_value=180.0, value=None, format="%.5f", key="gaz_lon")
        types = sorted(FEATURE_TYPES)
        ftype = c3.selectbox("Type", types, index=types.index("village"), key="gaz_type")
        country = c4.text_input("Country code", value="IQ", max_chars=2, key="gaz_cc")
        aliases = st.text_input("Other names, separated by |", key="gaz_aliases")
        if st.form_submit_button("Add place"):
            if lat is None or lon is None:
                st.warning("Give the place's latitude and longitude.")
            else:
                entry = user_gazetteer.add_place(
                    name=name,
                    name_ar=name_ar,
                    lat=lat,
                    lon=lon,
                    feature_type=ftype,
                    country_code=country,
                    aliases=[a.strip() for a in aliases.split("|") if a.strip()],
                )
                with st.spinner("Rebuilding the gazetteer…"):
                    state.gazetteer()
                st.success(f"Added {entry.name or entry.name_ar} ({entry.gid}) at {entry.lat:.4f}, {entry.lon:.4f}.")
