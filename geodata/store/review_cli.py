"""`python -m geodata review list|show|accept|edit|reject|merge|history|undo|duplicates|orphans`: an
analyst's review of the stored features from the command line (the dashboard's review panel does the same).

    python -m geodata review list --status unreviewed --kind event
    python -m geodata review show ID
    python -m geodata review edit ID --set actor1="Islamic State" --set fatalities=13 --note "per Wire B"
    python -m geodata review edit ID --location geonames:94787 [--teach]   # another gazetteer entry
    python -m geodata review edit ID --at 35.47,44.39                       # a point
    python -m geodata review edit ID --waypoints "Kirkuk > Daquq"
    python -m geodata review reject ID --reason "not an event"
    python -m geodata review merge KEEP_ID OTHER_ID [OTHER_ID ...]
    python -m geodata review undo ID
    python -m geodata review history [ID]

Who makes a change: `--by NAME`, else $KHAREETA_USER, else the login name. `--expect VERSION` refuses the
change when someone else changed the feature since (the version `show` printed).
"""

from __future__ import annotations

import argparse
import getpass
import os
from collections.abc import Iterable
from typing import Any

from geodata import gazetteer
from geodata.errors import InputError
from geodata.gazetteer import Gazetteer
from geodata.gazetteer.sources import GazEntry
from geodata.records import KINDS, REVIEW_STATUSES, Record
from geodata.store import Store
from geodata.store.filters import Filters
from geodata.store.review import Change
from geodata.store.review_fields import FIELDS, entry_value, shown, value_of

USER_ENV = "KHAREETA_USER"


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "review",
        help="accept, correct, reject, merge and undo stored features, with their history",
        description="Review the stored features: every change is kept in the history with who made it.",
    )
    cmds = p.add_subparsers(dest="review_command", required=True, metavar="ACTION")
    ls = cmds.add_parser("list", help="features by review status")
    ls.add_argument("--status", action="append", choices=REVIEW_STATUSES, default=[], help="repeatable")
    ls.add_argument("--kind", action="append", choices=KINDS, default=[])
    ls.add_argument("--limit", type=int, default=50, help="how many (0: all; default 50)")
    cmds.add_parser("show", help="one feature, its review and its history").add_argument("id")
    for name, text in (("accept", "accept a feature as it is"), ("undo", "take back the last change to a feature")):
        _who(cmds.add_parser(name, help=text)).add_argument("id")
    edit = _who(cmds.add_parser("edit", help="correct fields of a feature"))
    edit.add_argument("id")
    edit.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE", help="repeatable; VALUE '' clears")
    edit.add_argument("--location", metavar="GAZETTEER_ID", help="move it to this gazetteer entry")
    edit.add_argument("--at", metavar="LAT,LON", help="move it to this point (its name kept)")
    edit.add_argument("--waypoints", metavar="'A > B > C'", help="a journey's places, in travel order")
    edit.add_argument("--teach", action="store_true", help="add the text's name of the place to that entry")
    rej = _who(cmds.add_parser("reject", help="reject a false positive, with the reason"))
    rej.add_argument("id")
    rej.add_argument("--reason", required=True)
    rej.add_argument(
        "--not-a-place",
        metavar="PHRASE",
        help="a rejected place: never read its name as a place inside PHRASE again (e.g. 'Aleppo Media')",
    )
    merge = _who(cmds.add_parser("merge", help="merge events reported more than once into the first"))
    merge.add_argument("keep")
    merge.add_argument("others", nargs="+")
    hist = cmds.add_parser("history", help="the changes to one feature, or the last ones to the store")
    hist.add_argument("id", nargs="?")
    hist.add_argument("--limit", type=int, default=50)
    cmds.add_parser("duplicates", help="events that may be one: same type, 10 km, 2 days, other articles")
    cmds.add_parser("orphans", help="reviews whose feature is no longer stored")
    p.set_defaults(func=_run)


