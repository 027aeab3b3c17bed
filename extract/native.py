"""The compiled build of the extractor: most `extract` modules compiled to C with mypyc (part of
mypy, already a requirement), about 1.5 times the pure-Python speed on the same code.

`make native` (`python -m extract.build_native build`) compiles them in place and writes a manifest,
`extract/.native.json`: the modules compiled and a digest of their sources. On import,
`extract/__init__.py` calls `use_sources_if_stale`: a build that no longer matches the sources (a
module edited since, another commit checked out) is set aside and every `extract` module is read from
its `.py` file, so an edit is never shadowed by older compiled code. `KHAREETA_PURE_PYTHON=1` does
the same on purpose. Without a build, nothing changes: the pure-Python package is the reference and
both give the same features (tests/extract/test_native.py).
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parent
MANIFEST = PACKAGE / ".native.json"
PURE_ENV = "KHAREETA_PURE_PYTHON"

# Kept in Python, with the reason:
KEPT = {
    "__init__": "runs the check below before any other module loads",
    "__main__": "entry point",
    "native": "this module: builds and checks the compiled ones",
    "build_native": "its command line",
    "cli": "entry point, run once per command",
    "batch": "process pool and partitions, run once per batch",
    "batch_cli": "entry point",
    "ingest_cli": "entry point",
    "cluster": "Dask cluster set-up",
    "cluster_ingest": "Dask client loop",
    "collector": "changes class attributes at run time, which compiled classes do not allow",
    "types": "the data model crosses process boundaries by pickle; compiled frozen classes do not unpickle",
    "inputs": "its RawArticle crosses process boundaries by pickle, as `types`",
    "pipeline": "the steps are looked up at call time, so a caller (or a test) may wrap one",
    "datafiles": "finds the data files beside its own `__file__`, which a compiled module does not report as is",
}

# Whether this process runs the compiled modules (set by `use_sources_if_stale`).
IN_USE = False
STATE = "not built"


def compiled_names(package: Path = PACKAGE) -> list[str]:
    """The modules a build compiles: every module of the package but the kept ones."""
    return sorted(p.stem for p in package.glob("*.py") if p.stem not in KEPT)


def digest(names: Sequence[str], package: Path = PACKAGE) -> str:
    """A digest of the modules' sources (and the interpreter's version), what a build is valid for."""
    h = hashlib.blake2b(sys.version.encode(), digest_size=16)
    for name in sorted(names):
        path = package / f"{name}.py"
        h.update(name.encode())
        h.update(path.read_bytes() if path.exists() else b"<missing>")
    return h.hexdigest()


def built(package: Path = PACKAGE) -> list[Path]:
    """The compiled modules present in the package folder."""
    return sorted(p for p in package.iterdir() if p.name.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES)))


def state(package: Path = PACKAGE, manifest: Path | None = None) -> str:
    """'fresh', 'stale' (compiled modules that do not match the sources) or 'not built'."""
    if not built(package):
        return "not built"
    try:
        made = json.loads((manifest or package / ".native.json").read_text(encoding="utf-8"))
        names = made["modules"]
        return "fresh" if made["digest"] == digest(names, package) and names == compiled_names(package) else "stale"
    except (OSError, ValueError, KeyError, TypeError):
        return "stale"


class Sources(importlib.abc.MetaPathFinder):
    """Imports a package's modules from their `.py` files even where a compiled module sits beside."""

    def __init__(self, package: str, folder: Path) -> None:
        self.package = package
        self.folder = folder

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        parent, _, name = fullname.rpartition(".")
        source = self.folder / f"{name}.py"
        if parent != self.package or not source.is_file():
            return None
        return importlib.util.spec_from_file_location(fullname, source)


def use_sources_if_stale(package: str = "extract", folder: Path = PACKAGE) -> bool:
    """Set a stale or unwanted build aside (see the module's doc); whether the compiled modules are in use."""
    global IN_USE, STATE
    STATE = state(folder)
    wanted = os.environ.get(PURE_ENV, "") in ("", "0")
    if STATE == "not built":
        IN_USE = False
    elif STATE == "fresh" and wanted:
        IN_USE = True
    else:
        if not any(isinstance(f, Sources) and f.package == package for f in sys.meta_path):
            sys.meta_path.insert(0, Sources(package, folder))
        IN_USE = False
    return IN_USE


# mypyc's own command, but with the library the compiled modules share inside the package (its
# `group_name`), so that they load from any folder, as the package does (an editable install maps
# only the packages, not a library beside them).
_SETUP = """
import sys
from mypyc.build import mypycify
from setuptools import setup
group, *files = sys.argv[1:]
setup(name="khareeta-native", ext_modules=mypycify(files, group_name=group), script_args=["build_ext", "--inplace"])
"""


def clean(root: Path = ROOT, package: Path = PACKAGE) -> int:
    """Remove a build: the compiled modules, mypyc's shared library and the manifest."""
    gone = [*built(package), *root.glob("*__mypyc.*"), package / ".native.json"]
    for path in gone:
        path.unlink(missing_ok=True)
    return len(gone)


def build(root: Path = ROOT, package: Path = PACKAGE) -> int:
    """Compile the modules with mypyc (C compiler and Python headers needed); 0 on success."""
    names = compiled_names(package)
    clean(root, package)
    log = root / "build" / "mypyc.log"
    log.parent.mkdir(exist_ok=True)
    files = [str((package / f"{n}.py").relative_to(root)) for n in names]
    command = [sys.executable, "-c", _SETUP, f"{package.name}.compiled", *files]
    with log.open("w", encoding="utf-8") as out:
        done = subprocess.run(command, check=False, cwd=root, stdout=out, stderr=subprocess.STDOUT)
    if done.returncode != 0:
        clean(root, package)
        print(f"error: the compiled build failed (exit {done.returncode}); see {log}", file=sys.stderr)
        return 1
    (package / ".native.json").write_text(
        json.dumps({"modules": names, "digest": digest(names, package)}, indent=1), encoding="utf-8"
    )
    print(f"compiled {len(names)} extract modules with mypyc ({len(KEPT)} kept in Python)")
    return 0
