"""Place mentions of a document: match, filter by context, resolve."""

from __future__ import annotations

from itertools import pairwise

from extract.actors import theatres
from extract.admin_context import (
    UNITS,
    Container,
    Reading,
    containers,
    inside_choice,
    unknown_places,
    unresolved,
    unresolved_at,
)
from extract.admin_words import words
from extract.context import rules, token
from extract.coordinates import coordinates_in
from extract.countryside_siblings import sibling_countrysides
from extract.glued import glued_matches
from extract.headed_alone import headed_alone
from extract.listed_names import Known, listed_unknowns
from extract.matching import Match, find_matches
from extract.named_again import named_again, placed_as_before, tokens_of
from extract.place_filters import (
    accept,
    coordination,
    country_actors,
    enumerated_actors,
    shouted_acronym,
    site_name,
    surnames,
)
from extract.resolve import WIDE, Choice, DocContext, build_context, choose, own_keys, place_at, prior
from extract.shared_countryside import shared_countrysides
from extract.spellings import Respelled, respelled
from extract.types import Document, Place
from extract.unit_namesakes import foreign_only, outside_only
from geodata import gazetteer as gazetteer_mod
from geodata import settings
from geodata.gazetteer import BLOCK, Gazetteer
from geodata.gazetteer.sources import GazEntry
from geodata.names import NormText, is_arabic, normalize_text

ENTRIES_SIZE = 65_536
_ENTRIES: list[tuple[Gazetteer | None, dict[int, tuple[list[GazEntry], bool]]]] = [(None, {})]


def _key_entries(gaz: Gazetteer, key_index: int) -> tuple[list[GazEntry], bool]:
    """The entries of a key and whether one of them is a country, read once per process (news repeats
    its places: the entries were built anew for every mention). The lists are shared: never changed."""
    seen = _ENTRIES[0]
    if seen[0] is not gaz or len(seen[1]) > ENTRIES_SIZE:
        seen = _ENTRIES[0] = (gaz, {})
    got = seen[1].get(key_index)
    if got is None:
        entries = gaz.entries_of(gaz.index.payloads[key_index])
        got = seen[1][key_index] = (entries, any(e.feature_type == "country" for e in entries))
    return got


def _is_country(gaz: Gazetteer, m: Match) -> bool:
    return _key_entries(gaz, m.key_index)[1]


def _accepted(gaz: Gazetteer, nt: NormText, text: str) -> tuple[list[Match], frozenset[int]]:
    """The matches the context filters accept, and the tokens of those they turned down."""
    found = find_matches(gaz.index, nt, text, blocked=BLOCK)
    coord, adjacent = coordination(found, nt, text)
    countries = {i for i, m in enumerate(found) if _is_country(gaz, m)}
    capitals = frozenset(i for i, m in enumerate(found) if gaz.index.keys[m.key_index] in rules().capitals) - countries
    listed = enumerated_actors(found, nt, text, countries) | country_actors(found, nt, text, countries, capitals)
    keys = [gaz.index.keys[m.key_index] for m in found]
    persons = surnames(found, nt, text, keys, countries | adjacent)
    kept = [
        m
        for i, m in enumerate(found)
        if i not in listed
        and (m.key_index in gaz.index.acronyms or not shouted_acronym(m, text))
        and accept(
            m,
            nt,
            text,
            keys[i],
            coordinated=i in coord,
            adjacent_place=i in adjacent,
            is_country=i in countries,
            surnames=persons,
        )
    ]
    ok = {id(m) for m in kept}
    refused = frozenset(t for m in found if id(m) not in ok for t in range(m.tok_first, m.tok_last + 1))
    return kept, refused


_UNIT_TYPES = UNITS | WIDE  # what a quarter is never


def _quarter_named_after_a_unit(gaz: Gazetteer, m: Match, nt: NormText, text: str) -> bool:
    """'the Salaheddin neighborhood', 'al-Midan quarter', 'حي الميدان': a name that a quarter's word goes
    with names a quarter; when all it names otherwise is a province, a district or a region (Iraq's
    Salah al-Din), it is a quarter we do not know: a unit around it places it (`_held_by_units`), else
    its words are left to the unknown-name reader."""
    before, after = token(nt, m.tok_first - 1), token(nt, m.tok_last + 1)
    heads = words().quarter_heads
    quarter = (is_arabic(before) and not m.prefix and before in heads) or (not is_arabic(after) and after in heads)
    return quarter and all(e.feature_type in _UNIT_TYPES for e in _candidates(gaz, m))


def _candidates(gaz: Gazetteer, m: Match) -> list[GazEntry]:
    return _key_entries(gaz, m.key_index)[0]


