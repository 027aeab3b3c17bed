"""Movements: ordered journeys ("هاربة من مدينة الرقة باتجاه الحسكة ومن ثم إلى
منطقة البعاج", "fled Raqqa for Hasakah", "arrived in Mosul").

A sentence with a movement word (`journeys.json`) is cut into clauses, each
with its stops and movers (`extract.journey_frames`); the places of a clause
take their roles from the words before them (`extract.journey_stops`). A
journey runs from its origin through the places passed to its destination,
then to where the movers arrived:

* Destination before origin ("وصلت التعزيزات إلى الرقة قادمة من عين عيسى")
  is put in travel order: Ain Issa -> Raqqa. Of two origins in one clause
  ("3000 leaving Foua and 300 leaving Zabadani") the first is kept.
* The origin left implicit is, in this order: a place before the movement word
  the movers were in or came from ("في الرقة موجة نزوح ...", "fighters from
  Madaya were bused to Idlib"); the journey of the sentence before (below);
  the origin of the clause before; for words of leaving ("withdrew north
  toward Shura", "غادروا ... نحو"), the town the text is about at that point
  (`Annotated.the_city`: the town named last, unless another paragraph named
  it and the article has towns of its own, in its headline, first sentence or
  dateline), when it was named in this sentence or the two before or is one
  of the article's own, and only toward a town (a guessed origin for a
  precise destination). A province passed with no origin before it is no
  origin ("drove through territory in Homs province, passed Palmyra").
  Direction words (north, شمالاً) are cues, never places.
* Two destinations ("باتجاه حماة وحلب", "to Dohuk and Zakho") make one journey
  each, sharing the way there: a map line per destination, no branching
  feature; "and to" / "وإلى" adds a destination, not a stop on the way.
  Origins told together ("from Hasakeh and Raqqa", "left Foua and Kefraya")
  make one journey each, towns only; of stops on the way the first is kept. A country is a waypoint only as origin or
  destination: its centre is not on anybody's way.
* Across sentences: a clause that gives no origin continues the journey of
  the sentence just before it in the same paragraph when it opens with
  "then" / "from there" / "ثم", or when that journey has no destination and
  the clause names no other movers ("Thousands fled Hawija on Monday. Many
  have since settled in Kirkuk."; a definite "the convoy" names the same
  movers); the evidence then spans both sentences and the longer journey
  replaces the shorter. Leaving with no place at all ("Civilians had begun
  leaving.") left the town the text is about, a guess the next sentence's own
  origin overrides ("Many drove west to Latakia": from that town). No origin carried over or guessed is
  where the journey ends ("fled their homes in Raqqa. Trucks streamed through Tabqa, heading for Raqqa":
  from Tabqa).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace

from extract.admin_words import words as admin_words
from extract.annotated import Annotated, PlaceTok
from extract.journey_frames import ENDS, Frame, frame_of, segments
from extract.journey_legs import also_to, legs, onward, sources
from extract.journey_stops import COARSE, TOWN_LIKE, Marks, Stop, marks_of, role_cue
from extract.lexicons import cues, phrase_lexicon
from extract.movement_words import moves
from extract.types import DateRef, Movement, Place, Span
from extract.wordforms import word_forms
from geodata.names import is_arabic

_ORDER = {"from": 0, "via": 1, "to": 2, "arrive": 3}
_NEAR_SENTENCES = 2  # a town the text is about was named in this sentence or these many before


@dataclass(frozen=True)
class _Told:
    """The journey a sentence told, as the next sentence may continue it."""

    way: tuple[Place, ...]  # origin and the way on, in travel order
    ends: tuple[Place, ...]  # its destinations (alternatives)
    made: int  # movements it added
    start: int  # where its evidence starts
    frame: Frame
    guessed: bool = False  # its way is only the town left, which the text did not name there


def _ordered(stops: tuple[Stop, ...]) -> tuple[list[Place], list[Place]]:
    """The way (origin, places passed, stops on the way) and the destinations, in travel order."""
    groups: list[list[Stop]] = []
    for s in stops:
        if s.alt and groups:
            groups[-1].append(s)
        else:
            groups.append([s])
    groups.sort(key=lambda g: _ORDER[g[0].role])  # stable: text order within a role
    groups = [g for k, g in enumerate(groups) if g[0].role != "from" or k == 0]  # the first origin
    ends = [s.at.place for s in groups.pop()] if groups and groups[-1][0].role in ENDS else []
    way = [
        s.at.place
        for k, g in enumerate(groups)
        for s in (g if g[0].role == "via" else g[:1])
        if s.at.place.feature_type != "country" or (k == 0 and g[0].role == "from")
    ]
    return way, ends


def _clean(places: list[Place]) -> list[Place]:
    """No standing still between two stops."""
    out: list[Place] = []
    for p in places:
        if not out or out[-1].gazetteer_id != p.gazetteer_id:
            out.append(p)
    return out


def _origin_before(ann: Annotated, frame: Frame, marks: Marks) -> Place | None:
    """'... في الرقة موجة هروب ... باتجاه الموصل', 'fighters from Madaya were bused to ...': where the movers were;
    'عوائل زمار نزحت إلى دهوك', 'families of Zummar fled to Duhok': where the people are from."""
    before = [p for p in ann.places_in(frame.first, frame.t0 - 1) if p.place.feature_type != "country"]
    for p in reversed(before):
        if ann.seat_of_speaker(p):
            continue  # "a coalition spokesman in Baghdad said some militants pulled out": not where they were
        found = role_cue(ann, p.tok_first, marks)
        if (found and found[0] == "from") or ann.word(p.tok_first - 1) in cues()["origin_words"]:
            return p.place
        k = p.tok_first - 2 if ann.word(p.tok_first - 1) in cues()["people_links"] else p.tok_first - 1
        if word_forms(ann.word(k)) & cues()["people_of"]:
            return p.place
    return None


def _opens_with_continuation(ann: Annotated, sent: Span, t0: int) -> bool:
    """The sentence opens with "then" / "from there" / "ثم" (within its first words, before the movement word)."""
    first = ann.tok_range(sent)[0]
    found = ann.matches(phrase_lexicon("continuation_openers"), sent.start, sent.end)
    return any(m.tok_first - first <= 2 and m.tok_last < t0 for m in found)


def _continues(ann: Annotated, frame: Frame, told: _Told) -> bool:
    """The clause goes on with the journey told just before: it opens with "then" / "from there", or that
    journey has no destination yet and the clause names no other movers (a convoy of its own, another actor,
    people after a force)."""
    if not told.way:
        return False
    if _opens_with_continuation(ann, frame.sent, frame.t0):
        return True
    before = told.frame.actor
    other = (frame.noun and not _named_again(ann, frame.t0)) or (
        frame.actor is not None and before is not None and frame.actor.actor_id != before.actor_id
    )
    # "Army reinforcements were sent from Tikrit ... Hundreds of families fled north": people after a force
    other = other or (told.frame.armed and frame.civilian)
    return not told.ends and not other


def _named_again(ann: Annotated, t: int) -> bool:
    """A noun of movers made definite ("**The** convoy drove through …", "**their** convoy", "**القافلة**"):
    the movers told before, not others."""
    word = ann.word(t)
    if is_arabic(word):
        return any(f.startswith("ال") for f in word_forms(word))
    return ann.word(t - 1) in cues()["definite_before"]


def _axes(ann: Annotated, frame: Frame) -> list[Place]:
    """The origins of a clause that splits its advance into axes ("من محورين: الأول من جهة X، والثاني من Y",
    "on two axes, from X and from Y"): each place it sets out from, when a word of axes comes before them."""
    origins = [s for s in frame.stops if s.role == "from" and s.at.place.feature_type not in COARSE]
    if len(origins) < 2:
        return []
    first = min(frame.t0, origins[0].at.tok_first)
    if not ann.words_in(first, origins[0].at.tok_first, "axis_words", cues()["axis_words"]):
        return []
    return list({s.at.place.gazetteer_id or s.at.place.name: s.at.place for s in origins}.values())


def _to_somewhere(ann: Annotated, i: int) -> bool:
    """Token i is a word of going to a destination ("إلى خطوط التماس", "to the front"), not an English
    infinitive's "to" ("arrived from Tabqa to reinforce the points")."""
    word = ann.word(i)
    if word not in cues()["to_words"]:
        return False
    if _lies_toward(ann, i):
        return False  # "from Tal Abyad, some 100 km to the west", "على بعد 100 كيلومتر إلى الغرب": where it lies
    if is_arabic(word):
        return True
    nxt = ann.doc.text[ann.nt.orig_starts[i + 1] : ann.nt.orig_ends[i + 1]] if i + 1 < len(ann.nt.tokens) else ""
    return ann.word(i + 1) in ("the", "a", "an", "their", "its") or nxt[:1].isupper()


