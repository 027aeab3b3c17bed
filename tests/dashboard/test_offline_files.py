"""The map's published files (dashboard/offline.py): a file a page uses is never removed under it, however
many other views other tabs draw; idle ones beyond the newest KEEP_FILES are."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from dashboard import offline


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(offline, "DATA_DIR", tmp_path)
    monkeypatch.setattr(offline, "KEEP_FILES", 3)
    return tmp_path


def _age(url: str, seconds: float) -> None:
    path = offline._path(url)
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_a_file_in_use_survives_any_number_of_newer_files(cache: Path) -> None:
    mine = offline.publish_json({"rows": "tab A"}, prefix="map-")
    _age(mine, offline.IN_USE_SECONDS - 60)  # drawn a while ago, still open
    others = [offline.publish_json({"rows": f"tab B view {i}"}, prefix="map-") for i in range(10)]
    assert offline.published(mine)  # not pushed out by the ten views drawn since
    assert all(offline.published(u) for u in others)


def test_idle_files_beyond_the_newest_are_removed_and_a_touched_one_is_kept(cache: Path) -> None:
    old = [offline.publish_json({"rows": i}, prefix="map-") for i in range(4)]
    for i, url in enumerate(old):
        _age(url, offline.IN_USE_SECONDS + 60 + i)  # old[0] the newest of them
    assert offline.keep_alive([old[3]])  # the oldest, but a page reran on it just now
    offline.publish_json({"rows": "new"}, prefix="map-")
    assert [offline.published(u) for u in old] == [True, False, False, True]  # kept: new, old[3], old[0]
    assert not offline.keep_alive([old[1]])  # gone: the caller publishes again
