"""Typed settings: where data lives and which countries the tool focuses on."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
DATA_FILES = PACKAGE_DIR / "data"


def data_dir() -> Path:
    """The writable data folder: env KHAREETA_HOME, else `<project>/data`."""
    return Path(os.environ.get("KHAREETA_HOME") or PROJECT_DIR / "data")


def user_gazetteer_dir() -> Path:
    """Where analysts' own places, aliases and GeoNames imports are kept."""
    return data_dir() / "gazetteer"


def cache_dir() -> Path:
    """Where the compiled gazetteer is cached."""
    return data_dir() / "cache"


# The conflict the tool is built for, then the neighbours whose places news
# about it names most often. Used as a prior when a name is ambiguous.
FOCUS_COUNTRIES: frozenset[str] = frozenset({"IQ", "SY"})
NEIGHBOUR_COUNTRIES: frozenset[str] = frozenset({"TR", "JO", "LB", "IR", "SA", "KW", "IL", "PS"})

# cities500 entries outside the region below this population keep only their
# main name (their many transliterations mostly add false matches).
SMALL_PLACE_POPULATION = 15000

# The largest text one call accepts (characters); bigger inputs are refused
# with a clear message rather than exhausting memory.
MAX_TEXT_CHARS = 20_000_000
# The largest article file read (bytes), checked before reading it: two bytes a
# character is what Arabic takes in UTF-8 and in UTF-16.
MAX_FILE_BYTES = 2 * MAX_TEXT_CHARS
