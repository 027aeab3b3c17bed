"""Where an event happened: the place a locative word ties to its trigger.

In the trigger's clause first, then its sentence; after the trigger first, then
before it. Not a place where something was said ("told reporters in Baghdad"),
nor a place that names an actor ("a deal brokered by Moscow"); a country only
when nothing nearer is named: a strike or bombing "in Syria" is then at the
town the article is about, violence named by a vague word ("killed in Syria")
is no event on a map.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from extract.annotated import WIDE, Annotated, PlaceTok
from extract.event_place_roles import (
    geo_precision,
    possessed,
    whose_people,
    without_hometowns,
    without_neighbours,
    without_sympathy,
)
from extract.event_protest import CROWD_TYPES
from extract.event_seats import based_at, spoken_at
from extract.lexicons import TriggerDef, cue_union, cues, event_cues
from extract.numbers import number_at
from extract.road_events import near_on_the_road, road_ends
from extract.scenes import contrast_side, gathering_scene, paragraph_scene
from extract.types import VIOLENT_TYPES, Span
from extract.wordforms import proclitic, word_forms
from geodata.geometry import km
from geodata.names import is_arabic


def _located(ann: Annotated, p: PlaceTok) -> bool:
    """A locative word ties the place to what happens ("in central Ramadi", "قرب", "بالرقة"), or a
    verb of harm whose object it is, after an article ("shell the northern countryside of Homs"); not
    a place a journey passed through ("قافلة ... مروراً ببلدة تل تمر")."""
    if p.place.start > 0 and ann.doc.text[p.place.start - 1] in event_cues()["locative_proclitics"]:
        return not _passed(ann, p.tok_first - 1)
    skip = cues()["feature_words"]
    for i in range(p.tok_first - 1, max(-1, p.tok_first - 4), -1):
        forms = word_forms(ann.word(i))
        if forms & event_cues()["locatives"]:
            return not _passed(ann, i - 1)
        if ann.cue_before(p, "near", reach=3) is not None:
            return True
        if (
            forms & event_cues()["object_verbs"]
            and i + 1 < p.tok_first  # the article before the name, not a nominal's own ("targeted the town")
            and ann.word(i + 1) in event_cues()["place_articles"]
            and p.place.feature_type != "country"  # "to attack the United States": a foe, not a place
        ):
            return True
        if not forms & skip:
            return False
    return False


def _passed(ann: Annotated, i: int) -> bool:
    """Token i is a word of passing through ("مروراً", "via"): what follows is a journey's stop."""
    return i >= 0 and bool(word_forms(ann.word(i)) & cues()["via_words"])


def _names_actor(ann: Annotated, p: PlaceTok) -> bool:
    """'a deal brokered by Moscow', 'the Damascus government': the place is an actor's name here
    (unless a locative ties it: "talks in Ankara")."""
    near = ann.actors_in(max(0, p.tok_first - 3), p.tok_last + 3)
    return any(a.tok_first <= p.tok_last and a.tok_last >= p.tok_first for a in near) and not _located(ann, p)


def _may_be_the_place(ann: Annotated, p: PlaceTok) -> bool:
    """Neither where something was said nor an actor's name; asked once per place of the text."""
    seen = ann.memo("event place")
    key = (p.tok_first, p.tok_last, p.place.gazetteer_id)
    if key not in seen:
        seen[key] = not spoken_at(ann, p) and not _names_actor(ann, p) and not based_at(ann, p)
    return bool(seen[key])


def _reference(ann: Annotated, p: PlaceTok, places: list[PlaceTok]) -> bool:
    """'Marea countryside north of Aleppo', 'قرية X شمال حلب', 'X, 20 km south of Mosul': p only tells
    where another place named just before it lies."""
    cue = event_cues()
    i = p.tok_first - 1
    if ann.word(i) == "the":
        i -= 1
    if ann.word(i) == "of":
        i -= 1
    if i < 0 or not word_forms(ann.word(i)) & cue["reference_directions"]:
        return False
    ends = {q.tok_last: q for q in places if q is not p and q.place.feature_type not in ("country", "governorate")}
    for j in range(i - 1, max(-1, i - 5), -1):
        if j in ends:
            return True
        w = ann.word(j)
        if not (w.isdigit() or word_forms(w) & (cue["reference_fillers"] | cue["reference_directions"])):
            return False
    return False