def _who(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
    p.add_argument("--by", default="", help=f"who makes the change (default ${USER_ENV}, else your login)")
    p.add_argument("--note", default="", help="why, kept in the history")
    p.add_argument("--expect", type=int, metavar="VERSION", help="refuse if the feature changed since this version")
    return p


def _by(args: argparse.Namespace) -> str:
    return str(args.by or os.environ.get(USER_ENV) or getpass.getuser())


def _run(args: argparse.Namespace) -> int:
    with Store.open(args.db) as store:
        cmd = args.review_command
        if cmd in ("list", "show", "history", "duplicates", "orphans"):
            _read(store, args)
            return 0
        who, note, expect = _by(args), args.note, args.expect
        if cmd == "accept":
            r = store.accept(args.id, who=who, note=note, expected=expect)
        elif cmd == "undo":
            r = store.undo(args.id, who=who, note=note, expected=expect)
        elif cmd == "reject":
            if args.not_a_place and (one := store.feature(args.id)) and one.kind != "place":
                raise InputError(f"--not-a-place is for a rejected place mention; {args.id} is a {one.kind}.")
            r = store.reject(args.id, who=who, reason=args.reason, note=note, expected=expect)
            if args.not_a_place:
                _not_a_place(r, args.not_a_place)
        elif cmd == "merge":
            r = store.merge(
                args.keep, args.others, who=who, note=note, expected={args.keep: expect} if expect else None
            )
        else:
            r = _edit(store, args, who)
    print(describe(r))
    return 0


def _read(store: Store, args: argparse.Namespace) -> None:
    cmd = args.review_command
    if cmd == "list":
        records = store.query(Filters(review=tuple(args.status) or REVIEW_STATUSES, kinds=tuple(args.kind)))
        for r in records[: args.limit or None]:
            print(describe(r, short=True))
        print(
            f"{len(records)} feature(s)" + (f", the first {args.limit} listed" if len(records) > args.limit > 0 else "")
        )
    elif cmd == "show":
        one = store.feature(args.id)
        if one is None:
            raise InputError(f"no stored feature has the id {args.id!r}.")
        print(describe(one))
        for c in store.history(args.id):
            print(change_line(c))
    elif cmd == "history":
        for c in store.history(args.id, limit=None if args.id else args.limit):
            print(change_line(c))
    elif cmd == "duplicates":
        pairs = store.duplicates()
        for d in pairs:
            print(f"{d.first}\t{d.second}\t{d.event_type}\t{d.km:g} km\t{d.days} day(s)")
        print(f"{len(pairs)} possible duplicate(s); merge with: python -m geodata review merge KEEP OTHER")
    else:
        for o in store.orphans():
            print(f"{o.feature_id}\t{o.kind}\t{o.status}\t{o.reviewed_by}\t{o.reviewed_at}\t{o.corrections or ''}")


def _values(pairs: Iterable[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise InputError(f"--set {pair!r}: write FIELD=VALUE, e.g. --set fatalities=3.")
        out[name.strip()] = value.strip() or None
    return out


def _entry(gaz: Gazetteer, gid: str) -> GazEntry:
    gids = gaz.entries.gids()
    if gid not in gids:
        raise InputError(
            f"the gazetteer has no entry {gid!r}; find one with `python -m geodata gazetteer lookup NAME`."
        )
    return gaz.entries[gids.index(gid)]


def _edit(store: Store, args: argparse.Namespace, who: str) -> Record:
    values = _values(args.set)
    current = store.feature(args.id)
    if current is None:
        raise InputError(f"no stored feature has the id {args.id!r}.")
    if args.location:
        values["location"] = entry_value(_entry(gazetteer.get(), args.location))
    if args.at:
        try:
            lat, lon = (float(x) for x in args.at.replace(" ", "").split(","))
        except ValueError:
            raise InputError(f"--at {args.at!r}: give LAT,LON, e.g. --at 35.47,44.39.") from None
        values["location"] = {**value_of(current, "location"), "lat": lat, "lon": lon, "gazetteer_id": ""}
    if args.waypoints:
        gaz = gazetteer.get()
        values["waypoints"] = [_named(gaz, n) for n in args.waypoints.split(">") if n.strip()]
    r = store.correct(args.id, values, who=who, note=args.note, expected=args.expect)
    if args.teach and args.location:
        _teach(current, args.location)
    return r


def _named(gaz: Gazetteer, name: str) -> dict[str, Any]:
    name = name.strip()
    found = gaz.candidates(name) or gaz.search(name, limit=1)
    if not found:
        raise InputError(f"the gazetteer has no place {name!r}; add it with `python -m geodata gazetteer add`.")
    return entry_value(found[0])


def _teach(record: Record, gid: str) -> None:
    from geodata.gazetteer import user

    surface = getattr(record, "surface", "") or value_of(record, "location").get("name")
    if surface and user.add_alias(gid, surface):
        print(f"the gazetteer now knows {surface!r} as a name of {gid}")


def _not_a_place(r: Record, phrase: str) -> None:
    from geodata.gazetteer import not_places

    if not_places.add_not_place(phrase, getattr(r, "surface", "") or value_of(r, "location").get("name")):
        print(f"{phrase!r} is now never read as a place (in {not_places.not_places_path()})")


def describe(r: Record, *, short: bool = False) -> str:
    """A feature on a line (short) or a few: its id, kind, review, and the fields an analyst may correct."""
    rv = r.review
    status = f"{rv.status} by {rv.by} at {rv.at} (version {rv.version})" if rv else "unreviewed (version 0)"
    if short:
        what = value_of(r, "event_type") if r.kind == "event" else r.kind
        return f"{r.feature_id}\t{r.kind}\t{rv.status if rv else 'unreviewed'}\t{what}\t{r.evidence[:80]}"
    lines = [f"{r.feature_id} ({r.kind}): {status}"]
    if rv and rv.reason:
        lines.append(f"  reason: {rv.reason}")
    lines += [f"  {name}: {shown(value_of(r, name))}" for name in FIELDS[r.kind]]
    lines += [f"  source: {s.source or s.doc}: {s.evidence}" for s in (rv.sources if rv else ())]
    lines.append(f"  evidence: {r.evidence}")
    return "\n".join(lines)


def change_line(c: Change) -> str:
    undo = f" (undoes #{c.undoes})" if c.undoes else ""
    note = f"  — {c.note}" if c.note else ""
    return (
        f"#{c.change} {c.at} {c.who} {c.action}{undo} {c.feature_id} {c.field}: {shown(c.old)} -> {shown(c.new)}{note}"
    )
