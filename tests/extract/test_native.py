"""extract/native.py: the compiled build is used only while it matches the sources, and it gives the
same features as the pure-Python package."""

from __future__ import annotations

import importlib
import importlib.machinery
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from extract import native

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
IN_CI = os.environ.get("CI") == "true"


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A package `pkgx` with one module, `m`, and a module in its place that cannot load (as a
    compiled build made for other sources would behave wrongly): only the guard lets `m` import."""
    folder = tmp_path / "pkgx"
    folder.mkdir()
    (folder / "__init__.py").write_text("")
    (folder / "m.py").write_text("VALUE = 'from the source'\n")
    (folder / f"m{importlib.machinery.EXTENSION_SUFFIXES[0]}").write_bytes(b"not a shared library")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(sys, "meta_path", list(sys.meta_path))
    monkeypatch.setattr(native, "IN_USE", native.IN_USE)
    monkeypatch.setattr(native, "STATE", native.STATE)
    for name in ("pkgx", "pkgx.m"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    return folder


def _manifest(folder: Path, names: list[str], digest: str | None = None) -> None:
    made = {"modules": names, "digest": digest or native.digest(names, folder)}
    (folder / ".native.json").write_text(json.dumps(made))


def test_the_state_of_a_build_follows_its_sources(package: Path) -> None:
    names = native.compiled_names(package)
    assert "m" in names and "__init__" not in names
    assert native.state(package) == "stale"  # compiled modules and no manifest
    _manifest(package, names)
    assert native.state(package) == "fresh"
    (package / "m.py").write_text("VALUE = 'edited'\n")
    assert native.state(package) == "stale"
    _manifest(package, names)
    (package / "n.py").write_text("")  # a module the build does not hold
    assert native.state(package) == "stale"
    (package / ".native.json").write_text("{not json")
    assert native.state(package) == "stale"
    for so in native.built(package):
        so.unlink()
    assert native.state(package) == "not built"


def test_a_stale_build_is_set_aside_and_the_sources_load(package: Path) -> None:
    with pytest.raises(ImportError):
        importlib.import_module("pkgx.m")  # what would load without the guard
    sys.modules.pop("pkgx.m", None)
    assert native.use_sources_if_stale("pkgx", package) is False
    assert native.STATE == "stale"
    assert importlib.import_module("pkgx.m").VALUE == "from the source"
    native.use_sources_if_stale("pkgx", package)
    assert sum(isinstance(f, native.Sources) and f.package == "pkgx" for f in sys.meta_path) == 1


def test_a_fresh_build_is_used_unless_pure_python_is_asked_for(package: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _manifest(package, native.compiled_names(package))
    monkeypatch.delenv(native.PURE_ENV, raising=False)
    assert native.use_sources_if_stale("pkgx", package) is True
    assert not any(isinstance(f, native.Sources) and f.package == "pkgx" for f in sys.meta_path)
    monkeypatch.setenv(native.PURE_ENV, "1")
    assert native.use_sources_if_stale("pkgx", package) is False
    assert importlib.import_module("pkgx.m").VALUE == "from the source"


def test_the_guard_leaves_other_packages_alone(tmp_path: Path) -> None:
    finder = native.Sources("pkgx", tmp_path)
    (tmp_path / "m.py").write_text("")
    assert finder.find_spec("other.m", None) is None
    assert finder.find_spec("pkgx.absent", None) is None
    spec = finder.find_spec("pkgx.m", None)
    assert spec is not None and spec.origin == str(tmp_path / "m.py")


def test_a_failed_build_leaves_no_compiled_module(tmp_path: Path) -> None:
    folder = tmp_path / "pkgx"
    folder.mkdir()
    (folder / "broken.py").write_text("def f() -> int:\n    return 'not an int'\n")  # mypyc refuses it
    (folder / f"old{importlib.machinery.EXTENSION_SUFFIXES[0]}").write_bytes(b"an older build")
    assert native.build(tmp_path, folder) == 1
    assert native.built(folder) == [] and not (folder / ".native.json").exists()
    assert "error" in (tmp_path / "build" / "mypyc.log").read_text()


# --- the real build --------------------------------------------------------------------------------------------


def _extract(args: list[str], *, pure: bool) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != native.PURE_ENV}
    if pure:
        env[native.PURE_ENV] = "1"
    return subprocess.run(
        [sys.executable, "-m", "extract", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )


def _fresh_build() -> None:
    if native.state() != "fresh":
        if IN_CI:
            pytest.fail(f"the compiled build is {native.state()} under CI=true: `make native` must build it")
        pytest.skip(f"the compiled build is {native.state()} (`make native`)")


def test_the_compiled_modules_are_the_ones_imported_from_any_folder(tmp_path: Path) -> None:
    """From another folder too (`khareeta ...` run anywhere): the library the compiled modules share
    sits inside the package, not beside it."""
    _fresh_build()
    probe = "import extract.events as e, extract.native as n; print(n.IN_USE, e.__file__)"
    env = {k: v for k, v in os.environ.items() if k != native.PURE_ENV}
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    assert out[0] == "True" and out[1].endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))


def test_compiled_and_pure_python_give_the_same_features() -> None:
    _fresh_build()
    seeds = sorted(str(p) for p in (ROOT / "seeds").glob("*.txt"))
    compiled, pure = _extract(seeds, pure=False), _extract(seeds, pure=True)
    assert compiled.returncode == pure.returncode == 0, compiled.stderr + pure.stderr
    assert json.loads(compiled.stdout) == json.loads(pure.stdout)


@pytest.mark.skipif(not (SHARED / "devdata").is_dir(), reason="../shared/devdata is absent")
def test_compiled_and_pure_python_agree_on_the_dev_texts(tmp_path: Path) -> None:
    """The dev texts are read in place (never copied into the project): 1,500 real reports."""
    _fresh_build()
    lines = []
    for name in ("cases.jsonl", "event_cases.jsonl"):
        for line in (SHARED / "devdata" / name).read_text(encoding="utf-8").splitlines():
            case = json.loads(line)
            lines.append(json.dumps({k: case[k] for k in ("id", "text", "lang", "date") if k in case}))
    batch = tmp_path / "dev.jsonl"
    batch.write_text("\n".join(lines) + "\n", encoding="utf-8")
    compiled, pure = _extract(["--jsonl", str(batch)], pure=False), _extract(["--jsonl", str(batch)], pure=True)
    assert compiled.returncode == pure.returncode == 0, compiled.stderr[-500:] + pure.stderr[-500:]
    assert json.loads(compiled.stdout) == json.loads(pure.stdout)
