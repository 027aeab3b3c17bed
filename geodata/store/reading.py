"""What the store says about itself: its documents, counts and the values its filters offer."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from geodata.store.schema import TABLES, documents


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """One stored document, without its text."""

    doc_id: str
    name: str
    title: str
    date: str | None
    source: str
    lang: str
    origin: str  # "article" | "import"
    n_features: int
    added_at: str


@dataclass(frozen=True, slots=True)
class StoreStats:
    url: str
    documents: int
    features: dict[str, int]
    sources: dict[str, int]
    date_min: str | None
    date_max: str | None


@dataclass(frozen=True, slots=True)
class Facets:
    """What the dashboard's filter widgets offer."""

    actors: tuple[str, ...]
    event_types: tuple[str, ...]
    sub_event_types: tuple[str, ...]
    countries: tuple[str, ...]
    sources: tuple[str, ...]
    date_min: str | None
    date_max: str | None


def documents_of(conn: Connection) -> list[DocumentInfo]:
    """Every stored document (without its text), oldest first, then by name in code-point order (what
    SQLite does; PostgreSQL is told to, whatever its database's collation)."""
    name = documents.c.name
    by_name = name.collate("C") if conn.dialect.name == "postgresql" else name
    stmt = sa.select(*(c for c in documents.c if c.name != "text")).order_by(documents.c.added_at, by_name)
    return [
        DocumentInfo(r.id, r.name, r.title, r.date, r.source, r.lang, r.origin, r.n_features, r.added_at)
        for r in conn.execute(stmt).all()
    ]


def stats_of(conn: Connection, url: str) -> StoreStats:
    n_docs = conn.execute(sa.select(sa.func.count()).select_from(documents)).scalar() or 0
    counts = {k: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar() or 0 for k, t in TABLES.items()}
    by_source = conn.execute(sa.select(documents.c.source, sa.func.count()).group_by(documents.c.source))
    lo, hi = _date_span(conn)
    return StoreStats(url, n_docs, counts, {s or "(unknown)": n for s, n in by_source}, lo, hi)


def _distinct(conn: Connection, *cols: sa.ColumnElement[str]) -> set[str]:
    out: set[str] = set()
    for col in cols:
        out.update(v for (v,) in conn.execute(sa.select(col).distinct()) if v)
    return out


def facets_of(conn: Connection) -> Facets:
    """Distinct actors, event types, countries, sources and the date span."""
    ev, mv, rt = TABLES["event"], TABLES["movement"], TABLES["route"]
    actors = _distinct(conn, ev.c.actor1, ev.c.actor2, mv.c.actor, rt.c.controlled_by)
    codes = {c for v in _distinct(conn, *(t.c.countries for t in TABLES.values())) for c in v.split(",") if c}
    lo, hi = _date_span(conn)
    return Facets(
        tuple(sorted(actors)),
        tuple(sorted(_distinct(conn, ev.c.event_type))),
        tuple(sorted(_distinct(conn, ev.c.sub_event_type))),
        tuple(sorted(codes)),
        tuple(sorted(_distinct(conn, documents.c.source))),
        lo,
        hi,
    )


def _date_span(conn: Connection) -> tuple[str | None, str | None]:
    lows: list[str] = [v for t in TABLES.values() if (v := conn.execute(sa.select(sa.func.min(t.c.t_start))).scalar())]
    highs: list[str] = [v for t in TABLES.values() if (v := conn.execute(sa.select(sa.func.max(t.c.t_end))).scalar())]
    return (min(lows) if lows else None), (max(highs) if highs else None)


def contents_of(conn: Connection) -> tuple[int, tuple[tuple[str, int], ...], str]:
    """(documents, features of each kind, when the last document was added): a few aggregates, what a
    cache of the store's contents is keyed by; no row is read."""
    n_docs, latest = conn.execute(sa.select(sa.func.count(), sa.func.max(documents.c.added_at))).one()
    counts = {k: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar() or 0 for k, t in TABLES.items()}
    return int(n_docs or 0), tuple(sorted(counts.items())), str(latest or "")
