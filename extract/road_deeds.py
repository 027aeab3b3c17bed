"""What befalls a road: held, cut, closed, blocked, sealed, reopened, opened, secured,
under fire, contested, used; `extract.road_agents` then says who did it.

`deeds_on` finds the deed words that speak of a road: the nearest before it ("The
SDF cut the road", "بعد سيطرة قوات البيشمركة على طريق سنجار"), else one after it
in its clause or a relative clause on it ("the road, which the SDF controls",
"الذي بات تحت سيطرة قوات النظام", "طريق كركوك-أربيل ... تسيطر قوات البيشمركة على
الجزء الشمالي منه"). Aims ("to cut the road", "لقطع") and denials ("no longer",
"لم تعد مؤمنة") are no deeds, nor is a deed on something else: a place between
it and the road ("seized Hit, west of the road"), something near the road, a
place right after a later deed ("and ISIS captured Tal Afar"), a later road.
Every word is in `data/roads.json`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from extract.annotated import Annotated, PlaceTok
from extract.datafiles import load_json
from extract.lexicons import cues, words
from extract.matching import Lexicon, Match
from extract.road_ends import Road
from extract.types import ActorMention
from extract.wordforms import proclitic, word_forms
from geodata.names import normalize_name

_BEFORE_REACH = 8  # words a deed may stand before its road
_AFTER_REACH = 12  # words a deed may stand after its road
_ON_IT_REACH = 8  # more words for a deed on it ('عليه', 'of it')
_SHIFT_REACH = 4  # words a status shifter ('أعادت') may stand before its deed word
_TRY_REACH = 4  # words a word of trying ("حاولت") may stand before the deed tried
_JOINED_REACH = 3  # words from a joined deed ("rebel-held") to the road it describes


@dataclass(frozen=True, slots=True)
class Deed:
    """A deed word on a road: its status ("" for holding alone), whether its agent holds
    the road, whether the holder is named after it ("under X control"), its tokens, and
    whether it is a noun whose agent follows it ("سيطرة القوات الكردية على"), or a checkpoint on it (held by
    whose checkpoint it is, never by who attacked it)."""

    status: str
    holds: bool
    holder_after: bool
    first: int
    last: int
    nominal: bool = False
    checkpoint: bool = False


@cache
def _deed_lexicon() -> tuple[Lexicon, tuple[tuple[str, bool, bool, bool, bool], ...]]:
    """The deed phrases, each with (status, holds, holder after, nominal, checkpoint)."""
    raw = load_json("roads.json")
    holds = set(raw["road_status_holds"])
    after, nominal = words(raw["road_holder_after"]), words(raw["road_nominal_deeds"])
    kinds: list[tuple[str, bool, bool, bool, bool]] = []
    phrases: list[tuple[str, int]] = []
    lists = [("", raw["road_control"]), *raw["road_status"].items(), ("checkpoint", raw["road_checkpoints"])]
    for label, ws in lists:
        for w in ws:
            phrases.append((w, len(kinds)))
            key = normalize_name(w)
            point = label == "checkpoint"
            kinds.append(
                ("" if point else label, not label or label in holds or point, key in after, key in nominal, point)
            )
    return Lexicon.build(phrases), tuple(kinds)


@cache
def lexicon(*names: str) -> Lexicon:
    """The phrases of some lists of roads.json, each with the index of its list."""
    raw = load_json("roads.json")
    return Lexicon.build((w, i) for i, name in enumerate(names) for w in raw[name])


def status_text(deed: Deed, agent: ActorMention | None) -> str:
    """'cut by SDF', 'under fire from ISIS', 'reopened'; '' for holding alone."""
    if not deed.status or agent is None:
        return deed.status
    word = load_json("roads.json")["road_status_agent_word"].get(deed.status, "by")
    return f"{deed.status} {word} {agent.name}" if word else deed.status  # "contested": by no one in particular


def is_word(ann: Annotated, i: int, name: str) -> bool:
    return bool(word_forms(ann.word(i)) & cues()[name])


def _phrase_before(ann: Annotated, i: int, name: str) -> bool:
    """A word or two-word phrase of a list ends right before token i."""
    return is_word(ann, i - 1, name) or f"{ann.word(i - 2)} {ann.word(i - 1)}" in cues()[name]


def _deeds(ann: Annotated, first: int, last: int) -> list[tuple[Deed, bool]]:
    """Deed words in tokens first..last, each with whether it is real (not an aim, not negated).
    A deed word inside an actor's name is none ("جبهة فتح الشام"), but for a name ending in
    a joined deed ("ISIS-held")."""
    lex, kinds = _deed_lexicon()
    s, e = ann.nt.orig_starts[first], ann.nt.orig_ends[last]
    names = {t: a for a in ann.actors_in(first, last) for t in range(a.tok_first, a.tok_last + 1)}
    out = []
    for m in ann.matches(lex, s, e):
        a = names.get(m.tok_first)
        if a is not None and not (m.tok_first == a.tok_last > a.tok_first and ann.doc.text[m.start - 1] == "-"):
            continue
        status, holds, holder_after, nominal, point = kinds[lex.payloads(m)[0]]
        deed = Deed(_shifted(ann, status, m.tok_first), holds, holder_after, m.tok_first, m.tok_last, nominal, point)
        out.append((deed, not _aim_or_negated(ann, m)))
    return out


@cache
def _shifts() -> tuple[tuple[str, str, frozenset[str]], ...]:
    raw = load_json("roads.json")["road_status_shift"]
    return tuple((r["from"], to, words(r["words"])) for to, r in raw.items())


def _shifted(ann: Annotated, status: str, tok: int) -> str:
    """A status a word before the deed word changes ('أعادت قوات النظام فتح': reopened,
    'أحكمت القوات إغلاق': sealed)."""
    for before, after, marks in _shifts():
        if status == before and any(word_forms(ann.word(i)) & marks for i in range(max(0, tok - _SHIFT_REACH), tok)):
            return after
    return status


def _aim_or_negated(ann: Annotated, m: Match) -> bool:
    """'to cut the road', 'لقطع', 'لم تعد مؤمنة', 'no longer controls', 'would be secured'."""
    i = m.tok_first
    if m.prefix[-1:] in cues()["aim_proclitics"] or proclitic(ann.word(i)) in cues()["aim_proclitics"]:
        return True
    if ann.word(i - 1) in cues()["road_aim_before"]:
        return True
    if any(is_word(ann, j, "road_try_words") for j in range(max(0, i - _TRY_REACH), i)):
        return True  # "حاولت الفصائل مراراً قطع الطريق": a deed tried, not done
    return any(_phrase_before(ann, j, name) for j in (i, i - 1) for name in ("road_negations", "road_modals"))


def deeds_on(
    ann: Annotated, road: Road, roads: list[Road], places: list[PlaceTok], span: tuple[int, int], *, own_end: int = -1
) -> list[Deed]:
    """The deeds that speak of this road in its sentence (tokens `span`), the likeliest first: one whose
    doer holds the road (held, cut, reopened ...) before one whose doer does not (under fire, used), the
    nearest before the road before those after it. `places` are the sentence's places that are not the
    road's own."""
    first, last = span
    others = [r for r in roads if r != road]
    found = [
        (d, real)
        for d, real in _sentence_deeds(ann, first, last)
        if not _describes_other(ann, d, road) and not _of_other_noun(ann, d, road)
    ]
    reach = _BEFORE_REACH + (_ON_IT_REACH if _also_object(ann, road) else 0)  # a first object stands between
    before = [d for d, _ in found if d.last < road.first and _words_between(ann, d.last, road.first) <= reach]
    before = [d for d in before if not any(d.last < r.first < road.first for r in others)]
    before = [d for d in before if not is_word(ann, d.last, "road_pronoun_deeds")]  # "تأمينه": a road before it
    nearest = before[-1:] if before else []
    if nearest and not dict(found)[nearest[0]]:
        nearest = []  # the nearest deed is an aim or denied: nothing holds the road from before
    before = [d for d in nearest if _object_is_road(ann, d, road, places)]
    # "the highway that links Baghdad with Samarra and runs near Balad is dotted with ...": from Samarra
    told = max(road.last, own_end)
    after = [
        d
        for d, real in found
        if real
        and not is_word(ann, d.last, "road_deed_prepositions")  # "غارات على مواقع التنظيم": its object follows it
        and _speaks_after(ann, d, road, others=others, places=places, last=last, told=told)
    ]
    ranked = [*(d for d in before if d.holds), *(d for d in after if d.holds)]
    return list(dict.fromkeys([*_later(ann, road, after), *ranked, *before, *after]))