def _lies_toward(ann: Annotated, i: int) -> bool:
    """The word of going to at token i, after a distance, names a direction ("100 km to the west", "100 كيلومتر
    إلى الغرب"): where a place lies; not "headed toward the east", where the movers went."""
    compass = cues()["direction_words"] | cues()["compass_nouns"]
    named = word_forms(ann.word(i + 1), article=True) & compass or (
        ann.word(i + 1) == "the" and ann.word(i + 2) in compass
    )
    units = admin_words().toward["units_km"]
    return bool(named) and any(ann.word(k) in units for k in range(max(0, i - 3), i))


def _arrived_at(ann: Annotated, frame: Frame, way: list[Place]) -> Place | None:
    """Where movers who "arrived from X" came: the article's own town (`Annotated.own_towns`) the text is
    about there, else its first, and not a place of their way; none when the clause names a destination
    that is no place we know ("وصلت تعزيزات من جرابلس إلى خطوط التماس")."""
    if any(_to_somewhere(ann, i) for i in range(frame.t0 + 1, ann.tok_of(frame.sent.end - 1) + 1)):
        return None
    own = [
        p
        for p in ann.own_towns()
        if p.tok_last < frame.t0 and p.place.resolved and ann.town_like(p, TOWN_LIKE) and not ann.written_at(p)
    ]  # not the bureau's city of a wire story ("BEIRUT (Reuters) -")
    city = ann.the_city(frame.t0)
    if city is None or all(p.place.gazetteer_id != city.place.gazetteer_id for p in own):
        city = own[0] if own else None
    if city is None or any(p.gazetteer_id == city.place.gazetteer_id for p in way):
        return None
    return city.place


