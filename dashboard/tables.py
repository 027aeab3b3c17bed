"""Records as table rows (plain text: Streamlit's data grid never interprets HTML)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from dashboard.markup import DocMeta, what_text, when_text, where_text, who_text
from geodata.records import FeatureRecord

COLUMNS = ("kind", "when", "what", "who", "where", "evidence", "article", "source", "ref")
EVIDENCE_CHARS = 220


def _short(text: str | None, limit: int = EVIDENCE_CHARS) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _source(record: FeatureRecord, doc: DocMeta | None) -> str:
    """An imported row's own source, else its document's (as the GeoJSON export has it)."""
    own = record.extra.get("source")
    return str(own) if own else record.source or (doc.source if doc else "")


def feature_rows(records: Sequence[FeatureRecord], docs: Mapping[str, DocMeta]) -> list[dict[str, str]]:
    """One row per feature with the columns of `COLUMNS`."""
    rows = []
    for r in records:
        doc = docs.get(r.doc)
        rows.append(
            {
                "kind": r.kind,
                "when": when_text(r),
                "what": what_text(r),
                "who": who_text(r),
                "where": where_text(r),
                "evidence": _short(r.evidence),
                "article": (doc.title or doc.name) if doc else "",
                "source": _source(r, doc),
                "ref": r.feature_id,
            }
        )
    return rows


MARK = "background-color: #fff3c4"  # the row of the feature chosen on the map


def marked(frame: Any, feature_id: str | None) -> Any:
    """The table with the row of `feature_id` (its `ref`) marked, as a pandas Styler; the frame as it is
    when no row is chosen or the chosen feature is not among the rows."""
    if not feature_id or feature_id not in set(frame["ref"]):
        return frame
    return frame.style.apply(lambda row: [MARK if row["ref"] == feature_id else ""] * len(row), axis=1)