def place_from(m: Match, e: GazEntry, text: str, confidence: float) -> Place:
    return place_at(e, text, m.start, m.end, confidence)


def places_in_text(text: str, gaz: Gazetteer | None = None, nt: NormText | None = None) -> list[Place]:
    """Every place mention of a text, resolved in the context of the whole text."""
    gaz = gaz or gazetteer_mod.get()
    nt = nt or normalize_text(text)
    mentions, refused = _accepted(gaz, nt, text)
    held_tokens = {t for m in mentions for t in range(m.tok_first, m.tok_last + 1)}
    mentions = sorted(mentions + glued_matches(gaz, nt, text, held_tokens), key=lambda m: m.start)
    # Matchs of the same key form one group: they refer to the same place.
    group_of: dict[int, int] = {}
    groups: list[list[GazEntry]] = []
    for m in mentions:
        if m.key_index not in group_of:
            group_of[m.key_index] = len(groups)
            groups.append(_candidates(gaz, m))
    ctx = build_context(groups, theatres(text, nt))
    forced = _qualified_pairs(mentions, groups, group_of, text)
    cands = [groups[group_of[m.key_index]] for m in mentions]
    spelled = respelled(mentions, nt, text, gaz, ctx, refused=refused)
    gone = {i for s in spelled for i in s.replaces}
    if gone:  # "Busra al_Sham" is one town, not Basra and Damascus
        mentions = [m for i, m in enumerate(mentions) if i not in gone]
        cands = [groups[group_of[m.key_index]] for m in mentions]
    spelled_places = [s.place for s in spelled]
    reading, read = _reading(mentions, cands, spelled, nt, text, gaz=gaz)
    elsewhere = _held_by_units(containers(reading), read, mentions, groups, group_of, text=text, forced=forced)
    chosen = _choices(mentions, groups, group_of, forced=forced, ctx=ctx, gaz=gaz)
    found = list(elsewhere.values())
    known: list[Known] = [(s.tok_first, s.tok_last, s.entry) for s in spelled]
    dropped: set[int] = set()  # mentions read as no place here
    for i, m in enumerate(mentions):
        if i in elsewhere:
            continue
        c = chosen[group_of[m.key_index]]
        if (
            c is None
            or _site_abroad(m, c.entry, ctx, nt, text=text, key=gaz.index.keys[m.key_index])
            or _quarter_named_after_a_unit(gaz, m, nt, text)
        ):
            dropped.add(i)
            continue
        found.append(place_from(m, c.entry, text, c.confidence))
        known.append((m.tok_first, m.tok_last, c.entry))
    # a name read as no place here leaves its words to an unknown name ("قرية البو X": not Aalborg)
    unknown = unknown_places(reading, dropped=frozenset(r for r, i in enumerate(read) if i in dropped))
    read_words = {
        t for r, m in enumerate(reading.mentions) if read[r] not in dropped for t in range(m.tok_first, m.tok_last + 1)
    }
    unknown += _listed_with_known(known, read_words, unknown, reading, gaz=gaz)
    held = read_words | {t for p in unknown + spelled_places for t in tokens_of(nt, p)}
    unknown += placed_as_before(nt, unknown, headed_alone(reading, ctx.governorates, held))
    places = found + unknown + spelled_places + coordinates_in(text)
    places += named_again(nt, text, unknown, {t for p in places for t in tokens_of(nt, p)})
    places = shared_countrysides(sorted(places, key=lambda p: p.start), nt, text, gaz)
    return sibling_countrysides(places, text, gaz)


def _site_abroad(m: Match, e: GazEntry, ctx: DocContext, nt: NormText, *, text: str, key: str) -> bool:
    """'the Al-Quds hospital' in a text about Aleppo: a site named after a place abroad (Jerusalem) that
    the text does not place itself in is that site, not the place (`place_filters.site_name`)."""
    focus = settings.FOCUS_COUNTRIES
    if e.country_code in focus or e.country_code in ctx.home or not ctx.countries & focus:
        return False
    return site_name(m, nt, text, key, bare=key not in own_keys(e.name, e.name_ar))


