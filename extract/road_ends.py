"""Where a road is: its mentions in a sentence and the places that make its ends.

A road mention is a road word or a named road ("طريق", "the highway", "M4",
"Highway 1", "الطريق السريع رقم 10"), minus phrases that only look like one
("road map", "خارطة الطريق"). Its places come from a link ("الذي يربط الحسكة
بالقامشلي", "between X and Y", "connects the town to Raqqa": "the town" is the
place the text is about), a from-to pair ("from X to Y", "من X إلى Y"), a
hyphenated pair ("طريق الموصل-أربيل", "the Aleppo-Damascus highway"), an anchor
next to it ("طريق سنجار", "the Sinjar road", "the road east of Tabqa"), and
places the sentence puts on it ("near Saraqib", "Khan Tuman, on the M5").
Every list of words is in `data/roads.json`.
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

from extract.annotated import TOWNS, Annotated, PlaceTok
from extract.lexicons import cues, direction_adjectives, phrase_lexicon
from extract.wordforms import word_forms
from geodata.geometry import km
from geodata.names import is_arabic

_LINK_REACH = 6  # words between a road and its link word, and between the link word and the places
_LINK_GAP = 1  # words allowed between a road and its link word when the road also has an anchor
_ON_REACH = 4  # words between a place and the road it lies on ("Saraqib, which lies on the M5")
_ALONG_REACH = 14  # words a place on the road may stand after it
_ASIDE_REACH = 12  # words of an aside between commas on a road's way ("from Raqqa, the group's capital, past")
_PAIR_REACH = 60  # words back from "the road between the two towns" to the towns it means
_COMPASS_REACH = 3  # words of the side a road's end lies on ("in the south")
_TOWARD_KM = 200  # farthest a road "to X" runs from the town the text is about
_UNITS = frozenset({"country", "governorate", "region"})  # "Shaddadi in Hasakah province": where a town lies
_WIDE = frozenset({"country", "sea", "region", "countryside"})
_NOT_ON_A_ROAD = frozenset({"country", "sea", "region", "countryside", "governorate", "river"})
_ROAD_LISTS = ("road_words", "named_roads")


class Road(NamedTuple):
    """A road mention: its tokens, its surface, and its number when it has one ("M4", "Highway 10")."""

    first: int
    last: int
    surface: str
    named: str


@cache
def _words(name: str) -> frozenset[str]:
    return cues()[name]


def _is(ann: Annotated, i: int, name: str) -> bool:
    return bool(word_forms(ann.word(i)) & _words(name))


def _number_after(ann: Annotated, i: int) -> int | None:
    """The token of a road's number right after token i ("رقم 10", "number 1", "10")."""
    j = i + 1 if _is(ann, i + 1, "road_number_words") else i
    return j + 1 if ann.word(j + 1).isdigit() else None


def any_road(ann: Annotated) -> bool:
    """The text has a road word or a named road somewhere (most texts have none)."""
    return any(ann.matches(phrase_lexicon(name)) for name in _ROAD_LISTS)


def road_mentions(ann: Annotated, first: int, last: int) -> list[Road]:
    """The roads named inside tokens first..last, in text order."""
    if last < first:  # a sentence without words ("—", "* * *")
        return []
    text = ann.doc.text
    s, e = ann.nt.orig_starts[first], ann.nt.orig_ends[last]
    not_roads = {
        t for m in ann.matches(phrase_lexicon("road_not_roads"), s, e) for t in range(m.tok_first, m.tok_last + 1)
    }
    found = []
    for name in _ROAD_LISTS:
        for m in ann.matches(phrase_lexicon(name), s, e):
            if not not_roads.intersection(range(m.tok_first, m.tok_last + 1)):
                found.append((m.tok_first, m.tok_last, text[m.start : m.end]))
    found.sort()
    kept: list[tuple[int, int, str]] = []
    for r in found:  # named roads inside road phrases: keep the longest
        if kept and r[0] <= kept[-1][1]:
            if r[1] - r[0] > kept[-1][1] - kept[-1][0]:
                kept[-1] = r
            continue
        if kept and r[0] == kept[-1][1] + 1:  # "M4 highway", "طريق M4": one road
            a = kept[-1]
            kept[-1] = (a[0], r[1], a[2] if _numbered(a[2]) else r[2])
            continue
        kept.append(r)
    return [_with_number(ann, r) for r in kept]