def _describes_other(ann: Annotated, d: Deed, road: Road) -> bool:
    """A deed joined to its holder ("rebel-controlled", "ISIS-held") describes the noun right after it: "the road
    linking Aleppo to the rebel-controlled province of Idlib" says nothing of the road, "the government-held
    Damascus-Homs highway" does (the road's words follow within a few)."""
    text, nt = ann.doc.text, ann.nt
    at = nt.orig_starts[d.first]
    if at == 0 or text[at - 1] != "-" or d.last + 1 >= len(nt.tokens):
        return False
    if text[nt.orig_ends[d.last] : nt.orig_starts[d.last + 1]].strip():
        return False  # "the road is rebel-held, ...": said of what comes before it
    return not (road.first <= d.last + 1 <= road.last or d.last < road.first <= d.last + _JOINED_REACH)


def _of_other_noun(ann: Annotated, d: Deed, road: Road) -> bool:
    """A deed right after a noun of a place told after the road describes that place: "the road to Idlib,
    a province controlled by rebels", "الطريق بين حلب وإدلب، المحافظة الخاضعة لسيطرة المعارضة"."""
    return d.first - 1 > road.last and is_word(ann, d.first - 1, "road_other_nouns")


def _later(ann: Annotated, road: Road, after: list[Deed]) -> list[Deed]:
    """A deed told after a word of what came next is the road's state now, when a pronoun takes the road
    back or the word stands right before it: "closed all day before the army reopened it", "ثم أعادت
    القوات الأمنية فتحه", "was closed by ISIS and later reopened by troops". After "after"/"بعد" it came
    first ("reopened after ISIS had cut it"), and the earlier deed stays the road's."""
    for d in after:
        pronoun = is_word(ann, d.last, "road_pronoun_deeds") or is_word(ann, d.last + 1, "road_pronoun_objects")
        reach = range(road.last + 1, d.first) if pronoun else range(max(road.last + 1, d.first - 2), d.first)
        if d.holds and any(is_word(ann, i, "road_later_words") for i in reach):
            return [d]
    return []