_CONTAINER_KM = 40.0


def _container(ann: Annotated, p: PlaceTok, places: list[PlaceTok]) -> bool:
    """'Mezzeh in Damascus', 'حي المزة بدمشق', 'Khatab in the northwestern Hama countryside': p holds
    the place named right before it (a nearby one), which is the more precise place of the event."""
    text = ann.doc.text
    glued = p.place.start > 0 and text[p.place.start - 1] in event_cues()["locative_proclitics"]
    word = p.tok_first - 1 - (ann.word(p.tok_first - 1) in event_cues()["place_articles"])
    before = p.tok_first - 1 if glued else word - 1
    if not glued and not word_forms(ann.word(word)) & cues()["inside_words"]:
        return False
    return any(
        q.tok_last == before
        and q.place.feature_type not in WIDE
        and q.place.gazetteer_id != p.place.gazetteer_id
        and km(q.place.lat, q.place.lon, p.place.lat, p.place.lon) <= _CONTAINER_KM
        for q in places
    )


@cache
def _between_verb_and_object() -> frozenset[str]:
    """The words that may stand between a verb of harm and the place it takes: feature words, articles."""
    return frozenset(cues()["feature_words"] | event_cues()["place_articles"])


def _object_of(ann: Annotated, t: int, p: PlaceTok) -> bool:
    """Place p is the object of trigger token t, right after an English one ("shell Raqqa"), or of the verb
    of harm after the trigger's word or two, over an article or a feature word ("shells target Damascus",
    "air strikes targeted the Jisr al-Shughur city", "غارات جوية تستهدف مدينة إدلب"): not the object of
    another deed's verb later in the sentence."""
    if p.tok_first == t + 1:
        return not is_arabic(ann.word(t))  # "هجمات باريس": a deed of that place told before
    skip = _between_verb_and_object()
    return any(
        v < p.tok_first
        and word_forms(ann.word(v)) & event_cues()["object_verbs"]
        and p.tok_first - v <= 3
        and all(word_forms(ann.word(i)) & skip for i in range(v + 1, p.tok_first))
        for v in (t + 1, t + 2)
    )


def _location(ann: Annotated, places: list[PlaceTok], t: int) -> PlaceTok | None:
    places = [p for p in places if _may_be_the_place(ann, p)]
    places = [p for p in places if not _reference(ann, p, places) and not _container(ann, p, places)]
    after = [p for p in places if p.tok_first > t]
    before = [p for p in places if p.tok_last < t]
    tied_after = [p for p in after if _located(ann, p)]
    tied_before = [p for p in reversed(before) if _located(ann, p)]
    direct = [p for p in after if _object_of(ann, t, p) and p.place.feature_type not in WIDE - {"region"}]
    if direct:
        # the deed's object ("shell Shaer field area and clashes renewed in ... Quneitra", "warplanes target
        # Aleppo's countryside": a region too, not a country or a province)
        return direct[0]
    for tied in (tied_after, tied_before):
        local = [p for p in tied if p.place.feature_type not in WIDE]
        if local:
            return local[0]
    unit = next(iter(tied_after or tied_before), None)
    if unit is not None and unit.place.feature_type == "governorate":
        # "west of Anbar ... entered the city centre": a town of the province, not the province
        cc = unit.place.country_code
        inside = [p for p in places if p.place.feature_type not in WIDE and p.place.country_code == cc]
        if inside:
            return min(inside, key=lambda p: abs(p.tok_first - t))
    for tied in (tied_after, tied_before):
        if tied:
            return tied[0]
    direct = [p for p in after if p.tok_first == t + 1]  # "قصف الرقة", "shelling Raqqa" (a wide one)
    if direct:
        return direct[0]
    local = sorted((p for p in places if p.place.feature_type != "country"), key=lambda p: abs(p.tok_first - t))
    if local:
        return local[0]
    # "اتفاق بين الولايات المتحدة وتركيا": a country, at precision 3 — but not the backer
    # of an actor ("التحالف بقيادة الولايات المتحدة")
    backer = event_cues()["support_markers"]
    free = [p for p in after if not any(word_forms(ann.word(i)) & backer for i in range(p.tok_first - 2, p.tok_first))]
    return free[0] if free else None


