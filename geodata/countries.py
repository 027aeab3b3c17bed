"""Country names <-> ISO codes (geodata/data/countries.csv), for filters, imports and exports."""

from __future__ import annotations

import csv
import functools

from geodata import settings


@functools.cache
def _countries() -> tuple[dict[str, str], dict[str, str]]:
    by_key: dict[str, str] = {}
    names: dict[str, str] = {}
    with (settings.DATA_FILES / "countries.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            code = row["iso2"].strip().upper()
            names[code] = row["name"].strip()
            for n in (code, row["name"], row["name_ar"], *(row.get("aliases") or "").split("|")):
                if n and n.strip():
                    by_key.setdefault(n.strip().casefold(), code)
    return by_key, names


def country_code(name_or_code: str | None) -> str | None:
    """'Iraq', 'العراق', 'iq', 'Syrian Arab Republic' -> 'IQ' / 'SY'; None when unknown."""
    if not name_or_code:
        return None
    return _countries()[0].get(name_or_code.strip().casefold())


def country_name(code: str | None) -> str:
    """'IQ' -> 'Iraq'; '' when unknown."""
    return _countries()[1].get((code or "").upper(), "") if code else ""
