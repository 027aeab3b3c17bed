"""`python -m geodata unresolved [--resolve]`: the names the gazetteer lacked; and, once a place is added
(`gazetteer add`, `gazetteer import`), the stored features that named it placed there.

The gazetteer's commands know nothing of the store: what one added is found by comparing the analyst's
own names (`data/gazetteer/places.csv` and `aliases.csv`) before and after it ran (`resolving_additions`,
which `geodata.cli` wraps around every command).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa

from geodata import gazetteer
from geodata.errors import GazetteerError, InputError, KhareetaError, StoreError
from geodata.gazetteer.sources import GazEntry, entry_from_row, read_user_aliases
from geodata.gazetteer.user import aliases_path, places_path, read_csv_rows
from geodata.names import normalize_name
from geodata.records import KINDS, PlaceRef
from geodata.store import Store, UnresolvedName, resolve_url
from geodata.store.resolve import place_of_entry

SNIPPET_CHARS = 110
_ADDING = {("gazetteer", "add"), ("gazetteer", "import")}
_RETRY = "run `python -m geodata unresolved --resolve` to try again"


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "unresolved",
        help="names the gazetteer lacked, placed for now at the unit around them",
        description="List the place names read in stored articles that the gazetteer lacked: how many features "
        "name each, the unit they are placed at for now, and a sentence that names it. Add one with "
        "`python -m geodata gazetteer add --name NAME --lat LAT --lon LON`: the stored features that name it "
        "are then placed there.",
    )
    p.add_argument("--limit", type=int, default=30, metavar="N", help="list the N most named (default 30; 0: all)")
    p.add_argument(
        "--resolve",
        action="store_true",
        help="place the stored features of every listed name your own places and aliases now have",
    )
    p.set_defaults(func=_unresolved)


def _unresolved(args: argparse.Namespace) -> int:
    if args.limit < 0:
        msg = f"--limit {args.limit} is below 0; give how many names to list, or 0 for all."
        raise InputError(msg)
    with Store.open(args.db) as store:
        if args.resolve:
            n = resolve_known(store, user_names())
            print(f"placed {n} stored feature(s) at places of your gazetteer")
        names = store.unresolved()
    if not names:
        print("no unresolved names: the gazetteer knew every place the stored articles name")
        return 0
    shown = names[: args.limit or None]
    for u in shown:
        print(describe_name(u))
    if len(shown) < len(names):
        print(f"... and {len(names) - len(shown)} more (--limit 0 lists all)")
    print("add one: python -m geodata gazetteer add --name NAME --lat LAT --lon LON [--country CC] [--type village]")
    return 0


def snippet(evidence: str, name: str, width: int = SNIPPET_CHARS) -> str:
    """The sentence on one line, cut to about `width` characters around the name."""
    text = " ".join(evidence.split())
    if len(text) <= width:
        return text
    at = max(text.lower().find(name.lower()), 0)
    start = max(0, min(at - width // 3, len(text) - width))
    cut = text[start : start + width]
    return ("…" if start else "") + cut + ("…" if start + width < len(text) else "")


def describe_name(u: UnresolvedName) -> str:
    """Two lines: the name, how many features and documents name it, where it is placed; one sentence."""
    unit = ", ".join(u.placed_at) or "its region"
    where = f"placed at {unit}" + (f" ({u.country_code})" if u.country_code else "")
    docs = len(u.documents)
    head = f"{u.count:>5}  {u.name}  ({where}; {docs} document{'s' if docs != 1 else ''})"
    first = u.mentions[0] if u.mentions else None
    return head + (f"\n       “{snippet(first.evidence, u.name)}” [{first.doc_id}]" if first else "")


# --- re-resolving after the gazetteer grew ---------------------------------------------------------------------


def _user_places() -> dict[str, GazEntry]:
    """The analyst's own places by gazetteer id (a bad row, which the gazetteer skips, is skipped)."""
    out = {}
    for row in read_csv_rows(places_path())[1]:
        try:
            e = entry_from_row(row, prefix="user", where=str(places_path()))
        except GazetteerError:
            continue
        out[e.gid] = e
    return out


def user_names() -> set[tuple[str, str]]:
    """(gazetteer id, name) of every name of the analyst's own places, and of every alias they added."""
    names = {(e.gid, n) for e in _user_places().values() for n in e.names}
    names.update((gid, a) for gid, aliases in read_user_aliases(aliases_path()).items() for a in aliases)
    return names


def _place(gid: str, own: dict[str, GazEntry]) -> PlaceRef | None:
    """Where a gazetteer id is: one of the analyst's places, else the compiled gazetteer's."""
    if gid in own:
        return place_of_entry(own[gid])
    gaz = gazetteer.get()
    try:
        return place_of_entry(gaz.entries[gaz.entries.gids().index(gid)])
    except ValueError:  # an alias of a place the gazetteer no longer has
        return None


def resolve_known(store: Store, names: Iterable[tuple[str, str]], *, report: bool = True) -> int:
    """Place the stored features that name one of `names` (gazetteer id, name), unresolved, at that
    gazetteer id; the number placed. Only names the store lists as unresolved are looked up."""
    wanted = {u.key for u in store.unresolved()}
    by_gid: dict[str, list[str]] = {}
    for gid, name in sorted(names):
        if normalize_name(name) in wanted:
            by_gid.setdefault(gid, []).append(name)
    own = _user_places() if by_gid else {}
    total = 0
    for gid, found in by_gid.items():
        place = _place(gid, own)
        if place is None:
            continue
        done = store.resolve(place, found)
        total += done.total
        if report and done.total:
            kinds = ", ".join(f"{n} {k}{'s' if n != 1 else ''}" for k in KINDS if (n := done.updated[k]))
            print(f"placed {done.total} stored feature(s) that named {' / '.join(found)} at {gid} ({kinds})")
    return total


def _existing_store(db: str | None) -> Store | None:
    """The store, when there is one (a gazetteer command never creates one)."""
    url = sa.make_url(resolve_url(db))
    if url.get_backend_name() == "sqlite" and not (url.database and Path(url.database).exists()):
        return None
    return Store.open(db)


@contextmanager
def resolving_additions(args: argparse.Namespace) -> Iterator[None]:
    """Around `gazetteer add|import`: when it added names, the stored features that named them
    unresolved are placed at the new place afterwards."""
    if (args.command, getattr(args, "gaz_command", None)) not in _ADDING:
        yield
        return
    before = user_names()
    yield
    added = user_names() - before
    if not added:
        return
    try:
        store = _existing_store(getattr(args, "db", None))
        if store is not None:
            with store:
                resolve_known(store, added)
    except KhareetaError as exc:
        why = str(exc).rstrip(".")
        msg = f"the gazetteer has the new name(s), but the stored features were not placed there ({why}); {_RETRY}."
        raise StoreError(msg) from None
