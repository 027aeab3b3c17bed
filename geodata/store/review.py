"""Analysts' reviews: accept, correct, reject, merge and undo, each a change written in one transaction.

The extraction's rows are what the map, the filters and the exports read, so a correction is written into
the feature's row; what the extraction said is kept in `reviews.original` (the value of each corrected
field) and every change is a row of `history` per field, old and new value, who, when and why, never
updated or deleted. The table `reviews` is the correction layer, by feature id: when a document is stored
again (the same text read again, or extracted again after an upgrade: the ids are stable), `reapply`
writes its features' corrections and statuses back into the new rows; a review whose feature is gone is
kept and listed (`orphans`).

Two analysts editing one feature: each change names the version it was made on (`expected`); when
another change came in between, the second is refused with `ReviewConflictError`, which carries the feature
as it now is (no lost update). The version is checked and bumped in the same UPDATE, so the database
settles a race, on PostgreSQL as on SQLite.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from geodata.errors import InputError, StoreError
from geodata.records import ActorRef, Record
from geodata.store.filters import period_of
from geodata.store.review_fields import applied, check, same, value_of
from geodata.store.row_reader import RowReader
from geodata.store.rows import located_columns
from geodata.store.schema import TABLES, changes, documents, history, read_columns, reviews

STATE = ("review_status", "review_reason", "merged_into", "sources")  # the review's own fields
ACTIONS = ("accept", "correct", "reject", "merge", "undo")


class ReviewConflictError(StoreError):
    """Another change was saved since the editor read the feature; `current` is the feature as it now is."""

    def __init__(self, message: str, current: Record | None) -> None:
        super().__init__(message)
        self.current = current


@dataclass(frozen=True, slots=True)
class Change:
    """One row of the history: one field of one feature changed by one action."""

    id: int
    change: int
    feature_id: str
    action: str
    field: str
    old: Any
    new: Any
    who: str
    at: str
    note: str = ""
    undoes: int | None = None


@dataclass(slots=True)
class State:
    """A feature's review as stored in `reviews` (a new one for a feature never reviewed)."""

    kind: str
    doc_id: str
    version: int = 0
    fields: dict[str, Any] = field(default_factory=dict)  # STATE's fields
    corrections: dict[str, Any] = field(default_factory=dict)
    original: dict[str, Any] = field(default_factory=dict)
    exists: bool = False


@dataclass(frozen=True, slots=True)
class Found:
    table: sa.Table
    row_id: int
    countries: str | None
    published: date | None
    record: Record


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def find(conn: Connection, feature_id: str) -> Found | None:
    """A stored feature by its id, whatever its kind."""
    for kind, table in TABLES.items():
        row = conn.execute(sa.select(*read_columns(table)).where(table.c.feature_id == feature_id)).first()
        if row is None:
            continue
        reader = RowReader(kind)
        record = reader.record(row, _sources(conn, row[reader.at["doc_id"]]))
        assert record is not None
        day = conn.execute(sa.select(documents.c.date).where(documents.c.id == record.doc)).scalar()
        published = date.fromisoformat(day[:10]) if day else None
        return Found(table, row[reader.at["id"]], row[reader.at["countries"]], published, record)
    return None


def _sources(conn: Connection, doc_id: str) -> dict[str, str]:
    source = conn.execute(sa.select(documents.c.source).where(documents.c.id == doc_id)).scalar()
    return {doc_id: source or ""}


def found_or_fail(conn: Connection, feature_id: str) -> Found:
    found = find(conn, feature_id)
    if found is None:
        raise InputError(f"no stored feature has the id {feature_id!r}.")
    return found


def _state(conn: Connection, found: Found) -> State:
    row = conn.execute(sa.select(reviews).where(reviews.c.feature_id == found.record.feature_id)).mappings().first()
    if row is None:
        return State(found.record.kind, found.record.doc)
    return State(
        row["kind"],
        row["doc_id"],
        row["version"],
        {
            "review_status": row["status"],
            "review_reason": row["reason"] or None,
            "merged_into": row["merged_into"] or None,
            "sources": row["sources"] or None,
        },
        dict(row["corrections"] or {}),
        dict(row["original"] or {}),
        exists=True,
    )


def known_actors(conn: Connection) -> dict[str, ActorRef]:
    """Every actor the store names, by lower-cased name, with the id and family it is stored with."""
    out: dict[str, ActorRef] = {}
    for kind, roles in (("event", ("actor1", "actor2")), ("movement", ("actor",)), ("route", ("controlled_by",))):
        c = TABLES[kind].c
        for role in roles:
            stmt = sa.select(c[role], c[f"{role}_id"], c[f"{role}_family"]).where(c[role] != "").distinct()
            for name, actor_id, family in conn.execute(stmt):
                key = str(name).casefold()
                if key not in out or (actor_id and not out[key].actor_id):
                    out[key] = ActorRef(name, actor_id or "", family or "")
    return out