def _numbered(surface: str) -> bool:
    return any(c.isdigit() for c in surface)


def _with_number(ann: Annotated, r: tuple[int, int, str]) -> Road:
    if _numbered(r[2]):
        return Road(r[0], r[1], r[2], r[2])
    num = _number_after(ann, r[1])
    if num is None:
        return Road(r[0], r[1], r[2], "")
    return Road(r[0], num, r[2], f"Highway {ann.word(num)}")


def sentence_places(ann: Annotated, first: int, last: int) -> list[PlaceTok]:
    """Places named in tokens first..last, with "the town" / "المدينة" standing for the
    town the text is about there (the common-noun places of `extract.nominals`)."""
    places = ann.places_in(first, last)
    s, e = ann.nt.orig_starts[first], ann.nt.orig_ends[last]
    for p in ann.sites:
        if s <= p.start < e and p.feature_type != "site":
            places.append(PlaceTok(p, ann.tok_of(p.start), ann.tok_of(p.end - 1)))
    return sorted(places, key=lambda p: p.tok_first)


def ends_of(ann: Annotated, road: Road, places: list[PlaceTok], last: int) -> list[PlaceTok]:
    """The road's own places: a link or from-to pair, a hyphenated pair (in Arabic also two names
    side by side: "طريق دمشق حلب"), else its anchor.
    A town next to the road word beats a link phrase that stands further off
    ('the Baaj road to move between Iraq and Syria') or joins only countries."""
    anchor = _anchor(ann, road, places)
    linked, gap_ok = _linked(ann, road, places, last, anchor)
    apart = bool(anchor) and anchor[0].place.gazetteer_id not in {p.place.gazetteer_id for p in linked}
    if linked and apart and (not gap_ok or all(p.place.feature_type in _WIDE for p in linked)):
        linked = []
    pair = _hyphen_pair(ann, road, places)
    if len(linked) < 2 and pair:
        return pair  # "طريق حلب - دمشق مروراً بحماة": its two ends, not the one town it passes
    return _from_to(ann, road, places) or linked or pair or anchor  # "from X through Y to Z": X and Z


def toward(ann: Annotated, road: Road, places: list[PlaceTok]) -> list[PlaceTok]:
    """A road with no ends of its own that is no road named before: 'Queues formed at the Kalak checkpoint on
    the road to Erbil' in a report on Mosul, 'الطريق إلى حماة' runs from the town the article is about to X,
    when X is a town near enough to it ("the highway that runs to Qayyarah", "الطريق المؤدي إلى حمص"); not "the
    roads to X"."""
    leads = ("road_link_fillers", "road_through_words", "road_leading_words")
    k = road.last + 1
    while k <= road.last + 3 and any(_is(ann, k, name) for name in leads):
        k += 1
    if not _is(ann, k, "road_to_words") or _is(ann, road.last, "road_plurals"):
        return []
    end = _place_after(places, k, ann)
    if end is None or end.place.feature_type in _NOT_ON_A_ROAD:
        return []
    start = ann.event_focus()
    if (
        start is None
        or start.place.feature_type in _NOT_ON_A_ROAD
        or start.place.gazetteer_id == end.place.gazetteer_id
    ):
        return []
    a, b = start.place, end.place
    return [start, end] if km(a.lat, a.lon, b.lat, b.lon) <= _TOWARD_KM else []


