"""`khareeta` / `python -m geodata [--db URL_OR_PATH] COMMAND`: gazetteer, store, import, export (and ingest).

Errors are turned into one line for the user here, and only here. Commands
that need the floors above (`ingest` extracts before it stores) are added by
those floors through the `khareeta.commands` entry point: this package never
imports them.
"""

from __future__ import annotations

import argparse
import sys
from importlib.metadata import entry_points
from pathlib import Path

from geodata.errors import KhareetaError, describe
from geodata.formats.streams import stdout_closed, stdout_gone
from geodata.gazetteer import cli as gazetteer_cli
from geodata.store import cli as store_cli
from geodata.store import resolve_cli, review_cli

COMMANDS_GROUP = "khareeta.commands"
SCRIPT = "khareeta"  # the console script (pyproject.toml), the same as `python -m geodata`


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog=SCRIPT if Path((sys.argv or [""])[0]).name == SCRIPT else "python -m geodata",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument(
        "--db",
        metavar="URL_OR_PATH",
        help="store: a SQLite path or a postgresql:// URL (default: env KHAREETA_DB, else data/khareeta.sqlite)",
    )
    sub = ap.add_subparsers(dest="command", required=True)
    gazetteer_cli.add_parser(sub)
    store_cli.add_parser(sub)
    resolve_cli.add_parser(sub)
    review_cli.add_parser(sub)
    for ep in sorted(entry_points(group=COMMANDS_GROUP), key=lambda e: e.name):
        try:
            add_parser = ep.load()
        except ImportError as exc:  # a command whose package is broken must not take the others down
            print(f"warning: the command {ep.name!r} cannot be loaded ({exc}).", file=sys.stderr)
            continue
        add_parser(sub)
    return ap


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
        with resolve_cli.resolving_additions(args):  # a place added: the stored features naming it go there
            return int(args.func(args) or 0)
    except BrokenPipeError:  # `... -o - | head`: the reader has what it wanted
        if not stdout_closed():
            raise
        return stdout_gone()
    except KhareetaError as exc:
        print(f"error: {describe(exc.problem)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
