"""The project's shape as contracts: three floors whose imports only point down
(import-linter, and an AST walk that needs no tool), one Aho-Corasick automaton,
modules and functions of a readable size, and map modules that render records
without parsing text."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FLOORS = ("geodata", "extract", "dashboard")  # ground first: a floor may import only the floors before it
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
MAP_MODULES = (
    "dashboard/layers.py",
    "dashboard/payload.py",
    "dashboard/evidence.py",
    "dashboard/palette.py",
    "dashboard/views/map.py",
)


def modules(*packages: str) -> Iterator[tuple[str, ast.Module, str]]:
    """(path relative to the root, AST, source) of every Python module of the packages."""
    for pkg in packages:
        for path in sorted((ROOT / pkg).rglob("*.py")):
            source = path.read_text(encoding="utf-8")
            yield path.relative_to(ROOT).as_posix(), ast.parse(source, filename=str(path)), source


def imported(tree: ast.Module) -> Iterator[tuple[int, str]]:
    """(line, module name) of every absolute import, inside functions too."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, a.name) for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module


def _top(name: str) -> str:
    return name.split(".", maxsplit=1)[0]


# --- (a) the import-linter contract -------------------------------------------------------------------------------


def test_import_linter_keeps_the_layers_contract() -> None:
    script = Path(sys.executable).parent / "lint-imports"
    assert script.exists(), f"{script} is missing: install the tooling (pip install -r requirements.txt)."
    done = subprocess.run(
        [str(script), "--no-cache", "--no-logo"], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )
    out = done.stdout + done.stderr
    assert done.returncode == 0, out
    assert "Three floors" in out, out
    assert "KEPT" in out, out
    assert "BROKEN" not in out, out


# --- (b) the same rule, read from the source -----------------------------------------------------------------------


def upward_imports(package: str) -> list[str]:
    """Imports from `package` of a floor above it."""
    above = set(FLOORS[FLOORS.index(package) + 1 :])
    return [
        f"{rel}:{line}: imports {name}"
        for rel, tree, _ in modules(package)
        for line, name in imported(tree)
        if _top(name) in above
    ]


@pytest.mark.parametrize("package", ["geodata", "extract"])
def test_no_floor_imports_a_floor_above_it(package: str) -> None:
    offenders = upward_imports(package)
    assert not offenders, "\n".join(offenders)


def test_the_import_walk_sees_imports_inside_functions() -> None:
    tree = ast.parse(
        "import os\ndef f():\n    from dashboard.palette import record_color\n    import extract.wordforms\n"
    )
    assert [name for _, name in imported(tree)] == ["os", "dashboard.palette", "extract.wordforms"]


def test_the_floors_do_use_the_floors_below() -> None:
    """Not a vacuous walk: the floors above do import the ones below."""
    tops = {pkg: {_top(n) for _, tree, _ in modules(pkg) for _, n in imported(tree)} for pkg in FLOORS}
    assert "geodata" in tops["extract"]
    assert {"geodata", "extract"} <= tops["dashboard"]


# --- (c) one Aho-Corasick automaton ---------------------------------------------------------------------------------


def automaton_builders() -> set[str]:
    """Modules that construct `ahocorasick.Automaton(...)` (or an `Automaton(...)` imported from it)."""
    found = set()
    for rel, tree, _ in modules(*FLOORS):
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                f = node.func
                if (isinstance(f, ast.Attribute) and f.attr == "Automaton") or (
                    isinstance(f, ast.Name) and f.id == "Automaton"
                ):
                    found.add(rel)
    return found


def test_aho_corasick_is_built_in_exactly_one_module() -> None:
    assert automaton_builders() == {"geodata/phrase_index.py"}


# --- (d) sizes ------------------------------------------------------------------------------------------------------


def oversized() -> list[str]:
    """Every module over MAX_MODULE_LINES lines and every function over MAX_FUNCTION_LINES."""
    out = []
    for rel, tree, source in modules(*FLOORS):
        n = len(source.splitlines())
        if n > MAX_MODULE_LINES:
            out.append(f"{rel}: {n} lines (at most {MAX_MODULE_LINES})")
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                size = (node.end_lineno or node.lineno) - node.lineno + 1
                if size > MAX_FUNCTION_LINES:
                    out.append(f"{rel}:{node.lineno}: {node.name}() is {size} lines (at most {MAX_FUNCTION_LINES})")
    return out


def test_modules_and_functions_stay_small() -> None:
    offenders = oversized()
    assert not offenders, "too long:\n" + "\n".join(offenders)


def test_the_size_check_counts_what_it_should() -> None:
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_FUNCTION_LINES))
    tree = ast.parse(f"def long():\n{body}\n")
    [fn] = tree.body
    assert isinstance(fn, ast.FunctionDef)
    assert (fn.end_lineno or 0) - fn.lineno + 1 == MAX_FUNCTION_LINES + 1


# --- (e) map modules render, they do not parse ------------------------------------------------------------------------


def parsing_in(tree: ast.Module) -> list[str]:
    """`.find(` calls, `re.compile`, and imports of `re` in a module."""
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "find":
            out.append(f"{node.lineno}: .find(")
        if isinstance(node, ast.Attribute) and node.attr == "compile" and getattr(node.value, "id", "") == "re":
            out.append(f"{node.lineno}: re.compile")
        if isinstance(node, ast.Import) and any(_top(a.name) == "re" for a in node.names):
            out.append(f"{node.lineno}: import re")
        if isinstance(node, ast.ImportFrom) and node.level == 0 and _top(node.module or "") == "re":
            out.append(f"{node.lineno}: from re import")
    return out


@pytest.mark.parametrize("rel", MAP_MODULES)
def test_map_modules_do_not_parse_text(rel: str) -> None:
    path = ROOT / rel
    assert path.exists(), f"{rel} is gone: update MAP_MODULES"
    found = parsing_in(ast.parse(path.read_text(encoding="utf-8")))
    assert not found, f"{rel}: " + "; ".join(found)


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("i = text.find('x')", ["1: .find("]),
        ("import re\nP = re.compile('x')", ["1: import re", "2: re.compile"]),
        ("import json, re", ["1: import re"]),
        ("from re import compile", ["1: from re import"]),
        ("from dashboard.palette import record_color", []),  # "import re..." in a name is no import of re
        ("import regex_free_module", []),
        ("# text.find( in a comment\nx = 'text.find('", []),
    ],
)
def test_the_parsing_check(source: str, found: list[str]) -> None:
    assert sorted(parsing_in(ast.parse(source))) == sorted(found)