def _linked(
    ann: Annotated, road: Road, places: list[PlaceTok], last: int, anchor: list[PlaceTok]
) -> tuple[list[PlaceTok], bool]:
    """The places a link word after the road joins, and whether only the road's own words
    (its anchor, positions, 'which') stand between the road and the link word."""
    link = next(
        (i for i in range(road.last + 1, min(last, road.last + _LINK_REACH) + 1) if _is(ann, i, "road_link_words")),
        None,
    )
    if link is None:
        return [], False
    after = [p for p in places if p.tok_first > link and p.tok_first - link <= _LINK_REACH + 4]
    own = {t for p in anchor for t in range(p.tok_first, p.tok_last + 1)}
    gap = [i for i in range(road.last + 1, link) if i not in own]
    fillers = ("road_link_fillers", "road_position_words", "feature_words")
    gap_ok = len(gap) <= _LINK_GAP or all(any(_is(ann, i, f) for f in fillers) for i in gap)
    named = [p for p in places if p.tok_last < road.first and p.place.feature_type not in _WIDE]
    if pair := _pair_named_before(ann, road, link):
        return pair, gap_ok  # "the road between the two towns", "الطريق بين المدينتين"
    if after and named and _is(ann, link + 1, "road_between_pronouns"):
        return [named[-1], after[0]], gap_ok  # "مروراً بصرين، التي ... الطريق الواصل بينها وبين المدينة"
    first = _place_after(places, link, ann)
    if first is not None and (run := _run_on(ann, places, first)):
        return run, gap_ok  # "the highway that links Haditha through Baghdadi and Hit to Ramadi"
    ends = [p for k, p in enumerate(after) if not k or not _lies_in(ann, after[k - 1], p)][:2]
    if len(ends) == 2 and _past_compass(ann, ends[1].tok_last + 1) > ends[1].tok_last + 1:
        third = _and_after(ann, places, ends[1])  # "بين السماوة والناصرية جنوباً والديوانية شمالاً"
        ends = _middle_out([*ends, third]) if third is not None else ends
    return ends, gap_ok


def _lies_in(ann: Annotated, a: PlaceTok, b: PlaceTok) -> bool:
    """Place b tells where place a lies ("from Shaddadi in Hasakah province", "Tabqa, Syria"), no end of its own."""
    if b.place.feature_type not in _UNITS or a.place.feature_type in _UNITS or b.tok_first - a.tok_last > 2:
        return False
    return all(_is(ann, i, "position_words") for i in range(a.tok_last + 1, b.tok_first)) and (
        b.tok_first > a.tok_last + 1 or ann.comma_before(b.tok_first)
    )


def _pair_named_before(ann: Annotated, road: Road, link: int) -> list[PlaceTok]:
    """After the link word, "the two towns" / "both cities" / "المدينتين": the last two towns named before
    the road, in the order they were named; none when fewer stand within reach."""
    if not any(
        _is(ann, i, "road_pair_duals") or (_is(ann, i, "road_pair_nouns") and _is(ann, i - 1, "road_pair_counts"))
        for i in range(link + 1, link + 4)
    ):
        return []
    pair: list[PlaceTok] = []
    for p in reversed(ann.places):
        if p.tok_last >= road.first or not ann.town_like(p, TOWNS):
            continue
        if road.first - p.tok_last > _PAIR_REACH or len(pair) == 2:
            break
        if all(q.place.gazetteer_id != p.place.gazetteer_id for q in pair):
            pair.insert(0, p)
    return pair if len(pair) == 2 else []


def _place_after(places: list[PlaceTok], tok: int, ann: Annotated) -> PlaceTok | None:
    """The place that starts right after token `tok`, feature words ('the town of') skipped."""
    i = tok + 1
    while i <= tok + 3 and not any(p.tok_first == i for p in places) and _is(ann, i, "feature_words"):
        i += 1
    return next((p for p in places if p.tok_first == i), None)


def _from_to(ann: Annotated, road: Road, places: list[PlaceTok]) -> list[PlaceTok]:
    """'the road from Aleppo to Idlib', 'الطريق من حلب إلى إدلب', 'the highway that runs from Homs to Hama'."""
    for i in range(road.last + 1, road.last + 4):
        if not _is(ann, i, "road_from_words"):
            continue
        gap = range(road.last + 1, i)
        if len(gap) > 1 and not all(_is(ann, k, "road_link_fillers") or _is(ann, k, "road_through_words") for k in gap):
            return []  # only "that runs" may stand further off: "the highway that runs from Homs"
        start = _place_after(places, i, ann)
        return [] if start is None else _run_on(ann, places, start)
    return []