def _dump(v: Any) -> str | None:
    return None if v is None else json.dumps(v, ensure_ascii=False, sort_keys=True)


def _load(v: str | None) -> Any:
    return None if v is None else json.loads(v)


def _next_change(conn: Connection, name: str, who: str, at: str) -> int:
    """A new change's number, from the database's own counter: two analysts acting at once on different
    features never share one (an undo of one would take back the other's)."""
    key = conn.execute(sa.insert(changes).values(action=name, who=who, at=at)).inserted_primary_key
    assert key is not None
    return int(key[0])


@dataclass(frozen=True, slots=True)
class Action:
    name: str
    who: str
    note: str
    change: int
    at: str
    undoes: int | None = None


def set_fields(
    conn: Connection, act: Action, feature_id: str, values: Mapping[str, Any], expected: int | None
) -> Record:
    """Set fields of one feature (its review's own STATE and corrected fields), checked against the version
    the editor read; history rows for the fields that changed. The feature as it now is."""
    found = found_or_fail(conn, feature_id)
    state = _state(conn, found)
    if expected is not None and expected != state.version:
        _conflict(conn, found, state)
    rows = []
    record = found.record  # its row holds the corrections made so far
    for name, given in values.items():
        old = state.fields.get(name) if name in STATE else value_of(record, name)
        if (old == given) if name in STATE else same(old, given):
            continue
        rows.append({"field": name, "old_value": _dump(old), "new_value": _dump(given)})
        if name in STATE:
            state.fields[name] = given
            continue
        extracted = state.original[name] if name in state.corrections else old
        new = given
        if same(given, extracted):  # back to what the extraction said: its value whole (ids, spans)
            state.corrections.pop(name, None)
            state.original.pop(name, None)
            new = extracted
        else:
            state.corrections[name] = given
            state.original.setdefault(name, extracted)
        record = applied(record, name, new)
    if not rows:
        return found.record
    if act.name == "correct":  # corrected while it differs from the extraction; put back, it was looked at
        status = "corrected" if state.corrections else "accepted"
        if state.fields.get("review_status") != status:
            rows.append(_status_row(state, status))
        if state.fields.get("review_reason"):  # a rejected feature corrected is no longer rejected
            rows.append(
                {"field": "review_reason", "old_value": _dump(state.fields["review_reason"]), "new_value": None}
            )
            state.fields["review_reason"] = None
    conn.execute(
        sa.insert(history),
        [{**r, "change": act.change, "feature_id": feature_id, "action": act.name, "who": act.who, "at": act.at,
          "note": act.note or None, "undoes": act.undoes} for r in rows],
    )  # fmt: skip
    _save(conn, found, state, act)
    write_row(conn, found, record, state, act)
    return found_or_fail(conn, feature_id).record


def _status_row(state: State, status: str) -> dict[str, Any]:
    old = state.fields.get("review_status")
    state.fields["review_status"] = status
    return {"field": "review_status", "old_value": _dump(old), "new_value": _dump(status)}


def _conflict(conn: Connection, found: Found, state: State) -> None:
    last = conn.execute(
        sa.select(history.c.who, history.c.at, history.c.action)
        .where(history.c.feature_id == found.record.feature_id)
        .order_by(history.c.id.desc())
        .limit(1)
    ).first()
    by = f" by {last.who} ({last.action}, {last.at})" if last else ""
    msg = (
        f"{found.record.kind} {found.record.feature_id} was changed{by} since you opened it; "
        "nothing was saved: look at it as it now is and make your change again."
    )
    raise ReviewConflictError(msg, found.record)


def _save(conn: Connection, found: Found, state: State, act: Action) -> None:
    """The review's row, its version bumped only if it is still the one read (else: a conflict)."""
    values = {
        "kind": state.kind,
        "doc_id": found.record.doc,
        "status": state.fields.get("review_status") or "unreviewed",
        "reason": state.fields.get("review_reason"),
        "merged_into": state.fields.get("merged_into"),
        "sources": state.fields.get("sources"),
        "corrections": state.corrections or None,
        "original": state.original or None,
        "reviewed_by": act.who,
        "reviewed_at": act.at,
        "version": state.version + 1,
    }
    fid = found.record.feature_id
    if not state.exists:
        conn.execute(sa.insert(reviews).values(feature_id=fid, **values))
        return
    done = conn.execute(
        sa.update(reviews).where(reviews.c.feature_id == fid, reviews.c.version == state.version).values(**values)
    )
    if done.rowcount != 1:
        _conflict(conn, found, state)


def write_row(conn: Connection, found: Found, record: Record, state: State, act: Action) -> None:
    """The feature's row as the review makes it: corrected values, its place, period and review columns."""
    status = state.fields.get("review_status")
    start, end = period_of(record, found.published)
    values = {
        **located_columns(record, found.countries),
        "t_start": start.isoformat() if start else None,
        "t_end": end.isoformat() if end else None,
        "review_status": None if status in (None, "unreviewed") else status,
        "reviewed_by": act.who,
        "reviewed_at": act.at,
        "review_version": state.version + 1,
        "review_reason": state.fields.get("review_reason"),
        "merged_into": state.fields.get("merged_into"),
        "sources": state.fields.get("sources"),
    }
    conn.execute(sa.update(found.table).where(found.table.c.id == found.row_id).values(**values))


