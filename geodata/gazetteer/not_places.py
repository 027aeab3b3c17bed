"""The analyst's not-a-place list: the phrases a rejected place mention was read in ("Aleppo Media",
"شارع حلب"), so that the name inside them is not read as a place again. `data/gazetteer/not_places.csv`
(one `phrase` column, like ours in geodata/data/) is compiled into the gazetteer with ours
(`gazetteer.blocked_phrases`); a change recompiles it on its next use."""

from __future__ import annotations

from pathlib import Path

from geodata import settings
from geodata.errors import GazetteerError
from geodata.gazetteer.user import _append_rows, _clean, matchable, read_csv_rows
from geodata.names import normalize_name


def not_places_path() -> Path:
    """The phrases the analyst said are never places (a rejected place mention's context)."""
    return settings.user_gazetteer_dir() / "not_places.csv"


def add_not_place(phrase: str, surface: str) -> bool:
    """Never read `surface` as a place inside `phrase` again (the words around a rejected mention: "Aleppo
    Media", "شارع حلب"); the phrase must hold the name. False when it is listed already."""
    phrase = _clean(phrase)
    if normalize_name(surface) not in normalize_name(phrase) or not matchable(phrase):
        msg = f"the phrase {phrase!r} must contain the name {surface!r} (and the words around it that are not a place)."
        raise GazetteerError(msg)
    path = not_places_path()
    _, rows = read_csv_rows(path)
    if normalize_name(phrase) in {normalize_name(r.get("phrase", "")) for r in rows}:
        return False
    _append_rows(path, ("phrase",), [{"phrase": phrase}])
    return True