def _run_on(ann: Annotated, places: list[PlaceTok], start: PlaceTok) -> list[PlaceTok]:
    """From `start` over the places a road passes to where it goes: "from Aleppo through Hreitan and Tal
    Rifaat to Azaz" (Aleppo, Hreitan, Tal Rifaat, Azaz), "past Sinjar to Tal Afar and Mosul" (on to Mosul
    too); [] without "to"."""
    k, passed = _past_aside(ann, start.tok_last + 1), list[PlaceTok]()
    while (on := _passed_next(ann, places, k, passed)) is not None:
        passed.append(on)
        k = _past_aside(ann, on.tok_last + 1)
    end = _place_after(places, k, ann) if _is(ann, k, "road_to_words") else None
    if end is None:
        return []
    ends = [start, *passed, end]
    while (on := _and_after(ann, places, ends[-1])) is not None:
        ends.append(on)
    return _middle_out(ends) if not passed else ends


def _passed_next(ann: Annotated, places: list[PlaceTok], k: int, passed: list[PlaceTok]) -> PlaceTok | None:
    """The next place a road's way passes at token k: after "through" / "مرورا", or joined to the one
    passed before it ("مرورا بالبغدادي وهيت")."""
    if _is(ann, k, "road_chain_words"):
        return _place_after(places, k, ann)
    return _and_after(ann, places, passed[-1]) if passed else None


def _past_aside(ann: Annotated, k: int) -> int:
    """Token k, or the first after an aside between commas that opens there and goes on with the road's
    way ("from Raqqa, the group's capital in Syria, past Sinjar")."""
    n = len(ann.nt.tokens)
    if k <= 0 or k >= n or not ann.comma_before(k):
        return k
    for j in range(k + 1, min(n, k + _ASIDE_REACH)):
        if ann.comma_before(j):
            return j if _is(ann, j, "road_chain_words") or _is(ann, j, "road_to_words") else k
    return k


def _and_after(ann: Annotated, places: list[PlaceTok], p: PlaceTok) -> PlaceTok | None:
    """The place joined to `p` by "and" / "و" right after it ("to Tal Afar and Mosul", "إلى تلعفر والموصل"), or
    after the side it lies on ("to Nasiriyah in the south and Diwaniyah", "بالناصرية جنوباً والديوانية")."""
    k = _past_compass(ann, p.tok_last + 1)
    if _is(ann, k, "road_and_words"):
        return _place_after(places, k, ann)
    q = next((q for q in places if q.tok_first == k), None)
    joined = q is not None and ann.doc.text[ann.nt.orig_starts[k] : q.place.start] in cues()["road_and_words"]
    return q if joined else None


def _past_compass(ann: Annotated, k: int) -> int:
    """Token k, or the first after a side told there ("in the south", "جنوباً", "في الشمال")."""
    j = k
    while j < k + _COMPASS_REACH and (_is(ann, j, "road_compass_words") or _is(ann, j, "road_compass_fillers")):
        j += 1
    sides = [i for i in range(k, j) if _is(ann, i, "road_compass_words")]
    return j if sides and not ann.comma_before(j) else k


def _middle_out(ends: list[PlaceTok]) -> list[PlaceTok]:
    """'linking Samawah to Nasiriyah in the south and Diwaniyah in the north': a road from one town to two
    others on either side of it runs from the one to the other through it."""
    if len(ends) != 3:
        return ends
    a, b, c = (p.place for p in ends)
    if km(b.lat, b.lon, c.lat, c.lon) > max(km(a.lat, a.lon, b.lat, b.lon), km(a.lat, a.lon, c.lat, c.lon)):
        return [ends[1], ends[0], ends[2]]
    return ends


