"""Map: events, movements, routes and places, filtered in the sidebar; the table, counts and exports follow.
The timeline below the map (`dashboard.timeline`) narrows them all to the range brushed on it.

A click on a feature shows it beside the map. The map reports the click through streamlit-folium's
`last_object_clicked_popup`, the `innerText` of the clicked popup's element, which khareeta.js
defines as exactly the feature's id (`lazyPopup`); the page looks the record up by that id
(`payload.clicked_record` over `state.features_by_id`). No popup text is parsed.
"""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from dashboard import exports, layers, link, map_view, payload, review_panel, selection, state, tables, timeline, ui
from dashboard.evidence import evidence_html
from dashboard.markup import popup_html
from dashboard.palette import record_color
from dashboard.sidebar import KIND_CHOICES, choices_of, filter_widgets, hidden_by_show

TABLE_ROWS = 500


ui.page_css()
st.title("Khareeta · خريطة")
st.caption(
    "Where things happen, who moves where, and which roads matter — from Arabic and English news about "
    "Iraq and Syria. Click a marker, an arrow or a road to see the sentence it came from."
)

with ui.user_errors():
    version = state.store_version()
    span = choices_of(state.facets(version)).dates
    in_sidebar = filter_widgets(state.facets(version))
    # The timeline's brushed range narrows the sidebar's dates: the map, counts, table and exports follow it.
    filters = timeline.narrow(in_sidebar, timeline.window(span), span)
    feats = state.features(version, filters)  # what the map draws
    # Only what the map shows (a toggle above the table): the counts, the table and the downloads.
    viewed = map_view.in_view(filters, st.session_state)
    listed, chosen_by = (state.features(version, viewed), viewed) if viewed else (feats, filters)
    docs = state.doc_meta(version)
    counts = state.counts(version, chosen_by)

    # The counts are of what the map shows; a kind the sidebar's Show leaves out says how many are stored.
    hidden = hidden_by_show(filters, state.stored_counts(version))
    cols = st.columns(5)
    for col, (kind, label) in zip(cols, KIND_CHOICES.items(), strict=False):
        on_map = f"{label} on the map, as the sidebar's filters select them."
        col.metric(
            label,
            f"{counts[kind]:,}",
            delta=f"{hidden[kind]:,} stored, not shown" if kind in hidden else None,
            delta_color="off",
            delta_arrow="off",
            help=f"{on_map} The store holds {hidden[kind]:,}: add {label} to **Show** to draw them."
            if kind in hidden
            else on_map,
        )
    cols[4].metric("Articles", f"{counts['articles']:,}")

    if not docs:
        st.info(
            "The store is empty. Add articles on the **Add articles** page, or run `python -m geodata ingest seeds/`."
        )
    elif not feats:
        st.warning("No feature matches these filters. Widen them, or press **Reset filters** in the sidebar.")

    map_col, side_col = st.columns([4, 1.3], gap="small")
    clicked, light, point, wait = None, None, None, False
    link.read_link(st.session_state, st.query_params)  # a new session: the view and the feature its URL names
    table_row = selection.table_choice(st.session_state)  # a row chosen in the table below, last run
    with map_col:
        if ui.assets_ready():
            files, light = state.map_data(version, filters, ui.base_path())
            borders = state.countries_url(ui.base_path())
            # KHAREETA_TILES; by default none: the browser fetches no tile
            m = layers.base_map(countries_url=borders, tiles=ui.map_tiles())
            # The data apart from the map: a filter change redraws the data in the map the browser has.
            data = layers.data_group(  # the map flies to a row chosen below; it writes its view into the URL
                m,
                light,
                data_url=files,
                focus=selection.focus(st.session_state, table_row),
                view=link.link_view(st.session_state, filters),
                link=True,
            )
            out = ui.show_map(
                m,
                key=map_view.map_key(st.session_state),  # another when it reports more (see there)
                height=640,
                # its view too while only what it shows is listed (each pan then reruns the page), and the
                # point clicked while a place is picked for a correction
                returned=("last_object_clicked_popup", *map_view.returned(st.session_state)),
                prefetch=(files.rows, borders),
                data=data,
            )
            clicked = out.get("last_object_clicked_popup")  # the clicked feature's id (see above)
            wait = map_view.panels_wait(st.session_state, out)  # the map first, on a session's first visit
            point = out.get(map_view.CLICKED) if st.session_state.get(map_view.PICK_KEY) else None
    with side_col:
        st.subheader("Selected")
        chosen_id, _how = selection.chosen(st.session_state, clicked, table_row)  # the last one chosen
        link.sync_feature(st.query_params, chosen_id)
        chosen = payload.clicked_record(chosen_id, state.features_by_id(version, filters)) if chosen_id else None
        if chosen is None and chosen_id and (hidden_one := state.any_feature(version, chosen_id)):
            chosen = hidden_one  # rejected or merged just now (or filtered out): still here, to undo
            st.caption("Not on the map with these filters.")
        if chosen is None:
            st.caption(
                "Click a feature on the map: its type, actors, date, place and the sentence it was read from show here."
            )
            if light is not None:
                st.html(f'<div class="kh-side-legend">{payload.legend_html(light)}</div>')
        else:
            st.html(popup_html(chosen, evidence_html(chosen), docs.get(chosen.doc), color=record_color(chosen)))
            if st.button("Read the whole article", key="open_doc"):
                st.session_state["doc_pick"] = chosen.doc  # the Documents page's choice
                st.switch_page("views/documents.py")
            review_panel.panel(chosen, version, clicked_point=point)  # accept, correct, reject, merge, undo

    if wait:  # the map reports when it has drawn: the page then runs again and draws the rest
        with st.container(key=map_view.AFTER_MAP):
            st.caption("The timeline, the table and the downloads follow once the map has drawn.")
            st.button("Show them now", key="kh_show_panels", on_click=map_view.show_panels, args=(st.session_state,))
        st.stop()

    if docs:  # below the map, as in timemap: the map stays where a laptop's window shows it
        timeline.panel(state.timeline_summary(version, in_sidebar), in_sidebar, span)  # whatever is brushed

    st.subheader(f"Features ({len(listed):,})")
    st.toggle(
        "Only what the map shows",
        key=map_view.TOGGLE_KEY,
        help="Limit the counts above the map, this table and the downloads to the map's view (pan or zoom "
        "the map: they follow). The map itself still draws everything the filters select.",
    )
    if viewed:
        st.caption(f"In the map's view: {len(listed):,} of the {len(feats):,} features the filters select.")
    if len(listed) > TABLE_ROWS:
        st.caption(f"The first {TABLE_ROWS:,} of {len(listed):,} features; the downloads below hold all of them.")
    st.caption("Choose a row to see it on the map; the feature chosen on the map is marked here.")
    frame = pd.DataFrame(tables.feature_rows(listed[:TABLE_ROWS], docs), columns=list(tables.COLUMNS))
    selection.remember_rows(st.session_state, [r.feature_id for r in listed[:TABLE_ROWS]])
    st.dataframe(
        tables.marked(frame, chosen.feature_id if chosen else None),
        hide_index=True,
        width="stretch",
        height=320,
        column_config={"evidence": st.column_config.TextColumn(width="large")},
        key=selection.TABLE_KEY,
        on_select="rerun",
        selection_mode="single-row",
    )

    st.subheader("Export this view")
    st.caption("The features above, exactly as filtered, written by the same code as `python -m geodata export`.")
    for col, fmt in zip(st.columns(len(exports.FORMATS)), exports.FORMATS, strict=True):
        label, _suffix, mime = exports.FORMATS[fmt]
        # Made when clicked (not on every rerun): the same features the map and the table show.
        col.download_button(
            f"Download {label}",
            data=partial(exports.export_bytes, listed, fmt, chosen_by.described()),
            mime=mime,
            file_name=exports.file_name(fmt),
            key=f"export_{fmt}",
            width="stretch",
            disabled=not listed,
            on_click="ignore",
        )
    st.download_button(  # the CSV's sidecar: ACLED's columns have no room for how the rows were chosen
        "Filters used (sidecar, JSON)",
        data=partial(exports.about_bytes, chosen_by.described()),
        mime="application/json",
        file_name=exports.about_name(),
        key="export_about",
        disabled=not listed,
        help="The tool, the time and the filters that chose the features above: what the GeoJSON and the "
        "GeoPackage hold inside, and `python -m geodata export` writes beside a CSV file.",
        on_click="ignore",
    )