def _nearby(ann: Annotated, frame: Frame, city: PlaceTok) -> bool:
    """The town was named in the last few sentences, or is one of the article's own."""
    k = bisect.bisect_right(ann.sentences, frame.sent.start, key=lambda s: s.start) - 1
    near = ann.sentences[max(0, k - _NEAR_SENTENCES)].start
    return city.place.start >= near or any(p.place.gazetteer_id == city.place.gazetteer_id for p in ann.own_towns())


def _home(ann: Annotated, frame: Frame, onward: list[Place] | None) -> Place | None:
    """For a word of leaving toward a town (or through one), or toward nowhere yet (`onward` None: the next
    sentence may say where): the town the text is about (`Annotated.the_city`), named nearby or the article's
    own."""
    city = ann.the_city(frame.t0)
    if not frame.leaving or city is None or city.tok_last >= frame.t0 or not ann.town_like(city, TOWN_LIKE):
        return None
    if onward is not None and (not onward or any(p.feature_type in COARSE for p in onward)):
        return None
    return city.place if _nearby(ann, frame, city) else None


def _prefix(
    ann: Annotated,
    frame: Frame,
    *,
    way: list[Place],
    ends: list[Place],
    origin: Place | None,
    told: _Told | None,
    marks: Marks,
) -> tuple[list[Place], _Told | None]:
    """Where a journey without an origin of its own started, and the told journey it continues (if any)."""
    before = _origin_before(ann, frame, marks)
    if before:
        return [before], None
    home = _home(ann, frame, ends or way)
    if told and _continues(ann, frame, told) and not (told.guessed and home):
        return [*told.way, *told.ends[:1]], told
    start = origin or home
    return ([start] if start else []), None


def _movement(ann: Annotated, frame: Frame, waypoints: list[Place], start: int, back: Frame) -> Movement:
    """A journey of a clause; what the clause leaves unsaid (who, how many, when) from the clause it continues."""
    t0 = frame.t0
    return Movement(
        waypoints=tuple(waypoints),
        start=start,
        end=frame.sent.end,
        trigger=Span(ann.nt.orig_starts[t0], ann.nt.orig_ends[t0]),
        actor=frame.actor or back.actor,
        count=frame.count if frame.count is not None else back.count,
        unit=frame.unit or back.unit,
        date=frame.date or back.date,
    )


