"""The analysts' accounts (`python -m dashboard.users`): hashes only, a private file, plain errors; the
dashboard says when reviewing is off, and stays usable for viewers."""

from __future__ import annotations

import io
import stat
from pathlib import Path

import pytest
import yaml

from dashboard import users
from tests.dashboard.conftest import new_app

PASSWORD = "a-long-secret-1"


@pytest.fixture
def accounts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "users.yaml"
    monkeypatch.setenv(users.USERS_ENV, str(path))
    return path


def test_add_keeps_only_a_bcrypt_hash_in_a_private_file(
    accounts: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert users.main(["add", "Amal", "--name", "Amal K.", "--password-stdin"]) == 0
    out = capsys.readouterr()
    text = accounts.read_text(encoding="utf-8")
    assert PASSWORD not in text and PASSWORD not in out.out + out.err
    data = yaml.safe_load(text)
    entry = data["credentials"]["usernames"]["amal"]
    assert entry["name"] == "Amal K." and entry["password"].startswith("$2")  # bcrypt
    assert len(data["cookie"]["key"]) == 64 and stat.S_IMODE(accounts.stat().st_mode) == 0o600
    assert users.main(["list"]) == 0 and "amal\tAmal K." in capsys.readouterr().out
    assert users.main(["remove", "amal"]) == 0 and users.main(["remove", "amal"]) == 1


@pytest.mark.parametrize(("user", "password", "says"), [("amal", "short", "at least 8"), ("a b", PASSWORD, "letters")])
def test_bad_accounts_are_refused_plainly(
    accounts: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    user: str,
    password: str,
    says: str,
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    assert users.main(["add", user, "--password-stdin"]) == 2
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err and not accounts.exists()


def test_a_broken_accounts_file_turns_reviewing_off_not_the_dashboard(accounts: Path, app_db: Path) -> None:
    accounts.write_bytes(b"\x00\xff\xfe binary")
    at = new_app()
    assert any("Reviewing is off" in c.value for c in at.sidebar.caption)
    assert at.dataframe  # the map page is there for viewers


def test_without_accounts_the_sidebar_says_how_to_make_one(accounts: Path, app_db: Path) -> None:
    at = new_app()
    assert any("python -m dashboard.users add NAME" in c.value for c in at.sidebar.caption)
