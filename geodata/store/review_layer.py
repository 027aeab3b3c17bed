"""Merging duplicates, undoing a change, and the correction layer outliving re-extraction (see `review.py`).

- `merge`: the same event reported by several articles becomes one. The one kept lists every report
  (`sources`: feature id, document, source, evidence sentence); the others are marked merged into it and
  left out of the map and the exports unless asked for. One change: one undo takes it all back.
- `undo`: the last change to a feature that is not yet undone is taken back, field by field, as a change
  of its own (the history only grows). A change that touched other features too (a merge) is taken back
  on all of them; refused while a later change to one of them stands.
- `reapply`: a document stored again gets its features' reviews back; `orphans` lists the reviews whose
  feature is no longer stored (its document deleted, or extracted again without it).
- `duplicates`: pairs of visible events of one type within 10 km and 2 days from different documents,
  offered to the analyst, never merged by themselves.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from geodata.errors import InputError
from geodata.geometry import km
from geodata.records import Record
from geodata.store.filters import review_clause
from geodata.store.review import (
    Action,
    Found,
    State,
    find,
    found_or_fail,
    history_of,
    new_action,
    set_fields,
    write_row,
)
from geodata.store.review_fields import applied, value_of
from geodata.store.schema import TABLES, history, reviews


def _report(found: Found, source: str) -> dict[str, Any]:
    r = found.record
    return {"feature_id": r.feature_id, "doc": r.doc, "source": source or r.source, "evidence": r.evidence}


def merge(
    conn: Connection,
    keep: str,
    others: Sequence[str],
    *,
    who: str,
    note: str = "",
    expected: Mapping[str, int] | None = None,
) -> Record:
    """Merge events reported more than once into `keep`, which lists every report; one change."""
    others = list(dict.fromkeys(o for o in others if o != keep))
    if not others:
        raise InputError("give the event to keep and at least one other event to merge into it.")
    kept = found_or_fail(conn, keep)
    found = [found_or_fail(conn, o) for o in others]
    for f in (kept, *found):
        if f.record.kind != "event":
            raise InputError(f"only events are merged; {f.record.feature_id} is a {f.record.kind}.")
        if f.record.review and f.record.review.status == "merged":
            raise InputError(f"{f.record.feature_id} is already merged into {f.record.review.merged_into}.")
    reports: dict[str, dict[str, Any]] = {}
    for f in (kept, *found):
        listed = f.record.review.sources if f.record.review else ()
        for s in listed or ():
            reports.setdefault(s.feature_id, {"feature_id": s.feature_id, "doc": s.doc, "source": s.source,
                                              "evidence": s.evidence})  # fmt: skip
        if not listed:
            reports.setdefault(f.record.feature_id, _report(f, f.record.source))
    act = new_action(conn, "merge", who, note)
    versions = dict(expected or {})
    for f in found:
        merged = {"review_status": "merged", "merged_into": keep}
        set_fields(conn, act, f.record.feature_id, merged, versions.get(f.record.feature_id))
    values: dict[str, Any] = {"sources": list(reports.values())}
    if kept.record.review is None:
        values["review_status"] = "accepted"
    return set_fields(conn, act, keep, values, versions.get(keep))


def undo(conn: Connection, feature_id: str, *, who: str, note: str = "", expected: int | None = None) -> Record:
    """Take back the last change to a feature that is still in force (on every feature it changed)."""
    found_or_fail(conn, feature_id)
    undone = sa.select(history.c.undoes).where(history.c.undoes.is_not(None))
    standing = sa.and_(history.c.action != "undo", history.c.change.not_in(undone))
    last = conn.execute(
        sa.select(sa.func.max(history.c.change)).where(history.c.feature_id == feature_id, standing)
    ).scalar()
    if last is None:
        raise InputError(f"{feature_id} has no change to undo.")
    rows = [c for c in history_of(conn) if c.change == last]
    touched = {c.feature_id for c in rows}
    later = conn.execute(
        sa.select(history.c.feature_id, history.c.change)
        .where(history.c.feature_id.in_(touched), history.c.change > last, standing)
        .limit(1)
    ).first()
    if later is not None:
        msg = f"a later change (#{later.change}) to {later.feature_id} stands; undo it first."
        raise InputError(msg)
    act = new_action(conn, "undo", who, note, undoes=last)
    old: dict[str, dict[str, Any]] = {}
    for c in rows:
        old.setdefault(c.feature_id, {})[c.field] = c.old
    result = None
    for fid, values in old.items():
        record = set_fields(conn, act, fid, values, expected if fid == feature_id else None)
        result = record if fid == feature_id else result
    assert result is not None
    return result


def reapply(conn: Connection, doc_ids: Collection[str]) -> int:
    """Write the reviews of these (just stored) documents' features back into their rows; how many."""
    if not doc_ids:
        return 0
    stmt = sa.select(reviews).where(reviews.c.doc_id.in_(list(doc_ids)))
    n = 0
    for row in conn.execute(stmt).mappings().all():
        found = find(conn, row["feature_id"])
        if found is None:
            continue  # extracted again without it: an orphan, listed by `orphans`
        record = found.record
        corrections = dict(row["corrections"] or {})
        original = {name: value_of(record, name) for name in corrections}
        for name, value in corrections.items():
            record = applied(record, name, value)
        conn.execute(
            sa.update(reviews).where(reviews.c.feature_id == row["feature_id"]).values(original=original or None)
        )
        _write_back(conn, found, record, dict(row))
        n += 1
    return n


