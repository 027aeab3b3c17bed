"""Gazetteer: look a name up, add an alias to a place or a new place; new extractions use them, and the
stored features that named it unresolved are placed there. The names stored articles gave that the
gazetteer lacked are listed with their sentences; the analyst places one by its coordinates or a click."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pandas as pd
import streamlit as st

from dashboard import layers, state, ui, unresolved
from dashboard.payload import candidate_records, map_payload
from geodata.gazetteer import user as user_gazetteer
from geodata.gazetteer.namesakes import NamesakeError
from geodata.gazetteer.sources import FEATURE_TYPES, GazEntry
from geodata.names import normalize_name
from geodata.store import Resolution
from geodata.store.resolve import place_of_entry

ui.page_css()
st.title("Gazetteer")
st.caption(
    "The places Khareeta can find in text, in Arabic and English. Add a spelling it misses or a place it "
    "does not know: articles you add from now on use it, and stored features that named it without "
    "finding it are placed there (other stored features keep theirs; re-ingest their articles with "
    "`python -m geodata ingest --replace` to apply it to them)."
)


ANYWAY = "Add it even if a place of that name lies within 10 km"


def not_twice(add: Callable[[], GazEntry]) -> GazEntry | None:
    """The place added, or None and a warning naming the place of that name already there."""
    try:
        return add()
    except NamesakeError as exc:
        st.warning(exc.explain("in “Add a spelling to a place” above", f"tick “{ANYWAY}” and add it again"))
        return None


def placed(done: Resolution) -> str:
    """' 3 stored features that named it are now placed there.' ('' when none)."""
    n = done.total
    return f" {n} stored feature{'s' if n != 1 else ''} that named it now placed there." if n else ""


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
                layers.build_map(payload, countries_url=state.countries_url(ui.base_path()), tiles=ui.map_tiles()),
                key="gaz_map",
                height=360,
            )

    st.subheader("Add a spelling to a place")
    with st.form("gaz_alias", clear_on_submit=True):
        options = {e.gid: f"{e.name or e.name_ar} / {e.name_ar or '-'} ({e.country_code}, {e.gid})" for e in results}
        gids: list[str] = list(options)
        gid = st.selectbox(
            "Place",
            gids,
            format_func=lambda g: options.get(g, str(g)),
            key="gaz_alias_gid",
            placeholder="search for the place first",
            index=0 if options else None,
        )
        alias = st.text_input("New name or spelling", key="gaz_alias_text", placeholder="e.g. البعاج, Al-Ba'aj")
        if st.form_submit_button("Add alias", disabled=not options):
            if not gid:
                st.warning("Choose the place first.")
            elif user_gazetteer.add_alias(gid, alias, gaz=gaz):
                entry = next(e for e in results if e.gid == gid)
                done = state.place_stored(place_of_entry(entry), [alias])
                with st.spinner("Rebuilding the gazetteer…"):
                    state.gazetteer()
                st.success(f"“{alias.strip()}” now finds {options[gid]} in new articles.{placed(done)}")
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
        anyway = st.checkbox(ANYWAY, key="gaz_anyway")
        if st.form_submit_button("Add place"):
            if lat is None or lon is None:
                st.warning("Give the place's latitude and longitude.")
            elif new := not_twice(
                partial(
                    user_gazetteer.add_place,
                    name=name,
                    name_ar=name_ar,
                    lat=lat,
                    lon=lon,
                    feature_type=ftype,
                    country_code=country,
                    aliases=[a.strip() for a in aliases.split("|") if a.strip()],
                    force=anyway,
                    gaz=gaz,
                )
            ):
                done = state.place_stored(place_of_entry(new), new.names)
                with st.spinner("Rebuilding the gazetteer…"):
                    state.gazetteer()
                where = f"{new.lat:.4f}, {new.lon:.4f}"
                st.success(f"Added {new.name or new.name_ar} ({new.gid}) at {where}.{placed(done)}")

    st.subheader("Names the gazetteer lacks")
    if note := st.session_state.pop("unres_done", None):
        st.success(note)
    version = state.store_version()
    names = state.unresolved(version)
    if not names:
        st.caption("Every place the stored articles name is in the gazetteer.")
    else:
        st.caption(
            "Places the stored articles name that the gazetteer lacks. Each is placed for now at the unit "
            "around it (geo precision 2 or 3, as ACLED does). Give one its coordinates, or click where it is "
            "on the map: it joins your gazetteer, and every stored feature that names it moves there."
        )
        st.dataframe(pd.DataFrame(unresolved.name_rows(names)), hide_index=True, width="stretch")
        by_key = {u.key: u for u in names}
        key = st.selectbox(
            "Name to place", list(by_key), format_func=lambda k: unresolved.label(by_key[k]), key="unres_key"
        )
        chosen = by_key[key or next(iter(by_key))]
        st.html(unresolved.mentions_html(chosen, state.doc_meta(version)))
        lat_key, lon_key = f"unres_lat:{chosen.key}", f"unres_lon:{chosen.key}"
        if ui.assets_ready():
            m = layers.build_map(
                map_payload(unresolved.unit_records(chosen)),
                countries_url=state.countries_url(ui.base_path()),
                tiles=ui.map_tiles(),
            )
            point = unresolved.clicked_point(ui.show_map(m, key="unres_map", height=360, returned=("last_clicked",)))
            if point and point != st.session_state.get("unres_click"):  # a new click fills in the coordinates
                st.session_state["unres_click"] = point
                st.session_state[lat_key], st.session_state[lon_key] = point
        start = unresolved.new_place(chosen)
        for k in (lat_key, lon_key):
            st.session_state.setdefault(k, None)
        with st.form("unres_form", clear_on_submit=False):
            c1, c2 = st.columns(2)
            name = c1.text_input("Name (Latin letters)", value=start.name, key=f"unres_name:{chosen.key}")
            name_ar = c2.text_input("Arabic name", value=start.name_ar, key=f"unres_name_ar:{chosen.key}")
            c1, c2, c3, c4 = st.columns(4)
            lat = c1.number_input("Latitude", min_value=-90.0, max_value=90.0, format="%.5f", key=lat_key)
            lon = c2.number_input("Longitude", min_value=-180.0, max_value=180.0, format="%.5f", key=lon_key)
            types = sorted(FEATURE_TYPES)
            ftype = c3.selectbox("Type", types, index=types.index("village"), key=f"unres_type:{chosen.key}")
            country = c4.text_input("Country code", value=start.country_code, max_chars=2, key=f"unres_cc:{chosen.key}")
            anyway = st.checkbox(ANYWAY, key=f"unres_anyway:{chosen.key}")
            given = {normalize_name(name), normalize_name(name_ar)}
            submitted = st.form_submit_button("Add and place its features")
            if submitted and (lat is None or lon is None):
                st.warning("Give the place's latitude and longitude, or click where it is on the map.")
            elif submitted and (
                new := not_twice(
                    partial(
                        user_gazetteer.add_place,
                        name=name,
                        name_ar=name_ar,
                        lat=lat,
                        lon=lon,
                        feature_type=ftype,
                        country_code=country,
                        aliases=[  # the spellings the articles gave, so that new articles find it too
                            s
                            for s in chosen.spellings
                            if normalize_name(s) not in given and user_gazetteer.matchable(s)
                        ],
                        force=anyway,
                        gaz=gaz,
                    )
                )
            ):
                done = state.place_stored(place_of_entry(new), [*new.names, *chosen.spellings])
                st.session_state["unres_done"] = (
                    f"Added {new.name or new.name_ar} ({new.gid}) at {new.lat:.4f}, {new.lon:.4f}.{placed(done)}"
                )
                st.rerun()
