"""The language data of extraction (actors, triggers, cues, dates, numbers),
loaded once from `extract/data/` and normalised like the text."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import cache

from extract.datafiles import DATA
from extract.matching import Lexicon
from geodata.names import normalize_name


@dataclass(frozen=True, slots=True)
class ActorDef:
    actor_id: str
    name: str
    actor_type: str


@dataclass(frozen=True, slots=True)
class TriggerDef:
    event_type: str
    sub_event_type: str  # "*" = decided by cues, "*territory" = by who takes it
    specific: bool = False  # names an event by itself (a suicide bomber, an air strike), not just a verb


def words(values: list[str] | tuple[str, ...]) -> frozenset[str]:
    """A set of normalised words/phrases."""
    return _words(tuple(values))


@cache
def _words(values: tuple[str, ...]) -> frozenset[str]:
    return frozenset(k for v in values if (k := normalize_name(v)))


@cache
def actors() -> tuple[tuple[ActorDef, ...], Lexicon, Lexicon]:
    """Actor definitions, the alias lexicon, and the anaphora lexicon (التنظيم, the group)."""
    defs: list[ActorDef] = []
    aliases: list[tuple[str, int]] = []
    anaphora: list[tuple[str, int]] = []
    with (DATA / "actors.csv").open(encoding="utf-8", newline="") as fh:
        for i, row in enumerate(csv.DictReader(fh)):
            defs.append(ActorDef(row["actor_id"], row["name"], row["type"]))
            aliases += [(a, i) for a in [row["name"], *row["aliases"].split("|")] if a.strip()]
            anaphora += [(a, i) for a in (row.get("anaphora") or "").split("|") if a.strip()]
    return tuple(defs), Lexicon.build(aliases), Lexicon.build(anaphora)


def families_of(actor_id: str) -> str:
    """The name of the actor 'families of <actor>' when the data defines one."""
    defs = actors()[0]
    return next((d.name for d in defs if d.actor_id == f"{actor_id}_families"), "")


@cache
def triggers() -> tuple[tuple[TriggerDef, ...], Lexicon]:
    defs: list[TriggerDef] = []
    phrases: list[tuple[str, int]] = []
    with (DATA / "triggers.csv").open(encoding="utf-8", newline="") as fh:
        for i, row in enumerate(csv.DictReader(fh)):
            # An explosion or strike named with its kind is an event by itself.
            specific = row["event_type"] == "Explosions/Remote violence" and not row["sub_event_type"].startswith("*")
            defs.append(TriggerDef(row["event_type"], row["sub_event_type"], specific))
            phrases.append((row["phrase"], i))
    return tuple(defs), Lexicon.build(phrases)


@cache
def cues() -> dict[str, frozenset[str]]:
    raw = json.loads((DATA / "cues.json").read_text(encoding="utf-8"))
    return {k: words(v) for k, v in raw.items() if isinstance(v, list)}


@cache
def direction_adjectives() -> dict[str, str]:
    raw = json.loads((DATA / "cues.json").read_text(encoding="utf-8"))
    return {normalize_name(k): v for k, v in raw["direction_adjectives"].items()}


@cache
def phrase_lexicon(name: str) -> Lexicon:
    """A lexicon of one cue list (e.g. 'road_words'), payload 0."""
    raw = json.loads((DATA / "cues.json").read_text(encoding="utf-8"))
    return Lexicon.build((p, 0) for p in raw[name])


@cache
def dates_data() -> dict:
    return json.loads((DATA / "dates.json").read_text(encoding="utf-8"))


@cache
def numbers_data() -> dict:
    return json.loads((DATA / "numbers.json").read_text(encoding="utf-8"))
