"""The compiled gazetteer: every name's key, its candidates, one automaton.

Built once from the sources (see `sources.py`) and cached as a pickle under
`data/cache/`; the cache is rebuilt only when a source file changes.
"""

from __future__ import annotations

import csv
import hashlib
import math
import os
import pickle
import time
from dataclasses import dataclass, field
from pathlib import Path

import ahocorasick

from geodata import settings
from geodata.normalize import is_arabic, name_keys, normalize_name
from geodata.sources import (
    GazEntry,
    cities500_path,
    merge_entries,
    read_cities500,
    read_countries,
    read_place_csv,
    read_user_aliases,
    us_states,
)

FORMAT_VERSION = 6
BLOCK = -1  # candidate index of a phrase that is known not to be a place
MIN_KEY_CHARS = 3
FREQUENT_ZIPF = 4.0
VERY_FREQUENT_ZIPF = 5.5

# Automaton values: key_index * 2 + VARIANT for the Arabic "ل+ال -> لل" form.
VARIANT = 1


_COLUMNS = ("gid", "name", "name_ar", "feature_type", "country_code", "lat", "lon", "population", "source", "admin1")


class Entries:
    """Gazetteer entries stored in columns (fast to pickle), read as `GazEntry`."""

    def __init__(self, columns: tuple[list, ...]) -> None:
        self.columns = columns

    @classmethod
    def from_entries(cls, entries: list[GazEntry]) -> Entries:
        return cls(tuple([getattr(e, c) for e in entries] for c in _COLUMNS))

    def __len__(self) -> int:
        return len(self.columns[0])

    def __getitem__(self, i: int) -> GazEntry:
        gid, name, name_ar, ftype, cc, lat, lon, pop, source, admin1 = (col[i] for col in self.columns)
        return GazEntry(gid, name, name_ar, ftype, cc, lat, lon, pop, (), source, admin1)

    def __getstate__(self) -> tuple[list, ...]:
        return self.columns

    def __setstate__(self, state: tuple[list, ...]) -> None:
        self.columns = state


@dataclass
class Gazetteer:
    """Entries in columns, normalised keys and their candidates."""

    entries: Entries
    keys: list[str]
    cands: list[tuple[int, ...]]
    automaton: ahocorasick.Automaton
    key_index: dict[str, int] = field(default_factory=dict)
    fingerprint: str = ""
    acronyms: frozenset[int] = frozenset()  # keys only ever written in capitals ("UAE", "CAR")

    def candidates(self, name: str) -> list[GazEntry]:
        """Places a name may refer to (exact key match, no context)."""
        k = self.key_index.get(normalize_name(name))
        if k is None:
            return []
        return [self.entries[i] for i in self.cands[k] if i != BLOCK]

    def search(self, query: str, *, limit: int = 20) -> list[GazEntry]:
        """Exact-key matches first, then names that start with the query."""
        key = normalize_name(query)
        if not key:
            return []
        exact = self.candidates(query)
        found = dict.fromkeys(exact)
        if len(found) < limit:
            for k, i in self.key_index.items():
                if k.startswith(key) and k != key:
                    found.update(dict.fromkeys(self.entries[j] for j in self.cands[i] if j != BLOCK))
                if len(found) >= limit * 4:
                    break
        exact_ids = {e.gid for e in exact}
        ranked = sorted(found, key=lambda e: (e.gid not in exact_ids, e.feature_type == "village", -e.population))
        return ranked[:limit]


def read_blocked(path: Path = settings.DATA_FILES / "not_places.csv") -> list[str]:
    """Phrases that are never places (media, persons, ships, demonyms)."""
    with path.open(encoding="utf-8", newline="") as fh:
        return [row["phrase"] for row in csv.DictReader(fh) if row.get("phrase")]


def source_files() -> list[Path]:
    """Every file the compiled gazetteer depends on."""
    user = settings.user_gazetteer_dir()
    files = [
        settings.DATA_FILES / "curated.csv",
        settings.DATA_FILES / "countries.csv",
        settings.DATA_FILES / "not_places.csv",
        user / "places.csv",
        user / "aliases.csv",
        cities500_path(),
    ]
    files += sorted((user / "geonames").glob("*.csv")) if (user / "geonames").is_dir() else []
    return files


