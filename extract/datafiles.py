"""Where the language data lives (`extract/data/`, described in its README.md) and how it is read."""

from __future__ import annotations

import csv
import json
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"


@cache
def load_json(name: str) -> dict[str, Any]:
    """A JSON data file (read once per process; never mutate what it returns)."""
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def read_csv(name: str) -> list[dict[str, str]]:
    """The rows of a CSV data file."""
    with (DATA / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))