def _words_between(ann: Annotated, lo: int, hi: int) -> int:
    """How far token hi stands after token lo, not counting an aside set off by two commas between them
    ('ويسيطر مجلس منبج العسكري، المنضوي في قوات سوريا الديمقراطية، على الطريق')."""
    commas = [i for i in range(lo + 1, hi + 1) if ann.comma_before(i)]
    if len(commas) < 2:
        return hi - lo
    return hi - lo - (commas[1] - commas[0])


def _sentence_deeds(ann: Annotated, first: int, last: int) -> list[tuple[Deed, bool]]:
    """`_deeds` of a sentence, read once for all the roads it names (a third of road sentences name two)."""
    memo = ann.memo("road deeds")
    got: list[tuple[Deed, bool]] | None = memo.get((first, last))
    if got is None:
        got = memo[first, last] = _deeds(ann, first, last)
    return got


def _also_object(ann: Annotated, road: Road) -> bool:
    """The road is a deed's second object: "وعلى" / "and" stands right before it (an article between), or "و" is
    written onto its word ("والطريق")."""
    before = road.first - 1 - (ann.word(road.first - 1) in ("the", "its"))
    return is_word(ann, before, "road_also_objects") or proclitic(ann.word(road.first)) == "و"


def _object_is_road(ann: Annotated, d: Deed, road: Road, places: list[PlaceTok]) -> bool:
    """Something near the road is the deed's object ('retook villages near the road'), and so is a
    place between the deed and the road ('seized Hit, west of the road to Baghdad'), unless the road runs
    through it ('captured Qalamun, through which the highway runs')."""
    if _also_object(ann, road):
        # "يسيطر على مدينة الشدادي، وعلى الطريق الواصل بين ...", "holds Shaddadi and the road to", "غارات على محيط
        # الرستن والطريق الدولي": what stands before "and" is the first object's
        return True
    gap = range(d.last + 1, road.first)
    if any(is_word(ann, i, "road_off_words") or is_word(ann, i, "road_position_words") for i in gap):
        return False  # "retook villages near the road", "seized the area west of the road"
    between = [p for p in places if d.last < p.tok_first and p.tok_last < road.first]
    if not between or _names_the_road(ann, between, road):
        return True
    return any(is_word(ann, i, "road_through_words") for i in range(between[-1].tok_last + 1, road.first))