def _write_back(conn: Connection, found: Found, record: Record, row: Mapping[str, Any]) -> None:
    state = State(row["kind"], row["doc_id"], row["version"] - 1)
    state.fields = {
        "review_status": row["status"],
        "review_reason": row["reason"],
        "merged_into": row["merged_into"],
        "sources": row["sources"],
    }
    write_row(conn, found, record, state, Action("reapply", row["reviewed_by"], "", 0, row["reviewed_at"]))


@dataclass(frozen=True, slots=True)
class Orphan:
    """A review whose feature is no longer stored: kept, with what it said."""

    feature_id: str
    kind: str
    doc_id: str
    status: str
    corrections: Mapping[str, Any]
    reason: str
    reviewed_by: str
    reviewed_at: str


def orphans(conn: Connection) -> list[Orphan]:
    """The reviews whose feature is gone (its document deleted, or extracted again without it)."""
    stored = sa.union_all(*(sa.select(t.c.feature_id) for t in TABLES.values())).subquery()
    stmt = (
        sa.select(reviews)
        .where(reviews.c.feature_id.not_in(sa.select(stored.c.feature_id)))
        .order_by(reviews.c.reviewed_at)
    )
    return [
        Orphan(
            r["feature_id"], r["kind"], r["doc_id"], r["status"], dict(r["corrections"] or {}), r["reason"] or "",
            r["reviewed_by"], r["reviewed_at"],
        )
        for r in conn.execute(stmt).mappings()
    ]  # fmt: skip


@dataclass(frozen=True, slots=True)
class Duplicate:
    """Two events that may be one: same type, near in place and time, from different documents."""

    first: str
    second: str
    event_type: str
    km: float
    days: int


def duplicates(conn: Connection, *, within_km: float = 10.0, within_days: int = 2) -> list[Duplicate]:
    """Pairs of visible events (not rejected, not merged) of one type within `within_km` and `within_days`
    of each other, from different documents; the nearest first."""
    t = TABLES["event"]
    stmt = sa.select(t.c.feature_id, t.c.doc_id, t.c.event_type, t.c.min_lat, t.c.min_lon, t.c.t_start).where(
        review_clause(t, ()), t.c.t_start.is_not(None)
    )
    by_type: dict[str, list[tuple[int, Any]]] = {}
    for row in conn.execute(stmt):
        by_type.setdefault(row.event_type or "", []).append((date.fromisoformat(row.t_start[:10]).toordinal(), row))
    out = []
    for event_type, rows in by_type.items():
        rows.sort(key=lambda x: x[0])
        for i, (day, a) in enumerate(rows):
            for day2, b in rows[i + 1 :]:
                if day2 - day > within_days:
                    break
                if a.doc_id != b.doc_id and (d := km(a.min_lat, a.min_lon, b.min_lat, b.min_lon)) <= within_km:
                    out.append(Duplicate(a.feature_id, b.feature_id, event_type, round(d, 1), day2 - day))
    return sorted(out, key=lambda d: (d.km, d.days, d.first))
