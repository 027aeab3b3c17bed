"""`python -m geodata [--db URL_OR_PATH] COMMAND`: gazetteer, store, import, export.

Errors are turned into one line for the user here, and only here.
"""

from __future__ import annotations

import argparse
import sys

from geodata import gazetteer_cli, store_cli
from geodata._errors import KhareetaError


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m geodata", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", metavar="URL_OR_PATH",
                    help="store: a SQLite path or a postgresql:// URL (default: env KHAREETA_DB, "
                         "else data/khareeta.sqlite)")
    sub = ap.add_subparsers(dest="command", required=True)
    gazetteer_cli.add_parser(sub)
    store_cli.add_parser(sub)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KhareetaError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