def event_location(
    ann: Annotated, places: list[PlaceTok], clause: tuple[int, int], t: int, *, sent: Span, trig: TriggerDef
) -> tuple[PlaceTok | None, int]:
    """Where the event of trigger token t happened (in its clause first, then its sentence) and the
    geo precision; a specific trigger with no place is at the article's focus town."""
    places = without_neighbours(ann, without_hometowns(ann, without_sympathy(ann, places)))
    rest = [p for p in places if not whose_people(ann, p)]
    if len(rest) < len(places) and any(p.place.feature_type not in WIDE | {"countryside"} for p in rest):
        places = rest  # not "14 residents of Khatab in the Hama countryside were killed": there, with no town named
    fled = _fled_from(ann, places, t)
    if fled is not None:
        return fled, geo_precision(ann, fled)
    a, b = clause
    loc = _location(ann, _same_side(ann, [p for p in places if a <= p.tok_first <= b], t, sent), t)
    own_region = loc is not None and loc.place.feature_type == "region" and _located(ann, loc)
    if (loc is None or loc.place.feature_type in WIDE) and not own_region:
        # "the capital of Anbar province": the town wins; not over a region tied to the trigger in its
        # own clause ("..., the regime forces carry out an advancement at Jabal al-Akrad")
        wider = _location(ann, _same_side(ann, places, t, sent), t)
        loc = wider if wider is not None and (loc is None or wider.place.feature_type not in WIDE) else loc
    if loc is not None and trig.event_type in VIOLENT_TYPES and _journey_stop(ann, loc) and not _located(ann, loc):
        # "وفي ريف رأس العين، استهدفت غارة قافلة انطلقت من القامشلي": not where the convoy came from
        fixed = [p for p in places if _located(ann, p) and not _journey_stop(ann, p)]
        on = _location(ann, fixed, t) or _way_on(ann, loc, [p for p in places if a <= p.tok_first <= b])
        # "warplanes flying from the Shayrat air base bombed the field": what they struck in the clause
        struck = [
            p for p in places if a <= p.tok_first <= b and p.tok_first > loc.tok_last and not _journey_stop(ann, p)
        ]
        loc = on or _location(ann, struck, t) or loc
    if loc is not None and loc.place.feature_type in WIDE | {"countryside"}:
        loc = _focused_on(ann, places, t) or loc  # "غارات على ريف إدلب الجنوبي، وتركزت على خان شيخون"
    if loc is not None:
        loc = possessed(ann, loc, places) or loc  # "Syria's Quneitra province", "Duhok's Sheladize"
    if loc is not None and loc.place.feature_type == "country":
        loc = _instead_of_country(ann, loc, trig)
    if loc is not None and loc.place.feature_type == "river":
        loc = _by_the_river(ann, loc, t)
    if loc is not None:
        loc = near_on_the_road(ann, loc, [p for p in places if a <= p.tok_first <= b], sent) or loc
    if loc is not None and trig.event_type in VIOLENT_TYPES and _went_to(ann, loc, places):
        loc = _displaced_from(ann, places, sent) or loc  # "displaced from Afrin to Tal Rifaat since the offensive"
    if loc is not None and trig.sub_event_type == "Non-violent transfer of territory" and _went_to(ann, loc):
        left = ann.event_focus()  # "the group's fighters withdrew toward Hawija": they left the town of the story
        loc = left if left is not None and left.place.gazetteer_id != loc.place.gazetteer_id else loc
    precision = geo_precision(ann, loc) if loc else 2
    if loc is None and trig.sub_event_type != "*":
        loc = paragraph_scene(ann, sent)  # "In Baghdad, meanwhile, ... Security forces fired tear gas"
    if (
        loc is None
        and (trig.specific or _counted_arrest(ann, trig, t))
        and not any(d.precision == "range" for d in ann.dates_in(sent))
    ):
        loc = ann.event_focus()  # "a suicide car bomber attacked troops near the Hoz district"
    if loc is None:
        loc = gathering_scene(ann, sent, trig)  # "A bomb exploded in Baquba. Residents protested on Saturday."
    if loc is None and trig.takes_ground and ann.word(t + 1) in event_cues()["taken_pronouns"]:
        loc = ann.main_city(t)  # "Government troops retook it on March 2": the town named before
    return loc, precision


