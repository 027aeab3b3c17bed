"""The compiled gazetteer: every name's key, its candidates, one phrase index.

Built once from the sources (`geodata.gazetteer.sources`) and cached as a
pickle under `data/cache/`; the cache is rebuilt only when a source changes.
Sources are told apart by their content, not by where the checkout lies: a
moved or copied checkout keeps its cache.
"""

from __future__ import annotations

import csv
import gc
import hashlib
import math
import os
import pickle
import re
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from geodata import settings
from geodata.gazetteer.admin import read_admin, with_units
from geodata.gazetteer.countrysides import COUNTRYSIDES_JSON, countrysides
from geodata.gazetteer.sources import (
    GazEntry,
    cities500_path,
    merge_entries,
    read_cities500,
    read_countries,
    read_place_csv,
    read_user_aliases,
    us_states,
)
from geodata.names import (
    is_arabic,
    name_keys,
    norm_latin_token,
    normalize_name,
    short_variant_key,
    variant_key,
    without_construct_t,
)
from geodata.phrase_index import PhraseIndex, build_index

FORMAT_VERSION = 18
BLOCK = -1  # candidate index of a phrase that is known not to be a place
MIN_KEY_CHARS = 3
_LETTERS = re.compile(r"[^\W\d_]+")  # the words of a name, as written
FREQUENT_ZIPF = 4.0
VERY_FREQUENT_ZIPF = 5.5

_COLUMNS = (
    "gid",
    "name",
    "name_ar",
    "feature_type",
    "country_code",
    "lat",
    "lon",
    "population",
    "source",
    "admin1",
    "pcode",
)


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
        gid, name, name_ar, ftype, cc, lat, lon, pop, source, admin1, pcode = (col[i] for col in self.columns)
        return GazEntry(gid, name, name_ar, ftype, cc, lat, lon, pop, (), source, admin1, pcode)

    def feature_type(self, i: int) -> str:
        return self.columns[3][i]

    def gids(self) -> list[str]:
        return self.columns[0]

    def __getstate__(self) -> tuple[list, ...]:
        return self.columns

    def __setstate__(self, state: tuple[list, ...]) -> None:
        self.columns = state


@dataclass
class Gazetteer:
    """Entries in columns and the phrase index of their names (payload: entry index, or BLOCK)."""

    entries: Entries
    index: PhraseIndex
    fingerprint: str = ""
    variants: dict[str, tuple[int, ...]] = field(default_factory=dict)  # spelling key -> entries (names.variant_key)
    _units: dict[str, int] | None = field(default=None, repr=False, compare=False)

    def unit(self, pcode: str) -> GazEntry | None:
        """The governorate, district or sub-district with this P-code."""
        if self._units is None:
            pc, ft = self.entries.columns[10], self.entries.columns[3]
            self._units = {
                pc[i]: i
                for i in range(len(self.entries))
                if pc[i] and ft[i] in ("governorate", "district", "subdistrict")
            }
        i = self._units.get(pcode)
        return self.entries[i] if i is not None else None

    def candidates(self, name: str) -> list[GazEntry]:
        """Places a name may refer to (exact key match, no context)."""
        return self.entries_of(self.index.lookup(normalize_name(name)))

    def entries_of(self, payloads: tuple[int, ...]) -> list[GazEntry]:
        """The entries of a key's payloads, without the BLOCK marker."""
        return [self.entries[i] for i in payloads if i != BLOCK]

    def search(self, query: str, *, limit: int = 20) -> list[GazEntry]:
        """Exact-key matches first, then names that start with the query."""
        key = normalize_name(query)
        if not key:
            return []
        exact = self.candidates(query)
        found = dict.fromkeys(exact)
        if len(found) < limit:
            for k, i in self.index.key_index.items():
                if k.startswith(key) and k != key:
                    found.update(dict.fromkeys(self.entries_of(self.index.payloads[i])))
                if len(found) >= limit * 4:
                    break
        exact_ids = {e.gid for e in exact}
        ranked = sorted(found, key=lambda e: (e.gid not in exact_ids, e.feature_type == "village", -e.population))
        return ranked[:limit]


def read_blocked(path: Path = settings.DATA_FILES / "not_places.csv") -> list[str]:
    """Phrases that are never places (media, persons, ships, demonyms)."""
    with path.open(encoding="utf-8", newline="") as fh:
        return [row["phrase"] for row in csv.DictReader(fh) if row.get("phrase")]


