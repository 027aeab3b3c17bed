"""Map: events, movements, routes and places, filtered in the sidebar; the table, counts and exports follow."""

from __future__ import annotations

import re
from functools import partial

import pandas as pd
import streamlit as st

from dashboard import exports, layers, offline, state, tables, ui
from dashboard.markup import popup_html
from dashboard.sidebar import filter_widgets

REF = re.compile(r"\bref (\S+-\d+)\b")
TABLE_ROWS = 500

ui.page_css()
st.title("Khareeta · خريطة")
st.caption("Where things happen, who moves where, and which roads matter — from Arabic and English news about "
           "Iraq and Syria. Click a marker, an arrow or a road to see the sentence it came from.")

with ui.user_errors():
    version = state.store_version()
    key = filter_widgets(state.facets(version))
    feats = state.features(version, key)
    docs = state.doc_meta(version)
    counts = state.summary_counts(feats)

    cols = st.columns(5)
    for col, (kind, label) in zip(cols, [("event", "Events"), ("movement", "Movements"), ("route", "Routes"),
                                         ("place", "Places")], strict=False):
        col.metric(label, f"{counts[kind]:,}")
    cols[4].metric("Articles", f"{len({f['properties']['doc'] for f in feats}):,}")

    if not docs:
        st.info("The store is empty. Add articles on the **Add articles** page, or run "
                "`python -m geodata ingest seeds/`.")
    elif not feats:
        st.warning("No feature matches these filters. Widen them, or press **Reset filters** in the sidebar.")

    map_col, side_col = st.columns([4, 1.3], gap="small")
    clicked, payload = None, None
    with map_col:
        if ui.assets_ready():
            files, payload = state.map_data(version, key, ui.base_path())
            borders = state.countries_url(ui.base_path())
            m = layers.build_map(payload, data_url=files, countries_url=borders, tiles_url=offline.TILES_URL,
                                 attribution=offline.TILES_ATTRIBUTION)
            out = ui.show_map(m, key="khareeta_map", height=640, returned=("last_object_clicked_popup",),
                              prefetch=(files.rows, borders))
            clicked = out.get("last_object_clicked_popup")
    with side_col:
        st.subheader("Selected")
        match = REF.search(clicked or "")
        chosen = next((f for f in feats if match and str(f.get("id")) == match.group(1)), None)
        if chosen is None:
            st.caption("Click a feature on the map: its type, actors, date, place and the sentence it was "
                       "read from show here.")
            if payload is not None:
                st.html(f'<div class="kh-side-legend">{layers.legend_html(payload)}</div>')
        else:
            doc_id = chosen["properties"].get("doc") or ""
            ev = layers.evidence_html(chosen, state.texts(version, [doc_id]).get(doc_id),
                                      state.mentions(version, [doc_id]).get(doc_id, ()))
            st.html(popup_html(chosen, ev, docs.get(doc_id), color=layers.feature_color(chosen["properties"])))
            if st.button("Read the whole article", key="open_doc"):
                st.session_state["doc_pick"] = doc_id  # the Documents page's choice
                st.switch_page("views/documents.py")

    st.subheader(f"Features ({len(feats):,})")
    if len(feats) > TABLE_ROWS:
        st.caption(f"The first {TABLE_ROWS:,} of {len(feats):,} features; the downloads below hold all of them.")
    frame = pd.DataFrame(tables.feature_rows(feats[:TABLE_ROWS], docs), columns=list(tables.COLUMNS))
    st.dataframe(frame, hide_index=True, width="stretch", height=320,
                 column_config={"evidence": st.column_config.TextColumn(width="large")})

    st.subheader("Export this view")
    st.caption("The features above, exactly as filtered, written by the same code as `python -m geodata export`.")
    for col, fmt in zip(st.columns(len(exports.FORMATS)), exports.FORMATS, strict=True):
        label, _suffix, mime = exports.FORMATS[fmt]
        # Made when clicked (not on every rerun): the same features the map and the table show.
        col.download_button(f"Download {label}", data=partial(exports.export_bytes, feats, fmt), mime=mime,
                            file_name=exports.file_name(fmt), key=f"export_{fmt}", width="stretch",
                            disabled=not feats, on_click="ignore")
