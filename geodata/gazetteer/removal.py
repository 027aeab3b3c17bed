"""`gazetteer remove`: undo what an analyst added. A place of their own (`data/gazetteer/places.csv`)
goes with the aliases they gave it; an alias they added to any place (`aliases.csv`) goes alone. What
came from a source (curated, GeoNames, cities500) is never removed here: it is not the analyst's file."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from geodata import gazetteer
from geodata.errors import GazetteerError
from geodata.gazetteer.sources import entry_from_row, renamed_ids
from geodata.gazetteer.user import aliases_path, places_path, read_csv_rows, write_csv_atomic
from geodata.names import normalize_name


@dataclass(frozen=True, slots=True)
class Removed:
    """What `remove` took out: the place's row (its name, '' when only aliases went) and the aliases."""

    gid: str
    place: str = ""
    aliases: tuple[str, ...] = ()


def _row_gid(row: dict[str, str]) -> str:
    try:
        return entry_from_row(row, prefix="user", where="places.csv").gid
    except GazetteerError:  # a row the gazetteer skips still has its id
        return f"user:{(row.get('id') or '').strip()}"


def remove_place(gid: str) -> Removed:
    """Take one of the analyst's own places out of places.csv, and every alias they added to it."""
    gid = gid.strip()
    header, rows = read_csv_rows(places_path())
    keep = [r for r in rows if _row_gid(r) != gid]
    if len(keep) == len(rows):
        raise _not_yours(gid, "place")
    gone = next(r for r in rows if _row_gid(r) == gid)
    write_csv_atomic(places_path(), header, keep)
    aliases = _drop_aliases(gid, None)
    return Removed(gid, (gone.get("name") or gone.get("name_ar") or "").strip(), aliases)


def remove_aliases(gid: str, names: Sequence[str]) -> Removed:
    """Take aliases the analyst added to a place (any place) out of aliases.csv."""
    gid = renamed_ids().get(gid.strip(), gid.strip())
    keys = {normalize_name(n) for n in names if n.strip()}
    if not keys:
        msg = "give the alias to remove with --alias NAME."
        raise GazetteerError(msg)
    removed = _drop_aliases(gid, keys)
    missing = sorted({n for n in names if normalize_name(n) not in {normalize_name(a) for a in removed}})
    if missing:
        msg = f"{', '.join(map(repr, missing))} is not an alias you added to {gid}" + (
            f" (your aliases of it: {', '.join(map(repr, mine))})." if (mine := _aliases_of(gid)) else "."
        )
        raise GazetteerError(msg)
    return Removed(gid, "", removed)


def _aliases_of(gid: str) -> list[str]:
    renamed = renamed_ids()
    rows = read_csv_rows(aliases_path())[1]
    return [
        r["alias"] for r in rows if renamed.get(r.get("gazetteer_id", "").strip(), r.get("gazetteer_id", "")) == gid
    ]


def _drop_aliases(gid: str, keys: set[str] | None) -> tuple[str, ...]:
    """Remove the rows of aliases.csv for `gid` (those whose key is in `keys`; all when None)."""
    header, rows = read_csv_rows(aliases_path())
    renamed = renamed_ids()

    def goes(r: dict[str, str]) -> bool:
        row_gid = (r.get("gazetteer_id") or "").strip()
        mine = renamed.get(row_gid, row_gid) == gid
        return mine and (keys is None or normalize_name(r.get("alias") or "") in keys)

    gone = tuple((r.get("alias") or "").strip() for r in rows if goes(r))
    if gone:
        write_csv_atomic(aliases_path(), header, [r for r in rows if not goes(r)])
    return gone


def _not_yours(gid: str, what: str) -> GazetteerError:
    if gid in set(gazetteer.get().entries.columns[0]):  # Entries stores gid as its first column
        msg = (
            f"{gid} is not a {what} you added (it comes with the gazetteer's sources), so it cannot be removed; "
            "to stop a name being read as a place, list it in geodata/data/not_places.csv."
        )
    else:
        msg = f"no place of yours has the id {gid!r}; `python -m geodata gazetteer mine` lists them."
    return GazetteerError(msg)


def mine() -> tuple[list[dict[str, str]], list[tuple[str, str]]]:
    """The analyst's own places (rows, each with its gazetteer id as "gid") and aliases (gid, alias)."""
    renamed = renamed_ids()
    places = [{**r, "gid": _row_gid(r)} for r in read_csv_rows(places_path())[1]]
    aliases = [
        (renamed.get(gid, gid), (r.get("alias") or "").strip())
        for r in read_csv_rows(aliases_path())[1]
        if (gid := (r.get("gazetteer_id") or "").strip())
    ]
    return places, aliases