def _tell(
    ann: Annotated,
    frame: Frame,
    *,
    origin: Place | None,
    told: _Told | None,
    marks: Marks,
    default_date: DateRef | None,
) -> tuple[list[Movement], _Told]:
    """The movements of one clause (one per destination) and the journey it told."""
    parted = onward(ann, frame.stops)  # "and two of them were later flown to Baghdad": from the stop before
    way, ends = _ordered(also_to(ann, legs(ann, frame.stops, parted)))
    continued, guessed = None, False
    if _deployed_from_nowhere(ann, frame, marks):
        return [], _Told((), (), 0, frame.sent.start, frame)  # "Kurdish forces deployed around Kirkuk": no journey told
    if not any(s.role == "from" for s in frame.stops) and (way or ends):
        prefix, continued = _prefix(ann, frame, way=way, ends=ends, origin=origin, told=told, marks=marks)
        if not prefix and way and (way[0].feature_type in COARSE or way[0].feature_type == "river"):
            way = way[1:]  # "drove through territory in Homs province, passed Palmyra", "crossed the Tigris toward
            # Qayyarah": a province or a river passed, no origin
        if prefix and ends and all(e.gazetteer_id == prefix[0].gazetteer_id for e in ends):
            # "people had fled their homes in southern Idlib. ... trucks streaming north through Saraqeb, heading
            # for Idlib city": no origin carried over or guessed is where the journey ends
            if continued is not None:
                return _tell(ann, frame, origin=origin, told=None, marks=marks, default_date=default_date)
            prefix = []
        way = prefix + way
    elif not frame.stops and (home := _home(ann, frame, None)) is not None:
        way, guessed = [home], True  # "Hundreds of families escaped. Many walked to Haj Ali": left the town
    axes = _axes(ann, frame)
    if not ends and (frame.arriving or axes) and way and (there := _arrived_at(ann, frame, way)) is not None:
        ends = [there]  # "Other units arrived from Amude": to the town the text is about
    start = continued.start if continued else frame.sent.start
    back = continued.frame if continued else frame
    if back.date is None and default_date is not None:
        back = replace(back, date=default_date)
    journeys = [_clean([parted[e.start], e] if e.start in parted else [*way, e]) for e in ends] or [_clean(way)]
    if ends and len(origins := sources(ann, frame.stops)) > 1 and way and way[0] == origins[0]:
        # "sent reinforcements from Hasakeh and Raqqa to the Deir Ezzor countryside": a journey from each
        journeys = [_clean([o, *way[1:], e]) for o in origins for e in ends]
    if axes and ends:  # "تقدمت نحو الهول من محورين، الأول من جهة تل براك، والثاني من ...": a journey from each
        journeys = [_clean([o, e]) for o in axes for e in ends]
    made = [_movement(ann, frame, w, start, back) for w in journeys if len(w) >= 2]
    return made, _Told(tuple(way), tuple(ends), len(made), start, frame, guessed)


def _deployed_from_nowhere(ann: Annotated, frame: Frame, marks: Marks) -> bool:
    """Forces deployed or stationed somewhere with no origin of their own (`deploy_words`; "fighters from Mosul
    were deployed in Tal Afar" has one): where they stand, not a journey from a place told before ("while
    Kurdish forces deployed around Kirkuk city itself")."""
    if not word_forms(ann.word(frame.t0), endings=True) & cues()["deploy_words"]:
        return False
    return not any(s.role == "from" for s in frame.stops) and _origin_before(ann, frame, marks) is None


def movements_in(ann: Annotated, default_date: DateRef | None) -> list[Movement]:
    """The movements of the document, in text order; a text without a movement word has none."""
    trig_words = cues()["movement_triggers"]
    if not ann.words_in(0, len(ann.nt.tokens), "movement_triggers", trig_words, article=True, endings=True):
        return []
    out: list[Movement] = []
    marks = marks_of(ann)
    told: _Told | None = None
    for sent in ann.sentences:
        first, last = ann.tok_range(sent)
        triggers = ann.words_in(first, last, "movement_triggers", trig_words, article=True, endings=True)
        triggers = [t for t in triggers if moves(ann, t, last)]
        if not triggers:
            told = None  # nothing told here: the next sentence continues no journey
            continue
        if told and "\n" in ann.doc.text[told.frame.sent.end : sent.start]:
            told = None  # a journey continues within its paragraph only
        origin, now = None, None
        for seg in segments(ann, first, last, triggers):
            frame = frame_of(ann, seg, sent, marks)
            if frame is None:
                continue
            made, now = _tell(
                ann, frame, origin=origin, told=told if now is None else None, marks=marks, default_date=default_date
            )
            if told and told.made and now.start == told.start < sent.start:
                del out[-told.made :]  # the longer journey replaces the one it continues
            out += made
            origin = now.way[0] if now.way else origin
        told = now
    return out
