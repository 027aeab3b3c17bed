"""The commands as a user runs them, in real processes: the console scripts (`khareeta`,
`khareeta-extract`, pyproject.toml's [project.scripts], installed by `make install`) work from any
folder and find the project's data; `python -m extract` and `python -m geodata` still work; a reader
that closes the pipe early (`| head`) ends the command quietly, with no traceback."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from geodata.formats.streams import BROKEN_PIPE_STATUS
from geodata.store import Store
from tests.geodata.store.villages import TEXT, document, village_records

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SEED = SEEDS / "mosul-2015-11-19-ar.txt"
SCRIPTS = {"khareeta": "geodata.cli:main", "khareeta-extract": "extract.cli:main"}
BIN = Path(sys.executable).parent


def _env() -> dict[str, str]:
    """The user's environment, without a store chosen for them."""
    return {k: v for k, v in os.environ.items() if k != "KHAREETA_DB"}


def _script(name: str) -> str:
    path = BIN / name
    assert path.is_file(), f"{path} is missing: install the project (`make install`, i.e. pip install -e .)."
    return str(path)


def _run(argv: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, cwd=cwd, env=_env(), capture_output=True, text=True, timeout=300, check=False)


# --- console scripts, from any folder -------------------------------------------------------------------------------


def test_pyproject_declares_the_console_scripts() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["scripts"] == SCRIPTS
    for target in SCRIPTS.values():
        module, func = target.split(":")
        assert callable(getattr(importlib.import_module(module), func))


def test_khareeta_extract_runs_from_another_folder(tmp_path: Path) -> None:
    done = _run([_script("khareeta-extract"), str(SEED)], tmp_path)
    assert done.returncode == 0, done.stderr
    names = {f["properties"].get("name") for f in json.loads(done.stdout)["features"]}
    assert {"Mosul", "Raqqa", "Al-Hasakah"} <= names  # the gazetteer was found
    assert list(tmp_path.iterdir()) == []  # nothing written in the folder it ran from
    usage = _run([_script("khareeta-extract")], tmp_path)
    assert usage.returncode == 2 and "khareeta-extract: give article files" in usage.stderr


def test_khareeta_ingests_exports_and_searches_from_another_folder(tmp_path: Path) -> None:
    khareeta = _script("khareeta")
    ingest = _run([khareeta, "--db", "s.sqlite", "ingest", "--quiet", str(SEED)], tmp_path)
    assert ingest.returncode == 0, ingest.stderr
    assert "1 added" in ingest.stdout
    export = _run([khareeta, "--db", "s.sqlite", "export", "--kind", "movement", "-o", "m.geojson"], tmp_path)
    assert export.returncode == 0, export.stderr
    journeys = json.loads((tmp_path / "m.geojson").read_text(encoding="utf-8"))["features"]
    assert ["Raqqa", "Al-Hasakah", "Al-Baaj", "Mosul"] in [j["properties"]["waypoints"] for j in journeys]
    search = _run([khareeta, "gazetteer", "search", "الموصل"], tmp_path)
    assert search.returncode == 0 and "Mosul" in search.stdout, search.stderr
    assert "usage: khareeta " in _run([khareeta, "--help"], tmp_path).stdout
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("s.sqlite")) == ["m.geojson"]


@pytest.mark.parametrize("module", ["extract", "geodata"])
def test_python_dash_m_still_works_from_another_folder(tmp_path: Path, module: str) -> None:
    done = _run([sys.executable, "-m", module, "--help"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert f"usage: python -m {module}" in done.stdout


# --- a reader that goes away: `... | head` --------------------------------------------------------------------------


def _close_early(argv: list[str], cwd: Path) -> tuple[int, bytes, str]:
    """Run `argv`, read the first bytes of its output and close the pipe, as `| head -c 100` does."""
    proc = subprocess.Popen(argv, cwd=cwd, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.read(100)
    proc.stdout.close()
    err = proc.stderr.read().decode("utf-8", "replace")
    return proc.wait(timeout=300), first, err


def test_extract_piped_into_head_exits_quietly(tmp_path: Path) -> None:
    rc, first, err = _close_early([sys.executable, "-m", "extract", "--indent", "2", str(SEEDS)], tmp_path)
    assert first.startswith(b"{")
    assert err == "", err  # no BrokenPipeError, no traceback, no "Exception ignored"
    assert rc == BROKEN_PIPE_STATUS


@pytest.fixture(scope="module")
def big_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store whose export is far more than a pipe holds (64 KiB)."""
    path = tmp_path_factory.mktemp("big") / "big.sqlite"
    docs = [document(f"{TEXT} ({i})", name=f"hajin-{i}.txt") for i in range(300)]
    with Store.open(path) as s:
        assert s.add_documents([(doc, village_records(doc)) for doc in docs]) == ["added"] * len(docs)
    return path


@pytest.mark.parametrize("fmt", ["geojson", "csv"])
def test_export_to_stdout_piped_into_head_exits_quietly(tmp_path: Path, big_store: Path, fmt: str) -> None:
    argv = [sys.executable, "-m", "geodata", "--db", str(big_store), "export", "--format", fmt]
    rc, first, err = _close_early([*argv, "-o", "-"], tmp_path)
    assert first.startswith(b'{"type":"FeatureCollection"' if fmt == "geojson" else b"\xef\xbb\xbfevent_id_cnty,")
    assert err == "", err
    assert rc == BROKEN_PIPE_STATUS
    whole = _run([*argv, "-o", "whole." + fmt], tmp_path)
    assert whole.returncode == 0 and (tmp_path / f"whole.{fmt}").stat().st_size > 300_000
