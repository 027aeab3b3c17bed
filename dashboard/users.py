"""Who may edit: the analysts' accounts, and signing in to review.

Anyone who opens the dashboard can filter, read and export; correcting, rejecting, merging and undoing
need an account. Accounts are in a YAML file (`KHAREETA_USERS`, else `data/users.yaml`), in the format of
streamlit-authenticator, which draws the sign-in form and keeps the session in a signed cookie:
each password is stored as its bcrypt hash, never as typed, and is never written to a log or the store
(the history records the user name). The file also holds the cookie's signing key, made at random when
the first account is added; keep the file private (it is written readable by its owner only).

    python -m dashboard.users add amal --name "Amal K."     # asks for the password twice
    python -m dashboard.users add amal --password-stdin < pw.txt
    python -m dashboard.users list
    python -m dashboard.users remove amal

We chose streamlit-authenticator over Streamlit's `st.login`: that needs an OpenID Connect provider,
which an offline newsroom machine does not have.
"""

from __future__ import annotations

import argparse
import getpass
import os
import re
import secrets
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

from geodata import settings
from geodata.errors import InputError

USERS_ENV = "KHAREETA_USERS"
COOKIE = "khareeta_session"
_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,39}$")
MIN_PASSWORD = 8


def users_path() -> Path:
    value = os.environ.get(USERS_ENV, "").strip()
    return Path(value) if value else settings.data_dir() / "users.yaml"


def read_config(path: Path | None = None) -> dict[str, Any]:
    """The accounts file as streamlit-authenticator reads it (an empty one when there is none)."""
    path = path or users_path()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise InputError(f"cannot read the accounts file {str(path)!r}: {exc}.") from None
    if data is not None and not isinstance(data, dict):
        raise InputError(f"the accounts file {str(path)!r} is not a mapping of accounts.")
    data = dict(data or {})
    users = data.get("credentials", {}).get("usernames") if isinstance(data.get("credentials"), dict) else None
    data["credentials"] = {"usernames": dict(users or {})}
    cookie = data.get("cookie")
    data["cookie"] = {"name": COOKIE, "expiry_days": 7, **(cookie if isinstance(cookie, dict) else {})}
    return data


def _write(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".users-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            yaml.safe_dump(data, fh, allow_unicode=True, sort_keys=True)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def hash_password(password: str) -> str:
    import streamlit_authenticator as stauth

    return str(stauth.Hasher.hash(password))


def add_user(user: str, password: str, *, name: str = "", path: Path | None = None) -> Path:
    """Add (or give a new password to) an account; the file is made with a cookie key when new."""
    path = path or users_path()
    user = user.strip().lower()
    if not _NAME.match(user):
        raise InputError(f"the user name {user!r} must be letters, digits, '.', '_' or '-' (up to 40).")
    if len(password) < MIN_PASSWORD:
        raise InputError(f"the password must have at least {MIN_PASSWORD} characters.")
    data = read_config(path)
    data["credentials"]["usernames"][user] = {
        "name": name.strip() or user,
        "email": f"{user}@localhost",
        "password": hash_password(password),
        "roles": ["analyst"],
    }
    data["cookie"].setdefault("key", secrets.token_hex(32))
    _write(path, data)
    return path


def remove_user(user: str, *, path: Path | None = None) -> bool:
    path = path or users_path()
    data = read_config(path)
    gone = data["credentials"]["usernames"].pop(user.strip().lower(), None) is not None
    if gone:
        _write(path, data)
    return gone


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(f"password for {args.user}: ")
    if getpass.getpass("again: ") != first:
        raise InputError("the two passwords differ; nothing was changed.")
    return first


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.users", description="The analysts' accounts.")
    sub = parser.add_subparsers(dest="command", required=True)
    add = sub.add_parser("add", help="add an account, or set a new password")
    add.add_argument("user")
    add.add_argument("--name", default="", help="the name shown in the history (default: the user name)")
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    sub.add_parser("list", help="the accounts (names only)")
    rm = sub.add_parser("remove", help="remove an account")
    rm.add_argument("user")
    args = parser.parse_args(argv)
    try:
        if args.command == "add":
            path = add_user(args.user, _password(args), name=args.name)
            print(f"account {args.user.strip().lower()!r} saved in {path}")
        elif args.command == "list":
            for user, info in read_config()["credentials"]["usernames"].items():
                print(f"{user}\t{(info or {}).get('name', '')}")
        elif not remove_user(args.user):
            print(f"error: there is no account {args.user!r}.", file=sys.stderr)
            return 1
        else:
            print(f"account {args.user!r} removed")
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except (OSError, EOFError, KeyboardInterrupt) as exc:
        print(f"error: {exc or 'cancelled'}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