def blocked_phrases() -> list[str]:
    """Ours (geodata/data/not_places.csv) and the analyst's (data/gazetteer/not_places.csv: the phrases a
    rejected place mention was read in, e.g. "Aleppo Media", so that a place inside them is not read)."""
    user = settings.user_gazetteer_dir() / "not_places.csv"
    return read_blocked() + (read_blocked(user) if user.exists() else [])


_GEODATA = Path(__file__).resolve().parents[1]  # the package: its code is part of the cache's key


def source_files() -> dict[str, Path]:
    """Every file the compiled gazetteer depends on, by a name that does not depend on
    where the checkout or the virtual environment lies."""
    user = settings.user_gazetteer_dir()
    files = {
        "curated.csv": settings.DATA_FILES / "curated.csv",
        "countries.csv": settings.DATA_FILES / "countries.csv",
        "admin.csv": settings.DATA_FILES / "admin.csv",
        "admin_units.json": settings.DATA_FILES / "admin_units.json",
        "countrysides.json": COUNTRYSIDES_JSON,
        "not_places.csv": settings.DATA_FILES / "not_places.csv",
        "renamed_ids.csv": settings.DATA_FILES / "renamed_ids.csv",
        "user/places.csv": user / "places.csv",
        "user/aliases.csv": user / "aliases.csv",
        "user/not_places.csv": user / "not_places.csv",
        "cities500.json": cities500_path(),
        # the code that turns names into keys: a new spelling rule recompiles the keys
        "code/names.py": _GEODATA / "names.py",
        "code/phrase_index.py": _GEODATA / "phrase_index.py",
    }
    # ... and the code that reads and joins the sources (a new rule for units, a fixed reader)
    files.update({f"code/gazetteer/{p.name}": p for p in sorted(Path(__file__).parent.glob("*.py"))})
    if (user / "geonames").is_dir():
        files.update({f"user/geonames/{p.name}": p for p in sorted((user / "geonames").glob("*.csv"))})
    return files


_DIGESTS: dict[tuple[str, int, int], str] = {}  # (path, size, mtime) -> content digest, per process


def _digest(path: Path) -> str:
    """The file's content digest; read once per process while its size and mtime stay."""
    st = path.stat()
    memo = (str(path), st.st_size, st.st_mtime_ns)
    if memo not in _DIGESTS:
        h = hashlib.sha1()
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
        _DIGESTS[memo] = h.hexdigest()
    return _DIGESTS[memo]


def fingerprint(files: dict[str, Path]) -> str:
    """A key of the sources' contents (and the format), the same wherever they lie."""
    h = hashlib.sha1(f"v{FORMAT_VERSION}".encode())
    for name, path in sorted(files.items()):
        if path.exists():
            h.update(f"{name}:{_digest(path)}".encode())
    return h.hexdigest()[:16]


def load_entries() -> list[GazEntry]:
    user = settings.user_gazetteer_dir()
    curated = read_place_csv(settings.DATA_FILES / "curated.csv", prefix="khareeta")
    groups = [read_place_csv(user / "places.csv", prefix="user", strict=False), curated, countrysides(curated)]
    if (user / "geonames").is_dir():
        groups += [
            read_place_csv(p, prefix="geonames", strict=False) for p in sorted((user / "geonames").glob("*.csv"))
        ]
    groups.append(read_countries())
    cities = list(read_cities500())
    groups.append(us_states(cities))
    merged = merge_entries(groups, cities, read_user_aliases(user / "aliases.csv"))
    return with_units(merged, read_admin())


def _matchable(key: str) -> bool:
    return len(key.replace(" ", "")) >= MIN_KEY_CHARS and not key.isdigit()


def written_long_enough(name: str, key: str) -> bool:
    """True when a Latin key one letter short came from a word written with enough letters, its doubled
    letter folded ("Foo" -> "fo"): a name an analyst wrote is then still found, as written, in text."""
    if len(key) != MIN_KEY_CHARS - 1 or " " in key or is_arabic(key) or not key.isalpha():
        return False
    return any(len(w) >= MIN_KEY_CHARS and norm_latin_token(w) == key for w in _LETTERS.findall(name))