def _hyphen_pair(ann: Annotated, road: Road, places: list[PlaceTok]) -> list[PlaceTok]:
    text = ann.doc.text
    for i, p in enumerate(places[:-1]):
        q = places[i + 1]
        gap = text[p.place.end : q.place.start]
        # "طريق حلب - دمشق", and in Arabic the two names side by side: "طريق دمشق حلب الدولي"
        near_after = 0 < p.tok_first - road.last <= 2
        side_by_side = gap.isspace() and q.tok_first == p.tok_last + 1 and is_arabic(p.place.surface) and near_after
        joined = gap.strip() in {"-", "–", "—", "/"} or side_by_side
        near_before = 0 < road.first - q.tok_last <= 1
        if joined and (near_after or near_before):
            return [p, q]
    return []


def _anchor(ann: Annotated, road: Road, places: list[PlaceTok]) -> list[PlaceTok]:
    """A town right before or after the road word ('the Sinjar road', 'طريق سنجار'), or after
    a position word ('the road east of Tabqa', 'الطريق شرق الطبقة')."""
    for p in places:
        if p.place.feature_type in _WIDE:
            continue
        if p.tok_first == road.last + 1 or p.tok_last == road.first - 1:
            return [p]
        if p.tok_first > road.last + 1 and ann.cue_before(p, "road_position_words", reach=3) == road.last + 1:
            return [p]
    return []


def along(ann: Annotated, road: Road, places: list[PlaceTok], ends: list[PlaceTok]) -> list[PlaceTok]:
    """Places the sentence puts on the road: after it ('around Saraqib', 'as far north as
    Qayyarah') or before it ('Khan Tuman, on the M5', 'X الواقعة على الطريق')."""
    own = {p.place.gazetteer_id for p in ends}
    extra = []
    for p in places:
        if p.place.gazetteer_id in own or p.place.feature_type in _NOT_ON_A_ROAD:
            continue
        after = p.tok_first > road.last and p.tok_first - road.last <= _ALONG_REACH
        on_after = after and ann.cue_before(p, "road_via_words", reach=4) is not None
        if on_after or (p.tok_last < road.first and _lies_on(ann, p.tok_last, road.first)):
            extra.append(p)
    return extra


def _lies_on(ann: Annotated, after_place: int, road_first: int) -> bool:
    """Only words of lying on a road stand between a place and the road ('Saraqib, on the')."""
    gap = range(after_place + 1, road_first)
    if not gap or len(gap) > _ON_REACH or not any(_is(ann, i, "road_on_words") for i in gap):
        return False
    fillers = ("road_on_words", "road_link_fillers", "feature_words")
    return all(any(_is(ann, i, f) for f in fillers) for i in gap)


def where_place(ann: Annotated, road: Road, places: list[PlaceTok], first: int) -> list[PlaceTok]:
    """'in the city of Aleppo, where troops sealed the main route': the place the clause
    of the road happens in."""
    for i in range(road.first - 1, first - 1, -1):
        if _is(ann, i, "road_where_words"):
            before = [p for p in places if p.tok_last < i and p.place.feature_type not in _WIDE]
            return before[-1:] if before and i - before[-1].tok_last <= 2 else []
        if any(p.tok_last == i for p in places):
            return []
    return []


def direction(ann: Annotated, road: Road, via: list[PlaceTok]) -> str:
    """A direction adjective after the road's places ('طريق البعاج الجنوبي'), before
    the road word ('the southern road') or before an anchor that precedes it
    ('the southern Baaj road')."""
    adj = direction_adjectives()
    spots = [via[-1].tok_last + 1 if via else road.last + 1, road.first - 1]
    if via and via[0].tok_last < road.first:
        spots.append(via[0].tok_first - 1)
    for i in spots:
        d = adj.get(ann.word(i))
        if d:
            return d
    return ""


def ordered(via: list[PlaceTok], extra: list[PlaceTok]) -> list[PlaceTok]:
    """Endpoints first and last, places along the road between them by distance."""
    if not extra:
        return via
    if len(via) < 2:
        return via + [p for p in extra if p.place.gazetteer_id not in {q.place.gazetteer_id for q in via}]
    a = via[0].place
    ends = {p.place.gazetteer_id for p in via}
    mid = sorted(
        (p for p in extra if p.place.gazetteer_id not in ends), key=lambda p: km(a.lat, a.lon, p.place.lat, p.place.lon)
    )
    return [via[0], *dict.fromkeys(mid), *via[1:]]