def _counted_arrest(ann: Annotated, trig: TriggerDef, t: int) -> bool:
    """Arrests told with how many were taken ("detained around 30 people", "اعتقلت خمسة مشتبه بهم"): an incident
    of the story, at its town when the sentence names no place (not "fearing arrest", "died in detention")."""
    return trig.sub_event_type == "Arrests" and any(number_at(ann.nt, i) for i in range(t - 4, t + 5) if i != t)


_FOCUS_REACH = 3  # words from a word of focusing to the town it names ("تركزت على مدينة خان شيخون")


def _focused_on(ann: Annotated, places: list[PlaceTok], t: int) -> PlaceTok | None:
    """The first town named right after a word of focusing after the trigger ("focused on", "تركزت على"):
    a deed told over a region and then narrowed to its towns happened there."""
    for p in places:
        if p.tok_first <= t or p.place.feature_type in WIDE | {"countryside"}:
            continue
        lo = max(t + 1, p.tok_first - _FOCUS_REACH)
        if ann.words_in(lo, p.tok_first - 1, "focus_words", event_cues()["focus_words"], endings=True):
            return p
    return None


def _role_word(ann: Annotated, p: PlaceTok) -> frozenset[str]:
    """The forms of the word before the place, over feature words, articles and the words of a stop ("from
    the town of X", "to nearby Tal Rifaat")."""
    skip = cue_union("feature_words", "stop_fillers") | event_cues()["agent_articles"]
    k = p.tok_first - 1
    while k > p.tok_first - 4 and k >= 0 and word_forms(ann.word(k)) & skip:
        k -= 1
    return word_forms(ann.word(k)) if k >= 0 else frozenset()


_JOURNEY_REACH = 6  # words from a word of moving to the place it left or passed


def _same_side(ann: Annotated, places: list[PlaceTok], t: int, sent: Span) -> list[PlaceTok]:
    """The sentence's places on the trigger's side of a contrast ("في حين", "بينما", "while"): "شنت طائرات
    روسية غارات على حي X، في حين أُلقيت براميل متفجرة على حي الشعار" puts no Russian strike in al-Shaar."""
    lo, hi = contrast_side(ann, sent, t)
    if (lo, hi) == ann.tok_range(sent):
        return places
    return [p for p in places if lo <= p.tok_first <= hi]


def _journey_stop(ann: Annotated, p: PlaceTok) -> bool:
    """A journey's start or stop: a word of leaving or passing before the place, after a word of moving
    ("قافلة انطلقت صباحاً من القامشلي مروراً ببلدة تل تمر"; not "the area from Tal Rifaat to al-Ziyara")."""
    if not _role_word(ann, p) & cue_union("from_words", "via_words"):
        return False
    lo = max(0, p.tok_first - _JOURNEY_REACH)
    return bool(
        ann.words_in(lo, p.tok_first - 1, "movement_triggers", cues()["movement_triggers"], article=True, endings=True)
        or ann.words_in(lo, p.tok_first - 1, "launch_words", event_cues()["launch_words"], endings=True)
    )


def _way_on(ann: Annotated, start: PlaceTok, places: list[PlaceTok]) -> PlaceTok | None:
    """Where a journey that began at `start` went on to in its clause, the place it went to before a place
    it passed: "advanced from Homs past the Arak gas field", "تقدمت من محور تدمر مروراً بحقل آراك" fought
    on the way, not where they set out."""
    later = [p for p in places if p.tok_first > start.tok_last and p.place.feature_type not in WIDE]
    went = [p for p in later if _role_word(ann, p) & cues()["to_words"]]
    passed = [p for p in later if _role_word(ann, p) & cues()["via_words"]]
    return next(iter(went or passed[-1:]), None)


def _went_to(ann: Annotated, p: PlaceTok, places: Sequence[PlaceTok] = ()) -> bool:
    """A word of going to ("toward", "إلى", "باتجاه") stands before the place, or before the first of a
    list of `places` it ends ("fled Ras al-Ain for Tal Tamr and Hasakah")."""
    if _role_word(ann, p) & cues()["to_words"]:
        return True
    prev = next((q for q in reversed(places) if q.tok_last < p.tok_first), None)
    return prev is not None and _joined(ann, prev, p) and _went_to(ann, prev, places)