def fingerprint(files: list[Path]) -> str:
    h = hashlib.sha1(f"v{FORMAT_VERSION}".encode())
    for p in files:
        if p.exists():
            st = p.stat()
            h.update(f"{p}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


def load_entries() -> list[GazEntry]:
    user = settings.user_gazetteer_dir()
    groups = [read_place_csv(user / "places.csv", prefix="user", strict=False),
              read_place_csv(settings.DATA_FILES / "curated.csv", prefix="khareeta")]
    if (user / "geonames").is_dir():
        groups += [read_place_csv(p, prefix="geonames", strict=False)
                   for p in sorted((user / "geonames").glob("*.csv"))]
    groups.append(read_countries())
    cities = list(read_cities500())
    groups.append(us_states(cities))
    return merge_entries(groups, cities, read_user_aliases(user / "aliases.csv"))


def _add_key(key_map: dict[str, set[int]], key: str, idx: int) -> None:
    if len(key.replace(" ", "")) >= MIN_KEY_CHARS and not key.isdigit():
        key_map.setdefault(key, set()).add(idx)


def frequent_words() -> dict[str, float]:
    """Normalised Arabic and English words frequent enough (Zipf >= 4) to be
    read as ordinary words rather than names (wordfreq, offline data)."""
    from wordfreq import get_frequency_dict

    out: dict[str, float] = {}
    for lang in ("ar", "en"):
        for word, freq in get_frequency_dict(lang).items():
            if freq >= 1e-5:
                key = normalize_name(word)
                zipf = math.log10(freq * 1e9)
                if key and zipf > out.get(key, 0.0):
                    out[key] = zipf
    return out


def _indexable(e: GazEntry, key: str, frequent: dict[str, float]) -> bool:
    """Our own places index every name; a cities500 name that is a frequent
    word ("إلى", "المدينة", "Man") only for large places, or not at all."""
    if e.source != "geonames" or " " in key:
        return True
    zipf = frequent.get(key, 0.0)
    # An Arabic word as common as "حصار" (siege) names only a great city (موسكو).
    big = 1_000_000 if is_arabic(key) else 200_000
    return zipf < FREQUENT_ZIPF or (zipf < VERY_FREQUENT_ZIPF and e.population >= big)


def compile_gazetteer(entries: list[GazEntry], blocked: list[str], *, fp: str = "") -> Gazetteer:
    """Index every name of every entry under its normalised key."""
    frequent = frequent_words()
    key_map: dict[str, set[int]] = {}
    cased: set[str] = set()  # keys that some name writes in lower or mixed case
    caps: set[str] = set()
    for i, e in enumerate(entries):
        for n in e.names:
            for key in name_keys(n):
                if _indexable(e, key, frequent):
                    _add_key(key_map, key, i)
                    (caps if n.isupper() and not is_arabic(n) else cased).add(key)
    for phrase in blocked:
        _add_key(key_map, normalize_name(phrase), BLOCK)
    keys = sorted(key_map)
    cands = [tuple(sorted(key_map[k])) for k in keys]
    auto = ahocorasick.Automaton()
    for k_i, k in enumerate(keys):
        auto.add_word(k + " ", k_i * 2)
    for k_i, k in enumerate(keys):
        if k.startswith("ال") and is_arabic(k):
            variant = "ل" + k[2:] + " "
            if variant.strip() not in key_map:
                auto.add_word(variant, k_i * 2 + VARIANT)
    auto.make_automaton()
    acronyms = frozenset(i for i, k in enumerate(keys) if k in caps and k not in cased)
    return Gazetteer(Entries.from_entries(entries), keys, cands, auto, {k: i for i, k in enumerate(keys)}, fp,
                     acronyms)


def build(*, cache: Path | None = None) -> Gazetteer:
    """Compile the gazetteer from its sources and write the cache."""
    files = source_files()
    fp = fingerprint(files)
    gaz = compile_gazetteer(load_entries(), read_blocked(), fp=fp)
    path = cache or settings.cache_dir() / "gazetteer.pkl"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")  # one per process: builders never collide
    with tmp.open("wb") as fh:
        pickle.dump((FORMAT_VERSION, fp, gaz.entries, gaz.keys, gaz.cands, gaz.automaton, gaz.acronyms), fh,
                    protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)  # atomic: a reader never sees half a cache
    return gaz


def load(*, rebuild: bool = False) -> Gazetteer:
    """The cached gazetteer, rebuilt first when a source changed."""
    path = settings.cache_dir() / "gazetteer.pkl"
    fp = fingerprint(source_files())
    if not rebuild and path.exists():
        try:
            with path.open("rb") as fh:
                version, cached_fp, entries, keys, cands, auto, acronyms = pickle.load(fh)
            if version == FORMAT_VERSION and cached_fp == fp:
                return Gazetteer(entries, keys, cands, auto, {k: i for i, k in enumerate(keys)}, fp, acronyms)
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
            pass  # a stale or damaged cache is simply rebuilt
    return build(cache=path)


_CACHED: Gazetteer | None = None


def get() -> Gazetteer:
    """The process-wide gazetteer (loaded once, reloaded if a source changed)."""
    global _CACHED
    if _CACHED is None or _CACHED.fingerprint != fingerprint(source_files()):
        _CACHED = load()
    return _CACHED


def timed_load() -> tuple[Gazetteer, float]:
    t0 = time.perf_counter()
    g = load()
    return g, time.perf_counter() - t0
