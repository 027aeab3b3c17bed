"""Features as table rows (plain text: Streamlit's data grid never interprets HTML)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from dashboard.markup import DocMeta, what_text, when_text, where_text, who_text

Feature = dict[str, Any]
COLUMNS = ("kind", "when", "what", "who", "where", "evidence", "article", "source", "ref")
EVIDENCE_CHARS = 220


def _short(text: str | None, limit: int = EVIDENCE_CHARS) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def feature_rows(features: Sequence[Feature], docs: Mapping[str, DocMeta]) -> list[dict[str, str]]:
    """One row per feature with the columns of `COLUMNS`."""
    rows = []
    for f in features:
        p = f.get("properties") or {}
        doc = docs.get(p.get("doc") or "")
        rows.append({
            "kind": p.get("kind", ""), "when": when_text(p), "what": what_text(p), "who": who_text(p),
            "where": where_text(p), "evidence": _short(p.get("evidence")),
            "article": (doc.title or doc.name) if doc else "", "source": p.get("source") or (doc.source if doc else ""),
            "ref": str(f.get("id") or ""),
        })
    return rows