def own_names() -> frozenset[str]:
    """The names an analyst wrote (their places and aliases): indexed even where a folded doubled letter
    leaves their key one letter short, as a name from a source is not."""
    user = settings.user_gazetteer_dir()
    places = read_place_csv(user / "places.csv", prefix="user", strict=False)
    aliases = read_user_aliases(user / "aliases.csv")
    return frozenset(n for e in places for n in e.names) | frozenset(a for v in aliases.values() for a in v)


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
    if e.source not in ("geonames", "admin") or " " in key:
        return True
    zipf = frequent.get(key, 0.0)
    # An Arabic word as common as "حصار" (siege) names only a great city (موسكو).
    big = 1_000_000 if is_arabic(key) else 200_000
    return zipf < FREQUENT_ZIPF or (zipf < VERY_FREQUENT_ZIPF and e.population >= big)


def compile_gazetteer(
    entries: list[GazEntry], blocked: list[str], *, fp: str = "", own: Collection[str] = ()
) -> Gazetteer:
    """Index every name of every entry under its normalised keys (`own`: the names an analyst wrote)."""
    frequent = frequent_words()
    own = frozenset(own)

    def names() -> Iterator[tuple[str, int, bool | None]]:
        for i, e in enumerate(entries):
            for n in e.names:
                capitals = n.isupper() and not is_arabic(n)
                yield from (
                    (key, i, capitals)
                    for key in name_keys(n)
                    if (_matchable(key) or (n in own and written_long_enough(n, key))) and _indexable(e, key, frequent)
                )
        yield from ((key, BLOCK, None) for phrase in blocked if _matchable(key := normalize_name(phrase)))

    return Gazetteer(Entries.from_entries(entries), build_index(names()), fp, spelling_variants(entries, frequent))


MIN_VARIANT_CHARS = 4  # a shorter spelling key ("mdn": Mayadin, Maadan, Medina) names too many places


def spelling_variants(entries: list[GazEntry], frequent: dict[str, float]) -> dict[str, tuple[int, ...]]:
    """The spelling key of every Latin name of the places of Iraq and Syria, for names
    the text spells otherwise ("Bokamal", "Jesr al-Shughour"); a one-word name too short for
    one by its vowelled key ("Mayadein": `names.short_variant_key`)."""
    out: dict[str, set[int]] = {}
    for i, e in enumerate(entries):
        if e.country_code not in settings.FOCUS_COUNTRIES or e.feature_type == "country":
            continue
        for n in e.names:
            if is_arabic(n):
                continue
            key = normalize_name(n)
            if not _indexable(e, key, frequent):
                continue
            for spelled in {key, without_construct_t(key)}:  # "Maara al-Numan" for "Maarat al-Numan"
                vk = variant_key(spelled)
                if len(vk.replace(" ", "")) < MIN_VARIANT_CHARS:
                    vk = short_variant_key(spelled)
                if vk:
                    out.setdefault(vk, set()).add(i)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def build(*, cache: Path | None = None) -> Gazetteer:
    """Compile the gazetteer from its sources and write the cache."""
    fp = fingerprint(source_files())
    gaz = compile_gazetteer(load_entries(), blocked_phrases(), fp=fp, own=own_names())
    path = cache or settings.cache_dir() / "gazetteer.pkl"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")  # one per process: builders never collide
    with tmp.open("wb") as fh:
        pickle.dump((FORMAT_VERSION, fp, gaz.entries, gaz.index, gaz.variants), fh, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)  # atomic: a reader never sees half a cache
    return gaz


@contextmanager
def _no_gc() -> Iterator[None]:
    """Millions of small objects are unpickled at once, none of them garbage: the cyclic
    collector would only walk them again and again (a third of the load time)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def load(*, rebuild: bool = False) -> Gazetteer:
    """The cached gazetteer, rebuilt first when a source changed."""
    path = settings.cache_dir() / "gazetteer.pkl"
    fp = fingerprint(source_files())
    if not rebuild and path.exists():
        try:
            with path.open("rb") as fh, _no_gc():
                version, cached_fp, entries, index, variants = pickle.load(fh)
            if version == FORMAT_VERSION and cached_fp == fp:
                return Gazetteer(entries, index, fp, variants)
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
            pass  # a stale or damaged cache is simply rebuilt
    return build(cache=path)


_CACHED: Gazetteer | None = None


def get() -> Gazetteer:
    """The process-wide gazetteer (loaded once, reloaded if a source changed)."""
    global _CACHED
    if _CACHED is None or _CACHED.fingerprint != fingerprint(source_files()):
        _CACHED = load()
    return _CACHED