# --- the actions ----------------------------------------------------------------------------------------------


def new_action(conn: Connection, name: str, who: str, note: str, undoes: int | None = None) -> Action:
    who = (who or "").strip()
    if not who:
        raise InputError("say who makes the change (a signed-in user, or --by NAME).")
    at = now()
    return Action(name, who, (note or "").strip(), _next_change(conn, name, who, at), at, undoes)


def accept(conn: Connection, feature_id: str, *, who: str, note: str = "", expected: int | None = None) -> Record:
    """Accept a feature as it is (its corrections, if any, kept)."""
    values = {"review_status": "accepted", "review_reason": None}  # a rejection's reason goes with it
    return set_fields(conn, new_action(conn, "accept", who, note), feature_id, values, expected)


def reject(
    conn: Connection, feature_id: str, *, who: str, reason: str, note: str = "", expected: int | None = None
) -> Record:
    """Reject a feature as a false positive, with the reason: left out of the map and the exports unless asked."""
    if not (reason or "").strip():
        raise InputError("say why the feature is rejected (e.g. 'not an event', 'wrong place').")
    values = {"review_status": "rejected", "review_reason": reason.strip()}
    return set_fields(conn, new_action(conn, "reject", who, note), feature_id, values, expected)


def correct(
    conn: Connection,
    feature_id: str,
    values: Mapping[str, Any],
    *,
    who: str,
    note: str = "",
    expected: int | None = None,
) -> Record:
    """Correct fields of a feature (`review_fields.FIELDS` of its kind); its status becomes 'corrected'."""
    found = found_or_fail(conn, feature_id)
    if not values:
        raise InputError("give at least one field to correct.")
    actors = known_actors(conn)
    checked = {name: check(found.record.kind, name, v, actors) for name, v in values.items()}
    if (loc := checked.get("location")) and not loc.get("span"):  # where the text names it stays
        loc["span"] = value_of(found.record, "location").get("span")
    if "date_precision" in checked and "date" not in checked and value_of(found.record, "date") is None:
        raise InputError("the feature has no date: give the date with its precision.")
    return set_fields(conn, new_action(conn, "correct", who, note), feature_id, checked, expected)


def history_of(conn: Connection, feature_id: str | None = None, *, limit: int | None = None) -> list[Change]:
    """The history of one feature (or of the whole store), oldest first; the last `limit` rows."""
    stmt = sa.select(history).order_by(history.c.id.desc())
    if feature_id is not None:
        stmt = stmt.where(history.c.feature_id == feature_id)
    if limit is not None:
        stmt = stmt.limit(limit)
    rows = conn.execute(stmt).mappings().all()
    return [
        Change(
            r["id"], r["change"], r["feature_id"], r["action"], r["field"], _load(r["old_value"]),
            _load(r["new_value"]), r["who"], r["at"], r["note"] or "", r["undoes"],
        )
        for r in reversed(rows)
    ]  # fmt: skip


def last_change(conn: Connection) -> int:
    """The number of the last review change (0: none yet): grows with every accept, correction, merge, undo."""
    return int(conn.execute(sa.select(sa.func.coalesce(sa.func.max(changes.c.id), 0))).scalar() or 0)


def changed_since(conn: Connection, change: int) -> dict[str, int]:
    """The features changed by the review changes after `change`, each with the last change to it."""
    stmt = (
        sa.select(history.c.feature_id, sa.func.max(history.c.change))
        .where(history.c.change > change)
        .group_by(history.c.feature_id)
    )
    return {fid: int(n) for fid, n in conn.execute(stmt).all()}


def records_of(conn: Connection, feature_ids: Sequence[str]) -> dict[str, Record]:
    """Stored features by id (whatever their review), read in one query per kind and a few hundred ids."""
    ids = list(dict.fromkeys(feature_ids))
    found: list[tuple[RowReader, Any]] = []
    for kind, table in TABLES.items():
        reader = RowReader(kind)
        for i in range(0, len(ids), 500):
            stmt = sa.select(*read_columns(table)).where(table.c.feature_id.in_(ids[i : i + 500]))
            found += [(reader, row) for row in conn.execute(stmt).all()]
    docs = list({row[reader.at["doc_id"]] for reader, row in found})  # their documents' sources only
    sources = dict(conn.execute(sa.select(documents.c.id, documents.c.source).where(documents.c.id.in_(docs))).all())
    out: dict[str, Record] = {}
    for reader, row in found:
        if (r := reader.record(row, sources)) is not None:
            out[r.feature_id] = r
    return out
