"""Documents: what the store holds; read an article with its mentions highlighted; delete one."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import state, tables, ui
from dashboard.evidence import document_spans
from dashboard.markup import text_with_mentions
from geodata.store.filters import Filters
from geodata.store.review_fields import shown as shown_value

PICK = "doc_pick"
RECENT = 200  # the reviews' last changes listed (rows: one per field changed)

ui.page_css()
st.title("Documents")

with ui.user_errors():
    version = state.store_version()
    docs = state.store().documents()
    if not docs:
        st.info("The store is empty: add articles on the **Add articles** page.")
        st.stop()
    frame = pd.DataFrame(
        [
            {
                "id": d.doc_id,
                "date": d.date,
                "title": d.title or d.name,
                "source": d.source,
                "lang": d.lang,
                "features": d.n_features,
                "origin": d.origin,
                "added": d.added_at,
            }
            for d in docs
        ]
    )
    st.caption(f"{len(docs):,} documents in {state.store().url}")
    st.dataframe(frame, hide_index=True, width="stretch", height=260)

    by_id = {d.doc_id: d for d in docs}
    if st.session_state.get(PICK) not in by_id:  # deleted, or never picked: the first one
        st.session_state.pop(PICK, None)
    chosen = st.selectbox(
        "Read",
        list(by_id),
        key=PICK,  # the Map page sets PICK to open an article
        format_func=lambda i: f"{by_id[i].date or '—'} · {by_id[i].title or by_id[i].name}",
    )
    d = by_id[chosen]
    records = state.store().query(Filters(doc_ids=(chosen,)))
    text = state.store().document_text(chosen) or ""  # the whole article, once, for the one chosen
    st.html(text_with_mentions(text, document_spans(records), lang=d.lang))
    meta = state.doc_meta(version)
    shown = [r for r in records if r.kind != "place"]
    st.dataframe(
        pd.DataFrame(tables.feature_rows(shown, meta), columns=list(tables.COLUMNS)), hide_index=True, width="stretch"
    )
    with st.expander("Delete this document"):
        st.write("Removes the article and every feature read from it.")
        if st.button("Delete", key="doc_delete", type="secondary"):
            state.store().delete_document(chosen)
            state.clear_after_write()
            st.rerun()

    changes = state.store().history(limit=RECENT)
    if changes:  # the analysts' last changes, the newest first
        with st.expander(f"The reviews' last changes ({len({c.change for c in changes})})"):
            st.dataframe(
                pd.DataFrame(
                    [
                        {
                            "change": c.change,
                            "when": c.at.replace("T", " ")[:16],
                            "who": c.who,
                            "action": c.action,
                            "feature": c.feature_id,
                            "field": c.field,
                            "was": shown_value(c.old),
                            "now": shown_value(c.new),
                            "note": c.note,
                        }
                        for c in reversed(changes)
                    ]
                ),
                hide_index=True,
                width="stretch",
            )

    orphans = state.store().orphans()
    if orphans:  # a document deleted, or read again without a feature an analyst had reviewed
        with st.expander(f"Reviews whose feature is gone ({len(orphans)})"):
            st.caption(
                "Kept, not lost: they come back if the article is added again and the feature is read again. "
                "`python -m geodata review orphans` lists them too."
            )
            st.dataframe(
                pd.DataFrame(
                    [
                        {
                            "feature": o.feature_id,
                            "kind": o.kind,
                            "status": o.status,
                            "corrections": ", ".join(f"{k}: {shown_value(v)}" for k, v in o.corrections.items()),
                            "reason": o.reason,
                            "by": o.reviewed_by,
                            "at": o.reviewed_at,
                        }
                        for o in orphans
                    ]
                ),
                hide_index=True,
                width="stretch",
            )
