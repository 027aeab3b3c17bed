"""Add articles: paste or upload, preview the mentions and features, then store."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import streamlit as st

from dashboard import intake, layers, state, tables, ui
from dashboard.evidence import document_spans
from dashboard.markup import DocMeta, text_with_mentions
from dashboard.payload import map_payload

PENDING = "add_pending"
MAX_PREVIEWS = 5

ui.page_css()
st.title("Add articles")
st.caption(
    "Paste an article or upload .txt, .html or .jsonl (one JSON object a line: id, text, date, title). "
    "Preview what Khareeta reads in it, then save it to the store; the map shows it at once."
)


def _forget() -> None:
    st.session_state.pop(PENDING, None)


mode = st.radio("Article", ["Paste text", "Upload a file"], horizontal=True, key="add_mode", on_change=_forget)
text, upload = "", None
if mode == "Paste text":
    text = st.text_area(
        "Article text",
        height=240,
        key="add_text",
        on_change=_forget,
        placeholder="الموصل - ... / MOSUL, Iraq (Agency) - ...",
    )
else:
    upload = st.file_uploader("Article file", type=list(intake.UPLOAD_TYPES), key="add_file", on_change=_forget)
c1, c2, c3 = st.columns(3)
article_date = c1.date_input(
    "Date (optional)",
    value=None,
    key="add_date",
    format="YYYY-MM-DD",
    min_value=date(1980, 1, 1),
    max_value=date.today() + timedelta(days=1),
    help="The article's publication date; relative dates ('yesterday') count from it.",
)
title = c2.text_input("Title (optional)", key="add_title")
source = c3.text_input("Source (optional)", key="add_source", placeholder="news agency or site")

if st.button("Preview", type="primary", key="add_preview"):
    _forget()
    with ui.user_errors("Nothing was stored: "):
        raws = (
            intake.from_upload(upload.name, upload.getvalue())
            if upload is not None
            else (intake.from_text(text) if mode == "Paste text" else [])
        )
        if not raws:
            st.warning("Choose a file to upload first.")
        else:
            with st.spinner("Reading the article…"):
                st.session_state[PENDING] = intake.prepare_all(
                    raws, state.gazetteer(), article_date=article_date, title=title, source=source
                )

pending: list[intake.Prepared] = st.session_state.get(PENDING) or []
if pending:
    totals = {k: sum(p.counts()[k] for p in pending) for k in ("place", "event", "movement", "route")}
    st.subheader(f"Preview: {len(pending)} article(s)")
    cols = st.columns(4)
    for col, (kind, label) in zip(
        cols, [("place", "Places"), ("event", "Events"), ("movement", "Movements"), ("route", "Routes")], strict=True
    ):
        col.metric(label, totals[kind])
    if placeless := [p.name for p in pending if not p.counts()["place"]]:
        st.warning(
            f"No places found in {len(placeless)} of {len(pending)} article(s), so nothing of "
            f"{'it' if len(placeless) == 1 else 'them'} will be on the map: {', '.join(placeless[:5])}"
            + (f" and {len(placeless) - 5} more." if len(placeless) > 5 else ".")
        )
    st.html('<div class="kh-key"><mark class="kh-m">place</mark><mark class="kh-t">event word</mark></div>')
    for i, p in enumerate(pending[:MAX_PREVIEWS]):
        doc = p.extraction.doc
        with st.expander(
            f"{doc.title or doc.doc_id} — {doc.published or 'no date'} — {doc.source or 'no source'}", expanded=i == 0
        ):
            st.html(text_with_mentions(doc.text, document_spans(p.records), lang=doc.lang))
            shown = [r for r in p.records if r.kind != "place"] or list(p.records)
            meta = {
                doc.doc_id: DocMeta(
                    doc.title, doc.source, doc.published.isoformat() if doc.published else None, doc.doc_id
                )
            }
            st.dataframe(
                pd.DataFrame(tables.feature_rows(shown, meta), columns=list(tables.COLUMNS)),
                hide_index=True,
                width="stretch",
            )
            if i == 0 and ui.assets_ready():
                payload = map_payload(p.records, docs=meta)
                ui.show_map(
                    layers.build_map(payload, countries_url=state.countries_url(ui.base_path()), tiles=ui.map_tiles()),
                    key="add_preview_map",
                    height=380,
                )
    if len(pending) > MAX_PREVIEWS:
        st.caption(f"… and {len(pending) - MAX_PREVIEWS} more article(s).")
    if st.button("Save to the store", type="primary", key="add_save"):
        with ui.user_errors("Not saved: "):
            results = intake.save(state.store(), pending)
            state.clear_after_write()
            _forget()
            added = [n for n, status in results if status != "unchanged"]
            same = [n for n, status in results if status == "unchanged"]
            if added:
                st.success(f"Saved {len(added)} article(s): {', '.join(added[:5])}. They are on the map now.")
            if same:
                st.info(f"Already in the store, left as they were: {', '.join(same[:5])}.")
            st.page_link("views/map.py", label="Open the map", icon=":material/map:")