def _held_by_units(
    held: dict[int, Container],
    read: list[int],
    mentions: list[Match],
    groups: list[list[GazEntry]],
    group_of: dict[int, int],
    *,
    text: str,
    forced: dict[int, GazEntry],
) -> dict[int, Place]:
    """The mentions a unit around them places (`held`: reading index -> its unit). A namesake inside
    the unit is forced on every mention of the name (added to `forced`); with none in the unit's
    country, the mention is a place we do not know, placed at the unit ("Salamiyah, Nineveh": not
    the Salamiyah we know in Syria), and so is every other mention of the name that no unit holds:
    one name, one place in a text ("Residents of Salamiyah fled"). Mention index -> its place."""
    elsewhere: dict[int, Place] = {}
    foreign: dict[int, Container] = {}  # group -> the unit that holds one of its mentions
    for r, unit in held.items():
        if (i := read[r]) < 0:
            continue  # a respelled name keeps its own choice
        g = group_of[mentions[i].key_index]
        if (e := inside_choice(groups[g], unit, prior)) is not None:
            forced.setdefault(g, e)
        elif foreign_only(groups[g], unit) or outside_only(groups[g], unit):
            elsewhere[i] = unresolved_at(mentions[i], text, unit)
            foreign.setdefault(g, unit)
    own = {read[r] for r in held}
    for i, m in enumerate(mentions):
        g = group_of[m.key_index]
        if g in foreign and g not in forced and i not in own:
            elsewhere[i] = unresolved_at(m, text, foreign[g])
    return elsewhere


def _choices(
    mentions: list[Match],
    groups: list[list[GazEntry]],
    group_of: dict[int, int],
    *,
    forced: dict[int, GazEntry],
    ctx: DocContext,
    gaz: Gazetteer,
) -> dict[int, Choice | None]:
    """The choice of each group of mentions: forced by the text's units, or the best in its context."""
    bare = {m.key_index for m in mentions if not m.prefix}
    chosen: dict[int, Choice | None] = {}
    for m in mentions:
        g = group_of[m.key_index]
        if g in forced and g not in chosen:
            chosen[g] = Choice(forced[g], 0.95)
        if g not in chosen:
            key = gaz.index.keys[m.key_index]
            single = m.tok_first == m.tok_last and not is_arabic(key)
            chosen[g] = choose(
                groups[g], ctx, g, single_latin_token=single, clitic_only="" if m.key_index in bare else key, key=key
            )
    return chosen


def _listed_with_known(
    known: list[Known], covered: set[int], unknown: list[Place], r: Reading, *, gaz: Gazetteer
) -> list[Place]:
    """Unknown names listed with a place of ours ("in X, Sarmin and Y"), placed at its unit."""
    covered = covered | {t for p in unknown for t in tokens_of(r.nt, p)}
    return listed_unknowns(r.nt, r.text, known, covered, unit_of=gaz.unit, unresolved=unresolved, is_name=r.known)


def _reading(
    mentions: list[Match],
    cands: list[list[GazEntry]],
    spelled: list[Respelled],
    nt: NormText,
    text: str,
    *,
    gaz: Gazetteer,
) -> tuple[Reading, list[int]]:
    """The mentions the unit rules read, respelled names among them (they can hold a village:
    "Al Bahra village in East Deir-ez-Zur"), and for each the index of its mention (-1: respelled)."""
    read = sorted(
        [(m, c, i) for i, (m, c) in enumerate(zip(mentions, cands, strict=True))]
        + [(Match(s.place.start, s.place.end, s.tok_first, s.tok_last, -1, ""), [s.entry], -1) for s in spelled],
        key=lambda x: x[0].start,
    )
    taken = frozenset(t for s in spelled for t in range(s.tok_first, s.tok_last + 1))
    known = lambda key: bool(gaz.index.lookup(key))  # noqa: E731
    reading = Reading(
        [x[0] for x in read], [x[1] for x in read], nt, text, prior, gaz.unit, known, taken, gaz.candidates
    )
    return reading, [x[2] for x in read]


def _qualified_pairs(
    mentions: list[Match], groups: list[list[GazEntry]], group_of: dict[int, int], text: str
) -> dict[int, GazEntry]:
    """'Athens, Georgia', 'Sinjar, Iraq': a place followed by the state or
    country that holds it fixes both choices."""
    forced: dict[int, GazEntry] = {}
    for a, b in pairwise(mentions):
        if text[a.end : b.start].strip() != "," or b.tok_first != a.tok_last + 1:
            continue
        ga, gb = group_of[a.key_index], group_of[b.key_index]
        pairs = [
            (x, y)
            for y in groups[gb]
            if y.feature_type in ("country", "governorate")
            for x in groups[ga]
            if x.country_code == y.country_code
            and x.gid != y.gid
            and (y.feature_type == "country" or (y.admin1 and x.admin1 == y.admin1))
        ]
        if pairs:
            x, y = max(pairs, key=lambda p: prior(p[0]))
            forced.setdefault(ga, x)
            forced.setdefault(gb, y)
    return forced


def places_from_doc(doc: Document, gaz: Gazetteer | None = None, nt: NormText | None = None) -> list[Place]:
    """Place mentions of a document (title, header and body)."""
    return places_in_text(doc.text, gaz, nt)
