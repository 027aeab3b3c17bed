"""The language data of extraction (actors, triggers, cues, dates, numbers), loaded
once from `extract/data/` (see its README.md) and normalised like the text."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from extract.datafiles import load_json, read_csv
from extract.matching import Lexicon, Match
from extract.text_memo import text_memo
from extract.types import TAKING_TYPES
from geodata.names import NormText, normalize_name


@dataclass(frozen=True, slots=True)
class ActorDef:
    """One canonical actor of actors.csv: its id, name, ACLED-style type and family."""

    actor_id: str
    name: str
    actor_type: str
    family: str = ""
    country: str = ""  # the state whose forces these are (ISO code), for "the army" in that country's news
    theatre: str = ""  # the country it fights in (ISO code): a text naming it is about that country


@dataclass(frozen=True, slots=True)
class TriggerDef:
    event_type: str
    sub_event_type: str  # "*" = decided by cues, "*air"/"*shell" with a default, "*territory" = by who takes it
    # ("*entry": the same, but only with an armed agent: "troops entered Nawa", not "refugees entered Turkey")
    specific: bool = False  # names an event by itself (a suicide bomber, an air strike), not just a verb

    @property
    def takes_ground(self) -> bool:
        """A taking of territory, by its own kind or by who takes it ("*territory")."""
        return self.sub_event_type in ("*territory", "*entry") or self.sub_event_type in TAKING_TYPES


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
    for i, row in enumerate(read_csv("actors.csv")):
        defs.append(
            ActorDef(
                row["actor_id"],
                row["name"],
                row["type"],
                row.get("family") or "",
                row.get("country") or "",
                row.get("theatre") or "",
            )
        )
        aliases += [(a, i) for a in [row["name"], *row["aliases"].split("|")] if a.strip()]
        anaphora += [(a, i) for a in (row.get("anaphora") or "").split("|") if a.strip()]
    return tuple(defs), Lexicon.build(aliases), Lexicon.build(anaphora)


def families_of(actor_id: str) -> ActorDef | None:
    """The actor 'families of <actor>' when the data defines one."""
    return next((d for d in actors()[0] if d.actor_id == f"{actor_id}_families"), None)


@cache
def triggers() -> tuple[tuple[TriggerDef, ...], Lexicon]:
    defs: list[TriggerDef] = []
    phrases: list[tuple[str, int]] = []
    for i, row in enumerate(read_csv("triggers.csv")):
        # An explosion, a strike or a shelling is an event by itself (not "killed", "attack").
        specific = row["event_type"] == "Explosions/Remote violence" and row["sub_event_type"] != "*"
        defs.append(TriggerDef(row["event_type"], row["sub_event_type"], specific))
        phrases.append((row["phrase"], i))
    return tuple(defs), Lexicon.build(phrases)


def _word_lists(name: str) -> dict[str, frozenset[str]]:
    return {k: words(v) for k, v in load_json(name).items() if isinstance(v, list)}


CUE_FILES = ("cues.json", "journeys.json", "roads.json")


@cache
def _cue_data() -> dict[str, Any]:
    """The cue files merged (their keys never repeat)."""
    merged: dict[str, Any] = {}
    for name in CUE_FILES:
        merged.update({k: v for k, v in load_json(name).items() if not k.startswith("_")})
    return merged


@cache
def cues() -> dict[str, frozenset[str]]:
    """The word lists of the cue files (shared cues, journeys, roads), normalised."""
    return {k: words(v) for k, v in _cue_data().items() if isinstance(v, list)}


@cache
def cue_union(*names: str) -> frozenset[str]:
    """The words of several cue lists together, joined once."""
    c = cues()
    return frozenset().union(*(c[n] for n in names))


@cache
def event_cues() -> dict[str, frozenset[str]]:
    """The word lists of event_cues.json (locatives, agents, targets, aims), normalised."""
    return _word_lists("event_cues.json")


@cache
def site_refs() -> dict[str, tuple[str, ...]]:
    """Words that stand for a named site, by the feature type of the site (journeys.json `site_refs`)."""
    return {k: tuple(v) for k, v in _cue_data()["site_refs"].items() if not k.startswith("_")}


@cache
def direction_adjectives() -> dict[str, str]:
    return {normalize_name(k): v for k, v in _cue_data()["direction_adjectives"].items()}


@cache
def phrase_lexicon(name: str) -> Lexicon:
    """A lexicon of one cue list (e.g. 'road_words'), payload 0."""
    return Lexicon.build((p, 0) for p in _cue_data()[name])


def dates_data() -> dict[str, Any]:
    return load_json("dates.json")


def numbers_data() -> dict[str, Any]:
    return load_json("numbers.json")


def actor_matches(text: str, nt: NormText) -> list[Match]:
    """The named actors of the text (actors.csv), matched once per text: the place filters ask
    first (a place word inside an actor's name), the actor step after."""
    memo = text_memo(nt)
    if "actor matches" not in memo:
        memo["actor matches"] = actors()[1].find(text, nt)
    found: list[Match] = memo["actor matches"]
    return found