def _displaced_from(ann: Annotated, places: list[PlaceTok], sent: Span) -> PlaceTok | None:
    """In a sentence of people displaced ("displaced", "نزح"), the place they left: a deed of violence told
    there happened where they fled from, not where they went."""
    first, last = ann.tok_range(sent)
    if not ann.words_in(first, last, "displacement_words", event_cues()["displacement_words"]):
        return None
    return _last_left(ann, places, last + 1)


def _fled_from(ann: Annotated, places: list[PlaceTok], t: int) -> PlaceTok | None:
    """'Civilians fled Baghuz toward Hasakah, escaping the fighting', 'هرباً من المعارك': the deed people
    flee happened where they fled from, the last place left before it in the sentence."""
    if not any(word_forms(ann.word(i)) & event_cues()["flight_before"] for i in range(max(0, t - 2), t)):
        return None
    return _last_left(ann, places, t)


def _last_left(ann: Annotated, places: list[PlaceTok], before: int) -> PlaceTok | None:
    """The last place a word of leaving stands before ("from X", "fled X"), ending before token `before`."""
    leave = cues()["from_words"]
    return next((p for p in reversed(places) if p.tok_last < before and _role_word(ann, p) & leave), None)


def _joined(ann: Annotated, a: PlaceTok, b: PlaceTok) -> bool:
    """Place b follows place a in a list: only joiners, articles and feature words between them
    ("Hama and Raqqa", "حماة وحلب", "Harasta, Arbin and the town of Douma")."""
    if b.tok_first <= a.tok_last:
        return False
    text = ann.doc.text
    between = [ann.word(i) for i in range(a.tok_last + 1, b.tok_first)]
    gap = text[a.place.end : b.place.start]
    joined = any(c in gap for c in ",،") or (b.place.start > 0 and text[b.place.start - 1] == "و")
    filler, joiners = cues()["feature_words"] | event_cues()["list_words"], event_cues()["list_joiners"]
    for w in between:
        if w in joiners or (proclitic(w) in joiners and word_forms(w) & filler):
            joined = True  # "and", or "و" written onto a feature word ("معرة النعمان وقرية حيش")
        elif not word_forms(w) & filler:
            return False
    return joined


def coordinated(ann: Annotated, loc: PlaceTok, places: list[PlaceTok], sent: Span) -> list[PlaceTok]:
    """The other places named in one list with the event's place ("targets Hama and Raqqa"):
    each is a place of the event too. Countries are never in such a list, nor the other end of
    the road the deed was on ("on the highway between Baiji and Tikrit": one deed, on the road)."""
    run = [p for p in places if p.place.feature_type != "country"]
    if loc not in run:
        return []
    i = j = run.index(loc)
    while i > 0 and _joined(ann, run[i - 1], run[i]):
        i -= 1
    while j + 1 < len(run) and _joined(ann, run[j], run[j + 1]):
        j += 1
    others = [p for p in run[i : j + 1] if p.place.gazetteer_id != loc.place.gazetteer_id]
    ends = road_ends(ann, sent) if others else set()
    return [p for p in others if not (loc.tok_first in ends and p.tok_first in ends)]


def _by_the_river(ann: Annotated, river: PlaceTok, t: int) -> PlaceTok:
    """'After they advanced in Al-Susah ... clashes continue in areas east of the Euphrates': a fight
    by a river is at the town the text is about there (named before it, in the river's country),
    not at the river's middle."""
    town = ann.main_city(t)
    cc = river.place.country_code
    if town is None or town.tok_first > t or (cc and town.place.country_code != cc):
        return river
    return town


def _instead_of_country(ann: Annotated, country: PlaceTok, trig: TriggerDef) -> PlaceTok | None:
    """A strike or bombing "in Syria" is at the town the article is about, when it is in that
    country; violence named by a vague word ("killed in Syria") and protests across a country ("the war
    began in 2011 with protests in Syria") are no event on a map; an agreement between countries stays at
    its country."""
    if trig.specific:
        focus = ann.focus_place()
        return focus if focus is not None and focus.place.country_code == country.place.country_code else country
    if trig.event_type in VIOLENT_TYPES or trig.event_type in CROWD_TYPES:
        return None
    return country