def _names_the_road(ann: Annotated, between: list[PlaceTok], road: Road) -> bool:
    """The places right before the road word are its name, two joined by a dash: "closed the Baghdad-Basra
    highway between Nasiriyah and Samawah" (the stretch told after it is where the road runs)."""
    if len(between) < 2 or between[-1].tok_last + 1 != road.first:
        return False
    a, b = between[-2].place, between[-1].place
    return ann.doc.text[a.end : b.start].strip() in ("-", "–", "—")


def _outside_asides(ann: Annotated, a: int, b: int) -> int:
    """Words from token a to token b, not counting an aside between commas ("The road linking Qamishlo to
    Hasakah, the provincial capital about 80 km to the south, was closed")."""
    n, inside = 0, False
    for i in range(a + 1, b + 1):
        if ann.comma_before(i):
            inside = not inside
        n += not inside or i == b
    return n


def _next_road(ann: Annotated, d: Deed, r: Road) -> bool:
    """Road r follows the deed closely, in its clause: the deed may be that road's ("took control, cutting
    the highway"), not one named before it ("تحت سيطرة الوحدات، وهو ما يقطع خطوط إمداد": a comma between)."""
    return d.last < r.first <= d.last + _BEFORE_REACH and not any(
        ann.comma_before(i) for i in range(d.last + 1, r.first + 1)
    )


def _speaks_after(
    ann: Annotated, d: Deed, road: Road, *, others: list[Road], places: list[PlaceTok], last: int, told: int
) -> bool:
    """A deed after the road speaks of it: close enough to the road's last own word or place (`told`), in the
    road's clause or a relative clause on it ('which the SDF controls', 'الذي بات تحت سيطرة'), no other road between or
    closely after, and no other place as its object ('and ISIS captured Tal Afar')."""
    glued = is_word(ann, d.last, "road_pronoun_deeds")  # "بعد أن تولت البيشمركة تأمينه": its object told before
    on_it = glued or any(is_word(ann, i, "road_pronoun_objects") for i in (d.last + 1, d.last + 2))
    if not (
        road.last < d.first and _outside_asides(ann, told, d.first) <= _AFTER_REACH + (_ON_IT_REACH if on_it else 0)
    ):
        return False
    if any(road.last < r.first < d.first or (not glued and _next_road(ann, d, r)) for r in others):
        return False
    gap = range(road.last + 1, d.first)
    breaks = (is_word(ann, i, "road_clause_breaks") and not is_word(ann, i, "road_link_fillers") for i in gap)
    if not on_it and any(breaks):
        return False  # but "..., after government forces took control of it", "بعد أن فرضت القوات سيطرتها عليه"
    nxt = d.last + 1
    while nxt <= min(last, d.last + 3) and is_word(ann, nxt, "feature_words"):
        nxt += 1
    return not any(p.tok_first == nxt for p in places)
